import type { PolicyResource } from "@pulumi/policy";
import { resourceRule, stackRule, StackCheck } from "../lib/policy";
import { parameterGroupOf, parameterValue } from "../lib/parameterGroups";
import { anyOf, known, undecidedError, UNKNOWN } from "../lib/unknown";

/**
 * Logging-and-audit rules for managed services beyond the web tier: CloudFront, MSK, EKS,
 * DocumentDB, Neptune, Amazon MQ and Transfer Family. Each service writes nothing by default.
 */

const AUDIT = "164.312(b)";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const MULTITENANT_DISTRIBUTION = "aws:cloudfront/multitenantDistribution:MultitenantDistribution";
const DELIVERY_SOURCE = "aws:cloudwatch/logDeliverySource:LogDeliverySource";
const DELIVERY = "aws:cloudwatch/logDelivery:LogDelivery";

/** An input whose value is unknown and fed by no resource here: it may point at anything. */
const untraceable = (r: PolicyResource, input: string) =>
    known(() => r.props[input] as unknown) === UNKNOWN &&
    (r.propertyDependencies[input] ?? []).length === 0;

export const cloudfrontAccessLogs = stackRule({
    name: "cloudfront-access-logs",
    area: "logging-and-audit",
    description:
        "Checks that CloudFront distributions write access logs: legacy standard logging (loggingConfig.bucket) or standard logging v2 (a CloudWatch LogDeliverySource with logType ACCESS_LOGS for the distribution, delivered by a LogDelivery).",
    citation: AUDIT,
    awsConfig: "cloudfront-accesslogs-enabled (legacy logging only); Security Hub CloudFront.5",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Add `aws.cloudwatch.LogDeliverySource` (us-east-1, `logType: "ACCESS_LOGS"`, `resourceArn: distribution.arn`), a `LogDeliveryDestination` (S3, CloudWatch Logs or Firehose) and a `LogDelivery` joining them; or set `loggingConfig: { bucket }` (legacy, to an S3 bucket with ACLs enabled).',
    judges: [DISTRIBUTION, MULTITENANT_DISTRIBUTION],
    check(stack) {
        const deliveries = stack.ofType([DELIVERY]);
        // A source or delivery whose target is unknown and not traceable here may be any
        // distribution's: decided at pulumi up.
        const straySource = stack
            .ofType([DELIVERY_SOURCE])
            .some((s) => untraceable(s, "resourceArn"));
        const strayDelivery = deliveries.some((d) => untraceable(d, "deliverySourceName"));
        /** Deliveries of a source: fed by its name output, or naming it by a literal. */
        const deliveriesOf = (source: PolicyResource) => {
            const name = known(() => source.props.name as unknown);
            const byLiteral =
                typeof name === "string" && name !== ""
                    ? deliveries.filter((d) => known(() => d.props.deliverySourceName) === name)
                    : [];
            return [...stack.linked(source, [DELIVERY], "deliverySourceName"), ...byLiteral];
        };
        stack.each(stack.subjects([DISTRIBUTION, MULTITENANT_DISTRIBUTION]), (dist) => {
            // Legacy standard logging: a bucket (AWS default: no logging). Multi-tenant
            // distributions have no legacy form.
            const legacy = known(
                () =>
                    Boolean(
                        (dist.props.loggingConfig as { bucket?: string } | undefined)?.bucket,
                    ) && dist.props.loggingV1Enabled !== false,
            );
            if (legacy === true) return;
            const sources = stack.linked(dist, [DELIVERY_SOURCE], "resourceArn");
            const logTypes = sources.map((s) => known(() => s.props.logType as unknown));
            const access = sources.filter((_, i) => logTypes[i] === "ACCESS_LOGS");
            const delivered = access.map((s) =>
                deliveriesOf(s).length > 0 ? true : strayDelivery ? UNKNOWN : false,
            );
            if (delivered.includes(true)) return;
            if (
                legacy === UNKNOWN ||
                logTypes.includes(UNKNOWN) ||
                delivered.includes(UNKNOWN) ||
                straySource
            )
                return stack.undecided(dist);
            stack.report(
                access.length > 0
                    ? `delivery source ${access.map((s) => s.name).join(", ")} (ACCESS_LOGS) has no LogDelivery to a destination: the distribution's access logs go nowhere`
                    : "the distribution writes no access logs: neither loggingConfig.bucket (legacy) nor a LogDeliverySource with logType ACCESS_LOGS for it (v2)",
                dist,
            );
        });
    },
});

type Sink = { enabled?: boolean } & Record<string, unknown>;

export const mskBrokerLogs = resourceRule({
    name: "msk-broker-logs",
    area: "logging-and-audit",
    description:
        "Checks that MSK clusters deliver broker logs (loggingInfo.brokerLogs) to at least one of CloudWatch Logs, Firehose or S3, enabled with its destination.",
    citation: AUDIT,
    awsConfig: "none (checkov CKV_AWS_80)",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `loggingInfo: { brokerLogs: { cloudwatchLogs: { enabled: true, logGroup } } }` (or `firehose` with `deliveryStream`, or `s3` with `bucket`).",
    types: ["aws:msk/cluster:Cluster"],
    check(props, { report }) {
        // AWS default: no broker logs.
        const logs = props.loggingInfo?.brokerLogs as Record<string, Sink | undefined> | undefined;
        const sinks: [string, string][] = [
            ["cloudwatchLogs", "logGroup"],
            ["firehose", "deliveryStream"],
            ["s3", "bucket"],
        ];
        const verdict = anyOf(
            sinks.map(([sink, target]) =>
                known(() => logs?.[sink]?.enabled === true && Boolean(logs?.[sink]?.[target])),
            ),
        );
        if (verdict === UNKNOWN)
            throw undecidedError("loggingInfo.brokerLogs is unknown until pulumi up");
        if (!verdict)
            report(
                "loggingInfo.brokerLogs enables none of cloudwatchLogs (with logGroup), firehose (with deliveryStream) or s3 (with bucket): broker logs are off",
            );
    },
});

const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export const eksControlPlaneLogs = resourceRule<{ requiredLogTypes: string[] }>({
    name: "eks-control-plane-logs",
    area: "logging-and-audit",
    description:
        "Checks that EKS clusters send the control-plane logs that audit the cluster to CloudWatch Logs: audit (every Kubernetes API request) and authenticator (which IAM principal made it) by default.",
    citation: AUDIT,
    awsConfig: "eks-cluster-log-enabled; Security Hub EKS.8 (audit)",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Set `enabledClusterLogTypes: ["api", "audit", "authenticator"]` (and a log group `/aws/eks/<name>/cluster` with retention and KMS, created before the cluster).',
    config: {
        requiredLogTypes: {
            description:
                "Control-plane log types every cluster must enable (api adds the API server's own diagnostics).",
            default: ["audit", "authenticator"],
            schema: { type: "array", items: { type: "string", enum: EKS_LOG_TYPES }, minItems: 1 },
        },
    },
    types: ["aws:eks/cluster:Cluster"],
    check(props, { report, config }) {
        // AWS default: no control-plane log type is enabled.
        const enabled = (props.enabledClusterLogTypes ?? []) as string[];
        const missing = config.requiredLogTypes.filter((t) => !enabled.includes(t));
        if (missing.length > 0)
            report(
                `enabledClusterLogTypes lacks ${missing.join(", ")} (required: ${config.requiredLogTypes.join(", ")})`,
            );
    },
});

interface AuditedCluster {
    clusterType: string;
    exportsInput: string;
    groupInput: string;
    groupType: string;
    parameter: string;
    /** Whether the parameter's value turns auditing on. */
    audits: (value: string) => boolean;
    /** The engine's default, for the messages. */
    defaultValue: string;
    /** The values that turn auditing on, for the messages. */
    allowed: string;
}

/**
 * A cluster audits when it exports the audit log to CloudWatch Logs and its cluster parameter group
 * turns auditing on: exporting a log the engine does not write records nothing.
 */
function checkAuditedClusters(stack: StackCheck<object>, spec: AuditedCluster): void {
    for (const db of stack.subjects([spec.clusterType])) {
        let undecided = false;
        const exported = known(() =>
            ((db.props[spec.exportsInput] ?? []) as string[]).includes("audit"),
        );
        if (exported === UNKNOWN) undecided = true;
        else if (!exported) stack.report(`${spec.exportsInput} lacks audit`, db);
        const ref = parameterGroupOf(db, spec.groupInput, [spec.groupType], stack.ofType);
        if (ref.kind === "unknown") undecided = true;
        else if (ref.kind === "default")
            stack.report(
                `${spec.groupInput} is ${ref.name === undefined ? "unset" : `"${ref.name}"`}: the default parameter group leaves ${spec.parameter} at ${spec.defaultValue}, so the cluster writes no audit log`,
                db,
            );
        else if (ref.kind === "declared") {
            for (const group of ref.groups) {
                const value = known(() => parameterValue(group, spec.parameter));
                if (value === UNKNOWN) undecided = true;
                else if (value === undefined || !spec.audits(value))
                    stack.report(
                        `parameter group ${group.name} ${value === undefined ? `does not set ${spec.parameter} (default ${spec.defaultValue})` : `sets ${spec.parameter} to "${value}"`}: the cluster writes no audit log`,
                        db,
                    );
            }
        } else if (ref.kind === "external")
            // Not declared here (another stack's, or made outside Pulumi): its parameters cannot
            // be read, so a silent pass would be a guess.
            stack.report(
                `${spec.groupInput} names "${ref.name}", a parameter group not declared in this stack, so ${spec.parameter} and auditing cannot be confirmed: declare the group in this stack, or exempt the cluster with a reason`,
                db,
            );
        if (undecided) stack.undecided(db);
    }
    // The group itself (checkov CKV_AWS_104): one that sets the parameter to a value that turns
    // auditing off is reported wherever it is used, even by clusters of other stacks. A group that
    // leaves it unset is not reported here: unset means the engine default (off), which only
    // matters through a cluster that uses the group, and each such cluster in this stack is
    // already reported naming the group; reporting the group as well would count one gap twice.
    stack.each(stack.subjects([spec.groupType]), (group) => {
        const value = parameterValue(group, spec.parameter);
        if (value !== undefined && !spec.audits(value))
            stack.report(
                `${spec.parameter} is "${value}": auditing is off for every cluster that uses this parameter group (allowed: ${spec.allowed})`,
                group,
            );
    });
}

export const docdbAuditLogs = stackRule({
    name: "docdb-audit-logs",
    area: "logging-and-audit",
    description:
        "Checks that DocumentDB clusters export the audit log to CloudWatch Logs (enabledCloudwatchLogsExports includes audit) and that their cluster parameter group, declared in this stack, turns audit_logs on (the default group leaves it disabled); and that no cluster parameter group sets audit_logs to disabled or none.",
    citation: AUDIT,
    awsConfig:
        "docdb-cluster-audit-logging-enabled (exports only); Security Hub DocumentDB.4; checkov CKV_AWS_104 (parameter group)",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Create an `aws.docdb.ClusterParameterGroup` with `audit_logs` set to "all" (or "enabled"/"ddl" for DDL and authentication events only), reference it through `dbClusterParameterGroupName`, and set `enabledCloudwatchLogsExports: ["audit"]`.',
    judges: ["aws:docdb/cluster:Cluster", "aws:docdb/clusterParameterGroup:ClusterParameterGroup"],
    check(stack) {
        checkAuditedClusters(stack, {
            clusterType: "aws:docdb/cluster:Cluster",
            exportsInput: "enabledCloudwatchLogsExports",
            groupInput: "dbClusterParameterGroupName",
            groupType: "aws:docdb/clusterParameterGroup:ClusterParameterGroup",
            parameter: "audit_logs",
            // AWS default "disabled". Values: enabled (DDL, authentication, authorization, user
            // management), ddl, dml_read, dml_write, all, none; several may be comma-separated.
            audits: (value) =>
                value
                    .split(",")
                    .map((v) => v.trim().toLowerCase())
                    .some((v) => v !== "" && v !== "disabled" && v !== "none"),
            defaultValue: "disabled",
            allowed: "enabled, all, ddl, dml_read or dml_write",
        });
    },
});

export const neptuneAuditLogs = stackRule({
    name: "neptune-audit-logs",
    area: "logging-and-audit",
    description:
        "Checks that Neptune clusters export the audit log to CloudWatch Logs (enableCloudwatchLogsExports includes audit) and that their cluster parameter group, declared in this stack, sets neptune_enable_audit_log to 1 (the default group leaves it 0); and that no cluster parameter group sets it to anything else.",
    citation: AUDIT,
    awsConfig:
        "neptune-cluster-cloudwatch-log-export-enabled (exports only); Security Hub Neptune.2",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Create an `aws.neptune.ClusterParameterGroup` with `neptune_enable_audit_log = 1`, reference it through `neptuneClusterParameterGroupName`, and set `enableCloudwatchLogsExports: ["audit"]`.',
    judges: [
        "aws:neptune/cluster:Cluster",
        "aws:neptune/clusterParameterGroup:ClusterParameterGroup",
    ],
    check(stack) {
        checkAuditedClusters(stack, {
            clusterType: "aws:neptune/cluster:Cluster",
            exportsInput: "enableCloudwatchLogsExports",
            groupInput: "neptuneClusterParameterGroupName",
            groupType: "aws:neptune/clusterParameterGroup:ClusterParameterGroup",
            parameter: "neptune_enable_audit_log",
            // AWS: 1 enables, 0 (the default) disables.
            audits: (value) => value.trim() === "1",
            defaultValue: "0",
            allowed: "1",
        });
    },
});

export const mqBrokerLogs = resourceRule({
    name: "mq-broker-logs",
    area: "logging-and-audit",
    description:
        "Checks that Amazon MQ brokers send general logs to CloudWatch Logs, and ActiveMQ brokers their audit log too (RabbitMQ has no audit log).",
    citation: AUDIT,
    awsConfig: "mq-broker-general-logging-enabled, mq-cloudwatch-audit-logging-enabled",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `logs: { general: true, audit: true }` (RabbitMQ: `logs: { general: true }`).",
    types: ["aws:mq/broker:Broker"],
    check(props, { report }) {
        // AWS defaults: general and audit logging both off.
        if (props.logs?.general !== true)
            report("logs.general is not true: the broker's logs do not reach CloudWatch Logs");
        if (String(props.engineType).toLowerCase() === "activemq" && props.logs?.audit !== true)
            report(
                "logs.audit is not true: ActiveMQ's audit log (management actions through JMX and the web console) is off",
            );
    },
});

export const transferServerLogging = resourceRule({
    name: "transfer-server-logging",
    area: "logging-and-audit",
    description:
        "Checks that Transfer Family servers log user activity to CloudWatch Logs: a loggingRole or structuredLogDestinations.",
    citation: AUDIT,
    awsConfig: "none",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `structuredLogDestinations: [logGroup.arn]` (with `:*`), or `loggingRole` to a role allowed to write the server's log group.",
    types: ["aws:transfer/server:Server"],
    check(props, { report }) {
        // AWS default: no logging (neither a role nor structured destinations).
        const verdict = anyOf([
            known(() => Boolean(props.loggingRole)),
            known(() => ((props.structuredLogDestinations ?? []) as unknown[]).length > 0),
        ]);
        if (verdict === UNKNOWN)
            throw undecidedError(
                "loggingRole and structuredLogDestinations are unknown until pulumi up",
            );
        if (!verdict)
            report(
                "neither loggingRole nor structuredLogDestinations is set: user sessions and file operations are not logged",
            );
    },
});

export const serviceLogsPolicies = [
    cloudfrontAccessLogs,
    mskBrokerLogs,
    eksControlPlaneLogs,
    docdbAuditLogs,
    neptuneAuditLogs,
    mqBrokerLogs,
    transferServerLogging,
];
