import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "../iam/policyDocument";
import { createServiceRole } from "../iam/serviceRole";
import { ALARM_STATE_MESSAGE, alarmStateChangePattern } from "./eventPatterns";

/** Route 53 publishes health-check metrics in US East (N. Virginia) only: alarms on them live there. */
export const HEALTH_CHECK_METRICS_REGION = "us-east-1";

export interface SiteHealthCheckArgs {
    /** Names the alarm `<namePrefix>-site-down`, e.g. `redcap-prod`. */
    namePrefix: string;
    /** The site's public host name, e.g. `redcap.example.edu`. */
    hostName: pulumi.Input<string>;
    /** Path the checkers request over HTTPS; any 2xx or 3xx answer is healthy. Default `/`. */
    path?: string;
    /** What the alarm calls the site, e.g. `REDCap`. */
    siteName: string;
    /** The stack's region: where AlertTopic's topic is. */
    region: string;
    /** AlertTopic's `topicArn`; its policy lets this account's alarms and EventBridge rules publish. */
    topicArn: pulumi.Input<string>;
}

/**
 * The site as its users see it: Route 53 health checkers in several regions request
 * `https://<hostName><path>` every 30 seconds, and an alarm pages when the health check has been
 * unhealthy for 3 minutes. Its metric exists in us-east-1 only, and an alarm can notify only a
 * topic in its own region: outside us-east-1 the alarm's state changes travel to the stack's
 * region on EventBridge (a cross-region rule to the default event bus) and from there to the topic.
 */
export class SiteHealthCheck extends pulumi.ComponentResource {
    public readonly healthCheckId: pulumi.Output<string>;
    public readonly alarmName: pulumi.Output<string>;

    constructor(name: string, args: SiteHealthCheckArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:monitoring:SiteHealthCheck", name, {}, opts);
        const where = `SiteHealthCheck ${name}`;
        const path = args.path ?? "/";
        if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@/?%-]{0,254}$/.test(path)) {
            throw new Error(
                `${where}: path ${JSON.stringify(path)} is not allowed; expected a URL path starting with / (at most 255 characters)`,
            );
        }
        if (!/^[a-z0-9][a-z0-9-]{0,200}$/.test(args.namePrefix)) {
            throw new Error(
                `${where}: namePrefix ${JSON.stringify(args.namePrefix)} is not allowed; expected lower-case letters, digits and -`,
            );
        }
        const parent = { parent: this };
        const check = new aws.route53.HealthCheck(
            name,
            {
                type: "HTTPS",
                fqdn: args.hostName,
                port: 443,
                resourcePath: path,
                // The load balancer picks the certificate by SNI.
                enableSni: true,
                requestInterval: 30,
                failureThreshold: 3,
                referenceName: `${args.namePrefix}-site`.slice(0, 64),
            },
            parent,
        );
        const direct = args.region === HEALTH_CHECK_METRICS_REGION;
        const alarm = new aws.cloudwatch.MetricAlarm(
            `${name}-down`,
            {
                region: HEALTH_CHECK_METRICS_REGION,
                name: `${args.namePrefix}-site-down`,
                alarmDescription: pulumi.interpolate`${args.siteName} does not answer from the internet: Route 53's health checkers have failed to get a 2xx or 3xx answer from https://${args.hostName}${path} for 3 minutes. First open the site yourself; then check the load balancer's healthy targets and the web firewall. See docs/runbooks/alerts.md.`,
                namespace: "AWS/Route53",
                metricName: "HealthCheckStatus",
                dimensions: { HealthCheckId: check.id },
                statistic: "Minimum",
                period: 60,
                evaluationPeriods: 3,
                datapointsToAlarm: 3,
                comparisonOperator: "LessThanThreshold",
                threshold: 1,
                // Route 53 reports the status every minute while the check exists.
                treatMissingData: "breaching",
                // Outside us-east-1 the forwarded state changes notify instead.
                ...(direct ? { alarmActions: [args.topicArn], okActions: [args.topicArn] } : {}),
            },
            parent,
        );
        if (!direct) {
            this.forward(name, alarm.arn, args.region, args.topicArn);
        }
        this.healthCheckId = check.id;
        this.alarmName = alarm.name;
        this.registerOutputs({ healthCheckId: this.healthCheckId, alarmName: this.alarmName });
    }

    /** us-east-1's rule sends the alarm's state changes to the stack region's bus, whose rule notifies. */
    private forward(
        name: string,
        alarmArn: pulumi.Output<string>,
        region: string,
        topicArn: pulumi.Input<string>,
    ): void {
        const parent = { parent: this };
        const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
        const partition = aws.getPartitionOutput({}, parent).partition;
        const busArn = pulumi.interpolate`arn:${partition}:events:${region}:${accountId}:event-bus/default`;
        const pattern = alarmArn.apply((arn) => JSON.stringify(alarmStateChangePattern(arn)));
        const role = createServiceRole(
            `${name}-forward`,
            {
                service: "events.amazonaws.com",
                accountId,
                description: `EventBridge in ${HEALTH_CHECK_METRICS_REGION} forwards the site-down alarm's state changes to ${region}`,
                statements: busArn.apply((arn): PolicyStatement[] => [
                    { Effect: "Allow", Action: ["events:PutEvents"], Resource: arn },
                ]),
            },
            this,
        );
        const out = new aws.cloudwatch.EventRule(
            `${name}-forward`,
            {
                region: HEALTH_CHECK_METRICS_REGION,
                description: `The site-down alarm's state changes, to the default event bus of ${region}`,
                eventPattern: pattern,
            },
            parent,
        );
        new aws.cloudwatch.EventTarget(
            `${name}-forward`,
            {
                region: HEALTH_CHECK_METRICS_REGION,
                rule: out.name,
                arn: busArn,
                roleArn: role.role.arn,
            },
            { parent: this, dependsOn: role.ready },
        );
        const home = new aws.cloudwatch.EventRule(
            `${name}-notify`,
            {
                description: "The site-down alarm's state changes, forwarded from us-east-1",
                eventPattern: pattern,
            },
            parent,
        );
        new aws.cloudwatch.EventTarget(
            `${name}-notify`,
            { rule: home.name, arn: topicArn, inputTransformer: ALARM_STATE_MESSAGE },
            parent,
        );
    }
}
