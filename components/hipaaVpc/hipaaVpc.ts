import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LOG_RETENTION_DAYS } from "../logRetention";
import type { InterfaceEndpointService, NatStrategy } from "./options";
import { flowLogsTrustPolicy, flowLogsWritePolicy, isolatedTierAcl } from "./networkPolicies";
import { AZ_SLOTS, planSubnets, type SubnetPlan, type SubnetTier } from "./subnetPlan";

export interface HipaaVpcArgs {
    /** IPv4 block of the VPC, e.g. `10.40.0.0/16`. Stack config validation keeps it private and /16–/24. */
    cidrBlock: string;
    /** How many AZs get a subnet of every tier: 2 or 3. */
    availabilityZoneCount: number;
    /**
     * Prefix length of each tier's subnets. Default public /24, private /20 (room for many Fargate
     * task ENIs), isolated /24. Changing one moves every subnet: choose before the first deploy.
     */
    subnetPrefixLengths?: Partial<Record<SubnetTier, number>>;
    /**
     * Egress to the internet for the private tier: `none`, `single` (one NAT gateway, cheaper, its
     * AZ is a single point of failure) or `perAz` (one per AZ). Default `perAz`.
     */
    natGateways?: NatStrategy;
    /**
     * Whether to create the public tier (internet gateway and public subnets) for an internet-facing
     * load balancer and NAT. Default true. Public subnets never auto-assign public IPs.
     */
    publicSubnets?: boolean;
    /** Services reached privately through interface endpoints in the private subnets. Default none. */
    interfaceEndpoints?: InterfaceEndpointService[];
    /** VPC flow logs (all traffic) to a KMS-encrypted CloudWatch log group. */
    flowLogs: {
        /** ARN of the KMS key that encrypts the log group; its policy must admit CloudWatch Logs. */
        kmsKeyArn: pulumi.Input<string>;
        /** Days to keep flow logs; one of the values CloudWatch Logs accepts. */
        retentionInDays: number;
        /** Log group name. Default `/<name>/vpc-flow-logs`. */
        logGroupName?: string;
    };
    /** Port the database tier's network ACL admits from the private tier. Default 3306 (MySQL). */
    databasePort?: number;
}

const DEFAULT_PREFIX_LENGTHS: Record<SubnetTier, number> = {
    public: 24,
    private: 20,
    isolated: 24,
};

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

        // ---- defaults, in one place
        const azCount = args.availabilityZoneCount;
        const natGateways = args.natGateways ?? "perAz";
        const publicSubnets = args.publicSubnets ?? true;
        const endpoints = args.interfaceEndpoints ?? [];
        const databasePort = args.databasePort ?? 3306;
        const prefixLengths = { ...DEFAULT_PREFIX_LENGTHS, ...args.subnetPrefixLengths };

        // ---- contradictions fail before anything is declared
        if (!Number.isInteger(azCount) || azCount < 2 || azCount > AZ_SLOTS) {
            throw new Error(
                `HipaaVpc ${name}: availabilityZoneCount ${azCount} is not allowed; expected 2 or 3`,
            );
        }
        if (natGateways !== "none" && !publicSubnets) {
            throw new Error(
                `HipaaVpc ${name}: natGateways "${natGateways}" needs publicSubnets true (NAT gateways live in public subnets)`,
            );
        }
        if (publicSubnets && prefixLengths.public > 27) {
            throw new Error(
                `HipaaVpc ${name}: subnetPrefixLengths.public /${prefixLengths.public} is not allowed; expected /27 or larger (a load balancer needs it)`,
            );
        }
        if (!(LOG_RETENTION_DAYS as readonly number[]).includes(args.flowLogs.retentionInDays)) {
            throw new Error(
                `HipaaVpc ${name}: flowLogs.retentionInDays ${args.flowLogs.retentionInDays} is not allowed; expected one of ${LOG_RETENTION_DAYS.join(", ")}`,
            );
        }
        if (!Number.isInteger(databasePort) || databasePort < 1 || databasePort > 65535) {
            throw new Error(
                `HipaaVpc ${name}: databasePort ${databasePort} is not allowed; expected a port from 1 to 65535`,
            );
        }
        if (new Set(endpoints).size !== endpoints.length) {
            throw new Error(
                `HipaaVpc ${name}: interfaceEndpoints lists a service twice: ${endpoints.join(", ")}`,
            );
        }
        let plan: SubnetPlan;
        try {
            plan = planSubnets({ vpcCidr: args.cidrBlock, azCount, prefixLengths });
        } catch (e) {
            throw new Error(
                `HipaaVpc ${name}: cidrBlock ${args.cidrBlock} with subnetPrefixLengths ${JSON.stringify(prefixLengths)} ` +
                    `is not allowed: ${(e as Error).message}`,
            );
        }
        const logGroupName = args.flowLogs.logGroupName ?? `/${name}/vpc-flow-logs`;

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
                tags: tagged(name),
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

        const routeTable = (rtName: string, tierSubnets: aws.ec2.Subnet[]) => {
            const table = new aws.ec2.RouteTable(
                rtName,
                { vpcId: vpc.id, tags: tagged(rtName) },
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
            const publicTable = routeTable(`${name}-public`, publicTier);
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
        const acl = isolatedTierAcl(plan.private, databasePort);
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

        // ---- flow logs of all traffic to an encrypted log group
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-flow-logs`,
            {
                name: logGroupName,
                kmsKeyId: args.flowLogs.kmsKeyArn,
                retentionInDays: args.flowLogs.retentionInDays,
            },
            parent,
        );
        const flowLogRole = new aws.iam.Role(
            `${name}-flow-logs`,
            {
                description: `VPC flow logs of ${name} write to ${logGroupName}`,
                assumeRolePolicy: pulumi
                    .all([accountId, region, partition])
                    .apply(([a, r, p]) =>
                        JSON.stringify(
                            flowLogsTrustPolicy({ accountId: a, region: r, partition: p }),
                        ),
                    ),
            },
            parent,
        );
        const flowLogPolicy = new aws.iam.Policy(
            `${name}-flow-logs`,
            {
                description: `Write VPC flow logs of ${name} to ${logGroupName} only`,
                policy: logGroup.arn.apply((arn) => JSON.stringify(flowLogsWritePolicy(arn))),
            },
            parent,
        );
        const attachment = new aws.iam.RolePolicyAttachment(
            `${name}-flow-logs`,
            { role: flowLogRole.name, policyArn: flowLogPolicy.arn },
            parent,
        );
        new aws.ec2.FlowLog(
            `${name}-flow-logs`,
            {
                vpcId: vpc.id,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: logGroup.arn,
                iamRoleArn: flowLogRole.arn,
                maxAggregationInterval: 60,
                tags: tagged(`${name}-flow-logs`),
            },
            { parent: this, dependsOn: [attachment] },
        );

        // ---- endpoints: S3 through the route tables, other services through PrivateLink
        const serviceName = (service: string) =>
            pulumi.interpolate`com.amazonaws.${region}.${service}`;
        new aws.ec2.VpcEndpoint(
            `${name}-s3`,
            {
                vpcId: vpc.id,
                vpcEndpointType: "Gateway",
                serviceName: serviceName("s3"),
                routeTableIds: privateTables.map((t) => t.id),
                tags: tagged(`${name}-s3`),
            },
            parent,
        );
        const endpointSg = new aws.ec2.SecurityGroup(
            `${name}-endpoints`,
            {
                vpcId: vpc.id,
                description: `Interface endpoints of ${name}: HTTPS from inside the VPC only`,
                revokeRulesOnDelete: true,
                tags: tagged(`${name}-endpoints`),
            },
            parent,
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-endpoints-https`,
            {
                securityGroupId: endpointSg.id,
                description: "HTTPS from the VPC",
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: args.cidrBlock,
            },
            parent,
        );
        for (const service of endpoints) {
            new aws.ec2.VpcEndpoint(
                `${name}-${service.replace(/\./g, "-")}`,
                {
                    vpcId: vpc.id,
                    vpcEndpointType: "Interface",
                    serviceName: serviceName(service),
                    privateDnsEnabled: true,
                    subnetIds: privateTier.map((s) => s.id),
                    securityGroupIds: [endpointSg.id],
                    tags: tagged(`${name}-${service}`),
                },
                parent,
            );
        }

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
