import * as path from "node:path";
import type { CostEstimate } from "./model";
import { parseCommandLine } from "../commandLine";
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
    const parsed = parseCommandLine(
        argv,
        { all: { type: "boolean" }, write: { type: "boolean" }, json: { type: "boolean" } },
        USAGE,
    );
    if (typeof parsed === "string") return parsed;
    const { values, positionals } = parsed;
    const args: CliArgs = {
        stacks: positionals,
        all: values.all ?? false,
        write: values.write ?? false,
        json: values.json ?? false,
    };
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
