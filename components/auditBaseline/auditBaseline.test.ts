import { expect } from "chai";
import type { PolicyDocument } from "../iam/policyDocument";
import {
    jsonInput,
    ofType,
    planComponent,
    planRefusal,
    resource,
    statementsBySid,
} from "../../test/harness";
import { AuditBaseline, type AuditBaselineArgs } from "./auditBaseline";
import { SECURITY_ALARMS } from "./securityAlarms";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:alerts";
const BASE: AuditBaselineArgs = {
    namePrefix: "redcap-prod",
    auditKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/audit",
    logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs",
    logRetentionDays: 365,
    phiBucketArns: ["arn:aws:s3:::files-uploads"],
    alertTopicArn: TOPIC,
    protect: true,
};
const planBaseline = (extra: Partial<AuditBaselineArgs> = {}) =>
    planComponent((opts) => new AuditBaseline("audit", { ...BASE, ...extra }, opts));

describe("AuditBaseline", () => {
    it("keeps a multi-region, validated, KMS-encrypted trail delivered to an encrypted log group", async () => {
        const plan = await planBaseline();
        const trail = resource(plan, "aws:cloudtrail/trail:Trail", "audit-trail");
        expect(trail.inputs).to.include({
            name: "redcap-prod-account-trail",
            isMultiRegionTrail: true,
            includeGlobalServiceEvents: true,
            enableLogFileValidation: true,
            enableLogging: true,
            kmsKeyId: BASE.auditKmsKeyArn,
        });
        const bucket = resource(plan, "aws:s3/bucket:Bucket", "audit-trail-logs");
        expect(trail.propertyDependencies.s3BucketName).to.deep.equal([bucket.urn]);
        const group = resource(plan, "aws:cloudwatch/logGroup:LogGroup", "audit-trail-events");
        expect(group.inputs).to.include({ kmsKeyId: BASE.logsKmsKeyArn, retentionInDays: 365 });
        expect(trail.propertyDependencies.cloudWatchLogsGroupArn).to.deep.equal([group.urn]);
        expect(trail.options.protect).to.equal(true);
        expect(bucket.options).to.include({ protect: true, retainOnDelete: true });
    });

    it("records object-level events of the PHI buckets, given by ARN or by name", async () => {
        const plan = await planBaseline({ phiBucketNames: ["redcap-dev-uploads"] });
        const trail = resource(plan, "aws:cloudtrail/trail:Trail", "audit-trail");
        const selectors = trail.inputs.advancedEventSelectors as {
            fieldSelectors: { field: string; startsWiths?: string[] }[];
        }[];
        const arns = selectors.flatMap((s) =>
            s.fieldSelectors.filter((f) => f.field === "resources.ARN"),
        );
        expect(arns).to.deep.equal([
            {
                field: "resources.ARN",
                startsWiths: ["arn:aws:s3:::files-uploads/", "arn:aws:s3:::redcap-dev-uploads/"],
            },
        ]);
    });

    it("stores trail logs in a private, TLS-only, versioned, KMS bucket only this trail writes to", async () => {
        const plan = await planBaseline({ objectLock: { mode: "COMPLIANCE", days: 365 } });
        const sse = resource(
            plan,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "audit-trail-logs",
        );
        expect(JSON.stringify(sse.inputs)).to.include(BASE.auditKmsKeyArn);
        const block = resource(
            plan,
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "audit-trail-logs",
        );
        expect(block.inputs).to.include({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        const versioning = resource(
            plan,
            "aws:s3/bucketVersioning:BucketVersioning",
            "audit-trail-logs",
        );
        expect(versioning.inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
        const lock = resource(
            plan,
            "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
            "audit-trail-logs",
        );
        expect(lock.inputs.rule).to.deep.equal({
            defaultRetention: { mode: "COMPLIANCE", days: 365 },
        });
        const policy = statementsBySid(
            jsonInput<PolicyDocument>(
                resource(plan, "aws:s3/bucketPolicy:BucketPolicy", "audit-trail-logs"),
                "policy",
            ),
        );
        expect(policy.DenyInsecureTransport.Effect).to.equal("Deny");
        expect(policy.CloudTrailWritesLogFiles.Condition?.StringEquals["aws:SourceArn"]).to.match(
            /:trail\/redcap-prod-account-trail$/,
        );
        const withoutLock = await planBaseline();
        expect(
            ofType(
                withoutLock,
                "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
            ),
        ).to.have.length(0);
    });

    it("wires every security alarm to its metric filter and to the alert topic, alarm and OK", async () => {
        const plan = await planBaseline();
        const group = resource(plan, "aws:cloudwatch/logGroup:LogGroup", "audit-trail-events");
        const filters = ofType(plan, "aws:cloudwatch/logMetricFilter:LogMetricFilter");
        const alarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm");
        expect(filters).to.have.length(SECURITY_ALARMS.length);
        expect(alarms).to.have.length(SECURITY_ALARMS.length);
        for (const spec of SECURITY_ALARMS) {
            const filter = filters.find((f) => f.inputs.pattern === spec.pattern);
            expect(filter, spec.name).not.to.equal(undefined);
            expect(filter?.propertyDependencies.logGroupName).to.deep.equal([group.urn]);
            const transform = filter?.inputs.metricTransformation as Record<string, string>;
            const alarm = alarms.find((a) => a.inputs.metricName === transform.name);
            expect(alarm?.inputs, spec.name).to.deep.include({
                namespace: transform.namespace,
                alarmActions: [TOPIC],
                okActions: [TOPIC],
                threshold: spec.threshold,
                comparisonOperator: "GreaterThanOrEqualToThreshold",
            });
        }
    });

    it("turns on AWS Config for every resource type, delivering to the audit bucket with the audit key", async () => {
        const plan = await planBaseline();
        const recorder = resource(plan, "aws:cfg/recorder:Recorder", "audit-config");
        expect(recorder.inputs.recordingGroup).to.deep.equal({
            allSupported: true,
            includeGlobalResourceTypes: true,
        });
        const channel = resource(plan, "aws:cfg/deliveryChannel:DeliveryChannel", "audit-config");
        expect(channel.inputs).to.include({
            s3KmsKeyArn: BASE.auditKmsKeyArn,
            s3KeyPrefix: "config",
        });
        const status = resource(plan, "aws:cfg/recorderStatus:RecorderStatus", "audit-config");
        expect(status.inputs.isEnabled).to.equal(true);
        expect(status.options.dependsOn).to.include(channel.urn);
        const pack = resource(plan, "aws:cfg/conformancePack:ConformancePack", "audit-hipaa");
        expect(pack.inputs.templateS3Uri).to.match(
            /^s3:\/\/.+\/conformance-packs\/Operational-Best-Practices-for-HIPAA-Security\.yaml$/,
        );
        expect(pack.options.dependsOn).to.include(status.urn);
        const template = resource(plan, "aws:s3/bucketObjectv2:BucketObjectv2", "audit-hipaa-pack");
        // A checksum, which S3 requires when the bucket has default object lock retention.
        expect(template.inputs).to.include({ checksumAlgorithm: "SHA256" });
        const noPack = await planBaseline({ hipaaConformancePack: false });
        expect(ofType(noPack, "aws:cfg/conformancePack:ConformancePack")).to.have.length(0);
    });

    it("turns on GuardDuty with S3 and RDS protection and pages on high-severity findings", async () => {
        const plan = await planBaseline();
        const detector = resource(plan, "aws:guardduty/detector:Detector", "audit-guardduty");
        expect(detector.inputs.enable).to.equal(true);
        const features = ofType(plan, "aws:guardduty/detectorFeature:DetectorFeature");
        expect(features.map((f) => f.inputs.name)).to.have.members([
            "S3_DATA_EVENTS",
            "RDS_LOGIN_EVENTS",
        ]);
        for (const f of features) {
            expect(f.inputs.status).to.equal("ENABLED");
            expect(f.propertyDependencies.detectorId).to.deep.equal([detector.urn]);
        }
        const target = resource(
            plan,
            "aws:cloudwatch/eventTarget:EventTarget",
            "audit-guardduty-findings",
        );
        expect(target.inputs.arn).to.equal(TOPIC);
        const off = await planBaseline({ guardDuty: false });
        expect(ofType(off, "aws:guardduty/detector:Detector")).to.have.length(0);
    });

    it("scans every image in the registry continuously with Amazon Inspector, unless the organization does", async () => {
        const plan = await planBaseline();
        const scanning = resource(
            plan,
            "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
            "audit-image-scanning",
        );
        expect(scanning.inputs).to.deep.equal({
            scanType: "ENHANCED",
            rules: [
                {
                    scanFrequency: "CONTINUOUS_SCAN",
                    repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }],
                },
            ],
        });
        const off = await planBaseline({ containerImageScanning: false });
        expect(
            ofType(off, "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration"),
        ).to.have.length(0);
    });

    it("adds Security Hub with the foundational standard only when asked", async () => {
        const off = await planBaseline();
        expect(ofType(off, "aws:securityhub/account:Account")).to.have.length(0);
        const on = await planBaseline({ securityHub: true });
        expect(
            resource(on, "aws:securityhub/account:Account", "audit-securityhub").inputs,
        ).to.include({
            enableDefaultStandards: false,
        });
        expect(
            resource(
                on,
                "aws:securityhub/standardsSubscription:StandardsSubscription",
                "audit-fsbp",
            ).inputs.standardsArn,
        ).to.equal(
            "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
        );
    });

    it("sets the account's password policy, S3 public access block and EBS encryption by default", async () => {
        const plan = await planBaseline();
        const passwords = resource(
            plan,
            "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
            "audit-passwords",
        );
        expect(passwords.inputs).to.include({ minimumPasswordLength: 14, requireSymbols: true });
        expect(
            resource(
                plan,
                "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
                "audit-s3-public-access",
            ).inputs,
        ).to.include({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        expect(
            resource(
                plan,
                "aws:ebs/encryptionByDefault:EncryptionByDefault",
                "audit-ebs-encryption",
            ).inputs.enabled,
        ).to.equal(true);
    });

    it("sets the account's Session Manager preferences only when given", async () => {
        expect(ofType(await planBaseline(), "aws:ssm/document:Document")).to.have.length(0);
        const plan = await planBaseline({
            sessionPreferences: {
                logGroupName: "/redcap-prod/sessions",
                kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/sessions",
                idleTimeoutMinutes: 15,
                maxSessionMinutes: 240,
            },
        });
        const prefs = resource(plan, "aws:ssm/document:Document", "audit-session-preferences");
        expect(prefs.inputs).to.include({
            name: "SSM-SessionManagerRunShell",
            documentType: "Session",
        });
        const content = jsonInput<{ inputs: Record<string, unknown> }>(prefs, "content");
        expect(content.inputs).to.include({
            cloudWatchLogGroupName: "/redcap-prod/sessions",
            cloudWatchEncryptionEnabled: true,
            kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/sessions",
            idleSessionTimeout: "15",
            maxSessionDuration: "240",
        });
    });

    it("lets each service role act only for this account", async () => {
        const plan = await planBaseline();
        for (const name of ["audit-config", "audit-trail-to-logs"]) {
            const trust = jsonInput<PolicyDocument>(
                resource(plan, "aws:iam/role:Role", name),
                "assumeRolePolicy",
            );
            expect(trust.Statement[0].Condition).to.deep.equal({
                StringEquals: { "aws:SourceAccount": "123456789012" },
            });
        }
    });

    for (const [args, needle] of [
        [{ namePrefix: "Redcap Prod" }, 'namePrefix "Redcap Prod" is not allowed'],
        [{ logRetentionDays: 42 }, "logRetentionDays 42 is not allowed"],
        [{ trailRetentionDays: 30 }, "trailRetentionDays 30 is not allowed"],
        [
            { trailRetentionDays: 400, objectLock: { mode: "GOVERNANCE", days: 500 } },
            "objectLock.days 500 is not allowed",
        ],
    ] as [Partial<AuditBaselineArgs>, string][]) {
        it(`refuses ${JSON.stringify(args)} before declaring anything`, async () => {
            const { message, plan } = await planRefusal(
                (opts) => new AuditBaseline("audit", { ...BASE, ...args }, opts),
            );
            expect(message).to.include(needle);
            expect(
                plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:")),
            ).to.have.length(0);
        });
    }
});
