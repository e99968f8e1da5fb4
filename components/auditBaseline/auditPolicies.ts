import type { PolicyStatement } from "../iam/policyDocument";

/**
 * The audit baseline's policies and settings as pure data, tested without mocks. Sources: AWS
 * CloudTrail User Guide ("Amazon S3 bucket policy for CloudTrail", "Sending events to CloudWatch
 * Logs"), AWS Config Developer Guide ("Permissions for the Amazon S3 bucket" with an IAM role),
 * and the AWS Config rule iam-password-policy as the HIPAA conformance pack parameterises it.
 */

/** Where the trail and the recorder write in the audit bucket. */
export interface AuditLocation {
    partition: string;
    region: string;
    accountId: string;
    bucketArn: string;
    trailName: string;
}

export const CONFIG_KEY_PREFIX = "config";

export function trailArn(loc: Omit<AuditLocation, "bucketArn">): string {
    return `arn:${loc.partition}:cloudtrail:${loc.region}:${loc.accountId}:trail/${loc.trailName}`;
}

/**
 * Bucket policy statements that let exactly this trail check the bucket's ACL and write its log
 * files under AWSLogs/<account>/ (aws:SourceArn guards against the confused deputy).
 */
export function trailBucketStatements(loc: AuditLocation): PolicyStatement[] {
    const trail = { "aws:SourceArn": trailArn(loc) };
    const cloudTrail = { Service: "cloudtrail.amazonaws.com" };
    return [
        {
            Sid: "CloudTrailChecksBucketAcl",
            Effect: "Allow",
            Principal: cloudTrail,
            Action: ["s3:GetBucketAcl"],
            Resource: loc.bucketArn,
            Condition: { StringEquals: trail },
        },
        {
            Sid: "CloudTrailWritesLogFiles",
            Effect: "Allow",
            Principal: cloudTrail,
            Action: ["s3:PutObject"],
            Resource: `${loc.bucketArn}/AWSLogs/${loc.accountId}/*`,
            Condition: {
                StringEquals: { ...trail, "s3:x-amz-acl": "bucket-owner-full-control" },
            },
        },
    ];
}

/** What the trail's CloudWatch Logs role may do: create streams and put events in one log group. */
export function trailLogsRoleStatements(logGroupArn: string): PolicyStatement[] {
    return [
        {
            Sid: "CloudTrailDeliversToItsLogGroup",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `${logGroupArn}:log-stream:*`,
        },
    ];
}

/**
 * What AWS Config's recorder role needs beyond the AWS_ConfigRole managed policy: deliver
 * snapshots and history under config/AWSLogs/<account>/Config/ with the audit key.
 */
export function configDeliveryStatements(args: {
    bucketArn: string;
    accountId: string;
    auditKeyArn: string;
}): PolicyStatement[] {
    return [
        {
            Sid: "ConfigChecksBucket",
            Effect: "Allow",
            Action: ["s3:GetBucketAcl", "s3:ListBucket"],
            Resource: args.bucketArn,
        },
        {
            Sid: "ConfigDeliversSnapshots",
            Effect: "Allow",
            Action: ["s3:PutObject", "s3:PutObjectAcl"],
            Resource: `${args.bucketArn}/${CONFIG_KEY_PREFIX}/AWSLogs/${args.accountId}/Config/*`,
        },
        {
            Sid: "ConfigEncryptsWithAuditKey",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: args.auditKeyArn,
        },
    ];
}

/** The trail's event selectors: every management event, and object-level events on PHI buckets. */
export function trailEventSelectors(phiBucketArns: string[]): {
    name: string;
    fieldSelectors: { field: string; equals?: string[]; startsWiths?: string[] }[];
}[] {
    const selectors: ReturnType<typeof trailEventSelectors> = [
        {
            name: "All management events",
            fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }],
        },
    ];
    if (phiBucketArns.length > 0) {
        selectors.push({
            name: "Object reads and writes in buckets holding PHI",
            fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: ["AWS::S3::Object"] },
                // A trailing slash so that bucket "files" does not also match "files-old".
                { field: "resources.ARN", startsWiths: phiBucketArns.map((arn) => `${arn}/`) },
            ],
        });
    }
    return selectors;
}

export function bucketArnOf(partition: string, bucketName: string): string {
    return `arn:${partition}:s3:::${bucketName}`;
}

/**
 * The IAM account password policy: the values the HIPAA conformance pack's iam-password-policy
 * rule checks for (people should sign in through SSO; this governs any IAM user that exists).
 */
export const PASSWORD_POLICY = {
    minimumPasswordLength: 14,
    requireLowercaseCharacters: true,
    requireUppercaseCharacters: true,
    requireNumbers: true,
    requireSymbols: true,
    passwordReusePrevention: 24,
    maxPasswordAge: 90,
    allowUsersToChangePassword: true,
} as const;

/**
 * AWS's "Operational Best Practices for HIPAA Security" conformance pack template, pinned to a
 * commit of awslabs/aws-config-rules (the latest change to the file, 2025-01-07) so a deploy
 * never picks up an unreviewed rule set. Pulumi fetches it when it uploads the template to the
 * audit bucket; AWS Config reads it from there.
 */
export const HIPAA_CONFORMANCE_PACK_TEMPLATE_URL =
    "https://raw.githubusercontent.com/awslabs/aws-config-rules/" +
    "d51caecc74f6b23085476b23f2479c565c415b27/aws-config-conformance-packs/" +
    "Operational-Best-Practices-for-HIPAA-Security.yaml";

/** The Security Hub standard switched on with Security Hub (AWS Foundational Security Best Practices). */
export function foundationalStandardArn(partition: string, region: string): string {
    return `arn:${partition}:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`;
}
