import type { ComponentSafeguards } from "../safeguards";

const AUDIT = "components/auditBaseline/auditBaseline.test.ts";
const POLICIES = "components/auditBaseline/auditPolicies.test.ts";

export const auditBaselineSafeguards: ComponentSafeguards = {
    component: "hipaa:audit:AuditBaseline",
    source: "components/auditBaseline/auditBaseline.ts",
    features: [
        {
            cites: "164.312(b), 164.312(c)(2)",
            feature:
                "A multi-region CloudTrail trail with log-file validation, encrypted with the audit key, also delivered to an encrypted log group",
            tests: [
                {
                    file: AUDIT,
                    it: "keeps a multi-region, validated, KMS-encrypted trail delivered to an encrypted log group",
                },
            ],
        },
        {
            cites: "164.312(b), 164.312(a)(2)(i)",
            feature: "Object-level (data) events of the PHI buckets: who read or wrote which file",
            tests: [
                {
                    file: AUDIT,
                    it: "records object-level events of the PHI buckets, given by ARN or by name",
                },
                {
                    file: POLICIES,
                    it: "records all management events and object events of exactly the PHI buckets",
                },
            ],
        },
        {
            cites: "164.312(c)(1)",
            feature:
                "Trail logs in a private, TLS-only, versioned, KMS-encrypted bucket that only this trail writes to (object lock on request)",
            tests: [
                {
                    file: AUDIT,
                    it: "stores trail logs in a private, TLS-only, versioned, KMS bucket only this trail writes to",
                },
            ],
        },
        {
            cites: "164.308(a)(1)(ii)(D), 164.308(a)(5)(ii)(C), 164.308(a)(6)(ii)",
            feature:
                "Security alarms on the trail: root activity, IAM policy and access-key changes, network changes, denied calls, console sign-in failures, KMS keys disabled or scheduled for deletion",
            tests: [
                {
                    file: AUDIT,
                    it: "wires every security alarm to its metric filter and to the alert topic, alarm and OK",
                },
                { file: POLICIES, it: "covers every family once, each pattern naming its events" },
            ],
        },
        {
            cites: "164.308(a)(8), 164.308(a)(1)(ii)(D)",
            feature:
                "AWS Config records every resource type and evaluates AWS's HIPAA conformance pack, pinned to a commit",
            tests: [
                {
                    file: AUDIT,
                    it: "turns on AWS Config for every resource type, delivering to the audit bucket with the audit key",
                },
                {
                    file: POLICIES,
                    it: "pins the conformance pack template to a commit, never a moving branch",
                },
            ],
        },
        {
            cites: "164.308(a)(5)(ii)(B), 164.308(a)(6)(ii)",
            feature:
                "GuardDuty with S3 and RDS protection; high-severity findings page the alert topic",
            tests: [
                {
                    file: AUDIT,
                    it: "turns on GuardDuty with S3 and RDS protection and pages on high-severity findings",
                },
            ],
        },
        {
            cites: "164.308(a)(1)(ii)(A), 164.308(a)(5)(ii)(B)",
            feature:
                "ECR enhanced scanning: Amazon Inspector rescans every kept image as new vulnerabilities are published",
            tests: [
                {
                    file: AUDIT,
                    it: "scans every image in the registry continuously with Amazon Inspector, unless the organization does",
                },
            ],
        },
        {
            cites: "164.308(a)(5)(ii)(D), 164.312(a)(1), 164.312(a)(2)(iv)",
            feature:
                "Account settings: the IAM password policy, the account's S3 public access block, EBS encryption by default",
            tests: [
                {
                    file: AUDIT,
                    it: "sets the account's password policy, S3 public access block and EBS encryption by default",
                },
                {
                    file: POLICIES,
                    it: "sets the password policy AWS Config's iam-password-policy rule checks in the HIPAA pack",
                },
            ],
        },
        {
            cites: "164.312(a)(2)(iii), 164.312(b)",
            feature:
                "The account's Session Manager preferences: sessions started without a document are logged, encrypted and timed out too",
            tests: [
                {
                    file: AUDIT,
                    it: "sets the account's Session Manager preferences only when given",
                },
            ],
        },
    ],
};
