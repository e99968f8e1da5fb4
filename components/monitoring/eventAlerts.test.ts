import { expect } from "chai";
import { MOCK_ACCOUNT_ID } from "../../tools/synth/mocks";
import { jsonInput, ofType, planComponent, resource } from "../../test/harness";
import type { Plan } from "../../tools/synth/plan";
import { AlertTopic } from "./alertTopic";
import { EventAlerts, type EventAlertsArgs } from "./eventAlerts";
import {
    CONFIG_NON_COMPLIANT_PATTERN,
    deploymentFailedPattern,
    type InputTransformer,
} from "./eventPatterns";

const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";

/** Plans an AlertTopic and EventAlerts wired to it, as the stacks do. */
function planEvents(args: Omit<EventAlertsArgs, "topicArn">, region = "us-east-1") {
    return planComponent(
        (opts) => {
            const topic = new AlertTopic(
                "alerts",
                {
                    alertsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/a",
                    emails: ["a@x.edu"],
                },
                opts,
            );
            new EventAlerts("events", { ...args, topicArn: topic.topicArn }, opts);
        },
        { region },
    );
}

/** Each rule's pattern, by rule name, and checks that its one target is the alert topic. */
function rulesToTopic(plan: Plan): Record<string, Record<string, unknown>> {
    const topic = resource(plan, "aws:sns/topic:Topic", "alerts");
    const out: Record<string, Record<string, unknown>> = {};
    for (const rule of ofType(plan, RULE)) {
        const target = resource(plan, TARGET, rule.name);
        expect(target.propertyDependencies.rule, rule.name).to.deep.equal([rule.urn]);
        expect(target.propertyDependencies.arn, rule.name).to.deep.equal([topic.urn]);
        out[rule.name] = jsonInput(rule, "eventPattern");
    }
    return out;
}

describe("deploymentFailedPattern", () => {
    it("matches ECS's SERVICE_DEPLOYMENT_FAILED for services of the given clusters only", () => {
        const ctx = { partition: "aws-us-gov", region: "us-gov-west-1", accountId: "111122223333" };
        expect(deploymentFailedPattern(ctx, ["redcap-prod", "apps"])).to.deep.equal({
            source: ["aws.ecs"],
            "detail-type": ["ECS Deployment State Change"],
            resources: [
                { prefix: "arn:aws-us-gov:ecs:us-gov-west-1:111122223333:service/redcap-prod/" },
                { prefix: "arn:aws-us-gov:ecs:us-gov-west-1:111122223333:service/apps/" },
            ],
            detail: { eventName: ["SERVICE_DEPLOYMENT_FAILED"] },
        });
        expect(() => deploymentFailedPattern(ctx, [])).to.throw("clusterNames is empty");
    });
});

describe("EventAlerts", () => {
    it("sends a failed (rolled-back) deployment of the clusters' services to the alert topic, readably", async () => {
        const plan = await planEvents({ deploymentClusterNames: ["redcap-prod"] });
        const patterns = rulesToTopic(plan);
        expect(Object.keys(patterns)).to.deep.equal(["events-deployment-failed"]);
        expect(patterns["events-deployment-failed"]).to.deep.equal(
            deploymentFailedPattern(
                { partition: "aws", region: "us-east-1", accountId: MOCK_ACCOUNT_ID },
                ["redcap-prod"],
            ),
        );
        const target = resource(plan, TARGET, "events-deployment-failed");
        const transformer = target.inputs.inputTransformer as InputTransformer;
        expect(transformer.inputPaths).to.include({
            service: "$.resources[0]",
            reason: "$.detail.reason",
        });
        // SNS targets take a JSON string: the template is one, naming every input path.
        const text = JSON.parse(transformer.inputTemplate) as string;
        for (const name of Object.keys(transformer.inputPaths)) {
            expect(text).to.include(`<${name}>`);
        }
    });

    it("sends Config rules turning NON_COMPLIANT only when asked (the stack owning AWS Config)", async () => {
        const plan = await planEvents({ configCompliance: true });
        const patterns = rulesToTopic(plan);
        expect(patterns).to.deep.equal({
            "events-config-non-compliant": {
                source: ["aws.config"],
                "detail-type": ["Config Rules Compliance Change"],
                detail: {
                    messageType: ["ComplianceChangeNotification"],
                    newEvaluationResult: { complianceType: ["NON_COMPLIANT"] },
                },
            },
        });
        expect(patterns["events-config-non-compliant"]).to.deep.equal(CONFIG_NON_COMPLIANT_PATTERN);
        const none = await planEvents({ configCompliance: false, deploymentClusterNames: [] });
        expect(ofType(none, RULE)).to.deep.equal([]);
        expect(ofType(none, TARGET)).to.deep.equal([]);
    });
});
