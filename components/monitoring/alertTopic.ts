import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alertTopicPolicy } from "./topicPolicy";

export interface AlertTopicArgs {
    /** Key of the topic: the "alerts" key, whose policy lets CloudWatch and EventBridge use it. */
    alertsKmsKeyArn: pulumi.Input<string>;
    /**
     * Who gets every alarm and recovery notice, by email. At least one; each address must confirm
     * the subscription from the email SNS sends (unconfirmed ones lapse after three days).
     */
    emails: string[];
    /** Sender name of the emails. Default `Alerts (<name>)`. */
    displayName?: string;
}

/** A plain address: something@domain.tld, no spaces, no display name. */
const EMAIL = /^[^\s@<>"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/**
 * The SNS topic that every alarm of a stack notifies: encrypted with the alerts key, published
 * to only by this account's principals, CloudWatch alarms and EventBridge rules (see
 * topicPolicy.ts), never over plain HTTP, with an email subscription per address.
 */
export class AlertTopic extends pulumi.ComponentResource {
    public readonly topicArn: pulumi.Output<string>;

    constructor(name: string, args: AlertTopicArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:monitoring:AlertTopic", name, {}, opts);
        const where = `AlertTopic ${name}`;
        const displayName = args.displayName ?? `Alerts (${name})`;
        if (args.emails.length === 0) {
            throw new Error(
                `${where}: emails [] is not allowed; expected at least one address that receives alarms`,
            );
        }
        const seen = new Set<string>();
        for (const email of args.emails) {
            if (!EMAIL.test(email)) {
                throw new Error(
                    `${where}: emails entry "${email}" is not allowed; expected an email address such as it-oncall@example.edu`,
                );
            }
            if (seen.has(email.toLowerCase())) {
                throw new Error(`${where}: emails entry "${email}" is listed twice`);
            }
            seen.add(email.toLowerCase());
        }
        // SNS shows at most 100 characters as the email sender name.
        if (displayName.length === 0 || displayName.length > 100) {
            throw new Error(
                `${where}: displayName "${displayName}" is not allowed; expected 1 to 100 characters`,
            );
        }
        const parent = { parent: this };
        const account = aws.getCallerIdentityOutput({}, parent).accountId;
        const partition = aws.getPartitionOutput({}, parent).partition;

        const topic = new aws.sns.Topic(
            name,
            { kmsMasterKeyId: args.alertsKmsKeyArn, displayName },
            parent,
        );
        new aws.sns.TopicPolicy(
            name,
            {
                arn: topic.arn,
                policy: pulumi
                    .all([topic.arn, account, partition])
                    .apply(([topicArn, accountId, partitionName]) =>
                        JSON.stringify(
                            alertTopicPolicy({ topicArn, accountId, partition: partitionName }),
                        ),
                    ),
            },
            parent,
        );
        // Named after the address (hashed), not its position: reordering the list changes nothing.
        for (const email of args.emails) {
            const key = createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 8);
            new aws.sns.TopicSubscription(
                `${name}-email-${key}`,
                { topic: topic.arn, protocol: "email", endpoint: email },
                parent,
            );
        }

        this.topicArn = topic.arn;
        this.registerOutputs({ topicArn: this.topicArn });
    }
}
