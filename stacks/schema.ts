import { z } from "zod";
import { CONTAINER_INSIGHTS_MODES } from "../components/fargateCluster/fargateCluster";
import { INTERFACE_ENDPOINT_SERVICES, NAT_STRATEGIES } from "../components/hipaaVpc/options";
import { parseIpv4Cidr } from "../components/hipaaVpc/subnetPlan";
import { parseS3Uri } from "../components/redcapImage/zipSource";
import { FARGATE_SIZES } from "../components/fargateService/fargateSize";
import { AWAKE_HOURS_FORMAT, sleepCrons } from "../components/fargateService/sleepSchedule";
import { MIN_RATE_LIMIT } from "../components/webFirewall/wafRules";
import { SINGLETON_MODES } from "../components/auditBaseline/accountSingletons";
import {
    ALLOWED_LOG_RETENTION_DAYS,
    ALLOWED_TLS_POLICIES,
    atLeastDaily,
    MIN_BACKUP_RETENTION_DAYS,
    MIN_DATABASE_BACKUP_RETENTION_DAYS,
    MIN_LOG_RETENTION_DAYS,
    wholeNumberAtLeast,
} from "./policyFloors";
import {
    checkBackupWindow,
    checkMaintenanceWindow,
    parseEngineVersion,
} from "../components/redcapDatabase/settings";
import {
    checkDomainName,
    checkEmail,
    checkAllowListCidr,
    checkRegion,
    checkTagKey,
    checkTagValue,
    checkVpcCidr,
    checkProjectPath,
    checkTimezone,
} from "./syntax";

/**
 * The schema of every stack config key this program reads. Each schema carries its own error text,
 * phrased as "what is allowed", which `problems.ts` puts after "expected". Defaults per
 * environment live in `defaults.ts`; rules across keys live in `redcap/config.ts`.
 */

// ---------------------------------------------------------------- building blocks

const quote = (v: string | number) => JSON.stringify(v);

export const wholeNumber = (min: number, max: number) =>
    z
        .number({ error: () => `a whole number from ${min} to ${max}` })
        .int()
        .min(min)
        .max(max);

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { error: () => `one of ${values.map(quote).join(", ")}` });

export const flag = () => z.boolean({ error: () => "true or false" });

/** A string accepted only when `check` returns no reason; the reason is appended to the message. */
export const text = (allowed: string, check: (value: string) => string | undefined) =>
    z.string({ error: () => allowed }).superRefine((value, ctx) => {
        const reason = check(value);
        if (reason !== undefined) {
            ctx.addIssue({ code: "custom", message: reason ? `${allowed} (${reason})` : allowed });
        }
    });

/** A structured value (YAML mapping) whose unknown keys are refused, naming the allowed ones. */
export const section = <S extends z.ZodRawShape>(shape: S) =>
    z.strictObject(shape, {
        error: (issue) =>
            issue.code === "unrecognized_keys"
                ? `allowed keys are ${Object.keys(shape).join(", ")}`
                : `a mapping with keys ${Object.keys(shape).join(", ")}`,
    });

// ---------------------------------------------------------------- values

export const ENVIRONMENTS = ["dev", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const DATA_CLASSIFICATIONS = ["phi", "pii", "confidential", "internal", "public"] as const;

const TAG_CHARACTERS = "letters, digits, spaces and _ . : / = + - @";
const TAG_VALUE = `a tag value of at most 256 ${TAG_CHARACTERS}`;
const NON_EMPTY_TAG_VALUE = `a non-empty tag value of at most 256 ${TAG_CHARACTERS}`;
const nonEmptyTagValue = (v: string) => (v.trim() === "" ? "" : checkTagValue(v));

// ---------------------------------------------------------------- the keys

export const regionSchema = text("an AWS region code such as us-east-1", checkRegion);
export const profileSchema = text("an AWS CLI profile name", (v) =>
    /^[A-Za-z0-9_.+-]{1,64}$/.test(v) ? undefined : "",
);
export const environmentSchema = oneOf(ENVIRONMENTS);
export const accountIdSchema = text("a 12-digit AWS account id", (v) =>
    /^\d{12}$/.test(v) ? undefined : "",
);
export const domainNameSchema = text(
    "a lower-case DNS name such as redcap.example.edu",
    checkDomainName,
);
export const logRetentionDaysSchema = z
    .number({
        error: () =>
            `a CloudWatch Logs retention of at least ${MIN_LOG_RETENTION_DAYS} days (the policy pack's ` +
            `log-group-retention) or 0 to keep forever: one of ${ALLOWED_LOG_RETENTION_DAYS.join(", ")}`,
    })
    .refine((v) => (ALLOWED_LOG_RETENTION_DAYS as readonly number[]).includes(v));
export const protectDataSchema = flag();

/**
 * `redcap:tags`: the values of the required tags, plus any extra tags. `project` defaults to the
 * Pulumi project name and `environment` always comes from `redcap:environment`.
 */
export const tagsSchema = z
    .object(
        {
            owner: text("an email address of the accountable owner", checkEmail),
            "cost-center": text(NON_EMPTY_TAG_VALUE, nonEmptyTagValue),
            "data-classification": oneOf(DATA_CLASSIFICATIONS).optional(),
            project: text(NON_EMPTY_TAG_VALUE, nonEmptyTagValue).optional(),
            environment: z
                .never({
                    error: () =>
                        "no value here: the environment tag is set from redcap:environment",
                })
                .optional(),
        },
        { error: () => "a mapping of tag keys to values, with at least owner and cost-center" },
    )
    .catchall(text(TAG_VALUE, checkTagValue))
    .superRefine(
        (tags, ctx) => {
            if (tags === null || typeof tags !== "object") {
                return;
            }
            for (const key of Object.keys(tags)) {
                const reason = checkTagKey(key);
                if (reason !== undefined) {
                    ctx.addIssue({
                        code: "custom",
                        path: [key],
                        input: key,
                        params: { badKey: key },
                        message: `a tag key of 1 to 128 ${TAG_CHARACTERS}${reason ? ` (${reason})` : ""}`,
                    });
                }
            }
        },
        // Check keys even when a value failed, so every problem is reported in one run.
        { when: () => true },
    );

export const networkSchema = section({
    cidr: text("a private IPv4 CIDR block from /16 to /24, e.g. 10.40.0.0/16", checkVpcCidr),
    azCount: wholeNumber(2, 3).optional(),
    natGateways: oneOf(NAT_STRATEGIES).optional(),
    publicSubnets: flag().optional(),
    subnetPrefixLengths: section({
        // An ALB needs a /27 or larger subnet with 8 free addresses in each AZ.
        public: wholeNumber(17, 27).optional(),
        private: wholeNumber(17, 28).optional(),
        isolated: wholeNumber(17, 28).optional(),
    }).optional(),
    interfaceEndpoints: z
        .array(oneOf(INTERFACE_ENDPOINT_SERVICES), {
            error: () => `a list drawn from ${INTERFACE_ENDPOINT_SERVICES.map(quote).join(", ")}`,
        })
        .optional(),
});

/** A number of ACU: 0 to 256 in steps of 0.5. */
const capacity = (min: number) =>
    z
        .number({ error: () => `${min} to 256 ACU in steps of 0.5` })
        .min(min)
        .max(256)
        .refine((v) => Number.isInteger(v * 2));

export const databaseSchema = section({
    engineVersion: text("an Aurora MySQL 3 version such as 8.0.mysql_aurora.3.10.4", (v) =>
        parseEngineVersion(v) ? undefined : "",
    ).optional(),
    minCapacity: capacity(0).optional(),
    maxCapacity: capacity(1).optional(),
    autoPauseSeconds: wholeNumber(300, 86400).optional(),
    readers: wholeNumber(0, 15).optional(),
    backupRetentionDays: wholeNumberAtLeast(
        MIN_DATABASE_BACKUP_RETENTION_DAYS,
        35,
        "rds-backup-retention",
    ).optional(),
    backtrackHours: wholeNumber(0, 72).optional(),
    backupWindow: text(
        "hh24:mi-hh24:mi in UTC, at least 30 minutes, e.g. 07:00-08:00",
        checkBackupWindow,
    ).optional(),
    maintenanceWindow: text(
        "ddd:hh24:mi-ddd:hh24:mi in UTC, at least 30 minutes, e.g. sun:08:30-sun:09:30",
        checkMaintenanceWindow,
    ).optional(),
});

export const fileStoreSchema = section({
    noncurrentVersionRetentionDays: wholeNumber(1, 3650).optional(),
    accessLogRetentionDays: wholeNumber(1, 3650).optional(),
    objectLock: section({
        mode: oneOf(["GOVERNANCE", "COMPLIANCE"] as const),
        days: wholeNumber(1, 36500),
    }).optional(),
    accessKeyGeneration: wholeNumber(1, 1_000_000).optional(),
});

export const backupSchema = section({
    retentionDays: wholeNumberAtLeast(
        MIN_BACKUP_RETENTION_DAYS,
        36500,
        "backup-plan-frequency-retention",
    ).optional(),
    schedule: text("an AWS cron expression with six fields, e.g. cron(0 5 * * ? *)", (v) =>
        !/^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/.test(v)
            ? ""
            : atLeastDaily(v)
              ? undefined
              : "at least daily: the policy pack's backup-plan-frequency-retention requires it",
    ).optional(),
    vaultLock: flag().optional(),
    copyToRegion: text("an AWS region code such as us-west-2", checkRegion).optional(),
});

/** A list of IPv4 blocks; `keepsOthersOut` for lists that must never admit the whole internet. */
const cidrList = (what: string, keepsOthersOut = false) =>
    z
        .array(
            text(
                keepsOthersOut
                    ? "an IPv4 CIDR block of the administrators' network, such as 192.0.2.0/24"
                    : "an IPv4 CIDR block such as 192.0.2.0/24",
                (v) => {
                    if (keepsOthersOut) {
                        return checkAllowListCidr(v);
                    }
                    const block = parseIpv4Cidr(v);
                    return "error" in block ? block.error : undefined;
                },
            ),
            { error: () => `a list of IPv4 CIDR blocks (${what})` },
        )
        .optional();

export const appSchema = section({
    redcapVersion: text("a REDCap version such as 15.0.1", (v) =>
        /^\d+\.\d+\.\d+$/.test(v) ? undefined : "",
    ),
    redcapZip: text(
        "the path of the REDCap zip, relative to the project folder, or s3://<bucket>/<key>.zip",
        (v) => {
            if (v.startsWith("s3://")) {
                const location = parseS3Uri(v);
                return "error" in location ? location.error : undefined;
            }
            return checkProjectPath(v);
        },
    ).optional(),
    imageRebuild: wholeNumber(1, 1_000_000).optional(),
    externalModules: text(
        "the path of a folder of REDCap External Modules (<prefix>_v<version>/ each), relative to the project folder",
        checkProjectPath,
    ).optional(),
    languages: text(
        "the path of a folder of REDCap language files (<Language>.ini), relative to the project folder",
        checkProjectPath,
    ).optional(),
    imageUri: text(
        "a container image URI such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/redcap:15.0.1",
        (v) =>
            /^[a-z0-9.-]+(:[0-9]+)?\/[a-z0-9._\/-]+([:@][A-Za-z0-9._:-]+)?$/.test(v)
                ? undefined
                : "",
    ).optional(),
    cpu: z
        .number({
            error: () => `a Fargate CPU size: one of ${Object.keys(FARGATE_SIZES).join(", ")}`,
        })
        .refine((v) => v in FARGATE_SIZES)
        .optional(),
    memory: wholeNumber(512, 122880).optional(),
    architecture: oneOf(["X86_64", "ARM64"] as const).optional(),
    containerInsights: oneOf(CONTAINER_INSIGHTS_MODES).optional(),
    minTasks: wholeNumber(1, 100).optional(),
    maxTasks: wholeNumber(1, 100).optional(),
    cronIntervalSeconds: wholeNumber(30, 3600).optional(),
    timezone: text("an IANA time zone name such as America/Chicago", checkTimezone).optional(),
    uploadMaxMegabytes: wholeNumber(1, 2048).optional(),
    idleTimeoutSeconds: wholeNumber(60, 4000).optional(),
    sslPolicy: oneOf(ALLOWED_TLS_POLICIES).optional(),
    certificateArn: text("an ACM certificate ARN", (v) =>
        /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(v)
            ? undefined
            : "",
    ).optional(),
    hostedZoneId: text("a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ", (v) =>
        /^Z[A-Z0-9]{1,31}$/.test(v) ? undefined : "",
    ).optional(),
    rateLimitPer5Minutes: wholeNumber(MIN_RATE_LIMIT, 2_000_000_000).optional(),
    allowedCidrs: cidrList("who may reach REDCap; empty for everyone"),
    allowedCountries: z
        .array(
            text("an ISO 3166 alpha-2 country code such as US", (v) =>
                /^[A-Z]{2}$/.test(v) ? undefined : "",
            ),
            {
                error: () => "a list of ISO 3166 alpha-2 country codes",
            },
        )
        .optional(),
    adminCidrs: cidrList("who may reach install.php and upgrade.php", true),
    adminUsername: text("a REDCap user name: letters, digits and . _ @ -", (v) =>
        /^[A-Za-z0-9._@-]{1,100}$/.test(v) ? undefined : "",
    ).optional(),
    adminEmail: text("an email address", checkEmail).optional(),
    signIn: section({
        method: oneOf(["table", "ldap", "saml"] as const).optional(),
        ldap: section({
            url: z.string({ error: () => "an ldaps:// URL such as ldaps://ldap.example.edu" }),
            baseDn: z.string({
                error: () => "a distinguished name such as ou=people,dc=example,dc=edu",
            }),
            userAttribute: z.string({ error: () => "an attribute name such as uid" }).optional(),
            bindDn: z
                .string({
                    error: () =>
                        "a distinguished name such as cn=redcap,ou=services,dc=example,dc=edu",
                })
                .optional(),
            userFilter: z.string({ error: () => "an LDAP filter in parentheses" }).optional(),
        }).optional(),
        saml: section({
            idpEntityId: z.string({
                error: () => "the identity provider's entity ID, a URL or URN",
            }),
            idpMetadataUrl: z.string({
                error: () => "the https:// URL of the identity provider's metadata",
            }),
            idpMetadataSigningCertificate: z
                .string({ error: () => "the PEM certificate that signs the metadata" })
                .optional(),
            userAttribute: z
                .string({
                    error: () => "a SAML attribute name such as urn:oid:1.3.6.1.4.1.5923.1.1.1.6",
                })
                .optional(),
            spEntityId: z.string({ error: () => "this site's entity ID, a URL or URN" }).optional(),
        }).optional(),
    }).optional(),
});

export const mailSchema = section({
    fromAddress: text("an email address in the mail domain", checkEmail).optional(),
    domain: text("a lower-case DNS name such as redcap.example.edu", checkDomainName).optional(),
    notificationEmails: z
        .array(text("an email address", checkEmail), { error: () => "a list of email addresses" })
        .optional(),
    requireTls: flag().optional(),
    credentialGeneration: wholeNumber(1, 1_000_000).optional(),
});

const schedulerCron = (example: string) =>
    text(`an EventBridge Scheduler cron expression with six fields, e.g. ${example}`, (v) =>
        /^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/.test(v) ? undefined : "",
    );

export const accessSchema = section({
    mode: oneOf(["ssm", "bastion"] as const).optional(),
    idleTimeoutMinutes: wholeNumber(1, 60).optional(),
    bastionInstanceType: text("an EC2 instance type such as t4g.nano", (v) =>
        /^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(v) ? undefined : "",
    ).optional(),
    bastionSchedule: section({
        timezone: text("an IANA time zone name such as America/Chicago", checkTimezone),
        start: schedulerCron("cron(0 7 ? * MON-FRI *)"),
        stop: schedulerCron("cron(0 19 ? * MON-FRI *)"),
    }).optional(),
});

/** Awake hours of a non-production stack; outside them its services scale to zero. */
export const sleepSchema = section({
    schedule: text(AWAKE_HOURS_FORMAT.replace(/`/g, ""), (v) =>
        "problem" in sleepCrons(v, "UTC") ? "" : undefined,
    ),
    timezone: text("an IANA time zone name such as America/New_York", checkTimezone),
});

/**
 * An account-level singleton's mode (components/auditBaseline/accountSingletons.ts): `adopt`
 * takes `id`, the provider's import id, whose form `redcap/config.ts` checks per singleton.
 */
const singletonMode = oneOf(SINGLETON_MODES);
const importId = text("an import id (see docs/runbooks/first-deployment.md)", (v) =>
    v.length > 0 && v.length <= 2048 ? undefined : "",
);
export const singletonSchema = section({ mode: singletonMode, id: importId.optional() });
export const recorderSchema = section({
    mode: singletonMode,
    id: importId.optional(),
    deliveryChannelId: importId.optional(),
});

export const auditSchema = section({
    accountBaseline: flag().optional(),
    trail: singletonSchema.optional(),
    configRecorder: recorderSchema.optional(),
    guardDutyDetector: singletonSchema.optional(),
    securityHubAccount: singletonSchema.optional(),
    sessionPreferences: singletonSchema.optional(),
    trailRetentionDays: wholeNumber(365, 36500).optional(),
    trailObjectLock: section({
        mode: oneOf(["GOVERNANCE", "COMPLIANCE"] as const),
        days: wholeNumber(1, 36500),
    }).optional(),
    hipaaConformancePack: flag().optional(),
    guardDuty: flag().optional(),
    securityHub: flag().optional(),
    containerImageScanning: flag().optional(),
    dataEventBuckets: z
        .array(
            text("an S3 bucket name", (v) =>
                /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v) ? undefined : "",
            ),
            { error: () => "a list of S3 bucket names" },
        )
        .optional(),
});

/** A stack's monthly cost budget in US dollars (AWS Budgets: at most 2 decimals). */
const BUDGET = "US dollars from 1 to 1000000, at most 2 decimals";
export const monthlyBudgetSchema = z
    .number({ error: () => BUDGET })
    .refine((v) => v >= 1 && v <= 1_000_000 && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, {
        error: () => BUDGET,
    });

export const alarmsSchema = section({
    emails: z
        .array(text("an email address", checkEmail), { error: () => "a list of email addresses" })
        .min(1, "a non-empty list of email addresses")
        .optional(),
    monthlyBudgetUsd: monthlyBudgetSchema.optional(),
    siteHealthCheck: flag().optional(),
});

/** What a parsed value of each key looks like. */
export type TagsInput = z.infer<typeof tagsSchema>;
export type NetworkInput = z.infer<typeof networkSchema>;
export type DatabaseInput = z.infer<typeof databaseSchema>;
export type FileStoreInput = z.infer<typeof fileStoreSchema>;
export type BackupInput = z.infer<typeof backupSchema>;
export type AppInput = z.infer<typeof appSchema>;
export type MailInput = z.infer<typeof mailSchema>;
export type AccessInput = z.infer<typeof accessSchema>;
export type AuditInput = z.infer<typeof auditSchema>;
export type SleepInput = z.infer<typeof sleepSchema>;
export type AlarmsInput = z.infer<typeof alarmsSchema>;

export type { KeySpec, ValueKind } from "./configKeys";
import type { KeySpec } from "./configKeys";

/** Every config key the program reads. Keys in the `redcap` and `aws` namespaces not listed here are errors. */
export const CONFIG_KEYS = {
    "aws:region": {
        kind: "string",
        schema: regionSchema,
        required: true,
        description: "AWS region of every resource.",
    },
    "aws:profile": {
        kind: "string",
        schema: profileSchema,
        required: false,
        description:
            "AWS CLI profile the explicit provider uses (else the usual credential chain).",
    },
    "redcap:environment": {
        kind: "string",
        schema: environmentSchema,
        required: true,
        description: "dev or prod: chooses the defaults below and the environment tag.",
    },
    "redcap:accountId": {
        kind: "string",
        schema: accountIdSchema,
        required: false,
        description: "The only AWS account this stack may deploy to (provider allowedAccountIds).",
    },
    "redcap:tags": {
        kind: "object",
        schema: tagsSchema,
        required: true,
        description:
            "owner (email), cost-center, data-classification (default phi), project; extra tags allowed.",
    },
    "redcap:domainName": {
        kind: "string",
        schema: domainNameSchema,
        required: false,
        description: "Public host name REDCap will be served at (used by the app tier).",
    },
    "redcap:network": {
        kind: "object",
        schema: networkSchema,
        required: true,
        description:
            "cidr, azCount, natGateways, publicSubnets, subnetPrefixLengths, interfaceEndpoints.",
    },
    "redcap:logRetentionDays": {
        kind: "number",
        schema: logRetentionDaysSchema,
        required: false,
        description: "Retention of every CloudWatch log group the stack creates.",
    },
    "redcap:protectData": {
        kind: "boolean",
        schema: protectDataSchema,
        required: false,
        description: "Protect and retain keys and data stores on destroy (must be true in prod).",
    },
    "redcap:database": {
        kind: "object",
        schema: databaseSchema,
        required: false,
        description:
            "engineVersion, minCapacity, maxCapacity, autoPauseSeconds, readers, backupRetentionDays, backtrackHours, backupWindow, maintenanceWindow.",
    },
    "redcap:fileStore": {
        kind: "object",
        schema: fileStoreSchema,
        required: false,
        description:
            "noncurrentVersionRetentionDays, accessLogRetentionDays, objectLock {mode, days}, accessKeyGeneration.",
    },
    "redcap:backup": {
        kind: "object",
        schema: backupSchema,
        required: false,
        description: "retentionDays, schedule, vaultLock, copyToRegion.",
    },
    "redcap:app": {
        kind: "object",
        schema: appSchema,
        required: false,
        description:
            "REDCap itself: version, image source, task size, scaling, certificate, WAF lists. Absent: no app tier.",
    },
    "redcap:mail": {
        kind: "object",
        schema: mailSchema,
        required: false,
        description: "fromAddress, domain, notificationEmails, requireTls, credentialGeneration.",
    },
    "redcap:access": {
        kind: "object",
        schema: accessSchema,
        required: false,
        description:
            "How operators get in: mode (ssm or bastion), idleTimeoutMinutes, bastionInstanceType, bastionSchedule {timezone, start, stop}.",
    },
    "redcap:sleep": {
        kind: "object",
        schema: sleepSchema,
        required: false,
        description:
            "Non-prod only: schedule (awake hours, e.g. weekdays 07:00-19:00) and timezone; outside them REDCap scales to zero and its alarms stop paging.",
    },
    "redcap:audit": {
        kind: "object",
        schema: auditSchema,
        required: false,
        description:
            "accountBaseline (this stack owns the account's CloudTrail, Config, GuardDuty...), trailRetentionDays, trailObjectLock, hipaaConformancePack, guardDuty, securityHub, containerImageScanning, dataEventBuckets; per account-level singleton (trail, configRecorder, guardDutyDetector, securityHubAccount, sessionPreferences) {mode: create, adopt or organization, id (adopt only)}.",
    },
    "redcap:alarms": {
        kind: "object",
        schema: alarmsSchema,
        required: false,
        description:
            "emails: who the alert topic emails (default: the owner tag); monthlyBudgetUsd (default dev 400, prod 1500); siteHealthCheck (default true with an app tier).",
    },
} satisfies Record<string, KeySpec>;

export type ConfigKey = keyof typeof CONFIG_KEYS;
