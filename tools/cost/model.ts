import type { CostConfig } from "./planIndex";
import type { Plan } from "../synth/plan";
import { ASSUMPTIONS, type Assumptions } from "./assumptions";
import { NO_CHARGE_TYPES } from "./noChargeTypes";
import { PlanIndex, sum, type Ctx, type Draft, type Pricer } from "./planIndex";
import { containerInsights, fargate } from "./pricers/containers";
import { aurora } from "./pricers/database";
import { kms, secrets } from "./pricers/keysAndSecrets";
import { ec2, route53, ses } from "./pricers/mailBastionDns";
import { budgets, cloudtrail, cloudwatch, config, guardDuty } from "./pricers/monitoringAndAudit";
import { loadBalancer, network, waf } from "./pricers/network";
import { backups, dataFeeds, ecr, imageScanning, s3, sharedFiles } from "./pricers/storage";
import { PRICE_REGION, PRICES_CHECKED, type PriceKey } from "./prices";

/**
 * A monthly cost estimate computed from the offline plan: every priced resource is counted by its
 * type token, quantities come from its inputs (task sizes, subnets, capacity, retention) and, for
 * usage, from the stated assumptions. Pure: the same plan, config and assumptions give the same
 * estimate, so the generated tables in docs/runbooks/cost.md can be checked for staleness.
 */

/** Services in the order the tables list them. */
export const SERVICES = [
    "Aurora (database)",
    "Fargate (containers)",
    "VPC networking",
    "Load balancer",
    "AWS WAF",
    "S3 storage",
    "EFS (shared files)",
    "DataSync (data feed)",
    "AWS Backup",
    "CloudWatch",
    "CloudTrail",
    "AWS Config",
    "GuardDuty",
    "KMS keys",
    "Secrets Manager",
    "ECR (images)",
    "Inspector (image scanning)",
    "SES (mail)",
    "EC2 (bastion)",
    "Route 53",
    "AWS Budgets",
] as const;
export type Service = (typeof SERVICES)[number];

export interface LineItem {
    service: Service;
    /** What is paid for, in a reader's words. */
    driver: string;
    /** Units with the typical assumptions. */
    quantity: number;
    unit: string;
    /** USD per unit. */
    unitPrice: number;
    /** USD a month with the typical assumptions. */
    monthly: number;
    /** USD a month with the low assumptions (equal to monthly when usage does not matter). */
    low: number;
    /** The prices used (their sources are in PRICES). */
    prices: PriceKey[];
}

export interface ServiceTotal {
    service: Service;
    low: number;
    monthly: number;
}

export interface CostEstimate {
    stack: string;
    /** The stack's region; the prices are always us-east-1's. */
    region: string;
    priceRegion: string;
    pricesChecked: string;
    /** Grouped by service (SERVICES order), most expensive first within a service. */
    items: LineItem[];
    /** Most expensive first. */
    services: ServiceTotal[];
    total: { low: number; monthly: number };
    /** Custom resource types in the plan that are neither priced nor known to be free. */
    unpricedTypes: string[];
    /** What the model could not price and why. */
    warnings: string[];
}

export { NO_CHARGE_TYPES };

const PRICERS: Pricer[] = [
    network,
    loadBalancer,
    waf,
    aurora,
    fargate,
    containerInsights,
    s3,
    sharedFiles,
    dataFeeds,
    backups,
    ecr,
    imageScanning,
    kms,
    secrets,
    cloudwatch,
    cloudtrail,
    config,
    guardDuty,
    ses,
    ec2,
    route53,
    budgets,
];

/** Every resource type some pricer counts. */
export const PRICED_TYPES: ReadonlySet<string> = new Set(PRICERS.flatMap((p) => p.types));

/** Cloud resource types in the plan that are neither priced nor listed as free, sorted. */
export function unpricedTypes(plan: Plan): string[] {
    const types = new Set(
        plan.resources
            .filter((r) => r.custom && !PRICED_TYPES.has(r.type) && !(r.type in NO_CHARGE_TYPES))
            .map((r) => r.type),
    );
    return [...types].sort();
}

/** The drafts of every pricer, for one set of assumptions. */
function drafts(
    index: PlanIndex,
    config: CostConfig,
    a: Assumptions,
    warnings: Set<string>,
): Draft[] {
    const ctx: Ctx = { index, config, a, warnings };
    return PRICERS.flatMap((p) => p.price(ctx));
}

/**
 * The monthly estimate of a stack: priced twice, with the low and the typical assumptions. The
 * line items are the same in both (their quantities differ), so each gets a low and a typical
 * cost.
 */
export function estimateCost(
    plan: Plan,
    config: CostConfig,
    assumptions: { low: Assumptions; typical: Assumptions } = ASSUMPTIONS,
): CostEstimate {
    const index = new PlanIndex(plan);
    const warnings = new Set<string>();
    const typical = drafts(index, config, assumptions.typical, warnings);
    const low = drafts(index, config, assumptions.low, new Set());
    if (config.region !== PRICE_REGION) {
        warnings.add(`the stack is in ${config.region}; these are ${PRICE_REGION} prices`);
    }
    const items: LineItem[] = typical.map((d, i) => {
        const l = low[i];
        // Driver texts never depend on assumptions, so the two runs line up item by item.
        if (l.service !== d.service || l.driver !== d.driver) {
            throw new Error(
                `cost model: low and typical items differ at ${i}: ${d.driver} / ${l.driver}`,
            );
        }
        return { ...d, monthly: d.quantity * d.unitPrice, low: l.quantity * l.unitPrice };
    });
    const order = (s: Service) => SERVICES.indexOf(s);
    items.sort(
        (x, y) =>
            order(x.service) - order(y.service) ||
            y.monthly - x.monthly ||
            x.driver.localeCompare(y.driver),
    );
    const services = SERVICES.map((service) => {
        const mine = items.filter((i) => i.service === service);
        return {
            service,
            low: sum(mine.map((i) => i.low)),
            monthly: sum(mine.map((i) => i.monthly)),
            n: mine.length,
        };
    })
        .filter((s) => s.n > 0)
        .map(({ service, low: l, monthly }) => ({ service, low: l, monthly }))
        .sort((x, y) => y.monthly - x.monthly || order(x.service) - order(y.service));
    return {
        stack: plan.stack,
        region: config.region,
        priceRegion: PRICE_REGION,
        pricesChecked: PRICES_CHECKED,
        items,
        services,
        total: { low: sum(items.map((i) => i.low)), monthly: sum(items.map((i) => i.monthly)) },
        unpricedTypes: unpricedTypes(plan),
        warnings: [...warnings].sort(),
    };
}
