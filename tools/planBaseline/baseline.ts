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
    /**
     * added: a new URN; removed: a URN gone (a delete, or a replace without an alias); moved: a new
     * URN whose aliases name the old one (the engine moves it, nothing is replaced); inputs and
     * options: changed (compared across a move too).
     */
    kind: "added" | "removed" | "moved" | "inputs" | "options";
    /** For inputs and options: the top-level keys that differ; for moved: the old URN. */
    keys: string[];
}

/** Where a clone's own paths appear in a baseline (asset paths, build contexts). */
export const PROJECT_PLACEHOLDER = "<project>";

/**
 * Sorts object keys recursively, so equal values serialize equally, and writes the clone's own
 * folder as PROJECT_PLACEHOLDER, so every clone compares equal.
 */
function canonical(value: unknown, projectDir?: string): unknown {
    if (typeof value === "string" && projectDir && value.startsWith(projectDir)) {
        return PROJECT_PLACEHOLDER + value.slice(projectDir.length);
    }
    if (Array.isArray(value)) {
        return value.map((v) => canonical(v, projectDir));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(
            Object.keys(value)
                .sort()
                .map((key) => [
                    key,
                    canonical((value as Record<string, unknown>)[key], projectDir),
                ]),
        );
    }
    return value;
}

/** `projectDir`: the clone's folder, written as PROJECT_PLACEHOLDER wherever a value starts with it. */
export function baselineOf(plan: Plan, projectDir?: string): BaselineResource[] {
    return plan.resources
        .map((r) => ({
            urn: r.urn,
            inputs: canonical(r.inputs, projectDir) as Record<string, unknown>,
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

/** `value` with every string that is a key of `names` replaced by its value. */
function renamed(value: unknown, names: ReadonlyMap<string, string>): unknown {
    if (typeof value === "string") {
        return names.get(value) ?? value;
    }
    if (Array.isArray(value)) {
        return value.map((v) => renamed(v, names));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(
            Object.entries(value).map(([key, v]) => [key, renamed(v, names)]),
        );
    }
    return value;
}

/** Every difference between a baseline and a plan, resource by resource, in URN order. */
export function comparePlans(
    baseline: readonly BaselineResource[],
    current: readonly BaselineResource[],
): PlanDifference[] {
    const before = new Map(baseline.map((r) => [r.urn, r]));
    const after = new Map(current.map((r) => [r.urn, r]));
    // A new URN that names a vanished one among its aliases is that resource, moved.
    const movedFrom = new Map<string, string>();
    for (const r of current) {
        if (!before.has(r.urn)) {
            const old = (r.options.aliases ?? []).find((a) => before.has(a) && !after.has(a));
            if (old) {
                movedFrom.set(r.urn, old);
            }
        }
    }
    const moved = new Set(movedFrom.values());
    const differences: PlanDifference[] = [];
    for (const urn of [...new Set([...before.keys(), ...after.keys()])].sort()) {
        const now = after.get(urn);
        const from = movedFrom.get(urn);
        const old = before.get(from ?? urn);
        if (moved.has(urn) && !now) {
            continue;
        }
        if (from) {
            differences.push({ urn, kind: "moved", keys: [from] });
        }
        if (!old) {
            differences.push({ urn, kind: "added", keys: [] });
        } else if (!now) {
            differences.push({ urn, kind: "removed", keys: [] });
        } else {
            // dependsOn is a set: its order means nothing to the engine.
            const options = (o: PlanResourceOptions) => ({
                ...o,
                aliases: from ? undefined : o.aliases,
                dependsOn: o.dependsOn ? [...o.dependsOn].sort() : o.dependsOn,
            });
            const keys = changedKeys(old.inputs, now.inputs);
            if (keys.length > 0) {
                differences.push({ urn, kind: "inputs", keys });
            }
            // A reference to a moved resource (dependsOn, parent) names it by its new URN: the
            // same resource, so it is compared by its old one.
            const optionKeys = changedKeys(
                options(old.options),
                options(renamed(now.options, movedFrom) as PlanResourceOptions),
            );
            if (optionKeys.length > 0) {
                differences.push({ urn, kind: "options", keys: optionKeys });
            }
        }
    }
    return differences;
}

/** One line per difference, for a reader. */
export function describeDifference(d: PlanDifference): string {
    return d.keys.length ? `${d.kind} ${d.urn}: ${d.keys.join(", ")}` : `${d.kind} ${d.urn}`;
}
