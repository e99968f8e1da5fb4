import { expect } from "chai";
import type { Plan } from "../synth/plan";
import { buildDiagram, type DiagramModel } from "./model";
import { EGRESS, INGRESS, PlanBuilder, SG } from "./testPlans";
import type { Placement } from "./tiers";

const TABLE: Record<string, Placement> = {
    "t:edge:Alb": "edge",
    "t:edge:Waf": "edge",
    "t:app:Service": "app",
    "t:app:Mail": "app",
    "t:data:Db": "data",
    "t:data:Files": "data",
    "t:access:Bastion": "access",
    "t:net:Vpc": "network",
};

function tcpIn(from: number, to = from) {
    return { ipProtocol: "tcp", fromPort: from, toPort: to };
}

/** A small stack shaped like ours: load balancer, service, database, files, mail, bastion. */
function stackPlan(options: { gatewayEndpoint?: boolean } = {}): Plan {
    const b = new PlanBuilder();
    const net = b.component("t:net:Vpc", "net");
    const vpc = b.resource("aws:ec2/vpc:Vpc", "net", {
        parent: net,
        inputs: { cidrBlock: "10.0.0.0/16" },
    });
    const subnet = b.resource("aws:ec2/subnet:Subnet", "net-private", { parent: net });
    const table = b.resource("aws:ec2/routeTable:RouteTable", "net-private", { parent: net });
    b.resource("aws:ec2/routeTableAssociation:RouteTableAssociation", "net-private", {
        parent: net,
        deps: { subnetId: [subnet], routeTableId: [table] },
    });
    if (options.gatewayEndpoint !== false) {
        b.resource("aws:ec2/vpcEndpoint:VpcEndpoint", "net-s3", {
            parent: net,
            inputs: { vpcEndpointType: "Gateway", serviceName: "com.amazonaws.eu-west-1.s3" },
            deps: { routeTableIds: [table], vpcId: [vpc] },
        });
    }
    const flowLogs = b.resource("aws:cloudwatch/logGroup:LogGroup", "net-flows", { parent: net });
    const endpoints = b.resource(SG, "net-endpoints", { parent: net });
    b.resource(INGRESS, "net-endpoints-https", {
        parent: net,
        inputs: { cidrIpv4: "10.0.0.0/16", ...tcpIn(443) },
        deps: { securityGroupId: [endpoints] },
    });
    b.resource("aws:ec2/vpcEndpoint:VpcEndpoint", "net-logs", {
        parent: net,
        deps: { securityGroupIds: [endpoints] },
    });

    const web = b.component("t:edge:Alb", "web");
    const alb = b.resource(SG, "web-alb", { parent: web });
    const targets = b.resource(SG, "web-targets", { parent: web });
    for (const port of [443, 80]) {
        b.resource(INGRESS, `web-alb-${port}`, {
            parent: web,
            inputs: { cidrIpv4: "0.0.0.0/0", ...tcpIn(port) },
            deps: { securityGroupId: [alb] },
        });
    }
    b.resource(INGRESS, "web-targets-from-alb", {
        parent: web,
        inputs: tcpIn(8080),
        deps: { securityGroupId: [targets], referencedSecurityGroupId: [alb] },
    });
    const lb = b.resource("aws:lb/loadBalancer:LoadBalancer", "web", {
        parent: web,
        deps: { securityGroups: [alb] },
    });

    const waf = b.component("t:edge:Waf", "waf");
    b.resource("aws:wafv2/webAclAssociation:WebAclAssociation", "waf", {
        parent: waf,
        deps: { resourceArn: [lb] },
    });

    const db = b.component("t:data:Db", "db");
    const dbGroup = b.resource(SG, "db", { parent: db });
    const clients = b.resource(SG, "db-clients", { parent: db });
    b.resource(INGRESS, "db-from-clients", {
        parent: db,
        inputs: tcpIn(3306),
        deps: { securityGroupId: [dbGroup], referencedSecurityGroupId: [clients] },
    });
    const cluster = b.resource("aws:rds/cluster:Cluster", "db", {
        parent: db,
        deps: { vpcSecurityGroupIds: [dbGroup] },
    });
    // The database's own bootstrap function is a client too: traffic inside one box.
    b.resource("aws:lambda/function:Function", "db-bootstrap", {
        parent: db,
        deps: { vpcConfig: [clients, subnet] },
    });
    const dbSecret = b.resource("aws:secretsmanager/secret:Secret", "db-app", { parent: db });

    const files = b.component("t:data:Files", "files");
    const bucket = b.resource("aws:s3/bucket:Bucket", "files-uploads", { parent: files });

    const mail = b.component("t:app:Mail", "mail");
    b.resource("aws:sesv2/emailIdentity:EmailIdentity", "mail", { parent: mail });
    const smtp = b.resource("aws:secretsmanager/secret:Secret", "mail-smtp", { parent: mail });
    const bounces = b.resource("aws:sns/topic:Topic", "mail-bounces", { parent: mail });

    const app = b.component("t:app:Service", "app");
    const egress = b.resource(SG, "app-egress", { parent: app });
    for (const port of [443, 587]) {
        b.resource(EGRESS, `app-egress-${port}`, {
            parent: app,
            inputs: { cidrIpv4: "0.0.0.0/0", ...tcpIn(port) },
            deps: { securityGroupId: [egress] },
        });
    }
    const logs = b.resource("aws:cloudwatch/logGroup:LogGroup", "app", { parent: app });
    b.resource("aws:ecs/taskDefinition:TaskDefinition", "app-web", {
        parent: app,
        deps: {
            containerDefinitions: [bucket, smtp, cluster, dbSecret, logs, bounces, flowLogs],
        },
    });
    b.resource("aws:ecs/service:Service", "app-web", {
        parent: app,
        deps: { networkConfiguration: [egress, clients, targets, subnet] },
    });

    const access = b.component("t:access:Bastion", "access");
    b.resource("aws:ec2/instance:Instance", "access-bastion", {
        parent: access,
        deps: { vpcSecurityGroupIds: [clients] },
    });
    return b.plan();
}

function edge(model: DiagramModel, from: string, to: string) {
    return model.edges.filter((e) => e.from === from && e.to === to);
}

describe("diagram model", () => {
    it("draws an ingress rule from 0.0.0.0/0 as an edge from the Internet with its ports", () => {
        const model = buildDiagram(stackPlan(), TABLE);
        expect(edge(model, "x_internet", "c_web")).to.deep.equal([
            { from: "x_internet", to: "c_web", kind: "traffic", labels: ["80", "443"] },
        ]);
        expect(model.externals).to.deep.include({ id: "x_internet", lines: ["Internet"] });
    });

    it("draws a rule referencing another group from the boxes using it to those using its own", () => {
        const model = buildDiagram(stackPlan(), TABLE);
        // web-targets is the load balancer's group, but the app's service is its member.
        expect(edge(model, "c_web", "c_app")).to.deep.equal([
            { from: "c_web", to: "c_app", kind: "traffic", labels: ["8080"] },
        ]);
        // db-clients is the database's group; the app and the bastion join it.
        expect(edge(model, "c_app", "c_db").map((e) => e.labels)).to.deep.equal([["3306"]]);
        expect(edge(model, "c_access", "c_db").map((e) => e.labels)).to.deep.equal([["3306"]]);
        expect(model.edges.filter((e) => e.from === e.to)).to.deep.equal([]);
    });

    it("draws a rule on a group nobody joins to the box declaring the group", () => {
        const b = new PlanBuilder();
        const db = b.component("t:data:Db", "db");
        const group = b.resource(SG, "db", { parent: db });
        b.resource(INGRESS, "db-office", {
            parent: db,
            inputs: { cidrIpv4: "192.0.2.0/24", ...tcpIn(5432) },
            deps: { securityGroupId: [group] },
        });
        const model = buildDiagram(b.plan(), TABLE);
        expect(model.edges).to.deep.equal([
            { from: "x_cidr_192_0_2_0_24", to: "c_db", kind: "traffic", labels: ["5432"] },
        ]);
        expect(model.externals).to.deep.equal([
            { id: "x_cidr_192_0_2_0_24", lines: ["192.0.2.0/24"] },
        ]);
    });

    it("names the VPC's own range as inside the VPC", () => {
        const model = buildDiagram(stackPlan(), TABLE);
        expect(edge(model, "x_vpc_10_0_0_0_16", "c_net").map((e) => e.labels)).to.deep.equal([
            ["443"],
        ]);
        expect(model.externals).to.deep.include({
            id: "x_vpc_10_0_0_0_16",
            lines: ["Inside the VPC", "10.0.0.0/16"],
        });
    });

    it("draws the firewall's association with the load balancer as a relation", () => {
        const model = buildDiagram(stackPlan(), TABLE);
        expect(edge(model, "c_waf", "c_web")).to.deep.equal([
            { from: "c_waf", to: "c_web", kind: "relation", labels: ["inspects requests"] },
        ]);
    });

    it("draws the connections a workload is configured for, with the ports it may use", () => {
        const model = buildDiagram(stackPlan(), TABLE);
        expect(edge(model, "c_app", "c_files").map((e) => e.labels)).to.deep.equal([
            ["S3 443 via gateway endpoint"],
        ]);
        // a secret of a box that sends mail: SMTP, on the one SMTP port the app may use
        expect(edge(model, "c_app", "c_mail").map((e) => e.labels)).to.deep.equal([["SMTP 587"]]);
        // the security-group edge to the database is not doubled
        expect(edge(model, "c_app", "c_db").map((e) => e.labels)).to.deep.equal([["3306"]]);
        // a log group of a box serving nothing is configuration, not a connection
        expect(edge(model, "c_app", "c_net")).to.deep.equal([]);

        const direct = buildDiagram(stackPlan({ gatewayEndpoint: false }), TABLE);
        expect(edge(direct, "c_app", "c_files").map((e) => e.labels)).to.deep.equal([["S3 443"]]);
    });

    it("fails on a component type the tier table does not place, naming it", () => {
        const b = new PlanBuilder();
        b.component("t:data:Db", "db");
        b.component("t:queue:Broker", "jobs");
        expect(() => buildDiagram(b.plan(), TABLE)).to.throw(/t:queue:Broker \(jobs\)/);
        // and the real table places none of these test types
        expect(() => buildDiagram(b.plan())).to.throw(/t:data:Db \(db\); t:queue:Broker/);
    });

    it("gives the same diagram whatever order the plan lists its resources in", () => {
        const plan = stackPlan();
        const reversed = { ...plan, resources: [...plan.resources].reverse() };
        expect(buildDiagram(reversed, TABLE)).to.deep.equal(buildDiagram(plan, TABLE));
    });
});
