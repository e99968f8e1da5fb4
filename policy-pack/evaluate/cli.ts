import * as fs from "node:fs";
import { policies } from "../registry";
import { evaluatePolicies, mandatoryViolations } from "./evaluate";
import { policyConfigProblems, type PolicyConfig } from "./policyConfig";
import { renderFindings } from "./report";
import { planProblems, planResources } from "./planShape";

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
        const plan = readJson(files[0], "plan");
        const malformed = planProblems(plan, files[0]);
        if (malformed.length > 0) {
            process.stderr.write(malformed.map((p) => `policy:check: ${p}\n`).join(""));
            return 2;
        }
        const config = configFile ? readJson(configFile, "policy config") : {};
        const problems = policyConfigProblems(config, policies, configFile);
        if (problems.length > 0) {
            process.stderr.write(problems.map((p) => `policy:check: ${p}\n`).join(""));
            return 2;
        }
        const evaluation = evaluatePolicies(policies, planResources(plan), config as PolicyConfig);
        process.stdout.write(
            json
                ? `${JSON.stringify(evaluation, null, 2)}\n`
                : `${renderFindings(evaluation, policies.length)}\n`,
        );
        return mandatoryViolations(evaluation).length > 0 ? 1 : 0;
    } catch (e) {
        process.stderr.write(`policy:check: ${(e as Error).message}\n`);
        return 2;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
