import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createPrivateBucket } from "../s3/privateBucket";
import { exemptionTags } from "../tags";
import { requireWholeNumber } from "../validation";
import { albLogDeliveryStatements } from "./albLogDelivery";
import { TLS_POLICIES } from "./tlsPolicies";

/** One app behind the load balancer: where its requests go and how its targets are checked. */
export interface LoadBalancedApp {
    /**
     * Host names the app answers, e.g. `shiny.example.edu`, or `*.rstudio.example.edu` (a wildcard
     * only as the whole first label). Each gets a DNS record (with `hostedZoneId`) and is on the
     * certificate.
     */
    hostNames: string[];
    /** URL path patterns within those hosts, e.g. `/api/*`. Default: every path. */
    pathPatterns?: string[];
    /** Port the app's targets listen on (1024 to 65535). */
    targetPort: number;
    /**
     * What the load balancer speaks to the targets, health checks included. Default `HTTPS`:
     * traffic stays encrypted all the way to the task (the load balancer does not verify the
     * target's certificate, so a certificate the task makes at start is enough).
     */
    targetProtocol?: "HTTPS" | "HTTP";
    /** Path of the health check, an absolute URL path. */
    healthCheckPath: string;
    /** HTTP codes that count as healthy, e.g. `200` or `200-399`. Default `200`. */
    healthCheckMatcher?: string;
    /**
     * Keep each browser on the same target for this many seconds (a load balancer cookie), for
     * apps that hold state in a task's memory (a SAML service provider between request and
     * response, a Shiny session). Default: no stickiness (1 to 604800).
     */
    stickySessionSeconds?: number;
    /**
     * Seconds a target being replaced keeps its open requests and WebSockets before it is
     * dropped. Default 30 (0 to 3600).
     */
    deregistrationDelaySeconds?: number;
}

/** Where a service registers to receive one app's traffic (FargateService's `loadBalancer`). */
export interface LoadBalancerTarget {
    targetGroup: aws.lb.TargetGroup;
    targetGroupArn: pulumi.Output<string>;
    /** `<load balancer ARN suffix>/<target group ARN suffix>`: CloudWatch's and autoscaling's label. */
    requestCountLabel: pulumi.Output<string>;
    targetGroupArnSuffix: pulumi.Output<string>;
    /** The app's address: `https://` and its first host name. */
    url: string;
}

export interface PublicLoadBalancerArgs {
    vpcId: pulumi.Input<string>;
    /** HipaaVpc's public subnets, one per AZ. */
    publicSubnetIds: pulumi.Input<string>[];
    /** The load balancer's own host name: the certificate's subject, e.g. `redcap.example.edu`. */
    domainName: string;
    /**
     * The apps it serves, by name (lower case, digits, -). Requests go to the first app whose host
     * names (and path patterns, if any) match; apps with path patterns are tried first. WebSockets
     * pass through (target groups speak HTTP/1.1, which upgrades).
     */
    apps: Record<string, LoadBalancedApp>;
    /**
     * The app that serves requests no app matches (such as the load balancer's own DNS name).
     * Default: none, they get a 404.
     */
    defaultApp?: string;
    /**
     * The names the certificate made here covers besides `domainName`. Default: every app's host
     * names. Give a wildcard (`*.rstudio.example.edu`) to cover many hosts with one name: ACM
     * takes 10 names per certificate by default. Every app's host must be covered.
     */
    certificateNames?: string[];
    /** An existing ACM certificate for every host name. Either this or `hostedZoneId`. */
    certificateArn?: pulumi.Input<string>;
    /**
     * Route 53 zone of the host names: a DNS-validated certificate for all of them and an alias
     * record for each are created there.
     */
    hostedZoneId?: pulumi.Input<string>;
    /** TLS policy of the HTTPS listener. Default `ELBSecurityPolicy-TLS13-1-2-2021-06`. */
    sslPolicy?: (typeof TLS_POLICIES)[number];
    /** Seconds an idle connection stays open; REDCap's exports take minutes. Default 900 (60 to 4000). */
    idleTimeoutSeconds?: number;
    /** Days to keep access logs. Default 365. */
    accessLogRetentionDays?: number;
    /** Deletion protection on the load balancer and a protected log bucket (prod). Default false. */
    protect?: boolean;
    /**
     * Children renamed since a deployment, new name → old name: `pulumi up` keeps them (aliases)
     * instead of replacing them.
     */
    previousNames?: Record<string, string>;
}

/**
 * The apps' front door: an internet-facing Application Load Balancer in the public subnets that
 * takes HTTPS only (HTTP just redirects), with a TLS 1.2+ policy, an ACM certificate for every
 * host name, invalid header fields dropped, access logs in a private bucket, and a security group
 * open to the world on 443 and 80 whose only way out is to its targets' ports. Each app gets its
 * own target group, health check, stickiness and host/path rule. Tasks join
 * `targetSecurityGroupId` to receive traffic from it, and nothing else can.
 */
export class PublicLoadBalancer extends pulumi.ComponentResource {
    /** The load balancer (read-only: change it through the args). */
    public readonly loadBalancer: aws.lb.LoadBalancer;
    public readonly loadBalancerArn: pulumi.Output<string>;
    public readonly arnSuffix: pulumi.Output<string>;
    public readonly dnsName: pulumi.Output<string>;
    /** Each app's target group and what a service needs to register with it. */
    public readonly apps: Readonly<Record<string, LoadBalancerTarget>>;
    /** Attach to whatever should receive traffic from the load balancer (the apps' tasks). */
    public readonly targetSecurityGroupId: pulumi.Output<string>;
    /** `https://` and `domainName`. */
    public readonly url: string;
    /** The HTTPS listener; services must not start before it exists. */
    public readonly httpsListener: aws.lb.Listener;

    constructor(
        name: string,
        args: PublicLoadBalancerArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("hipaa:network:PublicLoadBalancer", name, {}, opts);
        const where = `PublicLoadBalancer ${name}`;
        const sslPolicy = args.sslPolicy ?? "ELBSecurityPolicy-TLS13-1-2-2021-06";
        const idleTimeout = args.idleTimeoutSeconds ?? 900;
        const logDays = args.accessLogRetentionDays ?? 365;
        const protect = args.protect ?? false;
        const apps = Object.entries(args.apps).map(([app, spec]) => ({
            app,
            ...spec,
            targetProtocol: spec.targetProtocol ?? "HTTPS",
            healthCheckMatcher: spec.healthCheckMatcher ?? "200",
            deregistrationDelaySeconds: spec.deregistrationDelaySeconds ?? 30,
        }));
        if (!args.certificateArn && !args.hostedZoneId) {
            throw new Error(
                `${where}: neither certificateArn nor hostedZoneId is set; expected one, so HTTPS has a certificate for ${args.domainName}`,
            );
        }
        if (!(TLS_POLICIES as readonly string[]).includes(sslPolicy)) {
            throw new Error(
                `${where}: sslPolicy "${sslPolicy}" is not allowed; expected one of ${TLS_POLICIES.join(", ")}`,
            );
        }
        requireWholeNumber(where, "idleTimeoutSeconds", idleTimeout, 60, 4000, "seconds");
        requireWholeNumber(where, "accessLogRetentionDays", logDays, 1, 3650, "days");
        const problems = appProblems(name, args);
        if (problems.length > 0) {
            throw new Error(
                `${where}: ${problems.map(([key, reason]) => `${key} ${reason}`).join("; ")}`,
            );
        }
        for (const a of apps) {
            requireWholeNumber(where, `apps.${a.app}.targetPort`, a.targetPort, 1024, 65535);
            requireWholeNumber(
                where,
                `apps.${a.app}.deregistrationDelaySeconds`,
                a.deregistrationDelaySeconds,
                0,
                3600,
                "seconds",
            );
            if (a.stickySessionSeconds !== undefined) {
                requireWholeNumber(
                    where,
                    `apps.${a.app}.stickySessionSeconds`,
                    a.stickySessionSeconds,
                    1,
                    604800,
                    "seconds",
                );
            }
        }
        // A child renamed since a deployment keeps its place in the state under its old name.
        const child = (childName: string): pulumi.CustomResourceOptions => {
            const previous = args.previousNames?.[childName];
            return { parent: this, ...(previous ? { aliases: [{ name: previous }] } : {}) };
        };
        const parent = { parent: this };
        const account = aws.getCallerIdentityOutput({}, parent).accountId;
        const region = aws.getRegionOutput({}, parent).region;
        const partition = aws.getPartitionOutput({}, parent).partition;

        // ---- security groups: the world to the load balancer, the load balancer to its targets
        const lbSg = new aws.ec2.SecurityGroup(
            `${name}-alb`,
            {
                vpcId: args.vpcId,
                description: "Load balancer: HTTPS and HTTP from anywhere",
                revokeRulesOnDelete: true,
                tags: { Name: `${name}-alb` },
            },
            parent,
        );
        const targetSg = new aws.ec2.SecurityGroup(
            `${name}-targets`,
            {
                vpcId: args.vpcId,
                description: "Members receive traffic from the load balancer",
                revokeRulesOnDelete: true,
                tags: { Name: `${name}-targets` },
            },
            parent,
        );
        for (const port of [443, 80]) {
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-alb-${port}`,
                {
                    securityGroupId: lbSg.id,
                    description:
                        port === 443
                            ? "HTTPS from anywhere"
                            : "HTTP from anywhere (redirected to HTTPS)",
                    ipProtocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    cidrIpv4: "0.0.0.0/0",
                },
                parent,
            );
        }
        // Only the apps' ports, each once.
        for (const port of [...new Set(apps.map((a) => a.targetPort))]) {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-alb-to-targets-${port}`,
                {
                    securityGroupId: lbSg.id,
                    description: "To the targets only",
                    ipProtocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    referencedSecurityGroupId: targetSg.id,
                },
                child(`${name}-alb-to-targets-${port}`),
            );
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-targets-from-alb-${port}`,
                {
                    securityGroupId: targetSg.id,
                    description: "From the load balancer",
                    ipProtocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    referencedSecurityGroupId: lbSg.id,
                },
                child(`${name}-targets-from-alb-${port}`),
            );
        }

        // ---- access logs (ALB log delivery supports only SSE-S3 on the target bucket)
        const logPrefix = "alb";
        const logs = createPrivateBucket(
            `${name}-access-logs`,
            {
                encryption: "s3-managed",
                noncurrentVersionExpirationDays: 1,
                expirationDays: logDays,
                policyStatements: (logBucketArn) =>
                    pulumi
                        .all([account, region, partition])
                        .apply(([accountId, regionName, partitionName]) =>
                            albLogDeliveryStatements({
                                logBucketArn,
                                prefix: logPrefix,
                                accountId,
                                region: regionName,
                                partition: partitionName,
                            }),
                        ),
                protect,
                tags: exemptionTags(
                    ["s3-bucket-kms-default-encryption", "s3-bucket-access-logging"],
                    "Log sink: load balancer access log delivery supports only SSE-S3, and logging a log bucket would need another sink",
                ),
            },
            this,
        );

        // ---- the load balancer
        const alb = new aws.lb.LoadBalancer(
            name,
            {
                internal: false,
                loadBalancerType: "application",
                securityGroups: [lbSg.id],
                subnets: args.publicSubnetIds,
                dropInvalidHeaderFields: true,
                enableDeletionProtection: protect,
                idleTimeout,
                desyncMitigationMode: "defensive",
                xffHeaderProcessingMode: "append",
                accessLogs: { bucket: logs.bucket.id, prefix: logPrefix, enabled: true },
            },
            { parent: this, dependsOn: logs.ready },
        );

        // ---- a target group per app, with its own health check
        const targets: Record<string, LoadBalancerTarget> = {};
        for (const a of apps) {
            const targetGroup = new aws.lb.TargetGroup(
                `${name}-${a.app}`,
                {
                    vpcId: args.vpcId,
                    targetType: "ip",
                    protocol: a.targetProtocol,
                    port: a.targetPort,
                    deregistrationDelay: a.deregistrationDelaySeconds,
                    ...(a.stickySessionSeconds !== undefined
                        ? {
                              stickiness: {
                                  type: "lb_cookie",
                                  enabled: true,
                                  cookieDuration: a.stickySessionSeconds,
                              },
                          }
                        : {}),
                    healthCheck: {
                        protocol: a.targetProtocol,
                        path: a.healthCheckPath,
                        matcher: a.healthCheckMatcher,
                        interval: 30,
                        timeout: 5,
                        healthyThreshold: 2,
                        unhealthyThreshold: 3,
                    },
                },
                child(`${name}-${a.app}`),
            );
            targets[a.app] = {
                targetGroup,
                targetGroupArn: targetGroup.arn,
                targetGroupArnSuffix: targetGroup.arnSuffix,
                requestCountLabel: pulumi.interpolate`${alb.arnSuffix}/${targetGroup.arnSuffix}`,
                url: `https://${a.hostNames[0]}`,
            };
        }

        // ---- the certificate: given, or issued by ACM for every host name and validated in the zone
        const hostNames = [...new Set([args.domainName, ...apps.flatMap((a) => a.hostNames)])];
        const certificateNames = [
            ...new Set([args.domainName, ...(args.certificateNames ?? hostNames)]),
        ];
        let certificateArn: pulumi.Input<string>;
        if (args.certificateArn) {
            certificateArn = args.certificateArn;
        } else {
            const alternativeNames = certificateNames.filter((h) => h !== args.domainName);
            const certificate = new aws.acm.Certificate(
                `${name}-cert`,
                {
                    domainName: args.domainName,
                    ...(alternativeNames.length > 0
                        ? { subjectAlternativeNames: alternativeNames }
                        : {}),
                    validationMethod: "DNS",
                    keyAlgorithm: "RSA_2048",
                },
                parent,
            );
            // A wildcard and its base name share one validation record: one record per base.
            const bases = [...new Set(certificateNames.map((h) => h.replace(/^\*\./, "")))];
            const records = bases.map((base) => {
                const option = certificate.domainValidationOptions.apply((options) => {
                    const found = options.find(
                        (o) => o.domainName === base || o.domainName === `*.${base}`,
                    );
                    if (!found) {
                        throw new Error(`${where}: ACM gave no validation record for ${base}`);
                    }
                    return found;
                });
                return new aws.route53.Record(
                    base === args.domainName
                        ? `${name}-cert-validation`
                        : `${name}-cert-validation-${base}`,
                    {
                        zoneId: args.hostedZoneId!,
                        name: option.apply((o) => o.resourceRecordName),
                        type: option.apply((o) => o.resourceRecordType),
                        records: [option.apply((o) => o.resourceRecordValue)],
                        ttl: 300,
                        allowOverwrite: true,
                    },
                    parent,
                );
            });
            certificateArn = new aws.acm.CertificateValidation(
                `${name}-cert`,
                {
                    certificateArn: certificate.arn,
                    validationRecordFqdns: records.map((r) => r.fqdn),
                },
                parent,
            ).certificateArn;
        }

        // ---- listeners: HTTPS forwards by host and path, HTTP only redirects
        const https = new aws.lb.Listener(
            `${name}-https`,
            {
                loadBalancerArn: alb.arn,
                port: 443,
                protocol: "HTTPS",
                sslPolicy,
                certificateArn,
                defaultActions: [
                    args.defaultApp
                        ? {
                              type: "forward",
                              targetGroupArn: targets[args.defaultApp].targetGroupArn,
                          }
                        : {
                              type: "fixed-response",
                              fixedResponse: {
                                  contentType: "text/plain",
                                  messageBody: "Not found",
                                  statusCode: "404",
                              },
                          },
                ],
            },
            parent,
        );
        listenerRules(apps, args.defaultApp).forEach(({ app, priority }) => {
            const a = apps.find((x) => x.app === app)!;
            new aws.lb.ListenerRule(
                `${name}-${app}`,
                {
                    listenerArn: https.arn,
                    priority,
                    actions: [{ type: "forward", targetGroupArn: targets[app].targetGroupArn }],
                    conditions: [
                        { hostHeader: { values: a.hostNames } },
                        ...(a.pathPatterns ? [{ pathPattern: { values: a.pathPatterns } }] : []),
                    ],
                },
                parent,
            );
        });
        new aws.lb.Listener(
            `${name}-http`,
            {
                loadBalancerArn: alb.arn,
                port: 80,
                protocol: "HTTP",
                defaultActions: [
                    {
                        type: "redirect",
                        redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
                    },
                ],
            },
            parent,
        );
        if (args.hostedZoneId) {
            for (const host of hostNames) {
                new aws.route53.Record(
                    host === args.domainName ? `${name}-alias` : `${name}-alias-${host}`,
                    {
                        zoneId: args.hostedZoneId,
                        name: host,
                        type: "A",
                        aliases: [
                            { name: alb.dnsName, zoneId: alb.zoneId, evaluateTargetHealth: true },
                        ],
                    },
                    parent,
                );
            }
        }

        this.loadBalancer = alb;
        this.loadBalancerArn = alb.arn;
        this.arnSuffix = alb.arnSuffix;
        this.dnsName = alb.dnsName;
        this.apps = targets;
        this.targetSecurityGroupId = targetSg.id;
        this.url = `https://${args.domainName}`;
        this.httpsListener = https;
        this.registerOutputs({
            dnsName: this.dnsName,
            loadBalancerArn: this.loadBalancerArn,
            url: this.url,
        });
    }
}

const APP_NAME = /^[a-z][a-z0-9-]*$/;
/** A DNS name in lower case; a wildcard only as the whole first label. */
const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const URL_PATH = /^\/[A-Za-z0-9_./-]*$/;
const PATH_PATTERN = /^\/[A-Za-z0-9_.\/*?~%-]{0,127}$/;
/** ACM's default quota of names per certificate. */
const MAX_CERTIFICATE_NAMES = 10;
/** ALB's limit of condition values per rule. */
const MAX_RULE_VALUES = 5;
/** Target group names are at most 32 characters; Pulumi adds 8 to make them unique. */
const MAX_TARGET_GROUP_NAME = 24;

/**
 * What is wrong with the apps, as `[key, reason]` pairs; empty when nothing is.
 * @internal
 */
export function appProblems(
    name: string,
    args: Pick<
        PublicLoadBalancerArgs,
        "apps" | "defaultApp" | "domainName" | "certificateArn" | "certificateNames"
    >,
): [string, string][] {
    const problems: [string, string][] = [];
    const apps = Object.entries(args.apps);
    if (apps.length === 0) {
        problems.push(["apps", "is empty; expected at least one app"]);
    }
    if (!HOST_NAME.test(args.domainName) || args.domainName.startsWith("*.")) {
        problems.push([
            "domainName",
            `${JSON.stringify(args.domainName)} is not allowed; expected a lower-case DNS name such as redcap.example.edu`,
        ]);
    }
    const hostOnly = new Map<string, string>();
    for (const [app, spec] of apps) {
        const key = `apps.${app}`;
        if (!APP_NAME.test(app) || `${name}-${app}`.length > MAX_TARGET_GROUP_NAME) {
            problems.push([
                key,
                `is not an allowed app name; expected lower case, digits and -, at most ${MAX_TARGET_GROUP_NAME - name.length - 1} characters`,
            ]);
        }
        if (spec.hostNames.length === 0) {
            problems.push([`${key}.hostNames`, "is empty; expected at least one host name"]);
        }
        for (const host of spec.hostNames) {
            if (!HOST_NAME.test(host)) {
                problems.push([
                    `${key}.hostNames`,
                    `${JSON.stringify(host)} is not allowed; expected a lower-case DNS name, a wildcard only as its whole first label`,
                ]);
            }
            if (!spec.pathPatterns) {
                const other = hostOnly.get(host);
                if (other) {
                    problems.push([
                        `${key}.hostNames`,
                        `${host} is also app ${other}'s; two apps share a host only with path patterns`,
                    ]);
                }
                hostOnly.set(host, app);
            }
        }
        for (const pattern of spec.pathPatterns ?? []) {
            if (!PATH_PATTERN.test(pattern)) {
                problems.push([
                    `${key}.pathPatterns`,
                    `${JSON.stringify(pattern)} is not allowed; expected an absolute path pattern such as /api/*`,
                ]);
            }
        }
        if (spec.pathPatterns && spec.pathPatterns.length === 0) {
            problems.push([`${key}.pathPatterns`, "is empty; leave it out to route every path"]);
        }
        if (spec.hostNames.length + (spec.pathPatterns ?? []).length > MAX_RULE_VALUES) {
            problems.push([
                key,
                `has ${spec.hostNames.length + (spec.pathPatterns ?? []).length} host names and path patterns; a load balancer rule takes at most ${MAX_RULE_VALUES}`,
            ]);
        }
        if (!URL_PATH.test(spec.healthCheckPath)) {
            problems.push([
                `${key}.healthCheckPath`,
                `${JSON.stringify(spec.healthCheckPath)} is not allowed; expected an absolute URL path`,
            ]);
        }
        if (spec.targetProtocol !== undefined && !["HTTPS", "HTTP"].includes(spec.targetProtocol)) {
            problems.push([
                `${key}.targetProtocol`,
                `${JSON.stringify(spec.targetProtocol)} is not allowed; expected "HTTPS" or "HTTP"`,
            ]);
        }
        if (
            spec.healthCheckMatcher !== undefined &&
            !/^[1-5][0-9]{2}((-|,)[1-5][0-9]{2})*$/.test(spec.healthCheckMatcher)
        ) {
            problems.push([
                `${key}.healthCheckMatcher`,
                `${JSON.stringify(spec.healthCheckMatcher)} is not allowed; expected HTTP codes such as 200 or 200-399`,
            ]);
        }
    }
    if (args.defaultApp !== undefined && !(args.defaultApp in args.apps)) {
        problems.push([
            "defaultApp",
            `${JSON.stringify(args.defaultApp)} is not an app; expected one of ${apps.map(([a]) => a).join(", ")}`,
        ]);
    }
    const hosts = new Set([args.domainName, ...apps.flatMap(([, spec]) => spec.hostNames)]);
    const names = new Set([args.domainName, ...(args.certificateNames ?? hosts)]);
    if (!args.certificateArn && names.size > MAX_CERTIFICATE_NAMES) {
        problems.push([
            args.certificateNames ? "certificateNames" : "apps",
            `${args.certificateNames ? "has" : "have"} ${names.size} host names; one ACM certificate takes ${MAX_CERTIFICATE_NAMES} by default (cover hosts with a wildcard in certificateNames, or pass certificateArn)`,
        ]);
    }
    for (const name of args.certificateNames ?? []) {
        if (!HOST_NAME.test(name)) {
            problems.push([
                "certificateNames",
                `${JSON.stringify(name)} is not allowed; expected a lower-case DNS name, a wildcard only as its whole first label`,
            ]);
        }
    }
    if (!args.certificateArn) {
        const uncovered = [...hosts].filter((h) => ![...names].some((n) => covers(n, h)));
        if (uncovered.length > 0) {
            problems.push([
                "certificateNames",
                `cover no certificate name for ${uncovered.join(", ")}; expected each host, or a wildcard one label above it`,
            ]);
        }
    }
    return problems;
}

/** Whether certificate name `name` covers `host` (itself, or a wildcard for exactly one label). */
export function covers(name: string, host: string): boolean {
    if (name === host) {
        return true;
    }
    if (!name.startsWith("*.")) {
        return false;
    }
    const dot = host.indexOf(".");
    return dot > 0 && !host.startsWith("*.") && host.slice(dot + 1) === name.slice(2);
}

/**
 * The listener's rules: one per app, apps with path patterns first (more specific), each in
 * declaration order. The default app needs none unless it has path patterns.
 * @internal
 */
export function listenerRules(
    apps: { app: string; pathPatterns?: string[] }[],
    defaultApp?: string,
): { app: string; priority: number }[] {
    const routed = apps.filter((a) => a.app !== defaultApp || a.pathPatterns);
    return [...routed.filter((a) => a.pathPatterns), ...routed.filter((a) => !a.pathPatterns)].map(
        (a, i) => ({ app: a.app, priority: (i + 1) * 10 }),
    );
}
