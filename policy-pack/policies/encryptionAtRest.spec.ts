import { describeCases, type R } from "../test/cases";
import { rdsInstance } from "../test/fixtures";
import { encryptionAtRestPolicies } from "./encryptionAtRest";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-aaaa-bbbb-cccc-000000000001";
const cluster = (props: Record<string, unknown>) => ({
    type: "aws:rds/cluster:Cluster",
    name: "db",
    props: {
        engine: "aurora-mysql",
        engineMode: "provisioned",
        storageEncrypted: true,
        kmsKeyId: KEY,
        ...props,
    },
});
/** Imported key material (BYOK): aws.kms.ExternalKey and its replica. */
const externalKey = (props: Record<string, unknown> = {}): R => ({
    type: "aws:kms/externalKey:ExternalKey",
    name: "byok",
    props: {
        description: "PHI key with imported material",
        keyUsage: "ENCRYPT_DECRYPT",
        keySpec: "SYMMETRIC_DEFAULT",
        multiRegion: true,
        deletionWindowInDays: 30,
        ...props,
    },
});
const replicaExternalKey = (props: Record<string, unknown> = {}): R => ({
    type: "aws:kms/replicaExternalKey:ReplicaExternalKey",
    name: "byok-replica",
    props: {
        description: "PHI key replica in the recovery region",
        primaryKeyArn: "arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef",
        deletionWindowInDays: 30,
        ...props,
    },
});
const ebsDefault = (props: Record<string, unknown>): R => ({
    type: "aws:ebs/encryptionByDefault:EncryptionByDefault",
    name: "ebs",
    props,
});
const bucket = (name = "uploads", props: Record<string, unknown> = {}) => ({
    type: "aws:s3/bucket:Bucket",
    name,
    props,
});
const sse = (
    bucketName: string,
    rule: Record<string, unknown>,
    token = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
) => ({
    type: token,
    name: `${bucketName}-sse`,
    props: {
        bucket: `${bucketName}-1a2b3c`,
        rules: [{ applyServerSideEncryptionByDefault: rule, bucketKeyEnabled: true }],
    },
    deps: { bucket: [bucketName] },
});
const baselineTrail = {
    type: "aws:cloudtrail/trail:Trail",
    name: "trail",
    props: { isMultiRegionTrail: true },
};

/** The deprecated BucketV2 with its plural inline encryption lists and one default. */
const legacyBucket = (byDefault: Record<string, unknown>): R => ({
    type: "aws:s3/bucketV2:BucketV2",
    name: "legacy",
    props: {
        serverSideEncryptionConfigurations: [
            { rules: [{ applyServerSideEncryptionByDefaults: [byDefault] }] },
        ],
    },
});

describe("policy pack: encryption at rest", () => {
    describeCases(encryptionAtRestPolicies, {
        "rds-storage-encrypted": {
            compliant: [
                { stack: [cluster({})] },
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "replica",
                            props: {
                                replicateSourceDb: "arn:aws:rds:us-east-1:123456789012:db:main",
                            },
                        },
                    ],
                },
                // Aurora Serverless v1: storageEncrypted defaults to true, and v1 is always encrypted.
                { stack: [cluster({ engineMode: "serverless", storageEncrypted: undefined })] },
                // A cluster restore whose kmsKeyId encrypts the copy, whatever the source.
                {
                    stack: [
                        cluster({
                            snapshotIdentifier: "snap-1",
                            storageEncrypted: undefined,
                            kmsKeyId: KEY,
                        }),
                    ],
                },
                {
                    stack: [
                        cluster({
                            restoreToPointInTime: { sourceClusterIdentifier: "db-0" },
                            kmsKeyId: KEY,
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [cluster({ storageEncrypted: false })],
                    message: /storageEncrypted is not true/,
                    unknown: "db:storageEncrypted",
                },
                {
                    stack: [cluster({ engineMode: "serverless", storageEncrypted: false })],
                    message: /storageEncrypted is not true/,
                    unknown: "db:engineMode",
                },
                // A restore whose encryption the plan cannot show: never passed silently.
                {
                    stack: [
                        cluster({
                            snapshotIdentifier: "snap-1",
                            storageEncrypted: undefined,
                            kmsKeyId: undefined,
                        }),
                    ],
                    message: /restored from snapshot snap-1 without kmsKeyId/,
                    unknown: "db:snapshotIdentifier",
                },
                {
                    // storageEncrypted does not encrypt a restore from an unencrypted snapshot.
                    stack: [
                        cluster({
                            snapshotIdentifier: "snap-1",
                            storageEncrypted: true,
                            kmsKeyId: undefined,
                        }),
                    ],
                    message: /restored from snapshot snap-1 without kmsKeyId/,
                    unknown: "db:kmsKeyId",
                },
                {
                    // An instance restore takes no key: its encryption follows the source.
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "mysql",
                            props: {
                                restoreToPointInTime: { sourceDbInstanceIdentifier: "mysql-0" },
                                storageEncrypted: true,
                            },
                        },
                    ],
                    message:
                        /restored from a point in time of another database: an instance restore keeps the source's encryption/,
                },
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "mysql",
                            props: { snapshotIdentifier: "mysql-snap", kmsKeyId: KEY },
                        },
                    ],
                    message: /restored from snapshot mysql-snap: an instance restore/,
                },
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "mysql",
                            props: { engine: "mysql", instanceClass: "db.t4g.medium" },
                        },
                    ],
                    message: /storageEncrypted/,
                },
            ],
        },
        "rds-cmk": {
            compliant: [
                { stack: [cluster({})] },
                { stack: [rdsInstance()] },
                // A read replica is encrypted with its source's key (or the kmsKeyId it sets).
                { stack: [rdsInstance({ kmsKeyId: undefined, replicateSourceDb: "phi-pg" })] },
                {
                    stack: [
                        cluster({
                            performanceInsightsEnabled: true,
                            performanceInsightsKmsKeyId: KEY,
                        }),
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:rds/clusterInstance:ClusterInstance",
                            name: "db-1",
                            props: {
                                performanceInsightsEnabled: true,
                                performanceInsightsKmsKeyId: KEY,
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [cluster({ kmsKeyId: undefined })],
                    message: /aws\/rds/,
                    unknown: "db:kmsKeyId",
                },
                {
                    // An RDS instance encrypted with the AWS-managed key.
                    stack: [rdsInstance({ kmsKeyId: undefined })],
                    message:
                        /kmsKeyId is not set: storage is encrypted with the AWS-managed aws\/rds key/,
                    unknown: "pg:kmsKeyId",
                },
                {
                    stack: [rdsInstance({ performanceInsightsEnabled: true })],
                    message: /performanceInsightsEnabled without performanceInsightsKmsKeyId/,
                    unknown: "pg:performanceInsightsEnabled",
                },
                {
                    stack: [
                        {
                            type: "aws:rds/clusterInstance:ClusterInstance",
                            name: "db-1",
                            props: { performanceInsightsEnabled: true },
                        },
                    ],
                    message: /performanceInsightsKmsKeyId/,
                },
                {
                    stack: [
                        cluster({ performanceInsightsEnabled: true }),
                        {
                            type: "aws:rds/instance:Instance",
                            name: "mysql",
                            props: {
                                kmsKeyId: KEY,
                                performanceInsightsEnabled: true,
                                performanceInsightsKmsKeyId: KEY,
                            },
                        },
                    ],
                    message: /performanceInsightsEnabled without performanceInsightsKmsKeyId/,
                    unknown: "db:performanceInsightsEnabled",
                },
            ],
        },
        "s3-bucket-kms-default-encryption": {
            compliant: [
                {
                    // The deprecated BucketV2's plural inline form.
                    stack: [
                        legacyBucket({
                            sseAlgorithm: "aws:kms",
                            kmsMasterKeyId: KEY,
                        }),
                    ],
                },
                {
                    stack: [
                        bucket(),
                        sse("uploads", { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }),
                    ],
                },
                // the deprecated V2 class still creates buckets under its own token
                {
                    stack: [
                        { ...bucket(), type: "aws:s3/bucketV2:BucketV2" },
                        sse(
                            "uploads",
                            { sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: KEY },
                            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                        ),
                    ],
                },
                {
                    stack: [
                        bucket("legacy", {
                            serverSideEncryptionConfiguration: {
                                rule: {
                                    applyServerSideEncryptionByDefault: {
                                        sseAlgorithm: "aws:kms",
                                        kmsMasterKeyId: KEY,
                                    },
                                },
                            },
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [legacyBucket({ sseAlgorithm: "AES256" })],
                    message: /inline default encryption is "AES256" without a KMS key/,
                    unknown: "legacy:serverSideEncryptionConfigurations",
                },
                {
                    stack: [bucket(), sse("uploads", { sseAlgorithm: "AES256" })],
                    message: /"AES256" without a KMS key/,
                    unknown: "uploads-sse:rules",
                },
                {
                    stack: [{ ...bucket(), type: "aws:s3/bucketV2:BucketV2" }],
                    message: /no BucketServerSideEncryptionConfiguration/,
                },
                {
                    stack: [
                        bucket("legacy", {
                            serverSideEncryptionConfiguration: {
                                rule: {
                                    applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" },
                                },
                            },
                        }),
                    ],
                    message: /inline default encryption is "AES256"/,
                    unknown: "legacy:serverSideEncryptionConfiguration",
                },
            ],
        },
        "efs-encrypted": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:efs/fileSystem:FileSystem",
                            name: "edocs",
                            props: { encrypted: true, kmsKeyId: KEY },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:efs/fileSystem:FileSystem",
                            name: "edocs",
                            props: { performanceMode: "generalPurpose" },
                        },
                    ],
                    message: /encrypted is not true/,
                    unknown: "edocs:encrypted",
                },
            ],
        },
        "log-group-kms": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:cloudwatch/logGroup:LogGroup",
                            name: "app",
                            props: { retentionInDays: 365, kmsKeyId: KEY },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:cloudwatch/logGroup:LogGroup",
                            name: "app",
                            props: { retentionInDays: 365 },
                        },
                    ],
                    message: /kmsKeyId is not set/,
                    unknown: "app:kmsKeyId",
                },
            ],
        },
        "secret-uses-cmk": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:secretsmanager/secret:Secret",
                            name: "salt",
                            props: { kmsKeyId: KEY },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:secretsmanager/secret:Secret",
                            name: "replicated",
                            props: { kmsKeyId: KEY, replicas: [{ region: "us-west-2" }] },
                        },
                    ],
                    message: /replica in us-west-2 uses the AWS-managed/,
                    unknown: "replicated:replicas",
                },
                {
                    stack: [{ type: "aws:secretsmanager/secret:Secret", name: "salt", props: {} }],
                    message: /AWS-managed/,
                    unknown: "salt:kmsKeyId",
                },
                {
                    stack: [
                        {
                            type: "aws:secretsmanager/secret:Secret",
                            name: "salt",
                            props: { kmsKeyId: "alias/aws/secretsmanager" },
                        },
                    ],
                    message: /is the AWS-managed key/,
                },
            ],
        },
        "sns-topic-kms": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:sns/topic:Topic",
                            name: "alerts",
                            props: { kmsMasterKeyId: KEY },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [{ type: "aws:sns/topic:Topic", name: "alerts", props: {} }],
                    message: /kmsMasterKeyId is not set/,
                    unknown: "alerts:kmsMasterKeyId",
                },
            ],
        },
        "backup-vault-cmk": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:backup/vault:Vault",
                            name: "vault",
                            props: { kmsKeyArn: KEY },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:backup/vault:Vault",
                            name: "vault",
                            props: { forceDestroy: false },
                        },
                    ],
                    message: /kmsKeyArn/,
                    unknown: "vault:kmsKeyArn",
                },
            ],
        },
        "kms-key-rotation": {
            compliant: [
                {
                    // A key in a CloudHSM key store cannot rotate automatically.
                    stack: [
                        {
                            type: "aws:kms/key:Key",
                            name: "hsm",
                            props: { customKeyStoreId: "cks-1234567890abcdef0" },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:kms/key:Key",
                            name: "data",
                            props: { enableKeyRotation: true },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:kms/key:Key",
                            name: "signing",
                            props: { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        { type: "aws:kms/key:Key", name: "data", props: { description: "files" } },
                    ],
                    message: /enableKeyRotation/,
                    unknown: "data:enableKeyRotation",
                },
            ],
        },
        "kms-key-deletion-guard": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:kms/key:Key",
                            name: "data",
                            props: { enableKeyRotation: true, deletionWindowInDays: 30 },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:kms/key:Key",
                            name: "data",
                            props: { deletionWindowInDays: 7 },
                            protect: true,
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:kms/key:Key",
                            name: "data",
                            props: { deletionWindowInDays: 10 },
                        },
                    ],
                    config: { minimumDeletionWindowDays: 7 },
                },
                { stack: [externalKey()] },
                // A short window on a protected key.
                { stack: [{ ...replicaExternalKey({ deletionWindowInDays: 7 }), protect: true }] },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:kms/replicaKey:ReplicaKey",
                            name: "replica",
                            props: { primaryKeyArn: KEY, enabled: false, deletionWindowInDays: 7 },
                        },
                    ],
                    message: /enabled is false/,
                    unknown: "replica:enabled",
                },
                {
                    stack: [
                        {
                            type: "aws:kms/key:Key",
                            name: "data",
                            props: { deletionWindowInDays: 7 },
                        },
                    ],
                    message: /deletionWindowInDays is 7/,
                    unknown: "data:deletionWindowInDays",
                },
                {
                    stack: [{ type: "aws:kms/key:Key", name: "data", props: { isEnabled: false } }],
                    message: /isEnabled is false/,
                },
                {
                    stack: [externalKey({ deletionWindowInDays: 7 })],
                    message: /deletionWindowInDays is 7 \(< 30\) and the key is not protected/,
                    unknown: "byok:deletionWindowInDays",
                },
                {
                    stack: [externalKey({ enabled: false })],
                    message: /enabled is false: everything encrypted under the key/,
                    unknown: "byok:enabled",
                },
                {
                    stack: [replicaExternalKey({ enabled: false })],
                    message: /enabled is false: everything encrypted under the key/,
                    unknown: "byok-replica:enabled",
                },
                {
                    stack: [replicaExternalKey({ deletionWindowInDays: 7 })],
                    message: /deletionWindowInDays is 7 \(< 30\)/,
                },
            ],
        },
        "ec2-ebs-encrypted": {
            compliant: [
                {
                    // Disks come from the launch template, which is judged on its own.
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "from-template",
                            props: { launchTemplate: { id: "lt-1", version: "$Latest" } },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "bastion",
                            props: { rootBlockDevice: { encrypted: true, kmsKeyId: KEY } },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/launchTemplate:LaunchTemplate",
                            name: "bastion",
                            props: {
                                blockDeviceMappings: [
                                    {
                                        deviceName: "/dev/xvda",
                                        ebs: { encrypted: "true", kmsKeyId: KEY },
                                    },
                                ],
                            },
                        },
                    ],
                },
                // Disks left to the AMI, with EBS encryption by default declared in the stack.
                {
                    stack: [
                        { type: "aws:ec2/launchTemplate:LaunchTemplate", name: "lt", props: {} },
                        { type: "aws:ec2/instance:Instance", name: "plain", props: {} },
                        {
                            type: "aws:ec2/spotFleetRequest:SpotFleetRequest",
                            name: "fleet",
                            props: {
                                launchSpecifications: [{ ami: "ami-1", instanceType: "t3.micro" }],
                            },
                        },
                        ebsDefault({}),
                    ],
                },
                // With the account default on, declared disks that leave encrypted unset are
                // encrypted too (AWS encrypts every new volume).
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "web",
                            props: { rootBlockDevice: { volumeSize: 50 } },
                        },
                        {
                            type: "aws:ebs/volume:Volume",
                            name: "scratch",
                            props: { availabilityZone: "us-east-1a", size: 10 },
                        },
                        {
                            type: "aws:ec2/launchTemplate:LaunchTemplate",
                            name: "lt",
                            props: {
                                blockDeviceMappings: [
                                    { deviceName: "/dev/xvda", ebs: { volumeSize: 20 } },
                                ],
                            },
                        },
                        ebsDefault({}),
                    ],
                },
                // A template without mappings whose every instance here sets an encrypted root.
                {
                    stack: [
                        { type: "aws:ec2/launchTemplate:LaunchTemplate", name: "lt", props: {} },
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "bastion",
                            props: {
                                launchTemplate: { id: "lt-1", version: "$Latest" },
                                rootBlockDevice: { encrypted: true, kmsKeyId: KEY },
                            },
                            deps: { launchTemplate: ["lt"] },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/spotFleetRequest:SpotFleetRequest",
                            name: "fleet",
                            props: {
                                launchSpecifications: [
                                    {
                                        ami: "ami-1",
                                        instanceType: "t3.micro",
                                        rootBlockDevices: [{ encrypted: true }],
                                        ebsBlockDevices: [
                                            { deviceName: "/dev/sdb", encrypted: true },
                                        ],
                                    },
                                ],
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
                            name: "spot",
                            props: { rootBlockDevice: { encrypted: false } },
                        },
                    ],
                    message: /rootBlockDevice.encrypted is not true/,
                    unknown: "spot:rootBlockDevice",
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "bastion",
                            props: { rootBlockDevice: { volumeSize: 8 } },
                        },
                    ],
                    message: /rootBlockDevice.encrypted/,
                    unknown: "bastion:rootBlockDevice",
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/launchTemplate:LaunchTemplate",
                            name: "bastion",
                            props: {
                                blockDeviceMappings: [
                                    { deviceName: "/dev/xvda", ebs: { volumeSize: 8 } },
                                ],
                            },
                        },
                    ],
                    message: /ebs.encrypted "undefined"/,
                },
                {
                    stack: [
                        {
                            type: "aws:ebs/volume:Volume",
                            name: "scratch",
                            props: { size: 10, encrypted: false },
                        },
                    ],
                    message: /encrypted is not true/,
                },
                // A template without mappings: the AMI's apply, and nothing here encrypts them.
                {
                    stack: [
                        {
                            type: "aws:ec2/launchTemplate:LaunchTemplate",
                            name: "lt",
                            props: { imageId: "ami-1" },
                        },
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "worker",
                            props: { launchTemplate: { id: "lt-1" } },
                            deps: { launchTemplate: ["lt"] },
                        },
                        ebsDefault({ enabled: false }),
                    ],
                    message:
                        /blockDeviceMappings maps no root device \(\/dev\/xvda, \/dev\/sda1\): the AMI's root device mapping applies, encrypted only if its snapshot is/,
                    unknown: "ebs:enabled",
                },
                // An instance without rootBlockDevice and no account default in the stack.
                {
                    stack: [{ type: "aws:ec2/instance:Instance", name: "plain", props: {} }],
                    message: /rootBlockDevice.encrypted is not true: the AMI's root device mapping/,
                    unknown: "plain:rootBlockDevice",
                },
                // A declared disk saying encrypted: false is refused, whatever the account default.
                {
                    stack: [
                        {
                            type: "aws:ec2/spotFleetRequest:SpotFleetRequest",
                            name: "fleet",
                            props: {
                                launchSpecifications: [
                                    {
                                        ami: "ami-1",
                                        instanceType: "t3.micro",
                                        rootBlockDevices: [{ volumeSize: 8 }],
                                        ebsBlockDevices: [
                                            { deviceName: "/dev/sdb", encrypted: false },
                                        ],
                                    },
                                ],
                            },
                        },
                        ebsDefault({}),
                    ],
                    message: /launchSpecifications ebsBlockDevices \/dev\/sdb is not encrypted/,
                    unknown: "fleet:launchSpecifications",
                },
                // Without the account default, a declared disk must say encrypted.
                {
                    stack: [
                        {
                            type: "aws:ebs/volume:Volume",
                            name: "scratch",
                            props: { availabilityZone: "us-east-1a", size: 10 },
                        },
                    ],
                    message: /encrypted is not true/,
                    unknown: "scratch:encrypted",
                },
                // A template mapping only a data device leaves the AMI's root device unencrypted.
                {
                    stack: [
                        {
                            type: "aws:ec2/launchTemplate:LaunchTemplate",
                            name: "lt",
                            props: {
                                blockDeviceMappings: [
                                    { deviceName: "/dev/sdf", ebs: { encrypted: "true" } },
                                ],
                            },
                        },
                    ],
                    message: /blockDeviceMappings maps no root device/,
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/spotFleetRequest:SpotFleetRequest",
                            name: "fleet",
                            props: {
                                launchSpecifications: [{ ami: "ami-1", instanceType: "t3.micro" }],
                            },
                        },
                    ],
                    message: /a launch specification has no rootBlockDevices/,
                },
            ],
        },
        "ebs-encryption-by-default": {
            compliant: [
                {
                    stack: [
                        baselineTrail,
                        {
                            type: "aws:ebs/encryptionByDefault:EncryptionByDefault",
                            name: "ebs",
                            props: { enabled: true },
                        },
                    ],
                },
                { stack: [cluster({})] },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ebs/encryptionByDefault:EncryptionByDefault",
                            name: "ebs",
                            props: { enabled: false },
                        },
                    ],
                    message: /enabled is false/,
                    unknown: "ebs:enabled",
                },
                {
                    stack: [baselineTrail],
                    message: /no aws.ebs.EncryptionByDefault/,
                    exemptable: false,
                },
            ],
        },
    });
});
