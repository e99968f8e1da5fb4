import * as fs from "node:fs";
import { policies } from "../registry";
import {
    evaluatePolicies,
    MalformedPlanError,
    mandatoryViolations,
    PolicyConfigError,
} from "./evaluate";
import type { PolicyConfig } from "./policyConfig";
import { renderFindings } from "./report";
import type { PlanResource } from "./validationArgs";

const USAGE = `usage: npm run policy:check -- <plan.json> [--config <policy-config.json>] [--json]

Evaluates every policy of the HIPAA pack on a plan written by \`npm run synth -- <stack> --json <file>\`,
as \`pulumi preview --policy-pack policy-pack\` would. Exits 1 on any mandatory violation.
  --config <file>  policy config in \`pulumi policy enable --config\` form: { "<policy>": { "enforcementLevel": ..., ... } }
  --json           print the findings as JSON instead of text`;

function fail(message: string): number {
    process.stderr.write(`${message}\n\n${USAGE}\n`);
    return 2;
}

function readJson(file: string, what: string): unknown {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    } catch (e) {
        throw new Error(`cannot read ${what} ${file}: ${(e as Error).message}`);
    }
}

export function main(argv: string[]): number {
    const files: string[] = [];
    let configFile: string | undefined;
    let json = false;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--config") configFile = argv[++i] ?? "";
        else if (argv[i] === "--json") json = true;
        else if (argv[i] === "-h" || argv[i] === "--help")
            return (process.stdout.write(`${USAGE}\n`), 0);
        else if (argv[i].startsWith("-")) return fail(`unknown option ${argv[i]}`);
        else files.push(argv[i]);
    }
    if (files.length !== 1) return fail(`expected one plan file, got ${files.length}`);
    if (configFile === "") return fail("--config needs a file");
    try {
        const plan = readJson(files[0], "plan") as { resources?: PlanResource[] } | null;
        const config = configFile ? readJson(configFile, "policy config") : {};
        // The evaluator checks the config and the plan first, naming the files.
        const evaluation = evaluatePolicies(
            policies,
            plan?.resources as PlanResource[],
            config as PolicyConfig,
            { plan: files[0], config: configFile },
        );
        process.stdout.write(
            json
                ? `${JSON.stringify(evaluation, null, 2)}\n`
                : `${renderFindings(evaluation, policies.length)}\n`,
        );
        return mandatoryViolations(evaluation).length > 0 ? 1 : 0;
    } catch (e) {
        const lines =
            e instanceof PolicyConfigError || e instanceof MalformedPlanError
                ? e.problems
                : [(e as Error).message];
        process.stderr.write(lines.map((line) => `policy:check: ${line}\n`).join(""));
        return 2;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
