import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseIpv4Cidr } from "../hipaaVpc/subnetPlan";
import { LOG_RETENTION_DAYS } from "../logRetention";
import {
    type BlockedPath,
    inspectsContent,
    MIN_RATE_LIMIT,
    type RuleException,
    type UnauthenticatedRequests,
    webAclRules,
} from "./wafRules";

export interface WebFirewallArgs {
    /**
     * Prefix of the log group's name (`aws-waf-logs-<prefix>`), unique per account and region,
     * e.g. `redcap-prod`, so two stacks can share an account. Default: the component's name.
     */
    namePrefix?: string;
    /** ARN of the load balancer the web ACL protects. */
    resourceArn: pulumi.Input<string>;
    /** What the firewall protects, in the words of its descriptions, e.g. `REDCap`. */
    purpose: string;
    /** Requests one client IP may send in 5 minutes. Default 3000. */
    rateLimitPer5Minutes?: number;
    /** IPv4 CIDRs allowed to reach the application at all; empty means everyone. */
    allowedCidrs?: string[];
    /** Countries (ISO 3166 alpha-2) allowed to reach the application; empty means all. */
    allowedCountries?: string[];
    /**
     * IPv4 CIDRs allowed to reach the blocked paths marked `exceptAdmins`; empty means nobody
     * from outside.
     */
    adminCidrs?: string[];
    /**
     * Allow-lists of single apps behind the load balancer, by app name: requests for an app's
     * host names must also come from its addresses and countries. Default none.
     */
    apps?: Record<
        string,
        {
            /** The app's host names, as the load balancer routes them. */
            hostNames: string[];
            /** IPv4 CIDRs allowed to reach the app; empty means everyone the firewall admits. */
            allowedCidrs?: string[];
            /** Countries (ISO 3166 alpha-2) allowed to reach the app; empty means all. */
            allowedCountries?: string[];
        }
    >;
    /** Paths closed to the internet (or open to administrators only). Default none. */
    blockedPaths?: BlockedPath[];
    /**
     * The application's exceptions to AWS's managed rules, each as narrow as the feature that
     * needs it. Default none: every managed rule blocks.
     */
    exceptions?: RuleException[];
    /**
     * The application's unauthenticated requests (sign-in, password recovery, token-authenticated
     * API calls, public forms): no exception to a content-inspection rule covers them. Required
     * with such exceptions.
     */
    unauthenticated?: UnauthenticatedRequests;
    /** Key of the WAF log group. */
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
}

/**
 * AWS WAF in front of a load balancer: client allow-lists, the application's closed paths (some
 * open to administrators' networks), a per-IP rate limit, AWS managed rule groups with the
 * application's exceptions scoped to the paths that need them (see wafRules.ts), and logs of
 * every decision in an encrypted log group with cookies and credentials redacted.
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
        const apps = Object.entries(args.apps ?? {});
        for (const [app, access] of apps) {
            if (!/^[a-z][a-z0-9-]{0,30}$/.test(app)) {
                throw new Error(
                    `${where}: apps key ${JSON.stringify(app)} is not allowed; expected lower case, digits and -, at most 31 characters`,
                );
            }
            if (
                access.hostNames.length === 0 ||
                access.hostNames.some(
                    (h) => !/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(h),
                )
            ) {
                throw new Error(
                    `${where}: apps.${app}.hostNames ${JSON.stringify(access.hostNames)} is not allowed; expected lower-case DNS names, a wildcard only as the whole first label`,
                );
            }
        }
        for (const [arg, cidrs] of [
            ["allowedCidrs", args.allowedCidrs ?? []],
            ["adminCidrs", args.adminCidrs ?? []],
            ...apps.map(([app, a]) => [`apps.${app}.allowedCidrs`, a.allowedCidrs ?? []] as const),
        ] as const) {
            for (const cidr of cidrs) {
                if ("error" in parseIpv4Cidr(cidr)) {
                    throw new Error(
                        `${where}: ${arg} entry "${cidr}" is not allowed; expected IPv4 CIDR notation such as 192.0.2.0/24`,
                    );
                }
            }
        }
        const narrowing = (args.exceptions ?? []).filter(inspectsContent);
        if (narrowing.length > 0 && !args.unauthenticated) {
            throw new Error(
                `${where}: unauthenticated is unset, but exceptions ${narrowing.map((e) => e.name).join(", ")} narrow content inspection; expected the application's unauthenticated requests (paths, queryContains, bodyContains), which no exception may cover`,
            );
        }
        const u = args.unauthenticated;
        if (u && !u.paths && !u.queryContains?.length && !u.bodyContains?.length) {
            throw new Error(
                `${where}: unauthenticated has no paths, queryContains or bodyContains; expected at least one`,
            );
        }
        for (const [arg, countries] of [
            ["allowedCountries", args.allowedCountries ?? []],
            ...apps.map(([app, a]) => [`apps.${app}.allowedCountries`, a.allowedCountries ?? []]),
        ] as [string, string[]][]) {
            for (const country of countries) {
                if (!/^[A-Z]{2}$/.test(country)) {
                    throw new Error(
                        `${where}: ${arg} entry "${country}" is not allowed; expected an ISO 3166 alpha-2 code such as US`,
                    );
                }
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
        if (args.adminCidrs?.length && !(args.blockedPaths ?? []).some((p) => p.exceptAdmins)) {
            throw new Error(
                `${where}: adminCidrs is given but no blocked path admits administrators; expected a blockedPaths entry with exceptAdmins, or no adminCidrs`,
            );
        }
        const parent = { parent: this };
        const ipSet = (suffix: string, addresses: string[]) =>
            new aws.wafv2.IpSet(
                `${name}-${suffix}`,
                {
                    scope: "REGIONAL",
                    ipAddressVersion: "IPV4",
                    addresses,
                    description: `${args.purpose} ${suffix}`,
                },
                parent,
            );
        const allowed = args.allowedCidrs?.length ? ipSet("allowed", args.allowedCidrs) : undefined;
        const admins = args.adminCidrs?.length ? ipSet("admins", args.adminCidrs) : undefined;
        const appAccess = Object.fromEntries(
            apps.map(([app, a]) => [
                app,
                {
                    hostNames: a.hostNames,
                    allowedIpSetArn: a.allowedCidrs?.length
                        ? ipSet(`${app}-allowed`, a.allowedCidrs).arn
                        : undefined,
                    allowedCountries: a.allowedCountries,
                },
            ]),
        );

        const acl = new aws.wafv2.WebAcl(
            name,
            {
                scope: "REGIONAL",
                description: `${args.purpose}: allow-lists, closed admin paths, rate limit, AWS managed rules`,
                defaultAction: { allow: {} },
                rules: webAclRules({
                    rateLimitPer5Minutes: rateLimit,
                    allowedIpSetArn: allowed?.arn,
                    allowedCountries: args.allowedCountries,
                    adminIpSetArn: admins?.arn,
                    apps: appAccess,
                    blockedPaths: args.blockedPaths,
                    exceptions: args.exceptions,
                    unauthenticated: args.unauthenticated,
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
