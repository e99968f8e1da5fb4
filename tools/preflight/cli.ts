import { parseCommandLine } from "../commandLine";
import { reportPlanFailure, runPlanCommand } from "../synth/command";
import { readStackConfigOffline } from "../synth/planStack";
import { createClients, inspectAccount } from "./inspect";
import { intentOf } from "./intent";
import { buildReport, exitCodeOf, renderReport } from "./report";

const USAGE = `usage: npm run preflight -- <stack> [--config-values <file>]

Reads the stack's target account and region with your AWS credentials (read-only), reports for
each account-level singleton what exists and what the stack would do, and prints the config that
adopts what exists or leaves it to the organization. Exit 1 when \`pulumi up\` would meet a
conflict, 2 on a bad command line or stack config.`;

async function main(argv: string[]): Promise<number> {
    const parsed = parseCommandLine(argv, { "config-values": { type: "string" } }, USAGE);
    if (typeof parsed === "string") {
        process.stderr.write(`${parsed}\n`);
        return parsed.startsWith("usage:") ? 0 : 2;
    }
    if (parsed.positionals.length !== 1) {
        process.stderr.write(`expected exactly one stack name\n\n${USAGE}\n`);
        return 2;
    }
    const stack = parsed.positionals[0];
    let config;
    try {
        config = readStackConfigOffline(stack, {
            configValues: parsed.values["config-values"],
        }).config;
    } catch (e) {
        return reportPlanFailure("preflight", e, `Pulumi.${stack}.yaml`, "Nothing was read.");
    }
    const state = await inspectAccount(
        createClients(config.region, config.awsProfile),
        config.region,
    );
    const intent = intentOf(stack, config);
    const report = buildReport(intent, state);
    process.stdout.write(`${renderReport(intent, state, report)}\n`);
    return exitCodeOf(report);
}

runPlanCommand("preflight", main);
