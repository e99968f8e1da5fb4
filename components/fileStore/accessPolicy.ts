import type { PolicyDocument } from "../iam/policyDocument";

/**
 * The IAM policy of REDCap's S3 principal: objects of its uploads bucket, and the files key only
 * as S3 uses it on its behalf (SSE-KMS). Nothing else.
 */
export function uploadsAccessPolicy(bucketArn: string, kmsKeyArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ListUploadsBucket",
                Effect: "Allow",
                Action: ["s3:GetBucketLocation", "s3:ListBucket"],
                Resource: bucketArn,
            },
            {
                Sid: "ReadWriteUploads",
                Effect: "Allow",
                Action: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
                Resource: `${bucketArn}/*`,
            },
            {
                Sid: "UseFilesKeyThroughS3",
                Effect: "Allow",
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: kmsKeyArn,
            },
        ],
    };
}
