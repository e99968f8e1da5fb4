import type {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { exemptionOf, ExemptionConfig, EXEMPTION_CONFIG } from "./exemptions";
import { known, UNKNOWN, undecidedError } from "./unknown";

/** The areas the pack is organised by: one module under `policies/` each. */
export const AREAS = [
    "encryption-at-rest",
    "encryption-in-transit",
    "network-exposure",
    "logging-and-audit",
    "backup-and-retention",
    "identity-and-access",
    "containers",
    "tagging-and-approved-services",
] as const;
export type Area = (typeof AREAS)[number];

export type HipaaPolicy = ResourceValidationPolicy | StackValidationPolicy;

type ConfigValue = string | number | boolean | string[] | number[];

/** One tunable of a policy: its JSON schema (shown by `pulumi policy`) and the default applied in code. */
export interface ConfigField<T extends ConfigValue> {
    description: string;
    default: T;
    schema: Omit<PolicyConfigSchema["properties"][string], "default" | "description">;
}

type ConfigSpec<C> = { [K in keyof C]: C[K] extends ConfigValue ? ConfigField<C[K]> : never };

/** What every rule of the pack declares besides its check. */
export interface RuleSpec<C> {
    /** kebab-case id: the policy name, and the value of the exemption tag that waives it. */
    name: string;
    area: Area;
    /** "Checks that …": what a compliant resource looks like. */
    description: string;
    /** HIPAA Security Rule paragraphs (45 CFR), e.g. "164.312(a)(2)(iv)"; empty for hygiene rules. */
    citation: string;
    /** The equivalent AWS Config managed rule(s); empty when AWS Config has none. */
    awsConfig: string;
    severity: Severity;
    enforcementLevel: Extract<EnforcementLevel, "mandatory" | "advisory">;
    remediationSteps: string;
    config?: ConfigSpec<C>;
}

/** The SDK metadata every rule gets from its spec: framework, tags, description and config schema. */
function metadata<C>(spec: RuleSpec<C>) {
    const citation = spec.citation || "none (hygiene)";
    const awsConfig = spec.awsConfig || "none";
    const fields: Record<string, ConfigField<ConfigValue>> = {
        ...EXEMPTION_CONFIG,
        ...(spec.config ?? {}),
    };
    const properties: PolicyConfigSchema["properties"] = {};
    for (const [key, field] of Object.entries(fields)) {
        properties[key] = {
            ...field.schema,
            description: field.description,
            default: field.default,
        };
    }
    return {
        name: spec.name,
        description: `${spec.description} HIPAA: 45 CFR ${citation}. AWS Config: ${awsConfig}.`,
        enforcementLevel: spec.enforcementLevel,
        severity: spec.severity,
        remediationSteps: spec.remediationSteps,
        tags: ["hipaa", spec.area],
        framework: {
            name: "HIPAA Security Rule",
            version: "45 CFR Part 164 Subpart C",
            reference: `AWS Config: ${awsConfig}`,
            specification: citation,
        },
        configSchema: { properties },
        defaults: Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.default])),
    };
}

/** Config as set for the policy (per policy group), with the defaults applied here: the SDK does not. */
function resolveConfig<C>(defaults: Record<string, unknown>, given: object): C & ExemptionConfig {
    const set = Object.entries(given).filter(
        ([k, v]) => v !== undefined && k !== "enforcementLevel",
    );
    return { ...defaults, ...Object.fromEntries(set) } as C & ExemptionConfig;
}

const RULE_TYPES = new WeakMap<object, readonly string[] | "*">();

/**
 * The type tokens a policy judges ("*" for every resource, for a stack rule that does not say, or
 * for a policy not built here): the offline evaluator offers a resource policy only resources of
 * its types, and the inventory of data types checks what each type is judged by.
 */
export function ruleTypes(policy: object): readonly string[] | "*" {
    return RULE_TYPES.get(policy) ?? "*";
}

/** A copy of `policy` at another enforcement level, judging the same types. */
export function withEnforcementLevel<P extends HipaaPolicy>(policy: P, level: EnforcementLevel): P {
    const copy = { ...policy, enforcementLevel: level };
    const types = RULE_TYPES.get(policy);
    if (types) RULE_TYPES.set(copy, types);
    return copy;
}

export interface ResourceCheck<C> {
    report: (message: string) => void;
    config: C & ExemptionConfig;
    args: ResourceValidationArgs;
}

/**
 * A policy on single resources of the given types. The check reads `props` through the SDK's
 * proxy, so an unknown input stops it (no violation) until `pulumi up` resolves the value.
 */
export function resourceRule<C = object>(
    spec: RuleSpec<C> & {
        /** Type tokens the rule judges, or "*" for every resource. */
        types: readonly string[] | "*";
        // Inputs are untyped data: the pack does not load @pulumi/aws.

        check: (props: any, check: ResourceCheck<C>) => void;
    },
): ResourceValidationPolicy {
    const { defaults, ...meta } = metadata(spec);
    const types = spec.types === "*" ? undefined : new Set(spec.types);
    const applies = (type: string) => types === undefined || types.has(type);
    const policy: ResourceValidationPolicy = {
        ...meta,
        validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
            if (!applies(args.type)) {
                return;
            }
            const config = resolveConfig<C>(defaults, args.getConfig());
            const exemption = exemptionOf(args.props, spec.name, config);
            if (exemption === UNKNOWN) {
                // Whether the resource is exempt is not known yet: undecided, not skipped.
                throw undecidedError(
                    `the resource's tags are unknown until pulumi up, so its exemption from ${spec.name} is too`,
                );
            }
            if (exemption?.reason) {
                args.notApplicable(`exempt by tag: ${exemption.reason}`);
            }
            if (exemption) {
                report(exemption.missingReason);
                return;
            }
            spec.check(args.props, { report, config, args });
        },
    };
    RULE_TYPES.set(policy, spec.types);
    return policy;
}

export interface StackCheck<C> {
    resources: PolicyResource[];
    config: C & ExemptionConfig;
    args: StackValidationArgs;
    /** Every resource of these types, in the stack's order (indexed: no scan of the stack). */
    ofType: (types: readonly string[]) => PolicyResource[];
    /** Resources of these types that the rule judges: those exempt by tag (with a reason) are left out. */
    subjects: (types: readonly string[]) => PolicyResource[];
    /** Resources of these types whose input `property` is fed by `target` (propertyDependencies). */
    linked: (
        target: PolicyResource,
        types: readonly string[],
        property: string,
    ) => PolicyResource[];
    /** Runs `judge` on each resource; one whose inputs it needs are unknown is counted as undecided. */
    each: (resources: PolicyResource[], judge: (r: PolicyResource) => void) => void;
    /**
     * Records that the rule cannot decide about a resource (or the stack) until pulumi up: a value
     * it needs is unknown. Shown as undecided, never a silent pass.
     */
    undecided: (resource?: PolicyResource) => void;
    /** Reports on a resource, or on the stack as a whole when there is none to name. */
    report: (message: string, resource?: PolicyResource) => void;
}

/**
 * The stack looked up by type and by reverse property dependency, built once per resource list
 * (lazily, per property) so every rule's lookups cost O(1) instead of a scan of the stack: the
 * pack's cost grows linearly with the stack. The engine hands each stack policy its own list.
 */
interface StackIndex {
    ofType(types: readonly string[]): PolicyResource[];
    referrers(property: string, target: PolicyResource): PolicyResource[];
}

const INDEXES = new WeakMap<readonly PolicyResource[], StackIndex>();

/** @internal exported for tests */
export function stackIndex(resources: readonly PolicyResource[]): StackIndex {
    const cached = INDEXES.get(resources);
    if (cached) return cached;
    const byType = new Map<string, PolicyResource[]>();
    const position = new Map<PolicyResource, number>();
    resources.forEach((r, i) => {
        position.set(r, i);
        const list = byType.get(r.type);
        if (list) list.push(r);
        else byType.set(r.type, [r]);
    });
    const byProperty = new Map<string, Map<string, PolicyResource[]>>();
    const index: StackIndex = {
        ofType(types) {
            const lists = [...new Set(types)].flatMap((t) => byType.get(t) ?? []);
            // In the stack's order, as a scan would find them.
            return types.length > 1
                ? lists.sort((a, b) => position.get(a)! - position.get(b)!)
                : lists;
        },
        referrers(property, target) {
            let map = byProperty.get(property);
            if (!map) {
                map = new Map();
                for (const r of resources) {
                    for (const d of new Set(r.propertyDependencies[property] ?? [])) {
                        const list = map.get(d.urn);
                        if (list) list.push(r);
                        else map.set(d.urn, [r]);
                    }
                }
                byProperty.set(property, map);
            }
            return map.get(target.urn) ?? [];
        },
    };
    INDEXES.set(resources, index);
    return index;
}

/** Inputs through which an untaggable companion names the resource whose exemption it shares. */
const OWNER_INPUTS = ["bucket", "user", "userName", "username", "routeTableId"];

/** A policy on the whole stack: companion resources, correlated through `propertyDependencies`. */
export function stackRule<C = object>(
    spec: RuleSpec<C> & {
        /** Types whose resources the rule passes judgement on (what `ruleTypes` reports). */
        judges?: readonly string[];
        check: (stack: StackCheck<C>) => void;
    },
): StackValidationPolicy {
    const { defaults, ...meta } = metadata(spec);
    const policy: StackValidationPolicy = {
        ...meta,
        validateStack: (args: StackValidationArgs, report: ReportViolation) => {
            const config = resolveConfig<C>(defaults, args.getConfig());
            const index = stackIndex(args.resources);
            const undecided: string[] = [];
            const ofType = (types: readonly string[]) => index.ofType(types);
            const stack: StackCheck<C> = {
                resources: args.resources,
                config,
                args,
                ofType,
                subjects: (types) =>
                    ofType(types).filter((r) => {
                        // Companions that cannot carry tags (bucket policies, encryption settings,
                        // access keys, routes) follow the exemption of the bucket, user or route
                        // table they belong to.
                        const owners = [
                            r,
                            ...OWNER_INPUTS.flatMap((input) => r.propertyDependencies[input] ?? []),
                        ];
                        const exemptions = owners.map((o) =>
                            exemptionOf(o.props, spec.name, config),
                        );
                        const own = exemptions[0];
                        if (own && own !== UNKNOWN && !own.reason) {
                            report(own.missingReason, r.urn);
                        }
                        // Unknown tags: whether it is exempt is not known yet.
                        if (
                            exemptions.includes(UNKNOWN) &&
                            !exemptions.some((e) => e && e !== UNKNOWN)
                        )
                            undecided.push(r.urn);
                        return exemptions.every((e) => e === undefined);
                    }),
                linked: (target, types, property) =>
                    index.referrers(property, target).filter((r) => types.includes(r.type)),
                each: (resources, judge) => {
                    for (const r of resources) {
                        if (known(() => judge(r)) === UNKNOWN) undecided.push(r.urn);
                    }
                },
                report: (message, resource) => report(message, resource?.urn),
                undecided: (resource) => undecided.push(resource?.urn ?? "the stack"),
            };
            spec.check(stack);
            // Never a silent skip: what could not be judged is shown as undecided (at preview,
            // "can't run policy"), after every violation that could be found was reported.
            if (undecided.length > 0) {
                throw undecidedError(
                    `${undecided.length} resource(s) could not be judged: inputs they need are unknown until pulumi up (${undecided.slice(0, 3).join(", ")}${undecided.length > 3 ? ", ..." : ""})`,
                );
            }
        },
    };
    if (spec.judges) RULE_TYPES.set(policy, spec.judges);
    return policy;
}
