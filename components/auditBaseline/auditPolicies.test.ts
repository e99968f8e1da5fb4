import { expect } from "chai";
import {
    bucketArnOf,
    configDeliveryStatements,
    HIPAA_CONFORMANCE_PACK_TEMPLATE_URL,
    PASSWORD_POLICY,
    trailArn,
    trailBucketStatements,
    trailEventSelectors,
} from "./auditPolicies";
import { SECURITY_ALARMS } from "./securityAlarms";

const LOC = {
    partition: "aws",
    region: "us-east-1",
    accountId: "123456789012",
    bucketArn: "arn:aws:s3:::audit-logs",
    trailName: "redcap-prod-account-trail",
};

describe("audit baseline policies", () => {
    it("lets only this trail (by source ARN) check the bucket ACL and write under AWSLogs/<account>/", () => {
        const [acl, write] = trailBucketStatements(LOC);
        const arn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/redcap-prod-account-trail";
        expect(trailArn(LOC)).to.equal(arn);
        expect(acl).to.deep.include({
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: ["s3:GetBucketAcl"],
            Resource: LOC.bucketArn,
            Condition: { StringEquals: { "aws:SourceArn": arn } },
        });
        expect(write).to.deep.include({
            Action: ["s3:PutObject"],
            Resource: "arn:aws:s3:::audit-logs/AWSLogs/123456789012/*",
            Condition: {
                StringEquals: {
                    "aws:SourceArn": arn,
                    "s3:x-amz-acl": "bucket-owner-full-control",
                },
            },
        });
    });

    it("follows the partition in GovCloud", () => {
        expect(trailArn({ ...LOC, partition: "aws-us-gov", region: "us-gov-west-1" })).to.match(
            /^arn:aws-us-gov:cloudtrail:us-gov-west-1:/,
        );
        expect(bucketArnOf("aws-us-gov", "b")).to.equal("arn:aws-us-gov:s3:::b");
    });

    it("records all management events and object events of exactly the PHI buckets", () => {
        const selectors = trailEventSelectors(["arn:aws:s3:::files", "arn:aws:s3:::dev-files"]);
        expect(selectors[0].fieldSelectors).to.deep.equal([
            { field: "eventCategory", equals: ["Management"] },
        ]);
        expect(selectors[1].fieldSelectors).to.deep.equal([
            { field: "eventCategory", equals: ["Data"] },
            { field: "resources.type", equals: ["AWS::S3::Object"] },
            {
                field: "resources.ARN",
                startsWiths: ["arn:aws:s3:::files/", "arn:aws:s3:::dev-files/"],
            },
        ]);
        expect(trailEventSelectors([])).to.have.length(1);
    });

    it("lets AWS Config write only its own prefix of this account, with the audit key", () => {
        const statements = configDeliveryStatements({
            bucketArn: LOC.bucketArn,
            accountId: LOC.accountId,
            auditKeyArn: "arn:aws:kms:us-east-1:123456789012:key/audit",
        });
        const put = statements.find((s) => s.Action.includes("s3:PutObject"));
        expect(put?.Resource).to.equal(
            "arn:aws:s3:::audit-logs/config/AWSLogs/123456789012/Config/*",
        );
        const kms = statements.find((s) => s.Action.some((a) => a.startsWith("kms:")));
        expect(kms?.Resource).to.equal("arn:aws:kms:us-east-1:123456789012:key/audit");
        for (const s of statements) {
            expect(s.Effect).to.equal("Allow");
            expect(s.Resource).not.to.equal("*");
        }
    });

    it("sets the password policy AWS Config's iam-password-policy rule checks in the HIPAA pack", () => {
        expect(PASSWORD_POLICY.minimumPasswordLength).to.be.at.least(14);
        expect(PASSWORD_POLICY.passwordReusePrevention).to.be.at.least(24);
        expect(PASSWORD_POLICY.maxPasswordAge).to.be.at.most(90).and.above(0);
        for (const flag of [
            "requireLowercaseCharacters",
            "requireUppercaseCharacters",
            "requireNumbers",
            "requireSymbols",
        ] as const) {
            expect(PASSWORD_POLICY[flag], flag).to.equal(true);
        }
    });

    it("pins the conformance pack template to a commit, never a moving branch", () => {
        expect(HIPAA_CONFORMANCE_PACK_TEMPLATE_URL).to.match(
            /^https:\/\/raw\.githubusercontent\.com\/awslabs\/aws-config-rules\/[0-9a-f]{40}\/aws-config-conformance-packs\/Operational-Best-Practices-for-HIPAA-Security\.yaml$/,
        );
    });
});

describe("security alarms", () => {
    // Each family the HIPAA Quick Start (and CIS) alarm on, and an event its pattern must name.
    const FAMILIES: Record<string, string[]> = {
        "cloudtrail-change": ["cloudtrail.amazonaws.com"],
        "iam-create-access-key": ["CreateAccessKey"],
        "iam-policy-change": [
            "PutRolePolicy",
            "AttachRolePolicy",
            "CreatePolicyVersion",
            "DetachGroupPolicy",
        ],
        "root-activity": ['"Root"', "invokedBy NOT EXISTS"],
        "network-acl-change": ["CreateNetworkAclEntry", "ReplaceNetworkAclAssociation"],
        "security-group-change": ["AuthorizeSecurityGroupIngress", "DeleteSecurityGroup"],
        "unauthorized-api-calls": ["AccessDenied", "UnauthorizedOperation"],
        "console-sign-in-failures": ["ConsoleLogin", "Failed authentication"],
        "kms-key-disabled-or-deleted": ["kms.amazonaws.com", "DisableKey", "ScheduleKeyDeletion"],
    };

    it("covers every family once, each pattern naming its events", () => {
        expect(SECURITY_ALARMS.map((a) => a.name)).to.have.members(Object.keys(FAMILIES));
        for (const alarm of SECURITY_ALARMS) {
            for (const needle of FAMILIES[alarm.name]) {
                expect(alarm.pattern, alarm.name).to.include(needle);
            }
        }
    });

    it("has well-formed filter patterns: one balanced { } JSON expression each", () => {
        for (const { name, pattern } of SECURITY_ALARMS) {
            expect(pattern.startsWith("{") && pattern.endsWith("}"), name).to.equal(true);
            let depth = 0;
            for (const c of pattern) {
                depth += c === "(" ? 1 : c === ")" ? -1 : 0;
                expect(depth, name).to.be.at.least(0);
            }
            expect(depth, name).to.equal(0);
        }
    });

    it("has unique metric names and a description saying what to do", () => {
        const metrics = SECURITY_ALARMS.map((a) => a.metricName);
        expect(new Set(metrics).size).to.equal(metrics.length);
        for (const a of SECURITY_ALARMS) {
            expect(a.threshold, a.name).to.be.at.least(1);
            expect(a.description.length, a.name).to.be.above(40);
        }
    });
});
