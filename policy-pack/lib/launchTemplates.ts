import type { PolicyResource } from "@pulumi/policy";
import { LAUNCH_TEMPLATE } from "./tokens";
import { known, UNKNOWN } from "./unknown";

/**
 * The launch template an instance (or spot request) is launched from: none, templates declared in
 * this stack, one this stack does not declare (it cannot be inspected here), or not known until
 * pulumi up.
 */
export type LaunchTemplateRef =
    | { kind: "none" }
    | { kind: "declared"; templates: PolicyResource[] }
    | { kind: "external" }
    | { kind: "unknown" };

/**
 * Finds an instance's `launchTemplate` ({ id } or { name }) the way EC2 resolves it: the template
 * whose output feeds the input (propertyDependencies), or, for a literal name, the template
 * declared here under that name.
 */
export function launchTemplateOf(
    instance: PolicyResource,
    ofType: (types: readonly string[]) => PolicyResource[],
): LaunchTemplateRef {
    const linked = (instance.propertyDependencies.launchTemplate ?? []).filter(
        (t) => t.type === LAUNCH_TEMPLATE,
    );
    if (linked.length > 0) return { kind: "declared", templates: linked };
    const ref = known(() => instance.props.launchTemplate as { id?: unknown; name?: unknown });
    if (ref === UNKNOWN) return { kind: "unknown" };
    if (ref === undefined || ref === null) return { kind: "none" };
    const name = known(() => ref.name);
    const id = known(() => ref.id);
    if (name === UNKNOWN || id === UNKNOWN) return { kind: "unknown" };
    if (typeof name === "string" && name !== "") {
        const templates = ofType([LAUNCH_TEMPLATE]);
        const names = templates.map((t) => known(() => t.props.name as unknown));
        const named = templates.filter((_, i) => names[i] === name);
        if (named.length > 0) return { kind: "declared", templates: named };
        if (names.includes(UNKNOWN)) return { kind: "unknown" };
    }
    // An id literal (lt-…) or a name not declared here: created elsewhere.
    return name || id ? { kind: "external" } : { kind: "none" };
}
