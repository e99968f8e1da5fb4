import * as path from "node:path";
import type { CostEstimate } from "./model";
import { stackNames } from "../synth/stackFile";
import { renderAssumptions, renderPrices, renderStack, replaceBlock } from "./render";

/** The runbook whose tables the CLI regenerates (relative to the project folder). */
export const COST_DOC = path.join("docs", "runbooks", "cost.md");

export const USAGE = `usage: npm run cost -- <stack>... | --all [--write] [--json]

Estimates what each stack costs a month in us-east-1, from its offline plan (Pulumi.<stack>.yaml)
and the assumptions in tools/cost/assumptions.ts.
  --all     every stack with a Pulumi.<stack>.yaml in the project
  --write   regenerate the stacks' tables (and the assumptions and prices) in ${COST_DOC}
  --json    print the estimates as JSON instead of Markdown`;

export interface CliArgs {
    stacks: string[];
    all: boolean;
    write: boolean;
    json: boolean;
}

/** The command line, or a message to print (the usage, or what is wrong with it). */
export function parseArgs(argv: string[]): CliArgs | string {
    const args: CliArgs = { stacks: [], all: false, write: false, json: false };
    for (const arg of argv) {
        if (arg === "--all") {
            args.all = true;
        } else if (arg === "--write") {
            args.write = true;
        } else if (arg === "--json") {
            args.json = true;
        } else if (arg === "-h" || arg === "--help") {
            return USAGE;
        } else if (arg.startsWith("-")) {
            return `unknown option ${arg}\n\n${USAGE}`;
        } else {
            args.stacks.push(arg);
        }
    }
    if (args.all === args.stacks.length > 0) {
        return `name the stacks or give --all (not both)\n\n${USAGE}`;
    }
    return args;
}

/** Stacks with a stack file in the project folder, sorted. */
export const projectStacks = stackNames;

/** The doc with the given stacks' tables, the assumptions and the prices regenerated. */
export function updateDoc(doc: string, estimates: CostEstimate[]): string {
    let out = replaceBlock(doc, "assumptions", renderAssumptions());
    out = replaceBlock(out, "prices", renderPrices());
    for (const e of estimates) {
        out = replaceBlock(out, e.stack, renderStack(e));
    }
    return out;
}
