import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { requireWholeNumber } from "../validation";
import { createStoredSecret } from "../secrets/storedSecret";
import { exemptionTags } from "../tags";
import {
    mailDnsRecords,
    type DnsRecord,
    sesNotificationsTopicPolicy,
    smtpSendPolicy,
} from "./mailPolicies";

export interface MailRelayArgs {
    /** The domain mail is sent from, verified in SES with Easy DKIM, e.g. `redcap.example.edu`. */
    domain: string;
    /** REDCap's sender address; must be in `domain`. */
    fromAddress: string;
    /** Subdomain of `domain` used as the MAIL FROM (bounce) domain. Default `mail`. */
    mailFromSubdomain?: string;
    /** Route 53 zone that holds `domain`: DKIM, MAIL FROM MX and SPF records are created there. */
    hostedZoneId?: pulumi.Input<string>;
    /** Key of the SNS topic that receives bounces and complaints. */
    alertsKmsKeyArn: pulumi.Input<string>;
    /** Key of the secret holding REDCap's SMTP credentials. */
    secretsKmsKeyArn: pulumi.Input<string>;
    /** Addresses that get bounce and complaint notifications (they must confirm by email). */
    notificationEmails?: string[];
    /**
     * Deliver only over TLS to recipients' mail servers (SES `tlsPolicy: REQUIRE`): mail can hold
     * PHI. A recipient server without TLS then gets nothing. Default true.
     */
    requireTls?: boolean;
    /** Generation of the SMTP credentials; raise it to replace them on the next `pulumi up`. Default 1. */
    credentialGeneration?: number;
    /** Keep the secret when the stack is destroyed (prod). Default false. */
    protect?: boolean;
}

/**
 * Mail for REDCap through Amazon SES: the sending domain with Easy DKIM and a custom MAIL FROM
 * domain, a configuration set that sends bounces and complaints to an encrypted SNS topic, and
 * SMTP credentials (STARTTLS on 587) for an IAM user that can send only from this identity, kept
 * in Secrets Manager under our key.
 */
export class MailRelay extends pulumi.ComponentResource {
    public readonly smtpHost: pulumi.Output<string>;
    public readonly smtpPort: number;
    public readonly fromAddress: string;
    /** Secret `{"username","password"}` of REDCap's SMTP credentials. */
    public readonly smtpSecretArn: pulumi.Output<string>;
    public readonly notificationTopicArn: pulumi.Output<string>;
    /** The configuration set REDCap's mail goes through; it publishes reputation metrics. */
    public readonly configurationSetName: pulumi.Output<string>;
    /** The DNS records the domain needs (created in Route 53 when `hostedZoneId` is given). */
    public readonly dnsRecords: pulumi.Output<DnsRecord[]>;

    constructor(name: string, args: MailRelayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:mail:MailRelay", name, {}, opts);
        const subdomain = args.mailFromSubdomain ?? "mail";
        const generation = args.credentialGeneration ?? 1;
        const protect = args.protect ?? false;
        const where = `MailRelay ${name}`;
        if (
            !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(args.domain)
        ) {
            throw new Error(
                `${where}: domain "${args.domain}" is not allowed; expected a lower-case DNS name`,
            );
        }
        if (!args.fromAddress.toLowerCase().endsWith(`@${args.domain}`)) {
            throw new Error(
                `${where}: fromAddress "${args.fromAddress}" is not allowed; expected an address @${args.domain}, the verified domain`,
            );
        }
        if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(subdomain)) {
            throw new Error(
                `${where}: mailFromSubdomain "${subdomain}" is not allowed; expected one DNS label`,
            );
        }
        requireWholeNumber(where, "credentialGeneration", generation, 1, 1_000_000);
        const parent = { parent: this };
        const region = aws.getRegionOutput({}, parent).region;
        const account = aws.getCallerIdentityOutput({}, parent).accountId;

        // ---- bounces and complaints to an encrypted topic
        const topic = new aws.sns.Topic(
            `${name}-notifications`,
            {
                kmsMasterKeyId: args.alertsKmsKeyArn,
                displayName: `REDCap mail bounces and complaints (${args.domain})`,
            },
            parent,
        );
        new aws.sns.TopicPolicy(
            `${name}-notifications`,
            {
                arn: topic.arn,
                policy: pulumi
                    .all([topic.arn, account])
                    .apply(([topicArn, accountId]) =>
                        JSON.stringify(sesNotificationsTopicPolicy(topicArn, accountId)),
                    ),
            },
            parent,
        );
        for (const [i, email] of (args.notificationEmails ?? []).entries()) {
            new aws.sns.TopicSubscription(
                `${name}-notify-${i + 1}`,
                { topic: topic.arn, protocol: "email", endpoint: email },
                parent,
            );
        }
        const configurationSet = new aws.sesv2.ConfigurationSet(
            `${name}-config`,
            {
                configurationSetName: `${name}-${args.domain.replace(/\./g, "-")}`.slice(0, 64),
                deliveryOptions: { tlsPolicy: args.requireTls === false ? "OPTIONAL" : "REQUIRE" },
                reputationOptions: { reputationMetricsEnabled: true },
                suppressionOptions: { suppressedReasons: ["BOUNCE", "COMPLAINT"] },
            },
            parent,
        );
        new aws.sesv2.ConfigurationSetEventDestination(
            `${name}-bounces`,
            {
                configurationSetName: configurationSet.configurationSetName,
                eventDestinationName: "bounces-and-complaints",
                eventDestination: {
                    enabled: true,
                    matchingEventTypes: ["BOUNCE", "COMPLAINT", "REJECT"],
                    snsDestination: { topicArn: topic.arn },
                },
            },
            parent,
        );

        // ---- the sending domain
        const identity = new aws.sesv2.EmailIdentity(
            `${name}-domain`,
            {
                emailIdentity: args.domain,
                configurationSetName: configurationSet.configurationSetName,
            },
            parent,
        );
        const mailFromDomain = `${subdomain}.${args.domain}`;
        new aws.sesv2.EmailIdentityMailFromAttributes(
            `${name}-mail-from`,
            {
                emailIdentity: identity.emailIdentity,
                mailFromDomain,
                behaviorOnMxFailure: "USE_DEFAULT_VALUE",
            },
            parent,
        );
        const records = pulumi
            .all([identity.dkimSigningAttributes, region])
            .apply(([dkim, regionName]) =>
                mailDnsRecords(args.domain, mailFromDomain, dkim?.tokens ?? [], regionName),
            );
        if (args.hostedZoneId) {
            // Three DKIM records, one MX and one TXT: a fixed count, so records can be declared now.
            const kinds = ["dkim-1", "dkim-2", "dkim-3", "mail-from-mx", "mail-from-spf"];
            kinds.forEach(
                (kind, i) =>
                    new aws.route53.Record(
                        `${name}-${kind}`,
                        {
                            zoneId: args.hostedZoneId!,
                            name: records.apply((r) => r[i].name),
                            type: records.apply((r) => r[i].type),
                            ttl: 1800,
                            records: records.apply((r) => [r[i].value]),
                        },
                        parent,
                    ),
            );
        }

        // ---- REDCap's SMTP credentials
        const user = new aws.iam.User(
            `${name}-smtp`,
            {
                path: "/redcap/",
                tags: exemptionTags(
                    "iam-no-user-credentials",
                    "SES SMTP needs an access key; this user can only send mail from the REDCap identity",
                ),
            },
            parent,
        );
        const policy = new aws.iam.Policy(
            `${name}-smtp`,
            {
                description: `Send mail from ${args.fromAddress} through SES, nothing else`,
                policy: pulumi
                    .all([identity.arn, configurationSet.arn])
                    .apply(([identityArn, configurationSetArn]) =>
                        JSON.stringify(
                            smtpSendPolicy({
                                identityArn,
                                configurationSetArn,
                                fromAddress: args.fromAddress,
                            }),
                        ),
                    ),
            },
            parent,
        );
        new aws.iam.UserPolicyAttachment(
            `${name}-smtp`,
            { user: user.name, policyArn: policy.arn },
            parent,
        );
        const key = new aws.iam.AccessKey(
            `${name}-smtp-${generation}`,
            { user: user.name },
            parent,
        );
        // The SMTP password is derived from the key's secret for this region (SigV4).
        const { secret } = createStoredSecret(
            `${name}-smtp`,
            {
                description: `REDCap's SES SMTP credentials for ${args.fromAddress} (generation ${generation})`,
                kmsKeyArn: args.secretsKmsKeyArn,
                value: pulumi.jsonStringify({ username: key.id, password: key.sesSmtpPasswordV4 }),
                protect,
                notRotatedBecause:
                    "Rotated by raising credentialGeneration; SES SMTP passwords derive from an IAM access key",
            },
            this,
        );

        this.smtpHost = pulumi.interpolate`email-smtp.${region}.amazonaws.com`;
        this.smtpPort = 587;
        this.fromAddress = args.fromAddress;
        this.smtpSecretArn = secret.arn;
        this.notificationTopicArn = topic.arn;
        this.configurationSetName = configurationSet.configurationSetName;
        this.dnsRecords = records;
        this.registerOutputs({
            smtpHost: this.smtpHost,
            smtpSecretArn: this.smtpSecretArn,
            notificationTopicArn: this.notificationTopicArn,
            configurationSetName: this.configurationSetName,
            dnsRecords: this.dnsRecords,
        });
    }
}
