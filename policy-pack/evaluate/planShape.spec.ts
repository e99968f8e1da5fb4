import { expect } from "chai";
import { policies } from "../registry";
import { planOf } from "../test/cases";
import { evaluatePolicies } from "./evaluate";
import { planProblems } from "./planShape";
import { renderFindings } from "./report";

describe("policy pack: a malformed plan gets a sentence, never a JavaScript error", () => {
    const good = planOf([
        { type: "aws:s3/bucket:Bucket", name: "b", props: { tags: { owner: "x" } } },
    ]);

    it("accepts the plans the offline plan writes", () => {
        expect(planProblems({ resources: good }, "p.json")).to.deep.equal([]);
    });

    const cases: [string, unknown, string][] = [
        ["no resources list", { stack: "dev" }, 'p.json: has no "resources" list'],
        [
            "a resource that is no object",
            { resources: [null] },
            "p.json: resources[0]: null is not a resource",
        ],
        [
            "a resource without a type",
            { resources: [{ ...good[0], type: 5 }] },
            `p.json: resources[0] ("${good[0].urn}").type: 5 is not allowed; expected a non-empty string`,
        ],
        [
            "inputs that are no object",
            { resources: [{ ...good[0], inputs: "x" }] },
            '.inputs: "x" is not allowed; expected an object',
        ],
        [
            "property dependencies that are no URN lists",
            { resources: [{ ...good[0], propertyDependencies: { bucket: "urn:x" } }] },
            '.propertyDependencies.bucket: "urn:x" is not allowed; expected a list of URNs',
        ],
        ["one URN twice", { resources: [good[0], good[0]] }, ".urn: appears twice"],
    ];
    for (const [what, plan, message] of cases) {
        it(`refuses ${what}`, () => {
            expect(planProblems(plan, "p.json").join("\n")).to.include(message);
        });
    }

    it("is checked by the evaluator itself, before any policy runs", () => {
        expect(() =>
            evaluatePolicies(policies, [{ ...good[0], inputs: undefined as never }]),
        ).to.throw(/the plan is malformed:\n.*\.inputs: undefined is not allowed/);
    });
});

describe("policy pack: what cannot be decided is shown", () => {
    it("lists undecided checks under the findings, with the policy, the resource and why", () => {
        const plan = planOf([
            {
                type: "aws:docdb/cluster:Cluster",
                name: "docs",
                props: { storageEncrypted: "[unknown]", tags: { owner: "x" } },
            },
        ]);
        const evaluation = evaluatePolicies(
            policies.filter((p) => p.name === "docdb-cluster-encrypted"),
            plan,
        );
        expect(evaluation.findings).to.deep.equal([]);
        const text = renderFindings(evaluation, 1);
        expect(text).to.include("1 check(s) waiting for values unknown until `pulumi up`");
        expect(text).to.match(
            /undecided +docdb-cluster-encrypted +urn:pulumi:test::hipaa::aws:docdb\/cluster:Cluster::docs/,
        );
    });
});
