import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { ofType, planRefusal, resource, TEST_REGION } from "../../test/harness";
import { createMocks, MOCK_ACCOUNT_ID } from "../../tools/synth/mocks";
import type { Plan } from "../../tools/synth/plan";
import { recordPlan } from "../../tools/synth/recorder";
import { type SingletonSettings, singletonProblem } from "./accountSingletons";
import { AuditBaseline, type AuditBaselineArgs } from "./auditBaseline";

const BASE: AuditBaselineArgs = {
    namePrefix: "redcap-prod",
    auditKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/audit",
    logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs",
    logRetentionDays: 365,
    phiBucketArns: [],
    alertTopicArn: "arn:aws:sns:us-east-1:123456789012:alerts",
    securityHub: true,
    sessionPreferences: {
        logGroupName: "/redcap-prod/sessions",
        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/sessions",
        idleTimeoutMinutes: 20,
        maxSessionMinutes: 480,
    },
    protect: true,
};
const TRAIL_ARN = "arn:aws:cloudtrail:us-east-1:123456789012:trail/aws-controltower-BaselineTrail";
const DETECTOR = "00b00fd5aecc0ab60a708659477e9617";

/**
 * Plans the baseline and records the import id of every resource declared with Pulumi's `import`
 * option (the mock monitor passes it to the mocks as the resource's id).
 */
async function planWith(
    singletons: Partial<SingletonSettings>,
): Promise<{ plan: Plan; imported: Map<string, string> }> {
    const imported = new Map<string, string>();
    const mocks = createMocks({ region: TEST_REGION, accountId: MOCK_ACCOUNT_ID });
    const plan = await recordPlan(
        () => {
            const provider = new aws.Provider("aws", { region: TEST_REGION });
            new AuditBaseline("audit", { ...BASE, singletons }, { providers: [provider] });
        },
        {
            project: "test",
            stack: "unit",
            mocks: {
                ...mocks,
                newResource(args: pulumi.runtime.MockResourceArgs) {
                    if (args.id) {
                        imported.set(`${args.type}::${args.name}`, args.id);
                    }
                    return mocks.newResource(args);
                },
            },
        },
    );
    return { plan, imported };
}

describe("AuditBaseline's account singletons: create, adopt or leave to the organization", () => {
    it("creates every singleton by default, importing nothing", async () => {
        const { plan, imported } = await planWith({});
        expect([...imported.keys()]).to.deep.equal([]);
        for (const type of [
            "aws:cloudtrail/trail:Trail",
            "aws:cfg/recorder:Recorder",
            "aws:cfg/deliveryChannel:DeliveryChannel",
            "aws:guardduty/detector:Detector",
            "aws:securityhub/account:Account",
        ]) {
            expect(ofType(plan, type), type).to.have.length(1);
        }
        expect(resource(plan, "aws:cfg/recorder:Recorder", "audit-config").inputs.name).to.equal(
            "default",
        );
    });

    it("adopts existing singletons by import, keeping their names", async () => {
        const { plan, imported } = await planWith({
            trail: { mode: "adopt", id: TRAIL_ARN },
            configRecorder: {
                mode: "adopt",
                id: "aws-controltower-BaselineConfigRecorder",
                deliveryChannelId: "aws-controltower-BaselineConfigDeliveryChannel",
            },
            guardDutyDetector: { mode: "adopt", id: DETECTOR },
            securityHubAccount: { mode: "adopt", id: MOCK_ACCOUNT_ID },
            sessionPreferences: { mode: "adopt", id: "SSM-SessionManagerRunShell" },
        });
        expect(Object.fromEntries(imported)).to.deep.equal({
            "aws:cloudtrail/trail:Trail::audit-trail": TRAIL_ARN,
            "aws:cfg/recorder:Recorder::audit-config": "aws-controltower-BaselineConfigRecorder",
            "aws:cfg/deliveryChannel:DeliveryChannel::audit-config":
                "aws-controltower-BaselineConfigDeliveryChannel",
            "aws:guardduty/detector:Detector::audit-guardduty": DETECTOR,
            "aws:securityhub/account:Account::audit-securityhub": MOCK_ACCOUNT_ID,
            "aws:ssm/document:Document::audit-session-preferences": "SSM-SessionManagerRunShell",
        });
        expect(resource(plan, "aws:cloudtrail/trail:Trail", "audit-trail").inputs.name).to.equal(
            "aws-controltower-BaselineTrail",
        );
        expect(
            resource(plan, "aws:cfg/deliveryChannel:DeliveryChannel", "audit-config").inputs.name,
        ).to.equal("aws-controltower-BaselineConfigDeliveryChannel");
    });

    it("declares nothing the organization runs, and keeps what still works under it", async () => {
        const { plan, imported } = await planWith({
            trail: { mode: "organization" },
            configRecorder: { mode: "organization" },
            guardDutyDetector: { mode: "organization" },
            securityHubAccount: { mode: "organization" },
            sessionPreferences: { mode: "organization" },
        });
        expect([...imported.keys()]).to.deep.equal([]);
        for (const type of [
            "aws:cloudtrail/trail:Trail",
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "aws:cfg/recorder:Recorder",
            "aws:cfg/deliveryChannel:DeliveryChannel",
            "aws:cfg/recorderStatus:RecorderStatus",
            "aws:guardduty/detector:Detector",
            "aws:guardduty/detectorFeature:DetectorFeature",
            "aws:securityhub/account:Account",
            "aws:securityhub/standardsSubscription:StandardsSubscription",
            "aws:ssm/document:Document",
        ]) {
            expect(ofType(plan, type), type).to.have.length(0);
        }
        // The audit bucket, the conformance pack and the GuardDuty findings rule stay.
        expect(ofType(plan, "aws:cfg/conformancePack:ConformancePack")).to.have.length(1);
        resource(plan, "aws:cloudwatch/eventRule:EventRule", "audit-guardduty-findings");
        resource(plan, "aws:s3/bucket:Bucket", "audit-trail-logs");
    });

    for (const [singletons, needle] of [
        [{ trail: { mode: "adopt" } }, 'singletons.trail: mode "adopt" needs id: the trail\'s ARN'],
        [
            { guardDutyDetector: { mode: "adopt", id: "detector-1" } },
            'id "detector-1" is not allowed; expected the detector id',
        ],
        [
            { configRecorder: { mode: "create", id: "default" } },
            'id is not allowed with mode "create"',
        ],
        [
            { trail: { mode: "adopt", id: TRAIL_ARN, deliveryChannelId: "default" } },
            "deliveryChannelId is not allowed here",
        ],
    ] as [Partial<SingletonSettings>, string][]) {
        it(`refuses ${JSON.stringify(singletons)} before declaring anything`, async () => {
            const { message, plan } = await planRefusal(
                (opts) => new AuditBaseline("audit", { ...BASE, singletons }, opts),
            );
            expect(message).to.include(needle);
            expect(
                plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:")),
            ).to.have.length(0);
        });
    }

    it("accepts each singleton's import id in the provider's form only", () => {
        expect(singletonProblem("trail", { mode: "adopt", id: TRAIL_ARN })).to.equal(undefined);
        expect(singletonProblem("trail", { mode: "adopt", id: "my-trail" })).to.match(/ARN/);
        expect(
            singletonProblem("sessionPreferences", { mode: "adopt", id: "redcap-prod-shell" }),
        ).to.match(/SSM-SessionManagerRunShell/);
        expect(singletonProblem("securityHubAccount", { mode: "adopt", id: "12345" })).to.match(
            /12-digit/,
        );
    });
});
