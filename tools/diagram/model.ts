import type { Plan, PlanResource } from "../synth/plan";
import { indexComponents, safeId, type ComponentIndex, type ComponentNode } from "./components";
import {
    GROUP_MEMBERSHIP_INPUTS,
    portLabel,
    SecurityGroupIndex,
    type RulePeer,
} from "./securityGroups";
import { COMPONENT_TIERS, TIERS, type Placement, type TierId } from "./tiers";

/**
 * The architecture diagram of a plan as data: boxes (components) grouped by tier, the places
 * outside the stack that traffic comes from, and arrows derived from what the plan declares.
 * Rendering (Mermaid, DOT) is separate and does no reasoning of its own.
 */

/** Something outside the stack's components: the internet, the VPC's address range, a CIDR. */
export interface ExternalNode {
    id: string;
    lines: string[];
}

export type EdgeKind = "traffic" | "relation";

export interface DiagramEdge {
    from: string;
    to: string;
    /** traffic: packets flow (security groups, a workload's connections); relation: the rest. */
    kind: EdgeKind;
    /** Ports or what the relation is, sorted; shown joined by ", ". */
    labels: string[];
}

export interface DiagramModel {
    project: string;
    stack: string;
    /** Only tiers with at least one box, in TIERS order. */
    tiers: { id: TierId; label: string; nodes: ComponentNode[] }[];
    /** Only those some edge touches, sorted by id. */
    externals: ExternalNode[];
    /** Sorted by from, to, kind; never from a box to itself. */
    edges: DiagramEdge[];
}

/**
 * Relations between components that are not security-group traffic but that a reader of the
 * architecture expects to see, each read from one input of one resource type: an arrow from the
 * resource's box to the box of each resource that input depends on.
 *
 * Left out on purpose, as noise: KMS keys (almost every box uses the key of its domain: a star of
 * a dozen arrows into `keys` would hide the traffic; the legend says so), the alarms' metric
 * dimensions (ServiceAlarms watches most boxes), IAM policies naming other boxes' resources, and
 * egress to the internet (every private workload has some, through NAT).
 */
export const RELATIONS: readonly {
    type: string;
    input: string;
    label: string;
    /** Only dependencies of these types count (all when absent). */
    targetTypes?: readonly string[];
}[] = [
    {
        type: "aws:wafv2/webAclAssociation:WebAclAssociation",
        input: "resourceArn",
        label: "inspects requests",
    },
    { type: "aws:backup/selection:Selection", input: "resources", label: "backs up" },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        input: "alarmActions",
        label: "notifies",
        targetTypes: ["aws:sns/topic:Topic"],
    },
    {
        type: "aws:cloudwatch/eventTarget:EventTarget",
        input: "arn",
        label: "notifies",
        targetTypes: ["aws:sns/topic:Topic"],
    },
    {
        type: "aws:budgets/budget:Budget",
        input: "notifications",
        label: "notifies",
        targetTypes: ["aws:sns/topic:Topic"],
    },
];

/** Inputs that tell a workload what to connect to at run time (endpoints, buckets, secrets). */
export const WORKLOAD_INPUTS: Readonly<Record<string, readonly string[]>> = {
    "aws:ecs/taskDefinition:TaskDefinition": ["containerDefinitions"],
    "aws:lambda/function:Function": ["environment"],
    "aws:ec2/instance:Instance": ["userData"],
    "aws:ec2/launchTemplate:LaunchTemplate": ["userData"],
};

/**
 * What a workload connects to when its configuration references another box: the service is
 * that of the referenced resource's type, else the first one the box contains (a secret of the
 * mail relay means SMTP). The ports shown are those of `ports` that the workload's security
 * groups let out; `gatewayEndpoint` adds "via gateway endpoint" when the workload's subnets route
 * to that service through a gateway endpoint of the plan.
 */
export const SERVICES: readonly {
    name: string;
    types: readonly string[];
    ports: readonly number[];
    gatewayEndpoint?: string;
}[] = [
    {
        name: "SQL",
        types: ["aws:rds/cluster:Cluster", "aws:rds/instance:Instance"],
        ports: [1433, 1521, 3306, 5432],
    },
    {
        name: "S3",
        types: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
        ports: [443],
        gatewayEndpoint: "s3",
    },
    {
        name: "SMTP",
        types: [
            "aws:sesv2/emailIdentity:EmailIdentity",
            "aws:ses/domainIdentity:DomainIdentity",
            "aws:ses/emailIdentity:EmailIdentity",
        ],
        ports: [25, 465, 587, 2465, 2587],
    },
    {
        name: "image pull",
        types: ["aws:ecr/repository:Repository", "awsx:ecr:Image"],
        ports: [443],
    },
];

const INTERNET_CIDRS = new Set(["0.0.0.0/0", "::/0"]);
const SUBNET_TYPE = "aws:ec2/subnet:Subnet";
const SUBNET_INPUTS = [...GROUP_MEMBERSHIP_INPUTS, "subnetId", "subnetIds", "subnets"];

class EdgeSet {
    private readonly edges = new Map<string, DiagramEdge>();

    add(from: string, to: string, kind: EdgeKind, label: string): void {
        if (from === to) {
            return; // traffic inside a box is the component's own business
        }
        const key = `${from}\0${to}\0${kind}`;
        const edge = this.edges.get(key) ?? { from, to, kind, labels: [] };
        if (!edge.labels.includes(label)) {
            edge.labels.push(label);
        }
        this.edges.set(key, edge);
    }

    sorted(): DiagramEdge[] {
        const numeric = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });
        return [...this.edges.values()]
            .map((e) => ({ ...e, labels: [...e.labels].sort(numeric) }))
            .sort(
                (a, b) =>
                    a.from.localeCompare(b.from) ||
                    a.to.localeCompare(b.to) ||
                    a.kind.localeCompare(b.kind),
            );
    }
}

function unique<T>(values: Iterable<T>): T[] {
    return [...new Set(values)];
}

/** Builds the diagram of a plan. Throws when a component type has no place in the tier table. */
export function buildDiagram(
    plan: Plan,
    table: Readonly<Record<string, Placement>> = COMPONENT_TIERS,
): DiagramModel {
    const index = indexComponents(plan, table);
    const groups = new SecurityGroupIndex(plan);
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const edges = new EdgeSet();
    const externals = new Map<string, ExternalNode>();

    const boxesOf = (urns: Iterable<string>): string[] =>
        unique([...urns].map((u) => index.nodeOf(u)).filter((id) => id !== undefined));
    // The boxes behind a group: those with a member resource, else the box declaring the group
    // (a group nobody in the plan joins yet still says who may reach its owner).
    const boxesOfGroup = (group: string): string[] => {
        const members = boxesOf(groups.members.get(group) ?? []);
        return members.length > 0 ? members : boxesOf([group]);
    };

    const vpcCidrs = new Set(
        plan.resources
            .filter((r) => r.type === "aws:ec2/vpc:Vpc" && typeof r.inputs.cidrBlock === "string")
            .map((r) => r.inputs.cidrBlock as string),
    );
    const external = (peer: RulePeer): string | undefined => {
        let node: ExternalNode;
        if (peer.kind === "cidr") {
            node = INTERNET_CIDRS.has(peer.cidr)
                ? { id: "x_internet", lines: ["Internet"] }
                : vpcCidrs.has(peer.cidr)
                  ? { id: safeId("x_vpc", peer.cidr), lines: ["Inside the VPC", peer.cidr] }
                  : { id: safeId("x_cidr", peer.cidr), lines: [peer.cidr] };
        } else if (peer.kind === "prefixList") {
            node = { id: safeId("x_pl", peer.id), lines: ["prefix list", peer.id] };
        } else if (peer.kind === "externalGroup") {
            node = { id: safeId("x_sg", peer.id), lines: ["security group", peer.id] };
        } else {
            return undefined;
        }
        externals.set(node.id, node);
        return node.id;
    };

    // Security-group traffic: who may open a connection to whom, on which ports.
    for (const rule of groups.rules.filter((r) => r.direction === "ingress")) {
        const targets =
            rule.group !== undefined ? boxesOfGroup(rule.group) : boxesOf([rule.declaredBy]);
        const peer = rule.peer;
        const sources =
            peer.kind === "group"
                ? boxesOfGroup(peer.urn)
                : peer.kind === "self"
                  ? targets
                  : [external(peer)].filter((id) => id !== undefined);
        for (const from of sources) {
            for (const to of targets) {
                edges.add(from, to, "traffic", portLabel(rule));
            }
        }
    }

    // A connection between boxes a security-group edge already joins adds nothing: that edge
    // says it, with the exact ports.
    const joined = new Set(edges.sorted().map((e) => `${e.from}\0${e.to}`));
    for (const c of workloadConnections(plan, index, groups)) {
        if (!joined.has(`${c.from}\0${c.to}`)) {
            edges.add(c.from, c.to, "traffic", c.label);
        }
    }

    for (const relation of RELATIONS) {
        for (const r of plan.resources.filter((x) => x.type === relation.type)) {
            const from = index.nodeOf(r.urn);
            if (from === undefined) {
                continue;
            }
            const deps = (r.propertyDependencies[relation.input] ?? []).filter(
                (u) =>
                    relation.targetTypes === undefined ||
                    relation.targetTypes.includes(byUrn.get(u)?.type ?? ""),
            );
            for (const to of boxesOf(deps)) {
                edges.add(from, to, "relation", relation.label);
            }
        }
    }

    const sortedEdges = edges.sorted();
    const used = new Set(sortedEdges.flatMap((e) => [e.from, e.to]));
    return {
        project: plan.project,
        stack: plan.stack,
        tiers: TIERS.map((t) => ({
            id: t.id,
            label: t.label,
            nodes: index.nodes.filter((n) => n.tier === t.id),
        })).filter((t) => t.nodes.length > 0),
        externals: [...externals.values()]
            .filter((x) => used.has(x.id))
            .sort((a, b) => a.id.localeCompare(b.id)),
        edges: sortedEdges,
    };
}

interface Connection {
    from: string;
    to: string;
    label: string;
}

/** Connections workloads are configured to open to other boxes (see SERVICES). */
function workloadConnections(
    plan: Plan,
    index: ComponentIndex,
    groups: SecurityGroupIndex,
): Connection[] {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const found = new Map<string, Connection>();
    for (const r of plan.resources) {
        const from = index.nodeOf(r.urn);
        if (from === undefined) {
            continue;
        }
        for (const input of WORKLOAD_INPUTS[r.type] ?? []) {
            for (const urn of r.propertyDependencies[input] ?? []) {
                const to = index.nodeOf(urn);
                if (to === undefined || to === from) {
                    continue;
                }
                const type = byUrn.get(urn)?.type ?? "";
                const service =
                    SERVICES.find((s) => s.types.includes(type)) ??
                    SERVICES.find((s) =>
                        (index.members.get(to) ?? []).some((m) => s.types.includes(m.type)),
                    );
                if (service === undefined) {
                    continue; // a log group, a role: configuration, not a connection
                }
                const label = [
                    service.name,
                    ...allowedOut(index, groups, from, service.ports),
                ].join(" ");
                const via =
                    service.gatewayEndpoint !== undefined &&
                    routesThroughGateway(
                        plan,
                        index.members.get(from) ?? [],
                        service.gatewayEndpoint,
                    );
                const text = via ? `${label} via gateway endpoint` : label;
                found.set(`${from}\0${to}\0${text}`, { from, to, label: text });
            }
        }
    }
    return [...found.values()];
}

/**
 * The ports among `ports` that the egress rules of the box's security groups let out. Empty
 * when the box joins no group, and when the rules let out every candidate of several (a range
 * saying nothing about which one is used).
 */
function allowedOut(
    index: ComponentIndex,
    groups: SecurityGroupIndex,
    box: string,
    ports: readonly number[],
): string[] {
    const own = new Set(
        [...groups.members]
            .filter(([, members]) => members.some((m) => index.nodeOf(m) === box))
            .map(([group]) => group),
    );
    const egress = groups.rules.filter(
        (r) =>
            r.direction === "egress" &&
            r.group !== undefined &&
            own.has(r.group) &&
            (r.protocol === "tcp" || r.protocol === "all"),
    );
    const open = ports.filter((p) => egress.some((r) => r.fromPort <= p && p <= r.toPort));
    return open.length === ports.length && ports.length > 1 ? [] : open.map(String);
}

/** Whether any subnet the resources sit in routes through a gateway endpoint of the service. */
function routesThroughGateway(plan: Plan, resources: readonly PlanResource[], service: string) {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const gatewayTables = new Set(
        plan.resources
            .filter(
                (r) =>
                    r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" &&
                    r.inputs.vpcEndpointType === "Gateway" &&
                    typeof r.inputs.serviceName === "string" &&
                    r.inputs.serviceName.endsWith(`.${service}`),
            )
            .flatMap((r) => r.propertyDependencies.routeTableIds ?? []),
    );
    const tablesOfSubnet = new Map<string, string[]>();
    for (const a of plan.resources.filter(
        (r) => r.type === "aws:ec2/routeTableAssociation:RouteTableAssociation",
    )) {
        for (const subnet of a.propertyDependencies.subnetId ?? []) {
            tablesOfSubnet.set(subnet, [
                ...(tablesOfSubnet.get(subnet) ?? []),
                ...(a.propertyDependencies.routeTableId ?? []),
            ]);
        }
    }
    const subnets = resources.flatMap((r) =>
        SUBNET_INPUTS.flatMap((key) => r.propertyDependencies[key] ?? []).filter(
            (u) => byUrn.get(u)?.type === SUBNET_TYPE,
        ),
    );
    return subnets.some((s) => (tablesOfSubnet.get(s) ?? []).some((t) => gatewayTables.has(t)));
}
