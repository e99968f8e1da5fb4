import { countByType, type Plan, type PlanResource } from "./plan";

/** Renders a plan as text: the resource tree, counts per type and the stack outputs. */
export function renderPlan(plan: Plan): string {
    const children = new Map<string | null, PlanResource[]>();
    for (const r of plan.resources) {
        const siblings = children.get(r.parent) ?? [];
        siblings.push(r);
        children.set(r.parent, siblings);
    }
    const lines: string[] = [
        `Offline plan of stack "${plan.stack}" (project ${plan.project}): ` +
            `${plan.resources.length} resources, ${plan.resources.filter((r) => r.custom).length} of them in AWS`,
        "",
    ];
    const walk = (r: PlanResource, prefix: string, last: boolean, root: boolean) => {
        const marks = [
            r.options.protect ? "protected" : "",
            r.options.retainOnDelete ? "retained on delete" : "",
        ].filter(Boolean);
        const label = `${r.name}  ${r.type}${marks.length ? `  [${marks.join(", ")}]` : ""}`;
        lines.push(root ? label : `${prefix}${last ? "└─ " : "├─ "}${label}`);
        const kids = [...(children.get(r.urn) ?? [])].sort(
            (a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name),
        );
        kids.forEach((kid, i) =>
            walk(kid, root ? "" : `${prefix}${last ? "   " : "│  "}`, i === kids.length - 1, false),
        );
    };
    for (const root of children.get(null) ?? []) {
        walk(root, "", true, true);
    }

    lines.push("", "Resources by type:");
    for (const [type, count] of Object.entries(countByType(plan))) {
        lines.push(`  ${String(count).padStart(4)}  ${type}`);
    }
    lines.push("", "Outputs:");
    const keys = Object.keys(plan.outputs).sort();
    if (keys.length === 0) {
        lines.push("  (none)");
    }
    for (const key of keys) {
        lines.push(`  ${key}: ${JSON.stringify(plan.outputs[key])}`);
    }
    return lines.join("\n");
}
