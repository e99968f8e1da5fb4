import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { BROKEN_STACK } from "../../test/harness";
import type { Plan } from "./plan";
import { PROJECT_DIR } from "./planStack";

/** Runs the synth CLI as `npm run synth` does, in a child process. */
function synth(...args: string[]) {
    const result = spawnSync(
        process.execPath,
        ["-r", "./tools/register-ts.js", "tools/synth/cli.ts", ...args],
        {
            cwd: PROJECT_DIR,
            encoding: "utf8",
            timeout: 30000,
        },
    );
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run synth", () => {
    it("prints the plan of a stack and writes the documented JSON format", () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "synth-")), "dev.plan.json");
        const run = synth("dev", "--json", file);
        expect(run.code, run.stderr).to.equal(0);
        expect(run.stdout).to.match(
            /^Offline plan of stack "dev" \(project redcap\): \d+ resources/,
        );
        expect(run.stdout).to.match(/[├└]─ network  hipaa:network:HipaaVpc\n/);
        expect(run.stdout).to.match(/[├└]─ keys  hipaa:security:EncryptionKeys\n/);
        expect(run.stdout).to.include("Resources by type:");
        expect(run.stdout).to.include(`Wrote the plan to ${file}`);

        const plan = JSON.parse(fs.readFileSync(file, "utf8")) as Plan;
        expect(Object.keys(plan)).to.deep.equal(["project", "stack", "resources", "outputs"]);
        expect(plan).to.include({ project: "redcap", stack: "dev" });
        for (const r of plan.resources) {
            expect(Object.keys(r)).to.deep.equal([
                "urn",
                "type",
                "name",
                "custom",
                "parent",
                "provider",
                "inputs",
                "dependencies",
                "propertyDependencies",
                "options",
            ]);
            // aliases only when the resource has any.
            expect(Object.keys(r.options)).to.deep.equal([
                "protect",
                "retainOnDelete",
                "deleteBeforeReplace",
                "ignoreChanges",
                "dependsOn",
                ...(r.options.aliases ? ["aliases"] : []),
            ]);
            expect(r.options.aliases ?? ["urn:"]).to.not.deep.equal([]);
        }
    });

    it("lists every problem of a bad stack file, prints no plan and no stack trace, and exits 2", () => {
        const run = synth("broken", "--stack-file", BROKEN_STACK.file);
        expect(run.code).to.equal(2);
        expect(run.stdout).to.equal("");
        expect(run.stderr).to.include(
            `Stack "broken" has ${BROKEN_STACK.problemKeys.length} configuration problems:`,
        );
        for (const key of BROKEN_STACK.problemKeys) {
            expect(run.stderr).to.include(`  - ${key}: `);
        }
        expect(run.stderr).to.include(
            "Nothing was planned. Fix test/fixtures/Pulumi.broken.yaml and run again.",
        );
        expect(run.stderr).not.to.match(/^\s+at /m);
    });

    it("explains its usage when the stack is missing and names the stacks when it does not exist", () => {
        const none = synth();
        expect(none.code).to.equal(2);
        expect(none.stderr).to.include("usage: npm run synth -- <stack>");
        const unknown = synth("qa");
        expect(unknown.code).to.equal(1);
        expect(unknown.stderr).to.equal(
            "synth failed: no stack file Pulumi.qa.yaml; the stacks here are dev, prod, rstudio-dev, rstudio-prod\n",
        );
    });
});
