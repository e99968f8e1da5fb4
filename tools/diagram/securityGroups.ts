import type { Plan, PlanResource } from "../synth/plan";

/**
 * Security groups and their rules as the plan declares them, in every form the AWS provider
 * offers: the `aws:vpc` rule resources, `aws:ec2/securityGroupRule`, and rules inline in a group.
 */

export const SECURITY_GROUP_TYPES: ReadonlySet<string> = new Set([
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
]);

/** Inputs through which a resource joins security groups (its ENIs carry them). */
export const GROUP_MEMBERSHIP_INPUTS: readonly string[] = [
    "vpcSecurityGroupIds",
    "securityGroups",
    "securityGroupIds",
    "networkConfiguration",
    "vpcConfig",
    "networkInterfaces",
];

export type RulePeer =
    | { kind: "group"; urn: string }
    | { kind: "self" }
    | { kind: "cidr"; cidr: string }
    | { kind: "prefixList"; id: string }
    /** A group id that is not a group of this plan (an existing group, say). */
    | { kind: "externalGroup"; id: string };

export interface SecurityGroupRule {
    /** The resource declaring the rule (a rule resource, or the group for inline rules). */
    declaredBy: string;
    direction: "ingress" | "egress";
    /** URN of the group the rule belongs to; undefined when it is not a group of this plan. */
    group: string | undefined;
    /** Where ingress traffic comes from, or where egress traffic goes. */
    peer: RulePeer;
    /** "tcp", "udp", "icmp", "icmpv6", or "all". */
    protocol: string;
    fromPort: number;
    toPort: number;
}

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = {
    "-1": "all",
    "1": "icmp",
    "6": "tcp",
    "17": "udp",
    "58": "icmpv6",
};

export function normalizeProtocol(value: unknown): string {
    const text =
        typeof value === "string" || typeof value === "number"
            ? String(value).toLowerCase()
            : "all";
    return PROTOCOL_NUMBERS[text] ?? text;
}

function num(value: unknown, fallback: number): number {
    return typeof value === "number" ? value : fallback;
}

function unique<T>(values: T[]): T[] {
    return [...new Set(values)];
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Reads a plan's security groups, their rules, and who is a member of which group. */
export class SecurityGroupIndex {
    readonly rules: SecurityGroupRule[] = [];
    /** Group URN → URNs of the resources that are members of it. */
    readonly members = new Map<string, string[]>();
    private readonly byUrn: Map<string, PlanResource>;
    /** Group id as it appears in inputs (sg-...) → group URN. */
    private readonly urnOfId = new Map<string, string>();

    constructor(plan: Plan) {
        this.byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
        // The plan has no outputs of resources, so a group id is matched to its group through an
        // input that holds exactly that id and depends on exactly that group.
        for (const r of plan.resources) {
            for (const [key, deps] of Object.entries(r.propertyDependencies)) {
                const groups = deps.filter((u) => this.isGroup(u));
                const value = r.inputs[key];
                if (groups.length === 1 && typeof value === "string" && value.startsWith("sg-")) {
                    this.urnOfId.set(value, groups[0]);
                }
            }
        }
        for (const r of plan.resources) {
            this.readRules(r);
            for (const key of GROUP_MEMBERSHIP_INPUTS) {
                for (const group of (r.propertyDependencies[key] ?? []).filter((u) =>
                    this.isGroup(u),
                )) {
                    const members = this.members.get(group) ?? [];
                    members.push(r.urn);
                    this.members.set(group, members);
                }
            }
        }
    }

    isGroup(urn: string): boolean {
        return SECURITY_GROUP_TYPES.has(this.byUrn.get(urn)?.type ?? "");
    }

    /** The group a single-valued input refers to: through its dependency, else its id. */
    private groupOf(r: PlanResource, key: string): string | undefined {
        const fromDeps = (r.propertyDependencies[key] ?? []).filter((u) => this.isGroup(u));
        if (fromDeps.length === 1) {
            return fromDeps[0];
        }
        const value = r.inputs[key];
        return typeof value === "string" ? this.urnOfId.get(value) : undefined;
    }

    private groupPeer(id: string, guess: ReadonlyMap<string, string>): RulePeer {
        const urn = this.urnOfId.get(id) ?? guess.get(id);
        return urn !== undefined ? { kind: "group", urn } : { kind: "externalGroup", id };
    }

    private add(
        r: PlanResource,
        direction: "ingress" | "egress",
        group: string | undefined,
        peers: RulePeer[],
        protocol: unknown,
        fromPort: unknown,
        toPort: unknown,
    ): void {
        const p = normalizeProtocol(protocol);
        // "all" ignores the ports AWS is given (they must be 0 or -1).
        const from = p === "all" ? 0 : num(fromPort, 0);
        const to = p === "all" ? 65535 : num(toPort, from);
        for (const peer of peers) {
            this.rules.push({
                declaredBy: r.urn,
                direction,
                group,
                peer,
                protocol: p,
                fromPort: from,
                toPort: to,
            });
        }
    }

    private readRules(r: PlanResource): void {
        const i = r.inputs;
        if (
            r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" ||
            r.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
        ) {
            const peers: RulePeer[] = [];
            const referenced = this.groupOf(r, "referencedSecurityGroupId");
            if (referenced !== undefined) {
                peers.push({ kind: "group", urn: referenced });
            } else if (typeof i.referencedSecurityGroupId === "string") {
                peers.push({ kind: "externalGroup", id: i.referencedSecurityGroupId });
            }
            for (const cidr of [i.cidrIpv4, i.cidrIpv6]) {
                if (typeof cidr === "string") {
                    peers.push({ kind: "cidr", cidr });
                }
            }
            if (typeof i.prefixListId === "string") {
                peers.push({ kind: "prefixList", id: i.prefixListId });
            }
            const direction = r.type.includes("Ingress") ? "ingress" : "egress";
            const group = this.groupOf(r, "securityGroupId");
            this.add(r, direction, group, peers, i.ipProtocol, i.fromPort, i.toPort);
        } else if (r.type === "aws:ec2/securityGroupRule:SecurityGroupRule") {
            const peers: RulePeer[] = [];
            const source = this.groupOf(r, "sourceSecurityGroupId");
            if (source !== undefined) {
                peers.push({ kind: "group", urn: source });
            } else if (typeof i.sourceSecurityGroupId === "string") {
                peers.push({ kind: "externalGroup", id: i.sourceSecurityGroupId });
            }
            if (i.self === true) {
                peers.push({ kind: "self" });
            }
            for (const cidr of [...strings(i.cidrBlocks), ...strings(i.ipv6CidrBlocks)]) {
                peers.push({ kind: "cidr", cidr });
            }
            for (const id of strings(i.prefixListIds)) {
                peers.push({ kind: "prefixList", id });
            }
            const direction = i.type === "egress" ? "egress" : "ingress";
            const group = this.groupOf(r, "securityGroupId");
            this.add(r, direction, group, peers, i.protocol, i.fromPort, i.toPort);
        } else if (SECURITY_GROUP_TYPES.has(r.type)) {
            for (const direction of ["ingress", "egress"] as const) {
                const items = i[direction];
                if (!Array.isArray(items)) {
                    continue;
                }
                // Which inline rule names which group is lost in the dependencies (one list for
                // the input), so ids are matched as above; one id left unmatched is the one
                // group depended on that no matched id accounts for, if there is exactly one.
                const ids = unique(
                    (items as Record<string, unknown>[]).flatMap((x) => strings(x.securityGroups)),
                );
                const unmatched = ids.filter((id) => !this.urnOfId.has(id));
                const unclaimed = (r.propertyDependencies[direction] ?? []).filter(
                    (u) =>
                        u !== r.urn &&
                        this.isGroup(u) &&
                        !ids.some((id) => this.urnOfId.get(id) === u),
                );
                const guess =
                    unmatched.length === 1 && unclaimed.length === 1
                        ? new Map([[unmatched[0], unclaimed[0]]])
                        : new Map<string, string>();
                for (const item of items as Record<string, unknown>[]) {
                    const peers: RulePeer[] = [
                        ...strings(item.securityGroups).map((id) => this.groupPeer(id, guess)),
                        ...(item.self === true ? [{ kind: "self" as const }] : []),
                        ...[...strings(item.cidrBlocks), ...strings(item.ipv6CidrBlocks)].map(
                            (cidr) => ({ kind: "cidr" as const, cidr }),
                        ),
                        ...strings(item.prefixListIds).map((id) => ({
                            kind: "prefixList" as const,
                            id,
                        })),
                    ];
                    this.add(r, direction, r.urn, peers, item.protocol, item.fromPort, item.toPort);
                }
            }
        }
    }
}

/** A port range as an edge label: "443", "1024-65535", "udp 53", "all traffic". */
export function portLabel(rule: Pick<SecurityGroupRule, "protocol" | "fromPort" | "toPort">) {
    if (rule.protocol === "all") {
        return "all traffic";
    }
    const ports =
        rule.fromPort === rule.toPort
            ? `${rule.fromPort}`
            : rule.fromPort <= 0 && rule.toPort >= 65535
              ? "all ports"
              : `${rule.fromPort}-${rule.toPort}`;
    if (rule.protocol === "tcp") {
        return ports === "all ports" ? "all TCP" : ports;
    }
    if (rule.protocol === "icmp" || rule.protocol === "icmpv6") {
        return rule.protocol;
    }
    return `${rule.protocol} ${ports}`;
}
