import { S3_BUCKET } from "../lib/tokens";
import { resourceRule } from "../lib/policy";
import { effectiveTags } from "../lib/tags";
import { UNKNOWN } from "../lib/unknown";
import taggable from "../lib/taggableTypes.json";

export const requiredTags = resourceRule<{ requiredTags: string[] }>({
    name: "required-tags",
    area: "tagging-and-approved-services",
    description:
        "Checks that every taggable AWS resource carries the required tags (own tags or the provider's defaultTags), so owner, environment and data classification are known for every resource holding PHI.",
    citation: "164.308(a)(1)(ii)(A), 164.310(d)(1)",
    awsConfig: "required-tags",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set the tags once as the AWS provider's `defaultTags` (stack config `aws:defaultTags` or an explicit provider); add resource tags only for what differs.",
    config: {
        requiredTags: {
            description: "Tag keys every taggable resource must carry, with a non-empty value.",
            default: ["project", "environment", "owner", "data-classification", "cost-center"],
            schema: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 },
        },
    },
    types: taggable.types,
    check(props, { report, config, args }) {
        const tags = effectiveTags(props, args.provider);
        if (tags === UNKNOWN) return;
        const missing = config.requiredTags.filter(
            (k) => typeof tags[k] !== "string" || tags[k].trim() === "",
        );
        if (missing.length > 0) report(`missing required tag(s): ${missing.join(", ")}`);
    },
});

const NO_RULES = "the pack has no rules for it";
const GEN_AI =
    "a generative-AI service: prompts, documents and memory would carry PHI, which needs its own review (BAA scope, retention, model access)";
const COPIES =
    "copies data outside the backup plan's controls (retention, lock, encryption checked by the pack); use AWS Backup copy rules";
const GLOBAL = "replicates data to other regions: review where PHI may go first";

/**
 * Services refused by default, each with why: the pack has no rules for them, or they have no
 * place in a PHI web workload (catalogue §5.1). A team approves one after review with
 * `allowedTypes`.
 */
const S3_WEBSITE = [
    "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
    "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2",
];

const FSX = [
    "aws:fsx/fileCache:FileCache",
    "aws:fsx/lustreFileSystem:LustreFileSystem",
    "aws:fsx/ontapFileSystem:OntapFileSystem",
    "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
    "aws:fsx/windowsFileSystem:WindowsFileSystem",
];
const FSX_TRANSIT =
    "encryption in transit depends on each client (SMB encryption, NFS with Kerberos, or Nitro instances) and the file system cannot require it: use EFS, whose mounts ecs-efs-transit-encryption judges";

export const NOT_APPROVED: Readonly<Record<string, string>> = {
    "aws:apigateway/stage:Stage": NO_RULES,
    "aws:apigatewayv2/stage:Stage": NO_RULES,
    "aws:dynamodb/table:Table": NO_RULES,
    "aws:dynamodb/tableReplica:TableReplica": NO_RULES,
    "aws:dax/cluster:Cluster": NO_RULES,
    "aws:elasticsearch/domain:Domain": NO_RULES,
    "aws:opensearch/domain:Domain": NO_RULES,
    "aws:opensearch/application:Application": NO_RULES,
    "aws:emr/cluster:Cluster": NO_RULES,
    "aws:emr/studio:Studio": NO_RULES,
    "aws:emrcontainers/jobTemplate:JobTemplate": NO_RULES,
    "aws:redshift/cluster:Cluster": NO_RULES,
    "aws:redshift/integration:Integration": NO_RULES,
    "aws:redshift/snapshotCopyGrant:SnapshotCopyGrant": NO_RULES,
    "aws:redshiftserverless/namespace:Namespace": NO_RULES,
    "aws:sagemaker/domain:Domain": NO_RULES,
    "aws:sagemaker/endpointConfiguration:EndpointConfiguration": NO_RULES,
    "aws:sagemaker/notebookInstance:NotebookInstance": NO_RULES,
    "aws:kinesis/stream:Stream":
        "not reviewed for PHI workloads (kinesis-stream-encrypted judges its encryption once a team allows it)",
    "aws:kinesis/videoStream:VideoStream": NO_RULES,
    "aws:dms/replicationInstance:ReplicationInstance": NO_RULES,
    "aws:dms/endpoint:Endpoint": NO_RULES,
    "aws:dms/instanceProfile:InstanceProfile": NO_RULES,
    "aws:dms/s3Endpoint:S3Endpoint": NO_RULES,
    "aws:elasticbeanstalk/environment:Environment": NO_RULES,
    "aws:codebuild/project:Project": NO_RULES,
    "aws:codecommit/repository:Repository": "closed to new customers since July 2024",
    "aws:autoscaling/group:Group": NO_RULES,
    "aws:ec2/launchConfiguration:LaunchConfiguration": "deprecated by AWS: use a launch template",
    "aws:ec2/vpnConnection:VpnConnection": NO_RULES,
    "aws:lightsail/instance:Instance": NO_RULES,
    "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration":
        "a website bucket serves its objects publicly over plain HTTP",
    "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2":
        "a website bucket serves its objects publicly over plain HTTP",
    "aws:elasticache/cluster:Cluster":
        "a single-node or Memcached cluster cannot encrypt at rest: use a replication group or a serverless cache",
    "aws:docdb/globalCluster:GlobalCluster": GLOBAL,
    "aws:neptune/globalCluster:GlobalCluster": GLOBAL,
    "aws:rds/globalCluster:GlobalCluster": GLOBAL,
    "aws:rds/integration:Integration": "zero-ETL copies the database into an analytics store",
    "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy": COPIES,
    "aws:rds/snapshotCopy:SnapshotCopy": COPIES,
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": COPIES,
    "aws:ebs/snapshotCopy:SnapshotCopy": COPIES,
    "aws:ebs/snapshotImport:SnapshotImport": COPIES,
    "aws:ec2/amiCopy:AmiCopy": COPIES,
    "aws:agentregistry/registry:Registry": GEN_AI,
    "aws:bedrock/agentDataSource:AgentDataSource": GEN_AI,
    "aws:bedrock/agentcoreEvaluator:AgentcoreEvaluator": GEN_AI,
    "aws:bedrock/agentcoreGateway:AgentcoreGateway": GEN_AI,
    "aws:bedrock/agentcoreMemory:AgentcoreMemory": GEN_AI,
    "aws:bedrock/agentcorePolicyEngine:AgentcorePolicyEngine": GEN_AI,
    "aws:bedrock/guardrail:Guardrail": GEN_AI,
    "aws:kendra/index:Index": GEN_AI,
    "aws:qbusiness/application:Application": GEN_AI,
    "aws:appflow/connectorProfile:ConnectorProfile":
        "moves data between SaaS applications and AWS: not reviewed",
    "aws:appflow/flow:Flow": "moves data between SaaS applications and AWS: not reviewed",
    "aws:apprunner/service:Service":
        "a second container platform: run containers on the reviewed Fargate components",
    "aws:appsync/apiCache:ApiCache": NO_RULES,
    "aws:athena/database:Database":
        "runs its DDL with result settings of its own; query through a workgroup, which athena-workgroup-encrypted judges",
    "aws:datazone/domain:Domain": NO_RULES,
    "aws:keyspaces/table:Table": NO_RULES,
    "aws:location/geofenceCollection:GeofenceCollection": "device positions identify people",
    "aws:location/tracker:Tracker": "device positions identify people",
    "aws:m2/application:Application": NO_RULES,
    "aws:m2/environment:Environment": NO_RULES,
    "aws:mailmanager/archive:Archive": "an e-mail archive: not reviewed",
    "aws:workmail/organization:Organization": "e-mail: not reviewed",
    "aws:msk/channel:Channel": NO_RULES,
    "aws:mwaa/environment:Environment": NO_RULES,
    "aws:qldb/ledger:Ledger": "end of support (July 2025)",
    "aws:rekognition/streamProcessor:StreamProcessor": "faces are biometric identifiers",
    "aws:s3/filesFileSystem:FilesFileSystem": NO_RULES,
    "aws:s3/vectorsIndex:VectorsIndex": NO_RULES,
    "aws:s3/vectorsVectorBucket:VectorsVectorBucket": NO_RULES,
    "aws:s3tables/table:Table": NO_RULES,
    "aws:s3tables/tableBucket:TableBucket": NO_RULES,
    "aws:storagegateway/cachesIscsiVolume:CachesIscsiVolume":
        "extends storage to on-premises gateways: not reviewed",
    "aws:storagegateway/nfsFileShare:NfsFileShare":
        "extends storage to on-premises gateways: not reviewed",
    "aws:storagegateway/smbFileShare:SmbFileShare":
        "extends storage to on-premises gateways: not reviewed",
    "aws:storagegateway/storedIscsiVolume:StoredIscsiVolume":
        "extends storage to on-premises gateways: not reviewed",
    "aws:timestreamquery/scheduledQuery:ScheduledQuery": NO_RULES,
    "aws:timestreamwrite/database:Database": NO_RULES,
    // Endpoints of services without rules (lib/dataTypes.json `endpoints`).
    "aws:apigateway/domainName:DomainName": NO_RULES,
    "aws:apigateway/restApi:RestApi": NO_RULES,
    "aws:apigatewayv2/api:Api": NO_RULES,
    "aws:apigatewayv2/domainName:DomainName": NO_RULES,
    "aws:apigatewayv2/route:Route": NO_RULES,
    "aws:appsync/graphQLApi:GraphQLApi": NO_RULES,
    "aws:cloudfront/multitenantDistribution:MultitenantDistribution":
        "serves many tenants from one distribution: not reviewed (cloudfront rules judge single-tenant distributions)",
    "aws:lightsail/database:Database":
        "a second database platform outside the VPC's controls: use RDS, which the pack judges",
    "aws:mailmanager/ingressPoint:IngressPoint": "receives e-mail: not reviewed",
    "aws:memorydb/multiRegionCluster:MultiRegionCluster": GLOBAL,
    "aws:redshiftserverless/workgroup:Workgroup": NO_RULES,
    "aws:ses/receiptRule:ReceiptRule":
        "receives e-mail into AWS (TLS optional by default): not reviewed",
    "aws:timestreaminfluxdb/dbCluster:DbCluster": NO_RULES,
    "aws:timestreaminfluxdb/dbInstance:DbInstance": NO_RULES,
    "aws:transfer/connector:Connector":
        "sends files to servers outside AWS (SFTP, AS2): not reviewed",
    ...Object.fromEntries(FSX.map((t) => [t, FSX_TRANSIT])),
};

export const disallowedResourceTypes = resourceRule<{
    disallowedTypes: string[];
    allowedTypes: string[];
}>({
    name: "disallowed-resource-types",
    area: "tagging-and-approved-services",
    description:
        "Checks that the stack creates no resource type outside the services approved for PHI workloads (types this pack has no rules for).",
    citation: "164.308(a)(1)(ii)(B), 164.314(a)",
    awsConfig:
        "none (turns the conformance pack's not-applicable rules into an enforced assumption)",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Use an approved service, or add the type to `allowedTypes` in this policy's config after a security review (and cover it with the conformance pack's rules for that service).",
    config: {
        disallowedTypes: {
            description: "Resource type tokens not approved for PHI workloads.",
            default: Object.keys(NOT_APPROVED),
            schema: { type: "array", items: { type: "string" } },
        },
        allowedTypes: {
            description: "Tokens approved after review, taken out of disallowedTypes.",
            default: [],
            schema: { type: "array", items: { type: "string" } },
        },
    },
    // Every resource: the list is configurable, so no token can be ruled out in advance.
    types: "*",
    check(props, { report, config, args }) {
        const refused = (type: string) =>
            config.disallowedTypes.includes(type) && !config.allowedTypes.includes(type);
        // The deprecated inline form of a refused companion: a bucket's own `website` block.
        const website = S3_WEBSITE.find(refused);
        if (S3_BUCKET.includes(args.type) && website && props.website)
            report(
                `the bucket declares an inline website configuration, as ${website} would: ${NOT_APPROVED[website] ?? "not approved"}`,
            );
        if (refused(args.type))
            report(
                `${args.type} is not approved for PHI workloads${NOT_APPROVED[args.type] ? `: ${NOT_APPROVED[args.type]}` : ""}`,
            );
    },
});

export const taggingAndApprovedServicesPolicies = [requiredTags, disallowedResourceTypes];
