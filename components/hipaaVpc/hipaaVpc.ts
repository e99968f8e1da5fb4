import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { exemptionTags } from "../tags";
import { type HipaaVpcArgs, resolveHipaaVpcArgs } from "./args";
import { createFlowLogs } from "./flowLogs";
import { isolatedTierAcl } from "./networkPolicies";
import type { SubnetTier } from "./subnetPlan";
import { createVpcEndpoints } from "./vpcEndpoints";

export type { HipaaVpcArgs } from "./args";

/**
 * A VPC laid out for regulated workloads, from plain `@pulumi/aws` resources so tests and the
 * policy pack see every piece:
 *  - public subnets only for the load balancer and NAT gateways (no auto-assigned public IPs);
 *  - private application subnets, with egress through NAT as configured;
 *  - isolated database subnets with no route out of the VPC and a network ACL that admits only
 *    the database port from the private tier;
 *  - the default security group adopted and emptied; flow logs of all traffic, KMS-encrypted;
 *  - an S3 gateway endpoint, and interface endpoints behind a security group open to 443 from
 *    the VPC only.
 */
export class HipaaVpc extends pulumi.ComponentResource {
    public readonly vpcId: pulumi.Output<string>;
    public readonly cidrBlock: string;
    public readonly availabilityZones: pulumi.Output<string[]>;
    public readonly publicSubnetIds: pulumi.Output<string>[];
    public readonly privateSubnetIds: pulumi.Output<string>[];
    public readonly isolatedSubnetIds: pulumi.Output<string>[];
    /** CIDR blocks of the private (application) subnets, for rules that admit the app tier. */
    public readonly privateSubnetCidrs: string[];
    public readonly privateRouteTableIds: pulumi.Output<string>[];
    /** Security group of the interface endpoints; other components may admit it or reuse it. */
    public readonly endpointSecurityGroupId: pulumi.Output<string>;
    public readonly flowLogGroupName: pulumi.Output<string>;

    constructor(name: string, args: HipaaVpcArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:network:HipaaVpc", name, {}, opts);

        const {
            azCount,
            natGateways,
            publicSubnets,
            endpoints,
            databasePorts,
            plan,
            logGroupName,
        } = resolveHipaaVpcArgs(name, args);

        const parent = { parent: this };
        const region = aws.getRegionOutput({}, parent).region;
        const partition = aws.getPartitionOutput({}, parent).partition;
        const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
        const zoneNames = aws
            .getAvailabilityZonesOutput(
                {
                    state: "available",
                    filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
                },
                parent,
            )
            .names.apply((names) => {
                if (names.length < azCount) {
                    throw new Error(
                        `HipaaVpc ${name}: the region offers ${names.length} AZs, fewer than availabilityZoneCount ${azCount}`,
                    );
                }
                return names.slice(0, azCount);
            });
        const tagged = (resourceName: string, extra: Record<string, string> = {}) => ({
            Name: resourceName,
            ...extra,
        });

        // ---- the VPC and its defaults, closed
        const vpc = new aws.ec2.Vpc(
            name,
            {
                cidrBlock: args.cidrBlock,
                enableDnsSupport: true, // interface endpoints need private DNS
                enableDnsHostnames: true,
                // Marks the VPC as allowed an internet gateway (the policy pack's igw-authorized-vpc-only).
                tags: tagged(name, publicSubnets ? { "internet-facing": "true" } : {}),
            },
            parent,
        );
        // Adopting the default security group with no rules removes AWS's allow-all rules.
        new aws.ec2.DefaultSecurityGroup(
            `${name}-default`,
            { vpcId: vpc.id, tags: tagged(`${name}-default`) },
            parent,
        );

        // ---- subnets of every tier, one per AZ
        const subnets = (tier: SubnetTier) =>
            plan[tier].map(
                (cidrBlock, i) =>
                    new aws.ec2.Subnet(
                        `${name}-${tier}-${i + 1}`,
                        {
                            vpcId: vpc.id,
                            cidrBlock,
                            availabilityZone: zoneNames.apply((z) => z[i]),
                            mapPublicIpOnLaunch: false,
                            tags: tagged(`${name}-${tier}-${i + 1}`, { "subnet-tier": tier }),
                        },
                        parent,
                    ),
            );
        const publicTier = publicSubnets ? subnets("public") : [];
        const privateTier = subnets("private");
        const isolatedTier = subnets("isolated");

        const routeTable = (
            rtName: string,
            tierSubnets: aws.ec2.Subnet[],
            extraTags: Record<string, string> = {},
        ) => {
            const table = new aws.ec2.RouteTable(
                rtName,
                { vpcId: vpc.id, tags: tagged(rtName, extraTags) },
                parent,
            );
            tierSubnets.forEach(
                (subnet, i) =>
                    new aws.ec2.RouteTableAssociation(
                        `${rtName}-${i + 1}`,
                        { routeTableId: table.id, subnetId: subnet.id },
                        parent,
                    ),
            );
            return table;
        };

        // ---- public tier: internet gateway, one route table
        const natIds: pulumi.Output<string>[] = [];
        if (publicSubnets) {
            const igw = new aws.ec2.InternetGateway(
                `${name}-igw`,
                { vpcId: vpc.id, tags: tagged(`${name}-igw`) },
                parent,
            );
            const publicTable = routeTable(
                `${name}-public`,
                publicTier,
                exemptionTags(
                    "no-world-route-to-igw",
                    "Public tier: only the load balancer and NAT gateways live here, and they need the internet route",
                ),
            );
            new aws.ec2.Route(
                `${name}-public-internet`,
                {
                    routeTableId: publicTable.id,
                    destinationCidrBlock: "0.0.0.0/0",
                    gatewayId: igw.id,
                },
                parent,
            );
            const natCount = natGateways === "perAz" ? azCount : natGateways === "single" ? 1 : 0;
            for (let i = 0; i < natCount; i++) {
                const eip = new aws.ec2.Eip(
                    `${name}-nat-${i + 1}`,
                    { domain: "vpc", tags: tagged(`${name}-nat-${i + 1}`) },
                    parent,
                );
                const nat = new aws.ec2.NatGateway(
                    `${name}-nat-${i + 1}`,
                    {
                        allocationId: eip.allocationId,
                        subnetId: publicTier[i].id,
                        connectivityType: "public",
                        tags: tagged(`${name}-nat-${i + 1}`),
                    },
                    { parent: this, dependsOn: [igw] },
                );
                natIds.push(nat.id);
            }
        }

        // ---- private tier: a route table per AZ so each can use its own NAT gateway
        const privateTables = privateTier.map((subnet, i) => {
            const table = routeTable(`${name}-private-${i + 1}`, [subnet]);
            if (natIds.length > 0) {
                new aws.ec2.Route(
                    `${name}-private-${i + 1}-egress`,
                    {
                        routeTableId: table.id,
                        destinationCidrBlock: "0.0.0.0/0",
                        natGatewayId: natIds[Math.min(i, natIds.length - 1)],
                    },
                    parent,
                );
            }
            return table;
        });

        // ---- isolated tier: no route beyond the VPC, and an ACL that admits only the app tier
        routeTable(`${name}-isolated`, isolatedTier);
        const acl = isolatedTierAcl(plan.private, databasePorts);
        new aws.ec2.NetworkAcl(
            `${name}-isolated`,
            {
                vpcId: vpc.id,
                subnetIds: isolatedTier.map((s) => s.id),
                ingress: acl.ingress,
                egress: acl.egress,
                tags: tagged(`${name}-isolated`),
            },
            parent,
        );

        // ---- flow logs of all traffic, and private paths to AWS services
        const logGroup = createFlowLogs(
            `${name}-flow-logs`,
            {
                vpcId: vpc.id,
                logGroupName,
                kmsKeyArn: args.flowLogs.kmsKeyArn,
                retentionInDays: args.flowLogs.retentionInDays,
                accountId,
                region,
                partition,
            },
            this,
        );
        const endpointSg = createVpcEndpoints(
            name,
            {
                vpcId: vpc.id,
                vpcCidrBlock: args.cidrBlock,
                region,
                routeTableIds: privateTables.map((t) => t.id),
                subnetIds: privateTier.map((s) => s.id),
                services: endpoints,
            },
            this,
        );

        this.vpcId = vpc.id;
        this.cidrBlock = args.cidrBlock;
        this.availabilityZones = zoneNames;
        this.publicSubnetIds = publicTier.map((s) => s.id);
        this.privateSubnetIds = privateTier.map((s) => s.id);
        this.isolatedSubnetIds = isolatedTier.map((s) => s.id);
        this.privateSubnetCidrs = plan.private;
        this.privateRouteTableIds = privateTables.map((t) => t.id);
        this.endpointSecurityGroupId = endpointSg.id;
        this.flowLogGroupName = logGroup.name;
        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            isolatedSubnetIds: this.isolatedSubnetIds,
            endpointSecurityGroupId: this.endpointSecurityGroupId,
        });
    }
}
