// @ts-check
"use strict";
/**
 * Runs REDCap's one-off setup task and waits for it, so `pulumi up` rolls the web service out
 * only after the database is installed, configured and upgraded, and brings REDCap back online
 * after the roll-out (the event's `command`: `setup` or `finish`). Invoked by
 * aws.lambda.Invocations whenever the setup task definition changes (a new image or new
 * settings). Fails, failing the deploy, when the task cannot start, stops with a non-zero exit
 * code or outlives the deadline.
 */

/**
 * @typedef {{ cluster: string, taskDefinition: string, containerName: string,
 *   command?: string[], subnets: string[], securityGroups: string[] }} SetupEvent
 * @typedef {{ send(command: unknown): Promise<any> }} EcsLike
 * @typedef {{ ecs: EcsLike, commands: { RunTaskCommand: new (input: object) => unknown,
 *   DescribeTasksCommand: new (input: object) => unknown }, sleep(ms: number): Promise<void>,
 *   now(): number, deadlineMs: number, pollMs: number }} Dependencies
 */

/**
 * @param {SetupEvent} event
 * @param {Dependencies} deps
 */
async function runSetup(event, deps) {
    const started = await deps.ecs.send(
        new deps.commands.RunTaskCommand({
            cluster: event.cluster,
            taskDefinition: event.taskDefinition,
            launchType: "FARGATE",
            count: 1,
            startedBy: "pulumi-redcap-setup",
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
    const deadline = deps.now() + deps.deadlineMs;
    for (;;) {
        const described = await deps.ecs.send(
            new deps.commands.DescribeTasksCommand({
                cluster: event.cluster,
                tasks: [task.taskArn],
            }),
        );
        const current = described.tasks && described.tasks[0];
        if (current && current.lastStatus === "STOPPED") {
            const container = (current.containers || []).find(
                (/** @type {{name: string}} */ c) => c.name === event.containerName,
            );
            const exitCode = container ? container.exitCode : undefined;
            if (exitCode === 0) {
                return { taskArn: task.taskArn, exitCode };
            }
            throw new Error(
                `setup task ${task.taskArn} stopped (${current.stoppedReason || "no reason"}) with exit code ${exitCode}; see its logs`,
            );
        }
        if (deps.now() > deadline) {
            throw new Error(
                `setup task ${task.taskArn} still running after ${deps.deadlineMs / 60000} minutes`,
            );
        }
        await deps.sleep(deps.pollMs);
    }
}

/** @param {SetupEvent} event */
async function handler(event) {
    const { ECSClient, RunTaskCommand, DescribeTasksCommand } = require("@aws-sdk/client-ecs");
    return runSetup(event, {
        ecs: new ECSClient({}),
        commands: { RunTaskCommand, DescribeTasksCommand },
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        now: () => Date.now(),
        deadlineMs: 13 * 60 * 1000, // the Lambda itself may run 15 minutes
        pollMs: 10000,
    });
}

module.exports = { runSetup, handler };
