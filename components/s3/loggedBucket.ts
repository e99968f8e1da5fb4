import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { exemptionTags } from "../tags";
import type { PolicyStatement } from "../iam/policyDocument";
import { accessLogDeliveryStatement } from "./bucketPolicies";
import { createPrivateBucket, type PrivateBucket } from "./privateBucket";

export interface LoggedBucketArgs {
    /** Resource name of the data bucket, e.g. `files-uploads`. */
    name: string;
    /** Resource name of its log bucket, e.g. `files-access-logs`. */
    logsName: string;
    /** Where in the log bucket the records go, e.g. `uploads/`. */
    logPrefix: string;
    kmsKeyArn: pulumi.Input<string>;
    noncurrentVersionRetentionDays: number;
    accessLogRetentionDays: number;
    objectLock?: { mode: "GOVERNANCE" | "COMPLIANCE"; days: number };
    /** Statements added to the data bucket's TLS-only policy. */
    policyStatements?: (bucketArn: string) => pulumi.Input<PolicyStatement[]>;
    protect: boolean;
}

export interface LoggedBucket extends PrivateBucket {
    logs: PrivateBucket;
}

/**
 * A private, KMS-encrypted, versioned bucket for data, with its server access logs in a separate
 * private log bucket that admits S3's log delivery for that one bucket of this account.
 * @internal
 */
export function createLoggedBucket(args: LoggedBucketArgs, parent: pulumi.Resource): LoggedBucket {
    const accountId = aws.getCallerIdentityOutput({}, { parent }).accountId;
    const data = createPrivateBucket(
        args.name,
        {
            encryption: { kmsKeyArn: args.kmsKeyArn },
            noncurrentVersionExpirationDays: args.noncurrentVersionRetentionDays,
            objectLock: args.objectLock,
            policyStatements: args.policyStatements,
            protect: args.protect,
        },
        parent,
    );
    const logs = createPrivateBucket(
        args.logsName,
        {
            encryption: "s3-managed",
            noncurrentVersionExpirationDays: 1,
            expirationDays: args.accessLogRetentionDays,
            policyStatements: (logBucketArn) =>
                pulumi.all([data.bucket.arn, accountId]).apply(([sourceBucketArn, account]) => [
                    accessLogDeliveryStatement({
                        logBucketArn,
                        prefix: args.logPrefix,
                        sourceBucketArn,
                        accountId: account,
                    }),
                ]),
            protect: args.protect,
            tags: exemptionTags(
                ["s3-bucket-kms-default-encryption", "s3-bucket-access-logging"],
                "Log sink: S3 server access log delivery supports only SSE-S3, and logging a log bucket would need another sink",
            ),
        },
        parent,
    );
    new aws.s3.BucketLogging(
        args.name,
        { bucket: data.bucket.id, targetBucket: logs.bucket.id, targetPrefix: args.logPrefix },
        { parent, dependsOn: logs.ready },
    );
    return { ...data, logs };
}
