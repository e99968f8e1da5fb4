import { expect } from "chai";
import {
    checkAllowListCidr,
    checkDomainName,
    checkEmail,
    checkProjectPath,
    checkRegion,
    checkTagKey,
    checkTagValue,
    checkTimezone,
    checkVpcCidr,
    didYouMean,
} from "./syntax";

const cases: [string, (v: string) => string | undefined, string[], string[]][] = [
    [
        "checkTimezone",
        checkTimezone,
        ["America/Chicago", "UTC", "Europe/Berlin", "US/Eastern", "Etc/GMT-3"],
        ["america/chicago", "America/Springfield", "Central", "", "UTC\u001b[31m", "x".repeat(300)],
    ],
    [
        "checkProjectPath",
        checkProjectPath,
        ["redcap15.0.1.zip", "vendor/redcap 15.zip", "modules/"],
        ["", "  ", "redcap\u001b[2J.zip", "redcap\u202e.zip", "x".repeat(1025)],
    ],
    [
        "checkEmail",
        checkEmail,
        ["research-it@example.edu", "first.last+redcap@med.example.ac.uk", "a@b.co"],
        [
            "research-it",
            "a@b",
            "a@@b.edu",
            "a b@example.edu",
            "@example.edu",
            "a@-example.edu",
            `${"x".repeat(250)}@a.edu`,
        ],
    ],
    [
        "checkDomainName",
        checkDomainName,
        ["redcap.example.edu", "redcap-dev.med.example.org", "a.io"],
        [
            "localhost",
            "Redcap.example.edu",
            "redcap..example.edu",
            "-redcap.example.edu",
            "redcap.example.123",
            "redcap.example.edu.",
            "re_dcap.example.edu",
        ],
    ],
    [
        "checkRegion",
        checkRegion,
        ["us-east-1", "eu-central-1", "ap-southeast-3", "us-gov-west-1", "ca-west-1", "cn-north-1"],
        // Well-formed but not a region: a pattern would take them.
        ["us-east1", "US-EAST-1", "virginia", "us-east-", "useast-1", "us-east-9", "eu-west-7"],
    ],
    [
        "checkVpcCidr",
        checkVpcCidr,
        ["10.40.0.0/16", "172.16.0.0/20", "192.168.10.0/24"],
        [
            "10.40.0.0/15",
            "10.40.0.0/25",
            "8.8.0.0/16",
            "10.40.0.1/16",
            "10.40.0.0",
            "172.32.0.0/16",
        ],
    ],
    [
        "checkAllowListCidr",
        checkAllowListCidr,
        ["192.0.2.0/24", "10.0.0.0/8", "203.0.113.7/32"],
        ["0.0.0.0/0", "::/0", "0.0.0.0/1", "128.0.0.0/2", "2001:db8::/32", "10.0.0.1/8", "any"],
    ],
    [
        "checkTagKey",
        checkTagKey,
        ["cost-center", "Name", "team:research/it", "x".repeat(128)],
        ["aws:created-by", "AWS:x", "", "x".repeat(129), "bad#key"],
    ],
    [
        "checkTagValue",
        checkTagValue,
        ["RIT-1001", "", "Biostatistics and Data Science", "x".repeat(256)],
        ["x".repeat(257), "semi;colon", 'quote"d'],
    ],
];

describe("config syntax checks", () => {
    for (const [name, check, good, bad] of cases) {
        describe(name, () => {
            for (const value of good) {
                it(`accepts ${JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…` : value)}`, () => {
                    expect(check(value)).to.equal(undefined);
                });
            }
            for (const value of bad) {
                it(`refuses ${JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…` : value)}`, () => {
                    expect(check(value)).to.be.a("string");
                });
            }
        });
    }
});

describe("time zone suggestions", () => {
    it("suggests the name in its own capitals, or the zone a typo was meant to be", () => {
        expect(checkTimezone("america/chicago")).to.equal('did you mean "America/Chicago"?');
        expect(checkTimezone("America/Chicgo")).to.equal('did you mean "America/Chicago"?');
        expect(checkTimezone("Mars/Olympus_Mons")).to.equal("");
    });
});

describe("region suggestions", () => {
    it("suggests the region a typo was meant to be, and nothing for a word", () => {
        expect(checkRegion("us-east-9")).to.equal('did you mean "us-east-1"?');
        expect(checkRegion("useast1")).to.equal('did you mean "us-east-1"?');
        expect(checkRegion("EU-WEST-2")).to.equal('did you mean "eu-west-2"?');
        expect(checkRegion("virginia")).to.equal("");
        expect(didYouMean("dve", ["dev", "prod"])).to.equal('did you mean "dev"?');
    });

    it("says why an allow-list entry is refused", () => {
        expect(checkAllowListCidr("0.0.0.0/0")).to.equal(
            "0.0.0.0/0 is the whole internet; list the networks that should get in",
        );
        expect(checkAllowListCidr("::/0")).to.equal(
            "::/0 is the whole IPv6 internet; list the networks that should get in",
        );
        expect(checkAllowListCidr("0.0.0.0/1")).to.match(
            /^a \/1 is 2147483648 addresses, wider than/,
        );
    });
});
