import type { PolicyResource } from "@pulumi/policy";
import { known, UNKNOWN } from "./unknown";

/**
 * Where a database cluster's parameters come from: groups declared in this stack, the engine's
 * default group (unset, or a `default.*` name), a group this stack does not declare (it cannot be
 * inspected here), or not known until pulumi up.
 */
export type ParameterGroupRef =
    | { kind: "declared"; groups: PolicyResource[] }
    | { kind: "default"; name: string | undefined }
    | { kind: "external"; name: string }
    | { kind: "unknown" };

/**
 * The parameter group a database names through `input` (e.g. `dbClusterParameterGroupName`),
 * found the way AWS resolves it: the group whose output feeds the input (propertyDependencies),
 * or, when the input is a literal, the group of `groupTypes` declared here under that name.
 */
export function parameterGroupOf(
    db: PolicyResource,
    input: string,
    groupTypes: readonly string[],
    ofType: (types: readonly string[]) => PolicyResource[],
): ParameterGroupRef {
    const linked = (db.propertyDependencies[input] ?? []).filter((g) =>
        groupTypes.includes(g.type),
    );
    if (linked.length > 0) return { kind: "declared", groups: linked };
    const name = known(() => db.props[input] as unknown);
    if (name === UNKNOWN) return { kind: "unknown" };
    if (name === undefined || name === null || name === "")
        return { kind: "default", name: undefined };
    const text = typeof name === "string" ? name : JSON.stringify(name);
    if (text.startsWith("default.")) return { kind: "default", name: text };
    const candidates = ofType(groupTypes);
    const names = candidates.map((g) => known(() => g.props.name as unknown));
    const named = candidates.filter((_, i) => names[i] === text);
    if (named.length > 0) return { kind: "declared", groups: named };
    // A group here whose name is not known yet may be the one named.
    if (names.includes(UNKNOWN)) return { kind: "unknown" };
    return { kind: "external", name: text };
}

/**
 * The value a declared group gives a parameter (parameter names are case-insensitive in AWS; the
 * last entry wins), or undefined when the group leaves it at the engine's default. Reads through
 * the SDK's proxy: an unknown list or value throws, for the caller's `known`/`each` to count.
 */
export function parameterValue(group: PolicyResource, name: string): string | undefined {
    const parameters = (group.props.parameters ?? []) as { name?: unknown; value?: unknown }[];
    const wanted = name.toLowerCase();
    const hits = parameters.filter((p) => String(p.name).toLowerCase() === wanted);
    const last = hits[hits.length - 1];
    return last === undefined ? undefined : String(last.value);
}
