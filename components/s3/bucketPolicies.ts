import type { PolicyDocument, PolicyStatement } from "../iam/policyDocument";

/**
 * Bucket policy statements as pure data. Every bucket of the project refuses plain HTTP and TLS
 * older than 1.2 (HIPAA 164.312(e)(1); AWS Config rule s3-bucket-ssl-requests-only).
 */
export function tlsOnlyStatements(bucketArn: string): PolicyStatement[] {
    const resources = [bucketArn, `${bucketArn}/*`];
    return [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:*"],
            Resource: resources,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "DenyTlsOlderThan12",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:*"],
            Resource: resources,
            Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
        },
    ];
}

/** Lets the given principals read, write and delete objects (no bucket administration). */
export function objectAccessStatements(
    bucketArn: string,
    principalArns: string[],
): PolicyStatement[] {
    if (principalArns.length === 0) {
        throw new Error("objectAccessStatements: principalArns is empty");
    }
    return [
        {
            Sid: "ApplicationListsBucket",
            Effect: "Allow",
            Principal: { AWS: principalArns },
            Action: ["s3:GetBucketLocation", "s3:ListBucket"],
            Resource: bucketArn,
        },
        {
            Sid: "ApplicationReadsAndWritesObjects",
            Effect: "Allow",
            Principal: { AWS: principalArns },
            Action: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
            Resource: `${bucketArn}/*`,
        },
    ];
}

/**
 * Lets S3 server access logging deliver logs of one source bucket of this account into the log
 * bucket, under its prefix (the documented form: service principal, source ARN and account).
 */
export function accessLogDeliveryStatement(args: {
    logBucketArn: string;
    prefix: string;
    sourceBucketArn: string;
    accountId: string;
}): PolicyStatement {
    return {
        Sid: "S3ServerAccessLogsDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: ["s3:PutObject"],
        Resource: `${args.logBucketArn}/${args.prefix}*`,
        Condition: {
            ArnLike: { "aws:SourceArn": args.sourceBucketArn },
            StringEquals: { "aws:SourceAccount": args.accountId },
        },
    };
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
    const sids = statements.map((s) => s.Sid).filter(Boolean);
    if (new Set(sids).size !== sids.length) {
        throw new Error(`policyDocument: repeated Sid in ${sids.join(", ")}`);
    }
    return { Version: "2012-10-17", Statement: statements };
}
