import type { PolicyResource } from "@pulumi/policy";
import { resourceRule, stackRule } from "../lib/policy";
import {
    admitsPort,
    describeIngress,
    type Ingress,
    ingressOf,
    isWorldOpen,
} from "../lib/securityGroups";
import {
    DEFAULT_SECURITY_GROUP,
    SECURITY_GROUP,
    SECURITY_GROUP_RULE,
    SECURITY_GROUP_RULE_FORMS,
    SG_EGRESS_RULE,
    SG_INGRESS_RULE,
} from "../lib/tokens";
import { known, UNKNOWN } from "../lib/unknown";

/** Citations of the rules that keep resources off the internet (here and in publicEndpoints). */
export const ACCESS =
    "164.308(a)(3)(i), 164.308(a)(4)(ii)(B), 164.308(a)(4)(ii)(C), 164.312(a)(1), 164.312(e)(1)";
const SG_ACCESS =
    "164.308(a)(3)(i), 164.308(a)(3)(ii)(B), 164.308(a)(4)(i), 164.308(a)(4)(ii)(B)-(C), 164.312(a)(1), 164.312(e)(1)";
const SG_REMEDIATION =
    "Admit only the load balancer's or a peer's security group (`referencedSecurityGroupId`/`sourceSecurityGroupId`) or a private range; operators reach hosts through SSM Session Manager, not open ports.";

export const sgNoWorldSsh = resourceRule({
    name: "sg-no-world-ssh",
    area: "network-exposure",
    description:
        "Checks that no security-group rule, in any of the three forms, admits SSH (port 22) from the whole internet.",
    citation: SG_ACCESS,
    awsConfig: "restricted-ssh",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: SG_REMEDIATION,
    types: SECURITY_GROUP_RULE_FORMS,
    check(props, { report, args }) {
        for (const rule of ingressOf(args.type, props).filter(
            (r) => isWorldOpen(r) && admitsPort(r, 22),
        )) {
            report(`ingress ${describeIngress(rule)} opens SSH to the internet`);
        }
    },
});

/** Ports never to open to the whole internet (sg-restricted-common-ports' default list). */
const RESTRICTED_PORTS = [20, 21, 3389, 3306, 4333, 5432, 1433, 2049, 6379, 11211, 9200, 27017];

export const sgRestrictedCommonPorts = resourceRule<{ blockedPorts: number[] }>({
    name: "sg-restricted-common-ports",
    area: "network-exposure",
    description:
        "Checks that no security-group rule admits the configured sensitive ports (FTP, RDP, databases, NFS, Redis by default) from the whole internet.",
    citation: SG_ACCESS,
    awsConfig: "restricted-common-ports",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: SG_REMEDIATION,
    config: {
        blockedPorts: {
            description: "Ports that must never be open to 0.0.0.0/0 or ::/0.",
            default: RESTRICTED_PORTS,
            schema: { type: "array", items: { type: "integer", minimum: 0, maximum: 65535 } },
        },
    },
    types: SECURITY_GROUP_RULE_FORMS,
    check(props, { report, config, args }) {
        for (const rule of ingressOf(args.type, props).filter(isWorldOpen)) {
            const open = config.blockedPorts.filter((p) => admitsPort(rule, p));
            if (open.length > 0)
                report(
                    `ingress ${describeIngress(rule)} opens blocked port(s) ${open.join(", ")} to the internet`,
                );
        }
    },
});

export const sgWorldOpenAuthorizedPortsOnly = resourceRule<{ authorizedPorts: number[] }>({
    name: "sg-world-open-authorized-ports-only",
    area: "network-exposure",
    description:
        "Checks that rules open to the whole internet admit only TCP ports on the allowlist (443 and 80 by default, for the public load balancer); all-protocol rules fail.",
    citation: "164.308(a)(1)(ii)(B)",
    awsConfig: "vpc-sg-open-only-to-authorized-ports",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Open only tcp 443 (and 80 for the redirect) to the internet, on the load balancer's group; never protocol -1.",
    config: {
        authorizedPorts: {
            description: "TCP ports that may be open to 0.0.0.0/0 or ::/0.",
            default: [443, 80],
            schema: { type: "array", items: { type: "integer", minimum: 0, maximum: 65535 } },
        },
    },
    types: SECURITY_GROUP_RULE_FORMS,
    check(props, { report, config, args }) {
        for (const rule of ingressOf(args.type, props).filter(isWorldOpen)) {
            const authorized =
                rule.protocol === "tcp" &&
                rule.fromPort === rule.toPort &&
                config.authorizedPorts.includes(rule.fromPort);
            if (!authorized)
                report(
                    `ingress ${describeIngress(rule)} is open to the internet; allowed: tcp ${config.authorizedPorts.join(", ")}`,
                );
        }
    },
});

export const sgNoRuleManagementConflict = stackRule({
    name: "sg-no-rule-management-conflict",
    area: "network-exposure",
    description:
        "Checks that a security group with inline rules is not also the target of standalone rule resources (they overwrite each other on every update).",
    citation: "",
    awsConfig: "none (AwsGuard security-group-no-rule-management-conflicts)",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Declare a group's rules either inline or as standalone rule resources, not both.",
    judges: [SECURITY_GROUP],
    check(stack) {
        stack.each(stack.subjects([SECURITY_GROUP]), (sg) => {
            // Even an empty inline list (`ingress: []`) makes the group manage its rules itself,
            // removing any declared on their own.
            const inline = sg.props.ingress !== undefined || sg.props.egress !== undefined;
            const standalone = stack.linked(
                sg,
                [SECURITY_GROUP_RULE, SG_INGRESS_RULE, SG_EGRESS_RULE],
                "securityGroupId",
            );
            if (inline && standalone.length > 0)
                stack.report(
                    `inline rules and ${standalone.length} standalone rule resource(s) both manage this group`,
                    sg,
                );
        });
    },
});

export const vpcDefaultSgClosed = stackRule({
    name: "vpc-default-sg-closed",
    area: "network-exposure",
    description:
        "Checks that every VPC's default security group is adopted and left without rules.",
    citation: "164.312(e)(1)",
    awsConfig: "vpc-default-security-group-closed",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Declare `new aws.ec2.DefaultSecurityGroup(..., { vpcId: vpc.id })` with no `ingress` or `egress`: a new VPC's default group allows all traffic between its members and all egress.",
    judges: [DEFAULT_SECURITY_GROUP, "aws:ec2/vpc:Vpc"],
    check(stack) {
        const defaults = stack.subjects([DEFAULT_SECURITY_GROUP]);
        stack.each(defaults, (sg) => {
            const rules =
                ((sg.props.ingress ?? []) as unknown[]).length +
                ((sg.props.egress ?? []) as unknown[]).length;
            if (rules > 0) stack.report(`the default security group keeps ${rules} rule(s)`, sg);
            // Rules declared on their own still open the default group.
            const standalone = stack.linked(
                sg,
                [SECURITY_GROUP_RULE, SG_INGRESS_RULE, SG_EGRESS_RULE],
                "securityGroupId",
            );
            if (standalone.length > 0)
                stack.report(
                    `${standalone.length} security group rule(s) declared on their own open the default security group`,
                    sg,
                );
        });
        for (const vpc of stack.subjects(["aws:ec2/vpc:Vpc"])) {
            if (
                !defaults.some((sg) =>
                    (sg.propertyDependencies.vpcId ?? []).some((v) => v.urn === vpc.urn),
                )
            ) {
                stack.report(
                    "no aws.ec2.DefaultSecurityGroup adopts this VPC's default group, which allows all traffic",
                    vpc,
                );
            }
        }
    },
});

const NETWORK_ACL = "aws:ec2/networkAcl:NetworkAcl";
const DEFAULT_NETWORK_ACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl";
const NETWORK_ACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";
const ACLS = [NETWORK_ACL, DEFAULT_NETWORK_ACL];
/** The whole internet, IPv4 and IPv6. */
export const WORLD_RANGES = ["0.0.0.0/0", "::/0"];

/** One inbound network ACL entry, inline or a standalone rule resource (`from`). */
interface AclEntry {
    ruleNo: number;
    allow: boolean;
    ingress: Ingress;
    from?: PolicyResource;
}

/** An entry from either form: inline (`ruleNo`, `action`) or `aws.ec2.NetworkAclRule` (`ruleNumber`, `ruleAction`). */
function aclEntry(e: Record<string, unknown>, from?: PolicyResource): AclEntry {
    // Network ACLs take protocol numbers or names; -1 (or "all") is every protocol and port.
    const protocol = String(e.protocol).toLowerCase();
    const name: Record<string, string> = { "-1": "all", all: "all", "6": "tcp", "17": "udp" };
    return {
        ruleNo: Number(from ? e.ruleNumber : e.ruleNo),
        allow: String(from ? e.ruleAction : e.action).toLowerCase() === "allow",
        ingress: {
            protocol: name[protocol] ?? protocol,
            fromPort: Number(e.fromPort ?? 0),
            toPort: Number(e.toPort ?? 65535),
            cidrs: [e.cidrBlock, e.ipv6CidrBlock].filter((c): c is string => typeof c === "string"),
        },
        from,
    };
}

/**
 * The blocked ports each allow entry opens to the whole internet. AWS evaluates entries in rule
 * number order and the first that matches decides, so an allow is shadowed for a port only by a
 * lower-numbered deny of the same whole range: a deny of a narrower range leaves the rest of the
 * internet admitted.
 */
function worldOpenings(entries: AclEntry[], ports: readonly number[]): Map<AclEntry, number[]> {
    const sorted = [...entries].sort((a, b) => a.ruleNo - b.ruleNo);
    const open = new Map<AclEntry, Set<number>>();
    for (const world of WORLD_RANGES) {
        for (const protocol of ["tcp", "udp"]) {
            for (const port of ports) {
                const first = sorted.find(
                    (e) =>
                        e.ingress.cidrs.includes(world) &&
                        (e.ingress.protocol === "all" || e.ingress.protocol === protocol) &&
                        admitsPort(e.ingress, port),
                );
                if (first?.allow) open.set(first, (open.get(first) ?? new Set()).add(port));
            }
        }
    }
    return new Map([...open].map(([e, p]) => [e, [...p]]));
}

export const naclNoWorldAdminPorts = stackRule<{ blockedPorts: number[] }>({
    name: "nacl-no-world-admin-ports",
    area: "network-exposure",
    description:
        "Checks that no network ACL (inline entries, adopted default ACLs, standalone rules; the lowest matching rule number decides) admits the blocked ports (SSH and RDP by default) from the whole internet, through an entry naming the port or a range containing it. Advisory: security groups are the binding control (the sg- rules), and AWS's own default ACL admits all traffic.",
    citation: SG_ACCESS,
    awsConfig: "nacl-no-unrestricted-ssh-rdp",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Admit from 0.0.0.0/0 and ::/0 only what the subnet serves (tcp 443 and 80 to the load balancer's subnets). The ephemeral range return traffic needs (1024-65535) covers RDP (3389): put lower-numbered denies of 3389 (and any other blocked port in the range) from 0.0.0.0/0 and ::/0 before it.",
    // The ports of AWS Config's nacl-no-unrestricted-ssh-rdp (22 and 3389) by default: an ACL
    // is a subnet-wide, stateless filter whose ephemeral-port allow (1024-65535 from 0.0.0.0/0,
    // for return traffic) would otherwise be reported for every database port in it; the
    // security-group rules (sg-restricted-common-ports) keep those ports closed. An entry counts
    // when its range contains a blocked port, not only when it names it: AWS documents the rule
    // as failing an inbound entry that allows the ports from 0.0.0.0/0, and the CIS AWS
    // Foundations control it implements (Security Hub EC2.21) counts any range including 22 or
    // 3389 (its example: 0-1024). So the usual 1024-65535 allow is reported for 3389 unless a
    // lower-numbered deny of 3389 precedes it; more ports can be blocked with `blockedPorts`.
    config: {
        blockedPorts: {
            description:
                "Ports no network ACL may admit from 0.0.0.0/0 or ::/0, by a rule naming the port or a range containing it (SSH and RDP, as AWS Config's nacl-no-unrestricted-ssh-rdp).",
            default: [22, 3389],
            schema: { type: "array", items: { type: "integer", minimum: 0, maximum: 65535 } },
        },
    },
    judges: [...ACLS, NETWORK_ACL_RULE],
    check(stack) {
        const judge = (entries: AclEntry[], owner: PolicyResource) => {
            for (const [entry, ports] of worldOpenings(entries, stack.config.blockedPorts))
                stack.report(
                    `inbound rule ${entry.ruleNo} allows ${describeIngress(entry.ingress)}, opening port(s) ${ports.join(", ")} to the internet`,
                    entry.from ?? owner,
                );
        };
        const inbound = (rules: PolicyResource[]) =>
            rules.filter((r) => r.props.egress !== true).map((r) => aclEntry(r.props, r));
        // A standalone rule follows the exemption of the ACL it belongs to, and is judged with
        // the ACL's other entries (a lower-numbered deny can shadow it).
        stack.each(stack.subjects(ACLS), (acl) =>
            judge(
                [
                    ...((acl.props.ingress ?? []) as Record<string, unknown>[]).map((e) =>
                        aclEntry(e),
                    ),
                    ...inbound(stack.linked(acl, [NETWORK_ACL_RULE], "networkAclId")),
                ],
                acl,
            ),
        );
        // Rules of an ACL the stack does not declare (a VPC's default ACL through
        // `vpc.defaultNetworkAclId`, or an ID): judged together, per ACL they name.
        const groups = new Map<string, PolicyResource[]>();
        for (const rule of stack.subjects([NETWORK_ACL_RULE])) {
            const acls = rule.propertyDependencies.networkAclId ?? [];
            if (acls.some((a) => ACLS.includes(a.type))) continue;
            const id =
                acls.length === 0 ? known(() => rule.props.networkAclId as unknown) : UNKNOWN;
            const key =
                acls.map((a) => a.urn).join(" ") || (typeof id === "string" ? id : rule.urn);
            groups.set(key, [...(groups.get(key) ?? []), rule]);
        }
        for (const rules of groups.values())
            stack.each([rules[0]], () => judge(inbound(rules), rules[0]));
    },
});

export const subnetNoAutoPublicIp = resourceRule({
    name: "subnet-no-auto-public-ip",
    area: "network-exposure",
    description: "Checks that subnets do not give launched instances public IP addresses.",
    citation: ACCESS,
    awsConfig: "subnet-auto-assign-public-ip-disabled",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Leave `mapPublicIpOnLaunch` unset or false; load balancers and NAT gateways do not need it (awsx.ec2.Vpc sets it on public subnets).",
    types: ["aws:ec2/subnet:Subnet", "aws:ec2/defaultSubnet:DefaultSubnet"],
    check(props, { report, args }) {
        if (props.mapPublicIpOnLaunch === true) report("mapPublicIpOnLaunch is true");
        // A default subnet maps public addresses unless told otherwise.
        else if (
            args.type === "aws:ec2/defaultSubnet:DefaultSubnet" &&
            props.mapPublicIpOnLaunch !== false
        )
            report("mapPublicIpOnLaunch is unset on a default subnet, which maps public IPs");
    },
});

export const noWorldRouteToIgw = stackRule({
    name: "no-world-route-to-igw",
    area: "network-exposure",
    description:
        "Checks that default routes (0.0.0.0/0, ::/0) to an internet gateway exist only in route tables exempted as public (load balancer and NAT subnets).",
    citation: "164.312(e)(1)",
    awsConfig: "no-unrestricted-route-to-igw",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Route private subnets through NAT; tag the public route table `compliance-exempt=no-world-route-to-igw` with a reason.",
    judges: [
        "aws:ec2/routeTable:RouteTable",
        "aws:ec2/defaultRouteTable:DefaultRouteTable",
        "aws:ec2/route:Route",
    ],
    check(stack) {
        const tables = stack.subjects([
            "aws:ec2/routeTable:RouteTable",
            "aws:ec2/defaultRouteTable:DefaultRouteTable",
        ]);
        const isIgw = (sources: { type: string }[] | undefined, id: unknown) =>
            (sources ?? []).some((s) => s.type === "aws:ec2/internetGateway:InternetGateway") ||
            (typeof id === "string" && id.startsWith("igw-"));
        const world = (r: {
            destinationCidrBlock?: string;
            cidrBlock?: string;
            destinationIpv6CidrBlock?: string;
            ipv6CidrBlock?: string;
        }) =>
            [r.destinationCidrBlock, r.cidrBlock].includes("0.0.0.0/0") ||
            [r.destinationIpv6CidrBlock, r.ipv6CidrBlock].includes("::/0");
        stack.each(tables, (table) => {
            const inline = (table.props.routes ?? []) as {
                gatewayId?: string;
                cidrBlock?: string;
                ipv6CidrBlock?: string;
            }[];
            if (
                inline.some(
                    (r) => world(r) && isIgw(table.propertyDependencies.routes, r.gatewayId),
                )
            )
                stack.report("an inline default route goes to an internet gateway", table);
        });
        // A route follows its table's exemption (subjects): routes cannot carry tags.
        stack.each(stack.subjects(["aws:ec2/route:Route"]), (route) => {
            if (
                world(route.props) &&
                isIgw(route.propertyDependencies.gatewayId, route.props.gatewayId)
            ) {
                stack.report(
                    "a default route goes to an internet gateway from a route table not exempted as public",
                    route,
                );
            }
        });
    },
});

export const igwAuthorizedVpcOnly = stackRule<{ authorizedVpcTag: string }>({
    name: "igw-authorized-vpc-only",
    area: "network-exposure",
    description:
        "Checks that internet gateways attach only to VPCs tagged as authorized for internet access.",
    citation: "164.308(a)(1)(ii)(B)",
    awsConfig: "internet-gateway-authorized-vpc-only",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Tag the VPC that hosts the public load balancer with the configured tag (default `internet-facing=true`), or remove the gateway.",
    config: {
        authorizedVpcTag: {
            description: 'Tag key (value "true") marking VPCs allowed an internet gateway.',
            default: "internet-facing",
            schema: { type: "string" },
        },
    },
    judges: [
        "aws:ec2/internetGateway:InternetGateway",
        "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
    ],
    check(stack) {
        stack.each(
            stack.subjects([
                "aws:ec2/internetGateway:InternetGateway",
                "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
            ]),
            (igw) => {
                for (const vpc of (igw.propertyDependencies.vpcId ?? []).filter(
                    (v) => v.type === "aws:ec2/vpc:Vpc",
                )) {
                    const authorized = known(
                        () =>
                            (vpc.props.tags as Record<string, string> | undefined)?.[
                                stack.config.authorizedVpcTag
                            ] === "true",
                    );
                    if (authorized === UNKNOWN) stack.undecided(igw);
                    else if (authorized === false)
                        stack.report(
                            `the gateway attaches to VPC ${vpc.name}, which is not tagged ${stack.config.authorizedVpcTag}=true`,
                            igw,
                        );
                }
            },
        );
    },
});

export const networkExposurePolicies = [
    sgNoWorldSsh,
    sgRestrictedCommonPorts,
    sgWorldOpenAuthorizedPortsOnly,
    sgNoRuleManagementConflict,
    vpcDefaultSgClosed,
    naclNoWorldAdminPorts,
    subnetNoAutoPublicIp,
    noWorldRouteToIgw,
    igwAuthorizedVpcOnly,
];
