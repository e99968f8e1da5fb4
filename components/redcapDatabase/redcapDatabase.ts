import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { serviceTrustPolicy } from "../iam/policyDocument";
import { createStoredSecret } from "../secrets/storedSecret";
import { exemptionTags } from "../tags";
import { type RedcapDatabaseArgs, resolveDatabaseArgs } from "./args";
import { type DatabaseUser, redcapUsers } from "./userBootstrap/databaseUsers";
import { createUserBootstrap } from "./userBootstrap/userBootstrap";
import { clusterParameters, EXPORTED_LOGS } from "./settings";

export type { RedcapDatabaseArgs } from "./args";

/** Characters REDCap's PHP config file and MySQL both take without quoting trouble (no ' " \ ` $). */
const PASSWORD_SPECIALS = "!#%*+-.:=?^_~";

/**
 * REDCap's database: Aurora MySQL 3 on Serverless v2 in the isolated subnets, encrypted with our
 * key, TLS required by the server, audited, exported logs in our own encrypted log groups, the
 * master password owned by RDS in Secrets Manager, and two least-privilege users for REDCap
 * (everyday and schema changes) whose credentials are secrets under our key. Only members of
 * `clientSecurityGroupId` can reach port 3306.
 */
export class RedcapDatabase extends pulumi.ComponentResource {
    public readonly clusterArn: pulumi.Output<string>;
    public readonly clusterIdentifier: pulumi.Output<string>;
    public readonly writerEndpoint: pulumi.Output<string>;
    public readonly readerEndpoint: pulumi.Output<string>;
    public readonly port: pulumi.Output<number>;
    public readonly databaseName: string;
    /** The RDS-managed secret with the master user's credentials (never read by REDCap). */
    public readonly masterSecretArn: pulumi.Output<string>;
    /** Secrets `{"username","password","host","port","dbname"}` of REDCap's users. */
    public readonly appSecretArn: pulumi.Output<string>;
    public readonly schemaSecretArn: pulumi.Output<string>;
    /** The database's own security group. */
    public readonly securityGroupId: pulumi.Output<string>;
    /** Attach this group to whatever must connect to the database (REDCap's tasks). */
    public readonly clientSecurityGroupId: pulumi.Output<string>;

    constructor(name: string, args: RedcapDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:database:RedcapDatabase", name, {}, opts);
        const a = resolveDatabaseArgs(name, args);
        const parent = { parent: this };
        const kept = { parent: this, protect: a.protect, retainOnDelete: a.protect };
        const port = 3306;

        // ---- network: the database admits 3306 from its client group and nothing else
        const dbSg = new aws.ec2.SecurityGroup(
            `${name}-db`,
            {
                vpcId: a.vpcId,
                description: `Aurora cluster ${a.clusterIdentifier}`,
                revokeRulesOnDelete: true,
                tags: { Name: `${name}-db` },
            },
            parent,
        );
        const clientSg = new aws.ec2.SecurityGroup(
            `${name}-clients`,
            {
                vpcId: a.vpcId,
                description: `Members may connect to Aurora cluster ${a.clusterIdentifier}`,
                revokeRulesOnDelete: true,
                tags: { Name: `${name}-clients` },
            },
            parent,
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-db-from-clients`,
            {
                securityGroupId: dbSg.id,
                description: "MySQL from database clients",
                ipProtocol: "tcp",
                fromPort: port,
                toPort: port,
                referencedSecurityGroupId: clientSg.id,
            },
            parent,
        );
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-clients-to-db`,
            {
                securityGroupId: clientSg.id,
                description: "MySQL to the database",
                ipProtocol: "tcp",
                fromPort: port,
                toPort: port,
                referencedSecurityGroupId: dbSg.id,
            },
            parent,
        );
        const subnetGroup = new aws.rds.SubnetGroup(
            `${name}-isolated`,
            { description: `Isolated subnets of ${a.clusterIdentifier}`, subnetIds: a.subnetIds },
            parent,
        );

        // ---- configuration and logs (ours, so retention and key are ours)
        const parameterGroup = new aws.rds.ClusterParameterGroup(
            `${name}-params`,
            {
                family: "aurora-mysql8.0",
                description: `TLS required, auditing and REDCap's settings for ${a.clusterIdentifier}`,
                parameters: clusterParameters(),
            },
            parent,
        );
        const logGroups = EXPORTED_LOGS.map(
            (log) =>
                new aws.cloudwatch.LogGroup(
                    `${name}-${log}`,
                    {
                        // The name RDS writes to; creating it first keeps our key and retention.
                        name: `/aws/rds/cluster/${a.clusterIdentifier}/${log}`,
                        kmsKeyId: a.logsKmsKeyArn,
                        retentionInDays: a.logRetentionDays,
                    },
                    parent,
                ),
        );

        // ---- enhanced monitoring
        const monitoringRole = new aws.iam.Role(
            `${name}-monitoring`,
            {
                description: `Enhanced monitoring of ${a.clusterIdentifier}`,
                // RDS documents aws:SourceAccount for this role ("Protecting against the
                // confused deputy problem" under Enhanced Monitoring).
                assumeRolePolicy: aws
                    .getCallerIdentityOutput({}, parent)
                    .accountId.apply((accountId) =>
                        JSON.stringify(
                            serviceTrustPolicy("monitoring.rds.amazonaws.com", {
                                StringEquals: { "aws:SourceAccount": accountId },
                            }),
                        ),
                    ),
            },
            parent,
        );
        const monitoringPolicy = new aws.iam.RolePolicyAttachment(
            `${name}-monitoring`,
            {
                role: monitoringRole.name,
                policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
            },
            parent,
        );

        // ---- the cluster
        const cluster = new aws.rds.Cluster(
            `${name}-cluster`,
            {
                clusterIdentifier: a.clusterIdentifier,
                engine: "aurora-mysql",
                engineMode: "provisioned",
                engineVersion: a.engineVersion,
                databaseName: a.databaseName,
                port,
                masterUsername: "redcap_admin",
                // RDS generates, stores (under our key) and can rotate the master password;
                // it is never in Pulumi state or in the plan.
                manageMasterUserPassword: true,
                masterUserSecretKmsKeyId: a.secretsKmsKeyArn,
                storageEncrypted: true,
                kmsKeyId: a.databaseKmsKeyArn,
                dbSubnetGroupName: subnetGroup.name,
                vpcSecurityGroupIds: [dbSg.id],
                dbClusterParameterGroupName: parameterGroup.name,
                enabledCloudwatchLogsExports: [...EXPORTED_LOGS],
                serverlessv2ScalingConfiguration: {
                    minCapacity: a.minCapacity,
                    maxCapacity: a.maxCapacity,
                    secondsUntilAutoPause: a.minCapacity === 0 ? a.autoPauseSeconds : undefined,
                },
                backupRetentionPeriod: a.backupRetentionDays,
                preferredBackupWindow: a.backupWindow,
                preferredMaintenanceWindow: a.maintenanceWindow,
                backtrackWindow: a.backtrackHours > 0 ? a.backtrackHours * 3600 : undefined,
                copyTagsToSnapshot: true,
                deletionProtection: a.protect,
                skipFinalSnapshot: !a.protect,
                finalSnapshotIdentifier: a.protect ? `${a.clusterIdentifier}-final` : undefined,
                iamDatabaseAuthenticationEnabled: false,
                allowMajorVersionUpgrade: false,
                // Prod changes wait for the maintenance window; dev applies them at once.
                applyImmediately: !a.protect,
                tags: exemptionTags(
                    "rds-auto-minor-upgrade",
                    "Engine versions are pinned in stack config and raised deliberately, as AWS advises for long-term-support releases",
                ),
            },
            { ...kept, dependsOn: logGroups },
        );

        // ---- Serverless v2 instances: the writer, then readers in the other AZs
        const instances = Array.from({ length: a.readers + 1 }, (_, i) => {
            const role = i === 0 ? "writer" : `reader-${i}`;
            return new aws.rds.ClusterInstance(
                `${name}-${role}`,
                {
                    identifier: `${a.clusterIdentifier}-${role}`,
                    clusterIdentifier: cluster.id,
                    instanceClass: "db.serverless",
                    engine: "aurora-mysql",
                    engineVersion: a.engineVersion,
                    availabilityZone: pulumi
                        .output(a.availabilityZones)
                        .apply((zones) => zones[i % zones.length]),
                    publiclyAccessible: false,
                    dbSubnetGroupName: subnetGroup.name,
                    promotionTier: i === 0 ? 0 : 1,
                    autoMinorVersionUpgrade: false,
                    monitoringInterval: a.monitoringIntervalSeconds,
                    monitoringRoleArn: monitoringRole.arn,
                    performanceInsightsEnabled: true,
                    performanceInsightsKmsKeyId: a.databaseKmsKeyArn,
                    performanceInsightsRetentionPeriod: 7,
                    caCertIdentifier: "rds-ca-rsa2048-g1",
                    applyImmediately: !a.protect,
                    tags: exemptionTags(
                        "rds-auto-minor-upgrade",
                        "Engine versions are pinned in stack config and raised deliberately, as AWS advises for long-term-support releases",
                    ),
                },
                { ...kept, dependsOn: [monitoringPolicy] },
            );
        });

        // ---- REDCap's users: generated passwords, kept as secrets under our key
        const secretFor = (user: DatabaseUser) => {
            const password = new random.RandomPassword(
                `${name}-${user.username}`,
                {
                    length: 32,
                    special: true,
                    overrideSpecial: PASSWORD_SPECIALS,
                    minSpecial: 2,
                    minNumeric: 2,
                },
                parent,
            );
            return createStoredSecret(
                `${name}-${user.username}`,
                {
                    description: `${user.purpose}: MySQL user ${user.username} of ${a.clusterIdentifier}`,
                    kmsKeyArn: a.secretsKmsKeyArn,
                    value: pulumi.jsonStringify({
                        username: user.username,
                        password: password.result,
                        host: cluster.endpoint,
                        port,
                        dbname: a.databaseName,
                    }),
                    protect: a.protect,
                },
                this,
            );
        };
        const [appUser, schemaUser] = redcapUsers();
        const app = secretFor(appUser);
        const schema = secretFor(schemaUser);
        const masterSecretArn = cluster.masterUserSecrets.apply(
            (secrets) => secrets?.[0]?.secretArn ?? "",
        );

        // ---- the users exist in MySQL once the writer is up, and follow password changes
        const usersReady = createUserBootstrap(
            `${name}-user-bootstrap`,
            {
                functionName: `${a.clusterIdentifier}-user-bootstrap`,
                vpcId: a.vpcId,
                subnetIds: a.applicationSubnetIds,
                clientSecurityGroupId: clientSg.id,
                host: cluster.endpoint,
                port,
                database: a.databaseName,
                masterSecretArn,
                users: [
                    {
                        user: appUser,
                        secretArn: app.secret.arn,
                        secretVersionId: app.version.versionId,
                    },
                    {
                        user: schemaUser,
                        secretArn: schema.secret.arn,
                        secretVersionId: schema.version.versionId,
                    },
                ],
                secretsKmsKeyArn: a.secretsKmsKeyArn,
                logsKmsKeyArn: a.logsKmsKeyArn,
                logRetentionDays: a.logRetentionDays,
                dependsOn: instances,
            },
            this,
        );

        this.clusterArn = cluster.arn;
        this.clusterIdentifier = cluster.clusterIdentifier;
        this.writerEndpoint = cluster.endpoint;
        this.readerEndpoint = cluster.readerEndpoint;
        this.port = pulumi.output(port);
        this.databaseName = a.databaseName;
        this.masterSecretArn = cluster.masterUserSecrets.apply(
            (secrets) => secrets?.[0]?.secretArn ?? "",
        );
        this.appSecretArn = app.secret.arn;
        this.schemaSecretArn = schema.secret.arn;
        this.securityGroupId = dbSg.id;
        this.clientSecurityGroupId = clientSg.id;
        this.instanceCount = instances.length;
        this.usersReady = usersReady;
        this.registerOutputs({
            writerEndpoint: this.writerEndpoint,
            readerEndpoint: this.readerEndpoint,
            port: this.port,
            masterSecretArn: this.masterSecretArn,
            appSecretArn: this.appSecretArn,
            schemaSecretArn: this.schemaSecretArn,
            securityGroupId: this.securityGroupId,
        });
    }

    /** Writer plus readers. */
    public readonly instanceCount: number;
    /** Exists once REDCap's database users do: whatever connects as them depends on it. */
    public readonly usersReady: pulumi.Resource;
}
