import type { Plan, PlanResource } from "../synth/plan";
import { COMPONENT_TIERS, INSIDE_PARENT, TIERS, type Placement, type TierId } from "./tiers";

/** One box of the diagram: a component and every resource it stands for. */
export interface ComponentNode {
    /** A safe Mermaid/DOT identifier, unique in the diagram. */
    id: string;
    urn: string;
    type: string;
    /** The last part of the type token, e.g. HipaaVpc. */
    className: string;
    name: string;
    tier: TierId;
    /** Resources the box stands for: its descendants, less nested components with boxes of their own. */
    resourceCount: number;
    /** Name of the drawn component this one is nested in, for a nested component with its own box. */
    within?: string;
}

export interface ComponentIndex {
    /** Sorted by tier (as in TIERS), then name. */
    nodes: ComponentNode[];
    /** The id of the box that stands for a resource; undefined for the stack itself and providers. */
    nodeOf(urn: string): string | undefined;
    /** The resources each box stands for (its own URN included), by box id. */
    members: ReadonlyMap<string, readonly PlanResource[]>;
}

export const STACK_TYPE = "pulumi:pulumi:Stack";

function isProvider(r: PlanResource): boolean {
    return r.type.startsWith("pulumi:providers:");
}

/** Components are what the engine records as non-custom, apart from the stack itself. */
export function isComponent(r: PlanResource): boolean {
    return !r.custom && r.type !== STACK_TYPE;
}

/** A Mermaid- and DOT-safe identifier: a prefix, then letters, digits and underscores only. */
export function safeId(prefix: string, text: string): string {
    return `${prefix}_${text.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** Component types of the plan that the table does not place, each with the names using it. */
export function unplacedComponentTypes(
    plan: Plan,
    table: Readonly<Record<string, Placement>> = COMPONENT_TIERS,
): { type: string; names: string[] }[] {
    const missing = new Map<string, string[]>();
    for (const r of plan.resources) {
        if (isComponent(r) && !Object.hasOwn(table, r.type)) {
            missing.set(r.type, [...(missing.get(r.type) ?? []), r.name]);
        }
    }
    return [...missing]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, names]) => ({ type, names: names.sort() }));
}

/**
 * Folds the plan's resources into boxes: each placed component is a box holding its
 * descendants; a component nested in another is a box of its own when the table gives it a
 * tier, or part of the enclosing box when the table says INSIDE_PARENT. Resources outside every
 * component (providers aside) share one box for the stack. Throws, naming them, when the plan
 * has component types the table does not place: a new component must not vanish from the picture.
 */
export function indexComponents(
    plan: Plan,
    table: Readonly<Record<string, Placement>> = COMPONENT_TIERS,
): ComponentIndex {
    const unplaced = unplacedComponentTypes(plan, table);
    if (unplaced.length > 0) {
        const list = unplaced.map((u) => `${u.type} (${u.names.join(", ")})`).join("; ");
        throw new Error(
            `component types with no tier in COMPONENT_TIERS (tools/diagram/tiers.ts): ${list}`,
        );
    }
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const stack = plan.resources.find((r) => r.type === STACK_TYPE);
    const stackKey = stack?.urn ?? `${STACK_TYPE}::${plan.stack}`;
    const drawnTier = (r: PlanResource): TierId | undefined => {
        const placement = isComponent(r) ? table[r.type] : undefined;
        return placement === undefined || placement === INSIDE_PARENT ? undefined : placement;
    };

    // The URN of the box standing for a resource (the stack's key for resources outside every
    // component), found by walking up the parents.
    const owners = new Map<string, string | undefined>();
    const ownerOf = (urn: string | null): string | undefined => {
        if (urn === null) {
            return stackKey;
        }
        if (owners.has(urn)) {
            return owners.get(urn);
        }
        const r = byUrn.get(urn);
        let owner: string | undefined;
        if (r === undefined || r.type === STACK_TYPE) {
            owner = r === undefined ? undefined : stackKey;
        } else if (isProvider(r)) {
            owner = undefined;
        } else {
            owner = drawnTier(r) !== undefined ? r.urn : ownerOf(r.parent);
        }
        owners.set(urn, owner);
        return owner;
    };

    const drawn = plan.resources
        .filter((r) => drawnTier(r) !== undefined)
        .sort((a, b) => a.urn.localeCompare(b.urn));
    const members = new Map<string, PlanResource[]>();
    for (const r of plan.resources) {
        const owner = r.type === STACK_TYPE ? undefined : ownerOf(r.urn);
        if (owner !== undefined) {
            const list = members.get(owner) ?? [];
            list.push(r);
            members.set(owner, list);
        }
    }

    const usedIds = new Set<string>();
    const uniqueId = (base: string): string => {
        let id = base;
        for (let n = 2; usedIds.has(id); n++) {
            id = `${base}_${n}`;
        }
        usedIds.add(id);
        return id;
    };
    const idOfUrn = new Map<string, string>();
    const nodes: ComponentNode[] = [];
    for (const r of drawn) {
        const id = uniqueId(safeId("c", r.name));
        idOfUrn.set(r.urn, id);
        const enclosing = r.parent === null ? undefined : ownerOf(r.parent);
        const count = (members.get(r.urn) ?? []).length - 1; // less the component itself
        nodes.push({
            id,
            urn: r.urn,
            type: r.type,
            className: r.type.split(":").pop() ?? r.type,
            name: r.name,
            tier: drawnTier(r) as TierId,
            resourceCount: count,
            ...(enclosing !== undefined && enclosing !== stackKey
                ? { within: byUrn.get(enclosing)?.name ?? enclosing }
                : {}),
        });
    }
    if (members.has(stackKey)) {
        const id = uniqueId(safeId("s", plan.stack));
        idOfUrn.set(stackKey, id);
        nodes.push({
            id,
            urn: stackKey,
            type: STACK_TYPE,
            className: "Stack",
            name: stack?.name ?? plan.stack,
            tier: "stack",
            resourceCount: (members.get(stackKey) ?? []).length,
        });
    }

    const tierOrder = new Map<string, number>(TIERS.map((t, i) => [t.id, i]));
    nodes.sort(
        (a, b) =>
            (tierOrder.get(a.tier) ?? 0) - (tierOrder.get(b.tier) ?? 0) ||
            a.name.localeCompare(b.name) ||
            a.id.localeCompare(b.id),
    );
    const membersById = new Map<string, readonly PlanResource[]>();
    for (const [owner, list] of members) {
        membersById.set(idOfUrn.get(owner) ?? owner, list);
    }
    return {
        nodes,
        nodeOf: (urn) => {
            const owner = ownerOf(urn);
            return owner === undefined ? undefined : idOfUrn.get(owner);
        },
        members: membersById,
    };
}
