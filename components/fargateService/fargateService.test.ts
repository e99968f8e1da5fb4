import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import {
    jsonInput,
    ofType,
    planComponent,
    planRefusal,
    resource,
    statementsBySid,
} from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import { FargateService, type FargateServiceArgs } from "./fargateService";

const ARN = (what: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${what}`;
const EFS = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1";
const AP = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1";
const SESSIONS_KEY = "arn:aws:kms:us-east-1:123456789012:key/sessions";
const EXEC_LOGS = "arn:aws:logs:us-east-1:123456789012:log-group:exec";

const base = (): FargateServiceArgs => ({
    cluster: {
        clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/apps",
        clusterName: "apps",
        execLogGroupArn: EXEC_LOGS,
        sessionsKmsKeyArn: SESSIONS_KEY,
    },
    region: "us-east-1",
    containers: [
        {
            name: "shiny",
            image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/shiny@sha256:" + "a".repeat(64),
            user: "shiny",
            environment: { APP_MODE: "production" },
            secrets: { DB_PASSWORD: { secretArn: ARN("db"), jsonKey: "password" } },
            writablePaths: { tmp: "/tmp" },
            fileSystemMounts: { apps: { path: "/srv/shiny-server", readOnly: true } },
            ports: [3838],
        },
    ],
    fileSystems: {
        apps: {
            fileSystemId: "fs-1",
            fileSystemArn: EFS,
            accessPointId: "fsap-1",
            accessPointArn: AP,
            readOnly: true,
        },
    },
    logs: { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs", retentionDays: 365 },
    secretsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/secrets",
    taskPolicy: [
        {
            Sid: "ReadData",
            Effect: "Allow",
            Action: ["s3:GetObject"],
            Resource: "arn:aws:s3:::data/*",
        },
    ],
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
});

const plan = (args: FargateServiceArgs) =>
    planComponent((opts) => new FargateService("shiny", args, opts));

describe("FargateService", () => {
    it("runs tasks privately with no public IP, in an egress-only group, rolled back on failure, with audited ECS Exec", async () => {
        const p = await plan(base());
        const service = resource(p, "aws:ecs/service:Service", "shiny");
        const group = resource(p, "aws:ec2/securityGroup:SecurityGroup", "shiny");
        expect(service.inputs).to.deep.include({
            launchType: "FARGATE",
            deploymentCircuitBreaker: { enable: true, rollback: true },
            enableExecuteCommand: true,
            deploymentMinimumHealthyPercent: 100,
            deploymentMaximumPercent: 200,
            desiredCount: 1,
            waitForSteadyState: true,
        });
        const network = service.inputs.networkConfiguration as Record<string, unknown>;
        expect(network.assignPublicIp).to.equal(false);
        expect(network.subnets).to.deep.equal(["subnet-a", "subnet-b"]);
        expect(network.securityGroups).to.have.length(1);
        expect(service.propertyDependencies.networkConfiguration).to.include(group.urn);
        const egress = ofType(p, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        expect(
            egress.map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]),
        ).to.deep.equal([[443, 443, "0.0.0.0/0"]]);
        expect(
            ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
        ).to.deep.equal([]);
        expect(service.inputs).not.to.have.property("loadBalancers");
        expect(ofType(p, "aws:appautoscaling/target:Target")).to.deep.equal([]);
    });

    it("makes an execution role that reads exactly the containers' secrets, and a task role with the caller's grants, the mounts and ECS Exec", async () => {
        const p = await plan(base());
        const execution = statementsBySid(
            jsonInput<PolicyDocument>(
                resource(p, "aws:iam/policy:Policy", "shiny-execution"),
                "policy",
            ),
        );
        expect(execution.ReadTaskSecrets.Resource).to.deep.equal([ARN("db")]);
        expect(execution.DecryptTaskSecrets.Resource).to.equal(
            "arn:aws:kms:us-east-1:123456789012:key/secrets",
        );
        expect(execution.PullImage.Resource).to.equal("*");
        const task = statementsBySid(
            jsonInput<PolicyDocument>(resource(p, "aws:iam/policy:Policy", "shiny-task"), "policy"),
        );
        expect(Object.keys(task).sort()).to.deep.equal([
            "EcsExecChannels",
            "EcsExecFindLogGroup",
            "EcsExecSessionEncryption",
            "EcsExecSessionLogs",
            "Mountapps",
            "ReadData",
        ]);
        // Read-only mount: ClientMount without ClientWrite, through its access point only.
        expect(task.Mountapps).to.deep.include({
            Action: ["elasticfilesystem:ClientMount"],
            Resource: EFS,
            Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": AP } },
        });
        expect(task.EcsExecSessionEncryption.Resource).to.equal(SESSIONS_KEY);
        expect(task.EcsExecSessionLogs.Resource).to.equal(`${EXEC_LOGS}:*`);
        for (const role of ["shiny-execution", "shiny-task"]) {
            const trust = jsonInput<PolicyDocument>(
                resource(p, "aws:iam/role:Role", role),
                "assumeRolePolicy",
            );
            expect(trust.Statement[0].Principal).to.deep.equal({
                Service: "ecs-tasks.amazonaws.com",
            });
            expect(trust.Statement[0].Condition).to.have.nested.property(
                "StringEquals.aws:SourceAccount",
            );
        }
    });

    it("mounts shared file systems through their access points with TLS and IAM authorization, and logs under the logs key", async () => {
        const p = await plan(base());
        const task = resource(p, "aws:ecs/taskDefinition:TaskDefinition", "shiny");
        expect(task.inputs.volumes).to.deep.equal([
            { name: "tmp" },
            {
                name: "apps",
                efsVolumeConfiguration: {
                    fileSystemId: "fs-1",
                    transitEncryption: "ENABLED",
                    authorizationConfig: { accessPointId: "fsap-1", iam: "ENABLED" },
                },
            },
        ]);
        const [container] = JSON.parse(task.inputs.containerDefinitions as string);
        expect(container.mountPoints).to.deep.equal([
            { sourceVolume: "tmp", containerPath: "/tmp", readOnly: false },
            { sourceVolume: "apps", containerPath: "/srv/shiny-server", readOnly: true },
        ]);
        expect(container.readonlyRootFilesystem).to.equal(true);
        expect(container.logConfiguration.options["awslogs-stream-prefix"]).to.equal("shiny");
        const logs = resource(p, "aws:cloudwatch/logGroup:LogGroup", "shiny");
        expect(logs.inputs).to.include({
            kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/logs",
            retentionInDays: 365,
        });
        expect(task.inputs).to.include({
            family: "shiny",
            networkMode: "awsvpc",
            cpu: "512",
            memory: "1024",
        });
    });

    it("registers with the load balancer and scales on CPU and on requests per task; the autoscaler owns the count", async () => {
        const p = await plan({
            ...base(),
            loadBalancer: {
                targetGroupArn:
                    "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shiny/1",
                containerName: "shiny",
                containerPort: 3838,
                targetSecurityGroupId: "sg-targets",
                requestCountLabel: "app/web/abcd/targetgroup/shiny/1",
            },
            scaling: { minTasks: 2, maxTasks: 6, cpuTargetPercent: 50 },
        });
        const service = resource(p, "aws:ecs/service:Service", "shiny");
        expect(service.inputs.loadBalancers).to.deep.equal([
            {
                targetGroupArn:
                    "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shiny/1",
                containerName: "shiny",
                containerPort: 3838,
            },
        ]);
        expect(
            (service.inputs.networkConfiguration as { securityGroups: string[] }).securityGroups,
        ).to.include("sg-targets");
        expect(service.inputs).to.include({ desiredCount: 2, healthCheckGracePeriodSeconds: 120 });
        expect(service.options.ignoreChanges).to.deep.equal(["desiredCount"]);
        expect(resource(p, "aws:appautoscaling/target:Target", "shiny").inputs).to.include({
            minCapacity: 2,
            maxCapacity: 6,
        });
        const metric = (name: string) =>
            (resource(p, "aws:appautoscaling/policy:Policy", name).inputs as any)
                .targetTrackingScalingPolicyConfiguration;
        expect(metric("shiny-cpu").targetValue).to.equal(50);
        expect(metric("shiny-requests")).to.deep.include({
            targetValue: 600,
            predefinedMetricSpecification: {
                predefinedMetricType: "ALBRequestCountPerTarget",
                resourceLabel: "app/web/abcd/targetgroup/shiny/1",
            },
        });
    });

    it("uses the roles, log group and security groups it is given, and makes none of them", async () => {
        const p = await plan({
            ...base(),
            logs: undefined,
            logGroup: {
                name: "shared",
                arn: "arn:aws:logs:us-east-1:123456789012:log-group:shared",
            },
            executionRole: { arn: "arn:aws:iam::123456789012:role/execution" },
            taskRole: { arn: "arn:aws:iam::123456789012:role/task" },
            taskPolicy: undefined,
            securityGroupIds: ["sg-own"],
            vpcId: undefined,
        });
        for (const type of [
            "aws:iam/role:Role",
            "aws:iam/policy:Policy",
            "aws:cloudwatch/logGroup:LogGroup",
            "aws:ec2/securityGroup:SecurityGroup",
        ]) {
            expect(ofType(p, type), type).to.deep.equal([]);
        }
        const task = resource(p, "aws:ecs/taskDefinition:TaskDefinition", "shiny");
        expect(task.inputs).to.include({
            executionRoleArn: "arn:aws:iam::123456789012:role/execution",
            taskRoleArn: "arn:aws:iam::123456789012:role/task",
        });
        expect(
            JSON.parse(task.inputs.containerDefinitions as string)[0].logConfiguration.options,
        ).to.include({
            "awslogs-group": "shared",
        });
        expect(
            (resource(p, "aws:ecs/service:Service", "shiny").inputs.networkConfiguration as any)
                .securityGroups,
        ).to.deep.equal(["sg-own"]);
    });

    it("moves resources another component declared, by alias, under their old names too", async () => {
        class Previous extends pulumi.ComponentResource {
            constructor(opts?: pulumi.ComponentResourceOptions) {
                super("test:index:Previous", "old", {}, opts);
                new FargateService(
                    "web",
                    {
                        ...base(),
                        scaling: { minTasks: 1, maxTasks: 2 },
                        previous: { parent: this, names: { cpuScaling: "old-cpu" } },
                    },
                    { parent: this },
                );
                this.registerOutputs({});
            }
        }
        const p = await planComponent((opts) => new Previous(opts));
        const old = "urn:pulumi:unit::test::test:index:Previous$";
        expect(resource(p, "aws:ecs/service:Service", "web").options.aliases).to.deep.equal([
            `${old}aws:ecs/service:Service::web`,
        ]);
        expect(
            resource(p, "aws:appautoscaling/policy:Policy", "web-cpu").options.aliases,
        ).to.deep.equal([`${old}aws:appautoscaling/policy:Policy::old-cpu`]);
    });

    const refusals: [string, (a: FargateServiceArgs) => FargateServiceArgs, string][] = [
        [
            "both a log group and logs",
            (a) => ({ ...a, logGroup: { name: "x", arn: "y" } }),
            "logGroup/logs must be exactly one",
        ],
        [
            "a retention CloudWatch does not offer",
            (a) => ({ ...a, logs: { kmsKeyArn: "k", retentionDays: 100 } }),
            "logs.retentionDays 100 is not allowed",
        ],
        [
            "a size Fargate does not run",
            (a) => ({ ...a, cpu: 512, memory: 512 }),
            "cpu/memory memory 512 is not allowed with cpu 512",
        ],
        [
            "a mount of an unknown file system",
            (a) => ({ ...a, fileSystems: {} }),
            'fileSystemMounts volume "apps" is not among fileSystems (none)',
        ],
        [
            "a load balancer port the container does not listen on",
            (a) => ({
                ...a,
                loadBalancer: {
                    targetGroupArn: "t",
                    containerName: "shiny",
                    containerPort: 80,
                    targetSecurityGroupId: "sg",
                },
            }),
            'loadBalancer.containerPort 80 is not a port of container "shiny" (3838)',
        ],
        [
            "a fixed count with autoscaling",
            (a) => ({ ...a, desiredCount: 2, scaling: { minTasks: 1, maxTasks: 2 } }),
            "desiredCount is set together with scaling",
        ],
        [
            "secrets without their key",
            (a) => ({ ...a, secretsKmsKeyArn: undefined }),
            "secretsKmsKeyArn is unset",
        ],
        [
            "more than 200 % during deployments",
            (a) => ({ ...a, maximumPercent: 300 }),
            "maximumPercent 300 is not allowed",
        ],
        [
            "no security group and no VPC to make one in",
            (a) => ({ ...a, vpcId: undefined }),
            "vpcId is unset",
        ],
        [
            "a grant for a role it does not make",
            (a) => ({ ...a, taskRole: { arn: "r" } }),
            "taskPolicy applies only to the task role made here",
        ],
    ];
    for (const [what, change, message] of refusals) {
        it(`refuses ${what}, naming the argument, before declaring anything`, async () => {
            const { message: got, plan: p } = await planRefusal(
                (opts) => new FargateService("shiny", change(base()), opts),
            );
            expect(got).to.include(`FargateService shiny: `).and.include(message);
            expect(
                p.resources.filter((r) => r.custom && r.type !== "pulumi:providers:aws"),
            ).to.deep.equal([]);
        });
    }
    describe("sleep schedule", () => {
        const SLEEP = {
            timezone: "America/New_York",
            wake: "cron(0 7 ? * MON-FRI *)",
            sleep: "cron(0 19 ? * MON-FRI *)",
        };
        const actions = (p: Awaited<ReturnType<typeof plan>>) =>
            Object.fromEntries(
                ofType(p, "aws:appautoscaling/scheduledAction:ScheduledAction").map((a) => [
                    a.name,
                    a,
                ]),
            );

        it("scales an autoscaled service to zero at sleep and back to its bounds at wake", async () => {
            const p = await plan({
                ...base(),
                scaling: { minTasks: 2, maxTasks: 5 },
                sleep: SLEEP,
            });
            const target = resource(p, "aws:appautoscaling/target:Target", "shiny");
            const { "shiny-sleep": sleep, "shiny-wake": wake } = actions(p);
            expect(sleep.inputs).to.deep.include({
                name: "sleep",
                serviceNamespace: "ecs",
                scalableDimension: "ecs:service:DesiredCount",
                schedule: "cron(0 19 ? * MON-FRI *)",
                timezone: "America/New_York",
                scalableTargetAction: { minCapacity: 0, maxCapacity: 0 },
            });
            expect(wake.inputs).to.deep.include({
                name: "wake",
                schedule: "cron(0 7 ? * MON-FRI *)",
                timezone: "America/New_York",
                scalableTargetAction: { minCapacity: 2, maxCapacity: 5 },
            });
            // On the service's own scalable target, and the schedule owns the count.
            for (const action of [sleep, wake]) {
                expect(action.propertyDependencies.resourceId).to.deep.equal([target.urn]);
            }
            const service = resource(p, "aws:ecs/service:Service", "shiny");
            expect(service.options.ignoreChanges).to.deep.equal(["desiredCount"]);
        });

        it("gives a service without autoscaling a target fixed at its count, so it can sleep too", async () => {
            const p = await plan({ ...base(), desiredCount: 1, sleep: SLEEP });
            const target = resource(p, "aws:appautoscaling/target:Target", "shiny");
            expect(target.inputs).to.include({ minCapacity: 1, maxCapacity: 1 });
            expect(ofType(p, "aws:appautoscaling/policy:Policy")).to.deep.equal([]);
            expect(actions(p)["shiny-wake"].inputs.scalableTargetAction).to.deep.equal({
                minCapacity: 1,
                maxCapacity: 1,
            });
            expect(actions(p)["shiny-sleep"].inputs.scalableTargetAction).to.deep.equal({
                minCapacity: 0,
                maxCapacity: 0,
            });
        });

        it("has no scheduled actions without a sleep schedule", async () => {
            const p = await plan({ ...base(), desiredCount: 1 });
            expect(ofType(p, "aws:appautoscaling/scheduledAction:ScheduledAction")).to.deep.equal(
                [],
            );
        });

        it("refuses a schedule that is not a six-field cron", async () => {
            const { message, plan: p } = await planRefusal(
                (opts) =>
                    new FargateService(
                        "shiny",
                        { ...base(), sleep: { ...SLEEP, sleep: "19:00" } },
                        opts,
                    ),
            );
            expect(message).to.contain('sleep.sleep "19:00" is not allowed');
            expect(ofType(p, "aws:ecs/service:Service")).to.deep.equal([]);
        });
    });
});
