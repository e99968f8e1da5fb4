import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseIpv4Cidr } from "../hipaaVpc/subnetPlan";
import { LOG_RETENTION_DAYS } from "../logRetention";
import { MIN_RATE_LIMIT, redcapWafRules } from "./wafRules";

export interface WebFirewallArgs {
    /**
     * Prefix of the log group's name (`aws-waf-logs-<prefix>`), unique per account and region,
     * e.g. `redcap-prod`, so two stacks can share an account. Default: the component's name.
     */
    namePrefix?: string;
    /** ARN of the load balancer the web ACL protects. */
    resourceArn: pulumi.Input<string>;
    /** Requests one client IP may send in 5 minutes. Default 3000. */
    rateLimitPer5Minutes?: number;
    /** IPv4 CIDRs allowed to reach REDCap at all; empty means everyone. */
    allowedCidrs?: string[];
    /** Countries (ISO 3166 alpha-2) allowed to reach REDCap; empty means all. */
    allowedCountries?: string[];
    /** IPv4 CIDRs allowed to reach install.php and upgrade.php; empty means nobody from outside. */
    adminCidrs?: string[];
    /**
     * REDCap signs users in with SAML: the identity provider's responses, often over 8 KB, may be
     * posted to Shibboleth's assertion consumer. Default false.
     */
    samlSignIn?: boolean;
    /** Key of the WAF log group. */
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
}

/**
 * AWS WAF in front of REDCap's load balancer: client allow-lists, no cron.php from the internet,
 * install.php and upgrade.php for admins only, a per-IP rate limit, AWS managed rule groups with
 * REDCap's exceptions scoped to the pages that need them (see wafRules.ts), and logs of every
 * decision in an encrypted log group with cookies and credentials redacted.
 */
export class WebFirewall extends pulumi.ComponentResource {
    public readonly webAclArn: pulumi.Output<string>;
    /** The web ACL's CloudWatch metric name: the `WebACL` dimension of its AWS/WAFV2 metrics. */
    public readonly webAclMetricName: pulumi.Output<string>;
    public readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: WebFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:network:WebFirewall", name, {}, opts);
        const where = `WebFirewall ${name}`;
        const rateLimit = args.rateLimitPer5Minutes ?? 3000;
        for (const [arg, cidrs] of [
            ["allowedCidrs", args.allowedCidrs ?? []],
            ["adminCidrs", args.adminCidrs ?? []],
        ] as const) {
            for (const cidr of cidrs) {
                if ("error" in parseIpv4Cidr(cidr)) {
                    throw new Error(
                        `${where}: ${arg} entry "${cidr}" is not allowed; expected IPv4 CIDR notation such as 192.0.2.0/24`,
                    );
                }
            }
        }
        for (const country of args.allowedCountries ?? []) {
            if (!/^[A-Z]{2}$/.test(country)) {
                throw new Error(
                    `${where}: allowedCountries entry "${country}" is not allowed; expected an ISO 3166 alpha-2 code such as US`,
                );
            }
        }
        if (
            !Number.isInteger(rateLimit) ||
            rateLimit < MIN_RATE_LIMIT ||
            rateLimit > 2_000_000_000
        ) {
            throw new Error(
                `${where}: rateLimitPer5Minutes ${rateLimit} is not allowed; expected a whole number from ${MIN_RATE_LIMIT} (AWS WAF's minimum) to 2000000000`,
            );
        }
        if (!(LOG_RETENTION_DAYS as readonly number[]).includes(args.logRetentionDays)) {
            throw new Error(`${where}: logRetentionDays ${args.logRetentionDays} is not allowed`);
        }
        const parent = { parent: this };
        const ipSet = (suffix: string, addresses: string[]) =>
            new aws.wafv2.IpSet(
                `${name}-${suffix}`,
                {
                    scope: "REGIONAL",
                    ipAddressVersion: "IPV4",
                    addresses,
                    description: `REDCap ${suffix}`,
                },
                parent,
            );
        const allowed = args.allowedCidrs?.length ? ipSet("allowed", args.allowedCidrs) : undefined;
        const admins = args.adminCidrs?.length ? ipSet("admins", args.adminCidrs) : undefined;

        const acl = new aws.wafv2.WebAcl(
            name,
            {
                scope: "REGIONAL",
                description:
                    "REDCap: allow-lists, closed admin paths, rate limit, AWS managed rules",
                defaultAction: { allow: {} },
                rules: redcapWafRules({
                    rateLimitPer5Minutes: rateLimit,
                    allowedIpSetArn: allowed?.arn,
                    allowedCountries: args.allowedCountries,
                    adminIpSetArn: admins?.arn,
                    samlSignIn: args.samlSignIn,
                }),
                visibilityConfig: {
                    cloudwatchMetricsEnabled: true,
                    metricName: name,
                    sampledRequestsEnabled: true,
                },
            },
            parent,
        );
        new aws.wafv2.WebAclAssociation(
            name,
            { resourceArn: args.resourceArn, webAclArn: acl.arn },
            parent,
        );

        // WAF writes only to log groups named aws-waf-logs-*.
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            {
                name: `aws-waf-logs-${args.namePrefix ?? name}`,
                kmsKeyId: args.logsKmsKeyArn,
                retentionInDays: args.logRetentionDays,
            },
            parent,
        );
        new aws.wafv2.WebAclLoggingConfiguration(
            name,
            {
                resourceArn: acl.arn,
                logDestinationConfigs: [logGroup.arn],
                // Session cookies and credentials never reach the logs.
                redactedFields: [
                    { singleHeader: { name: "authorization" } },
                    { singleHeader: { name: "cookie" } },
                ],
            },
            parent,
        );

        this.webAclArn = acl.arn;
        this.webAclMetricName = acl.visibilityConfig.metricName;
        this.logGroupName = logGroup.name;
        this.registerOutputs({
            webAclArn: this.webAclArn,
            webAclMetricName: this.webAclMetricName,
            logGroupName: this.logGroupName,
        });
    }
}
