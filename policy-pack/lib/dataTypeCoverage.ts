/**
 * How the pack treats each data-capable resource type (lib/dataTypes.json) that no
 * encryption-at-rest rule judges and `disallowed-resource-types` does not refuse: AWS encrypts it
 * at rest with no way to turn that off, or it holds configuration rather than data. Each entry
 * says why, so a reviewer can check it against the service's documentation.
 */

/** Types AWS always encrypts at rest (the key may be AWS-owned unless one is given). */
export const ALWAYS_ENCRYPTED: Readonly<Record<string, string>> = {
    "aws:amp/workspace:Workspace": "Managed Prometheus encrypts workspace data at rest, always",
    "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault":
        "air-gapped vaults encrypt every recovery point, always",
    "aws:cloudtrail/eventDataStore:EventDataStore":
        "CloudTrail Lake encrypts event data stores, always",
    "aws:cloudwatch/eventArchive:EventArchive":
        "EventBridge encrypts archived events at rest, always",
    "aws:cloudwatch/eventBus:EventBus": "EventBridge encrypts events at rest, always",
    "aws:cloudwatch/eventConnection:EventConnection":
        "its credentials are kept in Secrets Manager, encrypted",
    "aws:docdb/elasticCluster:ElasticCluster":
        "DocumentDB elastic clusters are always encrypted at rest",
    "aws:elasticache/serverlessCache:ServerlessCache":
        "serverless caches are always encrypted at rest and in transit",
    "aws:grafana/workspace:Workspace": "Managed Grafana encrypts workspace data at rest, always",
    "aws:lambda/function:Function":
        "Lambda encrypts environment variables and code at rest, always",
    "aws:memorydb/cluster:Cluster": "MemoryDB always encrypts data at rest",
    "aws:memorydb/snapshot:Snapshot": "MemoryDB always encrypts snapshots at rest",
    "aws:mq/broker:Broker": "Amazon MQ encrypts broker storage at rest, always",
    "aws:msk/cluster:Cluster":
        "MSK always encrypts data at rest (encryptionInfo only picks the key)",
    "aws:neptunegraph/graph:Graph": "Neptune Analytics always encrypts graphs at rest",
    "aws:s3/bucketObject:BucketObject":
        "S3 encrypts every new object at rest (SSE-S3 at least, since January 2023); the bucket's default key applies",
    "aws:s3/bucketObjectv2:BucketObjectv2":
        "S3 encrypts every new object at rest (SSE-S3 at least, since January 2023); the bucket's default key applies",
    "aws:s3/objectCopy:ObjectCopy":
        "S3 encrypts every new object at rest (SSE-S3 at least, since January 2023); the bucket's default key applies",
    "aws:sfn/activity:Activity": "Step Functions encrypts activity data at rest, always",
    "aws:sfn/stateMachine:StateMachine": "Step Functions encrypts execution data at rest, always",
    "aws:ecr/repository:Repository":
        "ECR encrypts images at rest, always (ecr-repo-hardening asks for the customer key)",
    "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate":
        "repositories it creates are encrypted like any ECR repository",
};

/** Types whose encryption input protects configuration, not data the workload stores. */
export const NOT_WORKLOAD_DATA: Readonly<Record<string, string>> = {
    "aws:appconfig/configurationProfile:ConfigurationProfile": "application configuration",
    "aws:appconfig/deployment:Deployment": "application configuration",
    "aws:auditmanager/accountRegistration:AccountRegistration":
        "an account setting (audit evidence)",
    "aws:cloudwatch/logAnomalyDetector:LogAnomalyDetector":
        "a model of log patterns; the logs stay in their encrypted log group",
    "aws:codeartifact/domain:Domain": "software packages",
    "aws:imagebuilder/component:Component": "image build instructions",
    "aws:imagebuilder/containerRecipe:ContainerRecipe": "image build instructions",
    "aws:imagebuilder/workflow:Workflow": "image build instructions",
    "aws:lambda/capacityProvider:CapacityProvider": "compute capacity for functions",
    "aws:lambda/eventSourceMapping:EventSourceMapping":
        "routes records from a source to a function; it keeps none",
    "aws:networkfirewall/firewall:Firewall": "firewall configuration",
    "aws:networkfirewall/firewallPolicy:FirewallPolicy": "firewall configuration",
    "aws:networkfirewall/ruleGroup:RuleGroup": "firewall configuration",
    "aws:networkfirewall/tlsInspectionConfiguration:TlsInspectionConfiguration":
        "firewall configuration",
    "aws:pipes/pipe:Pipe": "routes events between services; it keeps none",
    "aws:rds/customDbEngineVersion:CustomDbEngineVersion": "database engine media",
    "aws:resiliencehub/v2Policy:V2Policy": "resilience assessment configuration",
    "aws:resiliencehub/v2Service:V2Service": "resilience assessment configuration",
    "aws:resiliencehub/v2System:V2System": "resilience assessment configuration",
    "aws:scheduler/schedule:Schedule": "a schedule and its target's fixed input",
    "aws:securityhub/connectorV2:ConnectorV2": "security findings integration settings",
    "aws:ssm/parameter:Parameter":
        "configuration values; secrets belong in Secrets Manager, which secret-uses-cmk judges",
    "aws:synthetics/canary:Canary": "its artifacts land in a bucket, which the S3 rules judge",
    "aws:verifiedaccess/endpoint:Endpoint": "access configuration",
    "aws:verifiedaccess/trustProvider:TrustProvider": "access configuration",
    "aws:xray/encryptionConfig:EncryptionConfig": "the account's trace encryption setting",
};

/** Types whose encryption at rest a rule of another area judges, by that rule's name. */
export const ENCRYPTION_JUDGED_ELSEWHERE: Readonly<Record<string, string>> = {
    "aws:cloudtrail/trail:Trail": "cloudtrail-kms",
};
