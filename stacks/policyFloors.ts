import { z } from "zod";
import {
    atLeastDaily,
    MIN_BACKUP_RETENTION_DAYS,
    MIN_DATABASE_BACKUP_RETENTION_DAYS,
    MIN_LOG_RETENTION_DAYS,
    MIN_PRODUCTION_CLUSTER_INSTANCES,
    TLS12_POLICIES,
} from "../policy-pack/lib/floors";
import { LOG_RETENTION_DAYS } from "../components/logRetention";
import { TLS_POLICIES } from "../components/publicLoadBalancer/tlsPolicies";

/**
 * Config values the policy pack judges, limited by the pack's own constants: a value a mandatory
 * rule would refuse at `pulumi preview` is refused here first, naming the rule.
 */

export {
    atLeastDaily,
    MIN_BACKUP_RETENTION_DAYS,
    MIN_DATABASE_BACKUP_RETENTION_DAYS,
    MIN_LOG_RETENTION_DAYS,
    MIN_PRODUCTION_CLUSTER_INSTANCES,
};

/** A whole number from `min` (a mandatory rule's floor) to `max`. */
export const wholeNumberAtLeast = (min: number, max: number, rule: string) =>
    z
        .number({
            error: () =>
                `a whole number from ${min} to ${max} (the policy pack's ${rule} requires at least ${min})`,
        })
        .int()
        .min(min)
        .max(max);

/** CloudWatch Logs retentions log-group-retention accepts: 0 (never expire) or the floor and up. */
export const ALLOWED_LOG_RETENTION_DAYS = LOG_RETENTION_DAYS.filter(
    (d) => d === 0 || d >= MIN_LOG_RETENTION_DAYS,
);

/** The load balancer's TLS policies that alb-listener-tls12 accepts. */
export const ALLOWED_TLS_POLICIES = TLS_POLICIES.filter((p) => TLS12_POLICIES.includes(p)) as [
    (typeof TLS_POLICIES)[number],
    ...(typeof TLS_POLICIES)[number][],
];
