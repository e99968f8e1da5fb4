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
import { REDCAP_CONTAINER } from "../bastionOrSsm/accessCommands";
import type { PolicyDocument } from "../iam/policyDocument";
import { RedcapService, type RedcapServiceArgs } from "./redcapService";
import { WRITABLE_PATHS } from "./taskSettings";

// A listener stands in for the load balancer's (its own provider does not matter here).
const testListener = () =>
    new aws.lb.Listener("https", {
        loadBalancerArn: "arn:lb",
        port: 443,
        protocol: "HTTPS",
        defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
    });
const SESSIONS_KEY = "arn:aws:kms:us-east-1:123456789012:key/sessions";
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
            requestCountLabel: "app/web/abcd/targetgroup/web/0123",
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
        firstAdmin: { username: "redcap_admin", email: "research-it@example.edu" },
        secretsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/secrets",
        logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs",
        sessionsKmsKeyArn: SESSIONS_KEY,
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
        expect(redcap).to.deep.include({
            readonlyRootFilesystem: true,
            privileged: false,
            user: "www-data",
        });
        expect(redcap.portMappings).to.deep.equal([{ containerPort: 8443, protocol: "tcp" }]);
        expect(redcap.environment).to.deep.include.members([
            { name: "PHP_FPM_MAX_CHILDREN", value: "38" },
            { name: "PHP_FPM_START_SERVERS", value: "4" },
        ]);
        expect(
            redcap.mountPoints.map((m: { containerPath: string }) => m.containerPath),
        ).to.have.members(Object.values(WRITABLE_PATHS));
        expect((task.inputs.volumes as { name: string }[]).map((v) => v.name)).to.have.members(
            Object.keys(WRITABLE_PATHS),
        );
        expect(redcap.logConfiguration.logDriver).to.equal("awslogs");
        expect(redcap.healthCheck.command[1]).to.include(
            "--cacert /run/redcap/tls/cert.pem https://localhost:8443/health.php",
        );
    });

    it("names the web container as BastionOrSsm's ECS Exec command expects", () => {
        const [web] = containers(
            resource(plan, "aws:ecs/taskDefinition:TaskDefinition", "app-web"),
        );
        expect(web.name).to.equal(REDCAP_CONTAINER);
        const service = resource(plan, "aws:ecs/service:Service", "app-web");
        expect(
            (service.inputs.loadBalancers as { containerName: string }[])[0].containerName,
        ).to.equal(REDCAP_CONTAINER);
    });

    const secretsOf = (task: PlanResource) =>
        Object.fromEntries(
            containers(task)[0].secrets.map((s: { name: string; valueFrom: string }) => [
                s.name,
                s.valueFrom,
            ]),
        ) as Record<string, string>;

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
                expect(env.REDCAP_DB_HOST).to.equal("redcap.cluster-x.us-east-1.rds.amazonaws.com");
            }
        }
    });

    it("gives each task exactly the secrets it uses: the schema user, S3 key and first administrator only to setup", () => {
        const salt = /^arn:aws:secretsmanager:us-east-1:123456789012:secret:app-salt-/;
        for (const name of ["app-web", "app-cron"]) {
            const secrets = secretsOf(
                resource(plan, "aws:ecs/taskDefinition:TaskDefinition", name),
            );
            expect(Object.keys(secrets), name).to.have.members([
                "REDCAP_DB_USERNAME",
                "REDCAP_DB_PASSWORD",
                "REDCAP_SALT",
                "SMTP_USERNAME",
                "SMTP_PASSWORD",
            ]);
            expect(secrets.REDCAP_DB_PASSWORD).to.equal(`${ARN("db-app")}:password::`);
            expect(secrets.SMTP_PASSWORD).to.equal(`${ARN("smtp")}:password::`);
            expect(secrets.REDCAP_SALT).to.match(salt);
        }
        const setup = resource(plan, "aws:ecs/taskDefinition:TaskDefinition", "app-setup");
        const secrets = secretsOf(setup);
        expect(secrets.REDCAP_DB_PASSWORD).to.equal(`${ARN("db-schema")}:password::`);
        expect(secrets.S3_SECRET_ACCESS_KEY).to.equal(`${ARN("s3-key")}:secretAccessKey::`);
        expect(secrets.REDCAP_ADMIN_PASSWORD).to.match(
            /^arn:aws:secretsmanager:us-east-1:123456789012:secret:app-first-admin-/,
        );
        const env = containers(setup)[0].environment as { name: string; value: string }[];
        expect(env).to.deep.include.members([
            { name: "REDCAP_ADMIN_USERNAME", value: "redcap_admin" },
            { name: "REDCAP_ADMIN_EMAIL", value: "research-it@example.edu" },
        ]);
    });

    it("lets each task's execution role read exactly the secrets of the tasks that use it", () => {
        const policyOf = (roleUrn: string) => executionPolicy(plan, roleUrn);
        const tasks = ofType(plan, "aws:ecs/taskDefinition:TaskDefinition");
        const roles = [...new Set(tasks.map(roleOf))];
        expect(roles).to.have.length(2);
        for (const role of roles) {
            const used = tasks
                .filter((task) => roleOf(task) === role)
                .flatMap((task) => Object.values(secretsOf(task)))
                // valueFrom is the secret's ARN, or ARN:jsonKey:: for one key of a JSON secret.
                .map((valueFrom) => valueFrom.replace(/:[A-Za-z]+::$/, ""));
            const policy = policyOf(role);
            expect(policy.ReadTaskSecrets.Resource).to.have.members([...new Set(used)]);
            expect(policy.DecryptTaskSecrets.Resource).to.equal(
                "arn:aws:kms:us-east-1:123456789012:key/secrets",
            );
            expect(policy.PullImage.Resource).to.equal(
                "arn:aws:ecr:us-east-1:123456789012:repository/redcap",
            );
        }
        const web = resource(plan, "aws:ecs/taskDefinition:TaskDefinition", "app-web");
        expect(policyOf(roleOf(web)).ReadTaskSecrets.Resource).not.to.include(ARN("db-schema"));
    });

    it("generates the first administrator's temporary password into an encrypted secret", () => {
        const secret = resource(plan, "aws:secretsmanager/secret:Secret", "app-first-admin");
        expect(secret.inputs.kmsKeyId).to.equal("arn:aws:kms:us-east-1:123456789012:key/secrets");
        expect(secret.inputs.description).to.include("redcap_admin");
        expect(
            resource(plan, "aws:secretsmanager/secretVersion:SecretVersion", "app-first-admin")
                .inputs.secretString,
        ).to.equal("[secret]");
    });

    it("gives the task role its bucket, its key and ECS Exec, nothing else", () => {
        const policy = jsonInput<PolicyDocument>(
            resource(plan, "aws:iam/policy:Policy", "app-task"),
            "policy",
        );
        const resources = policy.Statement.flatMap((s) => [s.Resource].flat()).filter(
            (r) => r !== "*",
        );
        expect(resources).to.have.length(5);
        expect(resources).to.include.members([
            "arn:aws:s3:::files-uploads-0123456",
            "arn:aws:s3:::files-uploads-0123456/*",
            "arn:aws:kms:us-east-1:123456789012:key/files",
            SESSIONS_KEY,
        ]);
        // ECS Exec's session key: decrypt only, and no other statement touches it.
        const onSessionsKey = policy.Statement.filter((s) => s.Resource === SESSIONS_KEY);
        expect(onSessionsKey.map((s) => [s.Sid, s.Action])).to.deep.equal([
            ["EcsExecSessionEncryption", ["kms:Decrypt"]],
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
        const setupTask = resource(plan, "aws:ecs/taskDefinition:TaskDefinition", "app-setup");
        expect(containers(setupTask)[0].command).to.deep.equal(["setup"]);
        // Setup calls no AWS API itself: no task role.
        expect(setupTask.inputs).not.to.have.property("taskRoleArn");
        const invocation = resource(plan, "aws:lambda/invocation:Invocation", "app-setup");
        expect(JSON.parse(invocation.inputs.input as string)).to.deep.include({
            command: ["setup"],
            containerName: "setup",
        });
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
        // It finds earlier setup tasks (one a deploy gave up on) only in the same cluster.
        expect(policy.FindEarlierSetupTasks.Condition).to.deep.equal(
            policy.RunSetupTaskInItsCluster.Condition,
        );
        // Only the setup task's execution role may be handed to ECS.
        expect(policy.HandTheTaskItsRoles.Resource).to.deep.equal([
            setupTask.inputs.executionRoleArn,
        ]);
        expect(policy.HandTheTaskItsRoles.Condition).to.deep.equal({
            StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
        });
    });

    it("finishes an upgrade (REDCap back online) only once the web service is steady on the new version", () => {
        const web = resource(plan, "aws:ecs/service:Service", "app-web");
        expect(web.inputs.waitForSteadyState).to.equal(true);
        const setup = resource(plan, "aws:lambda/invocation:Invocation", "app-setup");
        const finish = resource(plan, "aws:lambda/invocation:Invocation", "app-setup-finish");
        expect(finish.inputs.functionName).to.equal(setup.inputs.functionName);
        expect(JSON.parse(finish.inputs.input as string)).to.deep.include({
            command: ["finish"],
        });
        expect(finish.options.dependsOn).to.include.members([web.urn, setup.urn]);
        expect(finish.inputs.triggers).to.deep.equal(setup.inputs.triggers);
    });

    it("scales between min and max on CPU and on requests per task", () => {
        const target = resource(plan, "aws:appautoscaling/target:Target", "app-web");
        expect(target.inputs).to.include({
            minCapacity: 2,
            maxCapacity: 10,
            scalableDimension: "ecs:service:DesiredCount",
        });
        const requests = resource(plan, "aws:appautoscaling/policy:Policy", "app-web-requests");
        expect(
            (requests.inputs.targetTrackingScalingPolicyConfiguration as any)
                .predefinedMetricSpecification,
        ).to.deep.equal({
            predefinedMetricType: "ALBRequestCountPerTarget",
            resourceLabel: "app/web/abcd/targetgroup/web/0123",
        });
        const cpu = resource(plan, "aws:appautoscaling/policy:Policy", "app-web-cpu");
        expect((cpu.inputs.targetTrackingScalingPolicyConfiguration as any).targetValue).to.equal(
            60,
        );
    });

    it("encrypts ECS Exec sessions with the sessions key, audits them into an encrypted log group, and keeps the salt in prod", () => {
        const cluster = resource(plan, "aws:ecs/cluster:Cluster", "app");
        expect(cluster.inputs.settings).to.deep.equal([
            { name: "containerInsights", value: "enabled" },
        ]);
        const exec = (cluster.inputs.configuration as any).executeCommandConfiguration;
        expect(exec.logging).to.equal("OVERRIDE");
        expect(exec.kmsKeyId).to.equal(SESSIONS_KEY);
        expect(exec.logConfiguration.cloudWatchEncryptionEnabled).to.equal(true);
        expect(cluster.propertyDependencies.configuration).to.include(
            resource(plan, "aws:cloudwatch/logGroup:LogGroup", "app-exec").urn,
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

/** A task's execution role. */
const roleOf = (task: PlanResource) => task.propertyDependencies.executionRoleArn[0];

/** The statements, by Sid, of the policy attached to an execution role. */
function executionPolicy(plan: Plan, roleUrn: string) {
    const attachment = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").find((a) =>
        a.propertyDependencies.role?.includes(roleUrn),
    );
    const policyUrn = attachment!.propertyDependencies.policyArn[0];
    return statementsBySid(
        jsonInput<PolicyDocument>(
            plan.resources.find((r) => r.urn === policyUrn)!,
            "policy",
        ),
    );
}

describe("RedcapService with SAML sign-in", () => {
    const SAML = {
        method: "saml" as const,
        saml: {
            idpEntityId: "https://idp.example.edu/idp/shibboleth",
            idpMetadataUrl: "https://idp.example.edu/idp/shibboleth/metadata",
        },
    };
    let plan: Plan;
    before(async () => {
        plan = await planService({ signIn: SAML, protect: true });
    });
    const container = (name: string) =>
        containers(resource(plan, "aws:ecs/taskDefinition:TaskDefinition", name))[0];
    const env = (c: Record<string, any>) =>
        Object.fromEntries(
            (c.environment as { name: string; value: string }[]).map((e) => [e.name, e.value]),
        );
    const secrets = (c: Record<string, any>) => c.secrets as { name: string; valueFrom: string }[];

    it("gives the web task the identity provider and the service provider's key only by reference, from the operator's secret", () => {
        const web = container("app-web");
        expect(env(web)).to.include({
            SAML_IDP_ENTITY_ID: SAML.saml.idpEntityId,
            SAML_IDP_METADATA_URL: SAML.saml.idpMetadataUrl,
            SAML_SP_ENTITY_ID: "https://redcap.example.edu/shibboleth",
        });
        const credentials = secrets(web).find((s) => s.name === "SAML_SP_CREDENTIALS");
        const secret = resource(plan, "aws:secretsmanager/secret:Secret", "app-saml-sp");
        expect(credentials?.valueFrom).to.include("app-saml-sp");
        expect(secret.inputs.kmsKeyId).to.equal("arn:aws:kms:us-east-1:123456789012:key/secrets");
        expect(secret.options.protect).to.equal(true);
        const placeholder = resource(
            plan,
            "aws:secretsmanager/secretVersion:SecretVersion",
            "app-saml-sp-placeholder",
        );
        expect(placeholder.options.ignoreChanges).to.include("secretString");
        for (const other of ["app-cron", "app-setup"]) {
            expect(secrets(container(other)).map((s) => s.name)).not.to.include(
                "SAML_SP_CREDENTIALS",
            );
            expect(Object.keys(env(container(other))).filter((k) => k.startsWith("SAML_"))).to.be
                .empty;
        }
        expect(env(container("app-setup"))).to.include({ REDCAP_AUTH_METHOD: "shibboleth_table" });
    });

    it("lets the web task's execution role read the service provider's secret", () => {
        const web = resource(plan, "aws:ecs/taskDefinition:TaskDefinition", "app-web");
        const setup = resource(plan, "aws:ecs/taskDefinition:TaskDefinition", "app-setup");
        const credentials = secrets(container("app-web")).find(
            (s) => s.name === "SAML_SP_CREDENTIALS",
        )!.valueFrom;
        expect(executionPolicy(plan, roleOf(web)).ReadTaskSecrets.Resource).to.include(credentials);
        expect(executionPolicy(plan, roleOf(setup)).ReadTaskSecrets.Resource).not.to.include(
            credentials,
        );
    });
});

describe("RedcapService with LDAP sign-in", () => {
    const LDAP = {
        method: "ldap" as const,
        ldap: {
            url: "ldaps://ldap.example.edu",
            baseDn: "ou=people,dc=example,dc=edu",
            bindDn: "cn=redcap,ou=services,dc=example,dc=edu",
        },
    };
    let plan: Plan;
    before(async () => {
        plan = await planService({ signIn: LDAP, protect: true });
    });
    const container = (name: string) =>
        containers(resource(plan, "aws:ecs/taskDefinition:TaskDefinition", name))[0];
    const env = (c: Record<string, any>) =>
        Object.fromEntries(
            (c.environment as { name: string; value: string }[]).map((e) => [e.name, e.value]),
        );
    const secretNames = (c: Record<string, any>) =>
        (c.secrets as { name: string }[]).map((s) => s.name);

    it("gives the web task the directory's settings and the bind password only by reference", () => {
        const web = container("app-web");
        expect(env(web)).to.include({
            LDAP_URL: "ldaps://ldap.example.edu",
            LDAP_BASE_DN: "ou=people,dc=example,dc=edu",
            LDAP_BIND_DN: "cn=redcap,ou=services,dc=example,dc=edu",
            LDAP_USER_ATTRIBUTE: "uid",
        });
        expect(secretNames(web)).to.include("LDAP_BIND_PASSWORD");
        for (const other of ["app-cron", "app-setup"]) {
            expect(secretNames(container(other))).not.to.include("LDAP_BIND_PASSWORD");
        }
        expect(env(container("app-setup"))).to.include({ REDCAP_AUTH_METHOD: "ldap_table" });
        expect(env(container("app-cron"))).not.to.have.property("REDCAP_AUTH_METHOD");
    });

    it("keeps the operator's password: the secret starts with a placeholder later ups never overwrite, and is protected in prod", () => {
        const secret = resource(plan, "aws:secretsmanager/secret:Secret", "app-ldap-bind");
        expect(secret.inputs.kmsKeyId).to.equal("arn:aws:kms:us-east-1:123456789012:key/secrets");
        expect(secret.options.protect).to.equal(true);
        const placeholder = resource(
            plan,
            "aws:secretsmanager/secretVersion:SecretVersion",
            "app-ldap-bind-placeholder",
        );
        expect(placeholder.inputs.secretString).to.equal("[secret]");
        expect(placeholder.options.ignoreChanges).to.have.members([
            "secretString",
            "versionStages",
        ]);
        expect(placeholder.propertyDependencies.secretId).to.deep.equal([secret.urn]);
    });

    it("has no LDAP secret or settings without LDAP sign-in", async () => {
        const table = await planService();
        expect(ofType(table, "aws:secretsmanager/secret:Secret").map((s) => s.name)).not.to.include(
            "app-ldap-bind",
        );
        const web = containers(
            resource(table, "aws:ecs/taskDefinition:TaskDefinition", "app-web"),
        )[0];
        expect(Object.keys(env(web)).filter((k) => k.startsWith("LDAP_"))).to.deep.equal([]);
    });

    for (const [signIn, message] of [
        [{ method: "ldap" }, "signIn.ldap missing; expected the directory's url, baseDn"],
        [
            { method: "table", ldap: LDAP.ldap },
            'signIn.method "table" is not allowed with signIn.ldap; expected "ldap"',
        ],
        [
            { method: "ldap", ldap: { ...LDAP.ldap, url: "ldap://ldap.example.edu" } },
            'signIn.ldap.url "ldap://ldap.example.edu" is not allowed; expected ldaps://host[:port]',
        ],
    ] as const) {
        it(`refuses signIn ${JSON.stringify(signIn)}`, async () => {
            const { message: refused } = await planRefusal((opts) => {
                new RedcapService("app", { ...base(testListener()), signIn: signIn }, opts);
            });
            expect(refused).to.include(message);
        });
    }
});
