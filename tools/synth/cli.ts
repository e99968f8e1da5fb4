import "./fastStart"; // must stay first
import * as fs from "node:fs";
import * as path from "node:path";
import { reportPlanFailure, runPlanCommand } from "./command";
import { planAnyStack } from "./planStack";
import { renderPlan } from "./render";
import { policies } from "../../policy-pack/registry";
import { evaluatePolicies } from "../../policy-pack/evaluate/evaluate";
import { renderFindings } from "../../policy-pack/evaluate/report";

const USAGE = `usage: npm run synth -- <stack> [--json [file|-]] [--stack-file <path>]

Plans a stack offline from Pulumi.<stack>.yaml: validates the configuration, runs the program
under Pulumi's mock runtime (no AWS credentials, no network) and prints what it would create.
  --json [file]        also write the machine-readable plan to file (to stdout when file is - or absent)
  --stack-file <path>  read the stack's config from this file instead of Pulumi.<stack>.yaml`;

interface CliArgs {
    stack: string;
    json?: string;
    stackFile?: string;
}

function parseArgs(argv: string[]): CliArgs | string {
    const positional: string[] = [];
    let json: string | undefined;
    let stackFile: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--json") {
            const next = argv[i + 1];
            json = next !== undefined && !next.startsWith("--") ? (i++, next) : "-";
        } else if (arg === "--stack-file") {
            stackFile = argv[++i];
            if (!stackFile) {
                return `--stack-file needs a path\n\n${USAGE}`;
            }
        } else if (arg === "-h" || arg === "--help") {
            return USAGE;
        } else if (arg.startsWith("-")) {
            return `unknown option ${arg}\n\n${USAGE}`;
        } else {
            positional.push(arg);
        }
    }
    if (positional.length !== 1) {
        return `expected exactly one stack name, got ${positional.length}\n\n${USAGE}`;
    }
    return { stack: positional[0], json, stackFile };
}

async function main(argv: string[]): Promise<number> {
    const args = parseArgs(argv);
    if (typeof args === "string") {
        process.stderr.write(`${args}\n`);
        return args === USAGE ? 0 : 2;
    }
    try {
        const { plan } = await planAnyStack(args.stack, { stackFile: args.stackFile });
        const json = `${JSON.stringify(plan, null, 2)}\n`;
        if (args.json === "-") {
            process.stdout.write(json);
            return 0;
        }
        process.stdout.write(`${renderPlan(plan)}\n`);
        // What `pulumi preview --policy-pack policy-pack` would say about this plan (default config).
        process.stdout.write(
            `\n${renderFindings(evaluatePolicies(policies, plan.resources), policies.length)}\n`,
        );
        if (args.json) {
            fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
            fs.writeFileSync(args.json, json);
            process.stdout.write(`\nWrote the plan to ${args.json}\n`);
        }
        return 0;
    } catch (e) {
        const file = args.stackFile ?? `Pulumi.${args.stack}.yaml`;
        return reportPlanFailure("synth", e, file, "Nothing was planned.");
    }
}

runPlanCommand("synth", main);
