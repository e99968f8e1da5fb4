import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { affectedStacks, deploymentOrder, deployWaves, previewTargets } from "./affectedStacks";
import { stackNames } from "../synth/stackFile";
import {
    deployRolePolicy,
    previewRolePolicy,
    stackFacts,
    stackNeeds,
    type IamPolicy,
} from "./rolePolicies";

const USAGE = `usage: node -r ./tools/register-ts.js tools/ci/cli.ts <command>

  affected-stacks [--names | --waves] [--all]
                           read changed paths (one per line) on stdin, print the preview matrix
                           of the stacks they affect as JSON: [{"stack","region","roleVariable"}];
                           --names prints only their names (["dev"]); --waves prints the deploy
                           workflow's matrices {"first":[...],"prod":[...]} (prod stacks by their
                           <system>:environment); --all takes every stack without reading stdin
  stack-region <stack>     print the stack file's aws:region (where its CI roles are assumed)
  role-policies --write    plan every stack and write docs/ci/<stack>-{deploy,preview}-role-policy.json
  role-policies --check    exit 1 when those files are missing or stale`;

const ROOT = path.resolve(__dirname, "..", "..");
export const POLICY_DIR = path.join(ROOT, "docs", "ci");

/** The stacks of this project: its `Pulumi.<stack>.yaml` files, in deployment order. */
export function projectStacks(root = ROOT): string[] {
    return deploymentOrder(stackNames(root));
}

/** A stack file's `aws:region`, read without planning (the preview matrix needs only that). */
export function stackRegion(stack: string, root = ROOT): string | undefined {
    const doc = parse(fs.readFileSync(path.join(root, `Pulumi.${stack}.yaml`), "utf8")) as {
        config?: Record<string, unknown>;
    } | null;
    const region = doc?.config?.["aws:region"];
    return typeof region === "string" ? region : undefined;
}

/** A stack file's `<system>:environment` (`redcap:environment`, `rstudio:environment`). */
export function stackEnvironment(stack: string, root = ROOT): string | undefined {
    const doc = parse(fs.readFileSync(path.join(root, `Pulumi.${stack}.yaml`), "utf8")) as {
        config?: Record<string, unknown>;
    } | null;
    const values = Object.entries(doc?.config ?? {})
        .filter(
            ([key, value]) => /^[a-z][\w-]*:environment$/.test(key) && typeof value === "string",
        )
        .map(([, value]) => value as string);
    return values.length === 1 ? values[0] : undefined;
}

/** Where a stack's generated policy of a role lives. */
export function policyFile(stack: string, role: "deploy" | "preview"): string {
    return path.join(POLICY_DIR, `${stack}-${role}-role-policy.json`);
}

/** The policies every stack's plan calls for, by file path. */
export async function generatedPolicies(
    plan: (stack: string) => Promise<Parameters<typeof stackFacts>[0]>,
): Promise<Map<string, IamPolicy>> {
    const files = new Map<string, IamPolicy>();
    for (const stack of projectStacks()) {
        const needs = stackNeeds(stackFacts(await plan(stack)));
        files.set(policyFile(stack, "deploy"), deployRolePolicy(needs));
        files.set(policyFile(stack, "preview"), previewRolePolicy(needs));
    }
    return files;
}

async function rolePolicies(mode: string): Promise<number> {
    // Loaded only here: planning pulls in the Pulumi SDK, which affected-stacks never needs.
    const { planAnyStack } = await import("../synth/planStack");
    const prettier = await import("prettier");
    const files = await generatedPolicies((stack) => planAnyStack(stack));
    let stale = 0;
    for (const [file, policy] of files) {
        const current = fs.existsSync(file)
            ? (JSON.parse(fs.readFileSync(file, "utf8")) as unknown)
            : undefined;
        const same = JSON.stringify(current) === JSON.stringify(policy);
        if (mode === "--write" && !same) {
            const options = (await prettier.resolveConfig(file)) ?? {};
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(
                file,
                await prettier.format(JSON.stringify(policy), { ...options, filepath: file }),
            );
            process.stdout.write(`wrote ${path.relative(ROOT, file)}\n`);
        } else if (!same) {
            stale++;
            process.stderr.write(`${path.relative(ROOT, file)} is stale or missing\n`);
        }
    }
    if (stale > 0) {
        process.stderr.write(
            "run: node -r ./tools/register-ts.js tools/ci/cli.ts role-policies --write\n",
        );
        return 1;
    }
    return 0;
}

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    const flags = new Set(rest);
    if (
        command === "affected-stacks" &&
        [...flags].every((f) => ["--names", "--waves", "--all"].includes(f)) &&
        !(flags.has("--names") && flags.has("--waves"))
    ) {
        const stacks = projectStacks();
        const affected = flags.has("--all")
            ? stacks
            : affectedStacks(fs.readFileSync(0, "utf8").split("\n"), stacks);
        const regions = Object.fromEntries(affected.map((s) => [s, stackRegion(s)]));
        const targets = flags.has("--names") ? [] : previewTargets(affected, regions);
        const result = flags.has("--names")
            ? affected
            : flags.has("--waves")
              ? deployWaves(
                    targets,
                    Object.fromEntries(affected.map((s) => [s, stackEnvironment(s)])),
                )
              : targets;
        process.stdout.write(`${JSON.stringify(result)}\n`);
        process.stderr.write(`stacks affected: ${affected.join(", ") || "none"}\n`);
        return 0;
    }
    if (command === "stack-region" && rest.length === 1 && projectStacks().includes(rest[0])) {
        const region = stackRegion(rest[0]);
        if (!region) {
            process.stderr.write(`Pulumi.${rest[0]}.yaml has no aws:region\n`);
            return 1;
        }
        process.stdout.write(`${region}\n`);
        return 0;
    }
    if (
        command === "role-policies" &&
        rest.length === 1 &&
        ["--write", "--check"].includes(rest[0])
    ) {
        return rolePolicies(rest[0]);
    }
    process.stderr.write(`${USAGE}\n`);
    return 2;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (e: unknown) => {
            process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 1;
        },
    );
}
