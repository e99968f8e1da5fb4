import { expect } from "chai";
import { MOCK_ACCOUNT_ID } from "../../tools/synth/mocks";
import { jsonInput, ofType, planComponent, planRefusal, resource } from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import { AlertTopic } from "./alertTopic";
import { SiteHealthCheck, type SiteHealthCheckArgs } from "./siteHealthCheck";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const CHECK = "aws:route53/healthCheck:HealthCheck";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const ARGS: Omit<SiteHealthCheckArgs, "topicArn" | "region"> = {
    namePrefix: "redcap-prod",
    hostName: "redcap.example.edu",
    path: "/health.php",
    siteName: "REDCap",
};

/** Plans an AlertTopic and a SiteHealthCheck wired to it, in the stack's region. */
function planSite(region: string, extra: Partial<SiteHealthCheckArgs> = {}) {
    return planComponent(
        (opts) => {
            const topic = new AlertTopic(
                "alerts",
                {
                    alertsKmsKeyArn: `arn:aws:kms:${region}:123456789012:key/a`,
                    emails: ["a@x.edu"],
                },
                opts,
            );
            new SiteHealthCheck(
                "site",
                { ...ARGS, region, topicArn: topic.topicArn, ...extra },
                opts,
            );
        },
        { region },
    );
}

describe("SiteHealthCheck", () => {
    it("checks the site over HTTPS from outside and alarms in us-east-1 on the check's status, no data included", async () => {
        const plan = await planSite("us-east-1");
        const check = resource(plan, CHECK, "site");
        expect(check.inputs).to.deep.include({
            type: "HTTPS",
            fqdn: "redcap.example.edu",
            port: 443,
            resourcePath: "/health.php",
            enableSni: true,
            requestInterval: 30,
            failureThreshold: 3,
        });
        const alarm = resource(plan, ALARM, "site-down");
        expect(alarm.inputs).to.deep.include({
            region: "us-east-1",
            name: "redcap-prod-site-down",
            namespace: "AWS/Route53",
            metricName: "HealthCheckStatus",
            statistic: "Minimum",
            period: 60,
            evaluationPeriods: 3,
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "breaching",
        });
        expect(alarm.propertyDependencies.dimensions).to.deep.equal([check.urn]);
        expect(alarm.inputs.alarmDescription).to.include("https://redcap.example.edu/health.php");
    });

    it("in us-east-1, notifies the alert topic straight from the alarm, on ALARM and OK", async () => {
        const plan = await planSite("us-east-1");
        const topic = resource(plan, "aws:sns/topic:Topic", "alerts");
        const alarm = resource(plan, ALARM, "site-down");
        expect(alarm.propertyDependencies.alarmActions).to.deep.equal([topic.urn]);
        expect(alarm.propertyDependencies.okActions).to.deep.equal([topic.urn]);
        expect(ofType(plan, RULE)).to.deep.equal([]);
    });

    it("elsewhere, forwards the alarm's state changes from us-east-1 to the stack region's bus, then to the topic", async () => {
        const plan = await planSite("eu-west-1");
        const topic = resource(plan, "aws:sns/topic:Topic", "alerts");
        const alarm = resource(plan, ALARM, "site-down");
        // An alarm can only notify a topic of its own region.
        expect(alarm.inputs.region).to.equal("us-east-1");
        expect(alarm.inputs).not.to.have.property("alarmActions");

        const out = resource(plan, RULE, "site-forward");
        const home = resource(plan, RULE, "site-notify");
        expect(out.inputs.region).to.equal("us-east-1");
        expect(home.inputs).not.to.have.property("region");
        for (const rule of [out, home]) {
            expect(rule.propertyDependencies.eventPattern).to.deep.equal([alarm.urn]);
            expect(jsonInput(rule, "eventPattern")).to.deep.include({
                source: ["aws.cloudwatch"],
                "detail-type": ["CloudWatch Alarm State Change"],
            });
        }
        const forward = resource(plan, TARGET, "site-forward");
        expect(forward.inputs).to.deep.include({
            region: "us-east-1",
            arn: `arn:aws:events:eu-west-1:${MOCK_ACCOUNT_ID}:event-bus/default`,
        });
        const role = resource(plan, "aws:iam/role:Role", "site-forward");
        expect(forward.propertyDependencies.roleArn).to.deep.equal([role.urn]);
        const trust = jsonInput<PolicyDocument>(role, "assumeRolePolicy");
        expect(trust.Statement[0].Condition).to.deep.equal({
            StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID },
        });
        const permissions = jsonInput<PolicyDocument>(
            resource(plan, "aws:iam/policy:Policy", "site-forward"),
            "policy",
        );
        expect(permissions.Statement).to.deep.equal([
            {
                Effect: "Allow",
                Action: ["events:PutEvents"],
                Resource: `arn:aws:events:eu-west-1:${MOCK_ACCOUNT_ID}:event-bus/default`,
            },
        ]);
        const notify = resource(plan, TARGET, "site-notify");
        expect(notify.propertyDependencies.arn).to.deep.equal([topic.urn]);
    });

    for (const [extra, message] of [
        [{ path: "health.php" }, 'path "health.php" is not allowed; expected a URL path'],
        [{ path: "/a b" }, 'path "/a b" is not allowed'],
        [{ namePrefix: "REDCap Prod" }, 'namePrefix "REDCap Prod" is not allowed'],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)} before declaring anything`, async () => {
            const { message: refused, plan } = await planRefusal((opts) => {
                new SiteHealthCheck(
                    "site",
                    {
                        ...ARGS,
                        region: "us-east-1",
                        topicArn: "arn:aws:sns:us-east-1:1:t",
                        ...extra,
                    },
                    opts,
                );
            });
            expect(refused).to.include(`SiteHealthCheck site: ${message}`);
            expect(
                plan.resources.filter((r) => r.custom && r.type.startsWith("aws:")),
            ).to.deep.equal([]);
        });
    }
});
