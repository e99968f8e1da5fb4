/**
 * How the pack treats each approved data store and endpoint (lib/dataTypes.json) for encryption in
 * transit, public access and logging, where no rule of that area judges the type itself. An entry
 * is either a reason (the service leaves nothing to get wrong, each checkable against its
 * documentation) or the companion types through which the setting is made, which a rule of the
 * area must judge. `tools/dataTypes.spec.ts` requires every approved type to be judged or
 * explained, exactly once, in each of the three.
 */

/** Where a setting is made on companion resources that a rule of the same area judges. */
export interface Via {
    via: string[];
    why: string;
}
export type Explanation = string | Via;

export const DIMENSIONS = {
    transit: "encryption-in-transit",
    public: "network-exposure",
    logging: "logging-and-audit",
} as const;
export type Dimension = keyof typeof DIMENSIONS;

// Reasons shared by many services.
const AWS_API =
    "reached only through its AWS API, whose endpoints accept TLS 1.2 or later and nothing else";
const IAM_ONLY =
    "no network endpoint or resource policy of its own: only IAM principals of the account reach it";
const TRAIL =
    "reached only through AWS API calls: the account trail that cloudtrail-multi-region requires records every management call, and data-plane calls where it selects them";
const IN_VPC = "reachable only from inside its VPC: it has no public endpoint";
const NO_ACCESS_LOG =
    "the service offers no data-access log; its API calls are recorded by the account trail";

const LOG_RESOURCE_POLICY = "aws:cloudwatch/logResourcePolicy:LogResourcePolicy";
const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const LISTENER_REACH: Via = {
    via: [SECURITY_GROUP],
    why: "a listener serves whoever its load balancer's security groups admit, which the security-group rules judge",
};
const LISTENER_LOGS: Via = {
    via: [LOAD_BALANCER],
    why: "requests to a listener are recorded in its load balancer's access logs",
};

export const TRANSIT: Readonly<Record<string, Explanation>> = {
    "aws:amp/workspace:Workspace": AWS_API,
    "aws:athena/workgroup:Workgroup": AWS_API,
    "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault": AWS_API,
    "aws:backup/vault:Vault": AWS_API,
    "aws:cloudtrail/eventDataStore:EventDataStore": AWS_API,
    "aws:cloudtrail/trail:Trail": AWS_API,
    "aws:cloudwatch/eventArchive:EventArchive": AWS_API,
    "aws:cloudwatch/eventBus:EventBus": AWS_API,
    "aws:cloudwatch/eventConnection:EventConnection":
        "EventBridge calls API destinations over HTTPS only (an http:// endpoint is refused)",
    "aws:cloudwatch/logGroup:LogGroup": AWS_API,
    "aws:docdb/elasticCluster:ElasticCluster":
        "elastic clusters accept TLS connections only: there is no setting to turn TLS off",
    "aws:ebs/volume:Volume":
        "an encrypted volume (ec2-ebs-encrypted) is encrypted between the instance and the storage too",
    "aws:ec2/instance:Instance": {
        via: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
        why: "what an instance serves reaches users through a load balancer's listener; its security groups keep other ports closed",
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        via: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
        why: "what its instances serve reaches users through a load balancer's listener",
    },
    "aws:ecr/repository:Repository": AWS_API,
    "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate": AWS_API,
    "aws:eks/cluster:Cluster": "the Kubernetes API server accepts TLS connections only",
    "aws:elasticache/serverlessCache:ServerlessCache":
        "serverless caches accept TLS connections only",
    "aws:grafana/workspace:Workspace": "workspaces are served over HTTPS only",
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": `${AWS_API}; Firehose delivers to HTTP endpoints over HTTPS only`,
    "aws:lambda/function:Function": AWS_API,
    "aws:lambda/functionUrl:FunctionUrl": "function URLs are served over HTTPS only",
    "aws:memorydb/snapshot:Snapshot": AWS_API,
    "aws:mq/broker:Broker":
        "brokers publish TLS endpoints only (ssl://, amqps://, wss://): Amazon MQ offers no plain-text listener",
    "aws:msk/serverlessCluster:ServerlessCluster":
        "serverless clusters accept IAM-authenticated TLS connections only",
    "aws:neptune/cluster:Cluster":
        "Neptune accepts HTTPS with TLS 1.2 or later only (every engine version since 1.0.4.0)",
    "aws:neptune/clusterEndpoint:ClusterEndpoint":
        "Neptune accepts HTTPS with TLS 1.2 or later only (every engine version since 1.0.4.0)",
    "aws:neptune/clusterInstance:ClusterInstance":
        "Neptune accepts HTTPS with TLS 1.2 or later only (every engine version since 1.0.4.0)",
    "aws:neptunegraph/graph:Graph": "Neptune Analytics accepts HTTPS connections only",
    "aws:rds/clusterInstance:ClusterInstance": {
        via: ["aws:rds/cluster:Cluster"],
        why: "an Aurora instance takes its TLS settings from its cluster's parameter group",
    },
    "aws:rds/shardGroup:ShardGroup": {
        via: ["aws:rds/cluster:Cluster"],
        why: "a shard group serves its DB cluster's data under the cluster's parameter group",
    },
    "aws:s3/bucketObject:BucketObject": {
        via: ["aws:s3/bucket:Bucket"],
        why: "objects are read through their bucket, whose policy must refuse plain HTTP",
    },
    "aws:s3/bucketObjectv2:BucketObjectv2": {
        via: ["aws:s3/bucket:Bucket"],
        why: "objects are read through their bucket, whose policy must refuse plain HTTP",
    },
    "aws:s3/objectCopy:ObjectCopy": {
        via: ["aws:s3/bucket:Bucket"],
        why: "objects are read through their bucket, whose policy must refuse plain HTTP",
    },
    "aws:secretsmanager/secret:Secret": AWS_API,
    "aws:sfn/activity:Activity": AWS_API,
    "aws:sfn/stateMachine:StateMachine": AWS_API,
    "aws:verifiedaccess/endpoint:Endpoint":
        "Verified Access serves applications to users over HTTPS only",
};

export const PUBLIC_ACCESS: Readonly<Record<string, Explanation>> = {
    "aws:alb/listener:Listener": LISTENER_REACH,
    "aws:lb/listener:Listener": LISTENER_REACH,
    "aws:amp/workspace:Workspace": IAM_ONLY,
    "aws:athena/workgroup:Workgroup": IAM_ONLY,
    "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault":
        "shared only through AWS RAM with named accounts; no resource policy can open it",
    "aws:backup/vault:Vault": {
        via: ["aws:backup/vaultPolicy:VaultPolicy"],
        why: "a vault is opened to others only by its access policy",
    },
    "aws:cloudtrail/eventDataStore:EventDataStore": IAM_ONLY,
    "aws:cloudtrail/trail:Trail": {
        via: ["aws:s3/bucket:Bucket"],
        why: "a trail's records are read from its bucket, which the S3 public-access rules judge",
    },
    "aws:cloudwatch/eventArchive:EventArchive": IAM_ONLY,
    "aws:cloudwatch/eventBus:EventBus": {
        via: [
            "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
            "aws:cloudwatch/eventPermission:EventPermission",
        ],
        why: "a bus takes events from other accounts only through its policy or permissions",
    },
    "aws:cloudwatch/eventConnection:EventConnection": IAM_ONLY,
    "aws:cloudwatch/logGroup:LogGroup": {
        via: [LOG_RESOURCE_POLICY],
        why: "a log group is opened to others only by a log resource policy",
    },
    "aws:docdb/cluster:Cluster": IN_VPC,
    "aws:docdb/elasticCluster:ElasticCluster": IN_VPC,
    "aws:ebs/volume:Volume": "a volume is reachable only through the instance it is attached to",
    "aws:efs/fileSystem:FileSystem": {
        via: ["aws:efs/fileSystemPolicy:FileSystemPolicy"],
        why: "mount targets live in the VPC; a file system is opened to other accounts only by its policy",
    },
    "aws:ecr/repository:Repository": {
        via: ["aws:ecr/repositoryPolicy:RepositoryPolicy"],
        why: "a repository is opened to others only by its repository policy",
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": IN_VPC,
    "aws:elasticache/serverlessCache:ServerlessCache": IN_VPC,
    "aws:grafana/workspace:Workspace":
        "users sign in through IAM Identity Center or SAML: a workspace has no anonymous access",
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": IAM_ONLY,
    "aws:lambda/function:Function": {
        via: ["aws:lambda/permission:Permission"],
        why: "a function is invoked by others only through its resource policy's permissions",
    },
    "aws:memorydb/cluster:Cluster": IN_VPC,
    "aws:memorydb/snapshot:Snapshot": IAM_ONLY,
    "aws:msk/serverlessCluster:ServerlessCluster": IN_VPC,
    "aws:rds/cluster:Cluster": {
        via: ["aws:rds/clusterInstance:ClusterInstance"],
        why: "a cluster is reached through its instances, each of which may be public",
    },
    "aws:neptune/cluster:Cluster": {
        via: ["aws:neptune/clusterInstance:ClusterInstance"],
        why: "a cluster is reached through its instances, each of which may be public",
    },
    "aws:neptune/clusterEndpoint:ClusterEndpoint": {
        via: ["aws:neptune/clusterInstance:ClusterInstance"],
        why: "an endpoint routes to the cluster's instances, each of which may be public",
    },
    "aws:rds/proxy:Proxy": IN_VPC,
    "aws:s3/bucketObject:BucketObject": {
        via: ["aws:s3/bucket:Bucket"],
        why: "objects are public only as their bucket allows",
    },
    "aws:s3/bucketObjectv2:BucketObjectv2": {
        via: ["aws:s3/bucket:Bucket"],
        why: "objects are public only as their bucket allows",
    },
    "aws:s3/objectCopy:ObjectCopy": {
        via: ["aws:s3/bucket:Bucket"],
        why: "objects are public only as their bucket allows",
    },
    "aws:sfn/activity:Activity": IAM_ONLY,
    "aws:sfn/stateMachine:StateMachine": IAM_ONLY,
    "aws:verifiedaccess/endpoint:Endpoint":
        "reachable from the internet by design: Verified Access admits only users its trust provider verifies",
};

export const LOGGING: Readonly<Record<string, Explanation>> = {
    "aws:alb/listener:Listener": LISTENER_LOGS,
    "aws:lb/listener:Listener": LISTENER_LOGS,
    "aws:amp/workspace:Workspace": TRAIL,
    "aws:athena/workgroup:Workgroup": TRAIL,
    "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault": TRAIL,
    "aws:backup/vault:Vault": TRAIL,
    "aws:cloudtrail/eventDataStore:EventDataStore":
        "it is an audit log: CloudTrail Lake records its own queries in the trail",
    "aws:cloudwatch/eventArchive:EventArchive": TRAIL,
    "aws:cloudwatch/eventBus:EventBus": TRAIL,
    "aws:cloudwatch/eventConnection:EventConnection": TRAIL,
    "aws:docdb/elasticCluster:ElasticCluster": NO_ACCESS_LOG,
    "aws:ebs/volume:Volume": NO_ACCESS_LOG,
    "aws:ec2/launchTemplate:LaunchTemplate": {
        via: ["aws:ec2/instance:Instance"],
        why: "its instances are judged as instances",
    },
    "aws:ecr/repository:Repository": TRAIL,
    "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate": TRAIL,
    "aws:efs/fileSystem:FileSystem": NO_ACCESS_LOG,
    "aws:elasticache/replicationGroup:ReplicationGroup":
        "ElastiCache's log delivery carries slow-query and engine logs, not data access; its API calls are recorded by the account trail",
    "aws:elasticache/serverlessCache:ServerlessCache": NO_ACCESS_LOG,
    "aws:grafana/workspace:Workspace": TRAIL,
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": TRAIL,
    "aws:lambda/function:Function":
        "every invocation writes to the function's log group, which the log-group rules judge",
    "aws:lambda/functionUrl:FunctionUrl":
        "every invocation writes to the function's log group, which the log-group rules judge",
    "aws:memorydb/cluster:Cluster": NO_ACCESS_LOG,
    "aws:memorydb/snapshot:Snapshot": TRAIL,
    "aws:msk/serverlessCluster:ServerlessCluster": NO_ACCESS_LOG,
    "aws:neptune/clusterEndpoint:ClusterEndpoint": {
        via: ["aws:neptune/cluster:Cluster"],
        why: "an endpoint serves its cluster, whose audit log records every query",
    },
    "aws:neptune/clusterInstance:ClusterInstance": {
        via: ["aws:neptune/cluster:Cluster"],
        why: "an instance serves its cluster, whose audit log records every query",
    },
    "aws:neptunegraph/graph:Graph": NO_ACCESS_LOG,
    "aws:rds/proxy:Proxy": {
        via: ["aws:rds/cluster:Cluster", "aws:rds/instance:Instance"],
        why: "queries through a proxy are audited by the database behind it",
    },
    "aws:rds/shardGroup:ShardGroup": {
        via: ["aws:rds/cluster:Cluster"],
        why: "a shard group's queries are audited by its DB cluster's log exports",
    },
    "aws:s3/bucketObject:BucketObject": {
        via: ["aws:s3/bucket:Bucket"],
        why: "object access is logged by its bucket",
    },
    "aws:s3/bucketObjectv2:BucketObjectv2": {
        via: ["aws:s3/bucket:Bucket"],
        why: "object access is logged by its bucket",
    },
    "aws:s3/objectCopy:ObjectCopy": {
        via: ["aws:s3/bucket:Bucket"],
        why: "object access is logged by its bucket",
    },
    "aws:secretsmanager/secret:Secret":
        "every read of a secret (GetSecretValue) is a management event, recorded by the account trail",
    "aws:sfn/activity:Activity": TRAIL,
    "aws:sfn/stateMachine:StateMachine": TRAIL,
    "aws:sns/topic:Topic": TRAIL,
    "aws:sqs/queue:Queue": TRAIL,
    "aws:verifiedaccess/endpoint:Endpoint": NO_ACCESS_LOG,
};
