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
const differences = (before: Plan, after: Plan) =>
    comparePlans(baselineOf(before), baselineOf(after)).map(describeDifference);

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

    it("writes the clone's own folder as a placeholder, so plans made in two clones compare equal", () => {
        const at = (dir: string) =>
            baselineOf(
                plan(resource(URN("a"), { code: { asset: `${dir}/handler.js` }, other: "/etc/x" })),
                dir,
            );
        expect(at("/home/me/repo")[0].inputs).to.deep.equal({
            code: { asset: "<project>/handler.js" },
            other: "/etc/x",
        });
        expect(comparePlans(at("/home/me/repo"), at("/tmp/ci/clone"))).to.deep.equal([]);
    });

    it("names each added, removed and changed resource, with the keys that changed", () => {
        const before = plan(resource(URN("kept"), { a: 1, b: [1, 2] }), resource(URN("gone"), {}));
        const afterKept = resource(URN("kept"), { a: 1, b: [2, 1], c: true });
        afterKept.options = { ...defaultOptions(), protect: true };
        expect(differences(before, plan(afterKept, resource(URN("new"), {})))).to.deep.equal([
            `removed ${URN("gone")}`,
            `inputs ${URN("kept")}: b, c`,
            `options ${URN("kept")}: protect`,
            `added ${URN("new")}`,
        ]);
    });

    it("recognizes a resource moved under a new URN by its alias, and still compares its inputs", () => {
        const before = plan(resource(URN("old"), { a: 1 }));
        const moved = resource(URN("new"), { a: 2 });
        moved.options = { ...defaultOptions(), aliases: [URN("old")] };
        expect(differences(before, plan(moved))).to.deep.equal([
            `moved ${URN("new")}: ${URN("old")}`,
            `inputs ${URN("new")}: a`,
        ]);
        // Without the alias it is a delete and a create: a replacement.
        expect(differences(before, plan(resource(URN("new"), { a: 1 })))).to.deep.equal([
            `added ${URN("new")}`,
            `removed ${URN("old")}`,
        ]);
    });

    it("compares references to a moved resource by its old URN, so only real changes of dependsOn count", () => {
        const dependent = (dependsOn: string[]) => {
            const r = resource(URN("dependent"), {});
            r.options = { ...defaultOptions(), dependsOn };
            return r;
        };
        const moved = resource(URN("new"), {});
        moved.options = { ...defaultOptions(), aliases: [URN("old")] };
        const before = plan(
            resource(URN("old"), {}),
            resource(URN("other"), {}),
            dependent([URN("old")]),
        );
        expect(
            differences(before, plan(moved, resource(URN("other"), {}), dependent([URN("new")]))),
        ).to.deep.equal([`moved ${URN("new")}: ${URN("old")}`]);
        // Depending on another resource instead is a difference.
        expect(
            differences(before, plan(moved, resource(URN("other"), {}), dependent([URN("other")]))),
        ).to.deep.equal([
            `options ${URN("dependent")}: dependsOn`,
            `moved ${URN("new")}: ${URN("old")}`,
        ]);
    });
});
