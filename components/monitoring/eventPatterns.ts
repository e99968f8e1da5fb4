/**
 * EventBridge event patterns and the readable messages the alert topic sends for them, as plain
 * data (EventAlerts and SiteHealthCheck turn them into rules; tests read them directly).
 */

/** An EventBridge event pattern (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html). */
export type EventPattern = Record<string, unknown>;

/** Where a stack's resources are: every ARN in a pattern is built from it. */
export interface ArnContext {
    partition: string;
    region: string;
    accountId: string;
}

/**
 * A failed ECS deployment of any service in the given clusters. ECS sends
 * SERVICE_DEPLOYMENT_FAILED (detail type "ECS Deployment State Change") when the deployment
 * circuit breaker gives up; with rollback on, it then rolls back to the last completed
 * deployment. Service ARNs are `arn:<partition>:ecs:<region>:<account>:service/<cluster>/<name>`.
 */
export function deploymentFailedPattern(ctx: ArnContext, clusterNames: string[]): EventPattern {
    if (clusterNames.length === 0) {
        throw new Error("deploymentFailedPattern: clusterNames is empty");
    }
    return {
        source: ["aws.ecs"],
        "detail-type": ["ECS Deployment State Change"],
        resources: clusterNames.map((cluster) => ({
            prefix: `arn:${ctx.partition}:ecs:${ctx.region}:${ctx.accountId}:service/${cluster}/`,
        })),
        detail: { eventName: ["SERVICE_DEPLOYMENT_FAILED"] },
    };
}

/**
 * A resource turned non-compliant with an AWS Config rule (conformance-pack rules included): one
 * event per rule and resource, only on the change, not on every evaluation.
 */
export const CONFIG_NON_COMPLIANT_PATTERN: EventPattern = {
    source: ["aws.config"],
    "detail-type": ["Config Rules Compliance Change"],
    detail: {
        messageType: ["ComplianceChangeNotification"],
        newEvaluationResult: { complianceType: ["NON_COMPLIANT"] },
    },
};

/** A CloudWatch alarm of this account, by ARN, changing state (ALARM, OK, INSUFFICIENT_DATA). */
export function alarmStateChangePattern(alarmArn: string): EventPattern {
    return {
        source: ["aws.cloudwatch"],
        "detail-type": ["CloudWatch Alarm State Change"],
        resources: [alarmArn],
    };
}

/**
 * EventTarget's inputTransformer: the message an email reader sees instead of the raw event. For
 * an SNS target the template must be a JSON string, so it is quoted; `<name>` are input paths.
 */
export interface InputTransformer {
    inputPaths: Record<string, string>;
    inputTemplate: string;
}

const message = (inputPaths: Record<string, string>, text: string): InputTransformer => {
    for (const name of text.match(/<([A-Za-z0-9_]+)>/g) ?? []) {
        if (!(name.slice(1, -1) in inputPaths)) {
            throw new Error(`message: ${name} has no input path`);
        }
    }
    return { inputPaths, inputTemplate: JSON.stringify(text) };
};

export const DEPLOYMENT_FAILED_MESSAGE = message(
    { service: "$.resources[0]", reason: "$.detail.reason", time: "$.time" },
    "ECS deployment failed at <time> and was rolled back to the last working version: <service>. Reason: <reason>. What to do: docs/runbooks/alerts.md (deployment rolled back).",
);

export const CONFIG_NON_COMPLIANT_MESSAGE = message(
    {
        rule: "$.detail.configRuleName",
        type: "$.detail.resourceType",
        resource: "$.detail.resourceId",
        region: "$.detail.awsRegion",
    },
    "AWS Config: <type> <resource> in <region> is now NON_COMPLIANT with rule <rule>. What to do: docs/runbooks/alerts.md (Config rule non-compliant).",
);

export const ALARM_STATE_MESSAGE = message(
    { alarm: "$.detail.alarmName", state: "$.detail.state.value", reason: "$.detail.state.reason" },
    "CloudWatch alarm <alarm> is now <state>: <reason>. What to do: docs/runbooks/alerts.md.",
);
