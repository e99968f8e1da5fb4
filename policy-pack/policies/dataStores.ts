import { resourceRule } from "../lib/policy";

/**
 * Encryption at rest for the data stores and streams beyond the REDCap and RStudio stacks' own
 * (DocumentDB, Neptune, ElastiCache, Kinesis, SQS, EKS secrets, Athena results, Firehose): the
 * services another team's program is likely to add. Each rule names the input, its AWS default
 * and why that default is not enough. The inventory of data-capable types (tools/phiTypes.ts)
 * requires every such type to be judged here or elsewhere, or refused by default.
 */

const AT_REST = "164.312(a)(2)(iv)";

interface StoreSpec {
    name: string;
    types: string[];
    awsConfig: string;
    description: string;
    remediationSteps: string;
    /** What is wrong with these inputs, or undefined when the store is encrypted. */
    problem: (props: any) => string | undefined;
}

function encryptedAtRest(spec: StoreSpec) {
    return resourceRule({
        name: spec.name,
        area: "encryption-at-rest",
        description: spec.description,
        citation: AT_REST,
        awsConfig: spec.awsConfig,
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps: spec.remediationSteps,
        types: spec.types,
        check(props, { report }) {
            const problem = spec.problem(props);
            if (problem) report(problem);
        },
    });
}

/** A storage flag whose AWS default is off and that cannot be turned on after creation. */
const storageEncrypted = (service: string) => (props: any) =>
    props.storageEncrypted === true
        ? undefined
        : `storageEncrypted is not true: ${service} stores data unencrypted by default, and encryption cannot be added to an existing cluster`;

export const docdbClusterEncrypted = encryptedAtRest({
    name: "docdb-cluster-encrypted",
    types: ["aws:docdb/cluster:Cluster"],
    awsConfig: "docdb-cluster-encrypted",
    description: "Checks that DocumentDB clusters encrypt their storage (default: unencrypted).",
    remediationSteps: "Set `storageEncrypted: true` and `kmsKeyId` to a customer-managed key.",
    problem: storageEncrypted("DocumentDB"),
});

export const neptuneClusterEncrypted = encryptedAtRest({
    name: "neptune-cluster-encrypted",
    types: ["aws:neptune/cluster:Cluster"],
    awsConfig: "neptune-cluster-encrypted",
    description: "Checks that Neptune clusters encrypt their storage (default: unencrypted).",
    remediationSteps: "Set `storageEncrypted: true` and `kmsKeyArn` to a customer-managed key.",
    problem: storageEncrypted("Neptune"),
});

export const elasticacheEncryptedAtRest = encryptedAtRest({
    name: "elasticache-encrypted-at-rest",
    types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    awsConfig: "elasticache-repl-grp-encrypted-at-rest",
    description:
        "Checks that ElastiCache replication groups encrypt data at rest (set explicitly, or Valkey, whose default is on; Redis OSS defaults to off).",
    remediationSteps:
        "Set `atRestEncryptionEnabled: true` (it cannot be changed after creation) with `kmsKeyId`.",
    problem: (props) => {
        if (props.atRestEncryptionEnabled === true) return undefined;
        if (props.atRestEncryptionEnabled === false)
            return "atRestEncryptionEnabled is false: cached data and snapshots would be unencrypted";
        return props.engine === "valkey"
            ? undefined
            : `atRestEncryptionEnabled is unset with engine ${JSON.stringify(props.engine ?? "redis")}: Redis OSS replication groups default to no encryption at rest`;
    },
});

export const kinesisStreamEncrypted = encryptedAtRest({
    name: "kinesis-stream-encrypted",
    types: ["aws:kinesis/stream:Stream"],
    awsConfig: "kinesis-stream-encrypted",
    description: "Checks that Kinesis data streams encrypt records with KMS (default: NONE).",
    remediationSteps: 'Set `encryptionType: "KMS"` and `kmsKeyId` to a customer-managed key.',
    problem: (props) =>
        props.encryptionType === "KMS"
            ? undefined
            : `encryptionType is ${JSON.stringify(props.encryptionType ?? "NONE")}: records would rest in the stream unencrypted`,
});

export const sqsQueueEncrypted = encryptedAtRest({
    name: "sqs-queue-encrypted",
    types: ["aws:sqs/queue:Queue"],
    awsConfig: "sqs-queue-encrypted (SSE-SQS or SSE-KMS)",
    description:
        "Checks that SQS queues encrypt messages at rest: with a KMS key, or with SQS-managed keys (the default for new queues) not turned off.",
    remediationSteps:
        "Set `kmsMasterKeyId` to a customer-managed key, or leave `sqsManagedSseEnabled` unset or true.",
    problem: (props) =>
        props.sqsManagedSseEnabled === false && !props.kmsMasterKeyId
            ? "sqsManagedSseEnabled is false and no kmsMasterKeyId is set: messages would rest unencrypted"
            : undefined,
});

export const eksSecretsEncrypted = encryptedAtRest({
    name: "eks-secrets-encrypted",
    types: ["aws:eks/cluster:Cluster"],
    awsConfig: "eks-secrets-encrypted",
    description:
        "Checks that EKS clusters envelope-encrypt Kubernetes secrets with a customer-managed key.",
    remediationSteps:
        'Set `encryptionConfig: { resources: ["secrets"], provider: { keyArn } }` with a customer-managed key.',
    problem: (props) => {
        const config = props.encryptionConfig;
        const resources = (config?.resources ?? []) as unknown[];
        if (!config)
            return "no encryptionConfig: Kubernetes secrets are not encrypted with a key the account controls";
        if (!resources.includes("secrets"))
            return 'encryptionConfig.resources does not include "secrets"';
        if (!config.provider?.keyArn) return "encryptionConfig.provider.keyArn is not set";
        return undefined;
    },
});

export const athenaWorkgroupEncrypted = encryptedAtRest({
    name: "athena-workgroup-encrypted",
    types: ["aws:athena/workgroup:Workgroup"],
    awsConfig: "athena-workgroup-encrypted-at-rest",
    description:
        "Checks that Athena workgroups encrypt query results (in their S3 output location, or in Athena-managed storage, which is always encrypted) and enforce that setting on every query.",
    remediationSteps:
        'Set `configuration.resultConfiguration.encryptionConfiguration.encryptionOption` ("SSE_KMS" with `kmsKeyArn`), or `configuration.managedQueryResultsConfiguration.enabled: true` (with `encryptionConfiguration.kmsKey` for a customer key), and leave `configuration.enforceWorkgroupConfiguration` unset or true.',
    problem: (props) => {
        const configuration = props.configuration;
        const option =
            configuration?.resultConfiguration?.encryptionConfiguration?.encryptionOption;
        // Managed query results (default off) live in Athena-owned storage, encrypted with
        // Athena's key unless encryptionConfiguration.kmsKey names one: never unencrypted.
        const managed = configuration?.managedQueryResultsConfiguration?.enabled === true;
        if (!option && !managed)
            return "query results are not encrypted: configuration.resultConfiguration.encryptionConfiguration.encryptionOption is unset and managedQueryResultsConfiguration is not enabled";
        if (configuration.enforceWorkgroupConfiguration === false)
            return "configuration.enforceWorkgroupConfiguration is false: a query may write its results unencrypted";
        return undefined;
    },
});

export const firehoseEncrypted = encryptedAtRest({
    name: "firehose-encrypted",
    types: ["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"],
    awsConfig: "kinesis-firehose-delivery-stream-encrypted",
    description:
        "Checks that Firehose streams fed directly encrypt buffered records (a stream fed from Kinesis or MSK is encrypted by its source).",
    remediationSteps:
        'Set `serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn }`.',
    problem: (props) =>
        props.kinesisSourceConfiguration ||
        props.mskSourceConfiguration ||
        props.serverSideEncryption?.enabled === true
            ? undefined
            : "serverSideEncryption is not enabled: buffered records would rest unencrypted (default false)",
});

export const dataStorePolicies = [
    docdbClusterEncrypted,
    neptuneClusterEncrypted,
    elasticacheEncryptedAtRest,
    kinesisStreamEncrypted,
    sqsQueueEncrypted,
    eksSecretsEncrypted,
    athenaWorkgroupEncrypted,
    firehoseEncrypted,
];
