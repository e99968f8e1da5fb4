import { describeCases, R } from "../test/cases";
import { loggingAndAuditPolicies } from "./loggingAndAudit";

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
const securityAlarms = (patterns: string[], withActions = true): R[] => [
    { type: "aws:cloudtrail/trail:Trail", name: "trail", props: { isMultiRegionTrail: true } },
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

describe("policy pack: logging and audit", () => {
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
            ],
            violating: [
                {
                    stack: [{ ...bucket, props: { logging: { targetPrefix: "x/" } } }],
                    message: /no BucketLogging/,
                    unknown: "uploads:logging",
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
            ],
        },
        "security-event-alarms": {
            stackWide: true,
            compliant: [{ stack: securityAlarms(QS_PATTERNS) }, { stack: [bucket] }],
            violating: [
                {
                    stack: securityAlarms(QS_PATTERNS.slice(1)),
                    message: /covers: CloudTrail configuration changes$/,
                    unknown: "alarm-1:alarmActions",
                    exemptable: false,
                },
                {
                    stack: securityAlarms(QS_PATTERNS, false),
                    message: /covers: CloudTrail configuration changes, access key creation/,
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
                {
                    stack: [
                        {
                            type: "aws:ecs/cluster:Cluster",
                            name: "cluster",
                            props: { settings: [{ name: "containerInsights", value: "enhanced" }] },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ecs/cluster:Cluster",
                            name: "cluster",
                            props: { settings: [{ name: "containerInsights", value: "disabled" }] },
                        },
                    ],
                    message: /containerInsights is not enabled/,
                    unknown: "cluster:settings",
                },
            ],
        },
        "ecs-exec-audited": {
            compliant: [{ stack: execStack({ kmsKeyId: "arn:kms", logging: "OVERRIDE" }) }],
            violating: [
                {
                    stack: execStack({ logging: "DEFAULT" }),
                    message: /does not both encrypt/,
                    unknown: "cluster:configuration",
                },
            ],
        },
        "ec2-detailed-monitoring": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "bastion",
                            props: { monitoring: true },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "bastion",
                            props: { instanceType: "t4g.nano" },
                        },
                    ],
                    message: /monitoring is not true/,
                    unknown: "bastion:monitoring",
                },
            ],
        },
    });
});
