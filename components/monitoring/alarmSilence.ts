import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type PolicyDocument, serviceTrustPolicy } from "../iam/policyDocument";
import { createRoleWithPolicy } from "../iam/serviceRole";
import type { SleepCrons } from "../fargateService/sleepSchedule";

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
        const groupName = `${args.namePrefix}-sleep`;
        if (!/^[A-Za-z0-9_.-]{1,64}$/.test(groupName)) {
            throw new Error(
                `AlarmSilence ${name}: namePrefix ${JSON.stringify(args.namePrefix)} is not allowed; expected letters, digits, ., _ and - (at most 58)`,
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
                    name: `${args.namePrefix}-${id}`.slice(0, 64),
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
            "silence-alarms",
            "Stop paging: the stack goes to sleep",
            args.crons.sleep,
            "disableAlarmActions",
            all,
        );
        schedule(
            "resume-alarms",
            "Page again: the stack is awake",
            args.crons.resumeAlerts,
            "enableAlarmActions",
            all,
        );
        args.alarmNames.forEach((alarmName, i) =>
            schedule(
                `rearm-alarm-${i + 1}`,
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
