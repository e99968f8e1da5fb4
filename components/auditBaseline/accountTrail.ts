import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createServiceRole } from "../iam/serviceRole";
import { createPrivateBucket } from "../s3/privateBucket";
import { exemptionTags } from "../tags";
import {
    type AuditLocation,
    trailBucketStatements,
    trailEventSelectors,
    trailLogsRoleStatements,
} from "./auditPolicies";
import { adoptOption, type SingletonSetting } from "./accountSingletons";
import { SECURITY_ALARMS, SECURITY_METRIC_NAMESPACE } from "./securityAlarms";

export interface AccountTrailArgs {
    /** Where things live; `bucketArn` is ignored (the bucket is created here). */
    location: pulumi.Output<Omit<AuditLocation, "bucketArn">>;
    auditKmsKeyArn: pulumi.Input<string>;
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** Days log files stay in the audit bucket. */
    retentionDays: number;
    objectLock?: { mode: "GOVERNANCE" | "COMPLIANCE"; days: number };
    phiBucketArns: pulumi.Input<pulumi.Input<string>[]>;
    alertTopicArn: pulumi.Input<string>;
    protect: boolean;
    /** create, adopt (import the trail whose ARN is `id`), or organization (bucket only). */
    mode: SingletonSetting;
}

export interface AccountTrail {
    bucket: aws.s3.Bucket;
    /** What must exist before other writers (AWS Config) use the bucket. */
    bucketReady: pulumi.Resource[];
    /** Absent when the organization's trail records the account. */
    trail?: aws.cloudtrail.Trail;
    logGroup?: aws.cloudwatch.LogGroup;
    alarms: aws.cloudwatch.MetricAlarm[];
}

/**
 * The account's CloudTrail: multi-region, global services, log-file validation, KMS, a dedicated
 * private TLS-only versioned bucket (object lock optional), delivery to an encrypted log group,
 * object-level events on the PHI buckets, and the security alarms on that log group.
 * @internal
 */
export function createAccountTrail(
    name: string,
    args: AccountTrailArgs,
    parent: pulumi.Resource,
): AccountTrail {
    const kept = { parent, protect: args.protect, retainOnDelete: args.protect };
    const { bucket, ready } = createPrivateBucket(
        `${name}-logs`,
        {
            encryption: { kmsKeyArn: args.auditKmsKeyArn },
            // Log files are never rewritten; a noncurrent version only exists if someone tried.
            noncurrentVersionExpirationDays: 30,
            expirationDays: args.retentionDays,
            objectLock: args.objectLock,
            tags: exemptionTags(
                "s3-bucket-access-logging",
                "Log sink: the trail records changes to this bucket, and logging it would need another sink",
            ),
            policyStatements: (bucketArn) =>
                args.location.apply((loc) => trailBucketStatements({ ...loc, bucketArn })),
            protect: args.protect,
        },
        parent,
    );
    if (args.mode.mode === "organization") {
        return { bucket, bucketReady: ready, alarms: [] };
    }
    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-events`,
        {
            name: args.location.apply((loc) => `/aws/cloudtrail/${loc.trailName}`),
            kmsKeyId: args.logsKmsKeyArn,
            retentionInDays: args.logRetentionDays,
        },
        kept,
    );
    const role = createServiceRole(
        `${name}-to-logs`,
        {
            service: "cloudtrail.amazonaws.com",
            accountId: args.location.accountId,
            description: "CloudTrail delivers the account trail to its log group",
            statements: logGroup.arn.apply(trailLogsRoleStatements),
        },
        parent,
    );
    const trail = new aws.cloudtrail.Trail(
        name,
        {
            name: args.location.trailName,
            s3BucketName: bucket.id,
            kmsKeyId: args.auditKmsKeyArn,
            isMultiRegionTrail: true,
            includeGlobalServiceEvents: true,
            enableLogFileValidation: true,
            enableLogging: true,
            cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
            cloudWatchLogsRoleArn: role.role.arn,
            advancedEventSelectors: pulumi
                .output(args.phiBucketArns)
                .apply((arns) => trailEventSelectors(arns)),
        },
        {
            parent,
            protect: args.protect,
            dependsOn: [...ready, ...role.ready],
            ...adoptOption(args.mode),
        },
    );

    const alarms = SECURITY_ALARMS.map((spec) => {
        const filter = new aws.cloudwatch.LogMetricFilter(
            `${name}-${spec.name}`,
            {
                logGroupName: logGroup.name,
                pattern: spec.pattern,
                metricTransformation: {
                    name: spec.metricName,
                    namespace: SECURITY_METRIC_NAMESPACE,
                    value: "1",
                },
            },
            { parent },
        );
        return new aws.cloudwatch.MetricAlarm(
            `${name}-${spec.name}`,
            {
                name: args.location.apply((loc) => `${loc.trailName}-${spec.name}`),
                alarmDescription: spec.description,
                namespace: SECURITY_METRIC_NAMESPACE,
                metricName: spec.metricName,
                statistic: "Sum",
                period: 300,
                evaluationPeriods: 1,
                threshold: spec.threshold,
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                // No matching event means nothing happened, not that monitoring broke.
                treatMissingData: "notBreaching",
                alarmActions: [args.alertTopicArn],
                okActions: [args.alertTopicArn],
            },
            { parent, dependsOn: [filter] },
        );
    });
    return { trail, bucket, bucketReady: ready, logGroup, alarms };
}
