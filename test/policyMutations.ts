import type { PlanResource } from "../policy-pack/evaluate/validationArgs";

/**
 * For every mandatory rule of the policy pack, a careless change to the prod plan (a flag flipped,
 * a companion dropped, a risky resource added) that the rule must catch. Shared by the tests on
 * the program's plans and the engine-level tests.
 */

export type Plan = PlanResource[];
export type Mutation = (plan: Plan) => Plan;

const clone = (plan: Plan): Plan => structuredClone(plan);
const find = (plan: Plan, type: string, name?: string) => {
    const r = plan.find((x) => x.type === type && (name === undefined || x.name === name));
    if (!r) throw new Error(`mutation: the prod plan has no ${type} ${name ?? ""}`);
    return r;
};
/** Changes the inputs of one resource (the first of its type when no name is given). */
const edit =
    (
        type: string,
        name: string | undefined,
        change: (inputs: Record<string, any>) => void,
    ): Mutation =>
    (plan) => {
        const copy = clone(plan);
        change(find(copy, type, name).inputs);
        return copy;
    };
const drop =
    (type: string): Mutation =>
    (plan) =>
        plan.filter((r) => r.type !== type);
const add =
    (type: string, name: string, inputs: Record<string, unknown>): Mutation =>
    (plan) => [
        ...plan,
        {
            urn: `urn:pulumi:prod::redcap::${type}::${name}`,
            type,
            name,
            custom: true,
            parent: null,
            provider: plan.find((r) => r.type === "pulumi:providers:aws")?.urn,
            inputs,
            dependencies: [],
            propertyDependencies: {},
        },
    ];
const containers = (change: (c: Record<string, any>) => void): Mutation =>
    edit("aws:ecs/taskDefinition:TaskDefinition", "app-web", (i) => {
        const defs = JSON.parse(i.containerDefinitions);
        change(defs[0]);
        i.containerDefinitions = JSON.stringify(defs);
    });
const policyDoc = (statement: object) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

const CLUSTER = "aws:rds/cluster:Cluster";
const TRAIL = "aws:cloudtrail/trail:Trail";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";

/** A CloudFront distribution in front of the load balancer, HTTPS throughout unless overridden. */
const transitDistribution = (change: {
    viewerProtocolPolicy?: string;
    originProtocolPolicy?: string;
    originSslProtocols?: string[];
    viewerCertificate?: object;
}) => ({
    enabled: true,
    origins: [
        {
            originId: "web",
            domainName: "redcap.example.edu",
            customOriginConfig: {
                httpPort: 80,
                httpsPort: 443,
                originProtocolPolicy: change.originProtocolPolicy ?? "https-only",
                originSslProtocols: change.originSslProtocols ?? ["TLSv1.2"],
            },
        },
    ],
    defaultCacheBehavior: {
        targetOriginId: "web",
        viewerProtocolPolicy: change.viewerProtocolPolicy ?? "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
    },
    viewerCertificate: change.viewerCertificate ?? {
        acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/1",
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
    },
    restrictions: { geoRestriction: { restrictionType: "none" } },
});

/** One careless change per mandatory rule. */
export const MUTATIONS: Record<string, Mutation> = {
    "rds-storage-encrypted": edit(CLUSTER, undefined, (i) => (i.storageEncrypted = false)),
    "s3-bucket-kms-default-encryption": edit(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "files-uploads",
        (i) => (i.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]),
    ),
    "efs-encrypted": add("aws:efs/fileSystem:FileSystem", "edocs", { encrypted: false }),
    "log-group-kms": edit("aws:cloudwatch/logGroup:LogGroup", "app-app", (i) => delete i.kmsKeyId),
    "secret-uses-cmk": edit(
        "aws:secretsmanager/secret:Secret",
        undefined,
        (i) => delete i.kmsKeyId,
    ),
    "sns-topic-kms": edit("aws:sns/topic:Topic", undefined, (i) => delete i.kmsMasterKeyId),
    "backup-vault-cmk": edit("aws:backup/vault:Vault", undefined, (i) => delete i.kmsKeyArn),
    "kms-key-rotation": edit("aws:kms/key:Key", undefined, (i) => (i.enableKeyRotation = false)),
    // Prod turns on EBS encryption by default, so only an explicit false is a careless change.
    "ec2-ebs-encrypted": add("aws:ebs/volume:Volume", "scratch", {
        size: 20,
        availabilityZone: "us-east-1a",
        encrypted: false,
    }),
    "ebs-encryption-by-default": edit(
        "aws:ebs/encryptionByDefault:EncryptionByDefault",
        undefined,
        (i) => (i.enabled = false),
    ),
    "alb-http-redirects-to-https": edit(
        LISTENER,
        "web-http",
        (i) =>
            (i.defaultActions = [
                {
                    type: "forward",
                    targetGroupArn:
                        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1",
                },
            ]),
    ),
    "alb-listener-tls12": edit(
        LISTENER,
        "web-https",
        (i) => (i.sslPolicy = "ELBSecurityPolicy-2016-08"),
    ),
    "alb-listener-acm-cert": edit(
        LISTENER,
        "web-https",
        (i) => (i.certificateArn = "arn:aws:iam::123456789012:server-certificate/web"),
    ),
    "alb-drop-invalid-headers": edit(LB, undefined, (i) => (i.dropInvalidHeaderFields = false)),
    "s3-bucket-ssl-only": drop("aws:s3/bucketPolicy:BucketPolicy"),
    "rds-require-tls": edit(
        "aws:rds/clusterParameterGroup:ClusterParameterGroup",
        undefined,
        (i) =>
            (i.parameters = i.parameters.filter(
                (p: { name: string }) => p.name !== "require_secure_transport",
            )),
    ),
    "ecs-efs-transit-encryption": edit(
        "aws:ecs/taskDefinition:TaskDefinition",
        "app-web",
        (i) =>
            (i.volumes = [
                ...(i.volumes ?? []),
                { name: "edocs", efsVolumeConfiguration: { fileSystemId: "fs-1" } },
            ]),
    ),
    "docdb-require-tls": (plan) =>
        add("aws:docdb/cluster:Cluster", "documents", {
            storageEncrypted: true,
            dbClusterParameterGroupName: "documents-params",
        })(
            add("aws:docdb/clusterParameterGroup:ClusterParameterGroup", "documents-params", {
                name: "documents-params",
                family: "docdb5.0",
                parameters: [{ name: "tls", value: "disabled" }],
            })(plan),
        ),
    "rds-proxy-require-tls": add("aws:rds/proxy:Proxy", "db-proxy", { engineFamily: "MYSQL" }),
    "elasticache-in-transit-encryption": add(
        "aws:elasticache/replicationGroup:ReplicationGroup",
        "sessions",
        { engine: "valkey", description: "sessions", userGroupIds: ["sessions-users"] },
    ),
    "elasticache-auth": add("aws:elasticache/replicationGroup:ReplicationGroup", "sessions", {
        engine: "valkey",
        description: "sessions",
        transitEncryptionEnabled: true,
    }),
    "memorydb-in-transit-encryption": add("aws:memorydb/cluster:Cluster", "sessions", {
        nodeType: "db.t4g.small",
        aclName: "sessions-users",
        tlsEnabled: false,
    }),
    "memorydb-auth": add("aws:memorydb/cluster:Cluster", "sessions", {
        nodeType: "db.t4g.small",
        aclName: "open-access",
    }),
    "efs-tls-only": add("aws:efs/fileSystem:FileSystem", "scratch", {
        encrypted: true,
        kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1",
    }),
    "msk-in-transit-encryption": add("aws:msk/cluster:Cluster", "events", {
        kafkaVersion: "3.6.0",
        numberOfBrokerNodes: 3,
        clientAuthentication: { sasl: { iam: true } },
        encryptionInfo: { encryptionInTransit: { clientBroker: "TLS_PLAINTEXT" } },
    }),
    "msk-client-authentication": add("aws:msk/cluster:Cluster", "events", {
        kafkaVersion: "3.6.0",
        numberOfBrokerNodes: 3,
    }),
    "cloudfront-viewer-https": add(
        "aws:cloudfront/distribution:Distribution",
        "cdn",
        transitDistribution({ viewerProtocolPolicy: "allow-all" }),
    ),
    "cloudfront-viewer-tls12": add(
        "aws:cloudfront/distribution:Distribution",
        "cdn",
        transitDistribution({ viewerCertificate: { cloudfrontDefaultCertificate: true } }),
    ),
    "cloudfront-origin-https": add(
        "aws:cloudfront/distribution:Distribution",
        "cdn",
        transitDistribution({ originProtocolPolicy: "http-only" }),
    ),
    "cloudfront-origin-tls12": add(
        "aws:cloudfront/distribution:Distribution",
        "cdn",
        transitDistribution({ originSslProtocols: ["TLSv1.1", "TLSv1.2"] }),
    ),
    "transfer-server-no-ftp": add("aws:transfer/server:Server", "sftp", {
        protocols: ["SFTP", "FTP"],
        securityPolicyName: "TransferSecurityPolicy-2024-01",
    }),
    "sg-no-world-ssh": add(
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "debug-ssh",
        {
            securityGroupId: "sg-1",
            ipProtocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrIpv4: "0.0.0.0/0",
        },
    ),
    "sg-restricted-common-ports": edit(
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "web-alb-443",
        (i) => ((i.fromPort = 3306), (i.toPort = 3306)),
    ),
    "sg-world-open-authorized-ports-only": edit(
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "web-alb-443",
        (i) => (i.ipProtocol = "-1"),
    ),
    "vpc-default-sg-closed": drop("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"),
    "subnet-no-auto-public-ip": edit(
        "aws:ec2/subnet:Subnet",
        "network-public-1",
        (i) => (i.mapPublicIpOnLaunch = true),
    ),
    "ecs-service-no-public-ip": edit(
        "aws:ecs/service:Service",
        undefined,
        (i) => (i.networkConfiguration.assignPublicIp = true),
    ),
    "rds-not-public": edit(
        "aws:rds/clusterInstance:ClusterInstance",
        undefined,
        (i) => (i.publiclyAccessible = true),
    ),
    "service-endpoint-not-public": add("aws:eks/cluster:Cluster", "k8s", {
        roleArn: "arn:aws:iam::1:role/r",
        encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:k" } },
        vpcConfig: { subnetIds: ["subnet-1", "subnet-2"] },
    }),
    "alb-waf-associated": drop("aws:wafv2/webAclAssociation:WebAclAssociation"),
    "cloudfront-waf-associated": add("aws:cloudfront/distribution:Distribution", "cdn", {
        enabled: true,
    }),
    "no-classic-elb": add("aws:elb/loadBalancer:LoadBalancer", "legacy", {
        listeners: [{ instancePort: 80, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" }],
    }),
    "ec2-no-public-ip": add("aws:ec2/instance:Instance", "debug", {
        subnetId: "subnet-1",
        associatePublicIpAddress: true,
    }),
    "ec2-in-vpc": add("aws:ec2/instance:Instance", "debug", { instanceType: "t4g.nano" }),
    "lambda-no-public-access": add("aws:lambda/permission:Permission", "open", {
        action: "lambda:InvokeFunction",
        function: "f",
        principal: "*",
    }),
    "resource-policy-not-public": edit(
        "aws:sns/topicPolicy:TopicPolicy",
        "alerts",
        (i) =>
            (i.policy = policyDoc({
                Effect: "Allow",
                Principal: "*",
                Action: "SNS:Subscribe",
                Resource: "*",
            })),
    ),
    "ssm-document-not-public": edit(
        "aws:ssm/document:Document",
        "access-shell",
        (i) => (i.permissions = { type: "Share", account_ids: "All" }),
    ),
    "rds-snapshot-not-public": add("aws:rds/clusterSnapshot:ClusterSnapshot", "shared", {
        dbClusterIdentifier: "redcap-prod",
        dbClusterSnapshotIdentifier: "x",
        sharedAccounts: ["all"],
    }),
    "s3-bucket-public-access-block": edit(
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        undefined,
        (i) => (i.restrictPublicBuckets = false),
    ),
    "s3-no-public-acl-or-policy": edit(
        "aws:s3/bucketPolicy:BucketPolicy",
        undefined,
        (i) =>
            (i.policy = policyDoc({
                Effect: "Allow",
                Principal: "*",
                Action: "s3:GetObject",
                Resource: "arn:aws:s3:::x/*",
            })),
    ),
    "s3-acls-disabled": edit(
        "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
        undefined,
        (i) => (i.rule = { objectOwnership: "ObjectWriter" }),
    ),
    "s3-account-public-access-block": edit(
        "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
        undefined,
        (i) => (i.blockPublicPolicy = false),
    ),
    "vpc-flow-logs-enabled": drop("aws:ec2/flowLog:FlowLog"),
    "wafv2-logging": drop("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"),
    "alb-access-logs": edit(LB, undefined, (i) => (i.accessLogs.enabled = false)),
    "s3-bucket-access-logging": drop("aws:s3/bucketLogging:BucketLogging"),
    "rds-log-exports": edit(
        CLUSTER,
        undefined,
        (i) => (i.enabledCloudwatchLogsExports = ["error"]),
    ),
    "log-group-retention": edit(
        "aws:cloudwatch/logGroup:LogGroup",
        "app-app",
        (i) => (i.retentionInDays = 7),
    ),
    "security-event-alarms": drop("aws:cloudwatch/logMetricFilter:LogMetricFilter"),
    "ecs-container-logging": containers((c) => delete c.logConfiguration),
    "cloudfront-access-logs": add("aws:cloudfront/distribution:Distribution", "cdn", {
        enabled: true,
    }),
    "msk-broker-logs": add("aws:msk/cluster:Cluster", "events", {
        kafkaVersion: "3.6.0",
        numberOfBrokerNodes: 2,
    }),
    "eks-control-plane-logs": add("aws:eks/cluster:Cluster", "k8s", {
        enabledClusterLogTypes: ["api"],
    }),
    // Exports the audit log, but the default parameter group leaves audit_logs disabled.
    "docdb-audit-logs": add("aws:docdb/cluster:Cluster", "documents", {
        storageEncrypted: true,
        enabledCloudwatchLogsExports: ["audit"],
    }),
    "neptune-audit-logs": add("aws:neptune/cluster:Cluster", "graph", {
        storageEncrypted: true,
        enableCloudwatchLogsExports: ["audit"],
    }),
    "mq-broker-logs": add("aws:mq/broker:Broker", "queue", {
        engineType: "ActiveMQ",
        logs: { general: true },
    }),
    "transfer-server-logging": add("aws:transfer/server:Server", "sftp", { protocols: ["SFTP"] }),
    "cloudtrail-multi-region": edit(TRAIL, undefined, (i) => (i.isMultiRegionTrail = false)),
    "cloudtrail-kms": edit(TRAIL, undefined, (i) => delete i.kmsKeyId),
    "cloudtrail-log-validation": edit(TRAIL, undefined, (i) => (i.enableLogFileValidation = false)),
    "cloudtrail-cloudwatch-logs": edit(TRAIL, undefined, (i) => delete i.cloudWatchLogsRoleArn),
    "cloudtrail-s3-data-events": edit(
        TRAIL,
        undefined,
        (i) => (i.advancedEventSelectors = i.advancedEventSelectors.slice(0, 1)),
    ),
    "guardduty-enabled": edit(
        "aws:guardduty/detector:Detector",
        undefined,
        (i) => (i.enable = false),
    ),
    "config-recorder-on": edit(
        "aws:cfg/recorderStatus:RecorderStatus",
        undefined,
        (i) => (i.isEnabled = false),
    ),
    "rds-backup-retention": edit(CLUSTER, undefined, (i) => (i.backupRetentionPeriod = 1)),
    "rds-deletion-protection": edit(CLUSTER, undefined, (i) => (i.deletionProtection = false)),
    "rds-multi-az": (plan) =>
        plan.filter(
            (r) =>
                r !== plan.filter((x) => x.type === "aws:rds/clusterInstance:ClusterInstance")[1],
        ),
    "rds-in-backup-plan": drop("aws:backup/selection:Selection"),
    "efs-in-backup-plan": add("aws:efs/fileSystem:FileSystem", "edocs", {
        encrypted: true,
        kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1",
    }),
    "backup-plan-frequency-retention": edit(
        "aws:backup/plan:Plan",
        undefined,
        (i) => (i.rules[0].lifecycle.deleteAfter = 7),
    ),
    "s3-bucket-versioning": edit(
        "aws:s3/bucketVersioning:BucketVersioning",
        undefined,
        (i) => (i.versioningConfiguration.status = "Suspended"),
    ),
    "elasticache-backups": add("aws:elasticache/replicationGroup:ReplicationGroup", "sessions", {
        description: "PHP sessions",
        engine: "redis",
    }),
    "iam-no-admin-statements": edit(
        "aws:iam/policy:Policy",
        undefined,
        (i) => (i.policy = policyDoc({ Effect: "Allow", Action: "*", Resource: "*" })),
    ),
    "iam-no-kms-decrypt-all-keys": edit(
        "aws:iam/policy:Policy",
        undefined,
        (i) => (i.policy = policyDoc({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" })),
    ),
    "iam-no-user-credentials": edit(
        "aws:iam/user:User",
        "files-redcap",
        (i) => delete i.tags["compliance-exempt-reason"],
    ),
    "ecs-no-plaintext-secrets": containers((c) =>
        c.environment.push({ name: "DB_PASSWORD", value: "hunter2" }),
    ),
    "ec2-imdsv2": add("aws:ec2/launchTemplate:LaunchTemplate", "workers", { imageId: "ami-1" }),
    "iam-password-policy": edit(
        "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
        undefined,
        (i) => (i.minimumPasswordLength = 8),
    ),
    "ecs-task-not-privileged": containers((c) => (c.privileged = true)),
    "required-tags": edit("pulumi:providers:aws", undefined, (i) => {
        const tags = JSON.parse(i.defaultTags);
        delete tags.tags.owner;
        i.defaultTags = JSON.stringify(tags);
    }),
    // Stores another team's program may add to the stack, each without encryption at rest.
    "docdb-cluster-encrypted": add("aws:docdb/cluster:Cluster", "documents", {}),
    "neptune-cluster-encrypted": add("aws:neptune/cluster:Cluster", "graph", {}),
    "elasticache-encrypted-at-rest": add(
        "aws:elasticache/replicationGroup:ReplicationGroup",
        "sessions-cache",
        { engine: "redis", description: "sessions" },
    ),
    "kinesis-stream-encrypted": add("aws:kinesis/stream:Stream", "events", {}),
    "sqs-queue-encrypted": add("aws:sqs/queue:Queue", "jobs", { sqsManagedSseEnabled: false }),
    "eks-secrets-encrypted": add("aws:eks/cluster:Cluster", "k8s", {
        roleArn: "arn:aws:iam::1:role/r",
    }),
    "athena-workgroup-encrypted": add("aws:athena/workgroup:Workgroup", "queries", {}),
    "firehose-encrypted": add(
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
        "export",
        { destination: "extended_s3" },
    ),
    "iam-trust-no-public-principal": add("aws:iam/role:Role", "anyone", {
        assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
        }),
    }),
    "disallowed-resource-types": add("aws:dynamodb/table:Table", "sessions", {
        billingMode: "PAY_PER_REQUEST",
    }),
};
