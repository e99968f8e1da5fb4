import type { PlanResource } from "../evaluate/validationArgs";

/**
 * A large plan from a real one: `copies` copies of every resource, each copy's URNs made unique
 * (`-c<n>` after the name) and every reference between resources (parent, provider, dependencies,
 * property dependencies) pointing into the same copy. It stands for an organization's big stack
 * when measuring how the pack's cost grows (tools/bench.ts).
 */
export function replicatePlan(resources: readonly PlanResource[], copies: number): PlanResource[] {
    if (!Number.isInteger(copies) || copies < 1) {
        throw new Error(`copies ${copies} is not allowed; expected a whole number from 1`);
    }
    const urns = new Set(resources.map((r) => r.urn));
    const out: PlanResource[] = [];
    for (let c = 0; c < copies; c++) {
        const suffix = c === 0 ? "" : `-c${c}`;
        // A provider reference is `<urn>::<id>`: the URN part moves, the id stays.
        const ref = (value: string): string => {
            if (urns.has(value)) return value + suffix;
            const at = value.lastIndexOf("::");
            return at > 0 && urns.has(value.slice(0, at))
                ? `${value.slice(0, at)}${suffix}${value.slice(at)}`
                : value;
        };
        for (const r of resources) {
            out.push({
                ...r,
                urn: ref(r.urn),
                name: r.name + suffix,
                parent: r.parent ? ref(r.parent) : r.parent,
                provider: r.provider ? ref(r.provider) : r.provider,
                dependencies: r.dependencies?.map(ref),
                propertyDependencies: r.propertyDependencies
                    ? Object.fromEntries(
                          Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map(ref)]),
                      )
                    : undefined,
            });
        }
    }
    return out;
}
