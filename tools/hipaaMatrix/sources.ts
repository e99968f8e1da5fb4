import * as fs from "node:fs";
import * as path from "node:path";
import { COMPONENT_SAFEGUARDS, type TestRef } from "../../components/safeguards";
import { policies } from "../../policy-pack/registry";
import type { MatrixPolicy } from "./matrix";

/** The repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");
/** The generated matrix. */
export const MATRIX_FILE = path.join(ROOT, "docs", "hipaa-matrix.md");

const SPEC_DIR = "policy-pack/policies";
/** The prod-plan mutation per mandatory rule, and the tests that run them. */
const MUTATION_TABLE = "test/policyMutations.ts";
const MUTATIONS = "test/policyPack.test.ts";

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The pack's policies with their citations and the spec files whose case tables name them. */
export function loadPolicies(): MatrixPolicy[] {
    const specs = fs
        .readdirSync(path.join(ROOT, SPEC_DIR))
        .filter((f) => f.endsWith(".spec.ts"))
        .sort()
        .map((f) => ({ file: `${SPEC_DIR}/${f}`, text: read(`${SPEC_DIR}/${f}`) }));
    const mutations = read(MUTATION_TABLE);
    return policies.map((p) => {
        // A case table or a mutation is keyed by the policy's name: `"rds-storage-encrypted": …`.
        const keyed = new RegExp(`^\\s*"${escape(p.name)}":`, "m");
        const tests = specs.filter((s) => keyed.test(s.text)).map((s) => s.file);
        if (keyed.test(mutations)) tests.push(MUTATIONS);
        const description = p.description ?? "";
        return {
            name: p.name,
            enforcementLevel: p.enforcementLevel ?? "advisory",
            summary: description.replace(/ HIPAA: 45 CFR .*$/, ""),
            cites: p.framework?.specification ?? "",
            tests,
        };
    });
}

export const loadComponents = () => COMPONENT_SAFEGUARDS;

/** True when `ref.file` declares a test (`it`) with exactly that title. */
export function testExists(ref: TestRef): boolean {
    const file = path.join(ROOT, ref.file);
    if (!fs.existsSync(file)) return false;
    const declared = new RegExp(`\\bit\\(\\s*(["'\`])${escape(ref.it)}\\1`);
    return declared.test(fs.readFileSync(file, "utf8"));
}
