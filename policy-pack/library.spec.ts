import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { planOf } from "./test/cases";
import { evaluatePolicies, hipaaPolicies, policies } from "./library";

const openSsh = planOf([
    {
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        name: "ssh",
        props: {
            ipProtocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrIpv4: "0.0.0.0/0",
            tags: { owner: "x" },
        },
    },
]);
const levelOf = (composed: ReturnType<typeof hipaaPolicies>, policy: string) =>
    evaluatePolicies(composed, openSsh).findings.find((f) => f.policy === policy)?.enforcementLevel;

describe("policy pack as a library: composed into a team's own pack", () => {
    it("gives every policy by default, as new objects", () => {
        const all = hipaaPolicies();
        expect(all.map((p) => p.name)).to.deep.equal(policies.map((p) => p.name));
        all.forEach((p, i) => expect(p).to.not.equal(policies[i]));
    });

    it("overrides enforcement per policy and by default, leaving the pack's own policies as they are", () => {
        const composed = hipaaPolicies({
            enforcement: { "sg-no-world-ssh": "advisory" },
            defaultEnforcement: "mandatory",
        });
        expect(levelOf(composed, "sg-no-world-ssh")).to.equal("advisory");
        expect(composed.find((p) => p.name === "rds-multi-az")?.enforcementLevel).to.equal(
            "mandatory",
        );
        expect(policies.find((p) => p.name === "sg-no-world-ssh")?.enforcementLevel).to.equal(
            "mandatory",
        );
        expect(levelOf(policies, "sg-no-world-ssh")).to.equal("mandatory");
    });

    it("leaves out policies by name or by area", () => {
        expect(hipaaPolicies({ exclude: ["sg-no-world-ssh"] }).map((p) => p.name)).to.not.include(
            "sg-no-world-ssh",
        );
        const network = hipaaPolicies({ areas: ["network-exposure"] });
        expect(network.length).to.be.above(5);
        expect(network.every((p) => (p.tags ?? []).includes("network-exposure"))).to.equal(true);
        expect(
            levelOf(hipaaPolicies({ areas: ["encryption-at-rest"] }), "sg-no-world-ssh"),
        ).to.equal(undefined);
    });

    it("refuses a misspelled policy, level or area, naming it", () => {
        expect(() => hipaaPolicies({ enforcement: { "sg-no-world-shh": "advisory" } })).to.throw(
            /did you mean "sg-no-world-ssh"/,
        );
        expect(() =>
            hipaaPolicies({ enforcement: { "sg-no-world-ssh": "mandtory" as never } }),
        ).to.throw(/"mandtory" is not an enforcement level/);
        expect(() => hipaaPolicies({ exclude: ["no-such-rule"] })).to.throw(
            /"no-such-rule" is not a policy of this pack/,
        );
        expect(() => hipaaPolicies({ areas: ["encryption" as never] })).to.throw(
            /"encryption" is not an area/,
        );
    });
});

describe("policy pack: the changelog of rules", () => {
    const changelog = fs.readFileSync(path.join(__dirname, "CHANGELOG.md"), "utf8");
    const version = (
        JSON.parse(fs.readFileSync(path.join(__dirname, "package.json"), "utf8")) as {
            version: string;
        }
    ).version;

    it("has a section for the pack's version", () => {
        expect(changelog).to.match(new RegExp(`^## ${version.replace(/\./g, "\\.")}\\b`, "m"));
    });

    it("names every rule of the pack", () => {
        const missing = policies
            .map((p) => p.name)
            .filter((name) => !changelog.includes(`\`${name}\``));
        expect(missing).to.deep.equal([]);
    });
});
