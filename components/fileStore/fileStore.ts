import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { exemptionTags } from "../tags";
import { objectAccessStatements } from "../s3/bucketPolicies";
import { createLoggedBucket } from "../s3/loggedBucket";
import { createStoredSecret } from "../secrets/storedSecret";
import { requireWholeNumber } from "../validation";
import { uploadsAccessPolicy } from "./accessPolicy";

export interface FileStoreArgs {
    /** ARN of the KMS key that encrypts uploaded files (SSE-KMS with a bucket key). */
    kmsKeyArn: pulumi.Input<string>;
    /** ARN of the KMS key that encrypts the Secrets Manager secret holding REDCap's S3 access key. */
    secretsKmsKeyArn: pulumi.Input<string>;
    /** Days a replaced or deleted file version stays recoverable. Default 30 (1 to 3650). */
    noncurrentVersionRetentionDays?: number;
    /** Days the bucket's server access logs are kept. Default 365 (1 to 3650). */
    accessLogRetentionDays?: number;
    /**
     * Object lock on the uploads bucket: no version of a file can be erased before `days`, even by
     * an administrator (GOVERNANCE lets a principal with s3:BypassGovernanceRetention do it;
     * COMPLIANCE lets nobody). Protects against ransomware and mistakes; the cost is that deleted
     * files keep using storage until their retention ends. Default: off.
     */
    objectLock?: { mode: "GOVERNANCE" | "COMPLIANCE"; days: number };
    /**
     * Generation of REDCap's S3 access key. REDCap's S3 integration accepts only a static key, so
     * raising this number replaces the key on the next `pulumi up` (new key first, then the old
     * one is deleted). Default 1.
     */
    accessKeyGeneration?: number;
    /**
     * Keep buckets, their data and the secret when the stack is destroyed (prod). When false
     * (dev), buckets are emptied and deleted with the stack and the secret is deleted at once.
     */
    protect?: boolean;
}

/**
 * Where REDCap keeps uploaded files: a private, KMS-encrypted, versioned bucket that only
 * REDCap's principal can read and write and only over TLS 1.2+, its server access logs in a
 * separate private log bucket, and the static access key REDCap's S3 integration needs, held in
 * Secrets Manager under a customer-managed key and rotated by raising `accessKeyGeneration`.
 */
export class FileStore extends pulumi.ComponentResource {
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;
    public readonly logBucketName: pulumi.Output<string>;
    /** ARN of the secret with `{"accessKeyId", "secretAccessKey"}` for REDCap's S3 settings. */
    public readonly accessKeySecretArn: pulumi.Output<string>;
    /** The version of that secret: it changes when the key rotates. */
    public readonly accessKeyVersion: pulumi.Output<string>;
    /** The IAM user REDCap acts as; nothing else may use the bucket's objects. */
    public readonly userArn: pulumi.Output<string>;

    constructor(name: string, args: FileStoreArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:storage:FileStore", name, {}, opts);

        const noncurrentDays = args.noncurrentVersionRetentionDays ?? 30;
        const logDays = args.accessLogRetentionDays ?? 365;
        const generation = args.accessKeyGeneration ?? 1;
        const protect = args.protect ?? false;
        requireWholeNumber(
            `FileStore ${name}`,
            "noncurrentVersionRetentionDays",
            noncurrentDays,
            1,
            3650,
        );
        requireWholeNumber(`FileStore ${name}`, "accessLogRetentionDays", logDays, 1, 3650);
        requireWholeNumber(`FileStore ${name}`, "accessKeyGeneration", generation, 1, 1_000_000);
        if (args.objectLock) {
            requireWholeNumber(
                `FileStore ${name}`,
                "objectLock.days",
                args.objectLock.days,
                1,
                36500,
            );
            if (!["GOVERNANCE", "COMPLIANCE"].includes(args.objectLock.mode)) {
                throw new Error(
                    `FileStore ${name}: objectLock.mode "${args.objectLock.mode}" is not allowed; expected "GOVERNANCE" or "COMPLIANCE"`,
                );
            }
        }

        // REDCap's identity: an IAM user, because its S3 integration takes only a static key.
        const user = new aws.iam.User(
            `${name}-redcap`,
            {
                path: "/redcap/",
                tags: exemptionTags(
                    "iam-no-user-credentials",
                    "REDCap's S3 file storage accepts only a static access key; the key is limited to this bucket and its KMS key",
                ),
            },
            { parent: this },
        );

        const uploads = createLoggedBucket(
            {
                name: `${name}-uploads`,
                logsName: `${name}-access-logs`,
                logPrefix: "uploads/",
                kmsKeyArn: args.kmsKeyArn,
                noncurrentVersionRetentionDays: noncurrentDays,
                accessLogRetentionDays: logDays,
                objectLock: args.objectLock,
                policyStatements: (arn) =>
                    user.arn.apply((userArn) => objectAccessStatements(arn, [userArn])),
                protect,
            },
            this,
        );

        const policy = new aws.iam.Policy(
            `${name}-redcap`,
            {
                description: `REDCap reads and writes its uploads in ${name} and nothing else`,
                policy: pulumi
                    .all([uploads.bucket.arn, pulumi.output(args.kmsKeyArn)])
                    .apply(([bucketArn, keyArn]) =>
                        JSON.stringify(uploadsAccessPolicy(bucketArn, keyArn)),
                    ),
            },
            { parent: this },
        );
        new aws.iam.UserPolicyAttachment(
            `${name}-redcap`,
            { user: user.name, policyArn: policy.arn },
            { parent: this },
        );

        // Renaming the key resource by generation makes Pulumi create the new key, update the
        // secret, then delete the old key: a rotation without a moment with no valid key.
        const accessKey = new aws.iam.AccessKey(
            `${name}-redcap-key-${generation}`,
            { user: user.name },
            { parent: this },
        );
        const { secret, version } = createStoredSecret(
            `${name}-s3-access-key`,
            {
                description: `REDCap's S3 access key for ${name} (generation ${generation})`,
                kmsKeyArn: args.secretsKmsKeyArn,
                value: pulumi.jsonStringify({
                    accessKeyId: accessKey.id,
                    secretAccessKey: accessKey.secret,
                }),
                protect,
                notRotatedBecause:
                    "Rotated by raising accessKeyGeneration; REDCap reads the key from its own settings",
            },
            this,
        );

        this.bucketName = uploads.bucket.bucket;
        this.bucketArn = uploads.bucket.arn;
        this.logBucketName = uploads.logs.bucket.bucket;
        this.accessKeySecretArn = secret.arn;
        this.accessKeyVersion = version.versionId;
        this.userArn = user.arn;
        this.registerOutputs({
            bucketName: this.bucketName,
            bucketArn: this.bucketArn,
            logBucketName: this.logBucketName,
            accessKeySecretArn: this.accessKeySecretArn,
        });
    }
}
