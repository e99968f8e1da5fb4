import { expect } from "chai";
import * as fc from "fast-check";
import {
    AZ_SLOTS,
    blockSize,
    type Ipv4Block,
    isPrivateBlock,
    parseIpv4Cidr,
    planSubnets,
    SubnetPlanError,
    SUBNET_TIERS,
} from "./subnetPlan";

const block = (cidr: string): Ipv4Block => {
    const parsed = parseIpv4Cidr(cidr);
    if ("error" in parsed) {
        throw new Error(`${cidr}: ${parsed.error}`);
    }
    return parsed;
};
const range = (cidr: string) => {
    const b = block(cidr);
    return { start: b.base, end: b.base + blockSize(b.prefixLength) - 1 };
};

describe("parseIpv4Cidr", () => {
    it("parses dotted-decimal CIDR notation", () => {
        expect(parseIpv4Cidr("10.40.0.0/16")).to.deep.equal({
            base: 10 * 2 ** 24 + 40 * 2 ** 16,
            prefixLength: 16,
        });
        expect(parseIpv4Cidr("192.168.1.0/24")).to.deep.equal({
            base: 0xc0a80100,
            prefixLength: 24,
        });
    });

    it("refuses host bits and names the network address", () => {
        expect(parseIpv4Cidr("10.40.1.0/16")).to.deep.equal({
            error: "host bits are set (the network address is 10.40.0.0/16)",
        });
    });

    for (const bad of [
        "10.0.0/16",
        "10.0.0.0",
        "10.0.0.256/16",
        "0x0a.0.0.0/16",
        "10.0.0.0/33",
        " 10.0.0.0/16",
        "010.0.0.0/16",
    ]) {
        it(`refuses ${JSON.stringify(bad)}`, () => {
            expect(parseIpv4Cidr(bad)).to.have.property("error");
        });
    }
});

describe("isPrivateBlock", () => {
    it("accepts blocks inside RFC 1918 ranges", () => {
        for (const cidr of [
            "10.0.0.0/8",
            "10.255.0.0/16",
            "172.16.0.0/12",
            "172.31.240.0/20",
            "192.168.0.0/16",
        ]) {
            expect(isPrivateBlock(block(cidr)), cidr).to.equal(true);
        }
    });

    it("refuses public blocks and blocks that straddle a private range", () => {
        for (const cidr of [
            "8.8.0.0/16",
            "172.32.0.0/16",
            "172.0.0.0/11",
            "100.64.0.0/16",
            "192.169.0.0/16",
        ]) {
            expect(isPrivateBlock(block(cidr)), cidr).to.equal(false);
        }
    });
});

describe("planSubnets", () => {
    const defaults = { public: 24, private: 20, isolated: 24 };

    it("lays out the default plan of a /16 largest tier first", () => {
        expect(
            planSubnets({ vpcCidr: "10.40.0.0/16", azCount: 3, prefixLengths: defaults }),
        ).to.deep.equal({
            private: ["10.40.0.0/20", "10.40.16.0/20", "10.40.32.0/20"],
            public: ["10.40.48.0/24", "10.40.49.0/24", "10.40.50.0/24"],
            isolated: ["10.40.51.0/24", "10.40.52.0/24", "10.40.53.0/24"],
        });
    });

    it("never moves a subnet when the AZ count changes", () => {
        const two = planSubnets({ vpcCidr: "10.40.0.0/16", azCount: 2, prefixLengths: defaults });
        const three = planSubnets({ vpcCidr: "10.40.0.0/16", azCount: 3, prefixLengths: defaults });
        for (const tier of SUBNET_TIERS) {
            expect(two[tier]).to.deep.equal(three[tier].slice(0, 2));
        }
    });

    it("says how large the VPC must be when it is too small", () => {
        expect(() =>
            planSubnets({ vpcCidr: "10.40.0.0/19", azCount: 2, prefixLengths: defaults }),
        ).to.throw(
            SubnetPlanError,
            "10.40.0.0/19 is too small: 3 AZ slots × (public /24 + private /20 + isolated /24) need 13824 addresses, a /18 or larger, and the block has 8192",
        );
        expect(() =>
            planSubnets({ vpcCidr: "10.40.0.0/18", azCount: 2, prefixLengths: defaults }),
        ).not.to.throw();
    });

    it("refuses a subnet prefix not longer than the VPC's", () => {
        expect(() =>
            planSubnets({
                vpcCidr: "10.40.0.0/20",
                azCount: 2,
                prefixLengths: { ...defaults, private: 20 },
            }),
        ).to.throw(
            SubnetPlanError,
            "private subnet prefix /20 must be longer than the VPC's /20 and at most /28",
        );
    });

    it("refuses an AZ count outside the slots", () => {
        expect(() =>
            planSubnets({ vpcCidr: "10.40.0.0/16", azCount: 4, prefixLengths: defaults }),
        ).to.throw(SubnetPlanError, "AZ count 4 is outside 1..3");
    });

    it("has the property: subnets lie inside the VPC, have the asked size and never overlap", () => {
        const args = fc
            .record({
                vpcPrefix: fc.integer({ min: 16, max: 24 }),
                second: fc.integer({ min: 0, max: 255 }),
                azCount: fc.integer({ min: 1, max: AZ_SLOTS }),
                public: fc.integer({ min: 17, max: 28 }),
                private: fc.integer({ min: 17, max: 28 }),
                isolated: fc.integer({ min: 17, max: 28 }),
            })
            .filter((a) => [a.public, a.private, a.isolated].every((p) => p > a.vpcPrefix));
        fc.assert(
            fc.property(args, (a) => {
                const vpcCidr = `10.${a.second}.0.0/16`.replace("/16", `/${a.vpcPrefix}`);
                const normalized = parseIpv4Cidr(vpcCidr);
                fc.pre(!("error" in normalized));
                const prefixLengths = {
                    public: a.public,
                    private: a.private,
                    isolated: a.isolated,
                };
                const needed = SUBNET_TIERS.reduce(
                    (s, t) => s + AZ_SLOTS * blockSize(prefixLengths[t]),
                    0,
                );
                if (needed > blockSize(a.vpcPrefix)) {
                    expect(() =>
                        planSubnets({ vpcCidr, azCount: a.azCount, prefixLengths }),
                    ).to.throw(SubnetPlanError);
                    return;
                }
                const plan = planSubnets({ vpcCidr, azCount: a.azCount, prefixLengths });
                const vpc = range(vpcCidr);
                const all = SUBNET_TIERS.flatMap((t) => plan[t].map((c) => ({ tier: t, cidr: c })));
                expect(all).to.have.length(a.azCount * SUBNET_TIERS.length);
                for (const { tier, cidr } of all) {
                    expect(block(cidr).prefixLength).to.equal(prefixLengths[tier]);
                    const r = range(cidr);
                    expect(
                        r.start >= vpc.start && r.end <= vpc.end,
                        `${cidr} in ${vpcCidr}`,
                    ).to.equal(true);
                }
                const sorted = all.map((s) => range(s.cidr)).sort((x, y) => x.start - y.start);
                for (let i = 1; i < sorted.length; i++) {
                    expect(sorted[i].start > sorted[i - 1].end, "no overlap").to.equal(true);
                }
            }),
            { numRuns: 300 },
        );
    });

    it("has the property: the reported minimum prefix fits and one bit less does not", () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 17, max: 28 }),
                fc.integer({ min: 17, max: 28 }),
                fc.integer({ min: 17, max: 28 }),
                (pub, priv, iso) => {
                    const prefixLengths = { public: pub, private: priv, isolated: iso };
                    try {
                        planSubnets({ vpcCidr: "10.0.0.0/16", azCount: 3, prefixLengths });
                    } catch {
                        return; // does not fit even a /16; nothing to compare
                    }
                    let required = 16;
                    for (let p = 16; p <= 24; p++) {
                        try {
                            planSubnets({ vpcCidr: `10.0.0.0/${p}`, azCount: 3, prefixLengths });
                            required = p;
                        } catch (e) {
                            expect(e).to.be.instanceOf(SubnetPlanError);
                            const reported = (e as SubnetPlanError).requiredPrefixLength;
                            if (reported !== undefined) {
                                expect(reported).to.equal(required);
                            }
                            break;
                        }
                    }
                },
            ),
            { numRuns: 200 },
        );
    });
});
