import { expect } from "chai";
import { setupRunnerPolicy } from "../taskSettings";
import { type Dependencies, runSetup, type SetupEvent } from "./handler";
import { setupStartedBy } from "./setupRunner";

const EVENT: SetupEvent = {
    cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/app",
    taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/app-setup:3",
    containerName: "setup",
    startedBy: "redcap-setup-0123456789abcdef01234567",
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
    startedBy: string;
    lastStatus: string;
    overrides?: { containerOverrides: { name: string; command?: string[] }[] };
    containers: { name: string; exitCode?: number }[];
    createdAt?: Date;
    stoppedAt?: Date;
}

/** A task this runner started earlier, for `command` (default `setup`) and EVENT's definition and values. */
const earlier = (
    arn: string,
    more: Partial<FakeTask> & { exitCode?: number; command?: string[] | null } = {},
): FakeTask => {
    const { exitCode, command = ["setup"], ...rest } = more;
    return {
        taskArn: arn,
        taskDefinitionArn: EVENT.taskDefinition,
        startedBy: EVENT.startedBy!,
        lastStatus: "RUNNING",
        ...(command ? { overrides: { containerOverrides: [{ name: "setup", command }] } } : {}),
        containers: [{ name: "setup", exitCode }],
        ...rest,
    };
};

/** Stopped `minutesAgo` minutes before now, with `exitCode`. */
const stopped = (minutesAgo: number, exitCode: number) => ({
    lastStatus: "STOPPED",
    exitCode,
    stoppedAt: new Date(Date.UTC(2026, 0, 1, 12, 0) - minutesAgo * 60000),
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
            startedBy: EVENT.startedBy,
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
                // Two pages: another step, an older definition and another deploy's values first,
                // the match on the second page.
                running: [
                    earlier("arn:task/finish", { command: ["finish"] }),
                    earlier("arn:task/old", { taskDefinitionArn: `${EVENT.taskDefinition}-old` }),
                    earlier("arn:task/other-values", { startedBy: "redcap-setup-ffff" }),
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
        // ListTasks takes startedBy only as its sole filter: the family and status filter, the
        // handler compares startedBy.
        expect(sent[0].input).to.deep.equal({
            cluster: EVENT.cluster,
            family: "app-setup",
            desiredStatus: "RUNNING",
        });
        // Two pages of running tasks, then the stopped ones (a stopping task counts as running).
        expect(
            sent.filter((c) => c.kind === "list").map((c) => c.input.desiredStatus),
        ).to.deep.equal(["RUNNING", "RUNNING", "STOPPED"]);
        expect(sent.at(-1)!.input.tasks).to.deep.equal(["arn:task/upgrading"]);
        expect(logged.join("\n")).to.include("arn:task/upgrading already runs this step");
    });

    it("reports the step done when the task the last attempt gave up on has since exited 0", async () => {
        const { deps, sent } = fakeEcs([], undefined, {
            stopped: [
                earlier("arn:task/earlier-failed", stopped(50, 1)),
                earlier("arn:task/long-upgrade", stopped(5, 0)),
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

    it("waits for a task told to stop that has not stopped yet, instead of starting a second upgrade", async () => {
        const { deps, sent } = fakeEcs([{ lastStatus: "STOPPED", exitCode: 0 }], undefined, {
            stopped: [earlier("arn:task/stopping", { lastStatus: "DEACTIVATING" })],
        });
        expect((await runSetup(SETUP, deps)).outcome).to.equal("adopted");
        expect(ran(sent)).to.deep.equal([]);
    });

    it("runs the step again when the latest such task failed, ran another step, or ran with other values", async () => {
        const stoppedBefore = {
            "the latest failed": [
                earlier("arn:task/done", stopped(30, 0)),
                earlier("arn:task/failed", stopped(10, 2)),
            ],
            "another step": [earlier("arn:task/finish", { ...stopped(5, 0), command: ["finish"] })],
            "no step": [earlier("arn:task/plain", { ...stopped(5, 0), command: null })],
            "another definition": [
                earlier("arn:task/old", {
                    ...stopped(5, 0),
                    taskDefinitionArn: `${EVENT.taskDefinition}-old`,
                }),
            ],
            // Same definition and step, but before a value that re-runs setup changed (a rotated
            // key): that run did not see the new value.
            "other values": [
                earlier("arn:task/before-rotation", {
                    ...stopped(5, 0),
                    startedBy: "redcap-setup-0",
                }),
            ],
        };
        for (const [why, tasks] of Object.entries(stoppedBefore)) {
            const { deps, sent } = fakeEcs([{ lastStatus: "STOPPED", exitCode: 0 }], undefined, {
                stopped: tasks,
            });
            expect((await runSetup(SETUP, deps)).outcome, why).to.equal("started");
            expect(ran(sent), why).to.have.length(1);
            expect(ran(sent)[0].input.startedBy, why).to.equal(EVENT.startedBy);
        }
    });

    it("marks tasks of an event without startedBy as before, and refuses a task definition that is not a revision ARN", async () => {
        const { startedBy: _none, ...legacy } = EVENT;
        const { deps, sent } = fakeEcs([{ lastStatus: "STOPPED", exitCode: 0 }]);
        await runSetup(legacy, deps);
        expect(ran(sent)[0].input.startedBy).to.equal("pulumi-redcap-setup");
        expect(
            await failure(runSetup({ ...EVENT, taskDefinition: "app-setup" }, fakeEcs([]).deps)),
        ).to.include("app-setup is not a task definition revision ARN");
    });
});

describe("the setup tasks' startedBy", () => {
    const values = {
        taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/app-setup:3",
        s3AccessKeyVersion: "v1",
    };

    it("is the same for the same values in any order, and differs when any value changes", () => {
        const mark = setupStartedBy(values);
        expect(mark).to.match(/^redcap-setup-[0-9a-f]{24}$/);
        expect(
            setupStartedBy({ s3AccessKeyVersion: "v1", taskDefinition: values.taskDefinition }),
        ).to.equal(mark);
        expect(setupStartedBy({ ...values, s3AccessKeyVersion: "v2" })).not.to.equal(mark);
        expect(
            setupStartedBy({ ...values, taskDefinition: `${values.taskDefinition}0` }),
        ).not.to.equal(mark);
        // ECS: at most 128 letters, digits, hyphens and underscores.
        expect(mark.length).to.be.at.most(128);
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
