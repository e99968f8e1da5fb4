import { expect } from "chai";
import { setupRunnerPolicy } from "../taskSettings";
import { type Dependencies, runSetup, type SetupEvent } from "./handler";

const EVENT: SetupEvent = {
    cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/app",
    taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/app-setup:3",
    containerName: "setup",
    subnets: ["subnet-a"],
    securityGroups: ["sg-1"],
};

class Command {
    constructor(
        public readonly kind: string,
        public readonly input: Record<string, unknown>,
    ) {}
}

interface FakeTask {
    taskArn: string;
    taskDefinitionArn: string;
    lastStatus: string;
    overrides?: { containerOverrides: { name: string; command?: string[] }[] };
    containers: { name: string; exitCode?: number }[];
    createdAt?: Date;
    stoppedAt?: Date;
}

/** A task this runner started earlier, for `command` (default `setup`) and EVENT's definition. */
const earlier = (
    arn: string,
    more: Partial<FakeTask> & { exitCode?: number; command?: string[] | null } = {},
): FakeTask => {
    const { exitCode, command = ["setup"], ...rest } = more;
    return {
        taskArn: arn,
        taskDefinitionArn: EVENT.taskDefinition,
        lastStatus: "RUNNING",
        ...(command ? { overrides: { containerOverrides: [{ name: "setup", command }] } } : {}),
        containers: [{ name: "setup", exitCode }],
        ...rest,
    };
};

/** Stopped `minutes` after it was created (the fake's deadline is 1 minute). */
const stoppedAfter = (minutes: number, exitCode: number) => ({
    lastStatus: "STOPPED",
    exitCode,
    createdAt: new Date(Date.UTC(2026, 0, 1, 10, 0)),
    stoppedAt: new Date(Date.UTC(2026, 0, 1, 10, 0) + minutes * 60000),
});

/**
 * A fake ECS: ListTasks shows `running` and `stopped` (earlier tasks, two a page), RunTask starts
 * arn:task/1, and DescribeTasks of a single task reports `states` in turn (one per call).
 */
function fakeEcs(
    states: { lastStatus: string; exitCode?: number; stoppedReason?: string }[],
    startFailure?: string,
    earlierTasks: { running?: FakeTask[]; stopped?: FakeTask[] } = {},
) {
    const sent: Command[] = [];
    const logged: string[] = [];
    const all = [...(earlierTasks.running ?? []), ...(earlierTasks.stopped ?? [])];
    let clock = 0;
    const deps: Dependencies = {
        ecs: {
            send: (command) => {
                const c = command as Command;
                sent.push(c);
                if (c.kind === "run") {
                    return Promise.resolve(
                        startFailure
                            ? { tasks: [], failures: [{ reason: startFailure }] }
                            : { tasks: [{ taskArn: "arn:task/1" }] },
                    );
                }
                if (c.kind === "list") {
                    const tasks =
                        (c.input.desiredStatus === "RUNNING"
                            ? earlierTasks.running
                            : earlierTasks.stopped) ?? [];
                    const from = Number(c.input.nextToken ?? 0);
                    return Promise.resolve({
                        taskArns: tasks.slice(from, from + 2).map((t) => t.taskArn),
                        ...(from + 2 < tasks.length ? { nextToken: String(from + 2) } : {}),
                    });
                }
                // Describing what was just listed (the handler's watch of a task comes later).
                if (sent.at(-2)?.kind === "list") {
                    const arns = c.input.tasks as string[];
                    return Promise.resolve({ tasks: all.filter((t) => arns.includes(t.taskArn)) });
                }
                const state = states.shift() ?? { lastStatus: "RUNNING" };
                return Promise.resolve({
                    tasks: [
                        {
                            lastStatus: state.lastStatus,
                            stoppedReason: state.stoppedReason,
                            containers: [{ name: "setup", exitCode: state.exitCode }],
                        },
                    ],
                });
            },
        },
        commands: {
            RunTaskCommand: class extends Command {
                constructor(input: object) {
                    super("run", input as Record<string, unknown>);
                }
            },
            DescribeTasksCommand: class extends Command {
                constructor(input: object) {
                    super("describe", input as Record<string, unknown>);
                }
            },
            ListTasksCommand: class extends Command {
                constructor(input: object) {
                    super("list", input as Record<string, unknown>);
                }
            },
        },
        sleep: (ms) => {
            clock += ms;
            return Promise.resolve();
        },
        now: () => clock,
        deadlineMs: 60000,
        pollMs: 10000,
        log: (message) => logged.push(message),
    };
    return { deps, sent, logged };
}

const ran = (sent: Command[]) => sent.filter((c) => c.kind === "run");

const failure = async (promise: Promise<unknown>) => {
    try {
        await promise;
    } catch (e) {
        return String(e);
    }
    throw new Error("expected a failure");
};

describe("the setup runner Lambda", () => {
    it("starts the setup task privately on Fargate and succeeds when it exits 0", async () => {
        const { deps, sent } = fakeEcs([
            { lastStatus: "PROVISIONING" },
            { lastStatus: "RUNNING" },
            { lastStatus: "STOPPED", exitCode: 0 },
        ]);
        expect(await runSetup(EVENT, deps)).to.deep.equal({
            taskArn: "arn:task/1",
            exitCode: 0,
            outcome: "started",
        });
        expect(ran(sent)).to.have.length(1);
        expect(ran(sent)[0].input).to.deep.include({
            launchType: "FARGATE",
            taskDefinition: EVENT.taskDefinition,
        });
        expect(
            (ran(sent)[0].input.networkConfiguration as any).awsvpcConfiguration.assignPublicIp,
        ).to.equal("DISABLED");
        expect(sent.filter((c) => c.kind === "describe")).to.have.length(3);
        // No step given: the task's own command runs.
        expect(ran(sent)[0].input).not.to.have.property("overrides");
    });

    it("runs the step the event names in the setup container", async () => {
        const { deps, sent } = fakeEcs([{ lastStatus: "STOPPED", exitCode: 0 }]);
        await runSetup({ ...EVENT, command: ["finish"] }, deps);
        expect(ran(sent)[0].input.overrides).to.deep.equal({
            containerOverrides: [{ name: "setup", command: ["finish"] }],
        });
    });

    it("fails the deploy when the task exits non-zero, cannot start, or outlives the deadline", async () => {
        expect(
            await failure(
                runSetup(
                    EVENT,
                    fakeEcs([
                        {
                            lastStatus: "STOPPED",
                            exitCode: 1,
                            stoppedReason: "Essential container exited",
                        },
                    ]).deps,
                ),
            ),
        ).to.include("stopped (Essential container exited) with exit code 1");
        expect(await failure(runSetup(EVENT, fakeEcs([], "RESOURCE:ENI").deps))).to.include(
            "setup task did not start: RESOURCE:ENI",
        );
        expect(await failure(runSetup(EVENT, fakeEcs([]).deps))).to.include(
            "still running after 1 minutes",
        );
    });

    const SETUP = { ...EVENT, command: ["setup"] };

    it("at the deadline, says the task keeps running and the next pulumi up waits for it", async () => {
        const message = await failure(runSetup(SETUP, fakeEcs([]).deps));
        expect(message).to.include("setup task arn:task/1 still running after 1 minutes");
        expect(message).to.include("The task keeps running");
        expect(message).to.include("again waits for this same task instead of starting another");
        expect(message).to.include("streams setup/");
    });

    it("waits for a setup task already running the same step instead of starting another", async () => {
        const { deps, sent, logged } = fakeEcs(
            [{ lastStatus: "STOPPED", exitCode: 0 }],
            undefined,
            {
                // Two pages: other steps and an older definition first, the match on the second page.
                running: [
                    earlier("arn:task/finish", { command: ["finish"] }),
                    earlier("arn:task/old", { taskDefinitionArn: `${EVENT.taskDefinition}-old` }),
                    earlier("arn:task/upgrading"),
                ],
            },
        );
        expect(await runSetup(SETUP, deps)).to.deep.equal({
            taskArn: "arn:task/upgrading",
            exitCode: 0,
            outcome: "adopted",
        });
        expect(ran(sent)).to.deep.equal([]);
        expect(sent[0].input).to.deep.include({
            cluster: EVENT.cluster,
            startedBy: "pulumi-redcap-setup",
            desiredStatus: "RUNNING",
        });
        expect(sent.filter((c) => c.kind === "list")).to.have.length(2);
        expect(sent.at(-1)!.input.tasks).to.deep.equal(["arn:task/upgrading"]);
        expect(logged.join("\n")).to.include("arn:task/upgrading already runs this step");
    });

    it("reports the step done when the task the last deploy gave up on has since exited 0", async () => {
        const { deps, sent } = fakeEcs([], undefined, {
            stopped: [
                earlier("arn:task/earlier-failed", stoppedAfter(10, 1)),
                earlier("arn:task/long-upgrade", stoppedAfter(40, 0)),
            ],
        });
        expect(await runSetup(SETUP, deps)).to.deep.equal({
            taskArn: "arn:task/long-upgrade",
            exitCode: 0,
            outcome: "already done",
        });
        expect(ran(sent)).to.deep.equal([]);
        expect(
            sent.filter((c) => c.kind === "list").map((c) => c.input.desiredStatus),
        ).to.deep.equal(["RUNNING", "STOPPED"]);
    });

    it("runs the step again when the last such task failed, ran another step or was reported already", async () => {
        const stoppedBefore = {
            "failed after the deadline": [
                earlier("arn:task/done", stoppedAfter(30, 0)),
                earlier("arn:task/failed", stoppedAfter(45, 2)),
            ],
            "another step": [
                earlier("arn:task/finish", { ...stoppedAfter(40, 0), command: ["finish"] }),
            ],
            "no step": [earlier("arn:task/plain", { ...stoppedAfter(40, 0), command: null })],
            "another definition": [
                earlier("arn:task/old", {
                    ...stoppedAfter(40, 0),
                    taskDefinitionArn: `${EVENT.taskDefinition}-old`,
                }),
            ],
            // Within the deadline: its own invocation succeeded, so this one has a new reason (a
            // rotated key) to run setup.
            "quick, reported by its own run": [earlier("arn:task/quick", stoppedAfter(0.5, 0))],
        };
        for (const [why, stopped] of Object.entries(stoppedBefore)) {
            const { deps, sent } = fakeEcs([{ lastStatus: "STOPPED", exitCode: 0 }], undefined, {
                stopped,
            });
            expect((await runSetup(SETUP, deps)).outcome, why).to.equal("started");
            expect(ran(sent), why).to.have.length(1);
        }
    });
});

describe("the setup runner's policy", () => {
    const policy = setupRunnerPolicy({
        clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/app",
        clusterName: "app",
        setupFamily: "app-setup",
        taskRoleArns: ["arn:aws:iam::123456789012:role/app-setup-execution"],
        logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/app-setup",
    });

    it("lists tasks only in its cluster (ListTasks is authorized on container instances, none on Fargate)", () => {
        expect(policy.Statement.find((s) => s.Sid === "FindEarlierSetupTasks")).to.deep.equal({
            Sid: "FindEarlierSetupTasks",
            Effect: "Allow",
            Action: ["ecs:ListTasks"],
            Resource: "*",
            Condition: {
                ArnEquals: { "ecs:cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/app" },
            },
        });
        // Nothing else is granted on every resource.
        expect(policy.Statement.filter((s) => s.Resource === "*")).to.have.length(1);
    });
});
