/**
 * The offline plan: what a stack would register with the Pulumi engine, as plain JSON. This shape
 * is a public interface (documented in the README) that the policy pack's offline check reads.
 */

/** Resource options that change what `pulumi up` / `pulumi destroy` may do. */
export interface PlanResourceOptions {
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    ignoreChanges: string[];
    /** Explicit `dependsOn` URNs: dependencies not explained by any input. */
    dependsOn: string[];
    /**
     * The URNs this resource was known by before (its `aliases`, resolved as the engine does):
     * the engine moves the resource instead of replacing it. Absent when there are none.
     */
    aliases?: string[];
}

/** The options of a resource declared with none (for plans built by hand in tests). */
export function defaultOptions(): PlanResourceOptions {
    return {
        protect: false,
        retainOnDelete: false,
        deleteBeforeReplace: false,
        ignoreChanges: [],
        dependsOn: [],
    };
}

export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    /** true for cloud resources, false for components, the stack and its groupings. */
    custom: boolean;
    parent: string | null;
    /** URN of the provider the resource uses, or null for components and the default provider. */
    provider: string | null;
    /** Inputs as sent to the engine; secrets are "[secret]", unknowns "[unknown]", references URNs. */
    inputs: Record<string, unknown>;
    dependencies: string[];
    /** Input name → URNs of the resources that feed it. */
    propertyDependencies: Record<string, string[]>;
    options: PlanResourceOptions;
}

export interface Plan {
    project: string;
    stack: string;
    resources: PlanResource[];
    outputs: Record<string, unknown>;
}

/** Shown in place of every secret value, in inputs and outputs alike. */
export const SECRET = "[secret]";
export const UNKNOWN = "[unknown]";

// Signatures of the Pulumi wire format (@pulumi/pulumi runtime/rpc.ts).
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Converts a value in Pulumi's wire format to plain JSON for the plan: secrets are masked
 * (never unwrapped), resource references become their URN, assets and archives a short tag.
 */
export function fromWire(value: unknown): unknown {
    if (value === UNKNOWN_VALUE) {
        return UNKNOWN;
    }
    if (Array.isArray(value)) {
        return value.map(fromWire);
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const record = value as Record<string, unknown>;
    switch (record[SIG_KEY]) {
        case SECRET_SIG:
            return SECRET;
        case RESOURCE_SIG:
            return record.urn;
        case ASSET_SIG:
            return { asset: record.path ?? record.uri ?? "[inline text]" };
        case ARCHIVE_SIG:
            return record.assets && typeof record.assets === "object"
                ? { archive: fromWire(record.assets) }
                : { archive: record.path ?? record.uri };
        case OUTPUT_SIG:
            return record.secret ? SECRET : "value" in record ? fromWire(record.value) : UNKNOWN;
        default:
            return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fromWire(v)]));
    }
}

/** Resource counts per type token, sorted by type. */
export function countByType(plan: Plan): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of plan.resources) {
        counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
