/**
 * The differences from the reviewed plan baselines (test/plans/<stack>.json) that a change
 * intends, each with why it is safe: no deployed resource may be replaced or lost by accident. A
 * `removed` URN is a delete (or a replace without an alias): list it only with a reason a reviewer
 * can check. After review, `npm run plan:baseline -- --write` records the plans as the new
 * baselines and this list is emptied.
 */
export interface IntendedDifference {
    stack: string;
    urn: string;
    kind: "added" | "removed" | "moved" | "inputs" | "options";
    /** For inputs and options: exactly the top-level keys that change; for moved: the old URN. */
    keys?: string[];
    why: string;
}

const CLUSTER_WHY =
    "the ECS cluster and its exec log group now belong to the generic FargateCluster inside RedcapService; aliases to RedcapService move them, nothing is replaced";

/** Both stacks get the same difference for each of these (the URNs name the stack). */
const inBothStacks = (
    make: (stack: string) => Omit<IntendedDifference, "stack">,
): IntendedDifference[] => ["dev", "prod"].map((stack) => ({ stack, ...make(stack) }));

const under = (stack: string, chain: string, name: string) =>
    `urn:pulumi:${stack}::redcap::${chain}::${name}`;

export const INTENDED_DIFFERENCES: IntendedDifference[] = [
    ...inBothStacks((stack) => ({
        urn: under(stack, "hipaa:app:RedcapService$hipaa:compute:FargateCluster", "app"),
        kind: "added",
        why: "the FargateCluster component itself: a grouping in Pulumi's state, no AWS resource",
    })),
    ...inBothStacks((stack) => ({
        urn: under(
            stack,
            "hipaa:app:RedcapService$hipaa:compute:FargateCluster$aws:cloudwatch/logGroup:LogGroup",
            "app-exec",
        ),
        kind: "moved",
        keys: [
            under(stack, "hipaa:app:RedcapService$aws:cloudwatch/logGroup:LogGroup", "app-exec"),
        ],
        why: CLUSTER_WHY,
    })),
    ...inBothStacks((stack) => ({
        urn: under(
            stack,
            "hipaa:app:RedcapService$hipaa:compute:FargateCluster$aws:ecs/cluster:Cluster",
            "app",
        ),
        kind: "moved",
        keys: [under(stack, "hipaa:app:RedcapService$aws:ecs/cluster:Cluster", "app")],
        why: CLUSTER_WHY,
    })),
];
