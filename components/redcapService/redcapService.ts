import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { type ContainerInsightsMode, FargateCluster } from "../fargateCluster";
import { LOG_RETENTION_DAYS } from "../logRetention";
import { REDCAP_HTTPS_PORT, REDCAP_USER } from "../redcapImage/imageContract";
import { createOperatorSecret, createStoredSecret } from "../secrets/storedSecret";
import { isTimezone, requireWholeNumber } from "../validation";
import { checkFargateSize } from "../fargateService/fargateSize";
import { FargateService, type FargateServiceArgs } from "../fargateService/fargateService";
import { createFargateTaskDefinition, type TaskContainer } from "../fargateService/taskDefinition";
import { createSetupRunner } from "./setupRunner/setupRunner";
import { createTaskRoles } from "./taskRoles";
import { redcapContainer, type TaskKind, taskSecrets } from "./taskSettings";
import {
    ldapEnvironment,
    REDCAP_AUTH_METHOD,
    samlEnvironment,
    type SignIn,
    signInProblems,
} from "./signIn";
import { phpWorkerEnvironment } from "./webServerSizing";

export interface RedcapServiceArgs {
    /**
     * Prefix of the names AWS requires unique per account and region (the task definition
     * families), e.g. `redcap-prod`, so two stacks can share an account without one's setup runner
     * being allowed to start the other's tasks. Default: the component's name.
     */
    namePrefix?: string;
    vpcId: pulumi.Input<string>;
    /** The VPC's block: the load balancer's addresses, trusted for X-Forwarded-For. */
    vpcCidrBlock: string;
    /** Private subnets the tasks run in (no public IP). */
    subnetIds: pulumi.Input<string>[];
    region: string;
    /** The image to run (built into ECR, or a prebuilt URI). */
    image: pulumi.Input<string>;
    /** The ECR repository of `image`, so the execution role can pull from it only. */
    repositoryArn?: pulumi.Input<string | undefined>;
    /** CPU units (1024 = 1 vCPU) and memory (MiB): a pair Fargate accepts. Defaults 2048 / 4096. */
    cpu?: number;
    memory?: number;
    /** `X86_64` or `ARM64` (the image must be built for it). Default X86_64. */
    architecture?: "X86_64" | "ARM64";
    /**
     * Container Insights on the cluster (FargateCluster's `containerInsights`): `enabled` (default),
     * `enhanced` or `disabled` (cheaper; the cron alarm then reads ECS's own service metrics).
     */
    containerInsights?: ContainerInsightsMode;
    /** Tasks serving users: autoscaling stays between these. Defaults 1 and 4. */
    minTasks?: number;
    maxTasks?: number;
    /** Average CPU the autoscaler aims for, in percent. Default 60. */
    cpuTargetPercent?: number;
    /** Load-balancer requests per task per minute the autoscaler aims for. Default 600. */
    requestsPerTaskPerMinute?: number;
    /** Seconds between runs of REDCap's cron.php. Default 60. */
    cronIntervalSeconds?: number;
    /**
     * Non-production only: outside the awake hours the web service and the cron runner scale to
     * zero tasks (and the database, with nothing connected, pauses by itself).
     */
    sleep?: FargateServiceArgs["sleep"];
    loadBalancer: {
        targetGroupArn: pulumi.Input<string>;
        /** `<load balancer ARN suffix>/<target group ARN suffix>`: the web service scales on its requests. */
        requestCountLabel: pulumi.Input<string>;
        targetSecurityGroupId: pulumi.Input<string>;
        /** The HTTPS listener: the service registers targets only once it exists. */
        listener: pulumi.Resource;
    };
    database: {
        host: pulumi.Input<string>;
        name: string;
        /** `{"username","password"}` of REDCap's everyday database user. */
        appSecretArn: pulumi.Input<string>;
        /** `{"username","password"}` of the schema user the setup task installs with. */
        schemaSecretArn: pulumi.Input<string>;
        /** Resources that must exist before anything connects (the users' creation). */
        ready?: pulumi.Resource[];
        clientSecurityGroupId: pulumi.Input<string>;
    };
    mail: {
        smtpHost: pulumi.Input<string>;
        smtpPort: number;
        /** `{"username","password"}` of the SES SMTP credentials. */
        smtpSecretArn: pulumi.Input<string>;
        fromAddress: string;
    };
    files: {
        bucketName: pulumi.Input<string>;
        bucketArn: pulumi.Input<string>;
        filesKmsKeyArn: pulumi.Input<string>;
        /** `{"accessKeyId","secretAccessKey"}` REDCap's S3 storage is configured with. */
        accessKeySecretArn: pulumi.Input<string>;
        /**
         * The version of that secret: a rotated key runs the setup task again, which gives REDCap
         * the new key before the old one is deleted.
         */
        accessKeyVersion?: pulumi.Input<string>;
    };
    /** REDCap's address, e.g. `https://redcap.example.edu`. */
    baseUrl: string;
    /**
     * The administrator REDCap's first install creates (table-based login). Its temporary
     * password is generated into Secrets Manager; REDCap asks for a new one at the first login.
     */
    firstAdmin: { username: string; email: string };
    /**
     * How users sign in. Default `{ method: "table" }` (REDCap's own accounts). With LDAP, the web
     * task renders REDCap's LDAP configuration at start, the setup task sets REDCap to "LDAP &
     * Table-based", and the service account's password is a secret the operator fills
     * (`ldapBindSecretArn`). With SAML, the web task runs Shibboleth's service provider, the setup
     * task sets REDCap to "Shibboleth & Table-based", and the service provider's key and
     * certificate are a secret the operator fills (`samlServiceProviderSecretArn`); the caller
     * keeps a user on one task while signing in (load balancer stickiness).
     */
    signIn?: SignIn;
    secretsKmsKeyArn: pulumi.Input<string>;
    logsKmsKeyArn: pulumi.Input<string>;
    /**
     * KMS key that encrypts ECS Exec session data end to end, on top of TLS (the cluster's
     * `executeCommandConfiguration.kmsKeyId`). The task role may decrypt with it; whoever runs
     * `aws ecs execute-command` needs kms:GenerateDataKey on it.
     */
    sessionsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** PHP's time zone, e.g. `America/New_York`. Default UTC. */
    timezone?: string;
    /** Largest upload REDCap accepts, in MB. Default 64. */
    uploadMaxMegabytes?: number;
    /**
     * Prod: no capacity lost during deployments (100 % healthy minimum), the salt secret kept.
     * Default false.
     */
    protect?: boolean;
}

/**
 * REDCap on ECS Fargate: a cluster with Container Insights and audited ECS Exec, the web service
 * behind the load balancer (private subnets, no public IP, read-only root filesystem, secrets
 * only from Secrets Manager, circuit breaker with rollback, autoscaling on CPU and requests), and
 * a single cron runner. The salt REDCap encrypts with is generated once and never changes.
 */
export class RedcapService extends pulumi.ComponentResource {
    public readonly clusterName: pulumi.Output<string>;
    public readonly serviceName: pulumi.Output<string>;
    public readonly cronServiceName: pulumi.Output<string>;
    /** Whether the cluster has Container Insights on (its metrics exist to alarm on). */
    public readonly containerInsights: boolean;
    public readonly taskDefinitionArn: pulumi.Output<string>;
    public readonly logGroupName: pulumi.Output<string>;
    public readonly saltSecretArn: pulumi.Output<string>;
    /** The first administrator's temporary password (for the first login only). */
    public readonly firstAdminSecretArn: pulumi.Output<string>;
    /** The LDAP service account's password, which the operator puts (LDAP sign-in with a bind DN). */
    public readonly ldapBindSecretArn?: pulumi.Output<string>;
    /** The SAML service provider's private key and certificate, which the operator puts (SAML sign-in). */
    public readonly samlServiceProviderSecretArn?: pulumi.Output<string>;

    constructor(name: string, args: RedcapServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:app:RedcapService", name, {}, opts);
        const where = `RedcapService ${name}`;
        const namePrefix = args.namePrefix ?? name;
        const cpu = args.cpu ?? 2048;
        const memory = args.memory ?? 4096;
        const architecture = args.architecture ?? "X86_64";
        const minTasks = args.minTasks ?? 1;
        const maxTasks = args.maxTasks ?? 4;
        const cpuTarget = args.cpuTargetPercent ?? 60;
        const requestsTarget = args.requestsPerTaskPerMinute ?? 600;
        const cronInterval = args.cronIntervalSeconds ?? 60;
        const uploadMb = args.uploadMaxMegabytes ?? 64;
        const timezone = args.timezone ?? "UTC";
        const protect = args.protect ?? false;
        const signIn: SignIn = args.signIn ?? { method: "table" };
        const sizeProblem = checkFargateSize(cpu, memory);
        if (sizeProblem) {
            throw new Error(`${where}: ${sizeProblem}`);
        }
        if (!["X86_64", "ARM64"].includes(architecture)) {
            throw new Error(
                `${where}: architecture "${architecture}" is not allowed; expected "X86_64" or "ARM64"`,
            );
        }
        requireWholeNumber(where, "minTasks", minTasks, 1, 100);
        requireWholeNumber(where, "maxTasks", maxTasks, minTasks, 100);
        requireWholeNumber(where, "cpuTargetPercent", cpuTarget, 10, 90);
        requireWholeNumber(where, "requestsPerTaskPerMinute", requestsTarget, 10, 100000);
        requireWholeNumber(where, "cronIntervalSeconds", cronInterval, 30, 3600, "seconds");
        requireWholeNumber(where, "uploadMaxMegabytes", uploadMb, 1, 2048);
        if (!isTimezone(timezone)) {
            throw new Error(
                `${where}: timezone ${JSON.stringify(timezone)} is not allowed; expected an IANA time zone name such as America/Chicago`,
            );
        }
        if (!(LOG_RETENTION_DAYS as readonly number[]).includes(args.logRetentionDays)) {
            throw new Error(`${where}: logRetentionDays ${args.logRetentionDays} is not allowed`);
        }
        const signInIssues = signInProblems(signIn);
        if (signInIssues.length > 0) {
            throw new Error(
                `${where}: ${signInIssues.map(([key, reason]) => `signIn.${key} ${reason}`).join("; ")}`,
            );
        }
        const authMethod = REDCAP_AUTH_METHOD[signIn.method];
        const parent = { parent: this };

        // ---- logs, and the cluster with audited ECS Exec (FargateCluster)
        const appLogs = new aws.cloudwatch.LogGroup(
            `${name}-app`,
            { kmsKeyId: args.logsKmsKeyArn, retentionInDays: args.logRetentionDays },
            parent,
        );
        const fargate = new FargateCluster(
            name,
            {
                sessionsKmsKeyArn: args.sessionsKmsKeyArn,
                logsKmsKeyArn: args.logsKmsKeyArn,
                logRetentionDays: args.logRetentionDays,
                containerInsights: args.containerInsights,
                // The cluster and its exec log group were this component's own children.
                previousParent: this,
            },
            parent,
        );
        const cluster = fargate.cluster;
        this.containerInsights = fargate.containerInsights;
        const execLogs = fargate.execLogGroup;

        // ---- the salt: generated once, kept forever (REDCap encrypts with it)
        const salt = new random.RandomPassword(
            `${name}-salt`,
            { length: 32, special: false },
            { parent: this, protect },
        );
        const { secret: saltSecret } = createStoredSecret(
            `${name}-salt`,
            {
                description: "REDCap's salt: must never change after install",
                kmsKeyArn: args.secretsKmsKeyArn,
                value: salt.result,
                protect,
                notRotatedBecause: "REDCap's salt keys its field encryption and must never change",
            },
            this,
        );

        // ---- the first administrator's temporary password, for REDCap's first install
        const adminPassword = new random.RandomPassword(
            `${name}-first-admin`,
            { length: 24, special: false, minLower: 2, minUpper: 2, minNumeric: 2 },
            parent,
        );
        const { secret: adminSecret } = createStoredSecret(
            `${name}-first-admin`,
            {
                description: `REDCap's first administrator (${args.firstAdmin.username}): temporary password, changed at the first login`,
                kmsKeyArn: args.secretsKmsKeyArn,
                value: adminPassword.result,
                protect: false,
                notRotatedBecause:
                    "used once: REDCap makes the administrator choose a new password at the first login",
            },
            this,
        );

        // ---- the LDAP service account's password: the operator puts it (the stack cannot know it);
        // until then only LDAP sign-in fails.
        const ldapBindSecret = signIn.ldap?.bindDn
            ? createOperatorSecret(
                  `${name}-ldap-bind`,
                  {
                      description: `REDCap's LDAP service account (${signIn.ldap.bindDn}): its password, put by an operator`,
                      kmsKeyArn: args.secretsKmsKeyArn,
                      protect,
                      notRotatedBecause:
                          "the institution's directory owns this password; rotate it there, then put the new one here",
                  },
                  this,
              )
            : undefined;
        // ---- the SAML service provider's private key and certificate (PEM, one after the other):
        // the operator makes and puts them, and registers the certificate with the identity
        // provider; until then the web tasks serve REDCap's own sign-in only and say why.
        const samlCredentialsSecret = signIn.saml
            ? createOperatorSecret(
                  `${name}-saml-sp`,
                  {
                      description:
                          "REDCap's SAML service provider: its private key and certificate (PEM), put by an operator",
                      kmsKeyArn: args.secretsKmsKeyArn,
                      protect,
                      notRotatedBecause:
                          "the identity provider holds the matching certificate; roll both together (docs/runbooks/first-deployment.md)",
                  },
                  this,
              )
            : undefined;

        // ---- roles
        const secretsOf = (kind: TaskKind) =>
            taskSecrets<pulumi.Input<string>>(kind, {
                appDb: args.database.appSecretArn,
                schemaDb: args.database.schemaSecretArn,
                salt: saltSecret.arn,
                smtp: args.mail.smtpSecretArn,
                s3Key: args.files.accessKeySecretArn,
                firstAdmin: adminSecret.arn,
                ldapBind: ldapBindSecret?.arn,
                samlCredentials: samlCredentialsSecret?.arn,
            });
        const roles = createTaskRoles(
            name,
            {
                secretsOf,
                secretsKmsKeyArn: args.secretsKmsKeyArn,
                repositoryArn: args.repositoryArn,
                appLogGroupArn: appLogs.arn,
                execLogGroupArn: execLogs.arn,
                bucketArn: args.files.bucketArn,
                filesKmsKeyArn: args.files.filesKmsKeyArn,
                sessionsKmsKeyArn: args.sessionsKmsKeyArn,
            },
            this,
        );

        // ---- the containers, on one image: the web server, the cron runner and the one-off setup
        // HTTPS from the load balancer to the task, on the image's port.
        const port = REDCAP_HTTPS_PORT;
        const commands: Record<TaskKind, string[] | undefined> = {
            web: undefined, // the image's own command: Apache
            // The entrypoint renders the configuration, then runs these.
            cron: [
                "bash",
                "-c",
                `while true; do php /var/www/html/cron.php; sleep ${cronInterval}; done`,
            ],
            // redcap-setup.php's first mode; the runner overrides it with "finish" after the roll.
            setup: ["setup"],
        };
        const container = (kind: TaskKind): TaskContainer =>
            redcapContainer({
                name: kind === "web" ? "redcap" : kind,
                image: args.image,
                user: REDCAP_USER,
                port,
                serves: kind === "web",
                command: commands[kind],
                environment: {
                    REDCAP_DB_HOST: args.database.host,
                    REDCAP_DB_NAME: args.database.name,
                    REDCAP_BASE_URL: args.baseUrl,
                    SMTP_HOST: args.mail.smtpHost,
                    SMTP_PORT: String(args.mail.smtpPort),
                    MAIL_FROM: args.mail.fromAddress,
                    REDCAP_S3_BUCKET: args.files.bucketName,
                    REDCAP_S3_REGION: args.region,
                    REDCAP_TRUSTED_PROXY_CIDR: args.vpcCidrBlock,
                    PHP_TIMEZONE: timezone,
                    PHP_UPLOAD_MAX_FILESIZE: `${uploadMb}M`,
                    ...(kind === "web"
                        ? phpWorkerEnvironment(memory, { samlSignIn: signIn.method === "saml" })
                        : {}),
                    ...(kind === "web" && signIn.ldap ? ldapEnvironment(signIn.ldap) : {}),
                    ...(kind === "web" && signIn.saml
                        ? samlEnvironment(signIn.saml, args.baseUrl)
                        : {}),
                    ...(kind === "setup"
                        ? {
                              REDCAP_ADMIN_USERNAME: args.firstAdmin.username,
                              REDCAP_ADMIN_EMAIL: args.firstAdmin.email,
                              ...(authMethod ? { REDCAP_AUTH_METHOD: authMethod } : {}),
                          }
                        : {}),
                },
                secrets: Object.fromEntries(
                    Object.entries(secretsOf(kind)).map(([variable, source]) => [
                        variable,
                        { secretArn: source.arn, jsonKey: source.jsonKey },
                    ]),
                ),
                logStreamPrefix: kind,
            });
        const taskBase = {
            architecture,
            logGroupName: appLogs.name,
            region: args.region,
        };
        // The setup task needs no AWS permission of its own: no task role.
        const setupTask = createFargateTaskDefinition(
            `${name}-setup`,
            {
                ...taskBase,
                family: `${namePrefix}-setup`,
                cpu: 512,
                memory: 1024,
                containers: [container("setup")],
                executionRoleArn: roles.setupExecution.role.arn,
            },
            { parent: this, dependsOn: [roles.setupExecution.attachment, roles.task.attachment] },
        );

        // ---- networking: HTTPS and SMTP out (AWS APIs, S3, SES), MySQL through the database's client group
        const egress = new aws.ec2.SecurityGroup(
            `${name}-egress`,
            {
                vpcId: args.vpcId,
                description: "REDCap tasks: HTTPS and SMTP submission out",
                revokeRulesOnDelete: true,
                tags: { Name: `${name}-egress` },
            },
            parent,
        );
        for (const [port_, what] of [
            [443, "HTTPS to AWS APIs, S3 and REDCap's update checks"],
            [587, "SMTP submission (STARTTLS) to SES"],
        ] as const) {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-egress-${port_}`,
                {
                    securityGroupId: egress.id,
                    description: what,
                    ipProtocol: "tcp",
                    fromPort: port_,
                    toPort: port_,
                    cidrIpv4: "0.0.0.0/0",
                },
                parent,
            );
        }

        // ---- the setup task runs (and must succeed) before the services roll out
        const runner = createSetupRunner(
            `${name}-setup`,
            {
                cluster,
                setupTask,
                setupFamily: `${namePrefix}-setup`,
                rerunWhenChanged: args.files.accessKeyVersion
                    ? { s3AccessKeyVersion: args.files.accessKeyVersion }
                    : undefined,
                containerName: "setup",
                subnetIds: args.subnetIds,
                securityGroupIds: [egress.id, args.database.clientSecurityGroupId],
                taskRoleArns: [roles.setupExecution.role.arn],
                logsKmsKeyArn: args.logsKmsKeyArn,
                logRetentionDays: args.logRetentionDays,
                dependsOn: args.database.ready ?? [],
            },
            this,
        );

        // ---- services on the platform's FargateService: private, rolled back when a deployment
        // fails, with audited ECS Exec. Their resources were this component's own children, the
        // web service's scaling policies named without "-web": aliases move them.
        const serviceBase = {
            cluster: fargate,
            region: args.region,
            architecture,
            logGroup: { name: appLogs.name, arn: appLogs.arn },
            executionRole: {
                arn: roles.serviceExecution.role.arn,
                ready: [roles.serviceExecution.attachment],
            },
            taskRole: { arn: roles.task.role.arn, ready: [roles.task.attachment] },
            subnetIds: args.subnetIds,
            sleep: args.sleep,
        };
        const web = new FargateService(
            `${name}-web`,
            {
                ...serviceBase,
                family: `${namePrefix}-web`,
                cpu,
                memory,
                containers: [container("web")],
                securityGroupIds: [egress.id, args.database.clientSecurityGroupId],
                loadBalancer: {
                    targetGroupArn: args.loadBalancer.targetGroupArn,
                    containerName: "redcap",
                    containerPort: port,
                    targetSecurityGroupId: args.loadBalancer.targetSecurityGroupId,
                    listener: args.loadBalancer.listener,
                    requestCountLabel: args.loadBalancer.requestCountLabel,
                    healthCheckGracePeriodSeconds: 120,
                },
                scaling: {
                    minTasks,
                    maxTasks,
                    cpuTargetPercent: cpuTarget,
                    requestsPerTaskPerMinute: requestsTarget,
                },
                minimumHealthyPercent: protect ? 100 : 50,
                maximumPercent: 200,
                // pulumi up reports success only once the new tasks are healthy (or fails when
                // the circuit breaker rolls back), and only then brings REDCap back online.
                waitForSteadyState: true,
                startAfter: [runner.setup],
                previous: {
                    parent: this,
                    names: { cpuScaling: `${name}-cpu`, requestScaling: `${name}-requests` },
                },
            },
            parent,
        );
        const cron = new FargateService(
            `${name}-cron`,
            {
                ...serviceBase,
                family: `${namePrefix}-cron`,
                cpu: 512,
                memory: 1024,
                containers: [container("cron")],
                securityGroupIds: [egress.id, args.database.clientSecurityGroupId],
                // Exactly one runner: the old one stops before a new one starts.
                desiredCount: 1,
                minimumHealthyPercent: 0,
                maximumPercent: 100,
                waitForSteadyState: false,
                startAfter: [runner.setup],
                previous: { parent: this },
            },
            parent,
        );

        runner.finishAfter([web.service]);

        this.clusterName = cluster.name;
        this.serviceName = web.serviceName;
        this.cronServiceName = cron.serviceName;
        this.taskDefinitionArn = web.taskDefinitionArn;
        this.logGroupName = appLogs.name;
        this.saltSecretArn = saltSecret.arn;
        this.firstAdminSecretArn = adminSecret.arn;
        this.ldapBindSecretArn = ldapBindSecret?.arn;
        this.samlServiceProviderSecretArn = samlCredentialsSecret?.arn;
        this.registerOutputs({
            clusterName: this.clusterName,
            serviceName: this.serviceName,
            logGroupName: this.logGroupName,
        });
    }
}
