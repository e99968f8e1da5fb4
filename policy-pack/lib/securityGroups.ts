import {
    DEFAULT_SECURITY_GROUP,
    SECURITY_GROUP,
    SECURITY_GROUP_RULE,
    SG_INGRESS_RULE,
} from "./tokens";

/** One ingress permission, whichever of the three resource forms declared it. */
export interface Ingress {
    protocol: string;
    fromPort: number;
    toPort: number;
    /** IPv4 and IPv6 ranges the rule admits (security-group and prefix-list sources are not ranges). */
    cidrs: string[];
}

const WORLD = new Set(["0.0.0.0/0", "::/0"]);
const ALL_PROTOCOLS = new Set(["-1", "all"]);
const PROTOCOL_NAMES: Record<string, string> = {
    "6": "tcp",
    "17": "udp",
    "1": "icmp",
    "58": "icmpv6",
};

function protocolName(protocol: unknown): string {
    const p = (
        typeof protocol === "number"
            ? String(protocol)
            : typeof protocol === "string"
              ? protocol
              : ""
    ).toLowerCase();
    if (ALL_PROTOCOLS.has(p)) {
        return "all";
    }
    return PROTOCOL_NAMES[p] ?? p;
}

function ingress(protocol: unknown, fromPort: unknown, toPort: unknown, cidrs: unknown[]): Ingress {
    return {
        protocol: protocolName(protocol),
        fromPort: Number(fromPort ?? 0),
        toPort: Number(toPort ?? fromPort ?? 65535),
        cidrs: cidrs.filter((c): c is string => typeof c === "string"),
    };
}

/**
 * The ingress permissions a resource declares: inline `ingress[]` on a security group,
 * `aws:ec2/securityGroupRule` with `type: ingress`, or `aws:vpc/securityGroupIngressRule`.
 * Reads go through the SDK proxy: an unknown value throws, so nothing is judged on a guess.
 */

export function ingressOf(type: string, props: any): Ingress[] {
    switch (type) {
        case SECURITY_GROUP:
        case DEFAULT_SECURITY_GROUP:
            return ((props.ingress ?? []) as any[]).map((r) =>
                ingress(r.protocol, r.fromPort, r.toPort, [
                    ...(r.cidrBlocks ?? []),
                    ...(r.ipv6CidrBlocks ?? []),
                ]),
            );
        case SECURITY_GROUP_RULE:
            return props.type === "ingress"
                ? [
                      ingress(props.protocol, props.fromPort, props.toPort, [
                          ...(props.cidrBlocks ?? []),
                          ...(props.ipv6CidrBlocks ?? []),
                      ]),
                  ]
                : [];
        case SG_INGRESS_RULE:
            return [
                ingress(props.ipProtocol, props.fromPort, props.toPort, [
                    props.cidrIpv4,
                    props.cidrIpv6,
                ]),
            ];
        default:
            return [];
    }
}

export function isWorldOpen(rule: Ingress): boolean {
    return rule.cidrs.some((c) => WORLD.has(c));
}

/** Whether the rule admits `port` over TCP or UDP (all-protocol rules admit every port). */
export function admitsPort(rule: Ingress, port: number): boolean {
    if (rule.protocol === "all") {
        return true;
    }
    return (
        (rule.protocol === "tcp" || rule.protocol === "udp") &&
        rule.fromPort <= port &&
        port <= rule.toPort
    );
}

export function describeIngress(rule: Ingress): string {
    const ports =
        rule.protocol === "all"
            ? "all traffic"
            : `${rule.protocol} ${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}`;
    return `${ports} from ${rule.cidrs.filter((c) => WORLD.has(c)).join(" and ") || rule.cidrs.join(", ")}`;
}
