import { expect } from "chai";
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

/** A fake ECS that starts one task and reports the given states, one per DescribeTasks call. */
function fakeEcs(
    states: { lastStatus: string; exitCode?: number; stoppedReason?: string }[],
    startFailure?: string,
) {
    const sent: Command[] = [];
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
        },
        sleep: (ms) => {
            clock += ms;
            return Promise.resolve();
        },
        now: () => clock,
        deadlineMs: 60000,
        pollMs: 10000,
    };
    return { deps, sent };
}

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
        expect(await runSetup(EVENT, deps)).to.deep.equal({ taskArn: "arn:task/1", exitCode: 0 });
        expect(sent[0].input).to.deep.include({
            launchType: "FARGATE",
            taskDefinition: EVENT.taskDefinition,
        });
        expect(
            (sent[0].input.networkConfiguration as any).awsvpcConfiguration.assignPublicIp,
        ).to.equal("DISABLED");
        expect(sent.filter((c) => c.kind === "describe")).to.have.length(3);
        // No step given: the task's own command runs.
        expect(sent[0].input).not.to.have.property("overrides");
    });

    it("runs the step the event names in the setup container", async () => {
        const { deps, sent } = fakeEcs([{ lastStatus: "STOPPED", exitCode: 0 }]);
        await runSetup({ ...EVENT, command: ["finish"] }, deps);
        expect(sent[0].input.overrides).to.deep.equal({
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
});
