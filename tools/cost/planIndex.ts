import type { AnyStackConfig } from "../../stacks";

/** What the cost model reads of a stack's configuration, whatever its system. */
export type CostConfig = Pick<AnyStackConfig, "region" | "logRetentionDays">;
import type { Plan, PlanResource } from "../synth/plan";
import type { Assumptions } from "./assumptions";
import type { Service } from "./model";
import { HOURS_PER_MONTH, PRICES, type PriceKey } from "./prices";
import { daysPerWeek, weeklyRunningHours } from "./schedule";

/** What the pricers share: the type tokens `T`, the plan index, `Pricer`, `draft` and helpers. */

export const T = {
    nat: "aws:ec2/natGateway:NatGateway",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    eip: "aws:ec2/eip:Eip",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    webAclAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
    cluster: "aws:rds/cluster:Cluster",
    instance: "aws:rds/clusterInstance:ClusterInstance",
    service: "aws:ecs/service:Service",
    ecsCluster: "aws:ecs/cluster:Cluster",
    scalingTarget: "aws:appautoscaling/target:Target",
    scalingPolicy: "aws:appautoscaling/policy:Policy",
    scheduledAction: "aws:appautoscaling/scheduledAction:ScheduledAction",
    bucket: "aws:s3/bucket:Bucket",
    fileSystem: "aws:efs/fileSystem:FileSystem",
    dataSyncTask: "aws:datasync/task:Task",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    backupPlan: "aws:backup/plan:Plan",
    backupSelection: "aws:backup/selection:Selection",
    key: "aws:kms/key:Key",
    secret: "aws:secretsmanager/secret:Secret",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    trail: "aws:cloudtrail/trail:Trail",
    recorder: "aws:cfg/recorder:Recorder",
    conformancePack: "aws:cfg/conformancePack:ConformancePack",
    detector: "aws:guardduty/detector:Detector",
    detectorFeature: "aws:guardduty/detectorFeature:DetectorFeature",
    repository: "aws:ecr/repository:Repository",
    registryScanning: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
    emailIdentity: "aws:sesv2/emailIdentity:EmailIdentity",
    ec2: "aws:ec2/instance:Instance",
    schedule: "aws:scheduler/schedule:Schedule",
    zone: "aws:route53/zone:Zone",
    healthCheck: "aws:route53/healthCheck:HealthCheck",
    budget: "aws:budgets/budget:Budget",
} as const;

/** Looks resources up by type and by URN, and follows the plan's property dependencies. */
export class PlanIndex {
    private readonly byUrn = new Map<string, PlanResource>();
    private readonly byType = new Map<string, PlanResource[]>();

    constructor(readonly plan: Plan) {
        for (const r of plan.resources) {
            this.byUrn.set(r.urn, r);
            const list = this.byType.get(r.type) ?? [];
            list.push(r);
            this.byType.set(r.type, list);
        }
    }

    of(type: string): PlanResource[] {
        return this.byType.get(type) ?? [];
    }

    /** The resources that feed `r`'s input `key`. */
    deps(r: PlanResource, key: string): PlanResource[] {
        return (r.propertyDependencies[key] ?? []).flatMap((urn) => this.byUrn.get(urn) ?? []);
    }

    /** Resources of `type` whose input `key` is fed by `target`. */
    referrers(type: string, key: string, target: PlanResource): PlanResource[] {
        return this.of(type).filter((r) =>
            (r.propertyDependencies[key] ?? []).includes(target.urn),
        );
    }
}

export interface Ctx {
    index: PlanIndex;
    config: CostConfig;
    a: Assumptions;
    warnings: Set<string>;
}

export const num = (v: unknown): number | undefined => {
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
};
export const obj = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** Days in an average month, to turn retention days into months. */
export const DAYS_PER_MONTH = 365 / 12;

export interface Draft {
    service: Service;
    driver: string;
    quantity: number;
    unit: string;
    unitPrice: number;
    prices: PriceKey[];
}

export function draft(service: Service, driver: string, quantity: number, key: PriceKey): Draft {
    const price = PRICES[key];
    return { service, driver, quantity, unit: price.per, unitPrice: price.usd, prices: [key] };
}

export interface Pricer {
    /** The resource types this pricer counts. */
    types: string[];
    price(ctx: Ctx): Draft[];
}

// Shared by the containers and database pricers (a running app keeps Aurora awake).

/** Tasks a service runs around the clock: its desired count, or its autoscaling minimum. */
export function serviceTasks(index: PlanIndex, service: PlanResource): number {
    const minimums = index
        .referrers(T.scalingTarget, "resourceId", service)
        .map((t) => num(t.inputs.minCapacity) ?? 0);
    return Math.max(num(service.inputs.desiredCount) ?? 0, ...minimums);
}

/** When a service sleeps: its scheduled actions scale it to 0 at `sleep` and back at `wake`. */
export interface ServiceSleep {
    /** Hours a week it is awake. */
    weeklyHours: number;
    /** Times a week it goes to sleep. */
    sleepsPerWeek: number;
}

/**
 * The sleep schedule of a service (scheduled actions on its scalable target that set the maximum
 * to 0 and back), or undefined when it runs around the clock or the crons are not daily times.
 */
export function serviceSleep(index: PlanIndex, service: PlanResource): ServiceSleep | undefined {
    const actions = index
        .referrers(T.scalingTarget, "resourceId", service)
        .flatMap((t) => index.referrers(T.scheduledAction, "resourceId", t));
    const maxOf = (a: PlanResource) => num(obj(a.inputs.scalableTargetAction).maxCapacity);
    const sleep = actions.find((a) => maxOf(a) === 0)?.inputs.schedule;
    const wake = actions.find((a) => (maxOf(a) ?? 0) > 0)?.inputs.schedule;
    if (typeof sleep !== "string" || typeof wake !== "string") {
        return undefined;
    }
    const weeklyHours = weeklyRunningHours(wake, sleep);
    const sleepsPerWeek = daysPerWeek(sleep);
    return weeklyHours === undefined || sleepsPerWeek === undefined
        ? undefined
        : { weeklyHours, sleepsPerWeek };
}

/** Hours a month a service's tasks run: all of them, or its awake hours when it sleeps. */
export function serviceHours(index: PlanIndex, service: PlanResource): number {
    const sleep = serviceSleep(index, service);
    return sleep ? (sleep.weeklyHours * HOURS_PER_MONTH) / 168 : HOURS_PER_MONTH;
}
