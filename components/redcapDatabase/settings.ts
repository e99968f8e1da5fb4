/**
 * What the database is configured with, as pure data and pure checks: engine versions, the
 * cluster parameter group, maintenance and backup windows, REDCap's database users.
 */

/** Aurora MySQL 3 engine versions look like `8.0.mysql_aurora.3.10.4`. */
const ENGINE_VERSION = /^8\.0\.mysql_aurora\.3\.(\d{2})\.(\d{1,2})$/;

/** Aurora Serverless v2 can scale to 0 ACU (auto-pause) from Aurora MySQL 3.08.0. */
export const SCALE_TO_ZERO_MIN_MINOR = 8;

export function parseEngineVersion(version: string): { minor: number; patch: number } | undefined {
    const match = ENGINE_VERSION.exec(version);
    return match ? { minor: Number(match[1]), patch: Number(match[2]) } : undefined;
}

/** Regions where Aurora MySQL backtrack is not offered (AWS Aurora user guide, Backtrack). */
export const REGIONS_WITHOUT_BACKTRACK = ["sa-east-1", "eu-north-1", "eu-south-1", "ap-east-1"];

export function backtrackAvailableIn(region: string): boolean {
    return !region.startsWith("cn-") && !REGIONS_WITHOUT_BACKTRACK.includes(region);
}

export interface ClusterParameter {
    name: string;
    value: string;
    applyMethod: "immediate" | "pending-reboot";
}

/**
 * The cluster parameter group:
 *  - TLS is required by the server, so no client can connect in clear text (164.312(e)(1));
 *  - the sizes REDCap's configuration check asks for;
 *  - advanced auditing of CONNECT, QUERY_DCL and QUERY_DDL: who connected from where (and who
 *    failed to), every change of users and privileges, every change of schema. Not QUERY or
 *    QUERY_DML: those would copy every value REDCap reads or writes, i.e. patient data, into the
 *    logs; REDCap's own log records who changed which record. AWS's internal `rdsadmin` user is
 *    left out (it polls constantly);
 *  - the slow query log, to file, so it can be exported; utf8mb4 as REDCap recommends.
 * Values are applied with the next reboot so that a static one is never refused; on a new
 * cluster they are all in force from the start.
 */
export function clusterParameters(): ClusterParameter[] {
    const values: [string, string][] = [
        ["require_secure_transport", "ON"],
        ["max_allowed_packet", "134217728"],
        ["read_rnd_buffer_size", "262144"],
        ["sort_buffer_size", "2097152"],
        ["server_audit_logging", "1"],
        ["server_audit_events", "CONNECT,QUERY_DCL,QUERY_DDL"],
        ["server_audit_excl_users", "rdsadmin"],
        ["slow_query_log", "1"],
        ["long_query_time", "5"],
        ["log_output", "FILE"],
        ["character_set_server", "utf8mb4"],
        ["collation_server", "utf8mb4_unicode_ci"],
    ];
    return values.map(([name, value]) => ({ name, value, applyMethod: "pending-reboot" }));
}

/** Logs exported to CloudWatch: never `general`, which would record every statement with its data. */
export const EXPORTED_LOGS = ["audit", "error", "slowquery"] as const;

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Minutes since Monday 00:00 UTC of each end of a window, or undefined when malformed. */
function parseWindow(text: string, withDay: boolean): [number, number] | undefined {
    const part = withDay
        ? "(mon|tue|wed|thu|fri|sat|sun):([01]\\d|2[0-3]):([0-5]\\d)"
        : "([01]\\d|2[0-3]):([0-5]\\d)";
    const match = new RegExp(`^${part}-${part}$`).exec(text);
    if (!match) {
        return undefined;
    }
    const minutes = (day: string | undefined, h: string, m: string) =>
        (day ? DAYS.indexOf(day) * 1440 : 0) + Number(h) * 60 + Number(m);
    return withDay
        ? [minutes(match[1], match[2], match[3]), minutes(match[4], match[5], match[6])]
        : [minutes(undefined, match[1], match[2]), minutes(undefined, match[3], match[4])];
}

/** `hh24:mi-hh24:mi` in UTC, at least 30 minutes long (RDS's rule). */
export function checkBackupWindow(text: string): string | undefined {
    const window = parseWindow(text, false);
    if (!window) {
        return "";
    }
    const length = (window[1] - window[0] + 1440) % 1440;
    return length >= 30 ? undefined : "shorter than 30 minutes";
}

/** `ddd:hh24:mi-ddd:hh24:mi` in UTC, at least 30 minutes long (RDS's rule). */
export function checkMaintenanceWindow(text: string): string | undefined {
    const window = parseWindow(text, true);
    if (!window) {
        return "";
    }
    const length = (window[1] - window[0] + 7 * 1440) % (7 * 1440);
    return length >= 30 ? undefined : "shorter than 30 minutes";
}

/** True when the daily backup window and the weekly maintenance window overlap (RDS refuses that). */
export function windowsOverlap(backupWindow: string, maintenanceWindow: string): boolean {
    const backup = parseWindow(backupWindow, false);
    const maintenance = parseWindow(maintenanceWindow, true);
    if (!backup || !maintenance) {
        return false;
    }
    const week = 7 * 1440;
    const minutesIn = (start: number, end: number, period: number) => {
        const set = new Set<number>();
        for (let t = start; t !== end; t = (t + 1) % period) {
            set.add(t);
        }
        return set;
    };
    const maintenanceMinutes = minutesIn(maintenance[0], maintenance[1], week);
    for (let day = 0; day < 7; day++) {
        for (const t of minutesIn(backup[0], backup[1], 1440)) {
            // A backup window that crosses midnight continues into the next day.
            const absolute = (day * 1440 + t + (t < backup[0] ? 1440 : 0)) % week;
            if (maintenanceMinutes.has(absolute)) {
                return true;
            }
        }
    }
    return false;
}
