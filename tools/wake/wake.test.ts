import * as fs from "node:fs";
import * as path from "node:path";
import {
    ApplicationAutoScalingClient,
    DescribeScheduledActionsCommand,
    RegisterScalableTargetCommand,
} from "@aws-sdk/client-application-auto-scaling";
import {
    CloudWatchClient,
    EnableAlarmActionsCommand,
    SetAlarmStateCommand,
} from "@aws-sdk/client-cloudwatch";
import { DescribeServicesCommand, ECSClient, type Service } from "@aws-sdk/client-ecs";
import { GetScheduleCommand, SchedulerClient } from "@aws-sdk/client-scheduler";
import { mockClient } from "aws-sdk-client-mock";
import { expect } from "chai";
import { main, type WakeDeps } from "./cli";
import { createClients, resumeAlarmNames, WAKE_PERMISSIONS } from "./wake";

const CLUSTER = "cluster-7d1e2f3";
const ALARMS = ["redcap-dev-no-healthy-targets", "redcap-dev-load-balancer-5xx"];

const mocks = {
    autoScaling: mockClient(ApplicationAutoScalingClient),
    ecs: mockClient(ECSClient),
    scheduler: mockClient(SchedulerClient),
    cloudWatch: mockClient(CloudWatchClient),
};
/** Every call in the order made: `Command` or `Command resource`. */
let calls: string[] = [];

const wakeAction = (
    cluster: string,
    service: string,
    min: number,
    max: number,
    dimension = "ecs:service:DesiredCount",
) => ({
    ScheduledActionName: "wake",
    ScheduledActionARN: `arn:aws:autoscaling:us-east-1:123456789012:scheduledAction:x:${service}`,
    ServiceNamespace: "ecs" as const,
    Schedule: "cron(0 7 ? * MON-FRI *)",
    ResourceId: `service/${cluster}/${service}`,
    // Any dimension the API may answer with; ECS has only DesiredCount today.
    ScalableDimension: dimension as "ecs:service:DesiredCount",
    ScalableTargetAction: { MinCapacity: min, MaxCapacity: max },
    CreationTime: new Date(0),
});

const service = (name: string, running: number, desired: number): Service => ({
    serviceName: name,
    status: "ACTIVE",
    runningCount: running,
    desiredCount: desired,
    deployments: [{ id: "d" }],
});

/** DescribeServices answers, one per call; the last repeats. */
function servicesOverTime(...answers: Service[][]): void {
    let i = 0;
    mocks.ecs.on(DescribeServicesCommand).callsFake(() => {
        const services = answers[Math.min(i++, answers.length - 1)];
        calls.push(`DescribeServices ${services.map((s) => s.runningCount).join(",")}`);
        return { services, failures: [] };
    });
}

/** A sleeping dev stack: web (1-2 tasks) and cron (1) in its cluster, another cluster's web too. */
function sleepingStack(): void {
    Object.values(mocks).forEach((m) => m.reset());
    calls = [];
    // Two pages: this cluster's actions on both, another cluster's in between.
    mocks.autoScaling.on(DescribeScheduledActionsCommand).callsFake((input) => {
        calls.push(`DescribeScheduledActions ${input.NextToken ?? "first"}`);
        return input.NextToken === "page2"
            ? { ScheduledActions: [wakeAction(CLUSTER, "redcap-dev-cron", 1, 1)] }
            : {
                  ScheduledActions: [
                      wakeAction(CLUSTER, "redcap-dev-web", 1, 2),
                      wakeAction("other-cluster", "redcap-test-web", 3, 3),
                      wakeAction(`${CLUSTER}-2`, "lookalike", 1, 1),
                      wakeAction(CLUSTER, "redcap-dev-web", 5, 5, "ecs:service:OtherCount"),
                  ],
                  NextToken: "page2",
              };
    });
    mocks.autoScaling.on(RegisterScalableTargetCommand).callsFake((input) => {
        calls.push(`RegisterScalableTarget ${input.ResourceId}`);
        return {};
    });
    mocks.scheduler.on(GetScheduleCommand).callsFake((input) => {
        calls.push(`GetSchedule ${input.GroupName}/${input.Name}`);
        return {
            Name: input.Name,
            Target: {
                Arn: "arn:aws:scheduler:::aws-sdk:cloudwatch:enableAlarmActions",
                RoleArn: "arn:aws:iam::123456789012:role/x",
                Input: JSON.stringify({ AlarmNames: ALARMS }),
            },
        };
    });
    mocks.cloudWatch.on(EnableAlarmActionsCommand).callsFake(() => {
        calls.push("EnableAlarmActions");
        return {};
    });
    mocks.cloudWatch.on(SetAlarmStateCommand).callsFake((input) => {
        calls.push(`SetAlarmState ${input.AlarmName} ${input.StateValue}`);
        return {};
    });
    servicesOverTime(
        [service("redcap-dev-cron", 1, 1), service("redcap-dev-web", 1, 1)], // awake already
    );
}

/** Runs the command; its output, error text and exit code. */
async function run(argv: string[], deps: Partial<WakeDeps> = {}) {
    let out = "";
    let err = "";
    const code = await main(argv, {
        readOutput: () => {
            throw new Error("no pulumi in tests");
        },
        clients: createClients,
        out: (t) => (out += t),
        err: (t) => (err += t),
        wait: { maxWaitSeconds: 0.2, minDelaySeconds: 0.01 },
        ...deps,
    });
    return { code, out, err };
}

describe("wake (AWS SDK clients mocked: no network)", () => {
    after(() => Object.values(mocks).forEach((m) => m.restore()));

    it("raises only this cluster's services to their wake bounds, read over every page, of the task count only", async () => {
        sleepingStack();
        const { code, out, err } = await run(["dev", "--cluster", CLUSTER]);
        expect({ code, err }).to.deep.equal({ code: 0, err: "" });
        // The paginator reuses one input object: the first call's page token is in the log.
        expect(calls.slice(0, 2)).to.deep.equal([
            "DescribeScheduledActions first",
            "DescribeScheduledActions page2",
        ]);
        // A scalable dimension needs a resource ID in this request: the dimension is checked in code.
        const describeInput = mocks.autoScaling.commandCalls(DescribeScheduledActionsCommand)[0]
            .args[0].input;
        expect(describeInput).to.deep.include({
            ServiceNamespace: "ecs",
            ScheduledActionNames: ["wake"],
        });
        expect(describeInput).not.to.have.property("ScalableDimension");
        expect(
            mocks.autoScaling
                .commandCalls(RegisterScalableTargetCommand)
                .map((c) => c.args[0].input),
        ).to.deep.equal([
            {
                ServiceNamespace: "ecs",
                ScalableDimension: "ecs:service:DesiredCount",
                ResourceId: `service/${CLUSTER}/redcap-dev-cron`,
                MinCapacity: 1,
                MaxCapacity: 1,
            },
            {
                ServiceNamespace: "ecs",
                ScalableDimension: "ecs:service:DesiredCount",
                ResourceId: `service/${CLUSTER}/redcap-dev-web`,
                MinCapacity: 1,
                MaxCapacity: 2,
            },
        ]);
        expect(mocks.scheduler.commandCalls(GetScheduleCommand)[0].args[0].input).to.deep.equal({
            Name: "redcap-dev-resume-alarms",
            GroupName: "redcap-dev-sleep",
        });
        expect(
            mocks.cloudWatch.commandCalls(EnableAlarmActionsCommand)[0].args[0].input,
        ).to.deep.equal({ AlarmNames: ALARMS });
        expect(out).to.include("woke redcap-dev-web: 1 to 2 tasks");
        expect(out).to.include(`alarm actions enabled: ${ALARMS.join(", ")}`);
        expect(out).to.include(
            "it sleeps again at the next scheduled sleep (cron(0 19 ? * MON-FRI *), America/Chicago)",
        );
    });

    it("enables the alarm actions only once every service runs its minimum, not at 0 of 0, then sets each alarm to OK", async () => {
        sleepingStack();
        servicesOverTime(
            [service("redcap-dev-cron", 0, 0), service("redcap-dev-web", 0, 0)], // the read before
            [service("redcap-dev-cron", 0, 0), service("redcap-dev-web", 0, 0)], // "stable", asleep
            [service("redcap-dev-cron", 0, 1), service("redcap-dev-web", 0, 1)], // starting
            [service("redcap-dev-cron", 1, 1), service("redcap-dev-web", 1, 1)],
        );
        const { code } = await run(["dev", "--cluster", CLUSTER]);
        expect(code).to.equal(0);
        expect(calls).to.deep.equal([
            "DescribeScheduledActions first",
            "DescribeScheduledActions page2",
            "GetSchedule redcap-dev-sleep/redcap-dev-resume-alarms",
            "DescribeServices 0,0",
            `RegisterScalableTarget service/${CLUSTER}/redcap-dev-cron`,
            `RegisterScalableTarget service/${CLUSTER}/redcap-dev-web`,
            "DescribeServices 0,0",
            "DescribeServices 0,0",
            "DescribeServices 1,1",
            "EnableAlarmActions",
            ...ALARMS.map((a) => `SetAlarmState ${a} OK`),
        ]);
        expect(
            mocks.cloudWatch.commandCalls(SetAlarmStateCommand).map((c) => c.args[0].input),
        ).to.deep.equal(
            ALARMS.map((AlarmName) => ({
                AlarmName,
                StateValue: "OK",
                StateReason: "Re-armed by npm run wake: pages again if still breaching",
            })),
        );
    });

    it("services that do not become stable: exit 1, alarms left off, the counts told", async () => {
        sleepingStack();
        servicesOverTime([service("redcap-dev-cron", 1, 1), service("redcap-dev-web", 0, 1)]);
        const { code, err } = await run(["dev", "--cluster", CLUSTER]);
        expect(code).to.equal(1);
        expect(err).to.match(
            /^wake failed: the services were not stable after 0\.2 seconds \(running\/desired: redcap-dev-cron 1\/1, redcap-dev-web 0\/1\); the alarm actions stay off until the scheduled resume\n$/,
        );
        expect(mocks.cloudWatch.commandCalls(EnableAlarmActionsCommand)).to.have.length(0);
        expect(mocks.cloudWatch.commandCalls(SetAlarmStateCommand)).to.have.length(0);
    });

    it("--no-wait: registers, neither waits nor touches the alarms, and says when they resume", async () => {
        sleepingStack();
        const { code, out } = await run(["dev", "--cluster", CLUSTER, "--no-wait"]);
        expect(code).to.equal(0);
        expect(calls.filter((c) => !c.startsWith("DescribeScheduledActions"))).to.deep.equal([
            `RegisterScalableTarget service/${CLUSTER}/redcap-dev-cron`,
            `RegisterScalableTarget service/${CLUSTER}/redcap-dev-web`,
        ]);
        expect(out).to.include(
            "not waiting (--no-wait): the alarm actions stay off until the next scheduled resume (cron(15 7 ? * MON-FRI *), America/Chicago)",
        );
    });

    it("takes the cluster from the stack's ecsCluster output; a failing pulumi says to pass --cluster", async () => {
        sleepingStack();
        const asked: string[][] = [];
        const ok = await run(["dev", "--no-wait"], {
            readOutput: (stack, name) => (asked.push([stack, name]), CLUSTER),
        });
        expect(ok.code).to.equal(0);
        expect(asked).to.deep.equal([["dev", "ecsCluster"]]);
        expect(mocks.autoScaling.commandCalls(RegisterScalableTargetCommand)).to.have.length(2);

        sleepingStack();
        const failed = await run(["dev"]);
        expect(failed.code).to.equal(1);
        expect(failed.err).to.equal(
            "wake failed: pulumi stack output ecsCluster --stack dev: no pulumi in tests; pass --cluster <name> to skip it. Nothing was changed.\n",
        );
        expect(calls).to.deep.equal([]);
    });

    it("a stack with no sleep schedule (prod): exit 2 before any AWS call", async () => {
        sleepingStack();
        const { code, err } = await run(["prod", "--cluster", CLUSTER]);
        expect(code).to.equal(2);
        expect(err).to.equal(
            "stack prod has no sleep schedule (redcap:sleep in Pulumi.prod.yaml): it never sleeps, so there is nothing to wake. Nothing was changed.\n",
        );
        expect(calls).to.deep.equal([]);
    });

    it("AccessDenied: one line naming the call, exit 1; a refused read changes nothing", async () => {
        const denied = () =>
            Object.assign(
                new Error("User: arn:aws:sts::123456789012:assumed-role/dev/me is not authorized"),
                {
                    name: "AccessDeniedException",
                },
            );
        sleepingStack();
        mocks.autoScaling.on(RegisterScalableTargetCommand).rejects(denied());
        const refused = await run(["dev", "--cluster", CLUSTER]);
        expect(refused.code).to.equal(1);
        expect(refused.err).to.equal(
            `wake failed: application-autoscaling:RegisterScalableTarget service/${CLUSTER}/redcap-dev-cron: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/dev/me is not authorized\n`,
        );

        sleepingStack();
        mocks.scheduler.on(GetScheduleCommand).rejects(denied());
        const unread = await run(["dev", "--cluster", CLUSTER]);
        expect(unread.code).to.equal(1);
        expect(unread.err).to.match(
            /^wake failed: scheduler:GetSchedule redcap-dev-resume-alarms: AccessDeniedException: [^\n]*\n$/,
        );
        expect(mocks.autoScaling.commandCalls(RegisterScalableTargetCommand)).to.have.length(0);
    });

    it("a cluster with no wake actions: exit 1, nothing changed", async () => {
        sleepingStack();
        const { code, err } = await run(["dev", "--cluster", "cluster-of-another-stack"]);
        expect(code).to.equal(1);
        expect(err).to.include(
            "no ECS service of cluster cluster-of-another-stack has a scheduled action named wake",
        );
        expect(mocks.autoScaling.commandCalls(RegisterScalableTargetCommand)).to.have.length(0);
    });

    it("more services than DescribeServices takes at once: refused before anything changes, exit 1", async () => {
        sleepingStack();
        const many = Array.from({ length: 11 }, (_, i) => wakeAction("big", `svc-${i}`, 1, 1));
        mocks.autoScaling.on(DescribeScheduledActionsCommand).resolves({ ScheduledActions: many });
        const { code, err } = await run(["dev", "--cluster", "big"]);
        expect(code).to.equal(1);
        expect(err).to.include("cluster big has 11 services with a wake action");
        expect(mocks.autoScaling.commandCalls(RegisterScalableTargetCommand)).to.have.length(0);
        // Ten is fine.
        mocks.autoScaling
            .on(DescribeScheduledActionsCommand)
            .resolves({ ScheduledActions: many.slice(0, 10) });
        expect((await run(["dev", "--cluster", "big", "--no-wait"])).code).to.equal(0);
    });

    it("a service the cluster no longer has: told before anything changes, exit 1", async () => {
        sleepingStack();
        mocks.ecs.on(DescribeServicesCommand).resolves({
            services: [service("redcap-dev-web", 0, 0)],
            failures: [
                {
                    arn: `arn:aws:ecs:us-east-1:123456789012:service/${CLUSTER}/redcap-dev-cron`,
                    reason: "MISSING",
                },
            ],
        });
        const { code, err } = await run(["dev", "--cluster", CLUSTER]);
        expect(code).to.equal(1);
        expect(err).to.match(
            /^wake failed: ecs:DescribeServices: not found in cluster cluster-7d1e2f3: .*redcap-dev-cron: MISSING\n$/,
        );
        expect(mocks.autoScaling.commandCalls(RegisterScalableTargetCommand)).to.have.length(0);
    });

    it("an empty --cluster: exit 2 before any AWS call", async () => {
        sleepingStack();
        const { code, err } = await run(["dev", "--cluster", ""]);
        expect(code).to.equal(2);
        expect(err).to.equal(
            "--cluster is empty; expected the name of the stack's ECS cluster (or leave --cluster out to read the stack's ecsCluster output). Nothing was changed.\n",
        );
        expect(calls).to.deep.equal([]);
    });

    it("prints service names from AWS escaped, so a terminal sequence cannot garble the output", async () => {
        sleepingStack();
        const odd = "redcap-dev-web\u001b[2J";
        mocks.autoScaling.on(DescribeScheduledActionsCommand).resolves({
            ScheduledActions: [wakeAction(CLUSTER, odd, 1, 1)],
        });
        servicesOverTime([service(odd, 1, 1)]);
        const { code, out } = await run(["dev", "--cluster", CLUSTER]);
        expect(code).to.equal(0);
        expect(out).not.to.include("\u001b");
        expect(out).to.include("woke redcap-dev-web\\u001b[2J: 1 to 1 tasks");
        expect(out).to.include("stable: redcap-dev-web\\u001b[2J 1/1 tasks");
    });

    it("reads the resume schedule under the name the stack gives it", async () => {
        sleepingStack();
        const prefix = `redcap-${"a".repeat(42)}`; // 49 characters, the longest the stack allows
        await resumeAlarmNames(createClients("us-east-1").scheduler, prefix);
        expect(mocks.scheduler.commandCalls(GetScheduleCommand)[0].args[0].input).to.deep.equal({
            Name: `${prefix}-resume-alarms`,
            GroupName: `${prefix}-sleep`,
        });
    });
});

describe("wake's documented permissions", () => {
    it("include every call the command makes and what RegisterScalableTarget checks on the ECS service", async () => {
        sleepingStack();
        expect((await run(["dev", "--cluster", CLUSTER])).code).to.equal(0);
        const made = Object.entries({
            "application-autoscaling": mocks.autoScaling,
            ecs: mocks.ecs,
            scheduler: mocks.scheduler,
            cloudwatch: mocks.cloudWatch,
        }).flatMap(([prefix, mock]) =>
            mock
                .calls()
                .map(
                    (c) =>
                        `${prefix}:${(c.args[0] as object).constructor.name.replace(/Command$/, "")}`,
                ),
        );
        // Application Auto Scaling's permissions validation on the ECS service (see wake.ts).
        const validated = ["ecs:DescribeServices", "ecs:UpdateService"];
        expect([...WAKE_PERMISSIONS].sort()).to.deep.equal(
            [...new Set([...made, ...validated])].sort(),
        );
    });

    it("lists in the cost runbook every call the command makes", () => {
        const runbook = fs.readFileSync(
            path.join(__dirname, "../../docs/runbooks/cost.md"),
            "utf8",
        );
        const text = runbook.replace(/\s+/g, " ");
        for (const permission of WAKE_PERMISSIONS) {
            expect(text).to.include(`\`${permission}\``);
        }
    });
});
