import {
    ApplicationAutoScalingClient,
    paginateDescribeScheduledActions,
    RegisterScalableTargetCommand,
    type ScheduledAction,
} from "@aws-sdk/client-application-auto-scaling";
import {
    CloudWatchClient,
    EnableAlarmActionsCommand,
    SetAlarmStateCommand,
} from "@aws-sdk/client-cloudwatch";
import {
    DescribeServicesCommand,
    type DescribeServicesCommandOutput,
    ECSClient,
    waitForServicesStable,
} from "@aws-sdk/client-ecs";
import { GetScheduleCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import { safeText } from "../../stacks";
import { awsErrorLine } from "../awsErrors";
import {
    sleepScheduleGroupName,
    SLEEP_SCHEDULE_IDS,
    sleepScheduleName,
} from "../../components/monitoring/scheduleNames";

/**
 * Wakes a sleeping stack now: what the `wake` scheduled actions and the `resume-alarms` schedule
 * (components/fargateService/fargateService.ts scheduleSleep, components/monitoring/alarmSilence.ts)
 * would do at the next start of the awake hours, without waiting for it.
 */

/**
 * The permissions its caller needs: every call the command makes, and the two that
 * RegisterScalableTarget checks on the ECS service before it acts, so needed with `--no-wait` too
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/auto-scaling-IAM.html,
 * https://docs.aws.amazon.com/autoscaling/application/userguide/security_iam_permission_validation.html).
 */
export const WAKE_PERMISSIONS = [
    "application-autoscaling:DescribeScheduledActions",
    "application-autoscaling:RegisterScalableTarget",
    "ecs:DescribeServices",
    "ecs:UpdateService",
    "scheduler:GetSchedule",
    "cloudwatch:EnableAlarmActions",
    "cloudwatch:SetAlarmState",
] as const;

export interface WakeClients {
    autoScaling: ApplicationAutoScalingClient;
    ecs: ECSClient;
    scheduler: SchedulerClient;
    cloudWatch: CloudWatchClient;
}

export function createClients(region: string, profile?: string): WakeClients {
    const options = { region, ...(profile && { profile }) };
    return {
        autoScaling: new ApplicationAutoScalingClient(options),
        ecs: new ECSClient(options),
        scheduler: new SchedulerClient(options),
        cloudWatch: new CloudWatchClient(options),
    };
}

/** A failure told in one line (exit 1): the call that failed and what AWS answered. */
export class WakeError extends Error {}

export interface WakeOptions {
    /** The stack's name prefix, stacks/namePrefix.ts (`redcap-dev`). */
    prefix: string;
    cluster: string;
    /** Wait for the services and then enable the alarm actions (false: `--no-wait`). */
    wait: boolean;
    /** How long to wait for the services to be stable. */
    maxWaitSeconds?: number;
    /** The first delay between polls (the ECS waiter's default). */
    minDelaySeconds?: number;
    log: (line: string) => void;
}

export interface WokenService {
    service: string;
    resourceId: string;
    minCapacity: number;
    maxCapacity: number;
}

export interface WakeResult {
    services: WokenService[];
    /** The alarms whose actions were enabled and state set to OK; none with `wait: false`. */
    alarmsEnabled: string[];
}

const ECS_DESIRED_COUNT = "ecs:service:DesiredCount";
/** ECS DescribeServices takes at most this many services a call. */
const DESCRIBE_SERVICES_MAX = 10;

/** Told in the alarm's history; the stack's own re-arm (alarmSilence.ts) gives its own reason. */
const REARM_REASON = "Re-armed by npm run wake: pages again if still breaching";

/** The call's answer, or a WakeError naming the call (`ecs:DescribeServices: AccessDeniedException: ...`). */
async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (e) {
        throw new WakeError(`${what}: ${awsErrorLine(e)}`);
    }
}

/** The `wake` scheduled actions of the cluster's services, with their bounds. */
export async function findWakeActions(
    autoScaling: ApplicationAutoScalingClient,
    cluster: string,
): Promise<WokenService[]> {
    const actions: ScheduledAction[] = [];
    await call("application-autoscaling:DescribeScheduledActions", async () => {
        for await (const page of paginateDescribeScheduledActions(
            { client: autoScaling },
            // No ScalableDimension: the API takes one only with a ResourceId, so it is checked below.
            { ServiceNamespace: "ecs", ScheduledActionNames: ["wake"] },
        )) {
            actions.push(...(page.ScheduledActions ?? []));
        }
    });
    const prefix = `service/${cluster}/`;
    return actions
        .filter(
            (a) => a.ScalableDimension === ECS_DESIRED_COUNT && a.ResourceId?.startsWith(prefix),
        )
        .map((a) => {
            const min = a.ScalableTargetAction?.MinCapacity;
            const max = a.ScalableTargetAction?.MaxCapacity;
            if (min === undefined || max === undefined) {
                throw new WakeError(
                    `the wake action of ${safeText(a.ResourceId ?? "")} has no minimum and maximum task count; expected both, as the stack sets them`,
                );
            }
            return {
                service: (a.ResourceId ?? "").slice(prefix.length),
                resourceId: a.ResourceId ?? "",
                minCapacity: min,
                maxCapacity: max,
            };
        })
        .sort((a, b) => a.service.localeCompare(b.service));
}

/** The alarm names the `<prefix>-resume-alarms` schedule enables (its target's input). */
export async function resumeAlarmNames(
    scheduler: SchedulerClient,
    prefix: string,
): Promise<string[]> {
    const name = sleepScheduleName(prefix, SLEEP_SCHEDULE_IDS.resume);
    const schedule = await call(`scheduler:GetSchedule ${name}`, () =>
        scheduler.send(
            new GetScheduleCommand({ Name: name, GroupName: sleepScheduleGroupName(prefix) }),
        ),
    );
    let names: unknown;
    try {
        names = (JSON.parse(schedule.Target?.Input ?? "") as { AlarmNames?: unknown }).AlarmNames;
    } catch {
        // Told below.
    }
    if (!Array.isArray(names) || !names.every((n) => typeof n === "string")) {
        throw new WakeError(
            `schedule ${name}'s input has no AlarmNames list; expected {"AlarmNames": [...]}, as the stack sets it`,
        );
    }
    return names;
}

const describe = (ecs: ECSClient, cluster: string, services: string[]) =>
    call("ecs:DescribeServices", () =>
        ecs.send(new DescribeServicesCommand({ cluster, services })),
    );

const duration = (seconds: number) =>
    seconds < 60 ? `${seconds} seconds` : `${Math.round(seconds / 60)} minutes`;

const counts = (out: DescribeServicesCommandOutput) =>
    (out.services ?? [])
        .map((s) => `${safeText(s.serviceName ?? "")} ${s.runningCount}/${s.desiredCount}`)
        .join(", ");

/**
 * Waits until every service runs its wake minimum and has settled. The ECS waiter alone is not
 * enough: polled before Application Auto Scaling has raised the desired count, a service with 0 of
 * 0 tasks already counts as stable.
 */
async function waitUntilAwake(
    ecs: ECSClient,
    cluster: string,
    woken: WokenService[],
    maxWaitSeconds: number,
    minDelaySeconds: number,
): Promise<DescribeServicesCommandOutput> {
    const services = woken.map((w) => w.service);
    const deadline = Date.now() + maxWaitSeconds * 1000;
    const minimum = new Map(woken.map((w) => [w.service, w.minCapacity]));
    for (;;) {
        const remaining = (deadline - Date.now()) / 1000;
        if (remaining > minDelaySeconds) {
            const result = await waitForServicesStable(
                {
                    client: ecs,
                    maxWaitTime: remaining,
                    minDelay: minDelaySeconds,
                    maxDelay: Math.max(minDelaySeconds, 30),
                },
                { cluster, services },
            );
            const out = result.reason as DescribeServicesCommandOutput | undefined;
            // The waiter's states as plain strings (its enum is not exported by the ECS client).
            const state: string = result.state;
            if (state === "FAILURE") {
                const gone = [
                    ...(out?.failures ?? []).map((f) => `${f.arn}: ${f.reason}`),
                    ...(out?.services ?? [])
                        .filter((s) => s.status !== "ACTIVE")
                        .map((s) => `${s.serviceName}: ${s.status}`),
                ];
                throw new WakeError(
                    `the services cannot become stable: ${safeText(gone.join(", "), 300)}`,
                );
            }
            const awake =
                state === "SUCCESS" &&
                out?.services?.every(
                    (s) => (s.runningCount ?? 0) >= (minimum.get(s.serviceName ?? "") ?? 1),
                );
            if (awake && out) {
                return out;
            }
            if (state === "SUCCESS") {
                await new Promise((r) => setTimeout(r, minDelaySeconds * 1000));
                continue;
            }
        }
        // Timed out: one more read tells where they are (or the refusal that kept the waiter blind).
        const last = await describe(ecs, cluster, services);
        throw new WakeError(
            `the services were not stable after ${duration(maxWaitSeconds)} (running/desired: ${safeText(counts(last), 300)}); the alarm actions stay off until the scheduled resume`,
        );
    }
}

/**
 * Raises each of the cluster's sleeping services to its wake bounds; then, unless `wait` is off,
 * waits until they are stable and enables the alarm actions the sleep silenced. Reads everything
 * it needs before it changes anything, so a missing permission changes nothing.
 */
export async function wakeStack(clients: WakeClients, options: WakeOptions): Promise<WakeResult> {
    const { cluster, prefix, log } = options;
    const woken = await findWakeActions(clients.autoScaling, cluster);
    if (woken.length === 0) {
        throw new WakeError(
            `no ECS service of cluster ${safeText(cluster)} has a scheduled action named wake; expected the stack's web and cron services (is redcap:sleep deployed, and is this the stack's cluster?)`,
        );
    }
    if (woken.length > DESCRIBE_SERVICES_MAX) {
        // DescribeServices (the check below and the waiter) takes at most 10 services a call.
        throw new WakeError(
            `cluster ${safeText(cluster)} has ${woken.length} services with a wake action; this command wakes at most ${DESCRIBE_SERVICES_MAX} (REDCap has 2). Nothing was changed`,
        );
    }
    const alarms = options.wait ? await resumeAlarmNames(clients.scheduler, prefix) : [];
    if (options.wait) {
        // Fails now, before any change, when the waiter would be refused and only time out.
        const found = await describe(
            clients.ecs,
            cluster,
            woken.map((w) => w.service),
        );
        const missing = (found.failures ?? []).map((f) => `${f.arn}: ${f.reason}`);
        if (missing.length > 0) {
            throw new WakeError(
                `ecs:DescribeServices: not found in cluster ${safeText(cluster)}: ${safeText(missing.join(", "), 300)}`,
            );
        }
    }
    for (const w of woken) {
        // RegisterScalableTarget on an existing target changes the resource's current capacity to
        // a value inside the new range, so the desired count rises to the minimum now:
        // https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html
        await call(`application-autoscaling:RegisterScalableTarget ${safeText(w.resourceId)}`, () =>
            clients.autoScaling.send(
                new RegisterScalableTargetCommand({
                    ServiceNamespace: "ecs",
                    ScalableDimension: ECS_DESIRED_COUNT,
                    ResourceId: w.resourceId,
                    MinCapacity: w.minCapacity,
                    MaxCapacity: w.maxCapacity,
                }),
            ),
        );
        log(`woke ${safeText(w.service)}: ${w.minCapacity} to ${w.maxCapacity} tasks`);
    }
    if (!options.wait) {
        return { services: woken, alarmsEnabled: [] };
    }
    const maxWait = options.maxWaitSeconds ?? 600;
    log(`waiting until the services are stable (at most ${duration(maxWait)})...`);
    const stable = await waitUntilAwake(
        clients.ecs,
        cluster,
        woken,
        maxWait,
        options.minDelaySeconds ?? 15,
    );
    log(`stable: ${counts(stable)} tasks running/desired`);
    if (alarms.length > 0) {
        await call("cloudwatch:EnableAlarmActions", () =>
            clients.cloudWatch.send(new EnableAlarmActionsCommand({ AlarmNames: alarms })),
        );
        log(`alarm actions enabled: ${safeText(alarms.join(", "), 300)}`);
        // As the stack's scheduled re-arm does (alarmSilence.ts): CloudWatch acts only on state
        // changes, so an alarm left in ALARM from the night would stay silent; set to OK, it
        // re-evaluates and pages if the stack is still broken.
        for (const alarm of alarms) {
            await call(`cloudwatch:SetAlarmState ${safeText(alarm)}`, () =>
                clients.cloudWatch.send(
                    new SetAlarmStateCommand({
                        AlarmName: alarm,
                        StateValue: "OK",
                        StateReason: REARM_REASON,
                    }),
                ),
            );
        }
        log("alarms set to OK: each pages again if still breaching");
    }
    return { services: woken, alarmsEnabled: alarms };
}
