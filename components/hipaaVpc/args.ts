import * as pulumi from "@pulumi/pulumi";
import { LOG_RETENTION_DAYS } from "../logRetention";
import type { InterfaceEndpointService, NatStrategy } from "./options";
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
    /**
     * Ports the isolated (database) tier's network ACL admits from the private tier. Default
     * `[3306]` (MySQL); e.g. `[5432]` for PostgreSQL, `[27017]` for MongoDB. Empty: the tier admits
     * nothing at all (a system without a database).
     */
    databasePorts?: number[];
}

const DEFAULT_PREFIX_LENGTHS: Record<SubnetTier, number> = {
    public: 24,
    private: 20,
    isolated: 24,
};

/** HipaaVpcArgs with every default applied and the subnet plan computed. */
export interface ResolvedHipaaVpcArgs {
    azCount: number;
    natGateways: NatStrategy;
    publicSubnets: boolean;
    endpoints: InterfaceEndpointService[];
    databasePorts: number[];
    prefixLengths: Record<SubnetTier, number>;
    plan: SubnetPlan;
    logGroupName: string;
}

/**
 * Applies HipaaVpc's defaults (in one place) and refuses contradictory or out-of-range args with a
 * message naming the arg, the value and what is allowed. Pure: tested without mocks.
 */
export function resolveHipaaVpcArgs(name: string, args: HipaaVpcArgs): ResolvedHipaaVpcArgs {
    const azCount = args.availabilityZoneCount;
    const natGateways = args.natGateways ?? "perAz";
    const publicSubnets = args.publicSubnets ?? true;
    const endpoints = args.interfaceEndpoints ?? [];
    const databasePorts = args.databasePorts ?? [3306];
    const prefixLengths = { ...DEFAULT_PREFIX_LENGTHS, ...args.subnetPrefixLengths };

    // Contradictions and out-of-range values fail before anything is declared.
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
    if (
        new Set(databasePorts).size !== databasePorts.length ||
        databasePorts.some((port) => !Number.isInteger(port) || port < 1 || port > 65535)
    ) {
        throw new Error(
            `HipaaVpc ${name}: databasePorts ${JSON.stringify(databasePorts)} is not allowed; expected different ports from 1 to 65535`,
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
    return {
        azCount,
        natGateways,
        publicSubnets,
        endpoints,
        databasePorts,
        prefixLengths,
        plan,
        logGroupName,
    };
}
