import { describeCases, R } from "../test/cases";
import { multitenantDistribution } from "../test/fixtures";
import { serviceLogsPolicies } from "./serviceLogs";

const DIST = "aws:cloudfront/distribution:Distribution";
const SOURCE = "aws:cloudwatch/logDeliverySource:LogDeliverySource";
const DELIVERY = "aws:cloudwatch/logDelivery:LogDelivery";
const distribution = (props: Record<string, unknown> = {}): R => ({
    type: DIST,
    name: "cdn",
    props: { enabled: true, ...props },
});
const multitenant = multitenantDistribution();
/** Standard logging v2: a delivery source for `target` and, unless `delivered` is false, a delivery. */
const v2 = (target: string, logType = "ACCESS_LOGS", delivered = true): R[] => [
    {
        type: SOURCE,
        name: "cdn-logs",
        props: { name: "cdn-logs", logType, region: "us-east-1", resourceArn: "arn:cdn" },
        deps: { resourceArn: [target] },
    },
    ...(delivered
        ? [
              {
                  type: DELIVERY,
                  name: "cdn-delivery",
                  props: { deliverySourceName: "cdn-logs", deliveryDestinationArn: "arn:dest" },
                  deps: { deliverySourceName: ["cdn-logs"] },
              },
          ]
        : []),
];

const msk = (loggingInfo?: unknown): R => ({
    type: "aws:msk/cluster:Cluster",
    name: "kafka",
    props: {
        kafkaVersion: "3.6.0",
        numberOfBrokerNodes: 3,
        ...(loggingInfo ? { loggingInfo } : {}),
    },
});
const eks = (enabledClusterLogTypes?: string[]): R => ({
    type: "aws:eks/cluster:Cluster",
    name: "k8s",
    props: { roleArn: "arn:role", ...(enabledClusterLogTypes ? { enabledClusterLogTypes } : {}) },
});

const DOCDB = "aws:docdb/cluster:Cluster";
const DOCDB_PG = "aws:docdb/clusterParameterGroup:ClusterParameterGroup";
const docdb = (props: Record<string, unknown>, group?: string): R => ({
    type: DOCDB,
    name: "docs",
    props: { enabledCloudwatchLogsExports: ["audit", "profiler"], ...props },
    ...(group ? { deps: { dbClusterParameterGroupName: [group] } } : {}),
});
const docdbGroup = (parameters: unknown[], name = "docs-params"): R => ({
    type: DOCDB_PG,
    name,
    props: { name, family: "docdb5.0", parameters },
});

const NEPTUNE = "aws:neptune/cluster:Cluster";
const NEPTUNE_PG = "aws:neptune/clusterParameterGroup:ClusterParameterGroup";
const neptune = (props: Record<string, unknown>, group?: string): R => ({
    type: NEPTUNE,
    name: "graph",
    props: { enableCloudwatchLogsExports: ["audit"], ...props },
    ...(group ? { deps: { neptuneClusterParameterGroupName: [group] } } : {}),
});
const neptuneGroup = (parameters: unknown[]): R => ({
    type: NEPTUNE_PG,
    name: "graph-params",
    props: { name: "graph-params", family: "neptune1.3", parameters },
});

const broker = (engineType: string, logs?: Record<string, boolean>): R => ({
    type: "aws:mq/broker:Broker",
    name: "mq",
    props: { engineType, hostInstanceType: "mq.m5.large", ...(logs ? { logs } : {}) },
});
const sftp = (props: Record<string, unknown>): R => ({
    type: "aws:transfer/server:Server",
    name: "sftp",
    props: { protocols: ["SFTP"], ...props },
});

describe("policy pack: service logs", () => {
    describeCases(serviceLogsPolicies, {
        "cloudfront-access-logs": {
            compliant: [
                { stack: [distribution({ loggingConfig: { bucket: "logs.s3.amazonaws.com" } })] },
                { stack: [distribution(), ...v2("cdn")] },
                {
                    // The delivery names its source by a literal.
                    stack: [
                        distribution(),
                        v2("cdn")[0],
                        {
                            type: DELIVERY,
                            name: "cdn-delivery",
                            props: { deliverySourceName: "cdn-logs", deliveryDestinationArn: "a" },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:cloudfront/multitenantDistribution:MultitenantDistribution",
                            name: "saas",
                            props: {},
                        },
                        ...v2("saas"),
                    ],
                },
                { stack: [multitenant, ...v2("saas")] },
            ],
            violating: [
                {
                    stack: [multitenant],
                    message: /the distribution writes no access logs/,
                },
                {
                    // Its access-log source is delivered nowhere.
                    stack: [multitenant, ...v2("saas", "ACCESS_LOGS", false)],
                    message: /delivery source cdn-logs \(ACCESS_LOGS\) has no LogDelivery/,
                    unknown: "cdn-logs:logType",
                },
                {
                    stack: [distribution({ loggingConfig: { prefix: "cdn/" } })],
                    message: /writes no access logs: neither loggingConfig.bucket/,
                    unknown: "cdn:loggingConfig",
                },
                {
                    stack: [distribution(), ...v2("cdn", "ACCESS_LOGS", false)],
                    message: /delivery source cdn-logs \(ACCESS_LOGS\) has no LogDelivery/,
                },
                {
                    // A source of another log type does not record access.
                    stack: [distribution(), ...v2("cdn", "EVENT_LOGS")],
                    message: /writes no access logs/,
                    unknown: "cdn-logs:logType",
                },
                {
                    // A source for something else, whose target is unknown at preview.
                    stack: [
                        distribution(),
                        {
                            type: SOURCE,
                            name: "other-logs",
                            props: { logType: "ACCESS_LOGS", resourceArn: "arn:other" },
                        },
                    ],
                    message: /writes no access logs/,
                    unknown: "other-logs:resourceArn",
                },
            ],
        },
        "msk-broker-logs": {
            compliant: [
                {
                    stack: [
                        msk({
                            brokerLogs: {
                                cloudwatchLogs: { enabled: false },
                                s3: { enabled: true, bucket: "kafka-logs" },
                            },
                        }),
                    ],
                },
                {
                    stack: [
                        msk({
                            brokerLogs: {
                                firehose: { enabled: true, deliveryStream: "kafka" },
                            },
                        }),
                    ],
                },
            ],
            violating: [
                { stack: [msk()], message: /enables none of cloudwatchLogs/ },
                {
                    stack: [
                        msk({ brokerLogs: { cloudwatchLogs: { enabled: false, logGroup: "k" } } }),
                    ],
                    message: /broker logs are off/,
                    unknown: "kafka:loggingInfo.brokerLogs.cloudwatchLogs.enabled",
                },
                {
                    // Enabled without a destination.
                    stack: [msk({ brokerLogs: { cloudwatchLogs: { enabled: true } } })],
                    message: /broker logs are off/,
                    unknown: "kafka:loggingInfo",
                },
            ],
        },
        "eks-control-plane-logs": {
            compliant: [
                { stack: [eks(["audit", "authenticator"])] },
                {
                    stack: [eks(["api", "audit", "authenticator", "scheduler"])],
                    config: { requiredLogTypes: ["api", "audit", "authenticator"] },
                },
            ],
            violating: [
                {
                    stack: [eks()],
                    message: /lacks audit, authenticator \(required: audit, authenticator\)/,
                },
                {
                    stack: [eks(["api", "authenticator"])],
                    message: /enabledClusterLogTypes lacks audit \(/,
                    unknown: "k8s:enabledClusterLogTypes",
                },
                {
                    stack: [eks(["api", "audit"])],
                    message: /lacks authenticator/,
                },
                {
                    stack: [eks(["audit", "authenticator"])],
                    message: /lacks api/,
                    config: { requiredLogTypes: ["api", "audit", "authenticator"] },
                },
            ],
        },
        "docdb-audit-logs": {
            compliant: [
                {
                    stack: [
                        docdb({}, "docs-params"),
                        docdbGroup([{ name: "audit_logs", value: "enabled" }]),
                    ],
                },
                {
                    // Named by a literal, with DML auditing as well.
                    stack: [
                        docdb({ dbClusterParameterGroupName: "docs-params" }),
                        docdbGroup([
                            { name: "tls", value: "enabled" },
                            { name: "audit_logs", value: "ddl,dml_write" },
                        ]),
                    ],
                },
                {
                    // A group that leaves audit_logs unset and serves no cluster here: its
                    // clusters (reported where they are declared) carry the gap.
                    stack: [docdbGroup([{ name: "tls", value: "enabled" }])],
                },
                { stack: [docdbGroup([{ name: "AUDIT_LOGS", value: "DDL" }])] },
            ],
            violating: [
                {
                    // The group itself turns auditing off (checkov CKV_AWS_104).
                    stack: [docdbGroup([{ name: "audit_logs", value: "disabled" }])],
                    message:
                        /^audit_logs is "disabled": auditing is off for every cluster that uses this parameter group \(allowed: enabled, all/,
                    unknown: "docs-params:parameters",
                },
                {
                    // Parameter names and values are case-insensitive; the last entry wins.
                    stack: [
                        docdbGroup([
                            { name: "audit_logs", value: "all" },
                            { name: "Audit_Logs", value: "NONE" },
                        ]),
                    ],
                    message: /^audit_logs is "NONE": auditing is off/,
                },
                {
                    // A group from another stack cannot be inspected here.
                    stack: [docdb({ dbClusterParameterGroupName: "shared-docdb-audit" })],
                    message:
                        /dbClusterParameterGroupName names "shared-docdb-audit", a parameter group not declared in this stack, so audit_logs and auditing cannot be confirmed/,
                    unknown: "docs:dbClusterParameterGroupName",
                },
                {
                    stack: [
                        docdb({ enabledCloudwatchLogsExports: ["profiler"] }, "docs-params"),
                        docdbGroup([{ name: "audit_logs", value: "all" }]),
                    ],
                    message: /^enabledCloudwatchLogsExports lacks audit$/,
                    unknown: "docs:enabledCloudwatchLogsExports",
                },
                {
                    stack: [docdb({})],
                    message:
                        /dbClusterParameterGroupName is unset: the default parameter group leaves audit_logs at disabled/,
                },
                {
                    stack: [docdb({ dbClusterParameterGroupName: "default.docdb5.0" })],
                    message: /is "default.docdb5.0": the default parameter group/,
                    unknown: "docs:dbClusterParameterGroupName",
                },
                {
                    stack: [
                        docdb({}, "docs-params"),
                        docdbGroup([{ name: "audit_logs", value: "disabled" }]),
                    ],
                    message: /parameter group docs-params sets audit_logs to "disabled"/,
                    unknown: "docs-params:parameters",
                },
                {
                    stack: [
                        docdb({}, "docs-params"),
                        docdbGroup([{ name: "audit_logs", value: "none" }]),
                    ],
                    message: /sets audit_logs to "none"/,
                },
                {
                    stack: [
                        docdb({}, "docs-params"),
                        docdbGroup([{ name: "tls", value: "enabled" }]),
                    ],
                    message: /docs-params does not set audit_logs \(default disabled\)/,
                },
            ],
        },
        "neptune-audit-logs": {
            compliant: [
                {
                    stack: [
                        neptune({}, "graph-params"),
                        neptuneGroup([{ name: "neptune_enable_audit_log", value: "1" }]),
                    ],
                },
                {
                    // Unset, and no cluster here uses it: not reported on the group.
                    stack: [neptuneGroup([])],
                },
            ],
            violating: [
                {
                    // The group itself turns auditing off.
                    stack: [neptuneGroup([{ name: "neptune_enable_audit_log", value: "0" }])],
                    message:
                        /^neptune_enable_audit_log is "0": auditing is off for every cluster that uses this parameter group \(allowed: 1\)/,
                    unknown: "graph-params:parameters",
                },
                {
                    stack: [neptune({ neptuneClusterParameterGroupName: "shared-graph" })],
                    message:
                        /neptuneClusterParameterGroupName names "shared-graph", a parameter group not declared in this stack/,
                    unknown: "graph:neptuneClusterParameterGroupName",
                },
                {
                    stack: [
                        neptune({ enableCloudwatchLogsExports: ["slowquery"] }, "graph-params"),
                        neptuneGroup([{ name: "neptune_enable_audit_log", value: "1" }]),
                    ],
                    message: /^enableCloudwatchLogsExports lacks audit$/,
                    unknown: "graph:enableCloudwatchLogsExports",
                },
                {
                    stack: [neptune({})],
                    message:
                        /neptuneClusterParameterGroupName is unset: the default parameter group leaves neptune_enable_audit_log at 0/,
                },
                {
                    stack: [
                        neptune({}, "graph-params"),
                        neptuneGroup([{ name: "neptune_enable_audit_log", value: "0" }]),
                    ],
                    message: /graph-params sets neptune_enable_audit_log to "0"/,
                    unknown: "graph-params:parameters",
                },
                {
                    stack: [neptune({}, "graph-params"), neptuneGroup([])],
                    message: /does not set neptune_enable_audit_log \(default 0\)/,
                },
            ],
        },
        "mq-broker-logs": {
            compliant: [
                { stack: [broker("ActiveMQ", { general: true, audit: true })] },
                { stack: [broker("RabbitMQ", { general: true })] },
            ],
            violating: [
                {
                    stack: [broker("ActiveMQ", { general: true })],
                    message: /logs.audit is not true/,
                    unknown: "mq:logs",
                },
                {
                    stack: [broker("RabbitMQ")],
                    message: /logs.general is not true/,
                },
                {
                    stack: [broker("ACTIVEMQ", { general: false, audit: true })],
                    message: /logs.general is not true/,
                },
            ],
        },
        "transfer-server-logging": {
            compliant: [
                { stack: [sftp({ loggingRole: "arn:aws:iam::123456789012:role/transfer-logs" })] },
                {
                    stack: [
                        sftp({
                            structuredLogDestinations: [
                                "arn:aws:logs:us-east-1:123456789012:log-group:/transfer:*",
                            ],
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [sftp({ structuredLogDestinations: [] })],
                    message: /neither loggingRole nor structuredLogDestinations is set/,
                    unknown: "sftp:structuredLogDestinations",
                },
            ],
        },
    });
});
