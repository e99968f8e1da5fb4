import { expect } from "chai";
import { MOCK_ACCOUNT_ID } from "../../tools/synth/mocks";
import {
    jsonInput,
    ofType,
    planComponent,
    planRefusal,
    resource,
    statementsBySid,
} from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import { AlertTopic, type AlertTopicArgs } from "./alertTopic";
import { alertTopicPolicy } from "./topicPolicy";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/alerts";
const BASE: AlertTopicArgs = {
    alertsKmsKeyArn: KEY,
    emails: ["it-oncall@example.edu", "redcap-admin@example.edu"],
};
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

describe("alertTopicPolicy", () => {
    const ctx = {
        topicArn: "arn:aws-us-gov:sns:us-gov-west-1:111122223333:alerts",
        accountId: "111122223333",
        partition: "aws-us-gov",
    };
    const statements = statementsBySid(alertTopicPolicy(ctx));

    it("lets only this account's alarms and EventBridge rules publish as services", () => {
        const services = Object.values(statements).filter(
            (s) => s.Principal && typeof s.Principal === "object" && "Service" in s.Principal,
        );
        expect(services).to.have.length(2);
        const publish = statements.AlarmsAndEventsOfThisAccountPublish;
        expect(publish.Effect).to.equal("Allow");
        expect(publish.Principal).to.deep.equal({
            Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com"],
        });
        expect(publish.Action).to.deep.equal(["SNS:Publish"]);
        expect(publish.Resource).to.equal(ctx.topicArn);
        expect(publish.Condition).to.deep.equal({
            StringEquals: { "aws:SourceAccount": "111122223333" },
        });
    });

    it("lets AWS Budgets publish only for this account's budgets, as AWS documents", () => {
        const budgets = statements.BudgetsOfThisAccountPublish;
        expect(budgets.Effect).to.equal("Allow");
        expect(budgets.Principal).to.deep.equal({ Service: "budgets.amazonaws.com" });
        expect(budgets.Action).to.deep.equal(["SNS:Publish"]);
        expect(budgets.Resource).to.equal(ctx.topicArn);
        expect(budgets.Condition).to.deep.equal({
            StringEquals: { "aws:SourceAccount": "111122223333" },
            ArnLike: { "aws:SourceArn": "arn:aws-us-gov:budgets::111122223333:*" },
        });
    });

    it("gives the account's principals the default policy's actions, and no one else", () => {
        const allows = Object.values(statements).filter((s) => s.Effect === "Allow");
        const account = allows.find(
            (s) => s.Principal && typeof s.Principal === "object" && "AWS" in s.Principal,
        )!;
        expect(account.Principal).to.deep.equal({
            AWS: "arn:aws-us-gov:iam::111122223333:root",
        });
        expect(account.Action).to.include.members(["SNS:Publish", "SNS:Subscribe"]);
        expect(allows.map((s) => s.Principal)).not.to.deep.include("*");
    });

    it("denies every topic action to anyone not using TLS", () => {
        const denies = Object.values(statements).filter((s) => s.Effect === "Deny");
        expect(denies).to.have.length(1);
        expect(denies[0].Principal).to.equal("*");
        expect(denies[0].Condition).to.deep.equal({ Bool: { "aws:SecureTransport": "false" } });
        const allowed = Object.values(statements)
            .filter((s) => s.Effect === "Allow")
            .flatMap((s) => s.Action);
        expect(denies[0].Action).to.include.members(allowed);
    });

    it("refuses an empty account id", () => {
        expect(() => alertTopicPolicy({ ...ctx, accountId: "" })).to.throw("accountId is empty");
    });
});

describe("AlertTopic", () => {
    it("creates a topic encrypted with the alerts key, with this account's policy", async () => {
        const plan = await planComponent((opts) => new AlertTopic("alerts", BASE, opts));
        const topic = resource(plan, "aws:sns/topic:Topic", "alerts");
        expect(topic.inputs.kmsMasterKeyId).to.equal(KEY);
        const policy = resource(plan, "aws:sns/topicPolicy:TopicPolicy", "alerts");
        expect(policy.propertyDependencies.arn).to.deep.equal([topic.urn]);
        const doc = jsonInput<PolicyDocument>(policy, "policy");
        const sources = doc.Statement.flatMap((s) =>
            Object.values(s.Condition?.StringEquals ?? {}),
        );
        expect(sources).to.deep.equal([MOCK_ACCOUNT_ID, MOCK_ACCOUNT_ID]);
        for (const s of doc.Statement) {
            expect(s.Resource).to.equal(policy.inputs.arn);
        }
    });

    it("subscribes each address by email, named by the address so reordering changes nothing", async () => {
        const plan = await planComponent((opts) => new AlertTopic("alerts", BASE, opts));
        const topic = resource(plan, "aws:sns/topic:Topic", "alerts");
        const subscriptions = ofType(plan, SUBSCRIPTION);
        expect(subscriptions.map((s) => s.inputs.endpoint)).to.have.members(BASE.emails);
        for (const s of subscriptions) {
            expect(s.inputs.protocol).to.equal("email");
            expect(s.propertyDependencies.topic).to.deep.equal([topic.urn]);
        }
        const reordered = await planComponent(
            (opts) =>
                new AlertTopic("alerts", { ...BASE, emails: [...BASE.emails].reverse() }, opts),
        );
        const names = (p: typeof plan) =>
            Object.fromEntries(ofType(p, SUBSCRIPTION).map((s) => [s.inputs.endpoint, s.name]));
        expect(names(reordered)).to.deep.equal(names(plan));
        expect(new Set(subscriptions.map((s) => s.name)).size).to.equal(BASE.emails.length);
    });

    for (const [emails, message] of [
        [[], "emails [] is not allowed; expected at least one address"],
        [["oncall"], 'emails entry "oncall" is not allowed; expected an email address'],
        [["IT <it@example.edu>"], 'emails entry "IT <it@example.edu>" is not allowed'],
        [["it@example.edu", "IT@example.edu"], 'emails entry "IT@example.edu" is listed twice'],
    ] as const) {
        it(`refuses emails ${JSON.stringify(emails)} before declaring anything`, async () => {
            const { message: refused, plan } = await planRefusal((opts) => {
                new AlertTopic("alerts", { ...BASE, emails: [...emails] }, opts);
            });
            expect(refused).to.include(`AlertTopic alerts: ${message}`);
            expect(
                plan.resources.filter((r) => r.custom && r.type.startsWith("aws:")),
            ).to.deep.equal([]);
        });
    }
});
