import type {
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";
import { unknownCheckingProxy, UNKNOWN_VALUE } from "../lib/unknown";

/**
 * Builds the arguments `@pulumi/policy` 1.21 passes to policies, from resources in the shape of
 * the offline plan (`npm run synth -- <stack> --json`). Tests and the offline evaluator both use
 * it, so a policy is exercised exactly as the policy server would call it: inputs behind the SDK's
 * unknown-checking proxy, `propertyDependencies` resolved to resources, `stackTags` and
 * `notApplicable` present.
 */

/** One resource as the offline plan writes it. */
export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    custom?: boolean;
    parent?: string | null;
    provider?: string | null;
    inputs: Record<string, unknown>;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    options?: { protect?: boolean; ignoreChanges?: string[]; deleteBeforeReplace?: boolean };
}

/** What a plan writes for a value that is unknown at preview. */
export const PLAN_UNKNOWN = "[unknown]";

/** Thrown by `notApplicable()`, as the SDK's server does, and caught by the evaluator. */
export class NotApplicable extends Error {
    constructor(readonly reason: string | undefined) {
        super(reason ?? "not applicable");
    }
}

function notApplicable(reason?: string): never {
    throw new NotApplicable(reason);
}

/** The plan's unknown markers become the SDK's unknown sentinel, so reading one throws. */
function withSdkUnknowns(value: unknown): unknown {
    if (value === PLAN_UNKNOWN) {
        return UNKNOWN_VALUE;
    }
    if (Array.isArray(value)) {
        return value.map(withSdkUnknowns);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSdkUnknowns(v)]));
    }
    return value;
}

function options(r: PlanResource): PolicyResourceOptions {
    return {
        protect: r.options?.protect ?? false,
        ignoreChanges: r.options?.ignoreChanges ?? [],
        deleteBeforeReplace: r.options?.deleteBeforeReplace,
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        parent: r.parent ?? undefined,
    };
}

function typeOf(resourceClass: unknown): string | undefined {
    return (resourceClass as { __pulumiType?: string }).__pulumiType;
}

/** Every plan resource as a `PolicyResource`, with parents, providers and dependencies linked. */
export function policyResources(plan: readonly PlanResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    for (const r of plan) {
        const props = unknownCheckingProxy(withSdkUnknowns(r.inputs) as Record<string, unknown>);
        byUrn.set(r.urn, {
            type: r.type,
            props,
            urn: r.urn,
            name: r.name,
            opts: options(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => typeOf(cls) === r.type,

            asType: (cls) => (typeOf(cls) === r.type ? (props as any) : undefined),
        });
    }
    const resolve = (urns: readonly string[] | undefined) =>
        (urns ?? []).flatMap((u) => byUrn.get(u) ?? []);
    for (const r of plan) {
        const resource = byUrn.get(r.urn)!;
        resource.dependencies = resolve(r.dependencies);
        resource.propertyDependencies = Object.fromEntries(
            Object.entries(r.propertyDependencies ?? {}).map(([k, urns]) => [k, resolve(urns)]),
        );
        resource.parent = r.parent ? byUrn.get(r.parent) : undefined;
        const provider = r.provider ? byUrn.get(r.provider) : undefined;
        if (provider) {
            resource.provider = {
                type: provider.type,
                props: provider.props,
                urn: provider.urn,
                name: provider.name,
            };
        }
    }
    return [...byUrn.values()];
}

export function createResourceValidationArgs(
    resource: PolicyResource,
    config: object = {},
    stackTags: ReadonlyMap<string, string> = new Map(),
): ResourceValidationArgs {
    const args: ResourceValidationArgs = {
        type: resource.type,
        props: resource.props,
        urn: resource.urn,
        name: resource.name,
        opts: resource.opts,
        stackTags,
        isType: (cls) => resource.isType(cls),
        asType: (cls) => (resource.isType(cls) ? resource.props : undefined) as never,
        getConfig: <T extends object>() => config as T,
        notApplicable,
    };
    if (resource.provider) {
        args.provider = resource.provider;
    }
    return args;
}

export function createStackValidationArgs(
    resources: PolicyResource[],
    config: object = {},
    stackTags: ReadonlyMap<string, string> = new Map(),
): StackValidationArgs {
    return { resources, stackTags, getConfig: <T extends object>() => config as T, notApplicable };
}
