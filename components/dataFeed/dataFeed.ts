import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type PolicyStatement, serviceTrustPolicy } from "../iam/policyDocument";
import { createRoleWithPolicy, createServiceRole } from "../iam/serviceRole";
import { LOG_RETENTION_DAYS } from "../logRetention";
import { efsClientStatement } from "../sharedFileSystem/fileSystemPolicy";
import { dataSyncLogPolicy, sourceReadPolicy, START_SYNC_HANDLER } from "./dataFeedPolicies";

export interface DataFeedArgs {
    /** Names AWS sees (task, log policy), unique per account and region, e.g. `rstudio-prod`. */
    namePrefix: string;
    /** The bucket the data comes from: this account's or a central data account's. */
    source: {
        bucketArn: pulumi.Input<string>;
        /** Only objects under this prefix, e.g. `cohort-2026/`. Default: the whole bucket. */
        prefix?: string;
        /** The key the objects are encrypted with, when it is a customer key. */
        kmsKeyArn?: pulumi.Input<string>;
        /** The bucket owner's account: S3 may start a sync only for it. Default this account. */
        accountId?: string;
        /**
         * Configure the bucket here to send its object events (under the prefix) to the sync
         * function. Only for a bucket this stack owns: S3 keeps one notification configuration per
         * bucket, and this one replaces any other. Default false (the owner sends them).
         */
        sendEvents?: boolean;
    };
    /** Where the copy goes: a shared file system's access point (its folder and POSIX user). */
    destination: {
        fileSystemArn: pulumi.Input<string>;
        accessPointArn: pulumi.Input<string>;
        /** A private subnet where DataSync's network interfaces go (an AZ with a mount target). */
        subnetId: pulumi.Input<string>;
        /** Groups that reach the mount targets on NFS (the file system's client group). */
        securityGroupIds: pulumi.Input<string>[];
    };
    /** When to sync, as DataSync takes it (at most hourly). Default every hour on the hour. */
    schedule?: string;
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
}

/** DataSync schedules: `rate(N hours|days)` or a 6-field cron, no more often than hourly. */
const SCHEDULE = /^(rate\(\d+ (hour|hours|day|days)\)|cron\((\S+ ){5}\S+\))$/;
const BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * A copy of an S3 bucket (or a prefix of it) in a shared file system, kept current by AWS DataSync:
 * hourly, and at once when files arrive (a small Lambda starts the sync on the bucket's
 * ObjectCreated events; the bucket's owner sends them to `startSyncFunctionArn`). The copy mirrors
 * the source (files deleted there are deleted here), over TLS, through an access point with IAM
 * authorization; DataSync reads the bucket with a role of its own, which a central data account
 * grants in its bucket policy (docs/runbooks/rstudio.md). No access key anywhere.
 */
export class DataFeed extends pulumi.ComponentResource {
    public readonly taskArn: pulumi.Output<string>;
    /** The role DataSync reads the source with: a central account's bucket policy grants it. */
    public readonly sourceRoleArn: pulumi.Output<string>;
    /** The function S3 events start a sync through. */
    public readonly startSyncFunctionArn: pulumi.Output<string>;
    public readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: DataFeedArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:storage:DataFeed", name, {}, opts);
        const where = `DataFeed ${name}`;
        const schedule = args.schedule ?? "cron(0 * * * ? *)";
        const prefix = args.source.prefix ?? "";
        if (typeof args.source.bucketArn === "string" && !BUCKET_ARN.test(args.source.bucketArn)) {
            throw new Error(
                `${where}: source.bucketArn ${JSON.stringify(args.source.bucketArn)} is not allowed; expected an S3 bucket ARN such as arn:aws:s3:::central-research-data`,
            );
        }
        if (!/^([A-Za-z0-9!_.*'()-]+\/)*$/.test(prefix)) {
            throw new Error(
                `${where}: source.prefix ${JSON.stringify(prefix)} is not allowed; expected folders ending in /, such as cohort-2026/`,
            );
        }
        if (args.source.accountId !== undefined && !/^[0-9]{12}$/.test(args.source.accountId)) {
            throw new Error(
                `${where}: source.accountId ${JSON.stringify(args.source.accountId)} is not allowed; expected a 12-digit AWS account id`,
            );
        }
        if (!SCHEDULE.test(schedule)) {
            throw new Error(
                `${where}: schedule ${JSON.stringify(schedule)} is not allowed; expected rate(N hours) or a cron(...) expression, at most hourly`,
            );
        }
        if (!(LOG_RETENTION_DAYS as readonly number[]).includes(args.logRetentionDays)) {
            throw new Error(`${where}: logRetentionDays ${args.logRetentionDays} is not allowed`);
        }
        const parent = { parent: this };
        const identity = aws.getCallerIdentityOutput({}, parent);
        const partition = aws.getPartitionOutput({}, parent).partition;
        const region = aws.getRegionOutput({}, parent).region;
        // DataSync assumes the roles only for this account's DataSync resources.
        const trust = pulumi
            .all([identity.accountId, partition, region])
            .apply(([accountId, p, r]) =>
                JSON.stringify(
                    serviceTrustPolicy("datasync.amazonaws.com", {
                        StringEquals: { "aws:SourceAccount": accountId },
                        ArnLike: { "aws:SourceArn": `arn:${p}:datasync:${r}:${accountId}:*` },
                    }),
                ),
            );

        // ---- logs: the task's (errors only: file names may be identifying) and the function's
        const logs = new aws.cloudwatch.LogGroup(
            name,
            { kmsKeyId: args.logsKmsKeyArn, retentionInDays: args.logRetentionDays },
            parent,
        );
        new aws.cloudwatch.LogResourcePolicy(
            name,
            {
                policyName: `${args.namePrefix}-datasync`,
                policyDocument: pulumi
                    .all([logs.arn, identity.accountId, partition, region])
                    .apply(([logGroupArn, accountId, p, r]) =>
                        JSON.stringify(
                            dataSyncLogPolicy({ logGroupArn, accountId, partition: p, region: r }),
                        ),
                    ),
            },
            parent,
        );

        // ---- where from: the bucket, read with DataSync's own role
        const sourceRole = createRoleWithPolicy(
            `${name}-source`,
            {
                description: pulumi.interpolate`DataSync reads ${args.source.bucketArn}${prefix ? `/${prefix}` : ""}`,
                trustPolicy: trust,
                policy: pulumi
                    .all([args.source.bucketArn, args.source.kmsKeyArn])
                    .apply(([bucketArn, kmsKeyArn]) =>
                        JSON.stringify(sourceReadPolicy({ bucketArn, prefix, kmsKeyArn })),
                    ),
            },
            this,
        );
        const source = new aws.datasync.S3Location(
            `${name}-source`,
            {
                s3BucketArn: args.source.bucketArn,
                subdirectory: `/${prefix}`,
                s3Config: { bucketAccessRoleArn: sourceRole.role.arn },
            },
            { parent: this, dependsOn: [sourceRole.attachment] },
        );

        // ---- where to: the access point, over TLS, with IAM authorization
        const destinationRole = createRoleWithPolicy(
            `${name}-destination`,
            {
                description: "DataSync writes the copy through its access point",
                trustPolicy: trust,
                policy: pulumi
                    .all([args.destination.fileSystemArn, args.destination.accessPointArn])
                    .apply(([fileSystemArn, accessPointArn]) =>
                        JSON.stringify({
                            Version: "2012-10-17",
                            Statement: [
                                efsClientStatement({
                                    sid: "WriteTheCopy",
                                    fileSystemArn,
                                    accessPointArn,
                                }),
                            ],
                        }),
                    ),
            },
            this,
        );
        const destination = new aws.datasync.EfsLocation(
            `${name}-destination`,
            {
                efsFileSystemArn: args.destination.fileSystemArn,
                accessPointArn: args.destination.accessPointArn,
                fileSystemAccessRoleArn: destinationRole.role.arn,
                inTransitEncryption: "TLS1_2",
                subdirectory: "/",
                ec2Config: {
                    subnetArn: pulumi.interpolate`arn:${partition}:ec2:${region}:${identity.accountId}:subnet/${args.destination.subnetId}`,
                    securityGroupArns: args.destination.securityGroupIds.map(
                        (id) =>
                            pulumi.interpolate`arn:${partition}:ec2:${region}:${identity.accountId}:security-group/${id}`,
                    ),
                },
            },
            { parent: this, dependsOn: [destinationRole.attachment] },
        );

        // ---- the task: a mirror of the source, checked as it is copied
        const task = new aws.datasync.Task(
            name,
            {
                name: `${args.namePrefix}-data-feed`,
                sourceLocationArn: source.arn,
                destinationLocationArn: destination.arn,
                cloudwatchLogGroupArn: logs.arn,
                schedule: { scheduleExpression: schedule },
                options: {
                    transferMode: "CHANGED",
                    verifyMode: "ONLY_FILES_TRANSFERRED",
                    overwriteMode: "ALWAYS",
                    preserveDeletedFiles: "REMOVE",
                    // S3 has no POSIX owners: the access point's user owns every file.
                    posixPermissions: "NONE",
                    uid: "NONE",
                    gid: "NONE",
                    logLevel: "BASIC",
                },
            },
            parent,
        );

        // ---- a sync as soon as files arrive
        const fnLogs = new aws.cloudwatch.LogGroup(
            `${name}-start-sync`,
            {
                name: `/aws/lambda/${args.namePrefix}-start-sync`,
                kmsKeyId: args.logsKmsKeyArn,
                retentionInDays: args.logRetentionDays,
            },
            parent,
        );
        const fnRole = createServiceRole(
            `${name}-start-sync`,
            {
                service: "lambda.amazonaws.com",
                accountId: identity.accountId,
                description: "Starts the data feed's DataSync task when files arrive",
                statements: pulumi
                    .all([task.arn, fnLogs.arn])
                    .apply(([taskArn, logGroupArn]): PolicyStatement[] => [
                        {
                            Sid: "StartTheFeed",
                            Effect: "Allow",
                            Action: ["datasync:StartTaskExecution"],
                            Resource: taskArn,
                        },
                        {
                            Sid: "WriteFunctionLogs",
                            Effect: "Allow",
                            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                            Resource: `${logGroupArn}:*`,
                        },
                    ]),
            },
            this,
        );
        const fn = new aws.lambda.Function(
            `${name}-start-sync`,
            {
                name: `${args.namePrefix}-start-sync`,
                description: "Starts the data feed's DataSync task when files arrive",
                // The newest Node.js runtime: nodejs20.x is deprecated (April 2026), nodejs22.x follows in 2027.
                runtime: "nodejs24.x",
                handler: "index.handler",
                role: fnRole.role.arn,
                code: new pulumi.asset.AssetArchive({
                    "index.mjs": new pulumi.asset.StringAsset(START_SYNC_HANDLER),
                }),
                timeout: 30,
                memorySize: 128,
                // Bursts of uploads start one sync; the rest find it running.
                reservedConcurrentExecutions: 1,
                environment: { variables: { TASK_ARN: task.arn } },
                loggingConfig: { logFormat: "Text", logGroup: fnLogs.name },
            },
            { parent: this, dependsOn: fnRole.ready },
        );
        // S3 may invoke it for this bucket only, on behalf of the bucket's owner.
        const invoke = new aws.lambda.Permission(
            `${name}-start-sync`,
            {
                function: fn.name,
                action: "lambda:InvokeFunction",
                principal: "s3.amazonaws.com",
                sourceArn: args.source.bucketArn,
                sourceAccount: args.source.accountId ?? identity.accountId,
            },
            parent,
        );
        if (args.source.sendEvents) {
            // Deletions too: the copy mirrors the source, so a removed file should leave at once.
            new aws.s3.BucketNotification(
                `${name}-start-sync`,
                {
                    bucket: pulumi
                        .output(args.source.bucketArn)
                        .apply((arn) => arn.split(":::")[1]),
                    lambdaFunctions: [
                        {
                            lambdaFunctionArn: fn.arn,
                            events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"],
                            filterPrefix: prefix || undefined,
                        },
                    ],
                },
                // S3 checks that it may invoke the function when the configuration is saved.
                { parent: this, dependsOn: [invoke] },
            );
        }

        this.taskArn = task.arn;
        this.sourceRoleArn = sourceRole.role.arn;
        this.startSyncFunctionArn = fn.arn;
        this.logGroupName = logs.name;
        this.registerOutputs({ taskArn: this.taskArn, sourceRoleArn: this.sourceRoleArn });
    }
}
