import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type PolicyDocument, serviceTrustPolicy } from "../iam/policyDocument";
import { createRoleWithPolicy } from "../iam/serviceRole";
import type { SleepCrons } from "../fargateService/sleepSchedule";
import {
    SCHEDULE_NAME_MAX,
    SLEEP_SCHEDULE_IDS,
    sleepPrefixMax,
    sleepScheduleGroupName,
    sleepScheduleName,
} from "./scheduleNames";

export interface AlarmSilenceArgs {
    /** Names the schedule group `<namePrefix>-sleep`. */
    namePrefix: string;
    /** The alarms that would fire while the stack sleeps (no tasks, no healthy targets). */
    alarmNames: pulumi.Input<string>[];
    crons: SleepCrons;
}

/**
 * Keeps a sleeping stack's alarms from paging at night, without hiding a failed wake-up. EventBridge
 * Scheduler calls CloudWatch itself (universal targets, no Lambda): at `sleep` it disables the
 * alarms' actions; at `resumeAlerts` it enables them; a minute later it sets each alarm to OK.
 * CloudWatch acts only on state changes, so an alarm left in ALARM from the night would otherwise
 * stay silent if the services did not come back: set to OK, it re-evaluates and pages.
 */
export class AlarmSilence extends pulumi.ComponentResource {
    constructor(name: string, args: AlarmSilenceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:monitoring:AlarmSilence", name, {}, opts);
        const parent = { parent: this };
        const groupName = sleepScheduleGroupName(args.namePrefix);
        const room = sleepPrefixMax(args.alarmNames.length);
        if (!/^[A-Za-z0-9_.-]+$/.test(args.namePrefix) || args.namePrefix.length > room) {
            throw new Error(
                `AlarmSilence ${name}: namePrefix ${JSON.stringify(args.namePrefix)} is not allowed; expected letters, digits, ., _ and - (at most ${room}, so that every schedule name fits Scheduler's ${SCHEDULE_NAME_MAX} characters)`,
            );
        }
        const account = aws.getCallerIdentityOutput({}, parent).accountId;
        const partition = aws.getPartitionOutput({}, parent).partition;
        const region = aws.getRegionOutput({}, parent).region;
        const group = new aws.scheduler.ScheduleGroup(name, { name: groupName }, parent);
        const { role, attachment } = createRoleWithPolicy(
            `${name}-schedule`,
            {
                description:
                    "EventBridge Scheduler silences and re-arms the alarms of a sleeping stack",
                trustPolicy: pulumi.all([partition, region, account]).apply(([p, r, a]) =>
                    JSON.stringify(
                        serviceTrustPolicy("scheduler.amazonaws.com", {
                            StringEquals: { "aws:SourceAccount": a },
                            ArnEquals: {
                                "aws:SourceArn": `arn:${p}:scheduler:${r}:${a}:schedule-group/${groupName}`,
                            },
                        }),
                    ),
                ),
                policy: pulumi
                    .all([partition, region, account, pulumi.all(args.alarmNames)])
                    .apply(([p, r, a, names]) =>
                        JSON.stringify(
                            alarmSilencePolicy(
                                names.map((n) => `arn:${p}:cloudwatch:${r}:${a}:alarm:${n}`),
                            ),
                        ),
                    ),
            },
            this,
        );
        const schedule = (
            id: string,
            description: string,
            expression: string,
            action: string,
            input: pulumi.Input<string>,
        ) =>
            new aws.scheduler.Schedule(
                `${name}-${id}`,
                {
                    name: sleepScheduleName(args.namePrefix, id),
                    groupName: group.name,
                    description,
                    scheduleExpression: expression,
                    scheduleExpressionTimezone: args.crons.timezone,
                    flexibleTimeWindow: { mode: "OFF" },
                    state: "ENABLED",
                    target: {
                        arn: pulumi.interpolate`arn:${partition}:scheduler:::aws-sdk:cloudwatch:${action}`,
                        roleArn: role.arn,
                        input,
                    },
                },
                { parent: this, dependsOn: [attachment] },
            );
        const all = pulumi
            .all(args.alarmNames)
            .apply((names) => JSON.stringify({ AlarmNames: names }));
        schedule(
            SLEEP_SCHEDULE_IDS.silence,
            "Stop paging: the stack goes to sleep",
            args.crons.sleep,
            "disableAlarmActions",
            all,
        );
        schedule(
            SLEEP_SCHEDULE_IDS.resume,
            "Page again: the stack is awake",
            args.crons.resumeAlerts,
            "enableAlarmActions",
            all,
        );
        args.alarmNames.forEach((alarmName, i) =>
            schedule(
                SLEEP_SCHEDULE_IDS.rearm(i),
                "Set the alarm to OK so that it pages if the stack did not wake",
                args.crons.rearmAlerts,
                "setAlarmState",
                pulumi.output(alarmName).apply((n) =>
                    JSON.stringify({
                        AlarmName: n,
                        StateValue: "OK",
                        StateReason: "Re-armed after the night: pages again if still breaching",
                    }),
                ),
            ),
        );
        this.registerOutputs({});
    }
}

/** The schedules' role: toggle and re-arm exactly these alarms. */
export function alarmSilencePolicy(alarmArns: string[]): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "SilenceAndRearmTheSleepingStacksAlarms",
                Effect: "Allow",
                Action: [
                    "cloudwatch:DisableAlarmActions",
                    "cloudwatch:EnableAlarmActions",
                    "cloudwatch:SetAlarmState",
                ],
                Resource: alarmArns,
            },
        ],
    };
}
