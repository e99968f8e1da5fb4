import { resourceRule, stackRule, StackCheck } from "../lib/policy";
import { requireBaselineStack } from "../lib/baseline";
import { anyOf, known, UNKNOWN } from "../lib/unknown";

/**
 * Account-level audit controls (catalogue §4.9). Their existence is checked only in the stack that
 * owns the account baseline; their settings are checked wherever they are declared.
 */

const TRAIL = "aws:cloudtrail/trail:Trail";
// The catalogue's citation for cloudtrail-multi-region (row 83, the HIPAA conformance pack's
// mapping of cloudtrail-enabled and multi-region-cloudtrail-enabled): audit controls 164.312(b)
// and, as the pack maps it, the transmission integrity control 164.312(e)(2)(i).
const TRAIL_AUDIT =
    "164.308(a)(1)(ii)(A), 164.308(a)(1)(ii)(D), 164.308(a)(3)(ii)(A), 164.308(a)(5)(ii)(C), 164.308(a)(6)(ii), 164.312(b), 164.312(e)(2)(i)";

export const cloudtrailMultiRegion = stackRule({
    name: "cloudtrail-multi-region",
    area: "logging-and-audit",
    description:
        "Checks that the stack owning the account baseline has a logging, multi-region CloudTrail trail that includes global service events.",
    citation: TRAIL_AUDIT,
    awsConfig: "cloudtrail-enabled, multi-region-cloudtrail-enabled",
    judges: [TRAIL],
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Declare `aws.cloudtrail.Trail` with `isMultiRegionTrail: true`, `includeGlobalServiceEvents: true` and `enableLogging: true`.",
    check(stack) {
        requireBaselineStack(stack);
        const trails = stack.subjects([TRAIL]);
        const verdicts = trails.map((t) =>
            known(
                () =>
                    t.props.isMultiRegionTrail === true &&
                    t.props.includeGlobalServiceEvents !== false &&
                    t.props.enableLogging !== false,
            ),
        );
        const verdict = anyOf(verdicts);
        if (verdict === true) return;
        if (verdict === UNKNOWN) return stack.undecided();
        stack.report(
            trails.length > 0
                ? "no trail is multi-region, logging and includes global service events"
                : "the account baseline has no CloudTrail trail",
        );
    },
});

export const cloudtrailKms = resourceRule({
    name: "cloudtrail-kms",
    area: "logging-and-audit",
    description: "Checks that CloudTrail trails encrypt log files with a KMS key.",
    citation: "164.312(a)(2)(iv), 164.312(e)(2)(ii)",
    awsConfig: "cloud-trail-encryption-enabled",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `kmsKeyId` to a key whose policy lets cloudtrail.amazonaws.com encrypt for this trail.",
    types: [TRAIL],
    check(props, { report }) {
        if (!props.kmsKeyId) report("kmsKeyId is not set");
    },
});

export const cloudtrailLogValidation = resourceRule({
    name: "cloudtrail-log-validation",
    area: "logging-and-audit",
    description:
        "Checks that CloudTrail trails write digest files so tampering with log files can be detected.",
    citation: "164.312(c)(1), 164.312(c)(2)",
    awsConfig: "cloud-trail-log-file-validation-enabled",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Set `enableLogFileValidation: true`.",
    types: [TRAIL],
    check(props, { report }) {
        if (props.enableLogFileValidation !== true) report("enableLogFileValidation is not true");
    },
});

export const cloudtrailCloudwatchLogs = resourceRule({
    name: "cloudtrail-cloudwatch-logs",
    area: "logging-and-audit",
    description:
        "Checks that CloudTrail trails deliver to CloudWatch Logs, where the security alarms watch them.",
    citation: "164.308(a)(3)(ii)(A), 164.312(b)",
    awsConfig: "cloud-trail-cloud-watch-logs-enabled",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps: "Set `cloudWatchLogsGroupArn` (ending in `:*`) and `cloudWatchLogsRoleArn`.",
    types: [TRAIL],
    check(props, { report }) {
        if (!props.cloudWatchLogsGroupArn || !props.cloudWatchLogsRoleArn)
            report("cloudWatchLogsGroupArn and cloudWatchLogsRoleArn are not both set");
    },
});

export const cloudtrailS3DataEvents = resourceRule({
    name: "cloudtrail-s3-data-events",
    area: "logging-and-audit",
    description:
        "Checks that CloudTrail trails record S3 object-level (data) events, reads as well as writes, so every read of a PHI object is attributable.",
    citation:
        "164.308(a)(1)(ii)(D), 164.308(a)(3)(ii)(A), 164.308(a)(6)(ii), 164.312(a)(2)(i), 164.312(b), 164.312(e)(2)(i)",
    awsConfig: "cloudtrail-s3-dataevents-enabled",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Add an advanced event selector with `eventCategory = Data` and `resources.type = AWS::S3::Object` (optionally limited by `resources.ARN` to the PHI buckets).",
    types: [TRAIL],
    check(props, { report }) {
        // A selector of writes only would leave every read unrecorded.
        const basic = (
            (props.eventSelectors ?? []) as {
                readWriteType?: string;
                dataResources?: { type?: string }[];
            }[]
        ).some(
            (s) =>
                s.readWriteType !== "WriteOnly" &&
                (s.dataResources ?? []).some((d) => d.type === "AWS::S3::Object"),
        );
        const advanced = (
            (props.advancedEventSelectors ?? []) as {
                fieldSelectors?: { field?: string; equals?: string[] }[];
            }[]
        ).some((s) => {
            const equals = (field: string) =>
                (s.fieldSelectors ?? []).find((f) => f.field === field)?.equals ?? [];
            return (
                equals("eventCategory").includes("Data") &&
                equals("resources.type").includes("AWS::S3::Object") &&
                !(equals("readOnly").length === 1 && equals("readOnly")[0] === "false")
            );
        });
        if (!basic && !advanced)
            report("no event selector records S3 data events (AWS::S3::Object), reads included");
    },
});

/** A baseline service that must exist in the baseline stack and must not be switched off. */
function baselineService(spec: {
    name: string;
    description: string;
    citation: string;
    awsConfig: string;
    severity: "high" | "medium";
    enforcementLevel: "mandatory" | "advisory";
    remediationSteps: string;
    type: string;
    label: string;
    off: (props: Record<string, unknown>, stack: StackCheck<object>) => string | undefined;
}) {
    return stackRule({
        ...spec,
        area: "logging-and-audit",
        judges: [spec.type],
        check(stack) {
            const declared = stack.subjects([spec.type]);
            stack.each(declared, (r) => {
                const off = spec.off(r.props, stack);
                if (off) stack.report(`${spec.label}: ${off}`, r);
            });
            requireBaselineStack(stack);
            if (declared.length === 0) stack.report(`the account baseline has no ${spec.label}`);
        },
    });
}

export const guarddutyEnabled = baselineService({
    name: "guardduty-enabled",
    description: "Checks that the stack owning the account baseline enables GuardDuty.",
    citation: "164.308(a)(1)(ii)(D), 164.308(a)(5)(ii)(B), 164.308(a)(6)(ii), 164.312(b)",
    awsConfig: "guardduty-enabled-centralized",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Declare `aws.guardduty.Detector` with `enable: true` (plus S3 and RDS protection through `aws.guardduty.DetectorFeature`).",
    type: "aws:guardduty/detector:Detector",
    label: "GuardDuty detector",
    off: (p) => (p.enable === false ? "declared but switched off (enable: false)" : undefined),
});

export const securityhubEnabled = baselineService({
    name: "securityhub-enabled",
    description: "Checks that the stack owning the account baseline enables Security Hub.",
    citation: "164.308(a)(1)(ii)(D), 164.308(a)(6)(ii)",
    awsConfig: "securityhub-enabled",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Declare `aws.securityhub.Account` (and subscribe to AWS Foundational Security Best Practices), or enable it from the organization's delegated administrator.",
    type: "aws:securityhub/account:Account",
    label: "Security Hub account",
    // Security Hub without a standard collects findings but checks nothing.
    off: (p, stack) =>
        p.enableDefaultStandards === false &&
        !stack.resources.some(
            (r) => r.type === "aws:securityhub/standardsSubscription:StandardsSubscription",
        )
            ? "enableDefaultStandards is false and no StandardsSubscription is declared, so it checks nothing"
            : undefined,
});

export const configRecorderOn = stackRule({
    name: "config-recorder-on",
    area: "logging-and-audit",
    description:
        "Checks that the stack owning the account baseline records every resource type with AWS Config, turns the recorder on and deploys a conformance pack.",
    citation: "164.308(a)(1)(ii)(D), 164.308(a)(8)",
    awsConfig:
        "none (prerequisite of the Operational Best Practices for HIPAA Security conformance pack)",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Declare `aws.cfg.Recorder` (`recordingGroup.allSupported: true`, `includeGlobalResourceTypes: true`), `aws.cfg.DeliveryChannel`, `aws.cfg.RecorderStatus` (`isEnabled: true`) and `aws.cfg.ConformancePack` with the HIPAA template.",
    judges: ["aws:cfg/recorder:Recorder", "aws:cfg/recorderStatus:RecorderStatus"],
    check(stack) {
        stack.each(stack.subjects(["aws:cfg/recorder:Recorder"]), (r) => {
            // AWS's default leaves global resources (IAM users, roles, policies) unrecorded.
            if (
                r.props.recordingGroup?.allSupported !== false &&
                r.props.recordingGroup?.includeGlobalResourceTypes !== true
            )
                stack.report(
                    "recordingGroup.includeGlobalResourceTypes is not true: IAM users, roles and policies go unrecorded",
                    r,
                );
            if (r.props.recordingGroup?.allSupported === false)
                stack.report(
                    "recordingGroup.allSupported is false: some resource types go unrecorded",
                    r,
                );
        });
        stack.each(stack.subjects(["aws:cfg/recorderStatus:RecorderStatus"]), (r) => {
            if (r.props.isEnabled !== true)
                stack.report("isEnabled is not true: the recorder is stopped", r);
        });
        requireBaselineStack(stack);
        for (const [type, label] of [
            ["aws:cfg/recorder:Recorder", "configuration recorder"],
            ["aws:cfg/recorderStatus:RecorderStatus", "recorder status"],
            ["aws:cfg/conformancePack:ConformancePack", "conformance pack"],
        ]) {
            if (!stack.resources.some((r) => r.type === type))
                stack.report(`the account baseline has no AWS Config ${label}`);
        }
    },
});

export const accountBaselinePolicies = [
    cloudtrailMultiRegion,
    cloudtrailKms,
    cloudtrailLogValidation,
    cloudtrailCloudwatchLogs,
    cloudtrailS3DataEvents,
    guarddutyEnabled,
    securityhubEnabled,
    configRecorderOn,
];
