import { expect } from "chai";
import type { PolicyStatement } from "../iam/policyDocument";
import {
    KEY_ADMIN_ACTIONS,
    KEY_DOMAINS,
    KEY_USE_ACTIONS,
    keyPolicyDocument,
    type KeyPolicyContext,
} from "./keyPolicy";

const CTX: KeyPolicyContext = {
    accountId: "123456789012",
    region: "us-east-1",
    partition: "aws",
    dnsSuffix: "amazonaws.com",
};

const bySid = (
    domain: (typeof KEY_DOMAINS)[number],
    ctx: KeyPolicyContext = CTX,
): Record<string, PolicyStatement> =>
    Object.fromEntries(
        keyPolicyDocument(domain, ctx).Statement.map((s): [string, PolicyStatement] => [
            s.Sid ?? "",
            s,
        ]),
    );

describe("keyPolicyDocument", () => {
    it("lets the account administer every key but never use it directly", () => {
        for (const domain of KEY_DOMAINS) {
            const admin = bySid(domain).AccountAdministersKey;
            expect(admin.Principal).to.deep.equal({ AWS: "arn:aws:iam::123456789012:root" });
            expect(admin.Action).to.include("kms:Put*");
            for (const action of admin.Action) {
                expect(action, `${domain}: ${action}`).not.to.match(
                    /^kms:(Decrypt|Encrypt|GenerateDataKey|ReEncrypt|\*)/,
                );
            }
        }
        expect(KEY_ADMIN_ACTIONS).to.include("kms:ScheduleKeyDeletion");
    });

    const viaServices: Record<string, string[]> = {
        database: ["rds.us-east-1.amazonaws.com"],
        files: ["s3.us-east-1.amazonaws.com"],
        secrets: ["secretsmanager.us-east-1.amazonaws.com", "rds.us-east-1.amazonaws.com"],
        backup: ["backup.us-east-1.amazonaws.com"],
        alerts: ["sns.us-east-1.amazonaws.com"],
        images: ["ecr.us-east-1.amazonaws.com"],
        sessions: ["ec2.us-east-1.amazonaws.com"],
        audit: ["s3.us-east-1.amazonaws.com"],
        sharedFiles: ["elasticfilesystem.us-east-1.amazonaws.com"],
    };
    for (const [domain, services] of Object.entries(viaServices)) {
        it(`the ${domain} key is usable only through ${services.join(", ")} by this account`, () => {
            const use = bySid(
                domain as (typeof KEY_DOMAINS)[number],
            ).AccountUsesKeyOnlyThroughServices;
            expect(use.Action).to.deep.equal(KEY_USE_ACTIONS);
            expect(use.Condition).to.deep.equal({
                StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": services },
            });
        });
    }

    it("the logs key admits CloudWatch Logs of this region, for this account's log groups only", () => {
        const statements = bySid("logs");
        expect(statements.AccountUsesKeyOnlyThroughServices).to.equal(undefined);
        const logs = statements.CloudWatchLogsEncryptsThisAccountsLogGroups;
        expect(logs.Principal).to.deep.equal({ Service: "logs.us-east-1.amazonaws.com" });
        expect(logs.Condition).to.deep.equal({
            ArnLike: {
                "kms:EncryptionContext:aws:logs:arn":
                    "arn:aws:logs:us-east-1:123456789012:log-group:*",
            },
        });
    });

    it("only the sessions key lets this account's principals use it directly, as IAM allows", () => {
        for (const domain of KEY_DOMAINS) {
            const direct = bySid(domain).AccountPrincipalsUseKeyWhenIamAllows;
            if (domain === "sessions") {
                expect(direct.Principal).to.deep.equal({ AWS: "arn:aws:iam::123456789012:root" });
                expect(direct.Action).to.have.members([
                    "kms:Decrypt",
                    "kms:DescribeKey",
                    "kms:GenerateDataKey",
                ]);
                expect(direct.Condition).to.deep.equal({
                    StringEquals: { "kms:CallerAccount": "123456789012" },
                });
            } else {
                expect(direct, domain).to.equal(undefined);
            }
        }
    });

    it("only the audit key admits CloudTrail, for this account's trails, and decrypts only trail logs", () => {
        const trails = "arn:aws:cloudtrail:*:123456789012:trail/*";
        for (const domain of KEY_DOMAINS) {
            const statements = bySid(domain);
            if (domain !== "audit") {
                expect(statements.CloudTrailEncryptsThisAccountsTrails, domain).to.equal(undefined);
                continue;
            }
            const encrypt = statements.CloudTrailEncryptsThisAccountsTrails;
            expect(encrypt.Principal).to.deep.equal({ Service: "cloudtrail.amazonaws.com" });
            expect(encrypt.Action).to.deep.equal(["kms:GenerateDataKey*"]);
            expect(encrypt.Condition).to.deep.equal({
                StringEquals: { "aws:SourceAccount": "123456789012" },
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trails },
            });
            expect(statements.CloudTrailDescribesKey.Action).to.deep.equal(["kms:DescribeKey"]);
            const read = statements.AccountPrincipalsDecryptTrailLogs;
            expect(read.Action).to.deep.equal(["kms:Decrypt", "kms:ReEncryptFrom"]);
            expect(read.Condition).to.deep.equal({
                StringEquals: { "kms:CallerAccount": "123456789012" },
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trails },
            });
        }
    });

    it("only the alerts key admits CloudWatch alarms, EventBridge, Budgets and SES", () => {
        for (const domain of KEY_DOMAINS) {
            const alarms = bySid(domain).AlarmsAndEventsPublishToEncryptedTopics;
            if (domain === "alerts") {
                expect(alarms.Principal).to.deep.equal({
                    Service: [
                        "budgets.amazonaws.com",
                        "cloudwatch.amazonaws.com",
                        "events.amazonaws.com",
                        "ses.amazonaws.com",
                    ],
                });
                expect(alarms.Action).to.deep.equal(["kms:Decrypt", "kms:GenerateDataKey*"]);
            } else {
                expect(alarms, domain).to.equal(undefined);
            }
        }
    });

    it("no statement outside the logs key names a service principal, and none grants kms:*", () => {
        for (const domain of KEY_DOMAINS) {
            for (const s of keyPolicyDocument(domain, CTX).Statement) {
                expect(s.Action).not.to.include("kms:*");
                expect(s.Effect).to.equal("Allow");
            }
        }
    });

    it("follows the partition and DNS suffix of GovCloud and China", () => {
        const gov = bySid("database", { ...CTX, region: "us-gov-west-1", partition: "aws-us-gov" });
        expect(gov.AccountAdministersKey.Principal).to.deep.equal({
            AWS: "arn:aws-us-gov:iam::123456789012:root",
        });
        const cn = bySid("logs", {
            ...CTX,
            region: "cn-north-1",
            partition: "aws-cn",
            dnsSuffix: "amazonaws.com.cn",
        });
        expect(cn.CloudWatchLogsEncryptsThisAccountsLogGroups.Principal).to.deep.equal({
            Service: "logs.cn-north-1.amazonaws.com.cn",
        });
    });

    it("refuses an empty context value instead of writing a policy that names nobody", () => {
        expect(() => keyPolicyDocument("logs", { ...CTX, accountId: "" })).to.throw(
            "keyPolicyDocument: accountId is empty",
        );
    });
});
