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
 * running, the deploy fails, and the next `pulumi up` invokes this again: it then waits for that
 * same task (found by task definition and command) instead of starting a second one, or, if the
 * task has since exited 0, reports the step done.
 */

/** How the runner marks its tasks (ListTasks filters on it). */
const STARTED_BY = "pulumi-redcap-setup";

/**
 * @typedef {{ cluster: string, taskDefinition: string, containerName: string,
 *   command?: string[], subnets: string[], securityGroups: string[] }} SetupEvent
 * @typedef {{ send(command: unknown): Promise<any> }} EcsLike
 * @typedef {new (input: any) => unknown} CommandClass
 * @typedef {{ ecs: EcsLike, commands: { RunTaskCommand: CommandClass,
 *   DescribeTasksCommand: CommandClass, ListTasksCommand: CommandClass },
 *   sleep(ms: number): Promise<void>, now(): number, deadlineMs: number, pollMs: number,
 *   log?(message: string): void }} Dependencies
 * @typedef {{ taskArn: string, taskDefinitionArn?: string, lastStatus?: string,
 *   stoppedReason?: string, createdAt?: Date | number | string, stoppedAt?: Date | number | string,
 *   overrides?: { containerOverrides?: { name?: string, command?: string[] }[] },
 *   containers?: { name: string, exitCode?: number }[] }} EcsTask
 */

/**
 * The setup tasks this runner started (any step, any task definition) with the given desired
 * status, described.
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
                startedBy: STARTED_BY,
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
    return tasks;
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
    const running = (await listSetupTasks(event, deps, "RUNNING")).find((t) => sameStep(t, event));
    if (running) {
        log(`setup task ${running.taskArn} already runs this step: waiting for it`);
        return waitFor(running.taskArn, "adopted", event, deps);
    }
    // ECS still shows a task for a while after it stops: "Recently stopped tasks might appear"
    // (API_ListTasks), "stopped tasks appear in the returned results for at least one hour"
    // (API_DescribeTasks; docs.aws.amazon.com/AmazonECS/latest/APIReference/). So a task the last
    // deploy gave up on is still found if it stopped within about an hour.
    // Only the latest counts, and only if it outlived the deadline: a quicker one was reported by
    // its own invocation, so being invoked again means a trigger changed (e.g. a rotated key).
    const latestStopped = (await listSetupTasks(event, deps, "STOPPED"))
        .filter((t) => sameStep(t, event))
        .sort((a, b) => millis(b.stoppedAt) - millis(a.stoppedAt))[0];
    if (
        latestStopped &&
        exitCodeOf(latestStopped, event) === 0 &&
        millis(latestStopped.stoppedAt) - millis(latestStopped.createdAt) > deps.deadlineMs
    ) {
        log(`setup task ${latestStopped.taskArn} already ran this step and exited 0: done`);
        return { taskArn: latestStopped.taskArn, exitCode: 0, outcome: "already done" };
    }
    const started = await deps.ecs.send(
        new deps.commands.RunTaskCommand({
            cluster: event.cluster,
            taskDefinition: event.taskDefinition,
            launchType: "FARGATE",
            count: 1,
            startedBy: STARTED_BY,
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
