/**
 * The alarms of each tier, as plain data (see alarmSpecs.ts for the shape and for what missing
 * data means per kind of metric). Thresholds are in THRESHOLDS; periods and datapoints sit next
 * to the metric they belong to.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AlarmSpec, MonitoredStack, Statistic } from "./alarmSpecs";

/** Every threshold, each with the reason for its value. */
export const THRESHOLDS = {
    /** Serverless v2 CPU is a share of the CPU at *maximum* capacity: 80% leaves no headroom. */
    databaseCpuPercent: 80,
    /** ACUUtilization = current ÷ maximum capacity: at 90% Aurora can barely scale further. */
    databaseAcuPercent: 90,
    /** Share of max_connections: above it, a burst of PHP workers meets "Too many connections". */
    databaseConnectionsShare: 0.8,
    /** FreeableMemory is measured against maximum capacity; under a tenth, out-of-memory restarts follow. */
    databaseFreeMemoryShare: 0.1,
    /** One failed backup or copy job is already a gap in the recovery points. */
    backupJobsFailed: 1,
    /** Load balancer's own 5xx (502/503/504: no reachable target) per 5 minutes. */
    loadBalancer5xxPer5Minutes: 10,
    /** REDCap's 5xx (PHP errors, timeouts) per 5 minutes. */
    target5xxPer5Minutes: 10,
    /** p95 seconds: REDCap pages are this slow only when the database or containers struggle. */
    responseTimeP95Seconds: 3,
    /** Percent of the tasks' reserved CPU. */
    serviceCpuPercent: 80,
    /** Percent of the tasks' reserved memory; at 100% a task is killed. */
    serviceMemoryPercent: 80,
    /** Blocked requests per 5 minutes: far above background scanning; a flood, or a rule blocking real users. */
    wafBlockedPer5Minutes: 500,
    /** SES reviews an account at a 5% bounce rate and may pause sending at 10%; AWS's suggested alarm. */
    sesBounceRate: 0.05,
    /** SES reviews an account at a 0.1% complaint rate and may pause sending at 0.5%; AWS's suggested alarm. */
    sesComplaintRate: 0.001,
} as const;

const GIB = 1024 ** 3;
/** Aurora Serverless v2: one ACU is about 2 GiB of memory. */
const GIB_PER_ACU = 2;

type Dimensions = Record<string, pulumi.Input<string>>;
type Evaluation = Omit<AlarmSpec, "id" | "tier" | "title" | "description" | "metricName">;

/** Utilization above a threshold for 15 minutes; no data (stopped, paused) pages nobody. */
const sustainedAbove = (
    namespace: string,
    dimensions: Dimensions,
    threshold: number,
    stat: Statistic = "Average",
): Evaluation => ({
    namespace,
    dimensions,
    stat,
    period: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    comparisonOperator: "GreaterThanThreshold",
    threshold,
    treatMissingData: "missing",
});

/** A count that AWS reports only when non-zero, at or above a threshold. */
const countAtLeast = (
    namespace: string,
    dimensions: Dimensions,
    threshold: number,
    period: number,
    datapoints: number,
): Evaluation => ({
    namespace,
    dimensions,
    stat: "Sum",
    period,
    evaluationPeriods: datapoints,
    datapointsToAlarm: datapoints,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    threshold,
    treatMissingData: "notBreaching",
});

/** How alarms name the application they watch. */
export interface WatchedApp {
    /** As a sentence says it, e.g. `REDCap`. */
    name: string;
    /** Its part of alarm names, e.g. `redcap` (`<id>-5xx`). */
    id: string;
    /** Where its server errors are logged, after "the container logs", e.g. ` (PHP errors)`. */
    errorsHint: string;
}

/** What alarms call an application nobody named. */
export const UNNAMED_APP: WatchedApp = { name: "the app", id: "app", errorsHint: "" };

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function loadBalancerAlarms(
    loadBalancer: NonNullable<MonitoredStack["loadBalancer"]>,
    app: WatchedApp = UNNAMED_APP,
): AlarmSpec[] {
    const lb = { LoadBalancer: loadBalancer.arnSuffix };
    const tg = { TargetGroup: loadBalancer.targetGroupArnSuffix, ...lb };
    const elb = "AWS/ApplicationELB";
    return [
        {
            id: "no-healthy-targets",
            tier: "web",
            title: `Healthy ${app.name} containers`,
            description: `${capitalized(app.name)} is down: no container passes the load balancer's health check. First check the ECS service's events and the newest task's stopped reason and logs.`,
            metricName: "HealthyHostCount",
            namespace: elb,
            dimensions: tg,
            stat: "Minimum",
            period: 60,
            evaluationPeriods: 3,
            datapointsToAlarm: 3,
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            // Reported whenever health checks run: no report is an outage too.
            treatMissingData: "breaching",
        },
        {
            id: "unhealthy-targets",
            tier: "web",
            title: `Unhealthy ${app.name} containers`,
            description: `A ${app.name} container has failed its health check for 5 minutes. First check the target group's health reason and the container's logs; ECS replaces tasks the load balancer marks unhealthy.`,
            metricName: "UnHealthyHostCount",
            namespace: elb,
            dimensions: tg,
            stat: "Maximum",
            period: 60,
            // Five minutes, not one failed check while a deployment starts a task.
            evaluationPeriods: 5,
            datapointsToAlarm: 5,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: 1,
            treatMissingData: "notBreaching",
        },
        {
            id: "load-balancer-5xx",
            tier: "web",
            title: "Load balancer 5xx (502/503/504)",
            description: `The load balancer itself answers with errors: it cannot reach a healthy ${app.name} container or the container times out. First check healthy targets and the containers' CPU and memory.`,
            metricName: "HTTPCode_ELB_5XX_Count",
            ...countAtLeast(elb, lb, THRESHOLDS.loadBalancer5xxPer5Minutes, 300, 2),
        },
        {
            id: `${app.id}-5xx`,
            tier: "web",
            title: `${capitalized(app.name)} 5xx`,
            description: `${capitalized(app.name)} answers with server errors. First read the container logs${app.errorsHint} and check the database alarms.`,
            metricName: "HTTPCode_Target_5XX_Count",
            ...countAtLeast(elb, tg, THRESHOLDS.target5xxPer5Minutes, 300, 2),
        },
        {
            id: "slow-responses",
            tier: "web",
            title: `${capitalized(app.name)} response time (p95, s)`,
            description:
                "One request in twenty takes longer than the threshold for 15 minutes. First check database CPU and capacity, then the containers' CPU; long reports and exports also show here.",
            metricName: "TargetResponseTime",
            ...sustainedAbove(elb, tg, THRESHOLDS.responseTimeP95Seconds),
            stat: "p95",
            // No requests, no slow requests.
            treatMissingData: "notBreaching",
        },
    ];
}

/**
 * One more service behind the load balancer: paged when none of its tasks is healthy, or when its
 * memory stays high (an R session that grows until it is killed).
 */
export function serviceHealthAlarms(
    service: NonNullable<MonitoredStack["moreServices"]>[number],
    loadBalancerArnSuffix: pulumi.Input<string> | undefined,
    where: string,
): AlarmSpec[] {
    if (!/^[a-z0-9-]{1,60}$/.test(service.id)) {
        throw new Error(
            `${where}: moreServices id ${JSON.stringify(service.id)} is not allowed; expected 1 to 60 lower-case letters, digits and -`,
        );
    }
    if (loadBalancerArnSuffix === undefined) {
        throw new Error(`${where}: moreServices needs loadBalancer (their targets are in it)`);
    }
    return [
        {
            id: `${service.id}-no-healthy-targets`,
            tier: "web",
            title: `Healthy ${service.name} containers`,
            description: `${capitalized(service.name)} is down: its container fails the load balancer's health check. First check the ECS service's events and the newest task's stopped reason and logs.`,
            metricName: "HealthyHostCount",
            namespace: "AWS/ApplicationELB",
            dimensions: {
                TargetGroup: service.targetGroupArnSuffix,
                LoadBalancer: loadBalancerArnSuffix,
            },
            stat: "Minimum",
            period: 60,
            evaluationPeriods: 5,
            datapointsToAlarm: 5,
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "breaching",
        },
        {
            id: `${service.id}-memory-high`,
            tier: "service",
            title: `${capitalized(service.name)} memory %`,
            description: `${capitalized(service.name)}'s container has used most of its memory for 15 minutes; at 100% it is killed and unsaved work is lost. First look at the sessions' sizes; raise the task memory if it is real load.`,
            metricName: "MemoryUtilization",
            ...sustainedAbove(
                "AWS/ECS",
                { ClusterName: service.clusterName, ServiceName: service.serviceName },
                THRESHOLDS.serviceMemoryPercent,
            ),
        },
    ];
}

/**
 * A service that must always run but serves no traffic (a cron runner, a queue worker): paged when
 * fewer tasks run than it needs. With Container Insights, its RunningTaskCount (reported every
 * minute while the service exists, so no data is an outage too). Without it, ECS's own free
 * service metrics: ECS sends CPUUtilization each minute only while a task of the service is
 * RUNNING (Amazon ECS Developer Guide, "Amazon ECS CloudWatch metrics"), so a minute with no
 * sample means none runs. That tells one task from none, not two from one: more than one
 * needs Container Insights.
 */
export function workerAlarms(
    worker: NonNullable<MonitoredStack["workers"]>[number],
    where: string,
): AlarmSpec[] {
    if (!/^[a-z0-9-]{1,60}$/.test(worker.id)) {
        throw new Error(
            `${where}: workers id ${JSON.stringify(worker.id)} is not allowed; expected 1 to 60 lower-case letters, digits and -`,
        );
    }
    const minRunning = worker.minRunning ?? 1;
    if (!Number.isInteger(minRunning) || minRunning < 1 || minRunning > 1000) {
        throw new Error(
            `${where}: workers ${worker.id} minRunning ${JSON.stringify(minRunning)} is not allowed; expected a whole number from 1 to 1000`,
        );
    }
    const insights = worker.containerInsights ?? true;
    if (!insights && minRunning > 1) {
        throw new Error(
            `${where}: workers ${worker.id} minRunning ${minRunning} needs Container Insights (RunningTaskCount); without it only 1 can be watched (ECS's own metrics tell one running task from none)`,
        );
    }
    const metric = insights
        ? ({
              metricName: "RunningTaskCount",
              namespace: "ECS/ContainerInsights",
              stat: "Minimum",
          } as const)
        : ({ metricName: "CPUUtilization", namespace: "AWS/ECS", stat: "SampleCount" } as const);
    return [
        {
            id: `${worker.id}-not-running`,
            tier: "service",
            title: `${capitalized(worker.name)}: running tasks`,
            description: `${capitalized(worker.name)} has had fewer than ${minRunning} running task(s) for 5 minutes, so its work is not being done. First check the ECS service's events and the stopped task's reason and logs; see docs/runbooks/alerts.md.`,
            ...metric,
            dimensions: { ClusterName: worker.clusterName, ServiceName: worker.serviceName },
            period: 60,
            // Five minutes: a deployment stops the old runner before the new one starts.
            evaluationPeriods: 5,
            datapointsToAlarm: 5,
            comparisonOperator: "LessThanThreshold",
            threshold: minRunning,
            treatMissingData: "breaching",
        },
    ];
}

export function containerAlarms(
    service: NonNullable<MonitoredStack["service"]>,
    app: WatchedApp = UNNAMED_APP,
): AlarmSpec[] {
    const dimensions = { ClusterName: service.clusterName, ServiceName: service.serviceName };
    return [
        {
            id: "service-cpu-high",
            tier: "service",
            title: `${capitalized(app.name)} containers CPU %`,
            description: `${capitalized(app.name)}'s containers have used most of their CPU for 15 minutes. First check for a traffic spike or a long-running job; raise the task CPU or desired count if it is real load.`,
            metricName: "CPUUtilization",
            ...sustainedAbove("AWS/ECS", dimensions, THRESHOLDS.serviceCpuPercent),
        },
        {
            id: "service-memory-high",
            tier: "service",
            title: `${capitalized(app.name)} containers memory %`,
            description: `${capitalized(app.name)}'s containers have used most of their memory for 15 minutes; at 100% a task is killed. First look for large exports or imports in the logs; raise the task memory if it is real load.`,
            metricName: "MemoryUtilization",
            ...sustainedAbove("AWS/ECS", dimensions, THRESHOLDS.serviceMemoryPercent),
        },
    ];
}

export function databaseAlarms(
    clusterIdentifier: pulumi.Input<string>,
    maxCapacity: number,
    maxConnections: number,
): AlarmSpec[] {
    // REDCap uses the writer endpoint only: aggregate over the WRITER role (it follows failovers).
    const writer = { DBClusterIdentifier: clusterIdentifier, Role: "WRITER" };
    const rds = "AWS/RDS";
    const freeBytes = maxCapacity * GIB_PER_ACU * GIB * THRESHOLDS.databaseFreeMemoryShare;
    return [
        {
            id: "database-cpu-high",
            tier: "database",
            title: "Database CPU % (of maximum capacity)",
            description:
                "The database writer has used most of the CPU of its maximum capacity for 15 minutes. First check Performance Insights for the top SQL (often a report or data export); raise maxCapacity if it is real load.",
            metricName: "CPUUtilization",
            ...sustainedAbove(rds, writer, THRESHOLDS.databaseCpuPercent),
        },
        {
            id: "database-capacity-at-max",
            tier: "database",
            title: "Database capacity % of maximum (ACU)",
            description:
                "Aurora Serverless v2 has run at its maximum capacity for 15 minutes and cannot scale further. First check Performance Insights; raise the cluster's maxCapacity if the load is legitimate.",
            metricName: "ACUUtilization",
            ...sustainedAbove(rds, writer, THRESHOLDS.databaseAcuPercent),
        },
        {
            id: "database-connections-high",
            tier: "database",
            title: `Database connections (max_connections ${maxConnections})`,
            description: `The database writer has more than ${THRESHOLDS.databaseConnectionsShare * 100}% of its ${maxConnections} connections in use; new ones will soon be refused. First check the number of REDCap tasks and for stuck queries (SHOW PROCESSLIST).`,
            metricName: "DatabaseConnections",
            ...sustainedAbove(
                rds,
                writer,
                Math.floor(maxConnections * THRESHOLDS.databaseConnectionsShare),
                "Maximum",
            ),
            evaluationPeriods: 2,
            datapointsToAlarm: 2,
        },
        {
            id: "database-memory-low",
            tier: "database",
            title: "Database freeable memory (bytes)",
            description:
                "The database writer is close to the memory of its maximum capacity; out-of-memory restarts follow. First check Performance Insights for memory-heavy queries; raise maxCapacity.",
            metricName: "FreeableMemory",
            ...sustainedAbove(rds, writer, Math.round(freeBytes), "Minimum"),
            comparisonOperator: "LessThanThreshold",
        },
    ];
}

export function backupAlarms(vaultName: pulumi.Input<string>): AlarmSpec[] {
    // Hourly: a failure stays in ALARM for about an hour, then OK means "no new failure".
    const failed = countAtLeast(
        "AWS/Backup",
        { BackupVaultName: vaultName },
        THRESHOLDS.backupJobsFailed,
        3600,
        1,
    );
    return [
        {
            id: "backup-job-failed",
            tier: "backup",
            title: "Failed backup jobs",
            description:
                "An AWS Backup job into the vault failed in the last hour, so a recovery point is missing. First open the job in the AWS Backup console for its status message; run an on-demand backup once fixed. OK only means no new failure.",
            metricName: "NumberOfBackupJobsFailed",
            ...failed,
        },
        {
            id: "backup-copy-failed",
            tier: "backup",
            title: "Failed backup copy jobs",
            description:
                "Copying a recovery point of the vault (e.g. to the other region) failed in the last hour. First open the copy job in the AWS Backup console; check the destination vault's key and access policy. OK only means no new failure.",
            metricName: "NumberOfCopyJobsFailed",
            ...failed,
        },
    ];
}

export function firewallAlarms(
    webAclMetricName: pulumi.Input<string>,
    region: string,
    rule: string,
): AlarmSpec[] {
    const dimensions = { WebACL: webAclMetricName, Region: region, Rule: rule };
    return [
        {
            id: "waf-blocked-spike",
            tier: "firewall",
            title: rule === "ALL" ? "WAF blocked requests" : `WAF blocked requests (${rule})`,
            description:
                "AWS WAF blocked an unusual number of requests for 10 minutes: an attack or scan, or a rule blocking real users. First read the WAF logs for the rule and client IPs; users who report errors point to a false positive.",
            metricName: "BlockedRequests",
            ...countAtLeast("AWS/WAFV2", dimensions, THRESHOLDS.wafBlockedPer5Minutes, 300, 2),
        },
    ];
}

export function mailAlarms(
    configurationSetName?: pulumi.Input<string>,
    accountWide = true,
): AlarmSpec[] {
    const scopes: [string, string, Dimensions][] = accountWide
        ? [["account", "the account", {}]]
        : [];
    if (configurationSetName !== undefined) {
        scopes.push([
            "redcap",
            "REDCap's configuration set",
            { "ses:configuration-set": configurationSetName },
        ]);
    }
    return scopes.flatMap(([scope, who, dimensions]): AlarmSpec[] => {
        const rate = (threshold: number): Evaluation => ({
            namespace: "AWS/SES",
            dimensions,
            stat: "Maximum",
            period: 900,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold,
            // SES recomputes the rates only while mail is sent: keep the last state meanwhile.
            treatMissingData: "ignore",
        });
        return [
            {
                id: `ses-${scope}-bounce-rate`,
                tier: "mail",
                title: `Bounce rate (${scope})`,
                description: `The bounce rate of ${who} reached 5%, where SES reviews the account (sending may be paused at 10%). First check the SES reputation page and the bounce notifications for bad addresses, e.g. a survey invitation list.`,
                metricName: "Reputation.BounceRate",
                ...rate(THRESHOLDS.sesBounceRate),
            },
            {
                id: `ses-${scope}-complaint-rate`,
                tier: "mail",
                title: `Complaint rate (${scope})`,
                description: `The complaint rate of ${who} reached 0.1%, where SES reviews the account (sending may be paused at 0.5%). First check which mails recipients mark as spam, e.g. survey reminders.`,
                metricName: "Reputation.ComplaintRate",
                ...rate(THRESHOLDS.sesComplaintRate),
            },
        ];
    });
}
