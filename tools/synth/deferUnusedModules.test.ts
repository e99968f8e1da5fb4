import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";

const ROOT = path.resolve(__dirname, "..", "..");
const TYPESCRIPT_VERSION = (
    JSON.parse(
        fs.readFileSync(path.join(ROOT, "node_modules", "typescript", "package.json"), "utf8"),
    ) as { version: string }
).version;

/** Runs `script` in a fresh Node process with the TypeScript hook, returning its JSON output. */
function inFreshProcess(script: string): Record<string, unknown> {
    const result = spawnSync(process.execPath, ["-r", "./tools/register-ts.js", "-e", script], {
        cwd: ROOT,
        encoding: "utf8",
    });
    expect(result.status, result.stderr).to.equal(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe("deferring the SDK's closure-serialization modules", () => {
    it("loads neither TypeScript nor Arborist when @pulumi/pulumi and @pulumi/aws load", () => {
        const out = inFreshProcess(`
            const { deferUnusedSdkModules } = require("./tools/synth/deferUnusedModules.ts");
            const deferred = deferUnusedSdkModules();
            require("@pulumi/pulumi"); require("@pulumi/aws");
            const loaded = Object.values(require.cache).filter((m) => m.loaded && m.exports && !require("node:util").types.isProxy(m.exports)).map((m) => m.filename);
            console.log(JSON.stringify({
                deferred,
                typescript: loaded.some((f) => /node_modules\\/typescript\\//.test(f)),
                arborist: loaded.some((f) => /@npmcli\\/arborist\\//.test(f)),
            }));`);
        expect(out).to.deep.equal({
            deferred: ["typescript", "@npmcli/arborist"],
            typescript: false,
            arborist: false,
        });
    });

    it("loads the real module on first use, so code that needs it still works", () => {
        const out = inFreshProcess(`
            require("./tools/synth/deferUnusedModules.ts").deferUnusedSdkModules();
            const pulumi = require("@pulumi/pulumi");
            const ts = require(require.resolve("typescript", { paths: [require("node:path").dirname(require.resolve("@pulumi/pulumi/package.json"))] }));
            const source = ts.createSourceFile("x.ts", "const a = 1;", ts.ScriptTarget.Latest);
            console.log(JSON.stringify({
                version: ts.version,
                statements: source.statements.length,
                esModule: ts.__esModule === true,
                serialize: typeof pulumi.runtime.serializeFunction,
            }));`);
        expect(out).to.deep.equal({
            version: TYPESCRIPT_VERSION,
            statements: 1,
            esModule: true,
            serialize: "function",
        });
    });
});
