import * as fs from "node:fs";
import * as path from "node:path";
import { parseCommandLine } from "../commandLine";
import { reportPlanFailure } from "./command";
import { planAnyStack } from "./planStack";
import { renderPlan } from "./render";
import { StackFileError } from "./stackFile";
import { policies } from "../../policy-pack/registry";
import {
    evaluatePolicies,
    mandatoryViolations,
    PolicyConfigError,
} from "../../policy-pack/evaluate/evaluate";
import type { PolicyConfig } from "../../policy-pack/evaluate/policyConfig";
import { renderFindings } from "../../policy-pack/evaluate/report";

const USAGE = `usage: npm run synth -- <stack> [--json [file|-]] [--stack-file <path>]
                      [--config-values <file.json>] [--policy-config <file.json>] [--allow-violations]

Plans a stack offline from Pulumi.<stack>.yaml: validates the configuration, runs the program
under Pulumi's mock runtime (no AWS credentials, no network), prints what it would create and
what the HIPAA policy pack says about it.
  --json [file]               also write the machine-readable plan to file (to stdout when file is - or absent)
  --stack-file <path>         read the stack's config from this file instead of Pulumi.<stack>.yaml
  --config-values <file>      lay resolved values over the stack file's config: the JSON that
                              \`pulumi config --show-secrets --json\` or \`esc env open <env>\` prints
                              (for stacks whose values come from Pulumi ESC); secrets stay secret
  --policy-config <file>      the policy pack's config, as \`npm run policy:check -- --config\` takes it
  --allow-violations          exit 0 even when a mandatory policy is violated (to explore)
Exit status: 0 planned and compliant, 1 a mandatory policy violation (or another failure),
2 a bad stack file, configuration or usage.`;

interface CliArgs {
    stack: string;
    json?: string;
    stackFile?: string;
    configValues?: string;
    policyConfig?: string;
    allowViolations: boolean;
}

function parseArgs(argv: string[]): CliArgs | string {
    const parsed = parseCommandLine(
        argv,
        {
            json: { type: "string", optionalValue: "-" },
            "stack-file": { type: "string" },
            "config-values": { type: "string" },
            "policy-config": { type: "string" },
            "allow-violations": { type: "boolean" },
        },
        USAGE,
    );
    if (typeof parsed === "string") return parsed;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) {
        return `expected exactly one stack name, got ${positionals.length}\n\n${USAGE}`;
    }
    return {
        stack: positionals[0],
        json: values.json,
        stackFile: values["stack-file"],
        configValues: values["config-values"],
        policyConfig: values["policy-config"],
        allowViolations: values["allow-violations"] ?? false,
    };
}

function readPolicyConfig(file: string | undefined): PolicyConfig {
    if (!file) {
        return {};
    }
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as PolicyConfig;
    } catch (e) {
        throw new StackFileError(file, [`not a JSON policy config: ${(e as Error).message}`]);
    }
}

/** `npm run synth`: the exit status; what it prints goes to stdout and stderr. */
export async function main(argv: string[]): Promise<number> {
    const args = parseArgs(argv);
    if (typeof args === "string") {
        process.stderr.write(`${args}\n`);
        return args === USAGE ? 0 : 2;
    }
    try {
        const policyConfig = readPolicyConfig(args.policyConfig);
        const { plan } = await planAnyStack(args.stack, {
            stackFile: args.stackFile,
            configValues: args.configValues,
        });
        // What `pulumi preview --policy-pack policy-pack` would say about this plan.
        const evaluation = evaluatePolicies(policies, plan.resources, policyConfig, {
            config: args.policyConfig,
        });
        const findings = renderFindings(evaluation, policies.length);
        const violations = mandatoryViolations(evaluation).length;
        const json = `${JSON.stringify(plan, null, 2)}\n`;
        if (args.json === "-") {
            process.stdout.write(json);
            if (violations > 0) {
                process.stderr.write(`${findings}\n`);
            }
        } else {
            process.stdout.write(`${renderPlan(plan)}\n\n${findings}\n`);
            if (args.json) {
                fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
                fs.writeFileSync(args.json, json);
                process.stdout.write(`\nWrote the plan to ${args.json}\n`);
            }
        }
        if (violations === 0) {
            return 0;
        }
        process.stderr.write(
            `\n${violations} mandatory policy violation(s): pulumi preview --policy-pack policy-pack ` +
                `would refuse this stack. ${args.allowViolations ? "Allowed by --allow-violations." : "Fix them, or pass --allow-violations to explore."}\n`,
        );
        return args.allowViolations ? 0 : 1;
    } catch (e) {
        if (e instanceof PolicyConfigError) {
            process.stderr.write(e.problems.map((p) => `synth: ${p}\n`).join(""));
            return 2;
        }
        const file = args.stackFile ?? `Pulumi.${args.stack}.yaml`;
        return reportPlanFailure("synth", e, file, "Nothing was planned.");
    }
}
