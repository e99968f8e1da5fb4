import type { PolicyDocument } from "../iam/policyDocument";

/** A DNS record the sending domain needs. */
export interface DnsRecord {
    name: string;
    type: "CNAME" | "MX" | "TXT";
    value: string;
}

/**
 * The records SES needs: one CNAME per Easy DKIM token, and for the MAIL FROM domain an MX to
 * SES's feedback endpoint of the region and an SPF record that allows SES.
 */
export function mailDnsRecords(
    domain: string,
    mailFromDomain: string,
    dkimTokens: string[],
    region: string,
): DnsRecord[] {
    const dkim = dkimTokens.map((token): DnsRecord => ({
        name: `${token}._domainkey.${domain}`,
        type: "CNAME",
        value: `${token}.dkim.amazonses.com`,
    }));
    return [
        ...dkim,
        { name: mailFromDomain, type: "MX", value: `10 feedback-smtp.${region}.amazonses.com` },
        { name: mailFromDomain, type: "TXT", value: '"v=spf1 include:amazonses.com ~all"' },
    ];
}

/** REDCap's SMTP user may send raw mail (what SMTP uses) from its one address and identity only. */
export function smtpSendPolicy(args: {
    identityArn: string;
    configurationSetArn: string;
    fromAddress: string;
}): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "SendFromRedcapIdentityOnly",
                Effect: "Allow",
                Action: ["ses:SendRawEmail"],
                Resource: [args.identityArn, args.configurationSetArn],
                Condition: { StringEquals: { "ses:FromAddress": args.fromAddress } },
            },
        ],
    };
}

/**
 * Lets SES (for this account only) publish bounce and complaint events to the topic, and refuses
 * every request to it made without TLS, as SNS's security best practices recommend.
 */
export function sesNotificationsTopicPolicy(topicArn: string, accountId: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "SesPublishesMailEvents",
                Effect: "Allow",
                Principal: { Service: "ses.amazonaws.com" },
                Action: ["sns:Publish"],
                Resource: topicArn,
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
            {
                Sid: "DenyWithoutTls",
                Effect: "Deny",
                Principal: "*",
                Action: ["sns:*"],
                Resource: topicArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}
