/**
 * What mandatory rules require by default, as plain data with no imports: the rules use these, and
 * the stack configuration (stacks/schema.ts) refuses a value below them before anything is
 * planned, so `npm run synth` and the pack never disagree. A test checks the two agree.
 */

/** rds-backup-retention: days of automated database backups. */
export const MIN_DATABASE_BACKUP_RETENTION_DAYS = 7;

/** backup-plan-frequency-retention: days an AWS Backup recovery point is kept. */
export const MIN_BACKUP_RETENTION_DAYS = 35;

/** rds-multi-az: instances an Aurora cluster in production needs (a writer and a reader in another AZ). */
export const MIN_PRODUCTION_CLUSTER_INSTANCES = 2;

/** log-group-retention: days a log group keeps its events (0, never expire, also passes). */
export const MIN_LOG_RETENTION_DAYS = 365;

/** alb-listener-tls12: ELB security policies accepted on HTTPS and TLS listeners (TLS 1.2+). */
export const TLS12_POLICIES: readonly string[] = [
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    // FIPS variants (FIPS 140-3 validated modules), TLS 1.2 and later only; the -1-0- and -1-1-
    // FIPS policies allow TLS 1.0 and 1.1 and are left out.
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS-1-2-2017-01",
    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
    "ELBSecurityPolicy-FS-1-2-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10",
];

/** backup-plan-frequency-retention: whether a backup schedule fires at least daily (cron with every day of month, month and week, or rate ≤ 24 h). */
export function atLeastDaily(schedule: string): boolean {
    const rate = /^rate\((\d+)\s+(minutes?|hours?|days?)\)$/.exec(schedule.trim());
    if (rate) {
        const hours =
            Number(rate[1]) *
            (rate[2].startsWith("minute") ? 1 / 60 : rate[2].startsWith("hour") ? 1 : 24);
        return hours <= 24;
    }
    const cron = /^cron\((.+)\)$/.exec(schedule.trim());
    if (!cron) return false;
    const [, , dayOfMonth, month, dayOfWeek] = cron[1].trim().split(/\s+/);
    return (
        (dayOfMonth === "*" || dayOfMonth === "?") &&
        month === "*" &&
        (dayOfWeek === "*" || dayOfWeek === "?")
    );
}
