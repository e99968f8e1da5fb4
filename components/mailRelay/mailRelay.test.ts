import { expect } from "chai";
import type { Plan } from "../../tools/synth/plan";
import {
    jsonInput,
    ofType,
    planComponent,
    planRefusal,
    resource,
    statementsBySid,
} from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import { mailDnsRecords } from "./mailPolicies";
import { MailRelay, type MailRelayArgs } from "./mailRelay";

const BASE: MailRelayArgs = {
    domain: "redcap.example.edu",
    fromAddress: "redcap@redcap.example.edu",
    alertsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/alerts",
    secretsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/secrets",
};
const planMail = (extra: Partial<MailRelayArgs> = {}) =>
    planComponent((opts) => new MailRelay("mail", { ...BASE, ...extra }, opts));

describe("mailDnsRecords", () => {
    it("lists a DKIM CNAME per token, the MAIL FROM MX of the region and SPF", () => {
        expect(
            mailDnsRecords("example.edu", "mail.example.edu", ["t1", "t2", "t3"], "eu-west-1"),
        ).to.deep.equal([
            { name: "t1._domainkey.example.edu", type: "CNAME", value: "t1.dkim.amazonses.com" },
            { name: "t2._domainkey.example.edu", type: "CNAME", value: "t2.dkim.amazonses.com" },
            { name: "t3._domainkey.example.edu", type: "CNAME", value: "t3.dkim.amazonses.com" },
            {
                name: "mail.example.edu",
                type: "MX",
                value: "10 feedback-smtp.eu-west-1.amazonses.com",
            },
            { name: "mail.example.edu", type: "TXT", value: '"v=spf1 include:amazonses.com ~all"' },
        ]);
    });
});

describe("MailRelay", () => {
    let plan: Plan;
    before(async () => {
        plan = await planMail({
            hostedZoneId: "Z0123456789ABC",
            notificationEmails: ["it@example.edu"],
        });
    });

    it("verifies the domain with its configuration set and a custom MAIL FROM domain", () => {
        const identity = resource(plan, "aws:sesv2/emailIdentity:EmailIdentity", "mail-domain");
        const configSet = resource(
            plan,
            "aws:sesv2/configurationSet:ConfigurationSet",
            "mail-config",
        );
        expect(identity.inputs.emailIdentity).to.equal("redcap.example.edu");
        expect(identity.propertyDependencies.configurationSetName).to.deep.equal([configSet.urn]);
        expect(
            resource(
                plan,
                "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes",
                "mail-mail-from",
            ).inputs,
        ).to.include({
            mailFromDomain: "mail.redcap.example.edu",
            behaviorOnMxFailure: "USE_DEFAULT_VALUE",
        });
        expect(configSet.inputs.deliveryOptions).to.deep.equal({ tlsPolicy: "REQUIRE" });
    });

    it("creates the DKIM, MX and SPF records in the zone", () => {
        const records = ofType(plan, "aws:route53/record:Record");
        expect(records.map((r) => r.inputs.type)).to.deep.equal([
            "CNAME",
            "CNAME",
            "CNAME",
            "MX",
            "TXT",
        ]);
        for (const r of records) {
            expect(r.inputs.zoneId).to.equal("Z0123456789ABC");
        }
        expect(records[0].inputs.name).to.match(/^[0-9a-f]{32}\._domainkey\.redcap\.example\.edu$/);
        expect(records[3].inputs.records).to.deep.equal([
            "10 feedback-smtp.us-east-1.amazonses.com",
        ]);
    });

    it("without a zone, creates no record and outputs the records to add", async () => {
        let relay: MailRelay | undefined;
        const noZone = await planComponent((opts) => {
            relay = new MailRelay("mail", BASE, opts);
        });
        expect(ofType(noZone, "aws:route53/record:Record")).to.have.length(0);
        const records = await new Promise((resolve) => relay!.dnsRecords.apply(resolve));
        expect(records).to.have.length(5);
    });

    it("outputs the configuration set, which publishes reputation metrics for alarms", async () => {
        let relay: MailRelay | undefined;
        const planned = await planComponent((opts) => {
            relay = new MailRelay("mail", BASE, opts);
        });
        const configSet = resource(
            planned,
            "aws:sesv2/configurationSet:ConfigurationSet",
            "mail-config",
        );
        expect(configSet.inputs.reputationOptions).to.deep.equal({
            reputationMetricsEnabled: true,
        });
        const name = await new Promise((resolve) => relay!.configurationSetName.apply(resolve));
        expect(name).to.equal(configSet.inputs.configurationSetName);
    });

    it("sends bounces and complaints to a KMS-encrypted topic that only SES of this account may publish to, over TLS only", () => {
        const topic = resource(plan, "aws:sns/topic:Topic", "mail-notifications");
        expect(topic.inputs.kmsMasterKeyId).to.equal(BASE.alertsKmsKeyArn);
        const destination = resource(
            plan,
            "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
            "mail-bounces",
        );
        const event = destination.inputs.eventDestination as { matchingEventTypes: string[] };
        expect(event.matchingEventTypes).to.have.members(["BOUNCE", "COMPLAINT", "REJECT"]);
        expect(destination.propertyDependencies.eventDestination).to.include(topic.urn);
        const policy = statementsBySid(
            jsonInput<PolicyDocument>(
                resource(plan, "aws:sns/topicPolicy:TopicPolicy", "mail-notifications"),
                "policy",
            ),
        );
        expect(policy.SesPublishesMailEvents.Principal).to.deep.equal({
            Service: "ses.amazonaws.com",
        });
        expect(policy.SesPublishesMailEvents.Condition).to.deep.equal({
            StringEquals: { "aws:SourceAccount": "123456789012" },
        });
        expect(policy.DenyWithoutTls).to.deep.include({
            Effect: "Deny",
            Principal: "*",
            Action: ["sns:*"],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
        expect(
            resource(plan, "aws:sns/topicSubscription:TopicSubscription", "mail-notify-1").inputs,
        ).to.include({
            protocol: "email",
            endpoint: "it@example.edu",
        });
    });

    it("lets the SMTP user send only from REDCap's address and keeps its credentials secret", () => {
        const policy = jsonInput<PolicyDocument>(
            resource(plan, "aws:iam/policy:Policy", "mail-smtp"),
            "policy",
        );
        expect(policy.Statement).to.have.length(1);
        expect(policy.Statement[0].Action).to.deep.equal(["ses:SendRawEmail"]);
        expect(policy.Statement[0].Resource).to.deep.equal([
            "arn:aws:ses:us-east-1:123456789012:identity/redcap.example.edu",
            `arn:aws:ses:us-east-1:123456789012:configuration-set/${String(resource(plan, "aws:sesv2/configurationSet:ConfigurationSet", "mail-config").inputs.configurationSetName)}`,
        ]);
        expect(policy.Statement[0].Condition).to.deep.equal({
            StringEquals: { "ses:FromAddress": "redcap@redcap.example.edu" },
        });
        const secret = resource(plan, "aws:secretsmanager/secret:Secret", "mail-smtp");
        expect(secret.inputs.kmsKeyId).to.equal(BASE.secretsKmsKeyArn);
        expect(
            resource(plan, "aws:secretsmanager/secretVersion:SecretVersion", "mail-smtp").inputs
                .secretString,
        ).to.equal("[secret]");
        expect(JSON.stringify(plan)).not.to.match(/"password":"B[0-9a-f]/);
    });

    for (const [extra, message] of [
        [
            { fromAddress: "redcap@other.edu" },
            'fromAddress "redcap@other.edu" is not allowed; expected an address @redcap.example.edu',
        ],
        [
            { domain: "Example.EDU", fromAddress: "a@Example.EDU" },
            'domain "Example.EDU" is not allowed',
        ],
        [{ mailFromSubdomain: "a.b" }, 'mailFromSubdomain "a.b" is not allowed'],
        [{ credentialGeneration: 0 }, "credentialGeneration 0 is not allowed"],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)}`, async () => {
            const { message: refused } = await planRefusal((opts) => {
                new MailRelay("mail", { ...BASE, ...(extra as Partial<MailRelayArgs>) }, opts);
            });
            expect(refused).to.include(message);
        });
    }
});
