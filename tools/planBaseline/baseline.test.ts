import { expect } from "chai";
import { defaultOptions, type Plan, type PlanResource } from "../synth/plan";
import { baselineOf, comparePlans, describeDifference } from "./baseline";

const resource = (urn: string, inputs: Record<string, unknown>): PlanResource => ({
    urn,
    type: "aws:s3/bucket:Bucket",
    name: urn.split("::").pop()!,
    custom: true,
    parent: null,
    provider: null,
    inputs,
    dependencies: [],
    propertyDependencies: {},
    options: defaultOptions(),
});
const plan = (...resources: PlanResource[]): Plan => ({
    project: "p",
    stack: "s",
    resources,
    outputs: {},
});
const URN = (name: string) => `urn:pulumi:s::p::aws:s3/bucket:Bucket::${name}`;

describe("plan baselines", () => {
    it("sorts by URN and ignores key order, so equal plans compare equal", () => {
        const a = baselineOf(
            plan(resource(URN("b"), { x: 1, y: { p: 1, q: 2 } }), resource(URN("a"), {})),
        );
        const b = baselineOf(
            plan(resource(URN("a"), {}), resource(URN("b"), { y: { q: 2, p: 1 }, x: 1 })),
        );
        expect(a.map((r) => r.urn)).to.deep.equal([URN("a"), URN("b")]);
        expect(JSON.stringify(a)).to.equal(JSON.stringify(b));
        expect(comparePlans(a, b)).to.deep.equal([]);
    });

    it("names each added, removed and changed resource, with the keys that changed", () => {
        const before = plan(resource(URN("kept"), { a: 1, b: [1, 2] }), resource(URN("gone"), {}));
        const afterKept = resource(URN("kept"), { a: 1, b: [2, 1], c: true });
        afterKept.options = { ...defaultOptions(), protect: true };
        const after = plan(afterKept, resource(URN("new"), {}));
        expect(
            comparePlans(baselineOf(before), baselineOf(after)).map(describeDifference),
        ).to.deep.equal([
            `removed ${URN("gone")}`,
            `inputs ${URN("kept")}: b, c`,
            `options ${URN("kept")}: protect`,
            `added ${URN("new")}`,
        ]);
    });
});
