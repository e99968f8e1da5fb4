import { expect } from "chai";
import { describeCases, R, run } from "../test/cases";
import { UNKNOWN_VALUE } from "../lib/unknown";
import { loggingAndAuditPolicies, securityEventAlarms } from "./loggingAndAudit";

const vpc: R = { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { cidrBlock: "10.0.0.0/16" } };
const flowLog = (props: Record<string, unknown>): R => ({
    type: "aws:ec2/flowLog:FlowLog",
    name: "flow",
    props: {
        vpcId: "vpc-1",
        trafficType: "ALL",
        logDestination: "arn:aws:logs:us-east-1:123456789012:log-group:flow",
        ...props,
    },
    deps: { vpcId: ["vpc"] },
});
const bucket: R = { type: "aws:s3/bucket:Bucket", name: "uploads", props: {} };
const task = (containers: unknown[]): R => ({
    type: "aws:ecs/taskDefinition:TaskDefinition",
    name: "web",
    props: { family: "web", containerDefinitions: JSON.stringify(containers) },
});
const awslogs = { logDriver: "awslogs", options: { "awslogs-group": "/redcap/app" } };
const QS_PATTERNS = [
    "{($.eventSource = cloudtrail.amazonaws.com) && (($.eventName != Describe*) && ($.eventName != Get*))}",
    "{($.eventName=CreateAccessKey)}",
    "{($.eventName=PutRolePolicy) || ($.eventName=AttachRolePolicy) || ($.eventName=CreatePolicy)}",
    '{($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS)}',
    "{($.eventName = CreateNetworkAcl) || ($.eventName = DeleteNetworkAclEntry)}",
    "{($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = CreateSecurityGroup)}",
    "{($.errorCode=AccessDenied) || ($.errorCode=UnauthorizedOperation)}",
];
const TRAIL_LOGS = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/cloudtrail:*";
const securityAlarms = (patterns: string[], withActions = true): R[] => [
    {
        type: "aws:cloudtrail/trail:Trail",
        name: "trail",
        props: { isMultiRegionTrail: true, cloudWatchLogsGroupArn: TRAIL_LOGS },
    },
    ...patterns.flatMap((pattern, i): R[] => [
        {
            type: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
            name: `filter-${i}`,
            props: {
                logGroupName: "/aws/cloudtrail",
                pattern,
                metricTransformation: {
                    name: `Event${i}`,
                    namespace: "CloudTrailMetrics",
                    value: "1",
                },
            },
        },
        {
            type: "aws:cloudwatch/metricAlarm:MetricAlarm",
            name: `alarm-${i}`,
            props: {
                namespace: "CloudTrailMetrics",
                metricName: `Event${i}`,
                alarmActions: withActions ? ["arn:aws:sns:us-east-1:123456789012:alerts"] : [],
            },
        },
    ]),
];

/** The seven alarms, with alarm `i`'s props changed. */
const securityAlarmsWith = (i: number, props: Record<string, unknown>): R[] =>
    securityAlarms(QS_PATTERNS).map((r) =>
        r.name === `alarm-${i}` ? { ...r, props: { ...r.props, ...props } } : r,
    );

/** The seven alarms, with resource `name` changed (props merged; deps replaced when given). */
const securityAlarmsChanged = (
    name: string,
    props: Record<string, unknown>,
    deps?: Record<string, string[]>,
): R[] =>
    securityAlarms(QS_PATTERNS).map((r) =>
        r.name === name ? { ...r, props: { ...r.props, ...props }, ...(deps ? { deps } : {}) } : r,
    );
const logGroup = (name: string, groupName: string): R => ({
    type: "aws:cloudwatch/logGroup:LogGroup",
    name,
    props: { name: groupName, retentionInDays: 365 },
});
/** The trail and every filter linked to log group resources through their outputs. */
const securityAlarmsLinked = (filterGroup: (i: number) => string): R[] => [
    logGroup("trail-logs", "/aws/cloudtrail"),
    logGroup("app-logs", "/redcap/app"),
    ...securityAlarms(QS_PATTERNS).map((r): R => {
        if (r.name === "trail")
            return {
                ...r,
                props: { ...r.props, cloudWatchLogsGroupArn: UNKNOWN_VALUE },
                deps: { cloudWatchLogsGroupArn: ["trail-logs"] },
            };
        const i = /^filter-(\d+)$/.exec(r.name)?.[1];
        if (i === undefined) return r;
        return {
            ...r,
            props: { ...r.props, logGroupName: UNKNOWN_VALUE },
            deps: { logGroupName: [filterGroup(Number(i))] },
        };
    }),
];

/** The stack with the resource named `name` moved first: the one whose setting decides the case. */
const deciding = (name: string, stack: R[]): R[] => [
    ...stack.filter((r) => r.name === name),
    ...stack.filter((r) => r.name !== name),
];

/** A service with ECS Exec on, in a cluster with the given exec settings. */
const execStack = (executeCommandConfiguration: Record<string, unknown>): R[] => [
    {
        type: "aws:ecs/service:Service",
        name: "web",
        props: { enableExecuteCommand: true },
        deps: { cluster: ["cluster"] },
    },
    {
        type: "aws:ecs/cluster:Cluster",
        name: "cluster",
        props: { configuration: { executeCommandConfiguration } },
    },
];

const ecsCluster = (settings?: unknown[], dependsOn?: string[]): R => ({
    type: "aws:ecs/cluster:Cluster",
    name: "cluster",
    props: settings ? { settings } : {},
    // A dependency with no input: dependsOn.
    ...(dependsOn ? { deps: { "": dependsOn } } : {}),
});
const insightsDefault = (value: string): R => ({
    type: "aws:ecs/accountSettingDefault:AccountSettingDefault",
    name: "insights",
    props: { name: "containerInsights", value },
});
const instance = (props: Record<string, unknown>, launchTemplate?: string): R => ({
    type: "aws:ec2/instance:Instance",
    name: "bastion",
    props: {
        ...(launchTemplate ? { launchTemplate: { id: "lt-1", version: "$Latest" } } : {}),
        ...props,
    },
    ...(launchTemplate ? { deps: { launchTemplate: [launchTemplate] } } : {}),
});
const template = (props: Record<string, unknown>): R => ({
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    name: "template",
    props: { imageId: "ami-1", ...props },
});

describe("policy pack: logging and audit", () => {
    it("security-event-alarms reports the events it can decide and counts the rest undecided", () => {
        const stack = securityAlarms(QS_PATTERNS.slice(1)).map((r) =>
            r.name === "alarm-1" ? { ...r, props: { ...r.props, alarmActions: UNKNOWN_VALUE } } : r,
        );
        const found = run(securityEventAlarms, stack);
        // CloudTrail changes have no filter at all; IAM policy changes wait for alarm-1's actions.
        expect(found.findings.map((f) => f.message)).to.deep.equal([
            "no metric filter on the trail's log group (/aws/cloudtrail) with an alarm that notifies covers: CloudTrail configuration changes",
        ]);
        expect(found.undecided.map((u) => u.policy)).to.deep.equal(["security-event-alarms"]);
    });

    describeCases(loggingAndAuditPolicies, {
        "vpc-flow-logs-enabled": {
            compliant: [{ stack: [vpc, flowLog({})] }],
            violating: [
                {
                    stack: [
                        { type: "aws:ec2/defaultVpc:DefaultVpc", name: "default-vpc", props: {} },
                    ],
                    message: /no flow log records this VPC's traffic/,
                },
                { stack: [vpc], message: /no flow log records/ },
                {
                    stack: [flowLog({ trafficType: "REJECT" }), vpc],
                    message: /trafficType is REJECT/,
                    unknown: "flow:trafficType",
                },
                {
                    // EC2 refuses a flow log with no destination (LogDestination, or the
                    // LogGroupName v7 no longer offers): it would record nothing.
                    stack: [flowLog({ logDestination: undefined }), vpc],
                    message: /logDestination is not set/,
                    unknown: "flow:logDestination",
                },
            ],
        },
        "wafv2-logging": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:wafv2/webAcl:WebAcl",
                            name: "waf",
                            props: { scope: "REGIONAL" },
                        },
                        {
                            type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
                            name: "waf-logs",
                            props: {},
                            deps: { resourceArn: ["waf"] },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:wafv2/webAcl:WebAcl",
                            name: "waf",
                            props: { scope: "REGIONAL" },
                        },
                        {
                            type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
                            name: "other-logs",
                            props: {
                                resourceArn:
                                    "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/other/1",
                            },
                        },
                    ],
                    message: /no logging configuration/,
                    unknown: "other-logs:resourceArn",
                },
            ],
        },
        "alb-access-logs": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:lb/loadBalancer:LoadBalancer",
                            name: "gwlb",
                            props: { loadBalancerType: "gateway" },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:lb/loadBalancer:LoadBalancer",
                            name: "web",
                            props: { accessLogs: { enabled: true, bucket: "web-logs" } },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:lb/loadBalancer:LoadBalancer",
                            name: "web",
                            props: { accessLogs: { enabled: false, bucket: "web-logs" } },
                        },
                    ],
                    message: /accessLogs/,
                    unknown: "web:accessLogs",
                },
                {
                    stack: [{ type: "aws:alb/loadBalancer:LoadBalancer", name: "web", props: {} }],
                    message: /accessLogs/,
                },
                {
                    // Enabled, but with nowhere to write.
                    stack: [
                        {
                            type: "aws:lb/loadBalancer:LoadBalancer",
                            name: "web",
                            props: { accessLogs: { enabled: true, prefix: "web/" } },
                        },
                    ],
                    message: /accessLogs is not enabled with a bucket/,
                    unknown: "web:accessLogs.bucket",
                },
            ],
        },
        "s3-bucket-access-logging": {
            compliant: [
                {
                    stack: [
                        bucket,
                        {
                            type: "aws:s3/bucketLoggingV2:BucketLoggingV2",
                            name: "uploads-logging",
                            props: { targetBucket: "logs" },
                            deps: { bucket: ["uploads"] },
                        },
                    ],
                },
                { stack: [{ ...bucket, props: { logging: { targetBucket: "logs" } } }] },
                // The deprecated BucketV2's inline list.
                {
                    stack: [
                        {
                            ...bucket,
                            type: "aws:s3/bucketV2:BucketV2",
                            props: {
                                loggings: [{ targetBucket: "logs", targetPrefix: "uploads/" }],
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [{ ...bucket, props: { logging: { targetPrefix: "x/" } } }],
                    message: /no BucketLogging/,
                    unknown: "uploads:logging",
                },
                {
                    // A BucketV2 with no logging, inline or separate.
                    stack: [
                        {
                            ...bucket,
                            type: "aws:s3/bucketV2:BucketV2",
                            props: { bucket: "uploads-1", forceDestroy: false },
                        },
                    ],
                    message: /no BucketLogging records access to this bucket/,
                    unknown: "uploads:loggings",
                },
            ],
        },
        "rds-log-exports": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "ora",
                            props: {
                                engine: "oracle-ee",
                                enabledCloudwatchLogsExports: ["alert", "audit", "trace"],
                            },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:rds/cluster:Cluster",
                            name: "db",
                            props: {
                                engine: "aurora-mysql",
                                enabledCloudwatchLogsExports: ["audit", "error", "slowquery"],
                            },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "pg",
                            props: {
                                engine: "postgres",
                                enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "mssql",
                            props: {
                                engine: "sqlserver-se",
                                enabledCloudwatchLogsExports: ["error"],
                            },
                        },
                    ],
                    message: /enabledCloudwatchLogsExports lacks agent/,
                    unknown: "mssql:enabledCloudwatchLogsExports",
                },
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "exotic",
                            props: { engine: "custom-engine" },
                        },
                    ],
                    message: /engine "custom-engine" has no known log exports/,
                },
                {
                    stack: [
                        {
                            type: "aws:rds/cluster:Cluster",
                            name: "db",
                            props: {
                                engine: "aurora-mysql",
                                enabledCloudwatchLogsExports: ["error"],
                            },
                        },
                    ],
                    message: /lacks audit, slowquery/,
                    unknown: "db:enabledCloudwatchLogsExports",
                },
                {
                    stack: [
                        {
                            type: "aws:rds/cluster:Cluster",
                            name: "db",
                            props: {
                                engine: "aurora-mysql",
                                enabledCloudwatchLogsExports: ["audit", "error", "slowquery"],
                            },
                        },
                    ],
                    message: /lacks general/,
                    config: { requireGeneralLog: true },
                },
            ],
        },
        "rds-enhanced-monitoring": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:rds/clusterInstance:ClusterInstance",
                            name: "db-1",
                            props: {
                                monitoringInterval: 60,
                                monitoringRoleArn: "arn:aws:iam::123456789012:role/rds-monitoring",
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:rds/clusterInstance:ClusterInstance",
                            name: "db-1",
                            props: { monitoringInterval: 0 },
                        },
                    ],
                    message: /monitoringInterval/,
                    unknown: "db-1:monitoringInterval",
                },
                {
                    // RDS refuses an interval without the role that publishes the metrics.
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "db",
                            props: { monitoringInterval: 60 },
                        },
                    ],
                    message: /monitoringInterval and monitoringRoleArn are not both set/,
                    unknown: "db:monitoringRoleArn",
                },
            ],
        },
        "log-group-retention": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:cloudwatch/logGroup:LogGroup",
                            name: "app",
                            props: { retentionInDays: 400 },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:cloudwatch/logGroup:LogGroup",
                            name: "app",
                            props: { retentionInDays: 0 },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:cloudwatch/logGroup:LogGroup",
                            name: "app",
                            props: { retentionInDays: 90 },
                        },
                    ],
                    config: { minimumRetentionDays: 90 },
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:cloudwatch/logGroup:LogGroup",
                            name: "app",
                            props: { retentionInDays: 30 },
                        },
                    ],
                    message: /retentionInDays is 30 \(< 365\)/,
                    unknown: "app:retentionInDays",
                },
                {
                    stack: [
                        {
                            type: "aws:cloudwatch/logGroup:LogGroup",
                            name: "app",
                            props: { kmsKeyId: "k" },
                        },
                    ],
                    message: /not set/,
                },
            ],
        },
        "alarm-has-actions": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                            name: "cpu",
                            props: {
                                alarmActions: ["arn:sns"],
                                insufficientDataActions: ["arn:sns"],
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
                            name: "site-down",
                            props: { alarmName: "site-down", alarmRule: "ALARM(a) OR ALARM(b)" },
                        },
                    ],
                    message: /alarmActions is empty/,
                    unknown: "site-down:alarmActions",
                },
                {
                    stack: [
                        {
                            type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                            name: "cpu",
                            props: { alarmActions: [], insufficientDataActions: ["arn:sns"] },
                        },
                    ],
                    message: /alarmActions is empty/,
                    unknown: "cpu:alarmActions",
                },
                {
                    stack: [
                        {
                            type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                            name: "cpu",
                            props: { alarmActions: ["arn:sns"] },
                        },
                    ],
                    message: /insufficientDataActions is empty/,
                },
                {
                    stack: [
                        {
                            type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                            name: "cpu",
                            props: {
                                actionsEnabled: false,
                                alarmActions: ["arn:sns"],
                                insufficientDataActions: ["arn:sns"],
                            },
                        },
                    ],
                    message: /actionsEnabled is false/,
                    unknown: "cpu:actionsEnabled",
                },
            ],
        },
        "security-event-alarms": {
            stackWide: true,
            compliant: [
                { stack: securityAlarms(QS_PATTERNS) },
                { stack: [bucket] },
                {
                    // No trail here delivers to CloudWatch Logs: filters on any log group count.
                    stack: securityAlarmsChanged("trail", { cloudWatchLogsGroupArn: undefined }),
                },
                {
                    // Linked through outputs: the trail's ARN and the filters' names are unknown
                    // at preview, but both come from the same log group.
                    stack: securityAlarmsLinked(() => "trail-logs"),
                },
                {
                    // A filter fed by a log group whose name matches the trail's literal ARN.
                    stack: [
                        logGroup("trail-logs", "/aws/cloudtrail"),
                        ...securityAlarmsChanged(
                            "filter-0",
                            { logGroupName: UNKNOWN_VALUE },
                            { logGroupName: ["trail-logs"] },
                        ),
                    ],
                },
                {
                    // The root pattern without quotes.
                    stack: securityAlarmsChanged("filter-3", {
                        pattern:
                            "{ $.userIdentity.type = Root && $.userIdentity.invokedBy NOT EXISTS }",
                    }),
                },
                {
                    // A metric-math alarm watches the filter's metric through its queries.
                    stack: securityAlarmsWith(0, {
                        namespace: undefined,
                        metricName: undefined,
                        metricQueries: [
                            {
                                id: "m",
                                metric: { namespace: "CloudTrailMetrics", metricName: "Event0" },
                            },
                            { id: "e", expression: "m * 2", returnData: true },
                        ],
                    }),
                },
            ],
            violating: [
                {
                    stack: securityAlarms(QS_PATTERNS.slice(1)),
                    message: /covers: CloudTrail configuration changes$/,
                    exemptable: false,
                },
                {
                    // The filter watches the application's log group, not the trail's.
                    stack: deciding(
                        "filter-0",
                        securityAlarmsChanged("filter-0", { logGroupName: "/redcap/app" }),
                    ),
                    message:
                        /^no metric filter on the trail's log group \(\/aws\/cloudtrail\) with an alarm that notifies covers: CloudTrail configuration changes$/,
                    unknown: "filter-0:logGroupName",
                    exemptable: false,
                },
                {
                    // The trail delivers to another log group than the filters watch.
                    stack: securityAlarmsChanged("trail", {
                        cloudWatchLogsGroupArn:
                            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/cloudtrail/org:*",
                    }),
                    message:
                        /on the trail's log group \(\/aws\/cloudtrail\/org\) with an alarm that notifies covers: CloudTrail configuration changes, access key creation/,
                    unknown: "trail:cloudWatchLogsGroupArn",
                    exemptable: false,
                },
                {
                    // Linked through outputs: filter-0 is fed by the application's log group.
                    stack: deciding(
                        "app-logs",
                        securityAlarmsLinked((i) => (i === 0 ? "app-logs" : "trail-logs")),
                    ),
                    message: /covers: CloudTrail configuration changes$/,
                    unknown: "app-logs:name",
                    exemptable: false,
                },
                {
                    // "Root" in another field is not root account activity.
                    stack: deciding(
                        "filter-3",
                        securityAlarmsChanged("filter-3", {
                            pattern: "{ $.requestParameters.blockDeviceMapping = RootVolume }",
                        }),
                    ),
                    message: /covers: root account activity$/,
                    unknown: "filter-3:pattern",
                    exemptable: false,
                },
                {
                    stack: deciding(
                        "filter-3",
                        securityAlarmsChanged("filter-3", {
                            pattern:
                                '{ $.userIdentity.type != "Root" && $.eventName = RootVolume }',
                        }),
                    ),
                    message: /covers: root account activity$/,
                    exemptable: false,
                },
                {
                    stack: securityAlarmsWith(0, { alarmActions: [] }),
                    message: /covers: CloudTrail configuration changes$/,
                    unknown: "alarm-0:alarmActions",
                    exemptable: false,
                },
                {
                    stack: securityAlarmsWith(0, { actionsEnabled: false }),
                    message: /covers: CloudTrail configuration changes$/,
                    unknown: "alarm-0:actionsEnabled",
                    exemptable: false,
                },
                {
                    // An alarm whose metric is unknown may watch the filter's metric.
                    stack: securityAlarmsWith(0, { metricName: "Other" }),
                    message: /covers: CloudTrail configuration changes$/,
                    unknown: "alarm-0:metricName",
                    exemptable: false,
                },
                {
                    stack: securityAlarmsWith(0, { alarmActions: [] }),
                    message: /covers: CloudTrail configuration changes$/,
                    unknown: "filter-0:pattern",
                    exemptable: false,
                },
                {
                    stack: securityAlarms(QS_PATTERNS, false),
                    message: /covers: CloudTrail configuration changes, access key creation/,
                    exemptable: false,
                },
                {
                    // The alarm decides: its actions are disabled, so nobody hears it.
                    stack: deciding("alarm-0", securityAlarmsWith(0, { actionsEnabled: false })),
                    message: /covers: CloudTrail configuration changes$/,
                    unknown: "alarm-0:actionsEnabled",
                    exemptable: false,
                },
                {
                    // The filter decides: its pattern matches console sign-ins, not trail changes.
                    stack: deciding(
                        "filter-0",
                        securityAlarms(["{($.eventName = ConsoleLogin)}", ...QS_PATTERNS.slice(1)]),
                    ),
                    message: /covers: CloudTrail configuration changes$/,
                    unknown: "filter-0:pattern",
                    exemptable: false,
                },
            ],
        },
        "ecs-container-logging": {
            compliant: [{ stack: [task([{ name: "redcap", logConfiguration: awslogs }])] }],
            violating: [
                {
                    stack: [
                        task([{ name: "redcap", logConfiguration: awslogs }, { name: "sidecar" }]),
                    ],
                    message: /container sidecar has no/,
                    unknown: "web:containerDefinitions",
                },
            ],
        },
        "ecs-container-insights": {
            compliant: [
                { stack: [ecsCluster([{ name: "containerInsights", value: "enhanced" }])] },
                { stack: [ecsCluster(undefined, ["insights"]), insightsDefault("enabled")] },
            ],
            violating: [
                {
                    stack: [ecsCluster([{ name: "containerInsights", value: "disabled" }])],
                    message: /containerInsights is disabled: it must be enabled or enhanced/,
                    unknown: "cluster:settings",
                },
                {
                    // Its own setting overrides the account default.
                    stack: [
                        ecsCluster(
                            [{ name: "containerInsights", value: "disabled" }],
                            ["insights"],
                        ),
                        insightsDefault("enhanced"),
                    ],
                    message: /containerInsights is disabled/,
                },
                {
                    stack: [ecsCluster(), insightsDefault("enabled")],
                    message: /does not depend on the stack's containerInsights account default/,
                },
                {
                    stack: [ecsCluster(undefined, ["insights"]), insightsDefault("disabled")],
                    message: /no containerInsights account default it depends on turns it on/,
                    unknown: "insights:value",
                },
                {
                    stack: [ecsCluster()],
                    message: /the cluster sets none .*\(AWS default: disabled\)/,
                },
            ],
        },
        "ecs-exec-audited": {
            compliant: [{ stack: execStack({ kmsKeyId: "arn:kms", logging: "OVERRIDE" }) }],
            violating: [
                {
                    stack: execStack({ logging: "DEFAULT" }),
                    message:
                        /cluster cluster sets no kmsKeyId \(sessions are not encrypted\): it must/,
                    unknown: "cluster:configuration",
                },
                {
                    stack: execStack({ kmsKeyId: "arn:kms", logging: "NONE" }),
                    message: /cluster cluster has logging NONE \(sessions are not logged\)/,
                    unknown: "cluster:configuration.executeCommandConfiguration.logging",
                },
            ],
        },
        "ec2-detailed-monitoring": {
            compliant: [
                { stack: [instance({ monitoring: true })] },
                { stack: [instance({}, "template"), template({ monitoring: { enabled: true } })] },
                {
                    // The template named by a literal; the instance's own true wins as well.
                    stack: [
                        instance({ launchTemplate: { name: "bastion-lt" } }),
                        template({ name: "bastion-lt", monitoring: { enabled: true } }),
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
                            name: "spot",
                            props: { monitoring: true },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [instance({ instanceType: "t4g.nano" })],
                    message:
                        /monitoring is not true: the instance gets basic five-minute monitoring/,
                    unknown: "bastion:monitoring",
                },
                {
                    // An explicit false overrides the template.
                    stack: [
                        instance({ monitoring: false }, "template"),
                        template({ monitoring: { enabled: true } }),
                    ],
                    message: /^monitoring is false$/,
                },
                {
                    stack: [instance({}, "template"), template({ imageId: "ami-1" })],
                    message: /launch template template does not set monitoring.enabled to true/,
                    unknown: "template:monitoring",
                },
                {
                    stack: [instance({}, "template"), template({ monitoring: { enabled: false } })],
                    message: /launch template template does not set monitoring.enabled/,
                },
                {
                    stack: [
                        instance({ launchTemplate: { name: "elsewhere", version: "$Latest" } }),
                    ],
                    message: /the launch template is not declared in this stack/,
                    unknown: "bastion:launchTemplate.name",
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
                            name: "spot",
                            props: { spotPrice: "0.01" },
                        },
                    ],
                    message: /monitoring is not true/,
                },
            ],
        },
    });
});
