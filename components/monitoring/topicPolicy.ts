import type { PolicyDocument } from "../iam/policyDocument";

/** What the account's own principals may do on the topic: the actions of SNS's default policy. */
export const TOPIC_OWNER_ACTIONS = [
    "SNS:AddPermission",
    "SNS:DeleteTopic",
    "SNS:GetTopicAttributes",
    "SNS:ListSubscriptionsByTopic",
    "SNS:Publish",
    "SNS:RemovePermission",
    "SNS:SetTopicAttributes",
    "SNS:Subscribe",
];

/** Services that publish alarms and events to the topic on their own behalf. */
export const ALERT_PUBLISHERS = ["cloudwatch.amazonaws.com", "events.amazonaws.com"];

/** AWS Budgets, which publishes a budget's notifications (see AWS's "budgets-sns-policy"). */
export const BUDGETS_PUBLISHER = "budgets.amazonaws.com";

export interface AlertTopicPolicyContext {
    topicArn: string;
    accountId: string;
    /** `aws`, `aws-cn` or `aws-us-gov`. */
    partition: string;
}

/**
 * The alert topic's policy:
 *  - principals of this account keep what SNS's default policy gives them (IAM still decides
 *    which of them may), written with the account as principal instead of `*` + SourceOwner;
 *  - CloudWatch alarms and EventBridge rules may publish, but only on behalf of this account
 *    (`aws:SourceAccount`), so another account's alarm cannot use the topic (confused deputy);
 *  - AWS Budgets may publish for this account's budgets only (`aws:SourceAccount` and
 *    `aws:SourceArn` like `arn:<partition>:budgets::<account>:*`, the condition AWS documents);
 *  - nothing reaches the topic over plain HTTP (`aws:SecureTransport` false is denied), as SNS's
 *    security best practices recommend.
 * The topic is encrypted with the "alerts" key, whose policy lets these two services use it.
 */
export function alertTopicPolicy(ctx: AlertTopicPolicyContext): PolicyDocument {
    for (const [field, value] of Object.entries(ctx)) {
        if (!value) {
            throw new Error(`alertTopicPolicy: ${field} is empty`);
        }
    }
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountPrincipalsUseTopic",
                Effect: "Allow",
                Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
                Action: TOPIC_OWNER_ACTIONS,
                Resource: ctx.topicArn,
            },
            {
                Sid: "AlarmsAndEventsOfThisAccountPublish",
                Effect: "Allow",
                Principal: { Service: ALERT_PUBLISHERS },
                Action: ["SNS:Publish"],
                Resource: ctx.topicArn,
                Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
            },
            {
                Sid: "BudgetsOfThisAccountPublish",
                Effect: "Allow",
                Principal: { Service: BUDGETS_PUBLISHER },
                Action: ["SNS:Publish"],
                Resource: ctx.topicArn,
                Condition: {
                    StringEquals: { "aws:SourceAccount": ctx.accountId },
                    ArnLike: {
                        "aws:SourceArn": `arn:${ctx.partition}:budgets::${ctx.accountId}:*`,
                    },
                },
            },
            {
                Sid: "DenyWithoutTls",
                Effect: "Deny",
                Principal: "*",
                Action: TOPIC_OWNER_ACTIONS,
                Resource: ctx.topicArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}
