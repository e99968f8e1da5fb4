import type { Plan, PlanResourceOptions } from "../synth/plan";

/**
 * A plan's resources as a reviewed baseline keeps them: what decides whether `pulumi up` creates,
 * updates, replaces or deletes each one (its URN, inputs and options), sorted by URN so that a
 * baseline file's diff in a pull request reads resource by resource.
 */
export interface BaselineResource {
    urn: string;
    inputs: Record<string, unknown>;
    options: PlanResourceOptions;
}

/** How a resource differs from the baseline. */
export interface PlanDifference {
    urn: string;
    /** added: new URN; removed: URN gone (a delete, or a replace without an alias); inputs/options: changed. */
    kind: "added" | "removed" | "inputs" | "options";
    /** For inputs and options: the top-level keys that differ. */
    keys: string[];
}

/** Sorts object keys recursively, so equal values serialize equally. */
function canonical(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(canonical);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(
            Object.keys(value)
                .sort()
                .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
        );
    }
    return value;
}

export function baselineOf(plan: Plan): BaselineResource[] {
    return plan.resources
        .map((r) => ({
            urn: r.urn,
            inputs: canonical(r.inputs) as Record<string, unknown>,
            options: canonical(r.options) as PlanResourceOptions,
        }))
        .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
}

function changedKeys(before: object, after: object): string[] {
    const a = before as Record<string, unknown>;
    const b = after as Record<string, unknown>;
    return [...new Set([...Object.keys(a), ...Object.keys(b)])]
        .filter((key) => JSON.stringify(canonical(a[key])) !== JSON.stringify(canonical(b[key])))
        .sort();
}

/** Every difference between a baseline and a plan, resource by resource, in URN order. */
export function comparePlans(
    baseline: readonly BaselineResource[],
    current: readonly BaselineResource[],
): PlanDifference[] {
    const before = new Map(baseline.map((r) => [r.urn, r]));
    const after = new Map(current.map((r) => [r.urn, r]));
    const differences: PlanDifference[] = [];
    for (const urn of [...new Set([...before.keys(), ...after.keys()])].sort()) {
        const old = before.get(urn);
        const now = after.get(urn);
        if (!old) {
            differences.push({ urn, kind: "added", keys: [] });
        } else if (!now) {
            differences.push({ urn, kind: "removed", keys: [] });
        } else {
            for (const kind of ["inputs", "options"] as const) {
                const keys = changedKeys(old[kind], now[kind]);
                if (keys.length > 0) {
                    differences.push({ urn, kind, keys });
                }
            }
        }
    }
    return differences;
}

/** One line per difference, for a reader. */
export function describeDifference(d: PlanDifference): string {
    return d.keys.length ? `${d.kind} ${d.urn}: ${d.keys.join(", ")}` : `${d.kind} ${d.urn}`;
}
