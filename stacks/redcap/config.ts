import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
    ACCOUNT_SINGLETON_NAMES,
    singletonProblem,
} from "../../components/auditBaseline/accountSingletons";
import { ENDPOINTS_REQUIRED_WITHOUT_NAT } from "../../components/hipaaVpc/options";
import { planSubnets, SubnetPlanError } from "../../components/hipaaVpc/subnetPlan";
import {
    backtrackAvailableIn,
    parseEngineVersion,
    SCALE_TO_ZERO_MIN_MINOR,
    windowsOverlap,
} from "../../components/redcapDatabase/settings";
import { MAX_STACK_TAGS, REQUIRED_TAG_KEYS } from "../../components/tags";
import type { TLS_POLICIES } from "../../components/publicLoadBalancer/tlsPolicies";
import { checkFargateSize } from "../../components/fargateService/fargateSize";
import { sleepCrons, type SleepCrons } from "../../components/fargateService/sleepSchedule";
import { type SignIn, signInProblems } from "../../components/redcapService/signIn";
import {
    externalModulesProblems,
    languagesProblems,
} from "../../components/redcapImage/imageExtras";
import {
    type AccessDefaults,
    type AppDefaults,
    type AuditDefaults,
    type BackupDefaults,
    type DatabaseDefaults,
    definedOnly,
    ENVIRONMENT_DEFAULTS,
    type FileStoreDefaults,
    type NetworkDefaults,
    networkWithDefaults,
    stackTags,
} from "../defaults";
import { sleepPrefixMax } from "../../components/monitoring/scheduleNames";
import { isConfigSecret, parseConfigKeys } from "../configKeys";
import { stackNamePrefix } from "../namePrefix";
import { MIN_PRODUCTION_CLUSTER_INSTANCES } from "../policyFloors";
import { ConfigError, type ConfigProblem, safeText } from "../problems";
import {
    CONFIG_KEYS,
    type ConfigKey,
    type Environment,
    type AccessInput,
    type AlarmsInput,
    type AppInput,
    type AuditInput,
    type SleepInput,
    type BackupInput,
    type MailInput,
    type DatabaseInput,
    type FileStoreInput,
    type NetworkInput,
    type TagsInput,
} from "../schema";

/** The most alarms a sleeping REDCap silences (program.ts: three, and site-down in us-east-1). */
const SLEEP_ALARMS_MAX = 4;

/** The validated configuration of one stack, with every default applied. */
export interface StackConfig {
    system: "redcap";
    project: string;
    stack: string;
    environment: Environment;
    region: string;
    awsProfile?: string;
    /** When set, the provider refuses to touch any other account. */
    accountId?: string;
    /** Every stack-wide tag, required keys included, keyed by tag key. */
    tags: Record<string, string>;
    domainName?: string;
    network: NetworkDefaults & { cidr: string };
    database: DatabaseDefaults;
    fileStore: FileStoreDefaults & {
        objectLock?: { mode: "GOVERNANCE" | "COMPLIANCE"; days: number };
    };
    backup: BackupDefaults & { copyToRegion?: string };
    /** The app tier; absent when the stack has no `redcap:app`. */
    app?: AppConfig;
    /** Mail for REDCap; present exactly when `app` is. */
    mail?: MailConfig;
    access: AccessDefaults & {
        bastionSchedule?: { timezone: string; start: string; stop: string };
    };
    audit: AuditDefaults & {
        trailObjectLock?: { mode: "GOVERNANCE" | "COMPLIANCE"; days: number };
        /** Other PHI buckets of the account (e.g. another stack's uploads) the trail records. */
        dataEventBuckets: string[];
    };
    /** Non-production awake hours: outside them the app scales to zero (absent: always on). */
    sleep?: SleepCrons;
    /** Who the alert topic emails. */
    alertEmails: string[];
    /** The stack's monthly cost budget in USD; its overrun notifies the alert topic. */
    monthlyBudgetUsd: number;
    /** An outside (Route 53) health check of the site, with the app tier (default: no allow-list). */
    siteHealthCheck: boolean;
    logRetentionDays: number;
    protectData: boolean;
}

export interface AppConfig extends Omit<AppDefaults, "sslPolicy"> {
    sslPolicy: (typeof TLS_POLICIES)[number];
    redcapVersion: string;
    /** The REDCap zip: a path (index.ts resolves it against the project folder) or an s3:// URI. */
    redcapZip?: string;
    /** How users sign in (default REDCap's own accounts). */
    signIn: SignIn;
    /** Raised to rebuild the image with Debian's latest security updates. */
    imageRebuild?: number;
    /** Folders built into the image (paths relative to the project folder). */
    externalModules?: string;
    languages?: string;
    imageUri?: string;
    certificateArn?: string;
    hostedZoneId?: string;
    allowedCidrs: string[];
    allowedCountries: string[];
    adminCidrs: string[];
    /** REDCap's first administrator, created by the first install. */
    adminUsername: string;
    adminEmail: string;
}

export interface MailConfig {
    domain: string;
    fromAddress: string;
    notificationEmails: string[];
    requireTls: boolean;
    credentialGeneration: number;
    /** The app's zone, when the mail domain is the app's host name (records are created there). */
    hostedZoneId?: string;
}

/** Where the flat config map came from: stack and project names, and which keys hold secrets. */
export interface ConfigContext {
    stack: string;
    project: string;
    secretKeys?: ReadonlySet<string>;
    /** Keys whose values no message shows, though not secret (resolved values from ESC). */
    hiddenKeys?: ReadonlySet<string>;
    /**
     * The project folder that relative paths in config are read from; when given, the folders
     * built into the image are checked too (their content, not only their names).
     */
    projectDir?: string;
}

/** Namespaces whose keys must all be known: a typo there must not be silently ignored. */
const CHECKED_NAMESPACES = ["redcap", "aws"];

/**
 * Validates a flat Pulumi config map (`{"redcap:network": "{...json...}", "aws:region": "..."}`,
 * the shape `pulumi.runtime.allConfig()` returns) and applies the environment's defaults.
 * Throws one ConfigError listing every problem.
 */
export function parseStackConfig(flat: Record<string, string>, ctx: ConfigContext): StackConfig {
    const { parsed, problems } = parseConfigKeys(flat, CONFIG_KEYS, CHECKED_NAMESPACES, ctx);

    const config = applyDefaults(parsed, ctx);
    if (config) {
        problems.push(...crossFieldProblems(config, parsed));
        problems.push(...imageExtrasProblems(config, ctx.projectDir));
    }
    if (problems.length > 0 || !config) {
        throw new ConfigError(ctx.stack, problems);
    }
    return config;
}

/** Merges what was given over the environment's defaults; undefined when a key it needs is invalid. */
function applyDefaults(
    parsed: Partial<Record<ConfigKey, unknown>>,
    ctx: ConfigContext,
): StackConfig | undefined {
    const environment = parsed["redcap:environment"] as Environment | undefined;
    const region = parsed["aws:region"] as string | undefined;
    const tags = parsed["redcap:tags"] as TagsInput | undefined;
    const network = parsed["redcap:network"] as NetworkInput | undefined;
    if (!environment || !region || !tags || !network) {
        return undefined;
    }
    const defaults = ENVIRONMENT_DEFAULTS[environment];
    return {
        system: "redcap",
        project: ctx.project,
        stack: ctx.stack,
        environment,
        region,
        awsProfile: parsed["aws:profile"] as string | undefined,
        accountId: parsed["redcap:accountId"] as string | undefined,
        tags: stackTags(tags, { project: ctx.project, environment }),
        domainName: parsed["redcap:domainName"] as string | undefined,
        network: networkWithDefaults(network, environment),
        database: {
            ...defaults.database,
            ...definedOnly((parsed["redcap:database"] ?? {}) as DatabaseInput),
        },
        fileStore: {
            ...defaults.fileStore,
            ...definedOnly((parsed["redcap:fileStore"] ?? {}) as FileStoreInput),
        },
        backup: {
            ...defaults.backup,
            ...definedOnly((parsed["redcap:backup"] ?? {}) as BackupInput),
        },
        ...appTier(parsed, defaults.app, tags.owner),
        access: {
            ...defaults.access,
            ...definedOnly((parsed["redcap:access"] ?? {}) as AccessInput),
        },
        audit: {
            ...defaults.audit,
            dataEventBuckets: [],
            ...definedOnly((parsed["redcap:audit"] ?? {}) as AuditInput),
        },
        ...sleepOf(parsed["redcap:sleep"] as SleepInput | undefined),
        alertEmails: (parsed["redcap:alarms"] as AlarmsInput | undefined)?.emails ?? [tags.owner],
        monthlyBudgetUsd:
            (parsed["redcap:alarms"] as AlarmsInput | undefined)?.monthlyBudgetUsd ??
            defaults.monthlyBudgetUsd,
        // Route 53's checkers come from the internet: an allow-list would refuse them.
        siteHealthCheck:
            (parsed["redcap:alarms"] as AlarmsInput | undefined)?.siteHealthCheck ??
            !(
                (parsed["redcap:app"] as AppInput | undefined)?.allowedCidrs?.length ||
                (parsed["redcap:app"] as AppInput | undefined)?.allowedCountries?.length
            ),
        logRetentionDays:
            (parsed["redcap:logRetentionDays"] as number | undefined) ?? defaults.logRetentionDays,
        protectData: (parsed["redcap:protectData"] as boolean | undefined) ?? defaults.protectData,
    };
}

/** The sleep schedule's crons (the schema has checked the awake hours). */
function sleepOf(sleep: SleepInput | undefined): { sleep?: SleepCrons } {
    const crons = sleep && sleepCrons(sleep.schedule, sleep.timezone);
    return crons && !("problem" in crons) ? { sleep: crons } : {};
}

/** The app tier's settings with defaults, and mail's, when `redcap:app` is given. */
function appTier(
    parsed: Partial<Record<ConfigKey, unknown>>,
    defaults: AppDefaults,
    owner: string,
): { app?: AppConfig; mail?: MailConfig } {
    const app = parsed["redcap:app"] as AppInput | undefined;
    if (!app) {
        return {};
    }
    const domainName = (parsed["redcap:domainName"] as string | undefined) ?? "";
    const given = (parsed["redcap:mail"] ?? {}) as MailInput;
    const mailDomain = given.domain ?? domainName;
    return {
        app: {
            ...defaults,
            ...(definedOnly(app) as Partial<AppConfig>),
            sslPolicy: (app.sslPolicy ?? defaults.sslPolicy) as AppConfig["sslPolicy"],
            redcapVersion: app.redcapVersion,
            allowedCidrs: app.allowedCidrs ?? [],
            allowedCountries: app.allowedCountries ?? [],
            adminCidrs: app.adminCidrs ?? [],
            adminUsername: app.adminUsername ?? "redcap_admin",
            adminEmail: app.adminEmail ?? owner,
            signIn: { method: app.signIn?.method ?? "table", ...definedOnly(app.signIn ?? {}) },
        },
        mail: {
            domain: mailDomain,
            fromAddress: given.fromAddress ?? `redcap@${mailDomain}`,
            notificationEmails: given.notificationEmails ?? [owner],
            requireTls: given.requireTls ?? true,
            credentialGeneration: given.credentialGeneration ?? 1,
            hostedZoneId: mailDomain === domainName ? app.hostedZoneId : undefined,
        },
    };
}

/** Rules that involve more than one key, checked on the merged configuration. */
function crossFieldProblems(
    config: StackConfig,
    given: Partial<Record<ConfigKey, unknown>>,
): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const net = config.network;
    const add = (key: string, message: string) =>
        problems.push({ key, message: `${key}: ${message}` });

    if (net.natGateways !== "none" && !net.publicSubnets) {
        add(
            "redcap:network.natGateways",
            `"${net.natGateways}" is not allowed with redcap:network.publicSubnets false; ` +
                `expected "none", because NAT gateways live in public subnets`,
        );
    }
    if (net.natGateways === "none") {
        const missing = ENDPOINTS_REQUIRED_WITHOUT_NAT.filter(
            (s) => !net.interfaceEndpoints.includes(s),
        );
        if (missing.length > 0) {
            add(
                "redcap:network.interfaceEndpoints",
                `${JSON.stringify(net.interfaceEndpoints)} is not allowed with redcap:network.natGateways "none"; ` +
                    `expected it to include ${missing.map((s) => JSON.stringify(s)).join(", ")} ` +
                    `so tasks can pull images, write logs and read secrets without internet access`,
            );
        }
    }
    const duplicates = net.interfaceEndpoints.filter(
        (s, i) => net.interfaceEndpoints.indexOf(s) !== i,
    );
    if (duplicates.length > 0) {
        add(
            "redcap:network.interfaceEndpoints",
            `${JSON.stringify(net.interfaceEndpoints)} is not allowed; expected each service once ` +
                `(repeated: ${[...new Set(duplicates)].join(", ")})`,
        );
    }
    try {
        planSubnets({
            vpcCidr: net.cidr,
            azCount: net.azCount,
            prefixLengths: net.subnetPrefixLengths,
        });
    } catch (e) {
        if (!(e instanceof SubnetPlanError)) {
            throw e;
        }
        add(
            "redcap:network.cidr",
            `${JSON.stringify(net.cidr)} is not allowed; ${e.message}. Expected a larger block or ` +
                `smaller subnets (redcap:network.subnetPrefixLengths)`,
        );
    }
    problems.push(...dataTierProblems(config));
    problems.push(...appTierProblems(config));
    problems.push(...accessAndAuditProblems(config, given));
    const sleepPrefix = stackNamePrefix(config);
    const sleepPrefixRoom = sleepPrefixMax(SLEEP_ALARMS_MAX);
    if (given["redcap:sleep"] !== undefined && config.environment === "prod") {
        add(
            "redcap:sleep",
            `is not allowed when redcap:environment is "prod"; expected it only in non-production ` +
                `stacks: prod serves users and runs REDCap's cron around the clock`,
        );
    } else if (given["redcap:sleep"] !== undefined && !config.app) {
        add(
            "redcap:sleep",
            `is not allowed without redcap:app; expected it only with the app tier it puts to sleep`,
        );
    } else if (given["redcap:sleep"] !== undefined && sleepPrefix.length > sleepPrefixRoom) {
        add(
            "redcap:sleep",
            `is not allowed in a stack named ${JSON.stringify(safeText(config.stack, 80))}: its schedules are named ` +
                `<project>-<stack>-<schedule> and ${JSON.stringify(safeText(sleepPrefix, 80))} leaves no room in ` +
                `EventBridge Scheduler's 64 characters; expected a project and stack name of at most ` +
                `${sleepPrefixRoom} characters together (with the hyphen)`,
        );
    }
    if (config.environment === "prod" && given["redcap:protectData"] === false) {
        add(
            "redcap:protectData",
            `false is not allowed when redcap:environment is "prod"; expected true, so a mistaken ` +
                `pulumi destroy cannot delete patient data or the keys that decrypt it`,
        );
    }
    const tagCount = Object.keys(config.tags).length;
    if (tagCount > MAX_STACK_TAGS) {
        add(
            "redcap:tags",
            `${tagCount} tags are not allowed; expected at most ${MAX_STACK_TAGS} ` +
                `(${REQUIRED_TAG_KEYS.length} required plus extras), leaving room under AWS's limit of 50`,
        );
    }
    return problems;
}

/**
 * The folders built into REDCap's image: not with a ready image, and (with the project folder
 * known) each one a folder of well-formed modules or language files.
 */
function imageExtrasProblems(config: StackConfig, projectDir?: string): ConfigProblem[] {
    const app = config.app;
    const problems: ConfigProblem[] = [];
    for (const [field, check] of [
        ["externalModules", externalModulesProblems],
        ["languages", languagesProblems],
    ] as const) {
        const dir = app?.[field];
        if (!app || dir === undefined) {
            continue;
        }
        const key = `redcap:app.${field}`;
        if (app.imageUri) {
            problems.push({
                key,
                message: `${key}: is not allowed together with redcap:app.imageUri; expected them built into that image, or a zip to build from`,
            });
        } else if (projectDir) {
            const found = check(path.resolve(projectDir, dir));
            if (found.length > 0) {
                problems.push({
                    key,
                    message: `${key}: ${JSON.stringify(dir)} is not allowed; ${found.join("; ")}`,
                });
            }
        }
    }
    return problems;
}

/** Cross-key rules of the app tier (REDCap, its load balancer, firewall and mail). */
function appTierProblems(config: StackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const add = (key: string, message: string) =>
        problems.push({ key, message: `${key}: ${message}` });
    const app = config.app;
    const mail = config.mail;
    if (!app || !mail) {
        return problems;
    }
    if (!config.domainName) {
        add(
            "redcap:domainName",
            "missing; expected the host name REDCap is served at (required with redcap:app)",
        );
    }
    if (!app.redcapZip === !app.imageUri) {
        add(
            "redcap:app.redcapZip",
            app.redcapZip
                ? "is not allowed together with redcap:app.imageUri; expected one of them: a zip to build, or a ready image"
                : "missing; expected the REDCap zip to build the image from, or redcap:app.imageUri for a ready image",
        );
    }
    for (const [key, reason] of signInProblems(app.signIn, "redcap:app.signIn")) {
        add(`redcap:app.signIn.${key}`, reason);
    }
    if (!app.certificateArn && !app.hostedZoneId) {
        add(
            "redcap:app.certificateArn",
            "missing, and so is redcap:app.hostedZoneId; expected one of them, so HTTPS has a certificate " +
                "(an existing ACM certificate, or a Route 53 zone to issue and validate one in)",
        );
    }
    const size = checkFargateSize(app.cpu, app.memory);
    if (size) {
        add(
            "redcap:app.memory",
            `${app.memory} is not allowed with redcap:app.cpu ${app.cpu}; ${size.replace(/^.*?; /, "")}`,
        );
    }
    if (app.minTasks > app.maxTasks) {
        add(
            "redcap:app.minTasks",
            `${app.minTasks} is not allowed; expected at most redcap:app.maxTasks (${app.maxTasks})`,
        );
    }
    if (!mail.fromAddress.toLowerCase().endsWith(`@${mail.domain}`)) {
        add(
            "redcap:mail.fromAddress",
            `${JSON.stringify(mail.fromAddress)} is not allowed; expected an address @${mail.domain}, the domain SES verifies`,
        );
    }
    if (
        config.network.natGateways === "none" &&
        !config.network.interfaceEndpoints.includes("email-smtp")
    ) {
        add(
            "redcap:network.interfaceEndpoints",
            `${JSON.stringify(config.network.interfaceEndpoints)} is not allowed with redcap:app and natGateways "none"; ` +
                `expected it to include "email-smtp", so REDCap can reach SES`,
        );
    }
    return problems;
}

/** Cross-key rules of operator access and the account's audit baseline. */
function accessAndAuditProblems(
    config: StackConfig,
    given: Partial<Record<ConfigKey, unknown>>,
): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const add = (key: string, message: string) =>
        problems.push({ key, message: `${key}: ${message}` });
    const access = (given["redcap:access"] ?? {}) as AccessInput;
    if (config.access.mode !== "bastion") {
        for (const key of ["bastionInstanceType", "bastionSchedule"] as const) {
            if (access[key] !== undefined) {
                add(
                    `redcap:access.${key}`,
                    `is not allowed with redcap:access.mode ${JSON.stringify(config.access.mode)}; ` +
                        `expected it only with mode "bastion"`,
                );
            }
        }
    }
    const audit = (given["redcap:audit"] ?? {}) as AuditInput;
    if (!config.audit.accountBaseline) {
        const baselineOnly = Object.keys(audit).filter(
            (k) => k !== "accountBaseline" && audit[k as keyof AuditInput] !== undefined,
        );
        for (const key of baselineOnly) {
            add(
                `redcap:audit.${key}`,
                `is not allowed without redcap:audit.accountBaseline true; expected it only in the ` +
                    `stack that owns the account's audit baseline`,
            );
        }
    }
    for (const which of ACCOUNT_SINGLETON_NAMES) {
        const problem = audit[which] && singletonProblem(which, audit[which]);
        if (problem) {
            add(`redcap:audit.${which}`, problem);
        }
    }
    for (const [flagKey, singleton] of [
        ["guardDuty", "guardDutyDetector"],
        ["securityHub", "securityHubAccount"],
    ] as const) {
        if (audit[singleton] !== undefined && !config.audit[flagKey]) {
            add(
                `redcap:audit.${singleton}`,
                `is not allowed with redcap:audit.${flagKey} false; expected it only when ` +
                    `${flagKey} is on (to leave it to the organization, set its mode to "organization")`,
            );
        }
    }
    const lock = config.audit.trailObjectLock;
    if (lock && lock.days > config.audit.trailRetentionDays) {
        add(
            "redcap:audit.trailObjectLock.days",
            `${lock.days} is not allowed; expected at most redcap:audit.trailRetentionDays ` +
                `(${config.audit.trailRetentionDays}), or old log files could never expire`,
        );
    }
    return problems;
}

/** Cross-key rules of the data tier (database, file store, backups). */
function dataTierProblems(config: StackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const add = (key: string, message: string) =>
        problems.push({ key, message: `${key}: ${message}` });
    const db = config.database;
    if (db.minCapacity > db.maxCapacity) {
        add(
            "redcap:database.minCapacity",
            `${db.minCapacity} is not allowed; expected at most redcap:database.maxCapacity (${db.maxCapacity})`,
        );
    }
    if (config.environment === "prod" && db.readers + 1 < MIN_PRODUCTION_CLUSTER_INSTANCES) {
        add(
            "redcap:database.readers",
            `${db.readers} is not allowed when redcap:environment is "prod"; expected at least ` +
                `${MIN_PRODUCTION_CLUSTER_INSTANCES - 1}, so a reader in another Availability Zone takes ` +
                `over when the writer's fails (the policy pack's rds-multi-az)`,
        );
    }
    const version = parseEngineVersion(db.engineVersion);
    if (db.minCapacity === 0 && version && version.minor < SCALE_TO_ZERO_MIN_MINOR) {
        add(
            "redcap:database.minCapacity",
            `0 is not allowed with redcap:database.engineVersion ${JSON.stringify(db.engineVersion)}; ` +
                `expected at least 0.5, or an engine version 8.0.mysql_aurora.3.08.0 or later, which can pause at 0`,
        );
    }
    if (db.backtrackHours > 0 && !backtrackAvailableIn(config.region)) {
        add(
            "redcap:database.backtrackHours",
            `${db.backtrackHours} is not allowed in ${config.region}; expected 0, because Aurora backtrack is not offered there`,
        );
    }
    if (windowsOverlap(db.backupWindow, db.maintenanceWindow)) {
        add(
            "redcap:database.maintenanceWindow",
            `${JSON.stringify(db.maintenanceWindow)} is not allowed; expected a window that does not overlap ` +
                `redcap:database.backupWindow ${JSON.stringify(db.backupWindow)}`,
        );
    }
    if (config.backup.copyToRegion === config.region) {
        add(
            "redcap:backup.copyToRegion",
            `${JSON.stringify(config.backup.copyToRegion)} is not allowed; expected a region other than aws:region, ` +
                `so the copy survives a regional outage`,
        );
    }
    return problems;
}

/** The config key names this module knows, for tests and docs. */
export const KNOWN_CONFIG_KEYS = Object.keys(CONFIG_KEYS) as ConfigKey[];

/**
 * Reads and validates the current stack's configuration from the Pulumi runtime. Call it before
 * declaring any resource: it throws a ConfigError listing every problem.
 */
export function readStackConfig(): StackConfig {
    const flat = pulumi.runtime.allConfig();
    const secretKeys = new Set(Object.keys(flat).filter((k) => isConfigSecret(k)));
    return parseStackConfig(flat, {
        stack: pulumi.getStack(),
        project: pulumi.getProject(),
        secretKeys,
        // Paths in config are relative to the project folder, two levels up from here.
        projectDir: path.resolve(__dirname, "..", ".."),
    });
}
