import { describeCases, R } from "../test/cases";
import { accountBaselinePolicies } from "./accountBaseline";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/audit";
const trail = (props: Record<string, unknown> = {}): R => ({
    type: "aws:cloudtrail/trail:Trail",
    name: "trail",
    props: {
        s3BucketName: "audit-logs",
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogging: true,
        enableLogFileValidation: true,
        kmsKeyId: KEY,
        cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/cloudtrail:*",
        cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/trail-to-logs",
        advancedEventSelectors: [
            {
                name: "S3",
                fieldSelectors: [
                    { field: "eventCategory", equals: ["Data"] },
                    { field: "resources.type", equals: ["AWS::S3::Object"] },
                ],
            },
        ],
        ...props,
    },
});
const workload: R = { type: "aws:s3/bucket:Bucket", name: "uploads", props: {} };
const config: R[] = [
    {
        type: "aws:cfg/recorder:Recorder",
        name: "recorder",
        props: { recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } },
    },
    {
        type: "aws:cfg/recorderStatus:RecorderStatus",
        name: "recorder-status",
        props: { isEnabled: true },
    },
    {
        type: "aws:cfg/conformancePack:ConformancePack",
        name: "hipaa",
        props: { templateS3Uri: "s3://audit/hipaa.yaml" },
    },
];

describe("policy pack: account baseline", () => {
    describeCases(accountBaselinePolicies, {
        "cloudtrail-multi-region": {
            compliant: [{ stack: [trail()] }, { stack: [workload] }],
            violating: [
                {
                    stack: [trail({ isMultiRegionTrail: false })],
                    message: /no trail is multi-region/,
                    unknown: "trail:isMultiRegionTrail",
                },
                {
                    stack: [trail({ includeGlobalServiceEvents: false })],
                    message: /no trail is multi-region, logging and includes global service events/,
                    unknown: "trail:includeGlobalServiceEvents",
                },
                {
                    stack: [trail({ enableLogging: false })],
                    message: /no trail is multi-region, logging and includes global service events/,
                    unknown: "trail:enableLogging",
                },
                {
                    stack: [
                        {
                            type: "aws:guardduty/detector:Detector",
                            name: "gd",
                            props: { enable: true },
                        },
                    ],
                    message: /has no CloudTrail trail/,
                    exemptable: false,
                },
            ],
        },
        "cloudtrail-kms": {
            compliant: [{ stack: [trail()] }],
            violating: [
                {
                    stack: [trail({ kmsKeyId: undefined })],
                    message: /kmsKeyId is not set/,
                    unknown: "trail:kmsKeyId",
                },
            ],
        },
        "cloudtrail-log-validation": {
            compliant: [{ stack: [trail()] }],
            violating: [
                {
                    stack: [trail({ enableLogFileValidation: false })],
                    message: /enableLogFileValidation/,
                    unknown: "trail:enableLogFileValidation",
                },
            ],
        },
        "cloudtrail-cloudwatch-logs": {
            compliant: [{ stack: [trail()] }],
            violating: [
                {
                    stack: [trail({ cloudWatchLogsRoleArn: undefined })],
                    message: /not both set/,
                    unknown: "trail:cloudWatchLogsRoleArn",
                },
                {
                    stack: [trail({ cloudWatchLogsGroupArn: undefined })],
                    message: /cloudWatchLogsGroupArn and cloudWatchLogsRoleArn are not both set/,
                    unknown: "trail:cloudWatchLogsGroupArn",
                },
            ],
        },
        "cloudtrail-s3-data-events": {
            compliant: [
                { stack: [trail()] },
                {
                    stack: [
                        trail({
                            advancedEventSelectors: undefined,
                            eventSelectors: [
                                {
                                    readWriteType: "All",
                                    dataResources: [
                                        { type: "AWS::S3::Object", values: ["arn:aws:s3"] },
                                    ],
                                },
                            ],
                        }),
                    ],
                },
            ],
            violating: [
                {
                    // Writes only: every read of a PHI object would go unrecorded.
                    stack: [
                        trail({
                            advancedEventSelectors: undefined,
                            eventSelectors: [
                                {
                                    readWriteType: "WriteOnly",
                                    dataResources: [
                                        { type: "AWS::S3::Object", values: ["arn:aws:s3"] },
                                    ],
                                },
                            ],
                        }),
                    ],
                    message: /reads included/,
                },
                {
                    stack: [
                        trail({
                            advancedEventSelectors: [
                                {
                                    name: "writes",
                                    fieldSelectors: [
                                        { field: "eventCategory", equals: ["Data"] },
                                        { field: "resources.type", equals: ["AWS::S3::Object"] },
                                        { field: "readOnly", equals: ["false"] },
                                    ],
                                },
                            ],
                        }),
                    ],
                    message: /reads included/,
                },
                {
                    stack: [
                        trail({
                            advancedEventSelectors: [
                                {
                                    name: "mgmt",
                                    fieldSelectors: [
                                        { field: "eventCategory", equals: ["Management"] },
                                    ],
                                },
                            ],
                        }),
                    ],
                    message: /no event selector records S3 data events/,
                    unknown: "trail:advancedEventSelectors",
                },
            ],
        },
        "guardduty-enabled": {
            compliant: [
                {
                    stack: [
                        trail(),
                        {
                            type: "aws:guardduty/detector:Detector",
                            name: "gd",
                            props: { enable: true },
                        },
                    ],
                },
                { stack: [workload] },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:guardduty/detector:Detector",
                            name: "gd",
                            props: { enable: false },
                        },
                    ],
                    message: /switched off/,
                    unknown: "gd:enable",
                },
                { stack: [trail()], message: /has no GuardDuty detector/, exemptable: false },
            ],
        },
        "securityhub-enabled": {
            compliant: [
                {
                    stack: [
                        trail(),
                        {
                            type: "aws:securityhub/account:Account",
                            name: "hub",
                            props: { enableDefaultStandards: true },
                        },
                    ],
                },
                // No default standards, but one subscribed explicitly.
                {
                    stack: [
                        trail(),
                        {
                            type: "aws:securityhub/account:Account",
                            name: "hub",
                            props: { enableDefaultStandards: false },
                        },
                        {
                            type: "aws:securityhub/standardsSubscription:StandardsSubscription",
                            name: "fsbp",
                            props: {
                                standardsArn:
                                    "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
                            },
                        },
                    ],
                },
            ],
            violating: [
                { stack: [trail()], message: /has no Security Hub account/, exemptable: false },
                {
                    stack: [
                        {
                            type: "aws:securityhub/account:Account",
                            name: "hub",
                            props: { enableDefaultStandards: false },
                        },
                    ],
                    message: /checks nothing/,
                    unknown: "hub:enableDefaultStandards",
                },
            ],
        },
        "config-recorder-on": {
            compliant: [{ stack: [trail(), ...config] }, { stack: [workload] }],
            violating: [
                {
                    stack: [config[1], config[0], config[2]].map((r) =>
                        r.name === "recorder-status" ? { ...r, props: { isEnabled: false } } : r,
                    ),
                    message: /the recorder is stopped/,
                    unknown: "recorder-status:isEnabled",
                },
                {
                    stack: [trail()],
                    message: /no AWS Config configuration recorder/,
                    exemptable: false,
                },
                {
                    // AWS's default records no global resources (IAM).
                    stack: [
                        { ...config[0], props: { recordingGroup: { allSupported: true } } },
                        config[1],
                        config[2],
                    ],
                    message: /includeGlobalResourceTypes is not true/,
                    unknown: "recorder:recordingGroup",
                },
                {
                    stack: [
                        {
                            ...config[0],
                            props: {
                                recordingGroup: {
                                    allSupported: false,
                                    resourceTypes: ["AWS::S3::Bucket"],
                                },
                            },
                        },
                        config[1],
                        config[2],
                    ],
                    message: /allSupported is false/,
                },
            ],
        },
    });
});
