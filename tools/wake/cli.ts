import { execFileSync } from "node:child_process";
import { safeText } from "../../stacks";
import { stackNamePrefix } from "../../stacks/namePrefix";
import { parseCommandLine } from "../commandLine";
import { commandStack, runPlanCommand } from "../synth/command";
import { PROJECT_DIR } from "../synth/planStack";
import { createClients, type WakeClients, WakeError, wakeStack } from "./wake";

const USAGE = `usage: npm run wake -- <stack> [--config-values <file>] [--cluster <name>] [--no-wait]

Wakes a stack that sleeps outside its awake hours (redcap:sleep) now: raises its ECS services to
their daytime task counts, waits (at most 10 minutes) until they are stable, then lets its alarms
page again. It sleeps again at the next scheduled sleep.
  --cluster   the stack's ECS cluster (default: \`pulumi stack output ecsCluster\`)
  --no-wait   do not wait: the alarms page again at the next scheduled resume
Exit 1 when AWS refuses a call or the services do not become stable, 2 on a bad command line or a
stack without a sleep schedule.`;

/** The stack's cluster, from the stack's outputs (the cluster's name is auto-named). */
function pulumiOutput(stack: string, name: string): string {
    return execFileSync("pulumi", ["stack", "output", name, "--stack", stack], {
        cwd: PROJECT_DIR,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    }).trim();
}

export interface WakeDeps {
    readOutput: (stack: string, name: string) => string;
    clients: (region: string, profile?: string) => WakeClients;
    out: (text: string) => void;
    err: (text: string) => void;
    /** For tests: shorter polls than the ECS waiter's. */
    wait?: { maxWaitSeconds: number; minDelaySeconds: number };
}

const DEFAULT_DEPS: WakeDeps = {
    readOutput: pulumiOutput,
    clients: createClients,
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
};

export async function main(argv: string[], deps: WakeDeps = DEFAULT_DEPS): Promise<number> {
    const parsed = parseCommandLine(
        argv,
        {
            "config-values": { type: "string" },
            cluster: { type: "string" },
            "no-wait": { type: "boolean" },
        },
        USAGE,
    );
    if (typeof parsed === "string") {
        deps.err(`${parsed}\n`);
        return parsed.startsWith("usage:") ? 0 : 2;
    }
    const named = commandStack("wake", parsed, USAGE, "Nothing was changed.", deps.err);
    if (typeof named === "number") {
        return named;
    }
    const { stack, config } = named;
    const sleep = config.system === "redcap" ? config.sleep : undefined;
    if (!sleep) {
        const where =
            config.system === "redcap"
                ? `redcap:sleep in Pulumi.${safeText(stack)}.yaml`
                : "only REDCap stacks have one";
        deps.err(
            `stack ${safeText(stack)} has no sleep schedule (${where}): it never sleeps, so there is nothing to wake. Nothing was changed.\n`,
        );
        return 2;
    }
    let cluster = parsed.values.cluster;
    if (cluster === "") {
        deps.err(
            "--cluster is empty; expected the name of the stack's ECS cluster (or leave --cluster out to read the stack's ecsCluster output). Nothing was changed.\n",
        );
        return 2;
    }
    if (cluster === undefined) {
        try {
            cluster = deps.readOutput(stack, "ecsCluster");
        } catch (e) {
            const error = e as { code?: string; stderr?: string; message?: string };
            const detail =
                error.code === "ENOENT"
                    ? "the pulumi CLI is not on the PATH"
                    : error.stderr || error.message || String(e);
            deps.err(
                `wake failed: pulumi stack output ecsCluster --stack ${safeText(stack)}: ${safeText(String(detail).trim().split("\n")[0], 300)}; pass --cluster <name> to skip it. Nothing was changed.\n`,
            );
            return 1;
        }
    }
    if (!cluster) {
        deps.err(
            `wake failed: stack ${safeText(stack)} has no ecsCluster output (is its app tier deployed?); pass --cluster <name>. Nothing was changed.\n`,
        );
        return 1;
    }
    const wait = parsed.values["no-wait"] !== true;
    const log = (line: string) => deps.out(`${line}\n`);
    try {
        await wakeStack(deps.clients(config.region, config.awsProfile), {
            prefix: stackNamePrefix(config),
            cluster,
            wait,
            log,
            ...deps.wait,
        });
    } catch (e) {
        if (e instanceof WakeError) {
            deps.err(`wake failed: ${e.message}\n`);
            return 1;
        }
        throw e;
    }
    if (!wait) {
        log(
            `not waiting (--no-wait): the alarm actions stay off until the next scheduled resume (${sleep.resumeAlerts}, ${sleep.timezone})`,
        );
    }
    log(
        `stack ${safeText(stack)} is ${wait ? "awake" : "waking"}; it sleeps again at the next scheduled sleep (${sleep.sleep}, ${sleep.timezone})`,
    );
    return 0;
}

if (require.main === module) {
    runPlanCommand("wake", (argv) => main(argv));
}
