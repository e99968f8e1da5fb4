import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
    CREATE_ALL,
    type SingletonSettings,
    singletonProblem,
} from "../../components/auditBaseline/accountSingletons";
import { checkFargateSize } from "../../components/fargateService/fargateSize";
import { MAX_STACK_TAGS, REQUIRED_TAG_KEYS } from "../../components/tags";
import { isConfigSecret, type KeySpec, parseConfigKeys } from "../configKeys";
import {
    type BackupDefaults,
    definedOnly,
    ENVIRONMENT_DEFAULTS,
    type NetworkDefaults,
    networkWithDefaults,
    stackTags,
} from "../defaults";
import { ConfigError, type ConfigProblem } from "../problems";
import {
    accountIdSchema,
    backupSchema,
    CONFIG_KEYS,
    domainNameSchema,
    type Environment,
    environmentSchema,
    flag,
    logRetentionDaysSchema,
    monthlyBudgetSchema,
    networkSchema,
    oneOf,
    protectDataSchema,
    recorderSchema,
    section,
    singletonSchema,
    type TagsInput,
    tagsSchema,
    text,
    wholeNumber,
    type BackupInput,
    type NetworkInput,
} from "../schema";
import { checkAllowListCidr, checkEmail } from "../syntax";

/**
 * The configuration of an RStudio/Shiny stack (`platform:system: rstudio`): RStudio Server, one
 * container per user or one shared, and Shiny Server scaled out, on the platform's components.
 * Keys live in the `rstudio` namespace; unknown ones are refused.
 */

/** A container image by digest, so what runs is exactly what was reviewed. */
const imageSchema = text(
    "an image URI pinned by digest, such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/rstudio@sha256:<64 hex>",
    (v) =>
        /^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)+@sha256:[0-9a-f]{64}$/.test(v)
            ? undefined
            : v.includes("@sha256:")
              ? "the digest must be sha256 and 64 lower-case hex digits"
              : "a tag can be moved to other content; pin the digest",
);

/** A Linux user name: it names the home folder and the user's sub-domain. */
const USER_NAME = /^[a-z][a-z0-9-]{0,15}$/;
/** The POSIX ids users get: above the ranges images use for their own users, below 2^31. */
export const MIN_USER_UID = 10000;
export const MAX_USER_UID = 2147483646;
/** The group every user belongs to: it owns the shared folder Shiny serves from. */
export const SHARED_GID = 9999;

const userSchema = section({
    name: text(
        "a Linux user name: lower case, digits and -, starting with a letter, at most 16 characters",
        (v) => (USER_NAME.test(v) && !v.endsWith("-") ? undefined : ""),
    ),
    email: text("an email address", checkEmail),
    uid: wholeNumber(MIN_USER_UID, MAX_USER_UID),
});

const sizeShape = {
    cpu: wholeNumber(256, 16384).optional(),
    memory: wholeNumber(512, 122880).optional(),
};

const rstudioSchema = section({
    image: imageSchema,
    /**
     * `perUser`: a container per user, each at `<user>.rstudio.<domain>`, running as that user.
     * `shared`: one container for the whole team, signed in to with one shared account.
     */
    mode: oneOf(["perUser", "shared"] as const).optional(),
    ...sizeShape,
});

const shinySchema = section({
    image: imageSchema,
    minTasks: wholeNumber(1, 50).optional(),
    maxTasks: wholeNumber(1, 50).optional(),
    ...sizeShape,
});

const cidrListSchema = z
    .array(
        text("an IPv4 CIDR block of the users' network, such as 192.0.2.0/24", checkAllowListCidr),
        { error: () => "a list of IPv4 CIDRs" },
    )
    .min(1, { error: () => "at least one CIDR: the apps are reachable only from these addresses" });

const countriesSchema = z.array(
    text("an ISO 3166 alpha-2 country code such as US", (v) =>
        /^[A-Z]{2}$/.test(v) ? undefined : "",
    ),
    { error: () => "a list of ISO 3166 alpha-2 country codes" },
);

const auditSchema = section({
    accountBaseline: flag().optional(),
    trail: singletonSchema.optional(),
    configRecorder: recorderSchema.optional(),
    guardDutyDetector: singletonSchema.optional(),
    sessionPreferences: singletonSchema.optional(),
});
/** The singletons an RStudio stack's baseline has (no Security Hub). */
const RSTUDIO_SINGLETONS = [
    "trail",
    "configRecorder",
    "guardDutyDetector",
    "sessionPreferences",
] as const;

const dataFeedSchema = section({
    sourceBucketArn: text("an S3 bucket ARN such as arn:aws:s3:::central-research-data", (v) =>
        /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v) ? undefined : "",
    ).optional(),
    sourceAccountId: accountIdSchema.optional(),
    prefix: text("folders ending in /, such as cohort-2026/", (v) =>
        /^([A-Za-z0-9!_.*'()-]+\/)+$/.test(v) ? undefined : "",
    ).optional(),
    sourceKmsKeyArn: text("a KMS key ARN", (v) =>
        /^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key\/[0-9a-f-]{36}$/.test(v) ? undefined : "",
    ).optional(),
    schedule: text("rate(N hours) or a cron(...) expression, at most hourly", (v) =>
        /^(rate\(\d+ (hour|hours|day|days)\)|cron\((\S+ ){5}\S+\))$/.test(v) ? undefined : "",
    ).optional(),
});

const zoneIdSchema = text("a Route 53 hosted zone id such as Z0123456789ABC", (v) =>
    /^Z[A-Z0-9]{1,31}$/.test(v) ? undefined : "",
);
const certificateArnSchema = text("an ACM certificate ARN covering every host name", (v) =>
    /^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate\/[0-9a-f-]+$/.test(v) ? undefined : "",
);

/** Every key an RStudio stack reads. Keys in the `rstudio` and `aws` namespaces not listed here are errors. */
export const RSTUDIO_CONFIG_KEYS = {
    // The provider's keys read as in every stack.
    "aws:region": CONFIG_KEYS["aws:region"],
    "aws:profile": CONFIG_KEYS["aws:profile"],
    "rstudio:environment": {
        kind: "string",
        schema: environmentSchema,
        required: true,
        description: "dev or prod: chooses the defaults and the environment tag.",
    },
    "rstudio:accountId": {
        kind: "string",
        schema: accountIdSchema,
        required: false,
        description: "The only AWS account this stack may deploy to.",
    },
    "rstudio:tags": {
        kind: "object",
        schema: tagsSchema,
        required: true,
        description:
            "owner (email), cost-center, data-classification (default phi), project; extra tags allowed.",
    },
    "rstudio:domainName": {
        kind: "string",
        schema: domainNameSchema,
        required: true,
        description:
            "The domain the apps are served under: rstudio.<domain>, shiny.<domain>, <user>.rstudio.<domain>.",
    },
    "rstudio:hostedZoneId": {
        kind: "string",
        schema: zoneIdSchema,
        required: false,
        description:
            "Route 53 zone of the domain: the certificate is validated and the records are created there.",
    },
    "rstudio:certificateArn": {
        kind: "string",
        schema: certificateArnSchema,
        required: false,
        description: "An existing certificate for every host name, instead of hostedZoneId.",
    },
    "rstudio:network": {
        kind: "object",
        schema: networkSchema,
        required: true,
        description:
            "cidr, azCount, natGateways, publicSubnets, subnetPrefixLengths, interfaceEndpoints.",
    },
    "rstudio:users": {
        kind: "object",
        schema: z
            .array(userSchema, { error: () => "a list of users, each with name, email and uid" })
            .min(1, { error: () => "at least one user" })
            .max(50, {
                error: () => "at most 50 users (one certificate, one rule per user's host)",
            }),
        required: true,
        description:
            "The people who use RStudio: name (Linux user), email, uid (POSIX id of their files, never reused).",
    },
    "rstudio:rstudio": {
        kind: "object",
        schema: rstudioSchema,
        required: true,
        description: "RStudio Server: image (by digest), mode (perUser or shared), cpu, memory.",
    },
    "rstudio:shiny": {
        kind: "object",
        schema: shinySchema,
        required: true,
        description: "Shiny Server: image (by digest), minTasks, maxTasks, cpu, memory.",
    },
    "rstudio:allowedCidrs": {
        kind: "object",
        schema: cidrListSchema,
        required: true,
        description:
            "IPv4 CIDRs that may reach RStudio and Shiny (everyone else is refused by the firewall).",
    },
    "rstudio:allowedCountries": {
        kind: "object",
        schema: countriesSchema,
        required: false,
        description: "Countries that may reach them; empty means all.",
    },
    "rstudio:dataFeed": {
        kind: "object",
        schema: dataFeedSchema,
        required: false,
        description:
            "sourceBucketArn, sourceAccountId, prefix, sourceKmsKeyArn, schedule: the bucket DataSync copies into /data hourly and when files arrive; without sourceBucketArn, the stack's own data bucket. Absent: no feed.",
    },
    "rstudio:restores": {
        kind: "object",
        schema: z.array(
            section({
                user: text("a user name of rstudio:users (or rstudio in shared mode)", (v) =>
                    /^[a-z][a-z0-9-]{0,15}$/.test(v) ? undefined : "",
                ),
                folder: text(
                    "the restore job's folder at the file system's root, such as /aws-backup-restore_2026-12-03T01-02-03-471Z",
                    (v) => (/^\/aws-backup-restore_[0-9A-Za-z._-]+$/.test(v) ? undefined : ""),
                ),
            }),
            { error: () => "a list of {user, folder}" },
        ),
        required: false,
        description:
            "Homes restored from a backup, each shown read-only to its owner at /restored until removed (docs/runbooks/rstudio.md).",
    },
    "rstudio:backup": {
        kind: "object",
        schema: backupSchema,
        required: false,
        description:
            "retentionDays, schedule, vaultLock, copyToRegion (copy not yet supported here).",
    },
    "rstudio:logRetentionDays": {
        kind: "number",
        schema: logRetentionDaysSchema,
        required: false,
        description: "Retention of every CloudWatch log group the stack creates.",
    },
    "rstudio:protectData": {
        kind: "boolean",
        schema: protectDataSchema,
        required: false,
        description: "Protect and retain keys and data on destroy (must be true in prod).",
    },
    "rstudio:audit": {
        kind: "object",
        schema: auditSchema,
        required: false,
        description:
            "accountBaseline: whether this stack owns the account's audit baseline (default false); with it, per account-level singleton (trail, configRecorder, guardDutyDetector, sessionPreferences) {mode: create, adopt or organization, id (adopt only)}.",
    },
    "rstudio:alertEmails": {
        kind: "object",
        schema: z.array(text("an email address", checkEmail), {
            error: () => "a list of email addresses",
        }),
        required: false,
        description: "Who the alert topic emails (default: the owner tag).",
    },
    "rstudio:monthlyBudgetUsd": {
        kind: "number",
        schema: monthlyBudgetSchema,
        required: false,
        description: "The stack's monthly cost budget in USD (default dev 400, prod 1500).",
    },
} satisfies Record<string, KeySpec>;

type RstudioKey = keyof typeof RSTUDIO_CONFIG_KEYS;

export interface RstudioUser {
    name: string;
    email: string;
    uid: number;
}

/** The validated configuration of one RStudio/Shiny stack, with every default applied. */
export interface RstudioStackConfig {
    system: "rstudio";
    project: string;
    stack: string;
    environment: Environment;
    region: string;
    awsProfile?: string;
    accountId?: string;
    tags: Record<string, string>;
    domainName: string;
    hostedZoneId?: string;
    certificateArn?: string;
    network: NetworkDefaults & { cidr: string };
    users: RstudioUser[];
    rstudio: { image: string; mode: "perUser" | "shared"; cpu: number; memory: number };
    shiny: { image: string; minTasks: number; maxTasks: number; cpu: number; memory: number };
    allowedCidrs: string[];
    allowedCountries: string[];
    dataFeed?: z.infer<typeof dataFeedSchema>;
    /** Restored homes shown to their owners: account name → the restore job's folder. */
    restores: { account: string; folder: string }[];
    backup: BackupDefaults & { copyToRegion?: string };
    audit: { accountBaseline: boolean } & SingletonSettings;
    alertEmails: string[];
    /** The stack's monthly cost budget in USD; its overrun notifies the alert topic. */
    monthlyBudgetUsd: number;
    logRetentionDays: number;
    protectData: boolean;
}

/** Sizes per environment: one user's R session wants memory more than CPU. */
const SIZE_DEFAULTS: Record<
    Environment,
    {
        rstudio: { cpu: number; memory: number };
        shiny: { cpu: number; memory: number; minTasks: number; maxTasks: number };
    }
> = {
    dev: {
        rstudio: { cpu: 1024, memory: 4096 },
        shiny: { cpu: 512, memory: 1024, minTasks: 1, maxTasks: 2 },
    },
    prod: {
        rstudio: { cpu: 2048, memory: 8192 },
        shiny: { cpu: 1024, memory: 2048, minTasks: 2, maxTasks: 6 },
    },
};

/**
 * Validates a flat Pulumi config map of an RStudio stack and applies the environment's defaults.
 * Throws one ConfigError listing every problem.
 */
export function parseRstudioConfig(
    flat: Record<string, string>,
    ctx: {
        stack: string;
        project: string;
        secretKeys?: ReadonlySet<string>;
        hiddenKeys?: ReadonlySet<string>;
    },
): RstudioStackConfig {
    const { parsed, problems } = parseConfigKeys(
        flat,
        RSTUDIO_CONFIG_KEYS,
        ["rstudio", "aws"],
        ctx,
    );
    for (const key of Object.keys(flat).filter((k) => k.startsWith("redcap:"))) {
        problems.push({
            key,
            message: `${key}: is a REDCap stack's key; this is an RStudio stack (platform:system: rstudio), whose keys are in the rstudio namespace`,
        });
    }
    const config = applyDefaults(parsed, ctx);
    if (config) {
        problems.push(...crossKeyProblems(config, parsed));
    }
    if (problems.length > 0 || !config) {
        throw new ConfigError(ctx.stack, problems);
    }
    return config;
}

function applyDefaults(
    parsed: Partial<Record<RstudioKey, unknown>>,
    ctx: { stack: string; project: string },
): RstudioStackConfig | undefined {
    const environment = parsed["rstudio:environment"] as Environment | undefined;
    const region = parsed["aws:region"] as string | undefined;
    const tags = parsed["rstudio:tags"] as TagsInput | undefined;
    const network = parsed["rstudio:network"] as NetworkInput | undefined;
    const domainName = parsed["rstudio:domainName"] as string | undefined;
    const users = parsed["rstudio:users"] as RstudioUser[] | undefined;
    const rstudio = parsed["rstudio:rstudio"] as z.infer<typeof rstudioSchema> | undefined;
    const shiny = parsed["rstudio:shiny"] as z.infer<typeof shinySchema> | undefined;
    const allowedCidrs = parsed["rstudio:allowedCidrs"] as string[] | undefined;
    if (
        !environment ||
        !region ||
        !tags ||
        !network ||
        !domainName ||
        !users ||
        !rstudio ||
        !shiny ||
        !allowedCidrs
    ) {
        return undefined;
    }
    const defaults = ENVIRONMENT_DEFAULTS[environment];
    const sizes = SIZE_DEFAULTS[environment];
    return {
        system: "rstudio",
        project: ctx.project,
        stack: ctx.stack,
        environment,
        region,
        awsProfile: parsed["aws:profile"] as string | undefined,
        accountId: parsed["rstudio:accountId"] as string | undefined,
        tags: stackTags(tags, { project: ctx.project, environment }),
        domainName,
        hostedZoneId: parsed["rstudio:hostedZoneId"] as string | undefined,
        certificateArn: parsed["rstudio:certificateArn"] as string | undefined,
        network: networkWithDefaults(network, environment),
        users,
        rstudio: {
            image: rstudio.image,
            mode: rstudio.mode ?? "perUser",
            cpu: rstudio.cpu ?? sizes.rstudio.cpu,
            memory: rstudio.memory ?? sizes.rstudio.memory,
        },
        shiny: {
            image: shiny.image,
            minTasks: shiny.minTasks ?? sizes.shiny.minTasks,
            maxTasks: shiny.maxTasks ?? Math.max(sizes.shiny.maxTasks, shiny.minTasks ?? 0),
            cpu: shiny.cpu ?? sizes.shiny.cpu,
            memory: shiny.memory ?? sizes.shiny.memory,
        },
        allowedCidrs,
        allowedCountries: (parsed["rstudio:allowedCountries"] as string[] | undefined) ?? [],
        dataFeed: parsed["rstudio:dataFeed"] as z.infer<typeof dataFeedSchema> | undefined,
        restores: (
            (parsed["rstudio:restores"] as { user: string; folder: string }[] | undefined) ?? []
        ).map((r) => ({ account: r.user, folder: r.folder })),
        backup: {
            ...defaults.backup,
            ...definedOnly((parsed["rstudio:backup"] ?? {}) as BackupInput),
        },
        audit: {
            accountBaseline: false,
            ...CREATE_ALL,
            ...definedOnly((parsed["rstudio:audit"] ?? {}) as z.infer<typeof auditSchema>),
        },
        alertEmails: (parsed["rstudio:alertEmails"] as string[] | undefined) ?? [tags.owner],
        monthlyBudgetUsd:
            (parsed["rstudio:monthlyBudgetUsd"] as number | undefined) ?? defaults.monthlyBudgetUsd,
        logRetentionDays:
            (parsed["rstudio:logRetentionDays"] as number | undefined) ?? defaults.logRetentionDays,
        protectData: (parsed["rstudio:protectData"] as boolean | undefined) ?? defaults.protectData,
    };
}

function crossKeyProblems(
    config: RstudioStackConfig,
    given: Partial<Record<RstudioKey, unknown>>,
): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const add = (key: string, message: string) =>
        problems.push({ key, message: `${key}: ${message}` });
    const audit = (given["rstudio:audit"] ?? {}) as z.infer<typeof auditSchema>;
    for (const which of RSTUDIO_SINGLETONS) {
        const setting = audit[which];
        const problem = setting && singletonProblem(which, setting);
        if (setting && !config.audit.accountBaseline) {
            add(
                `rstudio:audit.${which}`,
                "is not allowed without rstudio:audit.accountBaseline true; expected it only in the stack that owns the account's audit baseline",
            );
        } else if (problem) {
            add(`rstudio:audit.${which}`, problem);
        }
    }
    if (!config.hostedZoneId === !config.certificateArn) {
        add(
            config.hostedZoneId ? "rstudio:certificateArn" : "rstudio:hostedZoneId",
            config.hostedZoneId
                ? "is set together with rstudio:hostedZoneId; expected one of them"
                : "is unset, and so is rstudio:certificateArn; expected one, so HTTPS has a certificate",
        );
    }
    for (const [field, list] of [
        ["name", config.users.map((u) => u.name)],
        ["email", config.users.map((u) => u.email.toLowerCase())],
        ["uid", config.users.map((u) => String(u.uid))],
    ] as const) {
        const seen = new Set<string>();
        list.forEach((value, i) => {
            if (seen.has(value)) {
                add(
                    `rstudio:users[${i}].${field}`,
                    `${JSON.stringify(value)} is not allowed; expected a ${field} no other user has`,
                );
            }
            seen.add(value);
        });
    }
    for (const app of ["rstudio", "shiny"] as const) {
        const size = checkFargateSize(config[app].cpu, config[app].memory);
        if (size) {
            add(`rstudio:${app}`, `${size}`);
        }
    }
    if (config.shiny.maxTasks < config.shiny.minTasks) {
        add(
            "rstudio:shiny.maxTasks",
            `${config.shiny.maxTasks} is not allowed; expected at least minTasks (${config.shiny.minTasks})`,
        );
    }
    // Per-user hosts: `<user>.rstudio.<domain>` must stay a valid DNS name.
    if (config.rstudio.mode === "perUser") {
        for (const [i, user] of config.users.entries()) {
            if (`${user.name}.rstudio.${config.domainName}`.length > 253) {
                add(`rstudio:users[${i}].name`, `makes the host name longer than DNS allows (253)`);
            }
        }
    }
    const accounts =
        config.rstudio.mode === "perUser" ? config.users.map((u) => u.name) : ["rstudio"];
    const restored = new Set<string>();
    config.restores.forEach((r, i) => {
        if (!accounts.includes(r.account)) {
            add(
                `rstudio:restores[${i}].user`,
                `${JSON.stringify(r.account)} is not allowed; expected one of ${accounts.join(", ")}`,
            );
        }
        if (restored.has(r.account)) {
            add(
                `rstudio:restores[${i}].user`,
                `${JSON.stringify(r.account)} is listed twice; expected one restore per user at a time`,
            );
        }
        restored.add(r.account);
    });
    if (config.environment === "prod" && given["rstudio:protectData"] === false) {
        add(
            "rstudio:protectData",
            'false is not allowed when rstudio:environment is "prod"; expected true, so a mistaken pulumi destroy cannot delete research data or the keys that decrypt it',
        );
    }
    const feed = config.dataFeed;
    if (feed && !feed.sourceBucketArn) {
        for (const field of ["sourceAccountId", "sourceKmsKeyArn"] as const) {
            if (feed[field] !== undefined) {
                add(
                    `rstudio:dataFeed.${field}`,
                    "is set without sourceBucketArn; expected it only with a bucket of another account or key (without sourceBucketArn the feed reads the stack's own bucket)",
                );
            }
        }
    }
    if (config.backup.copyToRegion) {
        add(
            "rstudio:backup.copyToRegion",
            "is not supported by RStudio stacks yet; expected it unset",
        );
    }
    if (Object.keys(config.tags).length > MAX_STACK_TAGS) {
        add(
            "rstudio:tags",
            `${Object.keys(config.tags).length} tags are not allowed; expected at most ${MAX_STACK_TAGS} (${REQUIRED_TAG_KEYS.length} required plus extras)`,
        );
    }
    return problems;
}

/** The running stack's RStudio configuration (under `pulumi up` and the offline plan alike). */
export function readRstudioConfig(): RstudioStackConfig {
    const flat = pulumi.runtime.allConfig();
    return parseRstudioConfig(flat, {
        stack: pulumi.getStack(),
        project: pulumi.getProject(),
        secretKeys: new Set(Object.keys(flat).filter((k) => isConfigSecret(k))),
    });
}
