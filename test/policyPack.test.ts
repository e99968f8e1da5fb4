import { expect } from "chai";
import { policies } from "../policy-pack/registry";
import { evaluatePolicies, mandatoryViolations } from "../policy-pack/evaluate/evaluate";
import {
    planAnyForStack,
    planForStack,
    planStackWithApp,
    SIGN_IN_WITH_LDAP,
    SIGN_IN_WITH_SAML,
} from "./harness";

/**
 * The policy pack on the program's own plans: both stacks pass every mandatory rule, and for every
 * mandatory rule a careless change to the prod plan (a flag flipped, a companion dropped, a risky
 * resource added) is caught by that rule.
 */

import { MUTATIONS } from "./policyMutations";

describe("policy pack on the program's plans", function () {
    this.timeout(60000);

    const variants: [string, () => ReturnType<typeof planAnyForStack>][] = [
        ["dev", () => planForStack("dev")],
        ["prod", () => planForStack("prod")],
        ["rstudio-dev", () => planAnyForStack("rstudio-dev")],
        ["rstudio-prod", () => planAnyForStack("rstudio-prod")],
        // Optional features add resources and settings the stack files leave off.
        ["dev with LDAP sign-in", () => planStackWithApp("dev", SIGN_IN_WITH_LDAP)],
        ["dev with SAML sign-in", () => planStackWithApp("dev", SIGN_IN_WITH_SAML)],
    ];
    for (const [name, planOf] of variants) {
        it(`${name}: no mandatory violation`, async () => {
            const { plan } = await planOf();
            const mandatory = mandatoryViolations(evaluatePolicies(policies, plan.resources));
            expect(mandatory.map((f) => `${f.policy} ${f.urn}: ${f.message}`)).to.deep.equal([]);
        });
    }

    it("has one mutation for every mandatory rule", () => {
        const mandatory = policies
            .filter((p) => p.enforcementLevel === "mandatory")
            .map((p) => p.name);
        expect(Object.keys(MUTATIONS).sort()).to.deep.equal(mandatory.sort());
    });

    for (const [rule, mutate] of Object.entries(MUTATIONS)) {
        it(`catches a careless change to prod: ${rule}`, async () => {
            const { plan } = await planForStack("prod");
            // Only the rule under test: the whole pack on each mutated plan would only cost time.
            const findings = mandatoryViolations(
                evaluatePolicies(
                    policies.filter((p) => p.name === rule),
                    mutate(plan.resources),
                ),
            );
            expect(findings.map((f) => f.policy)).to.include(rule);
        });
    }
});
