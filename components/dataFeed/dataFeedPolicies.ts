import type { PolicyDocument, PolicyStatement } from "../iam/policyDocument";

/** The Lambda that starts a sync when files arrive (Node.js, AWS SDK v3 from the runtime). */
export const START_SYNC_HANDLER = `import { DataSyncClient, StartTaskExecutionCommand } from "@aws-sdk/client-datasync";
const client = new DataSyncClient({});
// One sync at a time: while one runs, DataSync refuses another, and the running one (or the next
// scheduled one) copies what just arrived.
export const handler = async (event) => {
  const files = (event.Records ?? []).length;
  try {
    const { TaskExecutionArn } = await client.send(
      new StartTaskExecutionCommand({ TaskArn: process.env.TASK_ARN }),
    );
    console.log(JSON.stringify({ started: TaskExecutionArn, files }));
  } catch (e) {
    if (e.name === "InvalidRequestException") {
      console.log(JSON.stringify({ skipped: "a sync is already running", files }));
      return;
    }
    throw e;
  }
};
`;

/**
 * What DataSync may do with the source bucket: list it (under the prefix) and read its objects,
 * and decrypt them with the bucket's key when it has one (AWS DataSync User Guide, "Providing
 * DataSync access to S3 buckets"; reading needs no write action).
 */
export function sourceReadPolicy(args: {
    bucketArn: string;
    prefix: string;
    kmsKeyArn?: string;
}): PolicyDocument {
    const objects = `${args.bucketArn}/${args.prefix.replace(/^\/+/, "")}*`;
    const statements: PolicyStatement[] = [
        {
            Sid: "ListSourceBucket",
            Effect: "Allow",
            Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
            Resource: args.bucketArn,
        },
        {
            Sid: "ReadSourceObjects",
            Effect: "Allow",
            Action: [
                "s3:GetObject",
                "s3:GetObjectTagging",
                "s3:GetObjectVersion",
                "s3:GetObjectVersionTagging",
            ],
            Resource: objects,
        },
    ];
    if (args.kmsKeyArn) {
        statements.push({
            Sid: "DecryptSourceObjects",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: args.kmsKeyArn,
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * The log group's resource policy: DataSync writes a task's logs only for this account's tasks
 * (confused-deputy conditions, as the DataSync User Guide's example has them).
 */
export function dataSyncLogPolicy(args: {
    logGroupArn: string;
    accountId: string;
    partition: string;
    region: string;
}): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DataSyncWritesTaskLogs",
                Effect: "Allow",
                Principal: { Service: "datasync.amazonaws.com" },
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `${args.logGroupArn}:*`,
                Condition: {
                    StringEquals: { "aws:SourceAccount": args.accountId },
                    ArnLike: {
                        "aws:SourceArn": `arn:${args.partition}:datasync:${args.region}:${args.accountId}:task/*`,
                    },
                },
            },
        ],
    };
}
