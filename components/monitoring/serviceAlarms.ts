import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AlarmSpec, alarmSpecs, type MonitoredStack } from "./alarmSpecs";
import { dashboardBody } from "./dashboard";

export interface ServiceAlarmsArgs extends MonitoredStack {
    /**
     * Names the alarms `<namePrefix>-<alarm>` and the dashboard `<namePrefix>`, e.g.
     * `redcap-prod`. Letters, digits, - and _ (what dashboard names allow), at most
     * MAX_NAME_PREFIX characters so every alarm name stays within CloudWatch's 255.
     */
    namePrefix: string;
    /** AlertTopic's `topicArn`: every alarm notifies it when it fires and when it recovers. */
    topicArn: pulumi.Input<string>;
}

export const MAX_NAME_PREFIX = 200;

/**
 * CloudWatch alarms for a REDCap stack (load balancer, containers, database, backups, WAF, mail;
 * the optional tiers only when given) and one dashboard that graphs each alarm's metric with its
 * threshold. What is watched, the thresholds and why are in alarmSpecs.ts.
 */
export class ServiceAlarms extends pulumi.ComponentResource {
    /** Every alarm's name, in dashboard order. */
    public readonly alarmNames: pulumi.Output<string[]>;
    public readonly dashboardName: pulumi.Output<string>;

    constructor(name: string, args: ServiceAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:monitoring:ServiceAlarms", name, {}, opts);
        const where = `ServiceAlarms ${name}`;
        const { namePrefix, topicArn, ...stack } = args;
        if (!new RegExp(`^[A-Za-z0-9_-]{1,${MAX_NAME_PREFIX}}$`).test(namePrefix)) {
            throw new Error(
                `${where}: namePrefix "${namePrefix}" is not allowed; expected 1 to ${MAX_NAME_PREFIX} letters, digits, - or _ (CloudWatch dashboard names allow nothing else)`,
            );
        }
        const specs = alarmSpecs(stack, where);
        const parent = { parent: this };

        const alarms = specs.map(
            (spec) =>
                new aws.cloudwatch.MetricAlarm(
                    `${name}-${spec.id}`,
                    {
                        name: `${namePrefix}-${spec.id}`,
                        alarmDescription: spec.description,
                        namespace: spec.namespace,
                        metricName: spec.metricName,
                        dimensions: Object.keys(spec.dimensions).length
                            ? spec.dimensions
                            : undefined,
                        ...(isPercentile(spec)
                            ? { extendedStatistic: spec.stat }
                            : { statistic: spec.stat }),
                        period: spec.period,
                        evaluationPeriods: spec.evaluationPeriods,
                        datapointsToAlarm: spec.datapointsToAlarm,
                        comparisonOperator: spec.comparisonOperator,
                        threshold: spec.threshold,
                        treatMissingData: spec.treatMissingData,
                        alarmActions: [topicArn],
                        okActions: [topicArn],
                    },
                    parent,
                ),
        );

        const dashboard = new aws.cloudwatch.Dashboard(
            name,
            {
                dashboardName: namePrefix,
                dashboardBody: pulumi
                    .all(specs.map((spec) => pulumi.output(spec.dimensions)))
                    .apply((dimensions) =>
                        JSON.stringify(
                            dashboardBody(
                                specs.map((spec, i) => ({ ...spec, dimensions: dimensions[i] })),
                                stack.region,
                            ),
                        ),
                    ),
            },
            parent,
        );

        this.alarmNames = pulumi.all(alarms.map((alarm) => alarm.name));
        this.dashboardName = dashboard.dashboardName;
        this.registerOutputs({ alarmNames: this.alarmNames, dashboardName: this.dashboardName });
    }
}

/** Percentiles (`p95`) go to MetricAlarm's extendedStatistic, the rest to statistic. */
function isPercentile(spec: AlarmSpec): boolean {
    return /^p\d/.test(spec.stat);
}
