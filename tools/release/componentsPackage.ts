import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Builds the publishable npm package of the components, `@redcap-hipaa/components`, into a
 * folder of its own (default `.build/components-package/`): `tsc -p
 * packages/components/tsconfig.build.json` emits JavaScript and a .d.ts for every module of
 * `components/` (tests, test data and container tests left out), then the files the components
 * read at run time beside their code (REDCap's Dockerfile and rootfs/, the Lambdas' handlers and
 * their .d.ts) are copied to the same relative paths, so `__dirname` finds them in the package as
 * it does here. The program itself keeps running from the sources (`main: index.ts`); this is
 * only what another program installs.
 */

const USAGE = `usage: node -r ./tools/register-ts.js tools/release/componentsPackage.ts [--out <dir>]

  Builds @redcap-hipaa/components into <dir> (default .build/components-package); publish it with
  npm publish <dir>. GITHUB_SERVER_URL and GITHUB_REPOSITORY, when set (in GitHub Actions), become
  the package's repository, which npm's provenance requires.`;

export const ROOT = path.resolve(__dirname, "..", "..");
export const PACKAGE_DIR = path.join(ROOT, "packages", "components");
const COMPONENTS = path.join(ROOT, "components");

/** Sources that are not part of the package: tests, their data, the container tests. */
const isTestPath = (rel: string) =>
    /(^|\/)(testdata|container)(\/|$)/.test(rel) || /\.(test|spec)\.ts$/.test(rel);

/** Files the components read at run time: everything but TypeScript sources (.d.ts included). */
export function runtimeAssets(dir = COMPONENTS): string[] {
    const walk = (rel: string): string[] =>
        fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
            const child = rel ? `${rel}/${entry.name}` : entry.name;
            if (isTestPath(child)) {
                return [];
            }
            if (entry.isDirectory()) {
                return walk(child);
            }
            return child.endsWith(".ts") && !child.endsWith(".d.ts") ? [] : [child];
        });
    return walk("").sort();
}

export interface BuildOptions {
    out: string;
    /** `owner/name` on GitHub: the package's repository (provenance checks it). */
    repository?: string;
    serverUrl?: string;
}

/** Builds the package into `out` (emptied first); returns the package's manifest. */
export function buildComponentsPackage({ out, repository, serverUrl }: BuildOptions): {
    name: string;
    version: string;
} {
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    const dist = path.join(out, "dist");
    const tsc = spawnSync(
        process.execPath,
        [
            require.resolve("typescript/bin/tsc"),
            "-p",
            path.join(PACKAGE_DIR, "tsconfig.build.json"),
            "--outDir",
            dist,
        ],
        { cwd: ROOT, encoding: "utf8" },
    );
    if (tsc.status !== 0) {
        throw new Error(`tsc failed building the components package:\n${tsc.stdout}${tsc.stderr}`);
    }
    for (const rel of runtimeAssets()) {
        fs.mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true });
        fs.copyFileSync(path.join(COMPONENTS, rel), path.join(dist, rel));
        // Executable scripts of the image (entrypoint.sh, web-server) keep their mode.
        fs.chmodSync(path.join(dist, rel), fs.statSync(path.join(COMPONENTS, rel)).mode);
    }
    const manifest = JSON.parse(
        fs.readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8"),
    ) as Record<string, unknown> & { name: string; version: string };
    if (repository) {
        manifest.repository = {
            type: "git",
            url: `git+${serverUrl ?? "https://github.com"}/${repository}.git`,
            directory: "packages/components",
        };
    }
    fs.writeFileSync(path.join(out, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
    fs.copyFileSync(path.join(PACKAGE_DIR, "README.md"), path.join(out, "README.md"));
    for (const file of ["LICENSE", "NOTICE"]) {
        fs.copyFileSync(path.join(ROOT, file), path.join(out, file));
    }
    return manifest;
}

function main(argv: string[]): number {
    let out = path.join(ROOT, ".build", "components-package");
    if (argv.length === 2 && argv[0] === "--out") {
        out = path.resolve(argv[1]);
    } else if (argv.length !== 0) {
        console.error(USAGE);
        return 2;
    }
    const { name, version } = buildComponentsPackage({
        out,
        repository: process.env.GITHUB_REPOSITORY,
        serverUrl: process.env.GITHUB_SERVER_URL,
    });
    console.log(`${name}@${version} built in ${path.relative(ROOT, out) || "."}`);
    return 0;
}

if (require.main === module) {
    try {
        process.exitCode = main(process.argv.slice(2));
    } catch (e) {
        console.error(e instanceof Error ? e.message : String(e));
        process.exitCode = 1;
    }
}
