import { expect } from "chai";
import { rdsInstance } from "../test/fixtures";
import { describeCases, R } from "../test/cases";
import { atLeastDaily, backupAndRetentionPolicies } from "./backupAndRetention";

const cluster = (props: Record<string, unknown> = {}, extra: Partial<R> = {}): R => ({
    type: "aws:rds/cluster:Cluster",
    name: "db",
    props: {
        engine: "aurora-mysql",
        backupRetentionPeriod: 35,
        deletionProtection: true,
        ...props,
    },
    ...extra,
});
const member = (name: string, az?: string): R => ({
    type: "aws:rds/clusterInstance:ClusterInstance",
    name,
    props: { clusterIdentifier: "db-1", availabilityZone: az },
    deps: { clusterIdentifier: ["db"] },
});
const instance = rdsInstance;
/** A Multi-AZ DB cluster (RDS for PostgreSQL): instances placed by RDS, settings on the cluster. */
const multiAzCluster = (props: Record<string, unknown> = {}): R => ({
    type: "aws:rds/cluster:Cluster",
    name: "madb",
    props: {
        engine: "postgres",
        dbClusterInstanceClass: "db.r6gd.large",
        storageType: "io1",
        allocatedStorage: 100,
        iops: 1000,
        backupRetentionPeriod: 35,
        ...props,
    },
});
const devProvider: R = {
    type: "pulumi:providers:aws",
    name: "aws-dev",
    props: { defaultTags: JSON.stringify({ tags: { environment: "dev" } }) },
};
const selection = (deps: Record<string, string[]>, props: Record<string, unknown> = {}): R => ({
    type: "aws:backup/selection:Selection",
    name: "sel",
    props: { planId: "plan-1", ...props },
    deps,
});
const bucket: R = { type: "aws:s3/bucket:Bucket", name: "uploads", props: {} };
/** The deprecated aws.s3.BucketV2: its inline settings are lists (`versionings`, `replicationConfigurations`). */
const bucketV2 = (props: Record<string, unknown> = {}): R => ({
    type: "aws:s3/bucketV2:BucketV2",
    name: "uploads",
    props: { bucket: "uploads-1", ...props },
});
const REPLICATION_ROLE = "arn:aws:iam::123456789012:role/replication";
const v2Replication = (status: string) => [
    {
        role: REPLICATION_ROLE,
        rules: [
            {
                id: "dr",
                status,
                destinations: [{ bucket: "arn:aws:s3:::uploads-dr", storageClass: "STANDARD" }],
            },
        ],
    },
];
const companion = (type: string, props: Record<string, unknown>): R => ({
    type,
    name: "uploads-companion",
    props: { bucket: "uploads-1", ...props },
    deps: { bucket: ["uploads"] },
});
const DELETION = [
    "backup:DeleteRecoveryPoint",
    "backup:UpdateRecoveryPointLifecycle",
    "backup:PutBackupVaultAccessPolicy",
];
const vaultPolicy = (...statements: Record<string, unknown>[]): R[] => [
    { type: "aws:backup/vault:Vault", name: "vault", props: {} },
    {
        type: "aws:backup/vaultPolicy:VaultPolicy",
        name: "vp",
        props: { policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
        deps: { backupVaultName: ["vault"] },
    },
];
const plan = (rules: unknown[]): R => ({
    type: "aws:backup/plan:Plan",
    name: "plan",
    props: { rules },
});

describe("policy pack: backup and retention", () => {
    it("reads backup schedules: daily or more often passes, weekly fails", () => {
        expect(
            ["cron(0 5 * * ? *)", "cron(0 */4 ? * * *)", "rate(12 hours)", "rate(1 day)"].map(
                atLeastDaily,
            ),
        ).to.deep.equal([true, true, true, true]);
        expect(
            [
                "cron(0 5 ? * SUN *)",
                "cron(0 5 1 * ? *)",
                "cron(0 5 * JAN ? *)",
                "rate(2 days)",
                "daily",
            ].map(atLeastDaily),
        ).to.deep.equal([false, false, false, false, false]);
    });
    describeCases(backupAndRetentionPolicies, {
        "rds-backup-retention": {
            compliant: [
                { stack: [cluster()] },
                { stack: [instance()] },
                // A read replica's backups are its source's.
                {
                    stack: [
                        instance({
                            backupRetentionPeriod: undefined,
                            replicateSourceDb: "phi-pg-primary",
                        }),
                    ],
                },
            ],
            violating: [
                {
                    // An RDS instance with automated backups off.
                    stack: [instance({ backupRetentionPeriod: 0 })],
                    message: /backupRetentionPeriod is 0 \(< 7 days\)/,
                    unknown: "pg:backupRetentionPeriod",
                },
                {
                    stack: [cluster({ backupRetentionPeriod: 1 })],
                    message: /backupRetentionPeriod is 1 \(< 7 days\)/,
                    unknown: "db:backupRetentionPeriod",
                },
                { stack: [cluster({ backupRetentionPeriod: undefined })], message: /unset/ },
            ],
        },
        "rds-deletion-protection": {
            compliant: [
                { stack: [cluster()] },
                { stack: [instance({ finalSnapshotIdentifier: "phi-pg-final" })] },
                {
                    stack: [
                        cluster({ deletionProtection: false }, { provider: "aws-dev" }),
                        devProvider,
                    ],
                },
            ],
            violating: [
                {
                    stack: [cluster({ deletionProtection: false })],
                    message: /deletionProtection is not true/,
                    unknown: "db:deletionProtection",
                },
                { stack: [cluster({ skipFinalSnapshot: true })], message: /skipFinalSnapshot/ },
                {
                    // An RDS instance: deletion protection left at the provider's default (false).
                    stack: [instance({ deletionProtection: undefined, skipFinalSnapshot: true })],
                    message: /deletionProtection is not true/,
                    unknown: "pg:deletionProtection",
                },
            ],
        },
        "rds-multi-az": {
            compliant: [
                {
                    // A Multi-AZ DB cluster: three instances in three zones, placed by RDS.
                    stack: [
                        {
                            type: "aws:rds/cluster:Cluster",
                            name: "madb",
                            props: {
                                engine: "postgres",
                                dbClusterInstanceClass: "db.r6gd.large",
                                storageType: "io1",
                                tags: { environment: "prod" },
                            },
                        },
                    ],
                },
                { stack: [cluster(), member("db-1"), member("db-2")] },
                { stack: [cluster({}, { provider: "aws-dev" }), devProvider, member("db-1")] },
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "mysql",
                            props: { multiAz: true },
                        },
                    ],
                },
            ],
            violating: [
                { stack: [cluster(), member("db-1")], message: /1 instance\(s\)/ },
                {
                    stack: [cluster(), member("db-1", "us-east-1a"), member("db-2", "us-east-1a")],
                    message: /in one Availability Zone/,
                    unknown: "db-2:availabilityZone",
                },
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "mysql",
                            props: { multiAz: false },
                        },
                    ],
                    message: /multiAz is not true/,
                },
            ],
        },
        "rds-auto-minor-upgrade": {
            compliant: [
                { stack: [member("db-1"), cluster()] },
                { stack: [instance({ autoMinorVersionUpgrade: true })] },
                { stack: [multiAzCluster()] },
            ],
            violating: [
                {
                    stack: [instance({ autoMinorVersionUpgrade: false })],
                    message: /autoMinorVersionUpgrade is false/,
                    unknown: "pg:autoMinorVersionUpgrade",
                },
                {
                    // A Multi-AZ DB cluster sets it on the cluster.
                    stack: [multiAzCluster({ autoMinorVersionUpgrade: false })],
                    message: /autoMinorVersionUpgrade is false/,
                    unknown: "madb:autoMinorVersionUpgrade",
                },
                {
                    stack: [
                        { ...member("db-1"), props: { autoMinorVersionUpgrade: false } },
                        cluster(),
                    ],
                    message: /autoMinorVersionUpgrade is false/,
                    unknown: "db-1:autoMinorVersionUpgrade",
                },
            ],
        },
        "rds-in-backup-plan": {
            compliant: [
                {
                    // Matched through the provider's default tags, as AWS Backup sees them.
                    stack: [
                        cluster({}, { provider: "aws" }),
                        {
                            type: "pulumi:providers:aws",
                            name: "aws",
                            props: { defaultTags: JSON.stringify({ tags: { backup: "daily" } }) },
                        },
                        selection(
                            {},
                            {
                                selectionTags: [
                                    { type: "STRINGEQUALS", key: "backup", value: "daily" },
                                ],
                            },
                        ),
                    ],
                },
                {
                    // A wildcard ARN for every Aurora cluster.
                    stack: [cluster(), selection({}, { resources: ["arn:aws:rds:*:*:cluster:*"] })],
                },
                { stack: [cluster(), selection({ resources: ["db"] })] },
                {
                    // An instance's ARN is arn:aws:rds:…:db:<identifier>.
                    stack: [
                        instance(),
                        selection(
                            {},
                            { resources: ["arn:aws:rds:us-east-1:123456789012:db:phi-*"] },
                        ),
                    ],
                },
                {
                    stack: [
                        cluster({ tags: { backup: "daily" } }),
                        selection(
                            {},
                            {
                                selectionTags: [
                                    { type: "STRINGEQUALS", key: "backup", value: "daily" },
                                ],
                            },
                        ),
                    ],
                },
            ],
            violating: [
                {
                    // Every resource, narrowed by a condition the database does not meet.
                    stack: [
                        cluster({ tags: { backup: "daily" } }),
                        selection(
                            {},
                            {
                                resources: ["*"],
                                conditions: [
                                    {
                                        stringEquals: [
                                            { key: "aws:ResourceTag/backup", value: "weekly" },
                                        ],
                                    },
                                ],
                            },
                        ),
                    ],
                    message: /no AWS Backup selection covers this database/,
                },
                {
                    // Named, then excluded.
                    stack: [cluster(), selection({ resources: ["db"], notResources: ["db"] })],
                    message: /no AWS Backup selection covers this database/,
                },
                {
                    // A wildcard for every Aurora cluster does not cover an RDS instance.
                    stack: [
                        instance(),
                        selection({}, { resources: ["arn:aws:rds:*:*:cluster:*"] }),
                    ],
                    message: /no AWS Backup selection covers this database/,
                    unknown: "sel:resources",
                },
                {
                    stack: [
                        cluster({ tags: { backup: "weekly" } }),
                        selection(
                            {},
                            {
                                selectionTags: [
                                    { type: "STRINGEQUALS", key: "backup", value: "daily" },
                                ],
                            },
                        ),
                    ],
                    message: /no AWS Backup selection covers this database/,
                    unknown: "sel:selectionTags",
                },
            ],
        },
        "efs-in-backup-plan": {
            compliant: [
                {
                    stack: [
                        { type: "aws:efs/fileSystem:FileSystem", name: "fs", props: {} },
                        {
                            type: "aws:efs/backupPolicy:BackupPolicy",
                            name: "fs-backup",
                            props: { backupPolicy: { status: "ENABLED" } },
                            deps: { fileSystemId: ["fs"] },
                        },
                    ],
                },
                // Covered by a Selection naming it (its backup policy off).
                {
                    stack: [
                        { type: "aws:efs/fileSystem:FileSystem", name: "fs", props: {} },
                        {
                            type: "aws:efs/backupPolicy:BackupPolicy",
                            name: "fs-backup",
                            props: { backupPolicy: { status: "DISABLED" } },
                            deps: { fileSystemId: ["fs"] },
                        },
                        selection({ resources: ["fs"] }, { resources: ["arn:fs"] }),
                    ],
                },
                // Or by a Selection's ARN wildcard for every file system.
                {
                    stack: [
                        { type: "aws:efs/fileSystem:FileSystem", name: "fs", props: {} },
                        selection(
                            {},
                            {
                                resources: [
                                    "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/*",
                                ],
                            },
                        ),
                    ],
                },
            ],
            violating: [
                // No backup at all: no policy, no selection.
                {
                    stack: [{ type: "aws:efs/fileSystem:FileSystem", name: "fs", props: {} }],
                    message: /no AWS Backup selection covers this EFS file system/,
                },
                // A selection for databases only.
                {
                    stack: [
                        { type: "aws:efs/fileSystem:FileSystem", name: "fs", props: {} },
                        cluster(),
                        selection({ resources: ["db"] }, { resources: ["arn:db"] }),
                    ],
                    message: /no AWS Backup selection covers this EFS file system/,
                },
                {
                    stack: [
                        { type: "aws:efs/fileSystem:FileSystem", name: "fs", props: {} },
                        {
                            type: "aws:efs/backupPolicy:BackupPolicy",
                            name: "fs-backup",
                            props: { backupPolicy: { status: "DISABLED" } },
                            deps: { fileSystemId: ["fs"] },
                        },
                    ],
                    message: /no AWS Backup selection covers this EFS file system/,
                    unknown: "fs-backup:backupPolicy",
                },
            ],
        },
        "backup-plan-frequency-retention": {
            compliant: [
                {
                    stack: [
                        plan([
                            {
                                ruleName: "daily",
                                schedule: "cron(0 5 * * ? *)",
                                lifecycle: { deleteAfter: 35 },
                            },
                        ]),
                    ],
                },
                {
                    stack: [
                        plan([
                            {
                                ruleName: "daily",
                                schedule: "cron(0 5 * * ? *)",
                                lifecycle: { deleteAfter: 14 },
                            },
                        ]),
                    ],
                    config: { minimumRetentionDays: 14 },
                },
                // No schedule: AWS Backup's default, cron(0 5 ? * * *), runs daily.
                { stack: [plan([{ ruleName: "default", lifecycle: { deleteAfter: 35 } }])] },
            ],
            violating: [
                {
                    stack: [
                        plan([
                            {
                                ruleName: "daily",
                                schedule: "cron(0 5 * * ? *)",
                                lifecycle: { deleteAfter: 7 },
                            },
                        ]),
                    ],
                    message: /after 7 days \(< 35\)/,
                    unknown: "plan:rules",
                },
                {
                    stack: [plan([{ ruleName: "weekly", schedule: "cron(0 5 ? * SUN *)" }])],
                    message: /rule weekly schedule cron\(0 5 \? \* SUN \*\) is not at least daily/,
                },
                {
                    stack: [plan([{ ruleName: "monthly", schedule: "rate(30 days)" }])],
                    message: /not at least daily/,
                },
            ],
        },
        "backup-vault-deletion-locked": {
            compliant: [
                // The three actions by name, Principal "*".
                {
                    stack: vaultPolicy({
                        Effect: "Deny",
                        Principal: "*",
                        Action: DELETION,
                        Resource: "*",
                    }),
                },
                // By wildcard (backup:Delete*, backup:*Lifecycle, backup:Put*), Principal {AWS: "*"}.
                {
                    stack: vaultPolicy({
                        Effect: "Deny",
                        Principal: { AWS: "*" },
                        Action: [
                            "backup:Delete*",
                            "backup:*RecoveryPointLifecycle",
                            "backup:PutBackupVault*",
                        ],
                        Resource: "arn:aws:backup:us-east-1:123456789012:recovery-point:*",
                    }),
                },
                // backup:* denies all three; so does a NotAction that spares only reads.
                {
                    stack: vaultPolicy({
                        Effect: "Deny",
                        Principal: { AWS: ["*"] },
                        Action: "backup:*",
                        Resource: "*",
                    }),
                },
                {
                    stack: vaultPolicy({
                        Effect: "Deny",
                        Principal: "*",
                        NotAction: ["backup:Describe*", "backup:List*", "backup:Get*"],
                        Resource: "*",
                    }),
                },
                {
                    stack: [
                        { type: "aws:backup/vault:Vault", name: "vault", props: {} },
                        {
                            type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
                            name: "lock",
                            props: { minRetentionDays: 35 },
                            deps: { backupVaultName: ["vault"] },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        { type: "aws:backup/vault:Vault", name: "vault", props: {} },
                        {
                            type: "aws:backup/vaultPolicy:VaultPolicy",
                            name: "vp",
                            props: {
                                policy: JSON.stringify({
                                    Statement: [
                                        {
                                            Effect: "Allow",
                                            Principal: "*",
                                            Action: "backup:DescribeBackupVault",
                                            Resource: "*",
                                        },
                                    ],
                                }),
                            },
                            deps: { backupVaultName: ["vault"] },
                        },
                    ],
                    message: /can be deleted by anyone/,
                    unknown: "vp:policy",
                },
                // No policy, no lock.
                {
                    stack: [{ type: "aws:backup/vault:Vault", name: "vault", props: {} }],
                    message: /can be deleted by anyone/,
                },
                // A Deny naming one principal leaves every other principal free.
                {
                    stack: vaultPolicy({
                        Effect: "Deny",
                        Principal: { AWS: "arn:aws:iam::123456789012:role/ops" },
                        Action: DELETION,
                        Resource: "*",
                    }),
                    message: /can be deleted by anyone/,
                },
                // A conditional Deny does not protect every request.
                {
                    stack: vaultPolicy({
                        Effect: "Deny",
                        Principal: "*",
                        Action: DELETION,
                        Resource: "*",
                        Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } },
                    }),
                    message: /can be deleted by anyone/,
                },
                // Deleting denied, but the lifecycle can be shortened and the policy replaced.
                {
                    stack: vaultPolicy({
                        Effect: "Deny",
                        Principal: "*",
                        Action: "backup:Delete*",
                        Resource: "*",
                    }),
                    message:
                        /does not deny backup:UpdateRecoveryPointLifecycle, backup:PutBackupVaultAccessPolicy/,
                },
            ],
        },
        "alb-deletion-protection": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:lb/loadBalancer:LoadBalancer",
                            name: "web",
                            props: { enableDeletionProtection: true },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:alb/loadBalancer:LoadBalancer",
                            name: "web",
                            props: {},
                            provider: "aws-dev",
                        },
                        devProvider,
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:alb/loadBalancer:LoadBalancer",
                            name: "web",
                            props: { enableDeletionProtection: false },
                        },
                    ],
                    message: /enableDeletionProtection/,
                    unknown: "web:enableDeletionProtection",
                },
                {
                    // aws.lb.LoadBalancer, deletion protection left at its default (false).
                    stack: [
                        {
                            type: "aws:lb/loadBalancer:LoadBalancer",
                            name: "api",
                            props: {
                                loadBalancerType: "application",
                                internal: false,
                                subnets: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
                                securityGroups: ["sg-0123456789abcdef0"],
                                dropInvalidHeaderFields: true,
                            },
                        },
                    ],
                    message: /enableDeletionProtection is not true/,
                },
            ],
        },
        "s3-bucket-versioning": {
            compliant: [
                // Object Lock turns versioning on.
                { stack: [{ ...bucket, props: { objectLockEnabled: true } }] },
                {
                    stack: [
                        bucket,
                        companion("aws:s3/bucketVersioningV2:BucketVersioningV2", {
                            versioningConfiguration: { status: "Enabled" },
                        }),
                    ],
                },
                { stack: [{ ...bucket, props: { versioning: { enabled: true } } }] },
                // BucketV2's inline list.
                { stack: [bucketV2({ versionings: [{ enabled: true }] })] },
            ],
            violating: [
                {
                    stack: [
                        bucket,
                        companion("aws:s3/bucketVersioning:BucketVersioning", {
                            versioningConfiguration: { status: "Suspended" },
                        }),
                    ],
                    message: /not enabled/,
                    unknown: "uploads-companion:versioningConfiguration",
                },
                { stack: [bucket], message: /versioning is not enabled/ },
                {
                    stack: [bucketV2({ versionings: [{ enabled: false }] })],
                    message: /versioning is not enabled on this bucket/,
                    unknown: "uploads:versionings",
                },
            ],
        },
        "s3-versioned-bucket-lifecycle": {
            compliant: [
                // The deprecated inline form.
                {
                    stack: [
                        { ...bucket, props: { lifecycleRules: [{ id: "old", enabled: true }] } },
                    ],
                },
                {
                    stack: [
                        bucket,
                        companion(
                            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
                            { rules: [{ id: "old", status: "Enabled" }] },
                        ),
                    ],
                },
                {
                    stack: [
                        bucketV2(),
                        companion(
                            "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                            {
                                rules: [
                                    {
                                        id: "noncurrent",
                                        status: "Enabled",
                                        noncurrentVersionExpiration: { noncurrentDays: 90 },
                                    },
                                ],
                            },
                        ),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        { ...bucket, props: { lifecycleRules: [{ id: "old", enabled: false }] } },
                    ],
                    message: /no lifecycle configuration/,
                    unknown: "uploads:lifecycleRules",
                },
                {
                    stack: [
                        bucket,
                        companion(
                            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
                            { rules: [{ id: "old", status: "Disabled" }] },
                        ),
                    ],
                    message: /no lifecycle configuration/,
                    unknown: "uploads-companion:rules",
                },
                {
                    // BucketV2's inline rules, disabled.
                    stack: [
                        bucketV2({
                            lifecycleRules: [
                                {
                                    id: "noncurrent",
                                    enabled: false,
                                    noncurrentVersionExpirations: [{ days: 90 }],
                                },
                            ],
                        }),
                    ],
                    message: /no lifecycle configuration governs this bucket's versions/,
                    unknown: "uploads:lifecycleRules",
                },
            ],
        },
        "s3-bucket-replication": {
            compliant: [
                {
                    stack: [
                        {
                            ...bucket,
                            props: {
                                replicationConfiguration: {
                                    role: "arn:aws:iam::123456789012:role/replication",
                                    rules: [{ id: "dr", status: "Enabled" }],
                                },
                            },
                        },
                    ],
                },
                {
                    stack: [
                        bucket,
                        companion("aws:s3/bucketReplicationConfig:BucketReplicationConfig", {
                            rules: [{ status: "Enabled" }],
                        }),
                    ],
                },
                { stack: [bucketV2({ replicationConfigurations: v2Replication("Enabled") })] },
            ],
            violating: [
                {
                    stack: [
                        {
                            ...bucket,
                            props: {
                                replicationConfiguration: {
                                    role: "arn:aws:iam::123456789012:role/replication",
                                    rules: [{ id: "dr", status: "Disabled" }],
                                },
                            },
                        },
                    ],
                    message: /not replicated/,
                    unknown: "uploads:replicationConfiguration",
                },
                {
                    stack: [
                        bucket,
                        companion("aws:s3/bucketReplicationConfig:BucketReplicationConfig", {
                            rules: [{ status: "Disabled" }],
                        }),
                    ],
                    message: /not replicated/,
                    unknown: "uploads-companion:rules",
                },
                {
                    stack: [bucketV2({ replicationConfigurations: v2Replication("Disabled") })],
                    message: /the bucket is not replicated/,
                    unknown: "uploads:replicationConfigurations",
                },
            ],
        },
        "s3-object-lock": {
            compliant: [
                {
                    stack: [
                        {
                            ...bucket,
                            props: {
                                objectLockConfiguration: {
                                    objectLockEnabled: "Enabled",
                                    rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } },
                                },
                            },
                        },
                    ],
                },
                {
                    stack: [
                        bucket,
                        companion(
                            "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
                            { rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } } },
                        ),
                    ],
                },
                {
                    // BucketV2's inline form lists rules and retentions.
                    stack: [
                        bucketV2({
                            objectLockEnabled: true,
                            objectLockConfiguration: {
                                objectLockEnabled: "Enabled",
                                rules: [{ defaultRetentions: [{ mode: "COMPLIANCE", years: 6 }] }],
                            },
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            ...bucket,
                            props: { objectLockConfiguration: { objectLockEnabled: "Enabled" } },
                        },
                    ],
                    message: /no Object Lock default retention/,
                    unknown: "uploads:objectLockConfiguration",
                },
                {
                    stack: [
                        bucket,
                        companion(
                            "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
                            { objectLockEnabled: "Enabled" },
                        ),
                    ],
                    message: /no Object Lock default retention/,
                    unknown: "uploads-companion:rule",
                },
                {
                    // Object Lock on, but no default retention.
                    stack: [
                        bucketV2({
                            objectLockEnabled: true,
                            objectLockConfiguration: { objectLockEnabled: "Enabled" },
                        }),
                    ],
                    message: /the bucket has no Object Lock default retention/,
                    unknown: "uploads:objectLockConfiguration",
                },
            ],
        },
        "s3-event-notifications": {
            compliant: [
                {
                    stack: [
                        bucket,
                        companion("aws:s3/bucketNotification:BucketNotification", {
                            eventbridge: true,
                        }),
                    ],
                },
                {
                    stack: [
                        bucketV2(),
                        companion("aws:s3/bucketNotification:BucketNotification", {
                            topics: [
                                {
                                    topicArn: "arn:aws:sns:us-east-1:123456789012:uploads",
                                    events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"],
                                },
                            ],
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [bucket],
                    message: /sends no event notifications/,
                    unknown: "uploads:tags",
                },
                {
                    stack: [bucketV2({ forceDestroy: false })],
                    message: /the bucket sends no event notifications/,
                },
            ],
        },
        "elasticache-backups": {
            compliant: [
                {
                    // Valkey encrypts at rest by default.
                    stack: [
                        {
                            type: "aws:elasticache/replicationGroup:ReplicationGroup",
                            name: "valkey",
                            props: {
                                engine: "valkey",
                                snapshotRetentionLimit: 35,
                                transitEncryptionEnabled: true,
                            },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:elasticache/replicationGroup:ReplicationGroup",
                            name: "sessions",
                            props: {
                                snapshotRetentionLimit: 15,
                                atRestEncryptionEnabled: true,
                                transitEncryptionEnabled: true,
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:elasticache/replicationGroup:ReplicationGroup",
                            name: "sessions",
                            props: {
                                snapshotRetentionLimit: 1,
                                atRestEncryptionEnabled: true,
                                transitEncryptionEnabled: true,
                            },
                        },
                    ],
                    message: /snapshotRetentionLimit is 1/,
                    unknown: "sessions:snapshotRetentionLimit",
                },
                {
                    stack: [
                        {
                            type: "aws:elasticache/cluster:Cluster",
                            name: "cache",
                            props: { engine: "redis", snapshotRetentionLimit: 15 },
                        },
                    ],
                    message: /transitEncryptionEnabled/,
                },
            ],
        },
    });
});
