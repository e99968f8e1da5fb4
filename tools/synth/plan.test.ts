import { expect } from "chai";
import { countByType, fromWire, type Plan, type PlanResource, SECRET, UNKNOWN } from "./plan";
import { renderPlan } from "./render";

const SIG = "4dabf18193072939515e22adb298388d";

describe("fromWire", () => {
    it("masks secrets at any depth without looking inside", () => {
        const secret = { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" };
        expect(fromWire({ a: secret, b: [1, secret], c: { d: secret } })).to.deep.equal({
            a: SECRET,
            b: [1, SECRET],
            c: { d: SECRET },
        });
    });

    it("turns resource references into URNs, unknowns into a marker and keeps plain values", () => {
        const ref = {
            [SIG]: "5cf8f73096256a8f31e491e813e4eb8e",
            urn: "urn:pulumi:s::p::t::n",
            id: "i-1",
        };
        expect(
            fromWire({ ref, u: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", n: null, t: true, s: "x" }),
        ).to.deep.equal({
            ref: "urn:pulumi:s::p::t::n",
            u: UNKNOWN,
            n: null,
            t: true,
            s: "x",
        });
    });

    it("masks secret output values and shows assets by path", () => {
        const output = { [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: "v", secret: true };
        const asset = { [SIG]: "c44067f5952c0a294b673a41bacd8c17", path: "./file.txt" };
        expect(fromWire([output, asset])).to.deep.equal([SECRET, { asset: "./file.txt" }]);
    });
});

describe("renderPlan", () => {
    const opts = {
        protect: false,
        retainOnDelete: false,
        deleteBeforeReplace: false,
        ignoreChanges: [],
        dependsOn: [],
    };
    const res = (
        urn: string,
        type: string,
        name: string,
        parent: string | null,
        extra: Partial<PlanResource> = {},
    ) => ({
        urn,
        type,
        name,
        custom: type.startsWith("aws:"),
        parent,
        provider: null,
        inputs: {},
        dependencies: [],
        propertyDependencies: {},
        options: opts,
        ...extra,
    });
    const plan: Plan = {
        project: "p",
        stack: "s",
        resources: [
            res("u:stack", "pulumi:pulumi:Stack", "p-s", null),
            res("u:comp", "x:y:Comp", "comp", "u:stack"),
            res("u:key", "aws:kms/key:Key", "comp-key", "u:comp", {
                options: { ...opts, protect: true, retainOnDelete: true },
            }),
            res("u:alias", "aws:kms/alias:Alias", "comp-key", "u:comp"),
        ],
        outputs: { b: SECRET, a: ["x"] },
    };

    it("draws the tree with sorted children, marks protected resources and lists counts and outputs", () => {
        expect(renderPlan(plan)).to.equal(
            [
                'Offline plan of stack "s" (project p): 4 resources, 2 of them in AWS',
                "",
                "p-s  pulumi:pulumi:Stack",
                "└─ comp  x:y:Comp",
                "   ├─ comp-key  aws:kms/alias:Alias",
                "   └─ comp-key  aws:kms/key:Key  [protected, retained on delete]",
                "",
                "Resources by type:",
                "     1  aws:kms/alias:Alias",
                "     1  aws:kms/key:Key",
                "     1  pulumi:pulumi:Stack",
                "     1  x:y:Comp",
                "",
                "Outputs:",
                '  a: ["x"]',
                '  b: "[secret]"',
            ].join("\n"),
        );
        expect(countByType(plan)["aws:kms/key:Key"]).to.equal(1);
    });
});
