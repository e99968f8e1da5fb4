import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ComponentSafeguards } from "../../components/safeguards";
import { compareParagraphs, parseCitations, resolveParagraph } from "./citations";
import { headingAnchor } from "../markdownAnchor";
import { buildMatrix, componentName, renderMatrix, type MatrixPolicy } from "./matrix";
import { SAFEGUARDS } from "./safeguards";
import { loadComponents, loadPolicies, MATRIX_FILE, ROOT, testExists } from "./sources";

const policy = (name: string, cites: string, level = "mandatory"): MatrixPolicy => ({
    name,
    enforcementLevel: level,
    summary: `Checks ${name}.`,
    cites,
    tests: [`policy-pack/policies/${name}.spec.ts`],
});
const component = (cites: string, feature = "does it"): ComponentSafeguards => ({
    component: "hipaa:test:Thing",
    source: "components/thing.ts",
    features: [{ cites, feature, tests: [{ file: "components/thing.test.ts", it: "does it" }] }],
});

describe("HIPAA matrix: citations", () => {
    it("splits lists, expands ranges and ignores hygiene rules", () => {
        expect(parseCitations("164.312(b), 164.308(a)(4)(ii)(A)-(C)")).to.deep.equal([
            "164.312(b)",
            "164.308(a)(4)(ii)(A)",
            "164.308(a)(4)(ii)(B)",
            "164.308(a)(4)(ii)(C)",
        ]);
        expect(parseCitations("none (hygiene)")).to.deep.equal([]);
        expect(parseCitations("")).to.deep.equal([]);
    });

    it("refuses what is not a Security Rule paragraph, naming it", () => {
        expect(() => parseCitations("164.312(b), 164.213(a)")).to.throw(/"164\.213\(a\)"/);
        expect(() => parseCitations("164.312 (b)")).to.throw(/164\.312 \(b\)/);
        expect(() => parseCitations("164.308(a)(4)(ii)(C)-(A)")).to.throw(/not ascending/);
    });

    it("rolls a paragraph up to the nearest row of the catalogue, and refuses one with none", () => {
        const rows = new Set(["164.308(a)(3)", "164.312(a)(2)(iv)"]);
        expect(resolveParagraph("164.308(a)(3)(ii)(A)", rows)).to.equal("164.308(a)(3)");
        expect(resolveParagraph("164.308(a)(3)(i)", rows)).to.equal("164.308(a)(3)");
        expect(resolveParagraph("164.312(a)(2)(iv)", rows)).to.equal("164.312(a)(2)(iv)");
        expect(() => resolveParagraph("164.312(b)", rows)).to.throw(/164\.312\(b\) has no row/);
    });

    it("orders paragraphs as the CFR numbers them (roman numerals included)", () => {
        const sorted = [
            "164.312(a)(2)(iv)",
            "164.312(b)",
            "164.308(a)(7)(ii)(B)",
            "164.312(a)(2)(ix)",
            "164.312(a)(2)(i)",
            "164.308(a)(10)",
            "164.308(a)(7)",
            "164.312(a)(1)",
        ].sort(compareParagraphs);
        expect(sorted).to.deep.equal([
            "164.308(a)(7)",
            "164.308(a)(7)(ii)(B)",
            "164.308(a)(10)",
            "164.312(a)(1)",
            "164.312(a)(2)(i)",
            "164.312(a)(2)(iv)",
            "164.312(a)(2)(ix)",
            "164.312(b)",
        ]);
    });
});

describe("HIPAA matrix: building and rendering", () => {
    it("puts each feature and policy on every row it cites, once per row", () => {
        const rows = buildMatrix(
            [component("164.312(a)(2)(iv), 164.312(e)(2)(ii), 164.312(a)(2)(iv)")],
            [policy("p-one", "164.312(b), 164.308(a)(3)(ii)(A)-(B)")],
        );
        const row = (p: string) => rows.find((r) => r.safeguard.paragraph === p)!;
        expect(row("164.312(a)(2)(iv)").features).to.have.length(1);
        expect(row("164.312(e)(2)(ii)").features[0].component).to.equal("Thing");
        expect(row("164.312(b)").policies.map((p) => p.name)).to.deep.equal(["p-one"]);
        // (ii)(A) and (ii)(B) both roll up to the workforce security standard: listed once.
        expect(row("164.308(a)(3)").policies).to.have.length(1);
        expect(row("164.312(c)(1)").features).to.have.length(0);
    });

    it("names the component or policy whose citation is not in the catalogue", () => {
        expect(() => buildMatrix([component("164.999(a)")], [])).to.throw(/hipaa:test:Thing/);
        expect(() => buildMatrix([], [policy("p-bad", "165.312(b)")])).to.throw(/policy p-bad/);
    });

    it("renders a summary row per safeguard linking to its section, and the policy index", () => {
        const text = renderMatrix(
            buildMatrix([component("164.312(b)")], [policy("p", "164.312(b)")]),
        );
        for (const s of SAFEGUARDS) {
            const heading = `${s.paragraph} ${s.title}`;
            expect(text).to.include(`### ${heading}\n`);
            expect(text).to.include(`](#${headingAnchor(heading)})`);
        }
        expect(text).to.match(/\| `p` \| mandatory \| Checks p\. \| 164\.312\(b\) \|/);
        expect(text).to.include("**Thing**: does it. Tests:");
        expect(headingAnchor("164.312(e)(2)(ii) Encryption (transmission)")).to.equal(
            "164312e2ii-encryption-transmission",
        );
        expect(componentName("hipaa:storage:FileStore")).to.equal("FileStore");
    });
});

describe("HIPAA matrix: the project's metadata", () => {
    const components = loadComponents();
    const policies = loadPolicies();

    it("has a catalogue with one row per paragraph, and a customer part wherever the customer acts", () => {
        const paragraphs = SAFEGUARDS.map((s) => s.paragraph);
        expect(new Set(paragraphs).size).to.equal(paragraphs.length);
        const silent = SAFEGUARDS.filter((s) => s.responsibility !== "built-in" && !s.yours).map(
            (s) => s.paragraph,
        );
        expect(
            silent,
            "rows that are not built in must say what remains the customer's",
        ).to.deep.equal([]);
    });

    it("backs every built-in or shared safeguard with a feature or a policy", () => {
        const rows = buildMatrix(components, policies);
        const empty = rows
            .filter((r) => ["built-in", "shared"].includes(r.safeguard.responsibility))
            .filter((r) => r.features.length === 0 && r.policies.length === 0)
            .map((r) => r.safeguard.paragraph);
        expect(empty, "rows claiming coverage with nothing behind them").to.deep.equal([]);
    });

    it("names only tests that exist, at least one per feature", () => {
        const missing: string[] = [];
        for (const c of components) {
            expect(fs.existsSync(path.join(ROOT, c.source)), c.source).to.equal(true);
            for (const f of c.features) {
                expect(f.tests, `${c.component}: ${f.feature}`).to.not.be.empty;
                for (const t of f.tests) {
                    if (!testExists(t)) missing.push(`${t.file}: it("${t.it}")`);
                }
            }
        }
        expect(
            missing,
            "tests named in components/*/safeguards.ts that do not exist",
        ).to.deep.equal([]);
    });

    it("has an entry for every component type the code declares, and none for a type it does not", () => {
        const declared = new Set<string>();
        const walk = (dir: string) => {
            for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
                const p = path.join(dir, e.name);
                if (e.isDirectory()) walk(p);
                else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) {
                    for (const m of fs
                        .readFileSync(p, "utf8")
                        .matchAll(/super\(\s*"(hipaa:[^"]+)"/g)) {
                        declared.add(m[1]);
                    }
                }
            }
        };
        walk(path.join(ROOT, "components"));
        const described = new Set(
            components.map((c) => c.component).filter((c) => c.startsWith("hipaa:")),
        );
        expect(declared.size).to.be.greaterThan(10);
        expect(
            [...declared].filter((t) => !described.has(t)),
            "components without safeguards.ts entries",
        ).to.deep.equal([]);
        expect(
            [...described].filter((t) => !declared.has(t)),
            "entries for no component",
        ).to.deep.equal([]);
    });

    it("finds the table-driven spec of every policy, and a prod mutation for every mandatory one", () => {
        expect(policies.length).to.be.greaterThan(50);
        const withoutSpec = policies.filter((p) => !p.tests.some((t) => t.endsWith(".spec.ts")));
        expect(withoutSpec.map((p) => p.name)).to.deep.equal([]);
        const unmutated = policies.filter(
            (p) =>
                p.enforcementLevel === "mandatory" && !p.tests.includes("test/policyPack.test.ts"),
        );
        expect(unmutated.map((p) => p.name)).to.deep.equal([]);
    });

    it("is current: docs/hipaa-matrix.md is what the generator writes", () => {
        const expected = renderMatrix(buildMatrix(components, policies));
        const committed = fs.readFileSync(MATRIX_FILE, "utf8");
        expect(
            committed === expected,
            "docs/hipaa-matrix.md is stale: run npm run docs:hipaa-matrix",
        ).to.equal(true);
    });
});
