import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import * as ts from "typescript";
import { buildComponentsPackage, ROOT } from "./componentsPackage";

/**
 * The published package as another program gets it (npm run test:package; about 20 s, so not in
 * npm test): built into a folder, installed under its name beside a consumer program, whose
 * TypeScript imports every component with its types, and whose Node.js loads them.
 */

/** Every component class of the sources: `export class X extends pulumi.ComponentResource`. */
function componentClasses(dir = path.join(ROOT, "components")): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && /(?<!\.test)(?<!\.d)\.ts$/.test(e.name))
        .map((e) => path.join(e.parentPath, e.name))
        .filter((f) => !/[/\\](testdata|container)[/\\]/.test(f))
        .flatMap((f) =>
            [
                ...fs
                    .readFileSync(f, "utf8")
                    .matchAll(/^export class (\w+) extends pulumi\.ComponentResource\b/gm),
            ].map((m) => m[1]),
        )
        .sort();
}

describe("@redcap-hipaa/components as published", function () {
    // Under .build/ so the consumer resolves the peer dependencies from this project's install.
    const work = path.join(ROOT, ".build", `package-test-${process.pid}`);
    const out = path.join(work, "package");
    const consumer = path.join(work, "consumer");
    const classes = componentClasses();

    before(() => {
        buildComponentsPackage({ out, repository: "example/redcap-hipaa-aws" });
        const installed = path.join(consumer, "node_modules", "@redcap-hipaa", "components");
        fs.mkdirSync(path.dirname(installed), { recursive: true });
        fs.symlinkSync(out, installed, "dir");
    });
    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("has a declaration for every module it compiles", () => {
        const files = fs.readdirSync(path.join(out, "dist"), { recursive: true }) as string[];
        const compiled = files.filter(
            (f) =>
                f.endsWith(".js") &&
                fs.existsSync(path.join(ROOT, "components", f.replace(/\.js$/, ".ts"))),
        );
        expect(compiled.length).to.be.greaterThan(50);
        for (const file of compiled) {
            expect(files, file).to.include(file.replace(/\.js$/, ".d.ts"));
        }
    });

    it("type-checks a program that imports every component from the package's entry", () => {
        expect(classes).to.include.members(["HipaaVpc", "EncryptionKeys", "RedcapService"]);
        const source = [
            `import * as pulumi from "@pulumi/pulumi";`,
            `import { ${classes.join(", ")} } from "@redcap-hipaa/components";`,
            `type Component = abstract new (...args: any[]) => pulumi.ComponentResource;`,
            `export const components: Component[] = [${classes.join(", ")}];`,
            // Typed, not any: a wrong argument is an error the consumer's compiler reports.
            `// @ts-expect-error the keys' args are an object`,
            `export const wrong = new EncryptionKeys("keys", 42);`,
        ].join("\n");
        fs.writeFileSync(path.join(consumer, "index.ts"), source);
        const program = ts.createProgram([path.join(consumer, "index.ts")], {
            strict: true,
            noEmit: true,
            target: ts.ScriptTarget.ES2022,
            // node16: the package's `exports` map decides what a consumer may import.
            module: ts.ModuleKind.Node16,
            moduleResolution: ts.ModuleResolutionKind.Node16,
            types: ["node"],
            typeRoots: [path.join(ROOT, "node_modules", "@types")],
            skipLibCheck: true,
        });
        const diagnostics = ts
            .getPreEmitDiagnostics(program)
            .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        expect(diagnostics).to.deep.equal([]);
        // Through the symlink to the built package's entry declaration (the exports map's types).
        const entry = fs.realpathSync(path.join(out, "dist", "index.d.ts"));
        expect(program.getSourceFiles().map((f) => path.resolve(f.fileName))).to.include(entry);
    });

    it("loads in Node.js with every component a class", () => {
        const script = `const c = require("@redcap-hipaa/components"); const names = ${JSON.stringify(classes)};
            const missing = names.filter((n) => typeof c[n] !== "function");
            if (missing.length) { console.error("missing: " + missing.join(", ")); process.exit(1); }`;
        const run = spawnSync(process.execPath, ["-e", script], {
            cwd: consumer,
            encoding: "utf8",
        });
        expect(run.stderr).to.equal("");
        expect(run.status).to.equal(0);
    });

    it("packs its code, declarations, assets, README, LICENSE and NOTICE, and no test", () => {
        const pack = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
            cwd: out,
            encoding: "utf8",
        });
        expect(pack.status, pack.stderr).to.equal(0);
        const [{ name, files }] = JSON.parse(pack.stdout) as {
            name: string;
            files: { path: string }[];
        }[];
        expect(name).to.equal("@redcap-hipaa/components");
        const paths = files.map((f) => f.path);
        expect(paths).to.include.members([
            "package.json",
            "README.md",
            "LICENSE",
            "NOTICE",
            "dist/index.js",
            "dist/index.d.ts",
            "dist/hipaaVpc/hipaaVpc.d.ts",
            "dist/redcapImage/Dockerfile",
            "dist/redcapDatabase/userBootstrap/handler.js",
        ]);
        expect(paths.filter((p) => /\.test\.|testdata|\.ts$(?<!\.d\.ts)/.test(p))).to.deep.equal(
            [],
        );
        const published = JSON.parse(fs.readFileSync(path.join(out, "package.json"), "utf8")) as {
            repository: { url: string };
        };
        expect(published.repository.url).to.equal(
            "git+https://github.com/example/redcap-hipaa-aws.git",
        );
    });
});
