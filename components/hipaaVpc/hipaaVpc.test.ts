import { expect } from "chai";
import type { Plan } from "../../tools/synth/plan";
import { jsonInput, ofType, planComponent, planRefusal, resource } from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import { HipaaVpc, type HipaaVpcArgs } from "./hipaaVpc";

const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-4333-a444-555555555555";

function planVpc(extra: Partial<HipaaVpcArgs> = {}, region?: string): Promise<Plan> {
    return planComponent(
        (opts) =>
            new HipaaVpc(
                "net",
                {
                    cidrBlock: "10.40.0.0/16",
                    availabilityZoneCount: 3,
                    flowLogs: { kmsKeyArn: KEY_ARN, retentionInDays: 365 },
                    ...extra,
                },
                opts,
            ),
        { region },
    );
}

const subnetsOfTier = (plan: Plan, tier: string) =>
    ofType(plan, "aws:ec2/subnet:Subnet").filter(
        (s) => (s.inputs.tags as Record<string, string>)["subnet-tier"] === tier,
    );

describe("HipaaVpc", () => {
    let plan: Plan;
    before(async () => {
        plan = await planVpc({ natGateways: "perAz", interfaceEndpoints: ["ecr.api", "logs"] });
    });

    it("creates a DNS-enabled VPC with the configured block", () => {
        const [vpc] = ofType(plan, "aws:ec2/vpc:Vpc");
        expect(vpc.inputs).to.include({
            cidrBlock: "10.40.0.0/16",
            enableDnsSupport: true,
            enableDnsHostnames: true,
        });
    });

    it("lays out three tiers across the AZs of the provider's region, never assigning public IPs", () => {
        for (const tier of ["public", "private", "isolated"]) {
            const subnets = subnetsOfTier(plan, tier);
            expect(
                subnets.map((s) => s.inputs.availabilityZone),
                tier,
            ).to.deep.equal(["us-east-1a", "us-east-1b", "us-east-1c"]);
        }
        expect(subnetsOfTier(plan, "private").map((s) => s.inputs.cidrBlock)).to.deep.equal([
            "10.40.0.0/20",
            "10.40.16.0/20",
            "10.40.32.0/20",
        ]);
        for (const subnet of ofType(plan, "aws:ec2/subnet:Subnet")) {
            expect(subnet.inputs.mapPublicIpOnLaunch, subnet.name).to.equal(false);
        }
    });

    it("adopts the default security group with no rules", () => {
        const [sg] = ofType(plan, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        expect(sg.inputs).not.to.have.property("ingress");
        expect(sg.inputs).not.to.have.property("egress");
        expect(sg.propertyDependencies.vpcId).to.deep.equal([
            ofType(plan, "aws:ec2/vpc:Vpc")[0].urn,
        ]);
    });

    it("routes only the public tier to the internet gateway and each private subnet to its AZ's NAT", () => {
        const igw = resource(plan, "aws:ec2/internetGateway:InternetGateway", "net-igw");
        const routes = ofType(plan, "aws:ec2/route:Route");
        const toIgw = routes.filter((r) => r.propertyDependencies.gatewayId?.includes(igw.urn));
        expect(toIgw.map((r) => r.propertyDependencies.routeTableId)).to.deep.equal([
            [resource(plan, "aws:ec2/routeTable:RouteTable", "net-public").urn],
        ]);
        const nats = ofType(plan, "aws:ec2/natGateway:NatGateway");
        expect(nats).to.have.length(3);
        for (let i = 1; i <= 3; i++) {
            const route = resource(plan, "aws:ec2/route:Route", `net-private-${i}-egress`);
            expect(route.inputs.destinationCidrBlock).to.equal("0.0.0.0/0");
            expect(route.propertyDependencies.natGatewayId).to.deep.equal([
                resource(plan, "aws:ec2/natGateway:NatGateway", `net-nat-${i}`).urn,
            ]);
            const nat = resource(plan, "aws:ec2/natGateway:NatGateway", `net-nat-${i}`);
            expect(nat.propertyDependencies.subnetId).to.deep.equal([
                resource(plan, "aws:ec2/subnet:Subnet", `net-public-${i}`).urn,
            ]);
            expect(nat.options.dependsOn).to.deep.equal([igw.urn]);
        }
    });

    it("gives the isolated tier no route at all and an ACL that admits only the database port from the app tier", () => {
        const isolatedTable = resource(plan, "aws:ec2/routeTable:RouteTable", "net-isolated");
        const routesOfIsolated = ofType(plan, "aws:ec2/route:Route").filter((r) =>
            r.propertyDependencies.routeTableId?.includes(isolatedTable.urn),
        );
        expect(routesOfIsolated).to.deep.equal([]);
        const acl = resource(plan, "aws:ec2/networkAcl:NetworkAcl", "net-isolated");
        expect(acl.propertyDependencies.subnetIds).to.have.members(
            subnetsOfTier(plan, "isolated").map((s) => s.urn),
        );
        const ingress = acl.inputs.ingress as {
            cidrBlock: string;
            fromPort: number;
            toPort: number;
        }[];
        expect(ingress.map((e) => [e.cidrBlock, e.fromPort, e.toPort])).to.have.deep.members([
            ["10.40.0.0/20", 3306, 3306],
            ["10.40.16.0/20", 3306, 3306],
            ["10.40.32.0/20", 3306, 3306],
        ]);
    });

    it("sends flow logs of all traffic to an encrypted log group through a least-privilege role", () => {
        const [flowLog] = ofType(plan, "aws:ec2/flowLog:FlowLog");
        const logGroup = resource(plan, "aws:cloudwatch/logGroup:LogGroup", "net-flow-logs");
        expect(flowLog.inputs).to.include({
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
        });
        expect(flowLog.propertyDependencies.logDestination).to.deep.equal([logGroup.urn]);
        expect(flowLog.options.dependsOn).to.deep.equal([
            resource(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "net-flow-logs")
                .urn,
        ]);
        expect(logGroup.inputs).to.include({
            kmsKeyId: KEY_ARN,
            retentionInDays: 365,
            name: "/net/vpc-flow-logs",
        });
        const policy = jsonInput<PolicyDocument>(
            resource(plan, "aws:iam/policy:Policy", "net-flow-logs"),
            "policy",
        );
        expect(policy.Statement[0].Resource).to.deep.equal([
            "arn:aws:logs:us-east-1:123456789012:log-group:/net/vpc-flow-logs",
            "arn:aws:logs:us-east-1:123456789012:log-group:/net/vpc-flow-logs:*",
        ]);
        const trust = jsonInput<PolicyDocument>(
            resource(plan, "aws:iam/role:Role", "net-flow-logs"),
            "assumeRolePolicy",
        );
        expect(trust.Statement[0].Principal).to.deep.equal({
            Service: "vpc-flow-logs.amazonaws.com",
        });
    });

    it("adds an S3 gateway endpoint on the private route tables and interface endpoints behind a 443-only group", () => {
        const s3 = resource(plan, "aws:ec2/vpcEndpoint:VpcEndpoint", "net-s3");
        expect(s3.inputs).to.include({
            vpcEndpointType: "Gateway",
            serviceName: "com.amazonaws.us-east-1.s3",
        });
        expect(s3.propertyDependencies.routeTableIds).to.have.length(3);
        const interfaces = ofType(plan, "aws:ec2/vpcEndpoint:VpcEndpoint").filter(
            (e) => e.inputs.vpcEndpointType === "Interface",
        );
        expect(interfaces.map((e) => e.inputs.serviceName)).to.have.members([
            "com.amazonaws.us-east-1.ecr.api",
            "com.amazonaws.us-east-1.logs",
        ]);
        const sg = resource(plan, "aws:ec2/securityGroup:SecurityGroup", "net-endpoints");
        for (const endpoint of interfaces) {
            expect(endpoint.inputs.privateDnsEnabled).to.equal(true);
            expect(endpoint.propertyDependencies.securityGroupIds).to.deep.equal([sg.urn]);
            expect(endpoint.propertyDependencies.subnetIds).to.have.members(
                subnetsOfTier(plan, "private").map((s) => s.urn),
            );
        }
        expect(sg.inputs).not.to.have.property("ingress");
        expect(sg.inputs).not.to.have.property("egress");
        const rules = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        expect(rules).to.have.length(1);
        expect(rules[0].propertyDependencies.securityGroupId).to.deep.equal([sg.urn]);
        const { securityGroupId: _sg, ...ruleInputs } = rules[0].inputs;
        expect(ruleInputs).to.deep.equal({
            description: "HTTPS from the VPC",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "10.40.0.0/16",
        });
    });

    it("with a single NAT gateway, every private subnet egresses through it", async () => {
        const single = await planVpc({ natGateways: "single" });
        const [nat] = ofType(single, "aws:ec2/natGateway:NatGateway");
        expect(ofType(single, "aws:ec2/natGateway:NatGateway")).to.have.length(1);
        for (let i = 1; i <= 3; i++) {
            expect(
                resource(single, "aws:ec2/route:Route", `net-private-${i}-egress`)
                    .propertyDependencies.natGatewayId,
            ).to.deep.equal([nat.urn]);
        }
    });

    it("without NAT or public subnets, nothing routes to the internet", async () => {
        const closed = await planVpc({
            natGateways: "none",
            publicSubnets: false,
            availabilityZoneCount: 2,
        });
        expect(ofType(closed, "aws:ec2/natGateway:NatGateway")).to.have.length(0);
        expect(ofType(closed, "aws:ec2/internetGateway:InternetGateway")).to.have.length(0);
        expect(ofType(closed, "aws:ec2/route:Route")).to.have.length(0);
        expect(ofType(closed, "aws:ec2/eip:Eip")).to.have.length(0);
        expect(ofType(closed, "aws:ec2/subnet:Subnet")).to.have.length(4);
    });

    it("uses the endpoint names and AZs of the provider's region", async () => {
        const eu = await planVpc({ availabilityZoneCount: 2 }, "eu-west-2");
        expect(
            resource(eu, "aws:ec2/vpcEndpoint:VpcEndpoint", "net-s3").inputs.serviceName,
        ).to.equal("com.amazonaws.eu-west-2.s3");
        expect(subnetsOfTier(eu, "private").map((s) => s.inputs.availabilityZone)).to.deep.equal([
            "eu-west-2a",
            "eu-west-2b",
        ]);
    });

    for (const [extra, message] of [
        [{ availabilityZoneCount: 4 }, "availabilityZoneCount 4 is not allowed; expected 2 or 3"],
        [
            { natGateways: "single", publicSubnets: false },
            'natGateways "single" needs publicSubnets true',
        ],
        [
            { interfaceEndpoints: ["logs", "logs"] },
            "interfaceEndpoints lists a service twice: logs, logs",
        ],
        [{ cidrBlock: "10.40.0.0/22" }, "cidrBlock 10.40.0.0/22 with subnetPrefixLengths"],
        [
            { subnetPrefixLengths: { public: 28 } },
            "subnetPrefixLengths.public /28 is not allowed; expected /27 or larger",
        ],
        [
            { flowLogs: { kmsKeyArn: KEY_ARN, retentionInDays: 366 } },
            "flowLogs.retentionInDays 366 is not allowed",
        ],
        [
            { databasePorts: [0] },
            "databasePorts [0] is not allowed; expected different ports from 1 to 65535",
        ],
        [{ databasePorts: [3306, 3306] }, "databasePorts [3306,3306] is not allowed"],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)} before declaring any AWS resource`, async () => {
            const { message: refused, plan: refusedPlan } = await planRefusal((opts) => {
                const args: HipaaVpcArgs = {
                    cidrBlock: "10.40.0.0/16",
                    availabilityZoneCount: 2,
                    flowLogs: { kmsKeyArn: KEY_ARN, retentionInDays: 30 },
                };
                new HipaaVpc("net", { ...args, ...(extra as Partial<HipaaVpcArgs>) }, opts);
            });
            expect(refused).to.include(message);
            expect(
                refusedPlan.resources.filter((r) => r.custom && r.type.startsWith("aws:")),
            ).to.deep.equal([]);
        });
    }
});
