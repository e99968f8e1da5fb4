import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { BROKEN_STACK } from "../../test/harness";
import type { Plan } from "./plan";
import { PROJECT_DIR } from "./planStack";
import { main } from "./synthCommand";

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

/** Runs the CLI's main in this process (planning is faster here), capturing what it prints. */
async function synthHere(...args: string[]) {
    const out = { stdout: "", stderr: "" };
    const original = {
        stdout: process.stdout.write.bind(process.stdout),
        stderr: process.stderr.write.bind(process.stderr),
    };
    process.stdout.write = (chunk: string | Uint8Array) => ((out.stdout += String(chunk)), true);
    process.stderr.write = (chunk: string | Uint8Array) => ((out.stderr += String(chunk)), true);
    try {
        return { code: await main(args), ...out };
    } finally {
        process.stdout.write = original.stdout;
        process.stderr.write = original.stderr;
    }
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

    it("exits 1 on a mandatory policy violation, unless --allow-violations (an ESC stack planned from its values)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-"));
        // The pack tightened by an organization: dev's one-year log retention is now too short.
        const policyConfig = path.join(dir, "policy-config.json");
        fs.writeFileSync(
            policyConfig,
            JSON.stringify({ "log-group-retention": { minimumRetentionDays: 400 } }),
        );
        const args = [
            "esc",
            "--stack-file",
            "test/fixtures/Pulumi.esc.yaml",
            "--config-values",
            "test/fixtures/esc/pulumi-config.json",
            "--policy-config",
            policyConfig,
        ];
        const refused = await synthHere(...args);
        expect(refused.code, refused.stderr).to.equal(1);
        expect(refused.stdout).to.match(/^Offline plan of stack "esc" \(project redcap\)/);
        expect(refused.stdout).to.match(
            /mandatory log-group-retention .*\n.*retentionInDays is 365 \(< 400\)/,
        );
        expect(refused.stderr).to.match(
            /\d+ mandatory policy violation\(s\): pulumi preview --policy-pack policy-pack would refuse this stack\. Fix them, or pass --allow-violations to explore\.\n$/,
        );
        const allowed = await synthHere(
            ...args,
            "--allow-violations",
            "--json",
            path.join(dir, "plan.json"),
        );
        expect(allowed.code, allowed.stderr).to.equal(0);
        expect(allowed.stderr).to.include("Allowed by --allow-violations.");
        for (const run of [refused, allowed]) {
            expect(run.stdout + run.stderr).not.to.include("esc-secret-never-printed");
        }
        expect(fs.readFileSync(path.join(dir, "plan.json"), "utf8")).not.to.include(
            "esc-secret-never-printed",
        );
    });

    it("refuses a stack file that is not YAML with exit 2, naming the file and the line", async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "synth-")), "Pulumi.bad.yaml");
        fs.writeFileSync(file, "config:\n  aws:region: us-east-1\n  aws:region: us-east-2\n");
        const run = await synthHere("bad", "--stack-file", file);
        expect(run.code).to.equal(2);
        expect(run.stdout).to.equal("");
        expect(run.stderr).to.equal(
            `${file} cannot be read: 1 problem:\n  - line 3, column 3: Map keys must be unique\n\nNothing was planned. Fix ${file} and run again.\n`,
        );
    });

    it("shows keys and values with terminal control characters escaped", async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "synth-")), "Pulumi.esc.yaml");
        fs.writeFileSync(
            file,
            'config:\n  "redcap:\\e]0;pwned\\a": 1\n  aws:region: "us-east-1\\e[2J"\n  platform:system: "\\e[31mredcap"\n',
        );
        const run = await synthHere("x", "--stack-file", file);
        expect(run.code).to.equal(2);
        expect(run.stderr).not.to.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
        expect(run.stderr).to.include('platform:system: "\\u001b[31mredcap" is not allowed');
    });

    it("explains its usage when the stack is missing and names the stacks when it does not exist", async () => {
        const none = await synthHere();
        expect(none.code).to.equal(2);
        expect(none.stderr).to.include("usage: npm run synth -- <stack>");
        expect(none.stderr).to.include("--config-values <file>");
        expect(none.stderr).to.include("--allow-violations");
        const unknown = await synthHere("qa");
        expect(unknown.code).to.equal(2);
        expect(unknown.stderr).to.equal(
            "synth failed: no stack file Pulumi.qa.yaml; the stacks here are dev, prod, rstudio-dev, rstudio-prod\n",
        );
    });
});
