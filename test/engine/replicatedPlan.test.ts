import { expect } from "chai";
import { policies } from "../../policy-pack/registry";
import { evaluatePolicies, mandatoryViolations } from "../../policy-pack/evaluate/evaluate";
import { replicatePlan } from "../../policy-pack/tools/scalePlan";
import { planForStack } from "../harness";
import { MUTATIONS } from "../policyMutations";

/**
 * The pack at scale: the linear index (one per evaluation) must never mix resources of different
 * copies, so a copied stack gets each copy judged on its own.
 */
describe("policy pack on a replicated prod plan", function () {
    this.timeout(120000);

    it("judges each copy of a replicated prod plan on its own: same findings per copy, a flaw found only in its copy", async () => {
        const { plan } = await planForStack("prod");
        const key = (f: { policy: string; urn?: string; message: string }) =>
            `${f.policy} ${f.urn ?? ""} ${f.message}`;
        const once = evaluatePolicies(policies, plan.resources).findings.map(key);
        const thrice = replicatePlan(plan.resources, 3);
        expect(new Set(thrice.map((r) => r.urn)).size).to.equal(3 * plan.resources.length);
        const found = evaluatePolicies(policies, thrice).findings.map(key);
        const copyOf = (f: string) => /-(c\d+)$/.exec(f.split(" ")[1])?.[1] ?? "c0";
        for (const copy of ["c0", "c1", "c2"]) {
            const ofCopy = found.filter((f) => copyOf(f) === copy);
            // Findings about the whole stack (no URN) are reported once, with the first copy.
            expect(ofCopy.map((f) => f.replace(`-${copy} `, " ")).sort(), copy).to.deep.equal(
                once.filter((f) => copy === "c0" || f.split(" ")[1] !== "").sort(),
            );
        }
        for (const [rule, mutate] of Object.entries(MUTATIONS)) {
            const only = policies.filter((p) => p.name === rule);
            const mutated = mutate(plan.resources);
            // The second copy is the mutated prod plan, the first is not.
            const flawed = replicatePlan(mutated, 2).filter((r) => r.urn.endsWith("-c1"));
            const mixed = [...plan.resources, ...flawed];
            const caught = mandatoryViolations(evaluatePolicies(only, mixed)).filter(
                (f) => f.policy === rule,
            );
            if (caught.length === 0) {
                // Only a rule about the stack as a whole (its finding names no resource) may be
                // satisfied by the other copy.
                const alone = mandatoryViolations(evaluatePolicies(only, mutated));
                expect(
                    alone.filter((f) => f.policy === rule).every((f) => !f.urn),
                    rule,
                ).to.equal(true);
                continue;
            }
            for (const f of caught.filter((f) => f.urn)) {
                expect(f.urn, rule).to.match(/-c1$/);
            }
        }
    });
});
