import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    CONFIG_NON_COMPLIANT_MESSAGE,
    CONFIG_NON_COMPLIANT_PATTERN,
    DEPLOYMENT_FAILED_MESSAGE,
    deploymentFailedPattern,
    type EventPattern,
    type InputTransformer,
} from "./eventPatterns";

export interface EventAlertsArgs {
    /** AlertTopic's `topicArn`; its policy lets this account's EventBridge rules publish. */
    topicArn: pulumi.Input<string>;
    /**
     * ECS clusters whose services deploy with the circuit breaker: a failed (rolled-back)
     * deployment of any of their services notifies the topic. Empty or unset: no rule.
     */
    deploymentClusterNames?: pulumi.Input<string>[];
    /**
     * Notify when a resource turns non-compliant with an AWS Config rule of the account. Only in
     * the stack that owns the account baseline (AWS Config): every stack would send the same.
     * Default false.
     */
    configCompliance?: boolean;
}

/**
 * EventBridge rules that turn what AWS only records as an event into an alert: a deployment the
 * ECS circuit breaker rolled back, and an AWS Config rule turning non-compliant. Each sends a
 * readable message (eventPatterns.ts) to the alert topic.
 */
export class EventAlerts extends pulumi.ComponentResource {
    /** The rules' names, for the stack's outputs. */
    public readonly ruleNames: pulumi.Output<string>[] = [];

    constructor(name: string, args: EventAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:monitoring:EventAlerts", name, {}, opts);
        const parent = { parent: this };
        const clusters = args.deploymentClusterNames ?? [];

        if (clusters.length > 0) {
            const where = pulumi
                .all([
                    aws.getPartitionOutput({}, parent).partition,
                    aws.getRegionOutput({}, parent).region,
                    aws.getCallerIdentityOutput({}, parent).accountId,
                    pulumi.all(clusters),
                ])
                .apply(([partition, region, accountId, names]) =>
                    JSON.stringify(
                        deploymentFailedPattern({ partition, region, accountId }, names),
                    ),
                );
            this.rule(
                `${name}-deployment-failed`,
                "An ECS deployment failed and the circuit breaker rolled it back",
                where,
                DEPLOYMENT_FAILED_MESSAGE,
                args.topicArn,
            );
        }
        if (args.configCompliance) {
            this.rule(
                `${name}-config-non-compliant`,
                "A resource turned non-compliant with an AWS Config rule",
                JSON.stringify(CONFIG_NON_COMPLIANT_PATTERN satisfies EventPattern),
                CONFIG_NON_COMPLIANT_MESSAGE,
                args.topicArn,
            );
        }
        this.registerOutputs({});
    }

    private rule(
        name: string,
        description: string,
        eventPattern: pulumi.Input<string>,
        inputTransformer: InputTransformer,
        topicArn: pulumi.Input<string>,
    ): void {
        const rule = new aws.cloudwatch.EventRule(
            name,
            { description, eventPattern },
            { parent: this },
        );
        new aws.cloudwatch.EventTarget(
            name,
            { rule: rule.name, arn: topicArn, inputTransformer },
            { parent: this },
        );
        this.ruleNames.push(rule.name);
    }
}
