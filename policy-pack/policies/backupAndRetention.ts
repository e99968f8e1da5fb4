import { effectiveTags } from "../lib/tags";
import type { PolicyResource } from "@pulumi/policy";
import { resourceRule, type StackCheck, stackRule } from "../lib/policy";
import { nonProductionEnvironment, PRODUCTION_CONFIG, ProductionConfig } from "../lib/environments";
import { actionMatches, type Statement, statementsOf, wildcard } from "../lib/policyDocuments";
import {
    LOAD_BALANCER,
    RDS_CLUSTER,
    RDS_CLUSTER_INSTANCE,
    RDS_INSTANCE,
    S3_BUCKET,
    S3_LIFECYCLE,
    S3_OBJECT_LOCK,
    S3_VERSIONING,
} from "../lib/tokens";
import { anyOf, known, UNKNOWN } from "../lib/unknown";
import {
    atLeastDaily,
    MIN_BACKUP_RETENTION_DAYS,
    MIN_DATABASE_BACKUP_RETENTION_DAYS,
    MIN_PRODUCTION_CLUSTER_INSTANCES,
} from "../lib/floors";

export { atLeastDaily };

const CONTINGENCY = "164.308(a)(7)(i), 164.308(a)(7)(ii)(A), 164.308(a)(7)(ii)(B)";
const AVAILABILITY = "164.308(a)(7)(i), 164.308(a)(7)(ii)(C)";
const SELECTION = "aws:backup/selection:Selection";

export const rdsBackupRetention = resourceRule<{ minimumBackupRetentionDays: number }>({
    name: "rds-backup-retention",
    area: "backup-and-retention",
    description:
        "Checks that databases keep automated backups (point-in-time recovery) for at least the configured number of days.",
    citation: CONTINGENCY,
    awsConfig: "db-instance-backup-enabled",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `backupRetentionPeriod` explicitly, at least the minimum (7 days by default; up to 35).",
    config: {
        minimumBackupRetentionDays: {
            description: "Shortest acceptable `backupRetentionPeriod`.",
            default: MIN_DATABASE_BACKUP_RETENTION_DAYS,
            schema: { type: "integer", minimum: 1, maximum: 35 },
        },
    },
    types: [RDS_CLUSTER, RDS_INSTANCE],
    check(props, { report, config }) {
        if (props.replicateSourceDb) return; // a replica's backups are its source's
        const days = props.backupRetentionPeriod as number | undefined;
        if (days === undefined || days < config.minimumBackupRetentionDays)
            report(
                `backupRetentionPeriod is ${days ?? "unset"} (< ${config.minimumBackupRetentionDays} days)`,
            );
    },
});

export const rdsDeletionProtection = resourceRule<ProductionConfig>({
    name: "rds-deletion-protection",
    area: "backup-and-retention",
    description:
        "Checks that production databases have deletion protection and keep a final snapshot.",
    citation: AVAILABILITY,
    awsConfig: "rds-cluster-deletion-protection-enabled, rds-instance-deletion-protection-enabled",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `deletionProtection: true` and leave `skipFinalSnapshot` false (and protect the resource with `protect`/`retainOnDelete`).",
    config: PRODUCTION_CONFIG,
    types: [RDS_CLUSTER, RDS_INSTANCE],
    check(props, { report, config, args }) {
        const environment = nonProductionEnvironment(props, args.provider, config);
        if (environment) args.notApplicable(`environment ${environment} is not production`);
        if (props.deletionProtection !== true)
            report("deletionProtection is not true: one mistaken destroy deletes the database");
        if (props.skipFinalSnapshot === true)
            report("skipFinalSnapshot is true: deleting the database leaves no snapshot");
    },
});

export const rdsMultiAz = stackRule<ProductionConfig>({
    name: "rds-multi-az",
    area: "backup-and-retention",
    description:
        "Checks that production databases survive the loss of an Availability Zone (Multi-AZ instance, or an Aurora cluster with two or more instances).",
    citation: AVAILABILITY,
    awsConfig: "rds-multi-az-support, rds-cluster-multi-az-enabled",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `multiAz: true` on instances; give Aurora clusters a second `aws.rds.ClusterInstance` (a reader in another AZ).",
    config: PRODUCTION_CONFIG,
    judges: [RDS_INSTANCE, RDS_CLUSTER],
    check(stack) {
        stack.each(stack.subjects([RDS_INSTANCE, RDS_CLUSTER]), (db) => {
            if (
                nonProductionEnvironment(db.props, db.provider, stack.config) ||
                db.props.replicateSourceDb
            )
                return;
            // A Multi-AZ DB cluster (RDS for MySQL or PostgreSQL) places its instances itself.
            if (db.props.dbClusterInstanceClass) return;
            if (db.type === RDS_INSTANCE) {
                if (db.props.multiAz !== true) stack.report("multiAz is not true", db);
                return;
            }
            const members = stack.linked(db, [RDS_CLUSTER_INSTANCE], "clusterIdentifier");
            const zones = members.map((m) => known(() => m.props.availabilityZone as unknown));
            const knownZones = new Set(zones.filter((z) => z !== UNKNOWN));
            const enough = members.length >= MIN_PRODUCTION_CLUSTER_INSTANCES;
            if (enough && zones.includes(UNKNOWN) && knownZones.size <= 1) {
                stack.undecided(db); // the zones are chosen at pulumi up
                return;
            }
            const oneZone = enough && zones.every((z) => typeof z === "string" && z === zones[0]);
            if (!enough || oneZone) {
                stack.report(
                    `the cluster has ${members.length} instance(s)${oneZone ? " in one Availability Zone" : ""}: a zone outage stops it`,
                    db,
                );
            }
        });
    },
});

export const rdsAutoMinorUpgrade = resourceRule({
    name: "rds-auto-minor-upgrade",
    area: "backup-and-retention",
    description:
        "Checks that databases take minor engine upgrades (security patches) automatically.",
    citation: "164.308(a)(5)(ii)(A)",
    awsConfig: "rds-automatic-minor-version-upgrade-enabled",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps: "Leave `autoMinorVersionUpgrade` unset or true, with a maintenance window.",
    types: [RDS_INSTANCE, RDS_CLUSTER_INSTANCE, RDS_CLUSTER],
    check(props, { report }) {
        if (props.autoMinorVersionUpgrade === false) report("autoMinorVersionUpgrade is false");
    },
});

/** How each type's ARN ends: its service, its resource part, and the input naming it. */
const ARN_OF: Record<string, { service: string; resource: string; nameInput: string }> = {
    [RDS_CLUSTER]: { service: "rds", resource: "cluster:", nameInput: "clusterIdentifier" },
    [RDS_INSTANCE]: { service: "rds", resource: "db:", nameInput: "identifier" },
    "aws:efs/fileSystem:FileSystem": {
        service: "elasticfilesystem",
        resource: "file-system/",
        nameInput: "",
    },
};

/**
 * Whether an ARN pattern of a selection (with `*` wildcards) matches the target: its service and
 * resource kind, and its name when the program gives one (an unnamed resource only by `kind*`).
 */
function patternCovers(pattern: string, target: PolicyResource): boolean {
    if (pattern === "*") return true;
    const arn = ARN_OF[target.type];
    const parts = pattern.split(":");
    if (!pattern.includes("*") || !arn || parts.length < 6) return false;
    if (!wildcard(parts[2]).test(arn.service)) return false;
    const rest = parts.slice(5).join(":");
    const name = arn.nameInput ? (target.props[arn.nameInput] as unknown) : undefined;
    return typeof name === "string"
        ? wildcard(rest).test(`${arn.resource}${name}`)
        : rest === "*" || rest === `${arn.resource}*`;
}

/**
 * Whether a backup selection covers `target`, as AWS Backup decides: the resource is named
 * (through its ARN, or a wildcard) or matches a selection tag; then every condition must hold on
 * its tags (the provider's default tags included); then it must not be excluded by notResources.
 */
function selects(selection: PolicyResource, target: PolicyResource): boolean {
    const named =
        (selection.propertyDependencies.resources ?? []).some((r) => r.urn === target.urn) ||
        ((selection.props.resources ?? []) as string[]).some((p) => patternCovers(p, target));
    const effective = effectiveTags(target.props, target.provider);
    const tags = effective === UNKNOWN ? {} : effective;
    const byTag = (selection.props.selectionTags ?? []) as { key?: string; value?: string }[];
    if (!named && !byTag.some((t) => t.key !== undefined && tags[t.key] === t.value)) return false;
    const tagOf = (key: string) => tags[key.replace(/^aws:ResourceTag\//, "")];
    const like = (value: string | undefined, pattern: string) =>
        value !== undefined && wildcard(pattern).test(value);
    for (const c of (selection.props.conditions ?? []) as Record<
        string,
        { key: string; value: string }[]
    >[]) {
        if ((c.stringEquals ?? []).some((e) => tagOf(e.key) !== e.value)) return false;
        if ((c.stringNotEquals ?? []).some((e) => tagOf(e.key) === e.value)) return false;
        if ((c.stringLikes ?? []).some((e) => !like(tagOf(e.key), e.value))) return false;
        if ((c.stringNotLikes ?? []).some((e) => like(tagOf(e.key), e.value))) return false;
    }
    const excluded =
        (selection.propertyDependencies.notResources ?? []).some((r) => r.urn === target.urn) ||
        ((selection.props.notResources ?? []) as string[]).some((p) => patternCovers(p, target));
    return !excluded;
}

function inBackupPlan(
    name: string,
    types: string[],
    label: string,
    alternative?: (target: PolicyResource, stack: StackCheck<object>) => boolean | typeof UNKNOWN,
) {
    return stackRule({
        name,
        area: "backup-and-retention",
        description: `Checks that every ${label} is in an AWS Backup plan${alternative ? " (or has its own backup policy on)" : ""}.`,
        citation: `${CONTINGENCY}, 164.310(d)(2)(iv), 164.312(a)(2)(ii)`,
        awsConfig:
            name === "rds-in-backup-plan"
                ? "rds-in-backup-plan, aurora-resources-protected-by-backup-plan"
                : "efs-in-backup-plan",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps: `Add an \`aws.backup.Selection\` with the ${label}'s ARN in \`resources\` (or a matching tag) under an \`aws.backup.Plan\`.`,
        judges: types,
        check(stack) {
            // Selections naming resources are found through the index; only those that may cover
            // anything (every resource, by tag, or not yet known) are tried on each target.
            const broad = stack
                .ofType([SELECTION])
                .filter(
                    (s) =>
                        known(
                            () =>
                                ((s.props.resources ?? []) as string[]).some((p) =>
                                    p.includes("*"),
                                ) || ((s.props.selectionTags ?? []) as unknown[]).length > 0,
                        ) !== false,
                );
            stack.each(stack.subjects(types), (target) => {
                const candidates = new Set([
                    ...stack.linked(target, [SELECTION], "resources"),
                    ...broad,
                ]);
                const covered = anyOf([
                    ...[...candidates].map((s) => known(() => selects(s, target))),
                    alternative?.(target, stack) ?? false,
                ]);
                if (covered === UNKNOWN) stack.undecided(target);
                else if (!covered)
                    stack.report(`no AWS Backup selection covers this ${label}`, target);
            });
        },
    });
}

export const rdsInBackupPlan = inBackupPlan(
    "rds-in-backup-plan",
    [RDS_CLUSTER, RDS_INSTANCE],
    "database",
);
export const efsInBackupPlan = inBackupPlan(
    "efs-in-backup-plan",
    ["aws:efs/fileSystem:FileSystem"],
    "EFS file system",
    (fs, stack) =>
        anyOf(
            stack
                .linked(fs, ["aws:efs/backupPolicy:BackupPolicy"], "fileSystemId")
                .map((p) => known(() => p.props.backupPolicy?.status === "ENABLED")),
        ),
);

export const backupPlanFrequencyRetention = resourceRule<{ minimumRetentionDays: number }>({
    name: "backup-plan-frequency-retention",
    area: "backup-and-retention",
    description:
        "Checks that every AWS Backup rule runs at least daily (a rule without a schedule runs at AWS Backup's default, daily at 05:00 UTC) and keeps recovery points at least the configured number of days.",
    citation: `${CONTINGENCY}, 164.308(a)(7)(ii)(C), 164.310(d)(2)(iv), 164.312(a)(2)(ii)`,
    awsConfig: "backup-plan-min-frequency-and-min-retention-check",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Give each rule a daily (or more frequent) `schedule`, or leave it unset for AWS Backup's daily default, and `lifecycle.deleteAfter` of at least 35 days (or leave it unset).",
    config: {
        minimumRetentionDays: {
            description: "Shortest acceptable `lifecycle.deleteAfter`, in days.",
            default: MIN_BACKUP_RETENTION_DAYS,
            schema: { type: "integer", minimum: 1 },
        },
    },
    types: ["aws:backup/plan:Plan"],
    check(props, { report, config }) {
        for (const rule of (props.rules ?? []) as {
            ruleName?: string;
            schedule?: string;
            lifecycle?: { deleteAfter?: number };
        }[]) {
            // Without a schedule AWS Backup runs the rule at its default, cron(0 5 ? * * *): daily.
            if (rule.schedule && !atLeastDaily(rule.schedule))
                report(
                    `rule ${rule.ruleName ?? "?"} schedule ${rule.schedule} is not at least daily`,
                );
            const keep = rule.lifecycle?.deleteAfter;
            if (keep !== undefined && keep < config.minimumRetentionDays)
                report(
                    `rule ${rule.ruleName ?? "?"} deletes recovery points after ${keep} days (< ${config.minimumRetentionDays})`,
                );
        }
    },
});

/**
 * The actions a vault policy must deny so recovery points cannot be removed by hand, as AWS Config's
 * backup-recovery-point-manual-deletion-disabled requires: deleting one, shortening its lifecycle
 * (which expires it), and replacing the policy that denies the other two.
 */
const RECOVERY_POINT_DELETION = [
    "backup:DeleteRecoveryPoint",
    "backup:UpdateRecoveryPointLifecycle",
    "backup:PutBackupVaultAccessPolicy",
];

/** Whether a statement denies `action` to everyone on every recovery point of the vault. */
function deniesToEveryone(s: Statement, action: string): boolean {
    const denied =
        s.actions.some((a) => actionMatches(a, action)) ||
        (s.notActions.length > 0 && !s.notActions.some((a) => actionMatches(a, action)));
    // Principal "*" or {AWS: "*"}; a Deny naming principals, or a condition, leaves others free.
    // AWS Config likewise requires a wildcard Principal and Resource.
    return (
        s.effect === "Deny" &&
        denied &&
        s.principals.includes("*") &&
        s.resources.some((r) => r.includes("*")) &&
        s.condition === undefined
    );
}

export const backupVaultDeletionLocked = stackRule({
    name: "backup-vault-deletion-locked",
    area: "backup-and-retention",
    description:
        "Checks that recovery points cannot be deleted by hand: the vault has a Vault Lock, or a vault policy denying everyone (Principal and Resource wildcards, no condition) backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle and backup:PutBackupVaultAccessPolicy, by name or by wildcard (backup:Delete*, backup:*).",
    citation: `${CONTINGENCY}, 164.308(a)(7)(ii)(C)`,
    awsConfig: "backup-recovery-point-manual-deletion-disabled",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        'Add `aws.backup.VaultLockConfiguration` (governance or compliance mode) or an `aws.backup.VaultPolicy` with a statement `{ Effect: "Deny", Principal: "*", Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:PutBackupVaultAccessPolicy"], Resource: "*" }`.',
    judges: ["aws:backup/vault:Vault"],
    check(stack) {
        stack.each(stack.subjects(["aws:backup/vault:Vault"]), (vault) => {
            const lock =
                stack.linked(
                    vault,
                    ["aws:backup/vaultLockConfiguration:VaultLockConfiguration"],
                    "backupVaultName",
                ).length > 0;
            if (lock) return;
            const policies = stack.linked(
                vault,
                ["aws:backup/vaultPolicy:VaultPolicy"],
                "backupVaultName",
            );
            const statements = policies.map((p) => known(() => statementsOf(p.props.policy) ?? []));
            if (statements.includes(UNKNOWN)) return stack.undecided(vault);
            const all = (statements as Statement[][]).flat();
            const open = RECOVERY_POINT_DELETION.filter(
                (action) => !all.some((s) => deniesToEveryone(s, action)),
            );
            if (open.length === RECOVERY_POINT_DELETION.length)
                stack.report(
                    "recovery points can be deleted by anyone with backup:DeleteRecoveryPoint: no Vault Lock, and no vault policy denies it to Principal *",
                    vault,
                );
            else if (open.length > 0)
                stack.report(
                    `the vault policy does not deny ${open.join(", ")} to Principal * on Resource *: with it, recovery points can still be removed`,
                    vault,
                );
        });
    },
});

export const albDeletionProtection = resourceRule<ProductionConfig>({
    name: "alb-deletion-protection",
    area: "backup-and-retention",
    description: "Checks that production load balancers have deletion protection.",
    citation: AVAILABILITY,
    awsConfig: "elb-deletion-protection-enabled",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps: "Set `enableDeletionProtection: true`.",
    config: PRODUCTION_CONFIG,
    types: LOAD_BALANCER,
    check(props, { report, config, args }) {
        const environment = nonProductionEnvironment(props, args.provider, config);
        if (environment) args.notApplicable(`environment ${environment} is not production`);
        if (props.enableDeletionProtection !== true) report("enableDeletionProtection is not true");
    },
});

/** A rule that every bucket needs a companion resource of `types`, correlated through `bucket`. */
function bucketCompanion(spec: {
    name: string;
    description: string;
    citation: string;
    awsConfig: string;
    severity: "high" | "medium" | "low";
    enforcementLevel: "mandatory" | "advisory";
    remediationSteps: string;
    types: string[];
    ok: (companion: PolicyResource) => boolean;
    inline: (bucket: PolicyResource) => boolean;
    missing: string;
}) {
    return stackRule({
        ...spec,
        area: "backup-and-retention",
        judges: S3_BUCKET,
        check(stack) {
            stack.each(stack.subjects(S3_BUCKET), (bucket) => {
                const companions = stack.linked(bucket, spec.types, "bucket");
                const verdict = anyOf(companions.map((c) => known(() => spec.ok(c))));
                if (verdict === true || spec.inline(bucket)) return;
                if (verdict === UNKNOWN) return stack.undecided(bucket);
                stack.report(
                    companions.length === 0
                        ? spec.missing
                        : `${spec.missing} (the declared one is not enabled)`,
                    bucket,
                );
            });
        },
    });
}

export const s3BucketVersioning = bucketCompanion({
    name: "s3-bucket-versioning",
    description:
        "Checks that every S3 bucket has versioning enabled, so overwritten or deleted objects can be recovered.",
    citation: `${CONTINGENCY}, 164.312(c)(1), 164.312(c)(2)`,
    awsConfig: "s3-bucket-versioning-enabled",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Add `aws.s3.BucketVersioning` with `versioningConfiguration.status: "Enabled"`.',
    types: S3_VERSIONING,
    ok: (v) => v.props.versioningConfiguration?.status === "Enabled",
    // S3 turns versioning on for a bucket created with Object Lock. The deprecated BucketV2
    // lists its inline block: `versionings[].enabled`.
    inline: (b) =>
        b.props.versioning?.enabled === true ||
        ((b.props.versionings ?? []) as { enabled?: boolean }[]).some((v) => v.enabled === true) ||
        b.props.objectLockEnabled === true,
    missing: "versioning is not enabled on this bucket",
});

export const s3VersionedBucketLifecycle = bucketCompanion({
    name: "s3-versioned-bucket-lifecycle",
    description:
        "Checks that every S3 bucket has an enabled lifecycle rule (so noncurrent versions do not pile up forever).",
    citation: "",
    awsConfig: "s3-version-lifecycle-policy-check",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Add `aws.s3.BucketLifecycleConfiguration` with an enabled rule expiring noncurrent versions after the retention period.",
    types: S3_LIFECYCLE,
    ok: (l) => ((l.props.rules ?? []) as { status?: string }[]).some((r) => r.status === "Enabled"),
    // The deprecated inline form on the bucket: `lifecycleRules[].enabled`.
    inline: (b) =>
        ((b.props.lifecycleRules ?? []) as { enabled?: boolean }[]).some((r) => r.enabled === true),
    missing: "no lifecycle configuration governs this bucket's versions",
});

export const s3BucketReplication = bucketCompanion({
    name: "s3-bucket-replication",
    description:
        "Checks that every S3 bucket replicates to another bucket (disaster recovery in a second region or account).",
    citation: CONTINGENCY,
    awsConfig: "s3-bucket-replication-enabled",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Add `aws.s3.BucketReplicationConfig` with an enabled rule to a bucket in another region, or rely on AWS Backup copies and document the choice.",
    types: ["aws:s3/bucketReplicationConfig:BucketReplicationConfig"],
    ok: (r) => ((r.props.rules ?? []) as { status?: string }[]).some((x) => x.status === "Enabled"),
    // The deprecated inline form: `replicationConfiguration.rules[].status` (BucketV2:
    // `replicationConfigurations[].rules[].status`).
    inline: (b) =>
        (
            [
                ...(b.props.replicationConfiguration ? [b.props.replicationConfiguration] : []),
                ...(b.props.replicationConfigurations ?? []),
            ] as { rules?: { status?: string }[] }[]
        ).some((c) => (c.rules ?? []).some((x) => x.status === "Enabled")),
    missing: "the bucket is not replicated",
});

export const s3ObjectLock = bucketCompanion({
    name: "s3-object-lock",
    description:
        "Checks that S3 buckets have Object Lock with a default retention (for log and audit buckets; tag application buckets exempt).",
    citation: "164.308(a)(1)(ii)(B), 164.312(c)(1)",
    awsConfig: "s3-bucket-default-lock-enabled",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Create log and audit buckets with `objectLockEnabled: true` and an `aws.s3.BucketObjectLockConfiguration` default retention.",
    types: S3_OBJECT_LOCK,
    ok: (l) => Boolean(l.props.rule?.defaultRetention),
    // The deprecated inline form: `objectLockConfiguration.rule.defaultRetention` (BucketV2:
    // `objectLockConfiguration.rules[].defaultRetentions[]`).
    inline: (b) =>
        Boolean(b.props.objectLockConfiguration?.rule?.defaultRetention) ||
        (
            (b.props.objectLockConfiguration?.rules ?? []) as { defaultRetentions?: unknown[] }[]
        ).some((r) => (r.defaultRetentions ?? []).length > 0),
    missing: "the bucket has no Object Lock default retention",
});

export const s3EventNotifications = bucketCompanion({
    name: "s3-event-notifications",
    description:
        "Checks that S3 buckets send event notifications (object created or removed) somewhere.",
    citation: "",
    awsConfig: "s3-event-notifications-enabled",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Add `aws.s3.BucketNotification` (EventBridge or SNS) if object events matter to you; CloudTrail data events already record every access.",
    types: ["aws:s3/bucketNotification:BucketNotification"],
    ok: () => true,
    inline: () => false,
    missing: "the bucket sends no event notifications",
});

export const elasticacheBackups = resourceRule<{ minimumSnapshotRetentionDays: number }>({
    name: "elasticache-backups",
    area: "backup-and-retention",
    description:
        "Checks that ElastiCache (Redis/Valkey) keeps snapshots and encrypts data at rest and in transit (sessions can hold PHI).",
    // Snapshots are the contingency plan's backups; the encryption checks cite what the
    // catalogue's encryption rules cite (at rest: (a)(2)(iv); in transit: (e)(1), (e)(2)(ii)).
    citation: `${CONTINGENCY}, 164.312(a)(2)(iv), 164.312(e)(1), 164.312(e)(2)(ii)`,
    awsConfig: "elasticache-redis-cluster-automatic-backup-check",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `snapshotRetentionLimit` (15 days by default), `atRestEncryptionEnabled: true` and `transitEncryptionEnabled: true`.",
    config: {
        minimumSnapshotRetentionDays: {
            description: "Shortest acceptable `snapshotRetentionLimit`.",
            default: 15,
            schema: { type: "integer", minimum: 1 },
        },
    },
    types: ["aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/cluster:Cluster"],
    check(props, { report, config }) {
        if (props.engine === "memcached" || props.replicationGroupId) return;
        if (Number(props.snapshotRetentionLimit ?? 0) < config.minimumSnapshotRetentionDays)
            report(
                `snapshotRetentionLimit is ${props.snapshotRetentionLimit ?? 0} (< ${config.minimumSnapshotRetentionDays})`,
            );
        // Valkey encrypts at rest unless told not to; Redis OSS does not unless told to.
        const atRest = props.atRestEncryptionEnabled ?? (props.engine === "valkey" ? true : false);
        if (String(atRest) !== "true") report("atRestEncryptionEnabled is not true");
        if (props.transitEncryptionEnabled !== true) report("transitEncryptionEnabled is not true");
    },
});

export const backupAndRetentionPolicies = [
    rdsBackupRetention,
    rdsDeletionProtection,
    rdsMultiAz,
    rdsAutoMinorUpgrade,
    rdsInBackupPlan,
    efsInBackupPlan,
    backupPlanFrequencyRetention,
    backupVaultDeletionLocked,
    albDeletionProtection,
    s3BucketVersioning,
    s3VersionedBucketLifecycle,
    s3BucketReplication,
    s3ObjectLock,
    s3EventNotifications,
    elasticacheBackups,
];
