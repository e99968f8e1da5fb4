import * as ipaddr from "ipaddr.js";

/** The three subnet tiers of a HipaaVpc, in the order the user thinks of them. */
export const SUBNET_TIERS = ["public", "private", "isolated"] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/**
 * Every tier reserves this many AZ slots whatever the AZ count, so going from 2 to 3 AZs later
 * adds subnets without moving (and so replacing) any existing one.
 */
export const AZ_SLOTS = 3;

/** An IPv4 block as a 32-bit unsigned base address and a prefix length. */
export interface Ipv4Block {
    base: number;
    prefixLength: number;
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/**
 * Parses dotted-decimal CIDR notation strictly. Returns the block, or the reason it is invalid
 * (no octal, hex or short forms, no host bits set).
 */
export function parseIpv4Cidr(text: string): Ipv4Block | { error: string } {
    const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text);
    if (!match || !ipaddr.IPv4.isValidFourPartDecimal(match[1])) {
        return { error: "not IPv4 CIDR notation" };
    }
    const prefixLength = Number(match[2]);
    if (prefixLength > 32) {
        return { error: "the prefix length is over 32" };
    }
    const address = toUint32(match[1]);
    const base = networkBase(address, prefixLength);
    if (base !== address) {
        return {
            error: `host bits are set (the network address is ${formatCidr({ base, prefixLength })})`,
        };
    }
    return { base, prefixLength };
}

/** True when the whole block lies inside one RFC 1918 private range. */
export function isPrivateBlock(block: Ipv4Block): boolean {
    const last = block.base + blockSize(block.prefixLength) - 1;
    return PRIVATE_RANGES.some((range) => {
        const parsed = parseIpv4Cidr(range) as Ipv4Block;
        const end = parsed.base + blockSize(parsed.prefixLength) - 1;
        return block.base >= parsed.base && last <= end;
    });
}

export function formatCidr(block: Ipv4Block): string {
    const b = block.base;
    return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${block.prefixLength}`;
}

export function blockSize(prefixLength: number): number {
    return 2 ** (32 - prefixLength);
}

function toUint32(address: string): number {
    return address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function networkBase(address: number, prefixLength: number): number {
    const size = blockSize(prefixLength);
    return Math.floor(address / size) * size;
}

/** Inputs of the subnet plan. */
export interface SubnetPlanArgs {
    /** The VPC's IPv4 block, e.g. `10.40.0.0/16`. */
    vpcCidr: string;
    /** How many AZs get subnets (1 to AZ_SLOTS). */
    azCount: number;
    /** Prefix length of each tier's subnets, e.g. `{ public: 24, private: 20, isolated: 24 }`. */
    prefixLengths: Record<SubnetTier, number>;
}

/** Subnet CIDR blocks per tier, one per AZ, in AZ order. */
export type SubnetPlan = Record<SubnetTier, string[]>;

/** Raised when the subnets cannot be laid out in the VPC block. */
export class SubnetPlanError extends Error {
    constructor(
        message: string,
        /** The largest VPC prefix length that would fit the plan, when size was the problem. */
        public readonly requiredPrefixLength?: number,
    ) {
        super(message);
        this.name = "SubnetPlanError";
    }
}

/**
 * Lays out the subnets of every tier inside the VPC block.
 *
 * Each tier gets AZ_SLOTS consecutive, aligned blocks; tiers are placed largest first so no space
 * is lost to alignment, and the space left over at the end stays free for later tiers. A subnet's
 * CIDR depends only on the VPC block and the prefix lengths, never on the AZ count.
 */
export function planSubnets(args: SubnetPlanArgs): SubnetPlan {
    const vpc = parseIpv4Cidr(args.vpcCidr);
    if ("error" in vpc) {
        throw new SubnetPlanError(`VPC block ${args.vpcCidr} is ${vpc.error}`);
    }
    if (!Number.isInteger(args.azCount) || args.azCount < 1 || args.azCount > AZ_SLOTS) {
        throw new SubnetPlanError(`AZ count ${args.azCount} is outside 1..${AZ_SLOTS}`);
    }
    for (const tier of SUBNET_TIERS) {
        const length = args.prefixLengths[tier];
        if (!Number.isInteger(length) || length <= vpc.prefixLength || length > 28) {
            throw new SubnetPlanError(
                `${tier} subnet prefix /${length} must be longer than the VPC's /${vpc.prefixLength} and at most /28`,
            );
        }
    }

    // Largest blocks first keeps every block aligned without padding; ties keep tier order.
    const order = [...SUBNET_TIERS].sort((a, b) => args.prefixLengths[a] - args.prefixLengths[b]);
    const needed = order.reduce(
        (sum, tier) => sum + AZ_SLOTS * blockSize(args.prefixLengths[tier]),
        0,
    );
    const available = blockSize(vpc.prefixLength);
    if (needed > available) {
        const requiredPrefixLength = 32 - Math.ceil(Math.log2(needed));
        const parts = SUBNET_TIERS.map((t) => `${t} /${args.prefixLengths[t]}`).join(" + ");
        throw new SubnetPlanError(
            `${args.vpcCidr} is too small: ${AZ_SLOTS} AZ slots × (${parts}) need ${needed} addresses, ` +
                `a /${requiredPrefixLength} or larger, and the block has ${available}`,
            requiredPrefixLength,
        );
    }

    const plan: SubnetPlan = { public: [], private: [], isolated: [] };
    let cursor = vpc.base;
    for (const tier of order) {
        const prefixLength = args.prefixLengths[tier];
        const size = blockSize(prefixLength);
        for (let slot = 0; slot < AZ_SLOTS; slot++) {
            if (slot < args.azCount) {
                plan[tier].push(formatCidr({ base: cursor + slot * size, prefixLength }));
            }
        }
        cursor += AZ_SLOTS * size;
    }
    return plan;
}
