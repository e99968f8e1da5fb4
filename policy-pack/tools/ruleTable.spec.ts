import { expect } from "chai";
import * as fs from "node:fs";
import { policies } from "../registry";
import { AREAS } from "../lib/policy";
import { README, ruleTable, withCurrentTable } from "./ruleTable";

describe("policy pack: registry and docs", () => {
    it("the README's rule table is the one the policies' metadata generates (run npm run policy:docs)", () => {
        const readme = fs.readFileSync(README, "utf8");
        expect(readme).to.equal(withCurrentTable(readme));
    });

    it("lists every policy once, kebab-case, each with citation, Config equivalent, severity, remediation and an area", () => {
        const names = policies.map((p) => p.name);
        expect(new Set(names).size).to.equal(names.length);
        for (const p of policies) {
            expect(p.name, p.name).to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
            expect(p.description, p.name).to.match(
                /^Checks (that|whether) .* HIPAA: 45 CFR .+\. AWS Config: .+\.$/,
            );
            expect(p.severity, p.name).to.be.oneOf(["low", "medium", "high", "critical"]);
            expect(p.enforcementLevel, p.name).to.be.oneOf(["mandatory", "advisory"]);
            expect(p.remediationSteps?.length ?? 0, p.name).to.be.greaterThan(20);
            expect(p.framework?.name, p.name).to.equal("HIPAA Security Rule");
            expect(AREAS, p.name).to.include(p.tags?.[1]);
            expect(p.configSchema?.properties, p.name).to.include.keys(
                "exemptionTag",
                "exemptionReasonTag",
            );
        }
        expect(
            ruleTable()
                .split("\n")
                .filter((l) => l.startsWith("| `")),
        ).to.have.length(policies.length);
    });

    it("keeps the required-tags default equal to the program's required tag keys", async () => {
        const { REQUIRED_TAG_KEYS } = await import("../../components/tags");
        const requiredTags = policies.find((p) => p.name === "required-tags")!;
        expect(requiredTags.configSchema?.properties.requiredTags.default).to.deep.equal([
            ...REQUIRED_TAG_KEYS,
        ]);
    });
});
