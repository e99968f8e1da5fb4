import type * as pulumi from "@pulumi/pulumi";
import { LOG_RETENTION_DAYS } from "../logRetention";
import { requireWholeNumber } from "../validation";
import {
    backtrackAvailableIn,
    checkBackupWindow,
    checkMaintenanceWindow,
    parseEngineVersion,
    SCALE_TO_ZERO_MIN_MINOR,
    windowsOverlap,
} from "./settings";

/** Aurora MySQL 3.10 is a long-term-support release line; this was its newest patch we found documented. */
export const DEFAULT_ENGINE_VERSION = "8.0.mysql_aurora.3.10.4";

export interface RedcapDatabaseArgs {
    /**
     * Name of the Aurora cluster in AWS, e.g. `redcap-prod`. Instances, log groups and the final
     * snapshot are named after it, so it must be unique in the account and region.
     */
    clusterIdentifier: string;
    vpcId: pulumi.Input<string>;
    /** Subnets of the database tier (HipaaVpc's isolated subnets), one per AZ. */
    subnetIds: pulumi.Input<string>[];
    /** Private (application) subnets, where the function that creates REDCap's users runs. */
    applicationSubnetIds: pulumi.Input<string>[];
    /** AZ names in order; the writer goes to the first, readers to the next ones. */
    availabilityZones: pulumi.Input<string[]>;
    /** Key for storage, snapshots and Performance Insights. */
    databaseKmsKeyArn: pulumi.Input<string>;
    /** Key for the master and application credentials in Secrets Manager. */
    secretsKmsKeyArn: pulumi.Input<string>;
    /** Key for the exported database logs. */
    logsKmsKeyArn: pulumi.Input<string>;
    /** Days to keep exported logs (audit, error, slow queries); a CloudWatch Logs retention value. */
    logRetentionDays: number;
    /** Aurora MySQL 3 version, e.g. `8.0.mysql_aurora.3.10.4`. Default DEFAULT_ENGINE_VERSION. */
    engineVersion?: string;
    /**
     * Serverless v2 capacity in ACU (0.5 steps). A minimum of 0 lets an idle cluster pause after
     * `autoPauseSeconds` (needs 3.08.0+). Defaults 0.5 and 4.
     */
    minCapacity?: number;
    maxCapacity?: number;
    /** Idle seconds before a 0-ACU cluster pauses, 300 to 86400. Default 3600. */
    autoPauseSeconds?: number;
    /** Serverless v2 readers besides the writer, each in another AZ when there is one. Default 0. */
    readers?: number;
    /** Days of automated backups (point-in-time restore), 1 to 35. Default 7. */
    backupRetentionDays?: number;
    /** Hours the cluster can be rewound in place (Aurora backtrack), 0 to 72; 0 turns it off. Default 0. */
    backtrackHours?: number;
    /** Daily backup window, `hh24:mi-hh24:mi` UTC. Default `07:00-08:00`. */
    backupWindow?: string;
    /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC. Default `sun:08:30-sun:09:30`. */
    maintenanceWindow?: string;
    /** Name of REDCap's database (schema). Default `redcap`. */
    databaseName?: string;
    /** Seconds between enhanced-monitoring samples: 1, 5, 10, 15, 30 or 60. Default 60. */
    monitoringIntervalSeconds?: number;
    /**
     * Prod: deletion protection, a final snapshot, Pulumi `protect` and retained secrets, so a
     * mistaken destroy loses nothing. Dev: none of these, so the stack can be torn down.
     */
    protect?: boolean;
    /** The region, to check that backtrack is offered there. */
    region: string;
}

export type ResolvedDatabaseArgs = Required<Omit<RedcapDatabaseArgs, "region">> & {
    region: string;
};

/**
 * Applies RedcapDatabase's defaults (in one place) and refuses contradictory or out-of-range args
 * with a message naming the arg, the value and what is allowed.
 */
export function resolveDatabaseArgs(name: string, args: RedcapDatabaseArgs): ResolvedDatabaseArgs {
    const resolved: ResolvedDatabaseArgs = {
        ...args,
        engineVersion: args.engineVersion ?? DEFAULT_ENGINE_VERSION,
        minCapacity: args.minCapacity ?? 0.5,
        maxCapacity: args.maxCapacity ?? 4,
        autoPauseSeconds: args.autoPauseSeconds ?? 3600,
        readers: args.readers ?? 0,
        backupRetentionDays: args.backupRetentionDays ?? 7,
        backtrackHours: args.backtrackHours ?? 0,
        backupWindow: args.backupWindow ?? "07:00-08:00",
        maintenanceWindow: args.maintenanceWindow ?? "sun:08:30-sun:09:30",
        databaseName: args.databaseName ?? "redcap",
        monitoringIntervalSeconds: args.monitoringIntervalSeconds ?? 60,
        protect: args.protect ?? false,
    };
    const where = `RedcapDatabase ${name}`;
    const fail = (arg: string, value: unknown, allowed: string): never => {
        throw new Error(
            `RedcapDatabase ${name}: ${arg} ${JSON.stringify(value)} is not allowed; expected ${allowed}`,
        );
    };
    const r = resolved;
    if (
        !/^[a-z][a-z0-9-]{0,50}[a-z0-9]$/.test(r.clusterIdentifier) ||
        r.clusterIdentifier.includes("--")
    ) {
        fail(
            "clusterIdentifier",
            r.clusterIdentifier,
            "lower-case letters, digits and single hyphens, 2 to 52 characters",
        );
    }
    const version = parseEngineVersion(r.engineVersion);
    if (!version) {
        fail(
            "engineVersion",
            r.engineVersion,
            "an Aurora MySQL 3 version such as 8.0.mysql_aurora.3.10.4",
        );
    }
    const isCapacity = (v: number, min: number) => v >= min && v <= 256 && Number.isInteger(v * 2);
    if (!isCapacity(r.minCapacity, 0)) {
        fail("minCapacity", r.minCapacity, "0 to 256 ACU in steps of 0.5");
    }
    if (!isCapacity(r.maxCapacity, 1)) {
        fail("maxCapacity", r.maxCapacity, "1 to 256 ACU in steps of 0.5");
    }
    if (r.minCapacity > r.maxCapacity) {
        fail("minCapacity", r.minCapacity, `at most maxCapacity (${r.maxCapacity})`);
    }
    if (r.minCapacity === 0 && version && version.minor < SCALE_TO_ZERO_MIN_MINOR) {
        fail(
            "minCapacity",
            0,
            `at least 0.5 with engineVersion ${r.engineVersion}; scaling to 0 needs 3.08.0 or later`,
        );
    }
    requireWholeNumber(where, "autoPauseSeconds", r.autoPauseSeconds, 300, 86400, "seconds");
    requireWholeNumber(where, "readers", r.readers, 0, 15);
    requireWholeNumber(where, "backupRetentionDays", r.backupRetentionDays, 1, 35, "days");
    requireWholeNumber(where, "backtrackHours", r.backtrackHours, 0, 72, "hours");
    if (r.backtrackHours > 0 && !backtrackAvailableIn(r.region)) {
        fail(
            "backtrackHours",
            r.backtrackHours,
            `0 in ${r.region}, where Aurora backtrack is not offered`,
        );
    }
    const backupReason = checkBackupWindow(r.backupWindow);
    if (backupReason !== undefined) {
        fail(
            "backupWindow",
            r.backupWindow,
            `hh24:mi-hh24:mi in UTC, at least 30 minutes${backupReason ? ` (${backupReason})` : ""}`,
        );
    }
    const maintenanceReason = checkMaintenanceWindow(r.maintenanceWindow);
    if (maintenanceReason !== undefined) {
        fail(
            "maintenanceWindow",
            r.maintenanceWindow,
            `ddd:hh24:mi-ddd:hh24:mi in UTC, at least 30 minutes${maintenanceReason ? ` (${maintenanceReason})` : ""}`,
        );
    }
    if (windowsOverlap(r.backupWindow, r.maintenanceWindow)) {
        fail(
            "maintenanceWindow",
            r.maintenanceWindow,
            `a window that does not overlap backupWindow ${r.backupWindow}`,
        );
    }
    if (!/^[a-z][a-z0-9_]{0,31}$/.test(r.databaseName)) {
        fail("databaseName", r.databaseName, "a lower-case identifier of at most 32 characters");
    }
    if (![1, 5, 10, 15, 30, 60].includes(r.monitoringIntervalSeconds)) {
        fail(
            "monitoringIntervalSeconds",
            r.monitoringIntervalSeconds,
            "one of 1, 5, 10, 15, 30, 60",
        );
    }
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(r.logRetentionDays)) {
        fail("logRetentionDays", r.logRetentionDays, `one of ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    return resolved;
}
