import { describeCases, R } from "../test/cases";
import { networkExposurePolicies } from "./networkExposure";

const sg = (ingress: unknown[], name = "web-sg"): R => ({
    type: "aws:ec2/securityGroup:SecurityGroup",
    name,
    props: { vpcId: "vpc-1", description: "web", ingress, egress: [] },
});
const classicRule = (props: Record<string, unknown>): R => ({
    type: "aws:ec2/securityGroupRule:SecurityGroupRule",
    name: "rule",
    props: { securityGroupId: "sg-1", type: "ingress", ...props },
});
const vpcRule = (props: Record<string, unknown>): R => ({
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    name: "vpc-rule",
    props: { securityGroupId: "sg-1", ...props },
});
/** A VPC's default group, adopted into the stack (aws.ec2.DefaultSecurityGroup): inline rules only. */
const defaultSg = (ingress: unknown[]): R => ({
    type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    name: "default-sg",
    props: {
        vpcId: "vpc-1",
        ingress,
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    },
});
const https = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] };
const vpc: R = {
    type: "aws:ec2/vpc:Vpc",
    name: "vpc",
    props: { cidrBlock: "10.0.0.0/16", tags: { "internet-facing": "true" } },
};

/** A resource of the given type with these inputs (and propertyDependencies). */
const one = (type: string, name: string, props: Record<string, unknown>, deps?: R["deps"]): R => ({
    type,
    name,
    props,
    deps,
});
const NACL = "aws:ec2/networkAcl:NetworkAcl";
const NACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";
/** An inline network ACL entry. */
const entry = (
    ruleNo: number,
    action: "allow" | "deny",
    protocol: string,
    fromPort: number,
    toPort: number,
    cidr: string,
) => ({
    ruleNo,
    action,
    protocol,
    fromPort,
    toPort,
    ...(cidr.includes(":") ? { ipv6CidrBlock: cidr } : { cidrBlock: cidr }),
});
const acl = (ingress: unknown[], name = "acl"): R => one(NACL, name, { vpcId: "vpc-1", ingress });

describe("policy pack: network exposure", () => {
    describeCases(networkExposurePolicies, {
        "sg-no-world-ssh": {
            compliant: [
                {
                    stack: [
                        sg([
                            https,
                            {
                                protocol: "tcp",
                                fromPort: 22,
                                toPort: 22,
                                cidrBlocks: ["10.0.0.0/16"],
                            },
                        ]),
                    ],
                },
                {
                    stack: [
                        vpcRule({
                            ipProtocol: "tcp",
                            fromPort: 22,
                            toPort: 22,
                            referencedSecurityGroupId: "sg-2",
                        }),
                    ],
                },
            ],
            violating: [
                {
                    // The VPC's default group, adopted with SSH open: the same inline shape.
                    stack: [
                        {
                            type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                            name: "default-sg",
                            props: {
                                vpcId: "vpc-1",
                                ingress: [
                                    {
                                        protocol: "tcp",
                                        fromPort: 22,
                                        toPort: 22,
                                        cidrBlocks: ["0.0.0.0/0"],
                                    },
                                ],
                            },
                        },
                    ],
                    message: /SSH/,
                    unknown: "default-sg:ingress",
                },
                {
                    stack: [
                        sg([
                            {
                                protocol: "tcp",
                                fromPort: 22,
                                toPort: 22,
                                cidrBlocks: ["0.0.0.0/0"],
                            },
                        ]),
                    ],
                    message: /tcp 22 from 0.0.0.0\/0 opens SSH/,
                    unknown: "web-sg:ingress",
                },
                {
                    stack: [
                        classicRule({
                            protocol: "-1",
                            fromPort: 0,
                            toPort: 0,
                            cidrBlocks: ["0.0.0.0/0"],
                        }),
                    ],
                    message: /all traffic/,
                },
                {
                    stack: [
                        vpcRule({ ipProtocol: "6", fromPort: 1, toPort: 1024, cidrIpv6: "::/0" }),
                    ],
                    message: /tcp 1-1024 from ::\/0/,
                },
            ],
        },
        "sg-restricted-common-ports": {
            compliant: [
                { stack: [sg([https])] },
                // The default group admitting only itself.
                { stack: [defaultSg([{ protocol: "-1", fromPort: 0, toPort: 0, self: true }])] },
                {
                    stack: [
                        classicRule({
                            protocol: "tcp",
                            fromPort: 3306,
                            toPort: 3306,
                            cidrBlocks: ["10.0.0.0/16"],
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        vpcRule({
                            ipProtocol: "tcp",
                            fromPort: 3389,
                            toPort: 3389,
                            cidrIpv4: "0.0.0.0/0",
                        }),
                    ],
                    message: /blocked port\(s\) 3389/,
                    unknown: "vpc-rule:cidrIpv4",
                },
                {
                    stack: [
                        classicRule({
                            protocol: "tcp",
                            fromPort: 8000,
                            toPort: 8000,
                            cidrBlocks: ["0.0.0.0/0"],
                        }),
                    ],
                    message: /8000/,
                    config: { blockedPorts: [8000] },
                },
                {
                    // PostgreSQL open to the internet on the database's group.
                    stack: [
                        sg(
                            [
                                {
                                    protocol: "tcp",
                                    fromPort: 5432,
                                    toPort: 5432,
                                    cidrBlocks: ["0.0.0.0/0"],
                                    description: "db",
                                },
                            ],
                            "db-sg",
                        ),
                    ],
                    message: /ingress tcp 5432 from 0.0.0.0\/0 opens blocked port\(s\) 5432/,
                    unknown: "db-sg:ingress",
                },
                {
                    // The adopted default group with RDP open over IPv6.
                    stack: [
                        defaultSg([
                            {
                                protocol: "tcp",
                                fromPort: 3389,
                                toPort: 3389,
                                ipv6CidrBlocks: ["::/0"],
                            },
                        ]),
                    ],
                    message: /tcp 3389 from ::\/0 opens blocked port\(s\) 3389/,
                    unknown: "default-sg:ingress",
                },
            ],
        },
        "sg-world-open-authorized-ports-only": {
            compliant: [
                { stack: [sg([https, { ...https, fromPort: 80, toPort: 80 }])] },
                {
                    stack: [
                        vpcRule({
                            ipProtocol: "tcp",
                            fromPort: 8443,
                            toPort: 8443,
                            cidrIpv4: "0.0.0.0/0",
                        }),
                    ],
                    config: { authorizedPorts: [8443] },
                },
            ],
            violating: [
                {
                    stack: [
                        sg([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]),
                    ],
                    message: /all traffic from 0.0.0.0\/0 is open/,
                    unknown: "web-sg:ingress",
                },
                {
                    stack: [
                        vpcRule({
                            ipProtocol: "tcp",
                            fromPort: 8080,
                            toPort: 8080,
                            cidrIpv4: "0.0.0.0/0",
                        }),
                    ],
                    message: /tcp 8080/,
                },
                {
                    stack: [
                        classicRule({
                            protocol: "udp",
                            fromPort: 443,
                            toPort: 443,
                            ipv6CidrBlocks: ["::/0"],
                        }),
                    ],
                    message: /udp 443/,
                },
                {
                    // The adopted default group opened to all traffic.
                    stack: [
                        defaultSg([
                            { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
                        ]),
                    ],
                    message: /ingress all traffic from 0.0.0.0\/0 is open to the internet/,
                    unknown: "default-sg:ingress",
                },
            ],
        },
        "sg-no-rule-management-conflict": {
            compliant: [
                {
                    stack: [
                        { ...sg([]), props: { vpcId: "vpc-1" } },
                        {
                            ...vpcRule({
                                ipProtocol: "tcp",
                                fromPort: 443,
                                toPort: 443,
                                cidrIpv4: "10.0.0.0/8",
                            }),
                            deps: { securityGroupId: ["web-sg"] },
                        },
                    ],
                },
            ],
            violating: [
                {
                    // An empty inline list still takes the group's rules over.
                    stack: [
                        {
                            type: "aws:ec2/securityGroup:SecurityGroup",
                            name: "web-sg",
                            props: { ingress: [] },
                        },
                        {
                            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                            name: "in",
                            props: {
                                ipProtocol: "tcp",
                                fromPort: 443,
                                toPort: 443,
                                cidrIpv4: "10.0.0.0/8",
                            },
                            deps: { securityGroupId: ["web-sg"] },
                        },
                    ],
                    message: /both manage this group/,
                },
                {
                    stack: [
                        sg([https]),
                        {
                            ...vpcRule({
                                ipProtocol: "tcp",
                                fromPort: 80,
                                toPort: 80,
                                cidrIpv4: "10.0.0.0/8",
                            }),
                            deps: { securityGroupId: ["web-sg"] },
                        },
                    ],
                    message: /inline rules and 1 standalone/,
                    unknown: "web-sg:ingress",
                },
            ],
        },
        "vpc-default-sg-closed": {
            compliant: [
                {
                    stack: [
                        vpc,
                        {
                            type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                            name: "default",
                            props: { vpcId: "vpc-1" },
                            deps: { vpcId: ["vpc"] },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                            name: "default-sg",
                            props: { vpcId: "vpc-1" },
                            deps: { vpcId: ["vpc"] },
                        },
                        vpc,
                        {
                            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                            name: "default-in",
                            props: { ipProtocol: "-1", referencedSecurityGroupId: "sg-1" },
                            deps: { securityGroupId: ["default-sg"] },
                        },
                    ],
                    message:
                        /1 security group rule\(s\) declared on their own open the default security group/,
                },
                { stack: [vpc], message: /no aws.ec2.DefaultSecurityGroup adopts/ },
                {
                    stack: [
                        {
                            type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                            name: "default",
                            props: {
                                vpcId: "vpc-1",
                                egress: [
                                    {
                                        protocol: "-1",
                                        fromPort: 0,
                                        toPort: 0,
                                        cidrBlocks: ["0.0.0.0/0"],
                                    },
                                ],
                            },
                            deps: { vpcId: ["vpc"] },
                        },
                        vpc,
                    ],
                    message: /keeps 1 rule/,
                    unknown: "default:egress",
                },
            ],
        },
        "nacl-no-world-admin-ports": {
            compliant: [
                {
                    // The program's isolated-subnet ACL: the database port from the VPC's ranges.
                    stack: [
                        acl([
                            entry(100, "allow", "tcp", 3306, 3306, "10.41.0.0/20"),
                            entry(110, "allow", "tcp", 3306, 3306, "10.41.16.0/20"),
                        ]),
                    ],
                },
                {
                    // Lower-numbered denies shadow the broad allows for the blocked ports (the
                    // all-traffic allow is tcp-only below, so udp stays closed too).
                    stack: [
                        acl([
                            entry(90, "deny", "tcp", 22, 22, "0.0.0.0/0"),
                            entry(91, "deny", "6", 3389, 3389, "0.0.0.0/0"),
                            entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0"),
                            entry(110, "allow", "tcp", 443, 443, "0.0.0.0/0"),
                            entry(120, "allow", "tcp", 443, 443, "::/0"),
                        ]),
                    ],
                },
                {
                    // By default only SSH and RDP (AWS Config nacl-no-unrestricted-ssh-rdp): the
                    // ephemeral-port allow, its RDP shadowed, is not reported for the database
                    // ports inside it (3306, 5432, 6379).
                    stack: [
                        acl([
                            entry(90, "deny", "tcp", 3389, 3389, "0.0.0.0/0"),
                            entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0"),
                        ]),
                    ],
                },
                {
                    // Egress rules and rules of an exempted ACL are not judged.
                    stack: [
                        {
                            ...acl([]),
                            props: {
                                vpcId: "vpc-1",
                                tags: {
                                    "compliance-exempt": "nacl-no-world-admin-ports",
                                    "compliance-exempt-reason": "bastion subnet, ticket 12",
                                },
                            },
                        },
                        one(
                            NACL_RULE,
                            "ssh",
                            {
                                networkAclId: "acl-1",
                                ruleNumber: 100,
                                egress: false,
                                protocol: "tcp",
                                ruleAction: "allow",
                                cidrBlock: "0.0.0.0/0",
                                fromPort: 22,
                                toPort: 22,
                            },
                            { networkAclId: ["acl"] },
                        ),
                        one(NACL_RULE, "out", {
                            networkAclId: "acl-2",
                            ruleNumber: 100,
                            egress: true,
                            protocol: "-1",
                            ruleAction: "allow",
                            cidrBlock: "0.0.0.0/0",
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [acl([entry(100, "allow", "-1", 0, 0, "0.0.0.0/0")])],
                    message:
                        /inbound rule 100 allows all traffic from 0.0.0.0\/0, opening port\(s\) 22, 3389 to the internet$/,
                    unknown: "acl:ingress",
                },
                {
                    // The default ACL, adopted with an IPv6 range open.
                    stack: [
                        one("aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", "default-acl", {
                            defaultNetworkAclId: "acl-0",
                            ingress: [entry(100, "allow", "tcp", 0, 65535, "::/0")],
                        }),
                    ],
                    message: /inbound rule 100 allows tcp 0-65535 from ::\/0/,
                    unknown: "default-acl:ingress",
                },
                {
                    // A range containing a blocked port counts, as in CIS 5.1 (Security Hub
                    // EC2.21): the ephemeral-port allow opens RDP, and only RDP by default.
                    stack: [acl([entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0")])],
                    message:
                        /inbound rule 100 allows tcp 1024-65535 from 0.0.0.0\/0, opening port\(s\) 3389 to the internet$/,
                },
                {
                    // More ports can be blocked.
                    stack: [
                        acl([
                            entry(90, "deny", "tcp", 3389, 3389, "0.0.0.0/0"),
                            entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0"),
                        ]),
                    ],
                    message:
                        /inbound rule 100 allows tcp 1024-65535 from 0.0.0.0\/0, opening port\(s\) 3306, 5432 to the internet/,
                    config: { blockedPorts: [22, 3389, 3306, 5432] },
                },
                {
                    // A deny of a narrower range leaves the rest of the internet admitted.
                    stack: [
                        acl([
                            entry(90, "deny", "tcp", 3389, 3389, "203.0.113.0/24"),
                            entry(100, "allow", "tcp", 1024, 65535, "0.0.0.0/0"),
                        ]),
                    ],
                    message:
                        /inbound rule 100 allows tcp 1024-65535 from 0.0.0.0\/0, opening port\(s\) 3389 to the internet/,
                    config: { blockedPorts: [22, 3389] },
                },
                {
                    // A deny decides only if its rule number is lower.
                    stack: [
                        acl([
                            entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0"),
                            entry(200, "deny", "tcp", 22, 22, "0.0.0.0/0"),
                        ]),
                    ],
                    message:
                        /inbound rule 100 allows tcp 22 from 0.0.0.0\/0, opening port\(s\) 22 to the internet/,
                },
                {
                    // A tcp deny leaves udp open under an all-traffic allow.
                    stack: [
                        acl([
                            entry(90, "deny", "tcp", 22, 22, "0.0.0.0/0"),
                            entry(100, "allow", "all", 0, 0, "0.0.0.0/0"),
                        ]),
                    ],
                    message:
                        /inbound rule 100 allows all traffic from 0.0.0.0\/0, opening port\(s\) 22 to the internet/,
                    config: { blockedPorts: [22] },
                },
                {
                    // A standalone rule of a declared ACL: judged with the ACL's entries,
                    // reported on the rule, exempted with the ACL.
                    stack: [
                        acl([entry(100, "allow", "tcp", 443, 443, "0.0.0.0/0")]),
                        one(
                            NACL_RULE,
                            "rdp",
                            {
                                networkAclId: "acl-1",
                                ruleNumber: 120,
                                protocol: "6",
                                ruleAction: "allow",
                                cidrBlock: "0.0.0.0/0",
                                fromPort: 3389,
                                toPort: 3389,
                            },
                            { networkAclId: ["acl"] },
                        ),
                    ],
                    message:
                        /inbound rule 120 allows tcp 3389 from 0.0.0.0\/0, opening port\(s\) 3389/,
                    unknown: "rdp:cidrBlock",
                },
                {
                    // A rule of an ACL the stack does not declare (the VPC's default ACL).
                    stack: [
                        one(
                            NACL_RULE,
                            "open",
                            {
                                networkAclId: "acl-0",
                                ruleNumber: 100,
                                egress: false,
                                protocol: "-1",
                                ruleAction: "allow",
                                ipv6CidrBlock: "::/0",
                            },
                            { networkAclId: ["vpc"] },
                        ),
                        vpc,
                    ],
                    message: /inbound rule 100 allows all traffic from ::\/0/,
                    unknown: "open:ipv6CidrBlock",
                },
            ],
        },
        "subnet-no-auto-public-ip": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:ec2/defaultSubnet:DefaultSubnet",
                            name: "default-a",
                            props: { availabilityZone: "us-east-1a", mapPublicIpOnLaunch: false },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/subnet:Subnet",
                            name: "public-a",
                            props: { cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: false },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ec2/defaultSubnet:DefaultSubnet",
                            name: "default-a",
                            props: { availabilityZone: "us-east-1a" },
                        },
                    ],
                    message: /unset on a default subnet/,
                    unknown: "default-a:mapPublicIpOnLaunch",
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/subnet:Subnet",
                            name: "public-a",
                            props: { cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: true },
                        },
                    ],
                    message: /mapPublicIpOnLaunch is true/,
                    unknown: "public-a:mapPublicIpOnLaunch",
                },
            ],
        },
        "no-world-route-to-igw": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:ec2/routeTable:RouteTable",
                            name: "public",
                            props: {
                                tags: {
                                    "compliance-exempt": "no-world-route-to-igw",
                                    "compliance-exempt-reason":
                                        "public subnets of the load balancer",
                                },
                            },
                        },
                        { type: "aws:ec2/internetGateway:InternetGateway", name: "igw" },
                        {
                            type: "aws:ec2/route:Route",
                            name: "public-default",
                            props: { destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" },
                            deps: { routeTableId: ["public"], gatewayId: ["igw"] },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/route:Route",
                            name: "private-default",
                            props: { destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ec2/defaultRouteTable:DefaultRouteTable",
                            name: "default-rt",
                            props: {
                                defaultRouteTableId: "rtb-1",
                                routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }],
                            },
                        },
                    ],
                    message: /inline default route goes to an internet gateway/,
                    unknown: "default-rt:routes",
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/route:Route",
                            name: "default",
                            props: { destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0abc" },
                        },
                    ],
                    message: /default route goes to an internet gateway/,
                    unknown: "default:destinationCidrBlock",
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/routeTable:RouteTable",
                            name: "rt",
                            props: { routes: [{ ipv6CidrBlock: "::/0", gatewayId: "igw-0abc" }] },
                        },
                    ],
                    message: /inline default route/,
                },
            ],
        },
        "igw-authorized-vpc-only": {
            compliant: [
                {
                    stack: [
                        vpc,
                        {
                            type: "aws:ec2/internetGateway:InternetGateway",
                            name: "igw",
                            props: { vpcId: "vpc-1" },
                            deps: { vpcId: ["vpc"] },
                        },
                    ],
                },
                {
                    stack: [
                        vpc,
                        { type: "aws:ec2/internetGateway:InternetGateway", name: "igw" },
                        one(
                            "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
                            "igw-attachment",
                            { internetGatewayId: "igw-1", vpcId: "vpc-1" },
                            { vpcId: ["vpc"], internetGatewayId: ["igw"] },
                        ),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ec2/internetGateway:InternetGateway",
                            name: "igw",
                            props: { vpcId: "vpc-1" },
                            deps: { vpcId: ["vpc"] },
                        },
                        { ...vpc, props: { cidrBlock: "10.0.0.0/16" } },
                    ],
                    message: /not tagged internet-facing=true/,
                    unknown: "vpc:tags",
                },
                {
                    // A gateway attached with its own resource.
                    stack: [
                        one(
                            "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
                            "igw-attachment",
                            { internetGatewayId: "igw-1", vpcId: "vpc-1" },
                            { vpcId: ["vpc"], internetGatewayId: ["igw"] },
                        ),
                        { type: "aws:ec2/internetGateway:InternetGateway", name: "igw" },
                        { ...vpc, props: { cidrBlock: "10.0.0.0/16" } },
                    ],
                    message: /attaches to VPC vpc, which is not tagged internet-facing=true/,
                },
            ],
        },
    });
});
