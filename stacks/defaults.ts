import type { ContainerInsightsMode } from "../components/fargateCluster/fargateCluster";
import type { InterfaceEndpointService, NatStrategy } from "../components/hipaaVpc/options";
import type { SubnetTier } from "../components/hipaaVpc/subnetPlan";
import { DEFAULT_ENGINE_VERSION } from "../components/redcapDatabase/args";
import { CREATE_ALL, type SingletonSetting } from "../components/auditBaseline/accountSingletons";
import type { Environment, NetworkInput, TagsInput } from "./schema";

/** Network settings that have a default; the VPC block itself (`cidr`) never does. */
export interface NetworkDefaults {
    /** dev: 2 AZs is enough to test failover; prod: 3 so one AZ loss leaves two. */
    azCount: number;
    /** dev: one NAT gateway (cheaper, single AZ egress); prod: one per AZ so egress survives an AZ loss. */
    natGateways: NatStrategy;
    /** Public subnets hold only the load balancer and NAT gateways. */
    publicSubnets: boolean;
    /** /20 private subnets leave room for many Fargate task ENIs; /24 is plenty for ALB, NAT and databases. */
    subnetPrefixLengths: Record<SubnetTier, number>;
    /**
     * dev: none, traffic to AWS APIs goes through the NAT gateway (each endpoint costs per AZ-hour).
     * prod: the services the app and operators use, so that traffic never leaves the VPC.
     */
    interfaceEndpoints: InterfaceEndpointService[];
}

/** Database settings that have a default. */
export interface DatabaseDefaults {
    engineVersion: string;
    /** dev: 0, so an idle dev database pauses (see the README on REDCap's cron); prod: never below 1 ACU. */
    minCapacity: number;
    maxCapacity: number;
    autoPauseSeconds: number;
    /** prod: one reader in another AZ takes over within a minute if the writer's AZ fails. */
    readers: number;
    /** dev 7 days, prod 35 (the most Aurora keeps) of point-in-time restore. */
    backupRetentionDays: number;
    /** prod: 24 hours of in-place rewind for mistakes found the same day; dev: off. */
    backtrackHours: number;
    backupWindow: string;
    maintenanceWindow: string;
}

export interface FileStoreDefaults {
    /** How long an overwritten or deleted upload stays recoverable. */
    noncurrentVersionRetentionDays: number;
    accessLogRetentionDays: number;
    accessKeyGeneration: number;
}

export interface BackupDefaults {
    /** dev 7 days; prod 35 (AWS Config's HIPAA conformance pack asks for at least 35). */
    retentionDays: number;
    schedule: string;
    /** prod: recovery points cannot be deleted early by anyone once the 3-day grace period ends. */
    vaultLock: boolean;
}

/** App-tier settings that have a default. */
export interface AppDefaults {
    /**
     * dev: 0.5 vCPU / 1 GB, enough for a handful of testers (a third of the tasks' cost); prod:
     * 2 vCPU / 4 GB (REDCap is CPU-heavy; 4 vCPU / 8 GB for busy sites).
     */
    cpu: number;
    memory: number;
    architecture: "X86_64" | "ARM64";
    /**
     * prod: enabled (metrics per service and task family for the dashboard and investigations);
     * dev: disabled, which saves about $18 a month (custom metrics) and raises only the advisory
     * ecs-container-insights; the cron alarm then reads ECS's own free service metrics.
     */
    containerInsights: ContainerInsightsMode;
    /** prod: two tasks so one AZ or one deployment never takes REDCap down. */
    minTasks: number;
    maxTasks: number;
    cronIntervalSeconds: number;
    timezone: string;
    uploadMaxMegabytes: number;
    /** Long enough for REDCap's big exports and reports. */
    idleTimeoutSeconds: number;
    sslPolicy: string;
    rateLimitPer5Minutes: number;
}

/** How operators get in. */
export interface AccessDefaults {
    /** ssm: no instance at all, shells in REDCap's tasks through ECS Exec; bastion adds a tunnel host. */
    mode: "ssm" | "bastion";
    /** Session Manager ends a session idle this long (ECS Exec's own limit is fixed at 20). */
    idleTimeoutMinutes: number;
    /** The smallest Graviton instance: a tunnel needs almost nothing. */
    bastionInstanceType: string;
}

/** The account baseline's settings (used only by the stack with `accountBaseline: true`). */
export interface AuditDefaults {
    /** Off: the baseline exists once per account and region, so exactly one stack must own it. */
    accountBaseline: boolean;
    /** Six years, HIPAA's retention of required documentation (164.316(b)(2)). */
    trailRetentionDays: number;
    hipaaConformancePack: boolean;
    guardDuty: boolean;
    /** Off by default: it costs per check and finding, and many organizations run it centrally. */
    securityHub: boolean;
    /** ECR enhanced (continuous) scanning by Amazon Inspector; off where the organization runs Inspector. */
    containerImageScanning: boolean;
    /**
     * The account-level singletons: `create` in the stack owning the baseline (a fresh account);
     * `adopt` or `organization` where they exist (npm run preflight tells which).
     */
    trail: SingletonSetting;
    configRecorder: SingletonSetting;
    guardDutyDetector: SingletonSetting;
    securityHubAccount: SingletonSetting;
    sessionPreferences: SingletonSetting;
}

/** The defaults that differ between environments, in one place. Every value can be overridden in config. */
export interface EnvironmentDefaults {
    network: NetworkDefaults;
    database: DatabaseDefaults;
    app: AppDefaults;
    fileStore: FileStoreDefaults;
    backup: BackupDefaults;
    access: AccessDefaults;
    audit: AuditDefaults;
    /** One year in both: log groups may hold PHI and are audit evidence (HIPAA 164.312(b)). */
    logRetentionDays: number;
    /** prod: data stores and keys are protected and retained on destroy. */
    protectData: boolean;
    /** Default `data-classification` tag: assume PHI unless told otherwise. */
    dataClassification: string;
    /**
     * The stack's monthly cost budget in USD, shared by REDCap and RStudio: 1.5 to 2 times the
     * costlier system's typical month (docs/runbooks/cost.md: RStudio in dev, REDCap in prod),
     * so only a real overrun pages.
     */
    monthlyBudgetUsd: number;
}

const ACCESS_COMMON: AccessDefaults = {
    mode: "ssm",
    idleTimeoutMinutes: 20,
    bastionInstanceType: "t4g.nano",
};

const AUDIT_COMMON: AuditDefaults = {
    accountBaseline: false,
    trailRetentionDays: 2190,
    hipaaConformancePack: true,
    guardDuty: true,
    securityHub: false,
    containerImageScanning: true,
    ...CREATE_ALL,
};

/** App settings that are the same in every environment. */
const APP_COMMON = {
    architecture: "X86_64",
    cronIntervalSeconds: 60,
    timezone: "UTC",
    uploadMaxMegabytes: 64,
    idleTimeoutSeconds: 900,
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    rateLimitPer5Minutes: 3000,
} as const;

export const ENVIRONMENT_DEFAULTS: Record<Environment, EnvironmentDefaults> = {
    dev: {
        network: {
            azCount: 2,
            natGateways: "single",
            publicSubnets: true,
            subnetPrefixLengths: { public: 24, private: 20, isolated: 24 },
            interfaceEndpoints: [],
        },
        database: {
            engineVersion: DEFAULT_ENGINE_VERSION,
            minCapacity: 0,
            maxCapacity: 2,
            autoPauseSeconds: 3600,
            readers: 0,
            backupRetentionDays: 7,
            backtrackHours: 0,
            backupWindow: "07:00-08:00",
            maintenanceWindow: "sun:08:30-sun:09:30",
        },
        app: {
            cpu: 512,
            memory: 1024,
            containerInsights: "disabled",
            minTasks: 1,
            maxTasks: 2,
            ...APP_COMMON,
        },
        fileStore: {
            noncurrentVersionRetentionDays: 30,
            accessLogRetentionDays: 365,
            accessKeyGeneration: 1,
        },
        // 35 days, as AWS Config's HIPAA rule requires: dev holds PHI too.
        backup: { retentionDays: 35, schedule: "cron(0 5 * * ? *)", vaultLock: false },
        access: ACCESS_COMMON,
        audit: AUDIT_COMMON,
        logRetentionDays: 365,
        protectData: false,
        dataClassification: "phi",
        monthlyBudgetUsd: 400,
    },
    prod: {
        network: {
            azCount: 3,
            natGateways: "perAz",
            publicSubnets: true,
            subnetPrefixLengths: { public: 24, private: 20, isolated: 24 },
            interfaceEndpoints: [
                "ecr.api",
                "ecr.dkr",
                "logs",
                "secretsmanager",
                "ssm",
                "ssmmessages",
                "kms",
                "sts",
            ],
        },
        database: {
            engineVersion: DEFAULT_ENGINE_VERSION,
            minCapacity: 1,
            maxCapacity: 16,
            autoPauseSeconds: 3600,
            readers: 1,
            backupRetentionDays: 35,
            backtrackHours: 24,
            backupWindow: "07:00-08:00",
            maintenanceWindow: "sun:08:30-sun:09:30",
        },
        app: {
            cpu: 2048,
            memory: 4096,
            containerInsights: "enabled",
            minTasks: 2,
            maxTasks: 6,
            ...APP_COMMON,
        },
        fileStore: {
            noncurrentVersionRetentionDays: 365,
            accessLogRetentionDays: 365,
            accessKeyGeneration: 1,
        },
        backup: { retentionDays: 35, schedule: "cron(0 5 * * ? *)", vaultLock: true },
        access: ACCESS_COMMON,
        audit: AUDIT_COMMON,
        logRetentionDays: 365,
        protectData: true,
        dataClassification: "phi",
        monthlyBudgetUsd: 1500,
    },
};

/** `value` without its undefined members, so spreading it over defaults keeps them. */
export function definedOnly<T extends object>(value: T): Partial<T> {
    return Object.fromEntries(
        Object.entries(value).filter(([, v]) => v !== undefined),
    ) as Partial<T>;
}

/** Every stack-wide tag, required keys included, from the `<system>:tags` value and defaults. */
export function stackTags(
    tags: TagsInput,
    ctx: { project: string; environment: Environment },
): Record<string, string> {
    const { environment: _ignored, ...extraTags } = tags;
    return {
        ...extraTags,
        project: tags.project ?? ctx.project,
        environment: ctx.environment,
        owner: tags.owner,
        "data-classification":
            tags["data-classification"] ?? ENVIRONMENT_DEFAULTS[ctx.environment].dataClassification,
        "cost-center": tags["cost-center"],
    };
}

/** The `<system>:network` value over the environment's network defaults. */
export function networkWithDefaults(
    network: NetworkInput,
    environment: Environment,
): NetworkDefaults & { cidr: string } {
    const defaults = ENVIRONMENT_DEFAULTS[environment].network;
    return {
        cidr: network.cidr,
        azCount: network.azCount ?? defaults.azCount,
        natGateways: network.natGateways ?? defaults.natGateways,
        publicSubnets: network.publicSubnets ?? defaults.publicSubnets,
        subnetPrefixLengths: {
            ...defaults.subnetPrefixLengths,
            ...definedOnly(network.subnetPrefixLengths ?? {}),
        },
        interfaceEndpoints: network.interfaceEndpoints ?? [...defaults.interfaceEndpoints],
    };
}
