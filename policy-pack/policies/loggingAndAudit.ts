import { resourceRule, stackRule } from "../lib/policy";
import { containersOf } from "../lib/containers";
import {
    EC2_INSTANCE,
    LOAD_BALANCER,
    RDS_CLUSTER,
    RDS_CLUSTER_INSTANCE,
    RDS_INSTANCE,
    S3_BUCKET,
    S3_LOGGING,
} from "../lib/tokens";
import { known, UNKNOWN } from "../lib/unknown";

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
    check(stack) {
        stack.each(stack.subjects(S3_BUCKET), (bucket) => {
            if (
                stack.linked(bucket, S3_LOGGING, "bucket").length === 0 &&
                !bucket.props.logging?.targetBucket
            ) {
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
            default: 365,
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
    ["root account activity", /Root/],
    ["network ACL changes", /NetworkAcl/],
    ["security group changes", /SecurityGroupIngress|CreateSecurityGroup/],
    ["unauthorized API calls", /AccessDenied|UnauthorizedOperation/],
];

export const securityEventAlarms = stackRule({
    name: "security-event-alarms",
    area: "logging-and-audit",
    description:
        "Checks that the stack owning the CloudTrail trail alarms on the HIPAA Quick Start's seven security events (metric filter + alarm with an action).",
    citation:
        "164.308(a)(1)(ii)(D), 164.308(a)(5)(ii)(C), 164.308(a)(6)(i), 164.308(a)(6)(ii), 164.312(a)(2)(i), 164.312(b)",
    awsConfig: "none (HIPAA Quick Start logging template; CIS CloudWatch alarms)",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "For each event family add an `aws.cloudwatch.LogMetricFilter` on the trail's log group and an `aws.cloudwatch.MetricAlarm` on its metric with `alarmActions` set to the alert topic.",
    check(stack) {
        if (!stack.resources.some((r) => r.type === "aws:cloudtrail/trail:Trail"))
            stack.args.notApplicable("the stack declares no CloudTrail trail");
        const filters = stack.resources.filter(
            (r) => r.type === "aws:cloudwatch/logMetricFilter:LogMetricFilter",
        );
        const alarms = stack.resources.filter(
            (r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm",
        );
        const alarmed = new Set<string>();
        stack.each(alarms, (a) => {
            if (((a.props.alarmActions ?? []) as unknown[]).length > 0)
                alarmed.add(`${a.props.namespace}/${a.props.metricName}`);
        });
        const covered = (pattern: RegExp) =>
            filters.some(
                (f) =>
                    known(
                        () =>
                            pattern.test(String(f.props.pattern)) &&
                            alarmed.has(
                                `${f.props.metricTransformation?.namespace}/${f.props.metricTransformation?.name}`,
                            ),
                    ) !== false,
            );
        const missing = SECURITY_EVENTS.filter(([, pattern]) => !covered(pattern)).map(
            ([event]) => event,
        );
        if (missing.length > 0)
            stack.report(
                `no metric filter with an alarm that notifies covers: ${missing.join(", ")}`,
            );
    },
});

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

export const ecsContainerInsights = resourceRule({
    name: "ecs-container-insights",
    area: "logging-and-audit",
    description: "Checks that ECS clusters have Container Insights on.",
    citation: AUDIT,
    awsConfig: "ecs-container-insights-enabled",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        'Add `settings: [{ name: "containerInsights", value: "enhanced" }]` (or "enabled").',
    types: ["aws:ecs/cluster:Cluster"],
    check(props, { report }) {
        const settings = (props.settings ?? []) as { name?: string; value?: string }[];
        if (
            !settings.some(
                (s) =>
                    s.name === "containerInsights" &&
                    ["enabled", "enhanced"].includes(s.value ?? ""),
            )
        )
            report("containerInsights is not enabled");
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
                if (!exec?.kmsKeyId || exec.logging === "NONE")
                    stack.report(
                        `ECS Exec is on, but cluster ${cluster.name} does not both encrypt (kmsKeyId) and log the sessions`,
                        service,
                    );
            }
        });
    },
});

export const ec2DetailedMonitoring = resourceRule({
    name: "ec2-detailed-monitoring",
    area: "logging-and-audit",
    description: "Checks that EC2 instances have detailed (one-minute) monitoring.",
    citation: AUDIT,
    awsConfig: "ec2-instance-detailed-monitoring-enabled",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Set `monitoring: true` on the instance (or `monitoring.enabled` in its launch template).",
    types: [EC2_INSTANCE],
    check(props, { report }) {
        if (props.monitoring !== true) report("monitoring is not true");
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
