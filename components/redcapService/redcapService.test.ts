import * as aws from "@pulumi/aws";
import { expect } from "chai";
import type { Plan, PlanResource } from "../../tools/synth/plan";
import {
    jsonInput,
    ofType,
    planComponent,
    planRefusal,
    resource,
    statementsBySid,
} from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import { RedcapService, type RedcapServiceArgs } from "./redcapService";
import { containerDefinition, WRITABLE_PATHS } from "./taskSettings";

// A listener stands in for the load balancer's (its own provider does not matter here).
const testListener = () =>
    new aws.lb.Listener("https", {
        loadBalancerArn: "arn:lb",
        port: 443,
        protocol: "HTTPS",
        defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
    });
const ARN = (kind: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${kind}-AbCdEf`;
function base(listener: aws.lb.Listener): RedcapServiceArgs {
    return {
        vpcId: "vpc-0123456789abcdef0",
        vpcCidrBlock: "10.40.0.0/16",
        subnetIds: ["subnet-app-a", "subnet-app-b"],
        region: "us-east-1",
        image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/redcap:15.0.1",
        repositoryArn: "arn:aws:ecr:us-east-1:123456789012:repository/redcap",
        loadBalancer: {
            targetGroupArn:
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123",
            arnSuffix: "app/web/abcd",
            targetGroupArnSuffix: "targetgroup/web/0123",
            targetSecurityGroupId: "sg-targets",
            listener,
        },
        database: {
            host: "redcap.cluster-x.us-east-1.rds.amazonaws.com",
            name: "redcap",
            appSecretArn: ARN("db-app"),
            schemaSecretArn: ARN("db-schema"),
            clientSecurityGroupId: "sg-db-clients",
        },
        mail: {
            smtpHost: "email-smtp.us-east-1.amazonaws.com",
            smtpPort: 587,
            smtpSecretArn: ARN("smtp"),
            fromAddress: "redcap@example.edu",
        },
        files: {
            bucketName: "files-uploads-0123456",
            bucketArn: "arn:aws:s3:::files-uploads-0123456",
            filesKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/files",
            accessKeySecretArn: ARN("s3-key"),
        },
        baseUrl: "https://redcap.example.edu",
        secretsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/secrets",
        logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs",
        logRetentionDays: 365,
    };
}

const planService = (extra: Partial<RedcapServiceArgs> = {}) =>
    planComponent((opts) => {
        const listener = testListener();
        new RedcapService("app", { ...base(listener), ...extra }, opts);
    });

const containers = (task: PlanResource) =>
    JSON.parse(task.inputs.containerDefinitions as string) as Record<string, any>[];

describe("containerDefinition", () => {
    it("refuses a secret-looking name in environment", () => {
        expect(() =>
            containerDefinition({
                name: "x",
                image: "i",
                port: 8080,
                environment: { DB_PASSWORD: "p" },
                secrets: {},
                logGroupName: "g",
                region: "us-east-1",
                logStreamPrefix: "x",
                healthCheck: true,
            }),
        ).to.throw("DB_PASSWORD looks secret and must be passed in secrets, not environment");
    });
});

describe("RedcapService", () => {
    let plan: Plan;
    before(async () => {
        plan = await planService({ protect: true, minTasks: 2, maxTasks: 10 });
    });

    it("runs a Fargate task of the configured size with a read-only root filesystem and writable volumes", () => {
        const task = resource(plan, "aws:ecs/taskDefinition:TaskDefinition", "app-web");
        expect(task.inputs).to.deep.include({
            cpu: "2048",
            memory: "4096",
            networkMode: "awsvpc",
            requiresCompatibilities: ["FARGATE"],
        });
        expect(task.inputs.runtimePlatform).to.deep.equal({
            operatingSystemFamily: "LINUX",
            cpuArchitecture: "X86_64",
        });
        const [redcap] = containers(task);
        expect(redcap).to.deep.include({ readonlyRootFilesystem: true, privileged: false });
        expect(
            redcap.mountPoints.map((m: { containerPath: string }) => m.containerPath),
        ).to.have.members(Object.values(WRITABLE_PATHS));
        expect((task.inputs.volumes as { name: string }[]).map((v) => v.name)).to.have.members(
            Object.keys(WRITABLE_PATHS),
        );
        expect(redcap.logConfiguration.logDriver).to.equal("awslogs");
        expect(redcap.healthCheck.command[1]).to.include("/health.php");
    });

    it("passes secrets only through valueFrom, never in environment", () => {
        for (const task of ofType(plan, "aws:ecs/taskDefinition:TaskDefinition")) {
            for (const container of containers(task)) {
                const env = Object.fromEntries(
                    container.environment.map((e: { name: string; value: string }) => [
                        e.name,
                        e.value,
                    ]),
                );
                for (const name of Object.keys(env)) {
                    expect(name).not.to.match(/PASSWORD|SECRET|SALT|TOKEN/);
                }
                const secrets = Object.fromEntries(
                    container.secrets.map((s: { name: string; valueFrom: string }) => [
                        s.name,
                        s.valueFrom,
                    ]),
                );
                // Only the setup task connects as the schema user.
                const dbUser = task.name === "app-setup" ? "db-schema" : "db-app";
                expect(secrets.REDCAP_DB_PASSWORD).to.equal(`${ARN(dbUser)}:password::`);
                expect(secrets.SMTP_PASSWORD).to.equal(`${ARN("smtp")}:password::`);
                expect(secrets.S3_SECRET_ACCESS_KEY).to.equal(`${ARN("s3-key")}:secretAccessKey::`);
                expect(secrets.REDCAP_SALT).to.match(
                    /^arn:aws:secretsmanager:us-east-1:123456789012:secret:app-salt-/,
                );
                expect(env.REDCAP_DB_HOST).to.equal("redcap.cluster-x.us-east-1.rds.amazonaws.com");
            }
        }
    });

    it("gives the execution role exactly the image, the logs and the five secrets", () => {
        const policy = statementsBySid(
            jsonInput<PolicyDocument>(
                resource(plan, "aws:iam/policy:Policy", "app-execution"),
                "policy",
            ),
        );
        expect(policy.PullImage.Resource).to.equal(
            "arn:aws:ecr:us-east-1:123456789012:repository/redcap",
        );
        expect(policy.ReadTaskSecrets.Resource).to.have.length(4);
        expect(policy.ReadTaskSecrets.Resource).to.include.members([
            ARN("db-app"),
            ARN("smtp"),
            ARN("s3-key"),
        ]);
        expect(policy.DecryptTaskSecrets.Resource).to.equal(
            "arn:aws:kms:us-east-1:123456789012:key/secrets",
        );
    });

    it("gives the task role its bucket, its key and ECS Exec, nothing else", () => {
        const policy = jsonInput<PolicyDocument>(
            resource(plan, "aws:iam/policy:Policy", "app-task"),
            "policy",
        );
        const resources = policy.Statement.flatMap((s) => [s.Resource].flat()).filter(
            (r) => r !== "*",
        );
        expect(resources).to.have.length(4);
        expect(resources).to.include.members([
            "arn:aws:s3:::files-uploads-0123456",
            "arn:aws:s3:::files-uploads-0123456/*",
            "arn:aws:kms:us-east-1:123456789012:key/files",
        ]);
        expect(resources.find((r) => String(r).startsWith("arn:aws:logs:"))).to.match(
            /^arn:aws:logs:us-east-1:123456789012:log-group:app-exec-[0-9a-f]{7}:\*$/,
        );
        const wildcard = policy.Statement.filter((s) => s.Resource === "*").flatMap(
            (s) => s.Action,
        );
        expect(wildcard).to.have.members([
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
            "logs:DescribeLogGroups",
        ]);
    });

    it("runs the service in private subnets with no public IP, behind the load balancer, with rollback and ECS Exec", () => {
        const service = resource(plan, "aws:ecs/service:Service", "app-web");
        expect(service.inputs.networkConfiguration).to.deep.include({
            assignPublicIp: false,
            subnets: ["subnet-app-a", "subnet-app-b"],
        });
        expect(
            (service.inputs.networkConfiguration as { securityGroups: string[] }).securityGroups,
        ).to.include.members(["sg-targets", "sg-db-clients"]);
        expect(service.inputs).to.deep.include({
            deploymentCircuitBreaker: { enable: true, rollback: true },
            deploymentMinimumHealthyPercent: 100,
            deploymentMaximumPercent: 200,
            enableExecuteCommand: true,
            platformVersion: "LATEST",
        });
        expect(service.options.ignoreChanges).to.deep.equal(["desiredCount"]);
        expect(service.options.dependsOn).to.include(
            resource(plan, "aws:lb/listener:Listener", "https").urn,
        );
    });

    it("runs exactly one cron runner, never two at once, unreachable from the load balancer", () => {
        const cron = resource(plan, "aws:ecs/service:Service", "app-cron");
        expect(cron.inputs).to.deep.include({
            desiredCount: 1,
            deploymentMinimumHealthyPercent: 0,
            deploymentMaximumPercent: 100,
        });
        expect(cron.inputs).not.to.have.property("loadBalancers");
        expect(
            (cron.inputs.networkConfiguration as { securityGroups: string[] }).securityGroups,
        ).not.to.include("sg-targets");
        const [container] = containers(
            resource(plan, "aws:ecs/taskDefinition:TaskDefinition", "app-cron"),
        );
        expect(container.command.join(" ")).to.equal(
            "bash -c while true; do php /var/www/html/cron.php; sleep 60; done",
        );
        expect(container.portMappings).to.deep.equal([]);
    });

    it("runs the one-off setup task, and rolls out both services only after it succeeded", () => {
        const [container] = containers(
            resource(plan, "aws:ecs/taskDefinition:TaskDefinition", "app-setup"),
        );
        expect(container.command).to.deep.equal(["php", "/usr/local/lib/redcap/redcap-setup.php"]);
        const invocation = resource(plan, "aws:lambda/invocation:Invocation", "app-setup");
        const setupTask = resource(plan, "aws:ecs/taskDefinition:TaskDefinition", "app-setup");
        expect(invocation.propertyDependencies.triggers).to.include(setupTask.urn);
        for (const service of ["app-web", "app-cron"]) {
            expect(
                resource(plan, "aws:ecs/service:Service", service).options.dependsOn,
                service,
            ).to.include(invocation.urn);
        }
        const policy = statementsBySid(
            jsonInput<PolicyDocument>(
                resource(plan, "aws:iam/policy:Policy", "app-setup"),
                "policy",
            ),
        );
        expect(policy.RunSetupTaskInItsCluster.Resource).to.equal(
            "arn:aws:ecs:us-east-1:123456789012:task-definition/app-setup:*",
        );
        expect(policy.RunSetupTaskInItsCluster.Condition?.ArnEquals["ecs:cluster"]).to.match(
            /^arn:aws:ecs:us-east-1:123456789012:cluster\//,
        );
        expect(policy.HandTheTaskItsRoles.Resource).to.have.length(2);
        expect(policy.HandTheTaskItsRoles.Condition).to.deep.equal({
            StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
        });
    });

    it("scales between min and max on CPU and on requests per task", () => {
        const target = resource(plan, "aws:appautoscaling/target:Target", "app-web");
        expect(target.inputs).to.include({
            minCapacity: 2,
            maxCapacity: 10,
            scalableDimension: "ecs:service:DesiredCount",
        });
        const requests = resource(plan, "aws:appautoscaling/policy:Policy", "app-requests");
        expect(
            (requests.inputs.targetTrackingScalingPolicyConfiguration as any)
                .predefinedMetricSpecification,
        ).to.deep.equal({
            predefinedMetricType: "ALBRequestCountPerTarget",
            resourceLabel: "app/web/abcd/targetgroup/web/0123",
        });
        const cpu = resource(plan, "aws:appautoscaling/policy:Policy", "app-cpu");
        expect((cpu.inputs.targetTrackingScalingPolicyConfiguration as any).targetValue).to.equal(
            60,
        );
    });

    it("audits ECS Exec sessions into an encrypted log group and keeps the salt in prod", () => {
        const cluster = resource(plan, "aws:ecs/cluster:Cluster", "app");
        expect(cluster.inputs.settings).to.deep.equal([
            { name: "containerInsights", value: "enabled" },
        ]);
        expect((cluster.inputs.configuration as any).executeCommandConfiguration.logging).to.equal(
            "OVERRIDE",
        );
        for (const group of ofType(plan, "aws:cloudwatch/logGroup:LogGroup")) {
            expect(group.inputs.kmsKeyId).to.equal("arn:aws:kms:us-east-1:123456789012:key/logs");
        }
        expect(
            resource(plan, "random:index/randomPassword:RandomPassword", "app-salt").options
                .protect,
        ).to.equal(true);
        expect(
            resource(plan, "aws:secretsmanager/secretVersion:SecretVersion", "app-salt").inputs
                .secretString,
        ).to.equal("[secret]");
    });

    for (const [extra, message] of [
        [
            { cpu: 2048, memory: 2048 },
            "memory 2048 is not allowed with cpu 2048; expected 4096 to 16384 MiB in steps of 1024",
        ],
        [{ cpu: 3000 }, "cpu 3000 is not a Fargate size"],
        [
            { minTasks: 3, maxTasks: 2 },
            "maxTasks 2 is not allowed; expected a whole number from 3 to 100",
        ],
        [{ architecture: "arm" }, 'architecture "arm" is not allowed'],
        [{ timezone: "Eastern Time" }, 'timezone "Eastern Time" is not allowed'],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)}`, async () => {
            const { message: refused } = await planRefusal((opts) => {
                const listener = testListener();
                new RedcapService(
                    "app",
                    { ...base(listener), ...(extra as Partial<RedcapServiceArgs>) },
                    opts,
                );
            });
            expect(refused).to.include(message);
        });
    }
});
