import { expect } from "chai";
import { normalizeProtocol, portLabel, SecurityGroupIndex } from "./securityGroups";
import { EGRESS, INGRESS, PlanBuilder, SG, SG_RULE } from "./testPlans";

describe("diagram security groups", () => {
    it("reads aws:vpc ingress and egress rules, resolving groups through their dependencies", () => {
        const b = new PlanBuilder();
        const alb = b.resource(SG, "alb");
        const targets = b.resource(SG, "targets");
        b.resource(INGRESS, "alb-443", {
            inputs: {
                securityGroupId: "sg-1",
                cidrIpv4: "0.0.0.0/0",
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
            },
            deps: { securityGroupId: [alb] },
        });
        b.resource(INGRESS, "targets-from-alb", {
            inputs: {
                securityGroupId: "sg-2",
                referencedSecurityGroupId: "sg-1",
                ipProtocol: "tcp",
                fromPort: 8080,
                toPort: 8080,
            },
            deps: { securityGroupId: [targets], referencedSecurityGroupId: [alb] },
        });
        b.resource(EGRESS, "alb-out", {
            inputs: { securityGroupId: "sg-1", ipProtocol: "-1", cidrIpv6: "::/0" },
            deps: { securityGroupId: [alb] },
        });

        const rules = new SecurityGroupIndex(b.plan()).rules;
        expect(rules.map(({ declaredBy: _, ...r }) => r)).to.deep.equal([
            {
                direction: "ingress",
                group: alb,
                peer: { kind: "cidr", cidr: "0.0.0.0/0" },
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
            },
            {
                direction: "ingress",
                group: targets,
                peer: { kind: "group", urn: alb },
                protocol: "tcp",
                fromPort: 8080,
                toPort: 8080,
            },
            {
                direction: "egress",
                group: alb,
                peer: { kind: "cidr", cidr: "::/0" },
                protocol: "all",
                fromPort: 0,
                toPort: 65535,
            },
        ]);
    });

    it("reads aws:ec2 SecurityGroupRule in both directions, with source groups, self and CIDRs", () => {
        const b = new PlanBuilder();
        const db = b.resource(SG, "db");
        const clients = b.resource(SG, "clients");
        b.resource(SG_RULE, "db-from-clients", {
            inputs: {
                type: "ingress",
                securityGroupId: "sg-db",
                sourceSecurityGroupId: "sg-clients",
                protocol: "6",
                fromPort: 3306,
                toPort: 3306,
            },
            deps: { securityGroupId: [db], sourceSecurityGroupId: [clients] },
        });
        b.resource(SG_RULE, "db-self-and-office", {
            inputs: {
                type: "ingress",
                securityGroupId: "sg-db",
                self: true,
                cidrBlocks: ["192.0.2.0/24"],
                protocol: "udp",
                fromPort: 53,
                toPort: 53,
            },
            deps: { securityGroupId: [db] },
        });
        b.resource(SG_RULE, "clients-out", {
            inputs: { type: "egress", securityGroupId: "sg-clients", protocol: "tcp" },
            deps: { securityGroupId: [clients] },
        });

        const rules = new SecurityGroupIndex(b.plan()).rules;
        expect(rules.map((r) => [r.direction, r.group, r.peer, r.protocol])).to.deep.equal([
            ["ingress", db, { kind: "group", urn: clients }, "tcp"],
            ["ingress", db, { kind: "self" }, "udp"],
            ["ingress", db, { kind: "cidr", cidr: "192.0.2.0/24" }, "udp"],
        ]);
        // an egress rule naming no peer admits nothing to draw
        expect(rules.filter((r) => r.direction === "egress")).to.deep.equal([]);
    });

    it("reads inline rules of a group, matching group ids to the plan's groups where it can", () => {
        const b = new PlanBuilder();
        const lb = b.resource(SG, "lb");
        // An input holding exactly a group's id and depending on exactly that group names it.
        b.resource("aws:lb/loadBalancer:LoadBalancer", "lb", {
            inputs: { securityGroups: ["sg-lb"], securityGroupId: "sg-lb" },
            deps: { securityGroups: [lb], securityGroupId: [lb] },
        });
        const app = b.resource(SG, "app", {
            inputs: {
                ingress: [
                    { protocol: "tcp", fromPort: 80, toPort: 80, securityGroups: ["sg-lb"] },
                    { protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: ["sg-abc"] },
                    { protocol: "tcp", fromPort: 9, toPort: 9, prefixListIds: ["pl-1"] },
                ],
            },
            deps: { ingress: [lb] },
        });

        const rules = new SecurityGroupIndex(b.plan()).rules;
        expect(rules.map((r) => [r.group, r.peer, r.fromPort])).to.deep.equal([
            [app, { kind: "group", urn: lb }, 80],
            [app, { kind: "externalGroup", id: "sg-abc" }, 22],
            [app, { kind: "prefixList", id: "pl-1" }, 9],
        ]);

        // One id no input names, and one group depended on that no named id accounts for: a match.
        const c = new PlanBuilder();
        const cache = c.resource(SG, "cache");
        c.resource(SG, "worker", {
            inputs: { ingress: [{ protocol: "tcp", fromPort: 6379, securityGroups: ["sg-9"] }] },
            deps: { ingress: [cache] },
        });
        expect(new SecurityGroupIndex(c.plan()).rules.map((r) => [r.peer, r.toPort])).to.deep.equal(
            [[{ kind: "group", urn: cache }, 6379]],
        );
    });

    it("knows which resources join which group, whatever input carries the group", () => {
        const b = new PlanBuilder();
        const clients = b.resource(SG, "clients");
        const subnet = b.resource("aws:ec2/subnet:Subnet", "private");
        const service = b.resource("aws:ecs/service:Service", "web", {
            deps: { networkConfiguration: [clients, subnet] },
        });
        const fn = b.resource("aws:lambda/function:Function", "fn", {
            deps: { vpcConfig: [subnet, clients] },
        });
        const instance = b.resource("aws:ec2/instance:Instance", "bastion", {
            deps: { vpcSecurityGroupIds: [clients] },
        });
        // a rule is not a member of the group it belongs to
        b.resource(INGRESS, "clients-in", { deps: { securityGroupId: [clients] } });

        const index = new SecurityGroupIndex(b.plan());
        expect(index.members.get(clients)).to.deep.equal([service, fn, instance]);
        expect(index.members.has(subnet)).to.equal(false);
    });

    it("labels ports the way a reader expects", () => {
        const tcp = (fromPort: number, toPort: number) => ({ protocol: "tcp", fromPort, toPort });
        expect(portLabel(tcp(443, 443))).to.equal("443");
        expect(portLabel(tcp(1024, 65535))).to.equal("1024-65535");
        expect(portLabel(tcp(0, 65535))).to.equal("all TCP");
        expect(portLabel({ protocol: "udp", fromPort: 53, toPort: 53 })).to.equal("udp 53");
        expect(portLabel({ protocol: "icmp", fromPort: -1, toPort: -1 })).to.equal("icmp");
        expect(portLabel({ protocol: "all", fromPort: 0, toPort: 65535 })).to.equal("all traffic");
        expect(["-1", "6", "17", "TCP", undefined].map(normalizeProtocol)).to.deep.equal([
            "all",
            "tcp",
            "udp",
            "tcp",
            "all",
        ]);
    });
});
