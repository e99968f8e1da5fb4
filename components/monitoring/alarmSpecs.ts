/**
 * The stack's CloudWatch alarms as plain data: which metric, which dimensions, what threshold,
 * how long, what missing data means and what to do first. ServiceAlarms turns each spec into an
 * aws.cloudwatch.MetricAlarm and a dashboard widget; tests read the specs directly. The alarms of
 * each tier and their THRESHOLDS are in tierAlarms.ts.
 *
 * Missing data, by kind of metric:
 *  - counts that AWS publishes only when non-zero (5xx, failed backup jobs, WAF blocks):
 *    `notBreaching`, because no data means nothing happened;
 *  - utilization and capacity (CPU, memory, connections, ACU): `missing`, so a stopped or
 *    auto-paused resource shows "insufficient data" on the dashboard without paging anyone;
 *  - healthy targets: `breaching`, because the load balancer reports the count whenever health
 *    checks run, so its absence is itself an outage;
 *  - SES reputation rates: `ignore` (keep the last state), as SES's own guide recommends, since the
 *    rates are only recomputed while mail is being sent.
 */
import type * as pulumi from "@pulumi/pulumi";
import { auroraMysqlMaxConnections, MAX_SERVERLESS_V2_ACU } from "./maxConnections";
import {
    backupAlarms,
    containerAlarms,
    databaseAlarms,
    firewallAlarms,
    loadBalancerAlarms,
    serviceHealthAlarms,
    type WatchedApp,
    workerAlarms,
    mailAlarms,
} from "./tierAlarms";

/** Dashboard rows, in the order a responder reads them: front door to back. */
export const TIERS = ["web", "service", "database", "backup", "firewall", "mail"] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_TITLES: Record<Tier, string> = {
    web: "Load balancer",
    service: "REDCap containers (ECS)",
    database: "Database (Aurora Serverless v2, writer)",
    backup: "Backups (AWS Backup)",
    firewall: "Web firewall (AWS WAF)",
    mail: "Mail (SES reputation)",
};

/** Aurora MySQL accepts max_connections up to 16000. */
const MAX_CONNECTIONS_LIMIT = 16000;

export type Statistic = "Average" | "Sum" | "Minimum" | "Maximum" | "SampleCount";
export type ComparisonOperator =
    | "GreaterThanOrEqualToThreshold"
    | "GreaterThanThreshold"
    | "LessThanThreshold"
    | "LessThanOrEqualToThreshold";
export type MissingData = "missing" | "ignore" | "breaching" | "notBreaching";

export interface AlarmSpec {
    /** Unique in the stack; the alarm is named `<namePrefix>-<id>`. */
    id: string;
    tier: Tier;
    /** Widget title. */
    title: string;
    /** What the alarm means and what to check first; sent with every notification. */
    description: string;
    namespace: string;
    metricName: string;
    dimensions: Record<string, pulumi.Input<string>>;
    /** A statistic, or a percentile such as `p95` (an extended statistic). */
    stat: Statistic | `p${number}`;
    /** Seconds per datapoint. */
    period: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    comparisonOperator: ComparisonOperator;
    threshold: number;
    treatMissingData: MissingData;
}

/** What a stack has to monitor; the optional parts exist only in some stacks. */
export interface MonitoredStack {
    /** Region of the resources, for the WAF metric's Region dimension and the dashboard. */
    region: string;
    /** The Aurora cluster, for stacks that have one. */
    database?: {
        /** The Aurora cluster's identifier. */
        clusterIdentifier: pulumi.Input<string>;
        /** The cluster's Serverless v2 maximum capacity, in ACU. */
        maxCapacity: number;
        /**
         * The writer's max_connections. Default auroraMysqlMaxConnections(maxCapacity), Aurora's
         * own default; set it when the parameter group sets max_connections.
         */
        maxConnections?: number;
    };
    /** The vault the backup plan writes to. */
    backup: { vaultName: pulumi.Input<string> };
    /** PublicLoadBalancer's `arnSuffix` and `targetGroupArnSuffix`. */
    loadBalancer?: { arnSuffix: pulumi.Input<string>; targetGroupArnSuffix: pulumi.Input<string> };
    /** The web service in ECS. */
    service?: { clusterName: pulumi.Input<string>; serviceName: pulumi.Input<string> };
    /** How the alarms name the app behind the load balancer and in the service. Default "the app". */
    app?: WatchedApp;
    /**
     * More services behind the same load balancer, each watched on its own: healthy targets and
     * memory (e.g. one RStudio container per user). `id` names their alarms `<id>-...`.
     */
    moreServices?: {
        id: string;
        name: string;
        clusterName: pulumi.Input<string>;
        serviceName: pulumi.Input<string>;
        targetGroupArnSuffix: pulumi.Input<string>;
    }[];
    /**
     * Services no load balancer watches that must always run (e.g. a cron runner), each paged when
     * fewer than `minRunning` (default 1) of its tasks run for 5 minutes. Reads Container Insights'
     * RunningTaskCount when `containerInsights` (default true) says the cluster has it on, else
     * whether ECS's own service metrics arrive (then `minRunning` must be 1). `id` names the
     * alarm `<id>-not-running`.
     */
    workers?: {
        id: string;
        /** As a sentence says it, e.g. `REDCap's cron runner`. */
        name: string;
        clusterName: pulumi.Input<string>;
        serviceName: pulumi.Input<string>;
        minRunning?: number;
        /** Whether the cluster has Container Insights on. Default true. */
        containerInsights?: boolean;
    }[];
    webAcl?: {
        /** The web ACL's CloudWatch metric name (visibilityConfig.metricName), not its resource name. */
        metricName: pulumi.Input<string>;
        /** A rule's metric name to watch instead of the whole web ACL. Default `ALL` (every rule). */
        ruleMetricName?: string;
    };
    /**
     * SES sending. The account-level rates are always watched (AWS reviews the account); with a
     * configuration set that publishes reputation metrics, REDCap's own rates are watched too.
     */
    mail?: {
        configurationSetName?: pulumi.Input<string>;
        /**
         * Also watch the account-wide rates. Default true; false in all but one stack of an
         * account, or every stack would raise the same alarm.
         */
        accountWide?: boolean;
    };
}

function fail(where: string, arg: string, value: unknown, expected: string): never {
    throw new Error(
        `${where}: ${arg} ${JSON.stringify(value)} is not allowed; expected ${expected}`,
    );
}

/** The database's alarms, once its capacity and connection limit are known to be valid. */
function checkedDatabaseAlarms(
    database: NonNullable<MonitoredStack["database"]>,
    where: string,
): AlarmSpec[] {
    const capacity = database.maxCapacity;
    if (!(capacity >= 1 && capacity <= MAX_SERVERLESS_V2_ACU && Number.isInteger(capacity * 2))) {
        fail(
            where,
            "database.maxCapacity",
            capacity,
            `1 to ${MAX_SERVERLESS_V2_ACU} ACU in steps of 0.5`,
        );
    }
    const maxConnections = database.maxConnections ?? auroraMysqlMaxConnections(capacity);
    if (
        !Number.isInteger(maxConnections) ||
        maxConnections < 1 ||
        maxConnections > MAX_CONNECTIONS_LIMIT
    ) {
        fail(
            where,
            "database.maxConnections",
            maxConnections,
            `a whole number from 1 to ${MAX_CONNECTIONS_LIMIT}`,
        );
    }
    return databaseAlarms(database.clusterIdentifier, capacity, maxConnections);
}

/** The alarms for a stack, in dashboard order. Throws on out-of-range arguments. */
export function alarmSpecs(stack: MonitoredStack, where = "alarmSpecs"): AlarmSpec[] {
    const { database, backup, loadBalancer, service, webAcl, mail } = stack;
    // The shape of every region name, the sovereign-cloud ones (eusc-de-east-1) too; the stack
    // config refuses names that are not regions.
    if (!/^[a-z]{2,4}(-[a-z]+)+-\d+$/.test(stack.region)) {
        fail(where, "region", stack.region, "an AWS region such as us-east-1");
    }
    if (stack.app && !/^[a-z0-9-]{1,40}$/.test(stack.app.id)) {
        fail(where, "app.id", stack.app.id, "1 to 40 lower-case letters, digits and -");
    }
    const databaseSpecs = database ? checkedDatabaseAlarms(database, where) : [];
    const rule = webAcl?.ruleMetricName ?? "ALL";
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(rule)) {
        fail(
            where,
            "webAcl.ruleMetricName",
            rule,
            "a WAF metric name (A-Z, a-z, 0-9, - and _, up to 128)",
        );
    }

    return [
        ...(loadBalancer ? loadBalancerAlarms(loadBalancer, stack.app) : []),
        ...(service ? containerAlarms(service, stack.app) : []),
        ...(stack.moreServices ?? []).flatMap((more) =>
            serviceHealthAlarms(more, loadBalancer?.arnSuffix, where),
        ),
        ...(stack.workers ?? []).flatMap((worker) => workerAlarms(worker, where)),
        ...databaseSpecs,
        ...backupAlarms(backup.vaultName),
        ...(webAcl ? firewallAlarms(webAcl.metricName, stack.region, rule) : []),
        ...(mail ? mailAlarms(mail.configurationSetName, mail.accountWide ?? true) : []),
    ];
}
