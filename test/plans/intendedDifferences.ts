/**
 * The differences from the reviewed plan baselines (test/plans/<stack>.json) that a change
 * intends, each with why it is safe: no deployed resource may be replaced or lost by accident. A
 * `removed` URN is a delete (or a replace without an alias): list it only with a reason a reviewer
 * can check. After review, `npm run plan:baseline -- --write` records the plans as the new
 * baselines and this list is emptied.
 */
export interface IntendedDifference {
    stack: string;
    urn: string;
    kind: "added" | "removed" | "moved" | "inputs" | "options";
    /** For inputs and options: exactly the top-level keys that change; for moved: the old URN. */
    keys?: string[];
    why: string;
}

/** Both stacks get the same difference for each of these (the URNs name the stack). */
const inBothStacks = (
    make: (stack: string) => Omit<IntendedDifference, "stack">,
): IntendedDifference[] => ["dev", "prod"].map((stack) => ({ stack, ...make(stack) }));

const REDCAP = "hipaa:app:RedcapService";
const SERVICE = `${REDCAP}$hipaa:compute:FargateService`;
const urn = (stack: string, chain: string, name: string) =>
    `urn:pulumi:${stack}::redcap::${chain}::${name}`;

const SERVICES_WHY =
    "REDCap's web and cron services now run on the platform's generic FargateService: each task definition, service, scaling target and policy keeps its inputs, and an alias to its old place (the scaling policies also to their old names) moves it; nothing is replaced";

/** [type, new name, old name] of every resource the two FargateServices took over. */
const MOVED_TO_SERVICES: [string, string, string][] = [
    ["aws:ecs/taskDefinition:TaskDefinition", "app-web", "app-web"],
    ["aws:ecs/service:Service", "app-web", "app-web"],
    ["aws:appautoscaling/target:Target", "app-web", "app-web"],
    ["aws:appautoscaling/policy:Policy", "app-web-cpu", "app-cpu"],
    ["aws:appautoscaling/policy:Policy", "app-web-requests", "app-requests"],
    ["aws:ecs/taskDefinition:TaskDefinition", "app-cron", "app-cron"],
    ["aws:ecs/service:Service", "app-cron", "app-cron"],
];

const LB = "hipaa:network:PublicLoadBalancer";
const LB_RULES_WHY =
    "the load balancer serves several apps, so its rules to and from the targets are named for the targets' port (8443, REDCap's); an alias to the old name keeps each rule, inputs unchanged";

const IMAGE_WHY =
    "the image changed (PHP-FPM refuses sign-in posts over 8 KB, which the firewall cannot read past): a new tag, and new task definition revisions that run it, as every image change makes";

const MONITORING = "hipaa:monitoring";

const SLEEP_WHY =
    "dev sleeps outside weekdays 07:00-19:00 (redcap:sleep in Pulumi.dev.yaml, issue 17): scheduled actions scale the web service and the cron runner to zero and back; a new resource, nothing replaced, no data touched";
const SILENCE_WHY =
    "the sleeping dev's night-time alarms (no healthy targets, load balancer 5xx, cron runner stopped, site down) stop paging while it sleeps and are re-armed 15 minutes after waking: EventBridge Scheduler calls CloudWatch with a role scoped to those alarms; new resources only";
const SILENCE = `${MONITORING}:AlarmSilence`;
/** What dev's sleep schedule adds (prod refuses one). */
const SLEEPING_DEV: IntendedDifference[] = [
    ...["app-web-sleep", "app-web-wake", "app-cron-sleep", "app-cron-wake"].map((name) => ({
        stack: "dev",
        urn: urn("dev", `${SERVICE}$aws:appautoscaling/scheduledAction:ScheduledAction`, name),
        kind: "added" as const,
        why: SLEEP_WHY,
    })),
    {
        stack: "dev",
        urn: urn("dev", `${SERVICE}$aws:appautoscaling/target:Target`, "app-cron"),
        kind: "added",
        why: `${SLEEP_WHY}. The cron runner, which had no autoscaling, gets a scalable target fixed at 1 task for the schedule to act on`,
    },
    {
        stack: "dev",
        urn: urn("dev", `${SERVICE}$aws:ecs/service:Service`, "app-cron"),
        kind: "options",
        keys: ["ignoreChanges"],
        why: `${SLEEP_WHY}. The cron runner's task count now belongs to the schedule, so pulumi up leaves it (ignoreChanges desiredCount), as the web service's already did; no change in AWS`,
    },
    ...[
        ["", "sleep"],
        ["$aws:scheduler/scheduleGroup:ScheduleGroup", "sleep"],
        ["$aws:iam/role:Role", "sleep-schedule"],
        ["$aws:iam/policy:Policy", "sleep-schedule"],
        ["$aws:iam/rolePolicyAttachment:RolePolicyAttachment", "sleep-schedule"],
        ["$aws:scheduler/schedule:Schedule", "sleep-silence-alarms"],
        ["$aws:scheduler/schedule:Schedule", "sleep-resume-alarms"],
        ...[1, 2, 3, 4].map((i) => ["$aws:scheduler/schedule:Schedule", `sleep-rearm-alarm-${i}`]),
    ].map(([type, name]) => ({
        stack: "dev",
        urn: urn("dev", `${SILENCE}${type}`, name),
        kind: "added" as const,
        why: SILENCE_WHY,
    })),
];
/** [chain under the stack, name, why] of each resource issue 17's alerts add to both stacks. */
const NO_SILENT_FAILURES: [string, string, string][] = [
    [
        `${MONITORING}:ServiceAlarms$aws:cloudwatch/metricAlarm:MetricAlarm`,
        "alarms-cron-not-running",
        "a new alarm: REDCap's cron runner has no running task (Container Insights' RunningTaskCount, or in dev, where Container Insights is off, ECS's own CPUUtilization sample count; no data counts as down)",
    ],
    [
        `${MONITORING}:EventAlerts`,
        "events",
        "the EventAlerts component itself: a grouping in Pulumi's state, no AWS resource",
    ],
    [
        `${MONITORING}:EventAlerts$aws:cloudwatch/eventRule:EventRule`,
        "events-deployment-failed",
        "a new EventBridge rule: an ECS deployment the circuit breaker rolled back notifies the alert topic",
    ],
    [
        `${MONITORING}:EventAlerts$aws:cloudwatch/eventTarget:EventTarget`,
        "events-deployment-failed",
        "the alert topic as the rolled-back-deployment rule's target, with a readable message",
    ],
    [
        `${MONITORING}:SiteHealthCheck`,
        "site",
        "the SiteHealthCheck component itself: a grouping in Pulumi's state, no AWS resource",
    ],
    [
        `${MONITORING}:SiteHealthCheck$aws:route53/healthCheck:HealthCheck`,
        "site",
        "a new Route 53 health check of https://<domainName>/health.php from outside AWS's network",
    ],
    [
        `${MONITORING}:SiteHealthCheck$aws:cloudwatch/metricAlarm:MetricAlarm`,
        "site-down",
        "a new alarm (us-east-1, where Route 53's metrics are) on the health check's status, to the alert topic",
    ],
    [
        `${MONITORING}:CostBudget`,
        "budget",
        "the CostBudget component itself: a grouping in Pulumi's state, no AWS resource",
    ],
    [
        `${MONITORING}:CostBudget$aws:budgets/budget:Budget`,
        "budget",
        "a new monthly cost budget of the stack's tagged resources, notifying the alert topic on actual and forecast over 100%",
    ],
];

export const INTENDED_DIFFERENCES: IntendedDifference[] = [
    ...NO_SILENT_FAILURES.flatMap(([chain, name, why]) =>
        inBothStacks((stack) => ({ urn: urn(stack, chain, name), kind: "added", why })),
    ),
    ...(
        [
            [
                "eventRule:EventRule",
                "a new EventBridge rule: a resource turning NON_COMPLIANT with an AWS Config rule notifies the alert topic (prod owns the account baseline, so AWS Config)",
            ],
            [
                "eventTarget:EventTarget",
                "the alert topic as the Config-compliance rule's target, with a readable message",
            ],
        ] as const
    ).map(([type, why]) => ({
        stack: "prod",
        urn: urn(
            "prod",
            `${MONITORING}:EventAlerts$aws:cloudwatch/${type}`,
            "events-config-non-compliant",
        ),
        kind: "added" as const,
        why,
    })),
    ...inBothStacks((stack) => ({
        urn: urn(stack, `${MONITORING}:AlertTopic$aws:sns/topicPolicy:TopicPolicy`, "alerts"),
        kind: "inputs",
        keys: ["policy"],
        why: "the alert topic's policy lets AWS Budgets publish for this account's budgets only (aws:SourceAccount and aws:SourceArn, as AWS documents); updated in place",
    })),
    ...inBothStacks((stack) => ({
        urn: urn(stack, "hipaa:security:EncryptionKeys$aws:kms/key:Key", "keys-alerts"),
        kind: "inputs",
        keys: ["policy"],
        why: "the alerts key lets AWS Budgets encrypt what it publishes to the (encrypted) alert topic, as it lets CloudWatch, EventBridge and SES; the key policy is updated in place, the key kept",
    })),
    ...inBothStacks((stack) => ({
        urn: urn(stack, `${MONITORING}:ServiceAlarms$aws:cloudwatch/dashboard:Dashboard`, "alarms"),
        kind: "inputs",
        keys: ["dashboardBody"],
        why: "the dashboard graphs the new cron-runner alarm; updated in place",
    })),
    ...inBothStacks((stack) => ({
        urn: urn(stack, "hipaa:app:RedcapImage$awsx:ecr:Image", "image-image"),
        kind: "inputs",
        keys: ["imageTag"],
        why: IMAGE_WHY,
    })),
    ...[
        [REDCAP, "app-setup"],
        [SERVICE, "app-web"],
        [SERVICE, "app-cron"],
    ].flatMap(([chain, name]) =>
        inBothStacks((stack) => ({
            urn: urn(stack, `${chain}$aws:ecs/taskDefinition:TaskDefinition`, name),
            kind: "inputs",
            // dev's web tasks are also right-sized (below).
            keys:
                stack === "dev" && name === "app-web"
                    ? ["containerDefinitions", "cpu", "memory"]
                    : ["containerDefinitions"],
            why:
                stack === "dev" && name === "app-web"
                    ? `${IMAGE_WHY}; and dev's web tasks default to 0.5 vCPU / 1 GB instead of 1 vCPU / 2 GB (PHP's workers follow the memory): a new revision, as the image change makes anyway`
                    : IMAGE_WHY,
        })),
    ),
    ...SLEEPING_DEV,
    {
        stack: "dev",
        urn: urn("dev", `${REDCAP}$hipaa:compute:FargateCluster$aws:ecs/cluster:Cluster`, "app"),
        kind: "inputs",
        keys: ["settings"],
        why: "dev's cluster turns Container Insights off (redcap:app.containerInsights defaults to disabled in dev: about $18 a month; the advisory ecs-container-insights is accepted in policy-pack/README.md); ECS updates the cluster's settings in place",
    },
    ...inBothStacks((stack) => ({
        urn: urn(stack, "hipaa:network:WebFirewall$aws:wafv2/webAcl:WebAcl", "firewall"),
        kind: "inputs",
        keys: ["rules"],
        why: "no exception to content inspection covers REDCap's unauthenticated requests any more (API, surveys, password recovery, sign-in posts): the API and surveys leave the exceptions' paths and one rule blocks the rest; the web ACL is updated in place",
    })),
    ...(
        [
            ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "web-alb-to-targets"],
            ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "web-targets-from-alb"],
        ] as const
    ).flatMap(([type, oldName]) =>
        inBothStacks((stack) => ({
            urn: urn(stack, `${LB}$${type}`, `${oldName}-8443`),
            kind: "moved",
            keys: [urn(stack, `${LB}$${type}`, oldName)],
            why: LB_RULES_WHY,
        })),
    ),
    ...["app-web", "app-cron"].flatMap((name) =>
        inBothStacks((stack) => ({
            urn: urn(stack, SERVICE, name),
            kind: "added",
            why: "the FargateService component itself: a grouping in Pulumi's state, no AWS resource",
        })),
    ),
    ...inBothStacks((stack) => ({
        urn: urn(
            stack,
            "hipaa:mail:MailRelay$aws:sns/topicPolicy:TopicPolicy",
            "mail-notifications",
        ),
        kind: "inputs",
        keys: ["policy"],
        why: "the mail-notifications topic refuses requests made without TLS (a Deny on aws:SecureTransport false, as the alert topic has); the policy is updated in place",
    })),
    ...inBothStacks((stack) => ({
        urn: urn(stack, "hipaa:database:RedcapDatabase$aws:iam/role:Role", "database-monitoring"),
        kind: "inputs",
        keys: ["assumeRolePolicy"],
        why: "RDS enhanced monitoring may assume its role only for this account (aws:SourceAccount, as RDS documents against the confused deputy); the trust policy is updated in place",
    })),
    ...inBothStacks((stack) => ({
        urn: urn(stack, `${REDCAP}$aws:iam/policy:Policy`, "app-setup"),
        kind: "inputs",
        keys: ["policy"],
        why: "the setup runner may list tasks in its own cluster (ecs:ListTasks on *, ecs:cluster condition): it waits for a setup task an earlier deploy gave up on instead of starting a second one; the policy is updated in place",
    })),
    ...["app-setup", "app-setup-finish"].flatMap((name) =>
        inBothStacks((stack) => ({
            urn: urn(stack, `${REDCAP}$aws:lambda/invocation:Invocation`, name),
            kind: "inputs" as const,
            keys: ["input"],
            why: "the setup runner's event carries startedBy, a hash of the values that re-run setup, so a retried deploy finds the setup task an earlier attempt left running or finished; a changed Invocation is replaced, which only invokes the function again (an Invocation is no AWS resource), and both steps are idempotent (the image change of this release runs them anyway)",
        })),
    ),
    ...MOVED_TO_SERVICES.flatMap(([type, name, oldName]) =>
        inBothStacks((stack) => ({
            urn: urn(stack, `${SERVICE}$${type}`, name),
            kind: "moved",
            keys: [urn(stack, `${REDCAP}$${type}`, oldName)],
            why: SERVICES_WHY,
        })),
    ),
];
