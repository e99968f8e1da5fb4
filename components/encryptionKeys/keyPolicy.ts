/**
 * Key policies of the customer-managed KMS keys, as pure data.
 *
 * One key per data domain (not one per stack): each key's policy names exactly the AWS service(s)
 * that handle that domain, so a grant meant for, say, CloudWatch Logs can never decrypt the
 * database, a domain can be disabled in an incident without taking the others down, and CloudTrail
 * shows which domain a decrypt touched. The cost is $1 per key per month.
 *
 * Every policy has the same shape:
 *  - the account may administer the key (never use it directly), so IAM decides who manages keys
 *    and nobody is locked out;
 *  - principals of the account may use the key only through the domain's service(s)
 *    (`kms:ViaService`), which is how AWS's own `aws/<service>` keys are written; IAM policies must
 *    still grant the key to a role;
 *  - service principals that act on their own behalf (CloudWatch Logs, CloudWatch alarms and
 *    EventBridge publishing to an encrypted topic) are named explicitly, scoped to this account.
 */

import type { PolicyDocument, PolicyStatement } from "../iam/policyDocument";

/** The data domains that get their own key. */
export const KEY_DOMAINS = [
    "logs",
    "database",
    "files",
    "secrets",
    "backup",
    "alerts",
    "images",
    "sessions",
    "audit",
    "sharedFiles",
] as const;
export type KeyDomain = (typeof KEY_DOMAINS)[number];

export interface KeyDomainSpec {
    /** What the key protects, for its description. */
    purpose: string;
    /** Services (endpoint prefixes) through which account principals may use the key. */
    viaServices: string[];
    /** Service principals that use the key on their own behalf. */
    servicePrincipals: "logs" | "alarms" | "cloudtrail" | "none";
    /**
     * Principals of the account may also call KMS with the key themselves (IAM policies must still
     * grant it): Session Manager's client and agent encrypt and decrypt session data directly, not
     * through an AWS service, so `kms:ViaService` cannot hold for them.
     */
    directUse?: boolean;
}

export const KEY_DOMAIN_SPECS: Record<KeyDomain, KeyDomainSpec> = {
    logs: {
        purpose:
            "CloudWatch Logs: VPC flow logs, container logs, database log exports, session logs",
        viaServices: [],
        servicePrincipals: "logs",
    },
    database: {
        purpose: "Aurora storage, snapshots and Performance Insights",
        viaServices: ["rds"],
        servicePrincipals: "none",
    },
    files: {
        purpose: "S3 objects: uploaded documents and file storage",
        viaServices: ["s3"],
        servicePrincipals: "none",
    },
    secrets: {
        purpose: "Secrets Manager secrets: database credentials, application keys",
        // RDS creates and rotates the master user's secret (manageMasterUserPassword) with it.
        viaServices: ["secretsmanager", "rds"],
        servicePrincipals: "none",
    },
    backup: {
        purpose: "AWS Backup vault recovery points",
        viaServices: ["backup"],
        servicePrincipals: "none",
    },
    alerts: {
        purpose: "SNS alert topics (CloudWatch alarms, EventBridge and SES publish to them)",
        viaServices: ["sns"],
        servicePrincipals: "alarms",
    },
    images: {
        purpose: "ECR container images",
        viaServices: ["ecr"],
        servicePrincipals: "none",
    },
    sessions: {
        purpose: "Session Manager and ECS Exec session data, and the bastion's disk",
        // EC2 creates the grant for an encrypted EBS volume when the bastion launches or starts.
        viaServices: ["ec2"],
        servicePrincipals: "none",
        directUse: true,
    },
    audit: {
        purpose: "CloudTrail log files and AWS Config snapshots (the account's audit trail)",
        // AWS Config writes, and auditors read, the audit bucket through S3.
        viaServices: ["s3"],
        servicePrincipals: "cloudtrail",
    },
    sharedFiles: {
        purpose: "EFS file systems: users' home folders, shared and data folders",
        // EFS encrypts at rest through the key (and creates its grant when the file system is made).
        viaServices: ["elasticfilesystem"],
        servicePrincipals: "none",
    },
};

/** Key domains that exist once per account and region: only the stack owning the audit baseline has them. */
export const ACCOUNT_KEY_DOMAINS: readonly KeyDomain[] = ["audit"];

/** Administrative actions: everything that manages a key, nothing that encrypts or decrypts with it. */
export const KEY_ADMIN_ACTIONS = [
    "kms:CancelKeyDeletion",
    "kms:Create*",
    "kms:Delete*",
    "kms:Describe*",
    "kms:Disable*",
    "kms:Enable*",
    "kms:Get*",
    "kms:List*",
    "kms:Put*",
    "kms:Revoke*",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:Update*",
];

/** What a service needs to encrypt data for a principal (the set AWS uses for its `aws/<service>` keys). */
export const KEY_USE_ACTIONS = [
    "kms:CreateGrant",
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:Encrypt",
    "kms:GenerateDataKey*",
    "kms:ListGrants",
    "kms:ReEncrypt*",
];

/** Where the key lives. */
export interface KeyPolicyContext {
    accountId: string;
    region: string;
    /** `aws`, `aws-cn` or `aws-us-gov`. */
    partition: string;
    /** `amazonaws.com`, or `amazonaws.com.cn` in China. */
    dnsSuffix: string;
}

export function keyPolicyDocument(domain: KeyDomain, ctx: KeyPolicyContext): PolicyDocument {
    for (const [field, value] of Object.entries(ctx)) {
        if (!value) {
            throw new Error(`keyPolicyDocument: ${field} is empty`);
        }
    }
    const spec = KEY_DOMAIN_SPECS[domain];
    const account = { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` };
    const statements: PolicyStatement[] = [
        {
            Sid: "AccountAdministersKey",
            Effect: "Allow",
            Principal: account,
            Action: KEY_ADMIN_ACTIONS,
            Resource: "*",
        },
    ];
    if (spec.viaServices.length > 0) {
        statements.push({
            Sid: "AccountUsesKeyOnlyThroughServices",
            Effect: "Allow",
            Principal: account,
            Action: KEY_USE_ACTIONS,
            Resource: "*",
            Condition: {
                StringEquals: {
                    "kms:CallerAccount": ctx.accountId,
                    "kms:ViaService": spec.viaServices.map(
                        (s) => `${s}.${ctx.region}.${ctx.dnsSuffix}`,
                    ),
                },
            },
        });
    }
    if (spec.directUse) {
        statements.push({
            Sid: "AccountPrincipalsUseKeyWhenIamAllows",
            Effect: "Allow",
            Principal: account,
            Action: ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: { StringEquals: { "kms:CallerAccount": ctx.accountId } },
        });
    }
    if (spec.servicePrincipals === "cloudtrail") {
        statements.push(...cloudTrailStatements(ctx));
    }
    if (spec.servicePrincipals === "logs") {
        statements.push({
            Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
            Effect: "Allow",
            Principal: { Service: `logs.${ctx.region}.${ctx.dnsSuffix}` },
            Action: [
                "kms:Decrypt*",
                "kms:Describe*",
                "kms:Encrypt*",
                "kms:GenerateDataKey*",
                "kms:ReEncrypt*",
            ],
            Resource: "*",
            Condition: {
                ArnLike: {
                    "kms:EncryptionContext:aws:logs:arn": `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:*`,
                },
            },
        });
    }
    if (spec.servicePrincipals === "alarms") {
        statements.push({
            Sid: "AlarmsAndEventsPublishToEncryptedTopics",
            Effect: "Allow",
            Principal: {
                // SNS encrypts each message with the topic's key on the publisher's behalf, so
                // every service that publishes to the alert topic needs these two actions.
                Service: [
                    "budgets.amazonaws.com",
                    "cloudwatch.amazonaws.com",
                    "events.amazonaws.com",
                    "ses.amazonaws.com",
                ],
            },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * What CloudTrail needs to encrypt this account's trails, and what lets the account's principals
 * (with IAM permission) decrypt the log files: the statements AWS documents in "Configure AWS KMS
 * key policies for CloudTrail", each scoped by the `aws:cloudtrail:arn` encryption context to
 * trails of this account.
 */
function cloudTrailStatements(ctx: KeyPolicyContext): PolicyStatement[] {
    const trails = `arn:${ctx.partition}:cloudtrail:*:${ctx.accountId}:trail/*`;
    const cloudTrail = { Service: "cloudtrail.amazonaws.com" };
    const fromThisAccount = { "aws:SourceAccount": ctx.accountId };
    return [
        {
            Sid: "CloudTrailEncryptsThisAccountsTrails",
            Effect: "Allow",
            Principal: cloudTrail,
            Action: ["kms:GenerateDataKey*"],
            Resource: "*",
            Condition: {
                StringEquals: fromThisAccount,
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trails },
            },
        },
        {
            Sid: "CloudTrailDescribesKey",
            Effect: "Allow",
            Principal: cloudTrail,
            Action: ["kms:DescribeKey"],
            Resource: "*",
            Condition: { StringEquals: fromThisAccount },
        },
        {
            Sid: "AccountPrincipalsDecryptTrailLogs",
            Effect: "Allow",
            Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
            Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
            Resource: "*",
            Condition: {
                StringEquals: { "kms:CallerAccount": ctx.accountId },
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trails },
            },
        },
    ];
}
