import type { PolicyResource } from "@pulumi/policy";
import { resourceRule, stackRule } from "../lib/policy";
import { MIN_LOG_RETENTION_DAYS } from "../lib/floors";
import { containersOf } from "../lib/containers";
import { launchTemplateOf } from "../lib/launchTemplates";
import {
    EC2_INSTANCE,
    LOAD_BALANCER,
    RDS_CLUSTER,
    RDS_CLUSTER_INSTANCE,
    RDS_INSTANCE,
    S3_BUCKET,
    S3_LOGGING,
} from "../lib/tokens";
import { anyOf, known, UNKNOWN } from "../lib/unknown";

const AUDIT = "164.312(b)";
const ACCESS_AUDIT = "164.308(a)(3)(ii)(A), 164.312(b)";

export const vpcFlowLogsEnabled = stackRule({
    name: "vpc-flow-logs-enabled",
    area: "logging-and-audit",
    description: "Checks that every VPC has a flow log capturing all traffic to a destination.",
    citation: ACCESS_AUDIT,
    awsConfig: "vpc-flow-logs-enabled",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Add `aws.ec2.FlowLog` with `vpcId: vpc.id`, `trafficType: "ALL"` and `logDestination` (a KMS-encrypted log group or bucket).',
    judges: ["aws:ec2/vpc:Vpc", "aws:ec2/defaultVpc:DefaultVpc", "aws:ec2/flowLog:FlowLog"],
    check(stack) {
        const flowLogs = stack.subjects(["aws:ec2/flowLog:FlowLog"]);
        stack.each(flowLogs, (f) => {
            if (f.props.trafficType !== "ALL")
                stack.report(
                    `trafficType is ${f.props.trafficType ?? "unset"}: record ALL traffic, accepted and rejected`,
                    f,
                );
            if (!f.props.logDestination) stack.report("logDestination is not set", f);
        });
        // A default VPC the program adopts carries traffic like any other.
        for (const vpc of stack.subjects(["aws:ec2/vpc:Vpc", "aws:ec2/defaultVpc:DefaultVpc"])) {
            if (stack.linked(vpc, ["aws:ec2/flowLog:FlowLog"], "vpcId").length === 0)
                stack.report("no flow log records this VPC's traffic", vpc);
        }
    },
});

export const wafv2Logging = stackRule({
    name: "wafv2-logging",
    area: "logging-and-audit",
    description: "Checks that every WAFv2 web ACL has a logging configuration.",
    citation: AUDIT,
    awsConfig: "wafv2-logging-enabled",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Add `aws.wafv2.WebAclLoggingConfiguration` with `resourceArn: webAcl.arn` and an `aws-waf-logs-*` log group.",
    judges: ["aws:wafv2/webAcl:WebAcl"],
    check(stack) {
        const LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
        // A configuration whose target is unknown and not traceable to a resource here might be this ACL's.
        const untraceable = stack.resources.some(
            (c) =>
                c.type === LOGGING &&
                known(() => c.props.resourceArn as unknown) === UNKNOWN &&
                (c.propertyDependencies.resourceArn ?? []).length === 0,
        );
        for (const acl of stack.subjects(["aws:wafv2/webAcl:WebAcl"])) {
            if (stack.linked(acl, [LOGGING], "resourceArn").length > 0) continue;
            // A configuration whose target is not known yet may be this ACL's: decided at pulumi up.
            if (untraceable) stack.undecided(acl);
            else stack.report("the web ACL has no logging configuration", acl);
        }
    },
});

export const albAccessLogs = resourceRule({
    name: "alb-access-logs",
    area: "logging-and-audit",
    description: "Checks that load balancers write access logs to S3.",
    citation: AUDIT,
    awsConfig: "elb-logging-enabled",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `accessLogs: { enabled: true, bucket }` with an SSE-S3 bucket whose policy admits the ELB log-delivery service.",
    types: LOAD_BALANCER,
    check(props, { report }) {
        // Gateway load balancers write no access logs (AWS offers none for them).
        if (props.loadBalancerType === "gateway") return;
        if (props.accessLogs?.enabled !== true || !props.accessLogs?.bucket)
            report("accessLogs is not enabled with a bucket");
    },
});

export const s3BucketAccessLogging = stackRule({
    name: "s3-bucket-access-logging",
    area: "logging-and-audit",
    description:
        "Checks that every S3 bucket has server access logging, except log sinks exempted by tag.",
    citation: ACCESS_AUDIT,
    awsConfig: "s3-bucket-logging-enabled",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Add `aws.s3.BucketLogging` targeting a log bucket; tag the log bucket itself `compliance-exempt=s3-bucket-access-logging` with a reason (logging it into itself loops).",
    judges: S3_BUCKET,
    check(stack) {
        stack.each(stack.subjects(S3_BUCKET), (bucket) => {
            // Inline: Bucket's `logging`, or the deprecated BucketV2's `loggings` list.
            const inline =
                Boolean(bucket.props.logging?.targetBucket) ||
                ((bucket.props.loggings ?? []) as { targetBucket?: string }[]).some((l) =>
                    Boolean(l.targetBucket),
                );
            if (stack.linked(bucket, S3_LOGGING, "bucket").length === 0 && !inline) {
                stack.report("no BucketLogging records access to this bucket", bucket);
            }
        });
    },
});

const EXPORTS: [RegExp, string[]][] = [
    [/^(aurora-mysql|aurora$|mysql|mariadb)/, ["audit", "error", "general", "slowquery"]],
    [/^aurora-postgresql/, ["postgresql"]],
    [/^postgres/, ["postgresql", "upgrade"]],
    [/^oracle/, ["audit", "alert"]],
    [/^sqlserver/, ["error", "agent"]],
    [/^db2/, ["diag.log"]],
];

export const rdsLogExports = resourceRule<{ requireGeneralLog: boolean }>({
    name: "rds-log-exports",
    area: "logging-and-audit",
    description:
        "Checks that databases export their logs to CloudWatch Logs: MySQL and MariaDB audit, error and slow-query; PostgreSQL postgresql (and upgrade on RDS); Oracle audit and alert; SQL Server error and agent; Db2 diag.log. An engine not listed is refused, not passed.",
    citation: "164.308(a)(3)(ii)(A), 164.308(a)(5)(ii)(C), 164.312(b)",
    awsConfig: "rds-logging-enabled",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `enabledCloudwatchLogsExports` (MySQL: audit, error, slowquery and general; PostgreSQL: postgresql) and turn auditing on in the parameter group (server_audit_logging=1).",
    config: {
        requireGeneralLog: {
            description:
                "Require the MySQL general log too (it records every statement, PHI included, and is costly; the audit log already records connections and queries).",
            default: false,
            schema: { type: "boolean" },
        },
    },
    types: [RDS_CLUSTER, RDS_INSTANCE],
    check(props, { report, config }) {
        const engine = String(props.engine ?? "");
        // An instance of a cluster (no engine of its own here) exports through its cluster.
        if (props.engine === undefined && (props.clusterIdentifier || props.replicateSourceDb))
            return;
        const known = EXPORTS.find(([re]) => re.test(engine));
        if (!known) {
            report(
                `engine ${JSON.stringify(props.engine ?? "unset")} has no known log exports: the rule cannot tell what it must export`,
            );
            return;
        }
        const required = known[1].filter((e) => e !== "general" || config.requireGeneralLog);
        const exported = (props.enabledCloudwatchLogsExports ?? []) as string[];
        const missing = required.filter((e) => !exported.includes(e));
        if (missing.length > 0) report(`enabledCloudwatchLogsExports lacks ${missing.join(", ")}`);
    },
});

export const rdsEnhancedMonitoring = resourceRule({
    name: "rds-enhanced-monitoring",
    area: "logging-and-audit",
    description: "Checks that database instances have Enhanced Monitoring on.",
    citation: AUDIT,
    awsConfig: "rds-enhanced-monitoring-enabled",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Set `monitoringInterval` (e.g. 60) and `monitoringRoleArn` to a role with AmazonRDSEnhancedMonitoringRole.",
    types: [RDS_INSTANCE, RDS_CLUSTER_INSTANCE],
    check(props, { report }) {
        if (!(Number(props.monitoringInterval ?? 0) > 0) || !props.monitoringRoleArn)
            report("monitoringInterval and monitoringRoleArn are not both set");
    },
});

export const logGroupRetention = resourceRule<{ minimumRetentionDays: number }>({
    name: "log-group-retention",
    area: "logging-and-audit",
    description:
        "Checks that log groups set how long they keep logs, at least the configured number of days (an explicit 0, never expire, passes; unset is refused as unintended).",
    citation: AUDIT,
    awsConfig: "cw-loggroup-retention-period-check (retired from the HIPAA pack in 2022)",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `retentionInDays` to at least the minimum (365 by default; HIPAA documentation is kept six years, so long-term audit logs belong in S3 as well).",
    config: {
        minimumRetentionDays: {
            description: "Shortest acceptable `retentionInDays` (0, never expire, always passes).",
            default: MIN_LOG_RETENTION_DAYS,
            schema: { type: "integer", minimum: 1 },
        },
    },
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    check(props, { report, config }) {
        const days = props.retentionInDays as number | undefined;
        if (days === undefined)
            report(
                "retentionInDays is not set (AWS keeps logs forever, which is rarely intended; set it explicitly)",
            );
        else if (days !== 0 && days < config.minimumRetentionDays)
            report(`retentionInDays is ${days} (< ${config.minimumRetentionDays})`);
    },
});

export const alarmHasActions = resourceRule({
    name: "alarm-has-actions",
    area: "logging-and-audit",
    description:
        "Checks that CloudWatch alarms are enabled and notify someone when they fire and when data is missing.",
    citation: AUDIT,
    awsConfig: "cloudwatch-alarm-action-check",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Set `alarmActions` (and `insufficientDataActions` where silence means trouble) to the alert topic; leave `actionsEnabled` on.",
    types: [
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    ],
    check(props, { report }) {
        if (props.actionsEnabled === false) report("actionsEnabled is false");
        if (((props.alarmActions ?? []) as unknown[]).length === 0)
            report("alarmActions is empty: nobody hears the alarm");
        if (((props.insufficientDataActions ?? []) as unknown[]).length === 0)
            report(
                "insufficientDataActions is empty: a metric that stops reporting goes unnoticed",
            );
    },
});

const SECURITY_EVENTS: [string, RegExp][] = [
    [
        "CloudTrail configuration changes",
        /cloudtrail\.amazonaws\.com|StopLogging|UpdateTrail|DeleteTrail/,
    ],
    ["access key creation", /CreateAccessKey/],
    ["IAM policy changes", /PutRolePolicy|AttachRolePolicy|CreatePolicy/],
    // The CIS/Quick Start form `$.userIdentity.type = "Root"` (quoted or not), not any "Root"
    // substring (`RootVolume`, `$.userIdentity.type != "Root"`).
    ["root account activity", /\$\.userIdentity\.type\s*=\s*(?:"Root"|Root\b)/],
    ["network ACL changes", /NetworkAcl/],
    ["security group changes", /SecurityGroupIngress|CreateSecurityGroup/],
    ["unauthorized API calls", /AccessDenied|UnauthorizedOperation/],
];

export const securityEventAlarms = stackRule({
    name: "security-event-alarms",
    area: "logging-and-audit",
    description:
        "Checks that the stack owning the CloudTrail trail alarms on the HIPAA Quick Start's seven security events (metric filter + alarm with an action); the filters must be on the log group the trail delivers to (cloudWatchLogsGroupArn), when a trail here delivers to CloudWatch Logs.",
    citation:
        "164.308(a)(1)(ii)(D), 164.308(a)(5)(ii)(C), 164.308(a)(6)(i), 164.308(a)(6)(ii), 164.312(a)(2)(i), 164.312(b)",
    awsConfig: "none (HIPAA Quick Start logging template; CIS CloudWatch alarms)",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "For each event family add an `aws.cloudwatch.LogMetricFilter` on the trail's log group and an `aws.cloudwatch.MetricAlarm` on its metric with `alarmActions` set to the alert topic.",
    judges: [
        "aws:cloudtrail/trail:Trail",
        "aws:cloudwatch/logMetricFilter:LogMetricFilter",
        "aws:cloudwatch/metricAlarm:MetricAlarm",
    ],
    check(stack) {
        if (stack.ofType([TRAIL]).length === 0)
            stack.args.notApplicable("the stack declares no CloudTrail trail");
        const filters = stack.ofType([METRIC_FILTER]);
        // Only filters on the log group the trail delivers to see its events. When no trail here
        // delivers to CloudWatch Logs (cloudtrail-cloudwatch-logs reports that), there is nothing
        // to link filters to, and the events may still reach a log group another way this stack
        // cannot see (an organization trail delivering into this account): filters on any log
        // group count, as before.
        const destinations = trailDestinations(stack.ofType([TRAIL]));
        const onTrailGroup = (f: PolicyResource): boolean | typeof UNKNOWN =>
            destinations === undefined ? true : deliversTo(f, destinations);
        // Metric ("namespace/name") → whether an alarm on it notifies: true, or UNKNOWN while an
        // alarm's actions are not known yet.
        const alarmed = new Map<string, true | typeof UNKNOWN>();
        // An alarm whose metric is not known yet may watch any filter's metric.
        let unknownMetric = false;
        for (const a of stack.ofType(["aws:cloudwatch/metricAlarm:MetricAlarm"])) {
            const metrics = known(() => alarmMetrics(a.props));
            if (metrics === UNKNOWN) {
                unknownMetric = true;
                continue;
            }
            // An alarm with actions disabled notifies nobody (AWS default: actions enabled).
            const notifies = known(
                () =>
                    a.props.actionsEnabled !== false &&
                    ((a.props.alarmActions ?? []) as unknown[]).length > 0,
            );
            for (const m of metrics) {
                if (notifies === true) alarmed.set(m, true);
                else if (notifies === UNKNOWN && !alarmed.has(m)) alarmed.set(m, UNKNOWN);
            }
        }
        const covered = (pattern: RegExp) =>
            anyOf(
                filters.map((f) =>
                    known((): boolean | typeof UNKNOWN => {
                        if (!pattern.test(String(f.props.pattern))) return false;
                        const linked = onTrailGroup(f);
                        if (linked === false) return false;
                        const t = f.props.metricTransformation as
                            { namespace?: string; name?: string } | undefined;
                        const alarm = alarmed.get(`${t?.namespace}/${t?.name}`);
                        if (alarm === true) return linked;
                        return alarm === UNKNOWN || unknownMetric ? UNKNOWN : false;
                    }),
                ),
            );
        const verdicts = SECURITY_EVENTS.map(
            ([event, pattern]) => [event, covered(pattern)] as const,
        );
        const missing = verdicts.filter(([, v]) => v === false).map(([event]) => event);
        if (missing.length > 0)
            stack.report(
                `no metric filter${destinations ? ` on the trail's log group (${destinations.label})` : ""} with an alarm that notifies covers: ${missing.join(", ")}`,
            );
        // Events whose filter or alarm is not known yet: decided at pulumi up, never reported now.
        if (verdicts.some(([, v]) => v === UNKNOWN)) stack.undecided();
    },
});

const TRAIL = "aws:cloudtrail/trail:Trail";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const METRIC_FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";

/** Log groups, known by the resources declaring them and by name; `unknown` when one may be any. */
interface LogGroupRefs {
    urns: Set<string>;
    names: Set<string>;
    unknown: boolean;
}

/**
 * The log groups an input names: the LogGroup resources whose output feeds it (and their names),
 * and the literal name it holds (`nameOf` turns a literal, e.g. an ARN, into a name).
 */
function logGroupRefs(
    r: PolicyResource,
    input: string,
    nameOf: (literal: string) => string,
): LogGroupRefs {
    const groups = (r.propertyDependencies[input] ?? []).filter((g) => g.type === LOG_GROUP);
    const refs: LogGroupRefs = {
        urns: new Set(groups.map((g) => g.urn)),
        names: new Set(),
        unknown: false,
    };
    for (const g of groups) {
        const name = known(() => g.props.name as unknown);
        if (typeof name === "string") refs.names.add(name);
        else if (name === UNKNOWN) refs.unknown = true;
    }
    const value = known(() => r.props[input] as unknown);
    if (typeof value === "string" && value !== "") refs.names.add(nameOf(value));
    // Unknown and fed by no log group here: it may name any.
    else if (value === UNKNOWN && groups.length === 0) refs.unknown = true;
    return refs;
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>[:*]` → the name. */
const logGroupNameOfArn = (arn: string) => /:log-group:(.+?)(?::\*)?$/.exec(arn)?.[1] ?? arn;

/**
 * The log groups the stack's trails deliver to (cloudWatchLogsGroupArn), or undefined when no
 * trail delivers to CloudWatch Logs (AWS default: a trail delivers only to S3).
 */
function trailDestinations(
    trails: PolicyResource[],
): (LogGroupRefs & { label: string }) | undefined {
    const delivering = trails.filter((t) => {
        const arn = known(() => t.props.cloudWatchLogsGroupArn as unknown);
        return arn === UNKNOWN || (typeof arn === "string" && arn !== "");
    });
    if (delivering.length === 0) return undefined;
    const all = delivering.map((t) => logGroupRefs(t, "cloudWatchLogsGroupArn", logGroupNameOfArn));
    const names = new Set(all.flatMap((r) => [...r.names]));
    return {
        urns: new Set(all.flatMap((r) => [...r.urns])),
        names,
        unknown: all.some((r) => r.unknown),
        label: names.size > 0 ? [...names].join(", ") : "not known until pulumi up",
    };
}

/** Whether a metric filter watches one of the trail's log groups: UNKNOWN while either side is. */
function deliversTo(filter: PolicyResource, trail: LogGroupRefs): boolean | typeof UNKNOWN {
    const own = logGroupRefs(filter, "logGroupName", (name) => name);
    if ([...own.urns].some((u) => trail.urns.has(u))) return true;
    if ([...own.names].some((n) => trail.names.has(n))) return true;
    return own.unknown || trail.unknown ? UNKNOWN : false;
}

/** The metrics an alarm watches: its own metric, or each metric of its metric-math queries. */
function alarmMetrics(props: Record<string, any>): string[] {
    const metrics: string[] = [];
    if (props.metricName !== undefined) metrics.push(`${props.namespace}/${props.metricName}`);
    for (const q of (props.metricQueries ?? []) as {
        metric?: { namespace?: string; metricName?: string };
    }[]) {
        if (q.metric?.metricName !== undefined)
            metrics.push(`${q.metric.namespace}/${q.metric.metricName}`);
    }
    return metrics;
}

export const ecsContainerLogging = resourceRule({
    name: "ecs-container-logging",
    area: "logging-and-audit",
    description:
        "Checks that every container of an ECS task definition sends its logs somewhere (awslogs or FireLens).",
    citation: AUDIT,
    awsConfig: "none (cdk-nag ECS7)",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Give each container `logConfiguration: { logDriver: "awslogs", options: {...} }` pointing at a KMS-encrypted log group.',
    types: ["aws:ecs/taskDefinition:TaskDefinition"],
    check(props, { report }) {
        for (const c of containersOf(props.containerDefinitions)) {
            if (!["awslogs", "awsfirelens"].includes(c.logConfiguration?.logDriver ?? ""))
                report(`container ${c.name ?? "?"} has no awslogs or awsfirelens logConfiguration`);
        }
    },
});

const ECS_CLUSTER = "aws:ecs/cluster:Cluster";
const ECS_ACCOUNT_DEFAULT = "aws:ecs/accountSettingDefault:AccountSettingDefault";
const INSIGHTS_ON = ["enabled", "enhanced"];

export const ecsContainerInsights = stackRule({
    name: "ecs-container-insights",
    area: "logging-and-audit",
    description:
        "Checks that ECS clusters have Container Insights on: their own containerInsights setting, or, for a cluster without one, the account default (aws.ecs.AccountSettingDefault) it depends on.",
    citation: AUDIT,
    awsConfig: "ecs-container-insights-enabled",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        'Add `settings: [{ name: "containerInsights", value: "enhanced" }]` (or "enabled"), or declare `aws.ecs.AccountSettingDefault` `{ name: "containerInsights", value: "enhanced" }` and make the cluster depend on it (`dependsOn`).',
    judges: [ECS_CLUSTER],
    check(stack) {
        stack.each(stack.subjects([ECS_CLUSTER]), (cluster) => {
            const settings = (cluster.props.settings ?? []) as { name?: string; value?: string }[];
            const own = settings.filter((s) => s.name === "containerInsights").pop();
            if (own) {
                if (!INSIGHTS_ON.includes(own.value ?? ""))
                    stack.report(
                        `containerInsights is ${own.value ?? "unset"}: it must be enabled or enhanced`,
                        cluster,
                    );
                return;
            }
            // No setting of its own: ECS applies the containerInsights account default when it
            // creates the cluster (AWS default: disabled). The default only reaches clusters
            // created after it is set, so only one the cluster depends on counts (a per-principal
            // PutAccountSetting, which no Pulumi resource sets, would override it).
            const defaults = cluster.dependencies.filter((d) => d.type === ECS_ACCOUNT_DEFAULT);
            const verdicts = defaults.map((d) =>
                known(
                    () =>
                        d.props.name === "containerInsights" &&
                        INSIGHTS_ON.includes(String(d.props.value)),
                ),
            );
            const verdict = anyOf(verdicts);
            if (verdict === true) return;
            if (verdict === UNKNOWN) return stack.undecided(cluster);
            const declared = stack
                .ofType([ECS_ACCOUNT_DEFAULT])
                .some((d) => known(() => d.props.name) === "containerInsights");
            stack.report(
                declared && defaults.length === 0
                    ? "containerInsights is not enabled: the cluster sets none and does not depend on the stack's containerInsights account default, which reaches only clusters created after it"
                    : "containerInsights is not enabled: the cluster sets none and no containerInsights account default it depends on turns it on (AWS default: disabled)",
                cluster,
            );
        });
    },
});

export const ecsExecAudited = stackRule({
    name: "ecs-exec-audited",
    area: "logging-and-audit",
    description:
        "Checks that ECS clusters whose services allow ECS Exec log and KMS-encrypt those sessions.",
    citation: AUDIT,
    awsConfig: "none (checkov CKV_AWS_223, CKV_AWS_224)",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        'Set the cluster\'s `configuration.executeCommandConfiguration` with `kmsKeyId` and `logging: "OVERRIDE"` (or DEFAULT) to an encrypted log group.',
    judges: ["aws:ecs/service:Service"],
    check(stack) {
        stack.each(stack.subjects(["aws:ecs/service:Service"]), (service) => {
            if (service.props.enableExecuteCommand !== true) return;
            for (const cluster of (service.propertyDependencies.cluster ?? []).filter(
                (c) => c.type === "aws:ecs/cluster:Cluster",
            )) {
                const exec = known(
                    () =>
                        cluster.props.configuration?.executeCommandConfiguration as
                            { kmsKeyId?: string; logging?: string } | undefined,
                );
                if (exec === UNKNOWN) {
                    stack.undecided(service);
                    continue;
                }
                // AWS default logging: DEFAULT (the task's awslogs configuration); no KMS key.
                const faults = [
                    ...(exec?.kmsKeyId ? [] : ["sets no kmsKeyId (sessions are not encrypted)"]),
                    ...(exec?.logging === "NONE"
                        ? ["has logging NONE (sessions are not logged)"]
                        : []),
                ];
                if (faults.length > 0)
                    stack.report(
                        `ECS Exec is on, but cluster ${cluster.name} ${faults.join(" and ")}: it must both encrypt (kmsKeyId) and log the sessions`,
                        service,
                    );
            }
        });
    },
});

const SPOT_INSTANCE_REQUEST = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";

export const ec2DetailedMonitoring = stackRule({
    name: "ec2-detailed-monitoring",
    area: "logging-and-audit",
    description:
        "Checks that EC2 instances (and spot instance requests) have detailed (one-minute) monitoring: monitoring true, or, when unset, monitoring.enabled in the launch template they are launched from.",
    citation: AUDIT,
    awsConfig: "ec2-instance-detailed-monitoring-enabled",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Set `monitoring: true` on the instance (or `monitoring: { enabled: true }` in its launch template).",
    judges: [EC2_INSTANCE, SPOT_INSTANCE_REQUEST],
    check(stack) {
        stack.each(stack.subjects([EC2_INSTANCE, SPOT_INSTANCE_REQUEST]), (instance) => {
            const monitoring = instance.props.monitoring as boolean | undefined;
            if (monitoring === true) return;
            // An explicit false overrides the template; AWS default: basic (five-minute) monitoring.
            if (monitoring !== undefined) return stack.report("monitoring is false", instance);
            const template = launchTemplateOf(instance, stack.ofType);
            if (template.kind === "unknown") return stack.undecided(instance);
            if (template.kind === "none")
                return stack.report(
                    "monitoring is not true: the instance gets basic five-minute monitoring",
                    instance,
                );
            if (template.kind === "external")
                return stack.report(
                    "monitoring is unset and the launch template is not declared in this stack, so detailed monitoring cannot be confirmed: set monitoring: true on the instance",
                    instance,
                );
            for (const t of template.templates) {
                // Unknown here is counted as undecided by `each`.
                if ((t.props.monitoring as { enabled?: boolean } | undefined)?.enabled !== true)
                    stack.report(
                        `monitoring is unset and launch template ${t.name} does not set monitoring.enabled to true`,
                        instance,
                    );
            }
        });
    },
});

export const loggingAndAuditPolicies = [
    vpcFlowLogsEnabled,
    wafv2Logging,
    albAccessLogs,
    s3BucketAccessLogging,
    rdsLogExports,
    rdsEnhancedMonitoring,
    logGroupRetention,
    alarmHasActions,
    securityEventAlarms,
    ecsContainerLogging,
    ecsContainerInsights,
    ecsExecAudited,
    ec2DetailedMonitoring,
];
