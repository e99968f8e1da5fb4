import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "../iam/policyDocument";
import { policyDocument, tlsOnlyStatements } from "./bucketPolicies";

/** How a private bucket encrypts objects at rest. */
export type BucketEncryption =
    /** SSE-KMS with a customer-managed key and an S3 bucket key (fewer KMS calls, lower cost). */
    | { kmsKeyArn: pulumi.Input<string> }
    /**
     * SSE-S3, only for log sinks that AWS services must write to and that cannot use SSE-KMS
     * (S3 server access logs). Such buckets carry a `compliance-exempt` tag saying why.
     */
    | "s3-managed";

export interface PrivateBucketArgs {
    encryption: BucketEncryption;
    /** Days a replaced or deleted object version is kept before it expires. */
    noncurrentVersionExpirationDays: number;
    /** Days after which current objects expire (log buckets); unset keeps objects until deleted. */
    expirationDays?: number;
    /** Default object lock retention; unset means no object lock. */
    objectLock?: { mode: "GOVERNANCE" | "COMPLIANCE"; days: number };
    /** Statements added to the TLS-only bucket policy, given the bucket's ARN. */
    policyStatements?: (bucketArn: string) => pulumi.Input<PolicyStatement[]>;
    /** Keep the bucket (and its data) when the stack or the resource is destroyed. */
    protect: boolean;
    tags?: Record<string, string>;
}

export interface PrivateBucket {
    bucket: aws.s3.Bucket;
    /** Resources that must exist before the bucket is used (policy, encryption, access block). */
    ready: pulumi.Resource[];
}

/**
 * A bucket nobody outside the account can reach: all four public-access-block flags, ACLs
 * disabled (BucketOwnerEnforced), default encryption, versioning, a TLS-only policy, lifecycle
 * rules that expire old versions and abandoned uploads, optional object lock.
 * Side-by-side resources, as @pulumi/aws v7 recommends, so the policy pack can check each.
 * @internal
 */
export function createPrivateBucket(
    name: string,
    args: PrivateBucketArgs,
    parent: pulumi.Resource,
): PrivateBucket {
    const opts = { parent, protect: args.protect, retainOnDelete: args.protect };
    const child = { parent };
    const bucket = new aws.s3.Bucket(
        name,
        {
            // In dev the stack can be torn down with its data; prod buckets are protected instead.
            forceDestroy: !args.protect,
            objectLockEnabled: args.objectLock ? true : undefined,
            tags: { Name: name, ...args.tags },
        },
        opts,
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
        name,
        {
            bucket: bucket.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        },
        child,
    );
    const ownership = new aws.s3.BucketOwnershipControls(
        name,
        { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
        child,
    );
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
        name,
        {
            bucket: bucket.id,
            rules: [
                args.encryption === "s3-managed"
                    ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
                    : {
                          applyServerSideEncryptionByDefault: {
                              sseAlgorithm: "aws:kms",
                              kmsMasterKeyId: args.encryption.kmsKeyArn,
                          },
                          bucketKeyEnabled: true,
                      },
            ],
        },
        child,
    );
    const versioning = new aws.s3.BucketVersioning(
        name,
        { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
        child,
    );
    new aws.s3.BucketLifecycleConfiguration(
        name,
        {
            bucket: bucket.id,
            rules: [
                {
                    id: "expire-noncurrent-versions",
                    status: "Enabled",
                    filter: {},
                    noncurrentVersionExpiration: {
                        noncurrentDays: args.noncurrentVersionExpirationDays,
                    },
                },
                {
                    id: "abort-incomplete-uploads",
                    status: "Enabled",
                    filter: {},
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                },
                args.expirationDays
                    ? {
                          id: "expire-objects",
                          status: "Enabled",
                          filter: {},
                          expiration: { days: args.expirationDays },
                      }
                    : {
                          id: "remove-expired-delete-markers",
                          status: "Enabled",
                          filter: {},
                          expiration: { expiredObjectDeleteMarker: true },
                      },
            ],
        },
        { parent, dependsOn: [versioning] },
    );
    if (args.objectLock) {
        new aws.s3.BucketObjectLockConfiguration(
            name,
            {
                bucket: bucket.id,
                rule: {
                    defaultRetention: { mode: args.objectLock.mode, days: args.objectLock.days },
                },
            },
            { parent, dependsOn: [versioning] },
        );
    }
    const extra = args.policyStatements;
    const policy = new aws.s3.BucketPolicy(
        name,
        {
            bucket: bucket.id,
            policy: bucket.arn.apply((arn) =>
                pulumi
                    .output(extra ? extra(arn) : [])
                    .apply((statements) =>
                        JSON.stringify(policyDocument([...tlsOnlyStatements(arn), ...statements])),
                    ),
            ),
        },
        // S3 refuses a bucket policy while the public access block is being applied.
        { parent, dependsOn: [publicAccessBlock, ownership] },
    );
    return { bucket, ready: [policy, encryption, publicAccessBlock, versioning] };
}
