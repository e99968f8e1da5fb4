import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Lists the @pulumi/aws resource tokens whose inputs take `tags`: the resources the required-tags
 * rule applies to. The pack does not load @pulumi/aws at run time (it would add most of a second
 * to every evaluation), so the list is generated from the program's pinned SDK into
 * `lib/taggableTypes.json`; `taggingAndApprovedServices.spec.ts` fails when the list is stale.
 *
 *     node -r ../tools/register-ts.js tools/taggableTypes.ts --write
 */
/** Every resource class module of @pulumi/aws: its type token and its compiled file. */
export function awsResourceModules(awsRoot: string): { token: string; jsFile: string }[] {
    const modules: { token: string; jsFile: string }[] = [];
    for (const dir of fs.readdirSync(awsRoot, { withFileTypes: true })) {
        if (!dir.isDirectory() || dir.name === "node_modules" || dir.name === "types") continue;
        for (const file of fs.readdirSync(path.join(awsRoot, dir.name))) {
            if (!file.endsWith(".js")) continue;
            const jsFile = path.join(awsRoot, dir.name, file);
            const token = /__pulumiType = '([^']+)'/.exec(fs.readFileSync(jsFile, "utf8"))?.[1];
            if (token) modules.push({ token, jsFile });
        }
    }
    return modules;
}

/** The body of a resource's `<Name>Args` interface in its .d.ts, or undefined when it has none. */
export function argsInterfaceOf(token: string, jsFile: string): string | undefined {
    const dts = jsFile.replace(/\.js$/, ".d.ts");
    if (!fs.existsSync(dts)) return undefined;
    return new RegExp(`export interface ${token.split(":")[2]}Args \\{([\\s\\S]*?)\\n\\}`).exec(
        fs.readFileSync(dts, "utf8"),
    )?.[1];
}

/** The installed @pulumi/aws's version. */
export function awsVersion(awsRoot: string): string {
    return (
        JSON.parse(fs.readFileSync(path.join(awsRoot, "package.json"), "utf8")) as {
            version: string;
        }
    ).version;
}

export function taggableTypes(awsRoot: string): { version: string; types: string[] } {
    const types: string[] = [];
    for (const { token, jsFile } of awsResourceModules(awsRoot)) {
        const args = argsInterfaceOf(token, jsFile);
        if (args && /\n {4}tags\?: pulumi\.Input<\{/.test(args)) types.push(token);
    }
    return { version: awsVersion(awsRoot), types: types.sort() };
}

export const AWS_ROOT = path.dirname(
    require.resolve("@pulumi/aws/package.json", { paths: [path.join(__dirname, "..", "..")] }),
);
export const TAGGABLE_FILE = path.join(__dirname, "..", "lib", "taggableTypes.json");

if (require.main === module && process.argv.includes("--write")) {
    fs.writeFileSync(TAGGABLE_FILE, `${JSON.stringify(taggableTypes(AWS_ROOT), null, 2)}\n`);
    console.log(`wrote ${TAGGABLE_FILE}`);
}
