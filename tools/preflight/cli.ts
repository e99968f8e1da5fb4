import { parseCommandLine } from "../commandLine";
import { commandStack, runPlanCommand } from "../synth/command";
import { createClients, inspectAccount } from "./inspect";
import { intentOf } from "./intent";
import { buildReport, exitCodeOf, renderReport } from "./report";
import { createServiceLinkedRoles, renderCreations } from "./serviceLinkedRoles";

const USAGE = `usage: npm run preflight -- <stack> [--config-values <file>] [--create-service-linked-roles]

Reads the stack's target account and region with your AWS credentials (read-only), reports for
each account-level singleton what exists and what the stack would do, and prints the config that
adopts what exists or leaves it to the organization. With --create-service-linked-roles it then
creates the missing service-linked roles (its one write: iam:CreateServiceLinkedRole) and waits
until IAM reads them back. Exit 1 when \`pulumi up\` would meet a conflict or a role could not
be created, 2 on a bad command line or stack config.`;

async function main(argv: string[]): Promise<number> {
    const parsed = parseCommandLine(
        argv,
        {
            "config-values": { type: "string" },
            "create-service-linked-roles": { type: "boolean" },
        },
        USAGE,
    );
    if (typeof parsed === "string") {
        process.stderr.write(`${parsed}\n`);
        return parsed.startsWith("usage:") ? 0 : 2;
    }
    const named = commandStack("preflight", parsed, USAGE, "Nothing was read.");
    if (typeof named === "number") {
        return named;
    }
    const { stack, config } = named;
    const clients = createClients(config.region, config.awsProfile);
    const state = await inspectAccount(clients, config.region);
    const intent = intentOf(stack, config);
    const report = buildReport(intent, state);
    process.stdout.write(`${renderReport(intent, state, report)}\n`);
    if (!parsed.values["create-service-linked-roles"]) {
        return exitCodeOf(report);
    }
    const created = await createServiceLinkedRoles(clients.iam, report.missingRoles);
    process.stdout.write(`\n${renderCreations(created)}\n`);
    return created.some((c) => c.outcome === "failed") ? 1 : exitCodeOf(report);
}

runPlanCommand("preflight", main);
