import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { shellDocument } from "../bastionOrSsm/sessionDocuments";
import { createServiceRole } from "../iam/serviceRole";
import { LOG_RETENTION_DAYS } from "../logRetention";
import {
    ACCOUNT_SINGLETON_NAMES,
    adoptOption,
    CREATE_ALL,
    SESSION_PREFERENCES_DOCUMENT,
    type SingletonSettings,
    singletonProblem,
    trailNameOfArn,
} from "./accountSingletons";
import { createAccountTrail } from "./accountTrail";
import {
    bucketArnOf,
    CONFIG_KEY_PREFIX,
    configDeliveryStatements,
    foundationalStandardArn,
    HIPAA_CONFORMANCE_PACK_TEMPLATE_URL,
    PASSWORD_POLICY,
} from "./auditPolicies";

export interface AuditBaselineArgs {
    /** Prefix of the names AWS sees (trail, alarms, recorder role), e.g. `redcap-prod`. */
    namePrefix: string;
    /** Key of the trail's log files, the audit bucket and AWS Config's snapshots. */
    auditKmsKeyArn: pulumi.Input<string>;
    /** Key of the trail's CloudWatch log group. */
    logsKmsKeyArn: pulumi.Input<string>;
    /** Retention of the trail's log group (CloudWatch Logs values). */
    logRetentionDays: number;
    /** Days log files stay in the audit bucket. Default 2190 (six years, HIPAA's documentation retention, 164.316(b)(2)). */
    trailRetentionDays?: number;
    /** Object lock on the audit bucket: no log file can be erased before `days`. Default: none. */
    objectLock?: { mode: "GOVERNANCE" | "COMPLIANCE"; days: number };
    /** Buckets holding PHI whose object reads and writes the trail records (S3 data events). */
    phiBucketArns: pulumi.Input<pulumi.Input<string>[]>;
    /** More such buckets by name, e.g. another stack's uploads bucket in the same account. */
    phiBucketNames?: string[];
    /** The encrypted topic security alarms and high-severity GuardDuty findings go to. */
    alertTopicArn: pulumi.Input<string>;
    /** Deploy AWS's "Operational Best Practices for HIPAA Security" conformance pack. Default true. */
    hipaaConformancePack?: boolean;
    /** GuardDuty with S3 and RDS protection. Default true; false when the organization runs it. */
    guardDuty?: boolean;
    /** Security Hub with AWS Foundational Security Best Practices. Default false (extra cost). */
    securityHub?: boolean;
    /**
     * ECR enhanced scanning: Amazon Inspector scans every image of the account's registry in this
     * region continuously, so a vulnerability published after an image was pushed is still found
     * (basic scan on push sees only the day of the push). Default true; false where the
     * organization's delegated Inspector administrator manages scanning.
     */
    containerImageScanning?: boolean;
    /**
     * The account's Session Manager preferences (the SSM-SessionManagerRunShell document, used by
     * any session started without a document): log to this group, encrypt with this key, time
     * out idle sessions. Unset: the account's preferences are left alone.
     */
    sessionPreferences?: {
        logGroupName: pulumi.Input<string>;
        kmsKeyArn: pulumi.Input<string>;
        idleTimeoutMinutes: number;
        maxSessionMinutes: number;
    };
    /**
     * Per account-level singleton (trail, Config recorder, GuardDuty detector, Security Hub
     * account, Session Manager preferences): create it, adopt an existing one by import, or leave
     * it to the organization. Default: create each (see accountSingletons.ts). GuardDuty and
     * Security Hub are declared at all only when `guardDuty` and `securityHub` are on.
     */
    singletons?: Partial<SingletonSettings>;
    /** Protect the trail, its bucket and log group from `pulumi destroy` (true in prod). */
    protect: boolean;
}

/**
 * The HIPAA audit baseline of one AWS account and region (switch it on in exactly one stack per
 * account): CloudTrail with security alarms, AWS Config with the HIPAA conformance pack,
 * GuardDuty, optionally Security Hub, the IAM password policy, the account's S3 public access
 * block and EBS encryption by default. HIPAA 164.308(a)(1)(ii)(D), 164.312(b), 164.312(c).
 */
export class AuditBaseline extends pulumi.ComponentResource {
    /** Absent when the organization's trail records the account. */
    public readonly trailArn?: pulumi.Output<string>;
    public readonly auditBucketName: pulumi.Output<string>;
    public readonly trailLogGroupName?: pulumi.Output<string>;
    public readonly securityAlarmNames: pulumi.Output<string>[];
    public readonly guardDutyDetectorId?: pulumi.Output<string>;

    constructor(name: string, args: AuditBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:audit:AuditBaseline", name, {}, opts);
        const where = `AuditBaseline ${name}`;
        const a = {
            ...args,
            trailRetentionDays: args.trailRetentionDays ?? 2190,
            hipaaConformancePack: args.hipaaConformancePack ?? true,
            guardDuty: args.guardDuty ?? true,
            securityHub: args.securityHub ?? false,
            containerImageScanning: args.containerImageScanning ?? true,
            singletons: { ...CREATE_ALL, ...args.singletons },
        };
        for (const which of ACCOUNT_SINGLETON_NAMES) {
            const problem = singletonProblem(which, a.singletons[which]);
            if (problem !== undefined) {
                throw new Error(`${where}: singletons.${which}: ${problem}`);
            }
        }
        const modes = a.singletons;
        if (!/^[a-z0-9][a-z0-9-]{0,40}$/.test(a.namePrefix)) {
            throw new Error(
                `${where}: namePrefix "${a.namePrefix}" is not allowed; expected 1 to 41 lower-case letters, digits and hyphens`,
            );
        }
        if (!(LOG_RETENTION_DAYS as readonly number[]).includes(a.logRetentionDays)) {
            throw new Error(
                `${where}: logRetentionDays ${a.logRetentionDays} is not allowed; expected one of ${LOG_RETENTION_DAYS.join(", ")}`,
            );
        }
        if (!Number.isInteger(a.trailRetentionDays) || a.trailRetentionDays < 365) {
            throw new Error(
                `${where}: trailRetentionDays ${a.trailRetentionDays} is not allowed; expected a whole number of at least 365`,
            );
        }
        if (a.objectLock && a.objectLock.days > a.trailRetentionDays) {
            throw new Error(
                `${where}: objectLock.days ${a.objectLock.days} is not allowed; expected at most trailRetentionDays (${a.trailRetentionDays}), ` +
                    `or S3 could not expire the log files`,
            );
        }
        const parent = { parent: this };
        const account = aws.getCallerIdentityOutput({}, parent);
        const region = aws.getRegionOutput({}, parent);
        const partition = aws.getPartitionOutput({}, parent);
        const location = pulumi
            .all([account.accountId, region.region, partition.partition])
            .apply(([accountId, regionName, partitionName]) => ({
                accountId,
                region: regionName,
                partition: partitionName,
                // An adopted trail keeps its name (a renamed trail would be a new trail).
                trailName:
                    modes.trail.mode === "adopt" && modes.trail.id
                        ? trailNameOfArn(modes.trail.id)
                        : `${a.namePrefix}-account-trail`,
            }));

        // ---- CloudTrail, its bucket and log group, the security alarms
        const trail = createAccountTrail(
            `${name}-trail`,
            {
                location,
                auditKmsKeyArn: a.auditKmsKeyArn,
                logsKmsKeyArn: a.logsKmsKeyArn,
                logRetentionDays: a.logRetentionDays,
                retentionDays: a.trailRetentionDays,
                objectLock: a.objectLock,
                phiBucketArns: pulumi
                    .all([pulumi.output(a.phiBucketArns), partition.partition])
                    .apply(([arns, p]) => [
                        ...arns,
                        ...(a.phiBucketNames ?? []).map((bucket) => bucketArnOf(p, bucket)),
                    ]),
                alertTopicArn: a.alertTopicArn,
                protect: a.protect,
                mode: modes.trail,
            },
            this,
        );

        // ---- AWS Config: record every resource type, deliver to the audit bucket
        const recorderMode = modes.configRecorder;
        const recording =
            recorderMode.mode === "organization" ? undefined : this.recordConfig(name, a, trail);
        if (a.hipaaConformancePack) {
            const template = new aws.s3.BucketObjectv2(
                `${name}-hipaa-pack`,
                {
                    bucket: trail.bucket.id,
                    key: "conformance-packs/Operational-Best-Practices-for-HIPAA-Security.yaml",
                    source: new pulumi.asset.RemoteAsset(HIPAA_CONFORMANCE_PACK_TEMPLATE_URL),
                    contentType: "application/yaml",
                    // AWS's public template, not audit data: SSE-S3 lets AWS Config read it
                    // without a grant on the audit key.
                    serverSideEncryption: "AES256",
                    // S3 requires a checksum on uploads to a bucket with default object lock.
                    checksumAlgorithm: "SHA256",
                },
                { parent: this, dependsOn: trail.bucketReady },
            );
            new aws.cfg.ConformancePack(
                `${name}-hipaa`,
                {
                    name: `${a.namePrefix}-hipaa-security`,
                    templateS3Uri: pulumi.interpolate`s3://${template.bucket}/${template.key}`,
                },
                // Under the organization's recorder the pack needs only that recorder to exist.
                { parent: this, dependsOn: [...(recording ? [recording] : []), template] },
            );
        }

        // ---- GuardDuty with S3 and RDS protection; high-severity findings page the alert topic
        if (a.guardDuty) {
            // Under the organization's detector, its findings still reach this account's events.
            if (modes.guardDutyDetector.mode !== "organization") {
                const detector = new aws.guardduty.Detector(
                    `${name}-guardduty`,
                    { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" },
                    { parent: this, protect: a.protect, ...adoptOption(modes.guardDutyDetector) },
                );
                for (const feature of ["S3_DATA_EVENTS", "RDS_LOGIN_EVENTS"]) {
                    new aws.guardduty.DetectorFeature(
                        `${name}-${feature.toLowerCase().replace(/_/g, "-")}`,
                        { detectorId: detector.id, name: feature, status: "ENABLED" },
                        parent,
                    );
                }
                this.guardDutyDetectorId = detector.id;
            }
            const findings = new aws.cloudwatch.EventRule(
                `${name}-guardduty-findings`,
                {
                    description: "GuardDuty findings of high severity (7 and above)",
                    eventPattern: JSON.stringify({
                        source: ["aws.guardduty"],
                        "detail-type": ["GuardDuty Finding"],
                        detail: { severity: [{ numeric: [">=", 7] }] },
                    }),
                },
                parent,
            );
            new aws.cloudwatch.EventTarget(
                `${name}-guardduty-findings`,
                { rule: findings.name, arn: a.alertTopicArn },
                parent,
            );
        }

        // ---- ECR enhanced scanning (Amazon Inspector), continuous, for every repository
        if (a.containerImageScanning) {
            new aws.ecr.RegistryScanningConfiguration(
                `${name}-image-scanning`,
                {
                    scanType: "ENHANCED",
                    rules: [
                        {
                            scanFrequency: "CONTINUOUS_SCAN",
                            repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }],
                        },
                    ],
                },
                parent,
            );
        }

        // ---- Security Hub with the foundational best-practices standard
        if (a.securityHub && modes.securityHubAccount.mode !== "organization") {
            const hub = new aws.securityhub.Account(
                `${name}-securityhub`,
                {
                    enableDefaultStandards: false,
                    controlFindingGenerator: "SECURITY_CONTROL",
                    autoEnableControls: true,
                },
                { parent: this, ...adoptOption(modes.securityHubAccount) },
            );
            new aws.securityhub.StandardsSubscription(
                `${name}-fsbp`,
                {
                    standardsArn: pulumi
                        .all([partition.partition, region.region])
                        .apply(([p, r]) => foundationalStandardArn(p, r)),
                },
                { parent: this, dependsOn: [hub] },
            );
        }

        // ---- account-wide settings
        const prefs = a.sessionPreferences;
        if (prefs && modes.sessionPreferences.mode !== "organization") {
            new aws.ssm.Document(
                `${name}-session-preferences`,
                {
                    // The fixed name Session Manager reads its account preferences from.
                    name: SESSION_PREFERENCES_DOCUMENT,
                    documentType: "Session",
                    documentFormat: "JSON",
                    content: pulumi
                        .all([prefs.logGroupName, prefs.kmsKeyArn])
                        .apply(([logGroupName, kmsKeyId]) =>
                            JSON.stringify(
                                shellDocument({
                                    logGroupName,
                                    kmsKeyId,
                                    idleTimeoutMinutes: prefs.idleTimeoutMinutes,
                                    maxSessionMinutes: prefs.maxSessionMinutes,
                                }),
                            ),
                        ),
                },
                { parent: this, ...adoptOption(modes.sessionPreferences) },
            );
        }
        new aws.iam.AccountPasswordPolicy(`${name}-passwords`, { ...PASSWORD_POLICY }, parent);
        new aws.s3.AccountPublicAccessBlock(
            `${name}-s3-public-access`,
            {
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            parent,
        );
        new aws.ebs.EncryptionByDefault(`${name}-ebs-encryption`, { enabled: true }, parent);

        this.trailArn = trail.trail?.arn;
        this.auditBucketName = trail.bucket.id;
        this.trailLogGroupName = trail.logGroup?.name;
        this.securityAlarmNames = trail.alarms.map((alarm) => alarm.name);
        this.registerOutputs({
            trailArn: this.trailArn,
            auditBucketName: this.auditBucketName,
            trailLogGroupName: this.trailLogGroupName,
        });
    }

    /** AWS Config: record every resource type, deliver to the audit bucket. */
    private recordConfig(
        name: string,
        a: AuditBaselineArgs & { singletons: SingletonSettings },
        trail: ReturnType<typeof createAccountTrail>,
    ): aws.cfg.RecorderStatus {
        const parent = { parent: this };
        const account = aws.getCallerIdentityOutput({}, parent);
        const partition = aws.getPartitionOutput({}, parent);
        const mode = a.singletons.configRecorder;
        // An adopted recorder and channel keep their names (a rename is a new recorder).
        const recorderName = mode.mode === "adopt" && mode.id ? mode.id : "default";
        const channelName = mode.deliveryChannelId ?? "default";
        const configRole = createServiceRole(
            `${name}-config`,
            {
                service: "config.amazonaws.com",
                accountId: account.accountId,
                description: "AWS Config records resource configurations into the audit bucket",
                statements: pulumi
                    .all([trail.bucket.arn, account.accountId, pulumi.output(a.auditKmsKeyArn)])
                    .apply(([bucketArn, accountId, auditKeyArn]) =>
                        configDeliveryStatements({ bucketArn, accountId, auditKeyArn }),
                    ),
                awsManagedPolicyArns: [
                    pulumi.interpolate`arn:${partition.partition}:iam::aws:policy/service-role/AWS_ConfigRole`,
                ],
            },
            this,
        );
        const recorder = new aws.cfg.Recorder(
            `${name}-config`,
            {
                name: recorderName,
                roleArn: configRole.role.arn,
                // Global resources (IAM) are recorded once, in the baseline's region.
                recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
            },
            {
                parent: this,
                protect: a.protect,
                dependsOn: configRole.ready,
                ...adoptOption(mode),
            },
        );
        const channel = new aws.cfg.DeliveryChannel(
            `${name}-config`,
            {
                name: channelName,
                s3BucketName: trail.bucket.id,
                s3KeyPrefix: CONFIG_KEY_PREFIX,
                s3KmsKeyArn: a.auditKmsKeyArn,
                snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
            },
            {
                parent: this,
                dependsOn: [recorder, ...trail.bucketReady],
                ...adoptOption(mode, mode.deliveryChannelId),
            },
        );
        return new aws.cfg.RecorderStatus(
            `${name}-config`,
            { name: recorder.name, isEnabled: true },
            { parent: this, dependsOn: [channel] },
        );
    }
}
