import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createLoggedBucket } from "../s3/loggedBucket";
import { requireWholeNumber } from "../validation";

export interface DataBucketArgs {
    /** ARN of the KMS key that encrypts the objects (SSE-KMS with a bucket key). */
    kmsKeyArn: pulumi.Input<string>;
    /** Days a replaced or deleted object version stays recoverable. Default 30 (1 to 3650). */
    noncurrentVersionRetentionDays?: number;
    /** Days the bucket's server access logs are kept. Default 365 (1 to 3650). */
    accessLogRetentionDays?: number;
    /**
     * Keep both buckets and their data when the stack is destroyed (prod). When false (dev), they
     * are emptied and deleted with the stack.
     */
    protect?: boolean;
}

/**
 * A bucket where data files land: private in every form, KMS-encrypted, versioned, TLS 1.2+ only,
 * its server access logs in a separate private log bucket. Nobody is granted anything in the
 * bucket policy: this account's principals reach it through their IAM policies, and another
 * account only if a statement is added on purpose.
 */
export class DataBucket extends pulumi.ComponentResource {
    /** The data bucket (read-only: configure it through the args). */
    public readonly bucket: aws.s3.Bucket;
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;
    public readonly logBucketName: pulumi.Output<string>;
    /** Settings that must exist before the bucket takes data (policy, encryption, access block). */
    public readonly ready: pulumi.Resource[];

    constructor(name: string, args: DataBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:storage:DataBucket", name, {}, opts);
        const noncurrentDays = args.noncurrentVersionRetentionDays ?? 30;
        const logDays = args.accessLogRetentionDays ?? 365;
        const where = `DataBucket ${name}`;
        requireWholeNumber(where, "noncurrentVersionRetentionDays", noncurrentDays, 1, 3650);
        requireWholeNumber(where, "accessLogRetentionDays", logDays, 1, 3650);

        const data = createLoggedBucket(
            {
                name,
                logsName: `${name}-access-logs`,
                logPrefix: `${name}/`,
                kmsKeyArn: args.kmsKeyArn,
                noncurrentVersionRetentionDays: noncurrentDays,
                accessLogRetentionDays: logDays,
                protect: args.protect ?? false,
            },
            this,
        );
        this.bucket = data.bucket;
        this.bucketName = data.bucket.bucket;
        this.bucketArn = data.bucket.arn;
        this.logBucketName = data.logs.bucket.bucket;
        this.ready = data.ready;
        this.registerOutputs({
            bucketName: this.bucketName,
            bucketArn: this.bucketArn,
            logBucketName: this.logBucketName,
        });
    }
}
