import { expect } from "chai";
import { MOCK_ACCOUNT_ID } from "../../tools/synth/mocks";
import { jsonInput, ofType, planComponent, planRefusal, resource } from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import { sleepCrons, type SleepCrons } from "../fargateService/sleepSchedule";
import { AlarmSilence } from "./alarmSilence";
import { sleepScheduleGroupName, sleepScheduleName } from "./scheduleNames";

const SCHEDULE = "aws:scheduler/schedule:Schedule";
const crons = sleepCrons("weekdays 07:00-19:00", "America/New_York") as SleepCrons;
const NAMES = ["redcap-dev-no-healthy-targets", "redcap-dev-cron-not-running"];

const planSilence = () =>
    planComponent(
        (opts) =>
            new AlarmSilence("sleep", { namePrefix: "redcap-dev", alarmNames: NAMES, crons }, opts),
    );

describe("AlarmSilence", () => {
    it("disables the alarms' actions at sleep and enables them 15 minutes after waking, through CloudWatch's own API", async () => {
        const plan = await planSilence();
        const silence = resource(plan, SCHEDULE, "sleep-silence-alarms");
        const resume = resource(plan, SCHEDULE, "sleep-resume-alarms");
        expect(silence.inputs).to.deep.include({
            groupName: "redcap-dev-sleep",
            scheduleExpression: "cron(0 19 ? * MON-FRI *)",
            scheduleExpressionTimezone: "America/New_York",
            flexibleTimeWindow: { mode: "OFF" },
            state: "ENABLED",
        });
        expect(resume.inputs).to.deep.include({
            scheduleExpression: "cron(15 7 ? * MON-FRI *)",
            scheduleExpressionTimezone: "America/New_York",
        });
        const target = (s: typeof silence) => s.inputs.target as { arn: string; input: string };
        expect(target(silence).arn).to.equal(
            "arn:aws:scheduler:::aws-sdk:cloudwatch:disableAlarmActions",
        );
        expect(target(resume).arn).to.equal(
            "arn:aws:scheduler:::aws-sdk:cloudwatch:enableAlarmActions",
        );
        for (const s of [silence, resume]) {
            expect(JSON.parse(target(s).input)).to.deep.equal({ AlarmNames: NAMES });
        }
    });

    it("sets each alarm to OK a minute after resuming, so an alarm still breaching from the night pages", async () => {
        const plan = await planSilence();
        const rearms = ofType(plan, SCHEDULE).filter((s) => s.name.includes("rearm"));
        expect(rearms.map((s) => s.inputs.scheduleExpression)).to.deep.equal([
            "cron(16 7 ? * MON-FRI *)",
            "cron(16 7 ? * MON-FRI *)",
        ]);
        expect(
            rearms.map((s) => {
                const t = s.inputs.target as { arn: string; input: string };
                return [t.arn, JSON.parse(t.input).AlarmName, JSON.parse(t.input).StateValue];
            }),
        ).to.deep.equal(
            NAMES.map((n) => ["arn:aws:scheduler:::aws-sdk:cloudwatch:setAlarmState", n, "OK"]),
        );
    });

    it("lets only this stack's schedule group assume a role that toggles exactly these alarms", async () => {
        const plan = await planSilence();
        const trust = jsonInput<PolicyDocument>(
            resource(plan, "aws:iam/role:Role", "sleep-schedule"),
            "assumeRolePolicy",
        );
        expect(trust.Statement[0].Principal).to.deep.equal({ Service: "scheduler.amazonaws.com" });
        expect(trust.Statement[0].Condition).to.deep.equal({
            StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID },
            ArnEquals: {
                "aws:SourceArn": `arn:aws:scheduler:us-east-1:${MOCK_ACCOUNT_ID}:schedule-group/redcap-dev-sleep`,
            },
        });
        const policy = jsonInput<PolicyDocument>(
            resource(plan, "aws:iam/policy:Policy", "sleep-schedule"),
            "policy",
        );
        expect(policy.Statement).to.deep.equal([
            {
                Sid: "SilenceAndRearmTheSleepingStacksAlarms",
                Effect: "Allow",
                Action: [
                    "cloudwatch:DisableAlarmActions",
                    "cloudwatch:EnableAlarmActions",
                    "cloudwatch:SetAlarmState",
                ],
                Resource: NAMES.map(
                    (n) => `arn:aws:cloudwatch:us-east-1:${MOCK_ACCOUNT_ID}:alarm:${n}`,
                ),
            },
        ]);
    });

    it("names its group and schedules as npm run wake reads them back, and refuses a prefix too long for every name to fit", async () => {
        // The longest name is `<prefix>-silence-alarms`, 15 characters after the prefix.
        const prefix = `redcap-${"a".repeat(42)}`; // 49 characters, the longest that fits
        const plan = await planComponent(
            (opts) =>
                new AlarmSilence("sleep", { namePrefix: prefix, alarmNames: NAMES, crons }, opts),
        );
        const resume = resource(plan, SCHEDULE, "sleep-resume-alarms");
        expect(resume.inputs.name).to.equal(`${prefix}-resume-alarms`);
        expect(resume.inputs.name).to.equal(sleepScheduleName(prefix, "resume-alarms"));
        expect(resume.inputs.groupName).to.equal(sleepScheduleGroupName(prefix));
        const names = ofType(plan, SCHEDULE).map((r) => r.inputs.name as string);
        expect(new Set(names).size).to.equal(names.length);
        expect(Math.max(...names.map((n) => n.length))).to.equal(64);
        const { message } = await planRefusal((opts) => {
            new AlarmSilence("sleep", { namePrefix: `${prefix}a`, alarmNames: NAMES, crons }, opts);
        });
        expect(message).to.include(
            `AlarmSilence sleep: namePrefix "${prefix}a" is not allowed; expected letters, digits, ., _ and - (at most 49, so that every schedule name fits Scheduler's 64 characters)`,
        );
    });
});
