// @ts-check
"use strict";
/**
 * Runs REDCap's one-off setup task and waits for it, so `pulumi up` rolls the web service out
 * only after the database is installed, configured and upgraded, and brings REDCap back online
 * after the roll-out (the event's `command`: `setup` or `finish`). Invoked by
 * aws.lambda.Invocations whenever the setup task definition changes (a new image or new
 * settings). Fails, failing the deploy, when the task cannot start, stops with a non-zero exit
 * code or outlives the deadline.
 *
 * The Lambda may run 15 minutes; a long upgrade may not. When the deadline passes the task keeps
 * running, the deploy fails, and the next `pulumi up` invokes this again with the same event: it
 * then waits for that same task instead of starting a second one, or, if the task has since
 * exited 0, reports the step done. "The same task" is one of this step (command) whose
 * `startedBy` is the event's: a hash of every value that re-runs setup (setupRunner.ts), so a
 * changed value (a rotated key) never counts an earlier run as done.
 */

/** Tasks of events without a `startedBy` (before it existed). */
const LEGACY_STARTED_BY = "pulumi-redcap-setup";

/**
 * @typedef {{ cluster: string, taskDefinition: string, containerName: string,
 *   command?: string[], startedBy?: string, subnets: string[], securityGroups: string[] }} SetupEvent
 * @typedef {{ send(command: unknown): Promise<any> }} EcsLike
 * @typedef {new (input: any) => unknown} CommandClass
 * @typedef {{ ecs: EcsLike, commands: { RunTaskCommand: CommandClass,
 *   DescribeTasksCommand: CommandClass, ListTasksCommand: CommandClass },
 *   sleep(ms: number): Promise<void>, now(): number, deadlineMs: number, pollMs: number,
 *   log?(message: string): void }} Dependencies
 * @typedef {{ taskArn: string, taskDefinitionArn?: string, startedBy?: string,
 *   lastStatus?: string, stoppedReason?: string, stoppedAt?: Date | number | string,
 *   overrides?: { containerOverrides?: { name?: string, command?: string[] }[] },
 *   containers?: { name: string, exitCode?: number }[] }} EcsTask
 */

/** @param {SetupEvent} event */
const startedByOf = (event) => event.startedBy || LEGACY_STARTED_BY;

/**
 * The task definition's family: `arn:<partition>:ecs:<region>:<account>:task-definition/<family>:<revision>`.
 * @param {string} taskDefinitionArn
 */
function familyOf(taskDefinitionArn) {
    const match = /:task-definition\/([A-Za-z0-9_-]+):\d+$/.exec(taskDefinitionArn);
    if (!match) {
        throw new Error(`setup event: ${taskDefinitionArn} is not a task definition revision ARN`);
    }
    return match[1];
}

/**
 * The setup family's tasks with the given desired status, described. ListTasks filters on family
 * and desired status; it would not combine `startedBy` with another filter ("When you specify
 * startedBy as the filter, it must be the only filter that you use", ECS API reference), so
 * `startedBy` is compared here.
 * @param {SetupEvent} event
 * @param {Dependencies} deps
 * @param {"RUNNING" | "STOPPED"} desiredStatus
 * @returns {Promise<EcsTask[]>}
 */
async function listSetupTasks(event, deps, desiredStatus) {
    /** @type {string[]} */
    const arns = [];
    /** @type {string | undefined} */
    let nextToken;
    do {
        const page = await deps.ecs.send(
            new deps.commands.ListTasksCommand({
                cluster: event.cluster,
                family: familyOf(event.taskDefinition),
                desiredStatus,
                ...(nextToken ? { nextToken } : {}),
            }),
        );
        arns.push(...(page.taskArns || []));
        nextToken = page.nextToken;
    } while (nextToken);
    /** @type {EcsTask[]} */
    const tasks = [];
    // DescribeTasks takes at most 100 tasks a call.
    for (let i = 0; i < arns.length; i += 100) {
        const described = await deps.ecs.send(
            new deps.commands.DescribeTasksCommand({
                cluster: event.cluster,
                tasks: arns.slice(i, i + 100),
            }),
        );
        tasks.push(...(described.tasks || []));
    }
    return tasks.filter((t) => t.startedBy === startedByOf(event));
}

/**
 * Whether a task runs this event's step: the same task definition revision and the same command
 * override of the setup container (none when the event names no step).
 * @param {EcsTask} task
 * @param {SetupEvent} event
 */
function sameStep(task, event) {
    if (task.taskDefinitionArn !== event.taskDefinition) return false;
    const override = ((task.overrides && task.overrides.containerOverrides) || []).find(
        (o) => o.name === event.containerName,
    );
    return (
        JSON.stringify((override && override.command) || null) ===
        JSON.stringify(event.command || null)
    );
}

/** @param {Date | number | string | undefined} t */
const millis = (t) => (t === undefined ? NaN : new Date(t).getTime());

/**
 * @param {EcsTask} task
 * @param {SetupEvent} event
 */
function exitCodeOf(task, event) {
    const container = (task.containers || []).find((c) => c.name === event.containerName);
    return container ? container.exitCode : undefined;
}

/**
 * @param {SetupEvent} event
 * @param {Dependencies} deps
 * @returns {Promise<{ taskArn: string, exitCode: number, outcome: string }>}
 */
async function runSetup(event, deps) {
    const log = deps.log || (() => {});
    const running = (await listSetupTasks(event, deps, "RUNNING")).filter((t) =>
        sameStep(t, event),
    );
    // ECS still shows a task for a while after it stops: "Recently stopped tasks might appear"
    // (API_ListTasks), "stopped tasks appear in the returned results for at least one hour"
    // (API_DescribeTasks; docs.aws.amazon.com/AmazonECS/latest/APIReference/). So a task the last
    // attempt gave up on is still found if it stopped within about an hour.
    const stopping = (await listSetupTasks(event, deps, "STOPPED")).filter((t) =>
        sameStep(t, event),
    );
    // Told to stop but not stopped yet counts as running: its container may still be upgrading.
    const live = [...running, ...stopping.filter((t) => t.lastStatus !== "STOPPED")][0];
    if (live) {
        log(`setup task ${live.taskArn} already runs this step: waiting for it`);
        return waitFor(live.taskArn, "adopted", event, deps);
    }
    const latestStopped = stopping
        .filter((t) => t.lastStatus === "STOPPED" && Number.isFinite(millis(t.stoppedAt)))
        .sort((a, b) => millis(b.stoppedAt) - millis(a.stoppedAt))[0];
    if (latestStopped && exitCodeOf(latestStopped, event) === 0) {
        log(`setup task ${latestStopped.taskArn} already ran this step and exited 0: done`);
        return { taskArn: latestStopped.taskArn, exitCode: 0, outcome: "already done" };
    }
    const started = await deps.ecs.send(
        new deps.commands.RunTaskCommand({
            cluster: event.cluster,
            taskDefinition: event.taskDefinition,
            launchType: "FARGATE",
            count: 1,
            startedBy: startedByOf(event),
            // The step to run (redcap-setup.php's mode), instead of the task's own command.
            ...(event.command
                ? {
                      overrides: {
                          containerOverrides: [
                              { name: event.containerName, command: event.command },
                          ],
                      },
                  }
                : {}),
            networkConfiguration: {
                awsvpcConfiguration: {
                    subnets: event.subnets,
                    securityGroups: event.securityGroups,
                    assignPublicIp: "DISABLED",
                },
            },
        }),
    );
    const task = started.tasks && started.tasks[0];
    if (!task) {
        const reasons = (started.failures || [])
            .map((/** @type {{reason?: string}} */ f) => f.reason)
            .join(", ");
        throw new Error(`setup task did not start: ${reasons || "no reason given"}`);
    }
    return waitFor(task.taskArn, "started", event, deps);
}

/**
 * Waits until the task stops, up to the deadline.
 * @param {string} taskArn
 * @param {string} outcome
 * @param {SetupEvent} event
 * @param {Dependencies} deps
 */
async function waitFor(taskArn, outcome, event, deps) {
    const deadline = deps.now() + deps.deadlineMs;
    for (;;) {
        const described = await deps.ecs.send(
            new deps.commands.DescribeTasksCommand({ cluster: event.cluster, tasks: [taskArn] }),
        );
        /** @type {EcsTask | undefined} */
        const current = described.tasks && described.tasks[0];
        if (current && current.lastStatus === "STOPPED") {
            const exitCode = exitCodeOf(current, event);
            if (exitCode === 0) {
                return { taskArn, exitCode, outcome };
            }
            throw new Error(
                `setup task ${taskArn} stopped (${current.stoppedReason || "no reason"}) with exit code ${exitCode}; see its logs`,
            );
        }
        if (deps.now() > deadline) {
            throw new Error(
                `setup task ${taskArn} still running after ${deps.deadlineMs / 60000} minutes, ` +
                    "longer than this Lambda may wait. The task keeps running; running `pulumi up` " +
                    "again waits for this same task instead of starting another. Its output: the app log group, " +
                    "streams setup/… (docs/runbooks/redcap-install-and-upgrade.md)",
            );
        }
        await deps.sleep(deps.pollMs);
    }
}

/** @param {SetupEvent} event */
async function handler(event) {
    const {
        ECSClient,
        RunTaskCommand,
        DescribeTasksCommand,
        ListTasksCommand,
    } = require("@aws-sdk/client-ecs");
    return runSetup(event, {
        ecs: new ECSClient({}),
        commands: { RunTaskCommand, DescribeTasksCommand, ListTasksCommand },
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        now: () => Date.now(),
        deadlineMs: 13 * 60 * 1000, // the Lambda itself may run 15 minutes
        pollMs: 10000,
        log: (message) => console.log(message),
    });
}

module.exports = { runSetup, handler };
