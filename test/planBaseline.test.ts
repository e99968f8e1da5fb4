import * as fs from "node:fs";
import { expect } from "chai";
import {
    type BaselineResource,
    baselineOf,
    comparePlans,
    describeDifference,
} from "../tools/planBaseline/baseline";
import { baselinePath } from "../tools/planBaseline/paths";
import { PROJECT_DIR } from "../tools/synth/planStack";
import { planForStack } from "./harness";
import { INTENDED_DIFFERENCES } from "./plans/intendedDifferences";

/**
 * Refactors never replace a deployed resource: each stack's plan is compared, resource by
 * resource, with its reviewed baseline, and every difference must be one a change lists (with its
 * reason) in test/plans/intendedDifferences.ts.
 */
describe("plans against their reviewed baselines (test/plans/)", function () {
    this.timeout(60000);

    for (const stack of ["dev", "prod"]) {
        it(`${stack}: differs only as test/plans/intendedDifferences.ts says`, async () => {
            const baseline = JSON.parse(
                fs.readFileSync(baselinePath(stack), "utf8"),
            ) as BaselineResource[];
            const current = baselineOf((await planForStack(stack)).plan, PROJECT_DIR);
            const found = comparePlans(baseline, current).map(describeDifference).sort();
            const intended = INTENDED_DIFFERENCES.filter((d) => d.stack === stack).map((d) =>
                describeDifference({ urn: d.urn, kind: d.kind, keys: d.keys ?? [] }),
            );
            expect(found, "differences not listed as intended").to.deep.equal(intended.sort());
        });
    }

    it("gives every intended difference a reason", () => {
        for (const d of INTENDED_DIFFERENCES) {
            expect(d.why.trim().length, `${d.stack} ${d.urn}`).to.be.greaterThan(20);
        }
    });
});
