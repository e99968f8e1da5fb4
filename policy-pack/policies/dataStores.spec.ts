import { describeCases, type R } from "../test/cases";
import { dataStorePolicies } from "./dataStores";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-aaaa-bbbb-cccc-000000000001";
const one = (type: string, name: string, props: Record<string, unknown>): R[] => [
    { type, name, props },
];

describe("policy pack: encryption at rest of other data stores", () => {
    describeCases(dataStorePolicies, {
        "docdb-cluster-encrypted": {
            compliant: [
                {
                    stack: one("aws:docdb/cluster:Cluster", "docs", {
                        storageEncrypted: true,
                        kmsKeyId: KEY,
                    }),
                },
            ],
            violating: [
                {
                    stack: one("aws:docdb/cluster:Cluster", "docs", {}),
                    message: /storageEncrypted is not true: DocumentDB/,
                },
                {
                    stack: one("aws:docdb/cluster:Cluster", "docs", { storageEncrypted: false }),
                    message: /storageEncrypted is not true/,
                    unknown: "docs:storageEncrypted",
                },
            ],
        },
        "neptune-cluster-encrypted": {
            compliant: [
                { stack: one("aws:neptune/cluster:Cluster", "graph", { storageEncrypted: true }) },
            ],
            violating: [
                {
                    stack: one("aws:neptune/cluster:Cluster", "graph", { storageEncrypted: false }),
                    message: /storageEncrypted is not true: Neptune/,
                    unknown: "graph:storageEncrypted",
                },
            ],
        },
        "elasticache-encrypted-at-rest": {
            compliant: [
                {
                    stack: one("aws:elasticache/replicationGroup:ReplicationGroup", "cache", {
                        engine: "redis",
                        atRestEncryptionEnabled: true,
                    }),
                },
                // Valkey encrypts at rest unless told not to.
                {
                    stack: one("aws:elasticache/replicationGroup:ReplicationGroup", "cache", {
                        engine: "valkey",
                    }),
                },
            ],
            violating: [
                {
                    stack: one("aws:elasticache/replicationGroup:ReplicationGroup", "cache", {
                        engine: "redis",
                    }),
                    message: /atRestEncryptionEnabled is unset with engine "redis"/,
                    unknown: "cache:engine",
                },
                {
                    stack: one("aws:elasticache/replicationGroup:ReplicationGroup", "cache", {}),
                    message: /atRestEncryptionEnabled is unset with engine "redis"/,
                },
                {
                    stack: one("aws:elasticache/replicationGroup:ReplicationGroup", "cache", {
                        engine: "valkey",
                        atRestEncryptionEnabled: false,
                    }),
                    message: /atRestEncryptionEnabled is false/,
                    unknown: "cache:atRestEncryptionEnabled",
                },
            ],
        },
        "kinesis-stream-encrypted": {
            compliant: [
                {
                    stack: one("aws:kinesis/stream:Stream", "events", {
                        encryptionType: "KMS",
                        kmsKeyId: KEY,
                    }),
                },
            ],
            violating: [
                {
                    stack: one("aws:kinesis/stream:Stream", "events", {}),
                    message: /encryptionType is "NONE"/,
                },
                {
                    stack: one("aws:kinesis/stream:Stream", "events", { encryptionType: "NONE" }),
                    message: /encryptionType is "NONE"/,
                    unknown: "events:encryptionType",
                },
            ],
        },
        "sqs-queue-encrypted": {
            compliant: [
                { stack: one("aws:sqs/queue:Queue", "jobs", {}) },
                { stack: one("aws:sqs/queue:Queue", "jobs", { sqsManagedSseEnabled: true }) },
                {
                    stack: one("aws:sqs/queue:Queue", "jobs", {
                        sqsManagedSseEnabled: false,
                        kmsMasterKeyId: KEY,
                    }),
                },
            ],
            violating: [
                {
                    stack: one("aws:sqs/queue:Queue", "jobs", { sqsManagedSseEnabled: false }),
                    message: /sqsManagedSseEnabled is false and no kmsMasterKeyId/,
                    unknown: "jobs:sqsManagedSseEnabled",
                },
            ],
        },
        "eks-secrets-encrypted": {
            compliant: [
                {
                    stack: one("aws:eks/cluster:Cluster", "k8s", {
                        encryptionConfig: { resources: ["secrets"], provider: { keyArn: KEY } },
                    }),
                },
            ],
            violating: [
                {
                    stack: one("aws:eks/cluster:Cluster", "k8s", {}),
                    message: /no encryptionConfig/,
                    unknown: "k8s:encryptionConfig",
                },
                {
                    stack: one("aws:eks/cluster:Cluster", "k8s", {
                        encryptionConfig: { resources: [], provider: { keyArn: KEY } },
                    }),
                    message: /does not include "secrets"/,
                },
                {
                    stack: one("aws:eks/cluster:Cluster", "k8s", {
                        encryptionConfig: { resources: ["secrets"], provider: {} },
                    }),
                    message: /encryptionConfig.provider.keyArn is not set/,
                    unknown: "k8s:encryptionConfig.provider",
                },
            ],
        },
        "athena-workgroup-encrypted": {
            compliant: [
                {
                    stack: one("aws:athena/workgroup:Workgroup", "queries", {
                        configuration: {
                            resultConfiguration: {
                                encryptionConfiguration: {
                                    encryptionOption: "SSE_KMS",
                                    kmsKeyArn: KEY,
                                },
                            },
                        },
                    }),
                },
                // Managed query results: Athena-owned storage, encrypted with Athena's key.
                {
                    stack: one("aws:athena/workgroup:Workgroup", "queries", {
                        configuration: { managedQueryResultsConfiguration: { enabled: true } },
                    }),
                },
                {
                    stack: one("aws:athena/workgroup:Workgroup", "queries", {
                        configuration: {
                            managedQueryResultsConfiguration: {
                                enabled: true,
                                encryptionConfiguration: { kmsKey: KEY },
                            },
                        },
                    }),
                },
            ],
            violating: [
                {
                    stack: one("aws:athena/workgroup:Workgroup", "queries", {
                        configuration: {
                            managedQueryResultsConfiguration: { enabled: true },
                            enforceWorkgroupConfiguration: false,
                        },
                    }),
                    message: /enforceWorkgroupConfiguration is false/,
                },
                {
                    stack: one("aws:athena/workgroup:Workgroup", "queries", {
                        configuration: {
                            managedQueryResultsConfiguration: { enabled: false },
                            resultConfiguration: { outputLocation: "s3://results/" },
                        },
                    }),
                    message: /managedQueryResultsConfiguration is not enabled/,
                    unknown: "queries:configuration.managedQueryResultsConfiguration.enabled",
                },
                {
                    stack: one("aws:athena/workgroup:Workgroup", "queries", {
                        configuration: { resultConfiguration: { outputLocation: "s3://results/" } },
                    }),
                    message: /query results are not encrypted/,
                    unknown: "queries:configuration",
                },
                {
                    stack: one("aws:athena/workgroup:Workgroup", "queries", {
                        configuration: {
                            enforceWorkgroupConfiguration: false,
                            resultConfiguration: {
                                encryptionConfiguration: { encryptionOption: "SSE_S3" },
                            },
                        },
                    }),
                    message: /enforceWorkgroupConfiguration is false/,
                },
            ],
        },
        "firehose-encrypted": {
            compliant: [
                {
                    stack: one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "fh", {
                        destination: "extended_s3",
                        serverSideEncryption: {
                            enabled: true,
                            keyType: "CUSTOMER_MANAGED_CMK",
                            keyArn: KEY,
                        },
                    }),
                },
                // Fed by a Kinesis stream: the stream's own encryption applies.
                {
                    stack: one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "fh", {
                        destination: "extended_s3",
                        kinesisSourceConfiguration: {
                            kinesisStreamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/s",
                            roleArn: "arn:aws:iam::123456789012:role/r",
                        },
                    }),
                },
            ],
            violating: [
                {
                    stack: one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "fh", {
                        destination: "extended_s3",
                        serverSideEncryption: { enabled: false },
                    }),
                    message: /serverSideEncryption is not enabled/,
                    unknown: "fh:serverSideEncryption",
                },
            ],
        },
    });
});
