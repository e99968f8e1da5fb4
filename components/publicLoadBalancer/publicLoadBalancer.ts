import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createPrivateBucket } from "../s3/privateBucket";
import { exemptionTags } from "../tags";
import { requireWholeNumber } from "../validation";
import { albLogDeliveryStatements } from "./albLogDelivery";
import { TLS_POLICIES } from "./tlsPolicies";

export interface PublicLoadBalancerArgs {
    vpcId: pulumi.Input<string>;
    /** HipaaVpc's public subnets, one per AZ. */
    publicSubnetIds: pulumi.Input<string>[];
    /** The host name users open, e.g. `redcap.example.edu`. */
    domainName: string;
    /** An existing ACM certificate for `domainName`. Either this or `hostedZoneId`. */
    certificateArn?: pulumi.Input<string>;
    /** Route 53 zone of `domainName`: a DNS-validated certificate and an alias record are created there. */
    hostedZoneId?: pulumi.Input<string>;
    /** TLS policy of the HTTPS listener. Default `ELBSecurityPolicy-TLS13-1-2-2021-06`. */
    sslPolicy?: (typeof TLS_POLICIES)[number];
    /** Seconds an idle connection stays open; REDCap's exports take minutes. Default 900 (60 to 4000). */
    idleTimeoutSeconds?: number;
    /** Port the targets (REDCap's tasks) listen on. Default 8443. */
    targetPort?: number;
    /**
     * What the load balancer speaks to its targets, health checks included. Default `HTTPS`: traffic
     * stays encrypted all the way to the task (the load balancer does not verify the target's
     * certificate, so a certificate the task makes at start is enough).
     */
    targetProtocol?: "HTTPS" | "HTTP";
    /** Path of the health check. Default `/health.php` (PHP and the database answer). */
    healthCheckPath?: string;
    /**
     * Keep each browser on the same target for this many seconds (a load balancer cookie), for
     * targets that hold sign-in state in memory, such as a SAML service provider between its
     * request and the identity provider's response. Default: no stickiness (1 to 604800).
     */
    stickySessionSeconds?: number;
    /** Days to keep access logs. Default 365. */
    accessLogRetentionDays?: number;
    /** Deletion protection on the load balancer and a protected log bucket (prod). Default false. */
    protect?: boolean;
}

/**
 * REDCap's front door: an internet-facing Application Load Balancer in the public subnets that
 * takes HTTPS only (HTTP just redirects), with a TLS 1.2+ policy, an ACM certificate, invalid
 * header fields dropped, HTTPS to the targets too, access logs in a private bucket, and a security
 * group open to the world on 443 and 80 whose only way out is to its targets. Tasks join `targetSecurityGroupId` to
 * receive traffic from it, and nothing else can.
 */
export class PublicLoadBalancer extends pulumi.ComponentResource {
    public readonly loadBalancerArn: pulumi.Output<string>;
    public readonly arnSuffix: pulumi.Output<string>;
    public readonly dnsName: pulumi.Output<string>;
    public readonly targetGroupArn: pulumi.Output<string>;
    public readonly targetGroupArnSuffix: pulumi.Output<string>;
    /** Attach to whatever should receive traffic from the load balancer (REDCap's tasks). */
    public readonly targetSecurityGroupId: pulumi.Output<string>;
    public readonly url: string;
    /** The HTTPS listener; the service must not start before it exists. */
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
        const targetPort = args.targetPort ?? 8443;
        const targetProtocol = args.targetProtocol ?? "HTTPS";
        const healthCheckPath = args.healthCheckPath ?? "/health.php";
        const logDays = args.accessLogRetentionDays ?? 365;
        const protect = args.protect ?? false;
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
        requireWholeNumber(where, "targetPort", targetPort, 1024, 65535);
        if (!["HTTPS", "HTTP"].includes(targetProtocol)) {
            throw new Error(
                `${where}: targetProtocol "${targetProtocol}" is not allowed; expected "HTTPS" or "HTTP"`,
            );
        }
        requireWholeNumber(where, "accessLogRetentionDays", logDays, 1, 3650, "days");
        if (args.stickySessionSeconds !== undefined) {
            requireWholeNumber(
                where,
                "stickySessionSeconds",
                args.stickySessionSeconds,
                1,
                604800,
                "seconds",
            );
        }
        if (!/^\/[A-Za-z0-9_./-]*$/.test(healthCheckPath)) {
            throw new Error(
                `${where}: healthCheckPath "${healthCheckPath}" is not allowed; expected an absolute URL path`,
            );
        }
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
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-alb-to-targets`,
            {
                securityGroupId: lbSg.id,
                description: "To the targets only",
                ipProtocol: "tcp",
                fromPort: targetPort,
                toPort: targetPort,
                referencedSecurityGroupId: targetSg.id,
            },
            parent,
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-targets-from-alb`,
            {
                securityGroupId: targetSg.id,
                description: "From the load balancer",
                ipProtocol: "tcp",
                fromPort: targetPort,
                toPort: targetPort,
                referencedSecurityGroupId: lbSg.id,
            },
            parent,
        );

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
        const targetGroup = new aws.lb.TargetGroup(
            `${name}-redcap`,
            {
                vpcId: args.vpcId,
                targetType: "ip",
                protocol: targetProtocol,
                port: targetPort,
                deregistrationDelay: 30,
                ...(args.stickySessionSeconds !== undefined
                    ? {
                          stickiness: {
                              type: "lb_cookie",
                              enabled: true,
                              cookieDuration: args.stickySessionSeconds,
                          },
                      }
                    : {}),
                healthCheck: {
                    protocol: targetProtocol,
                    path: healthCheckPath,
                    matcher: "200",
                    interval: 30,
                    timeout: 5,
                    healthyThreshold: 2,
                    unhealthyThreshold: 3,
                },
            },
            parent,
        );

        // ---- the certificate: given, or issued by ACM and validated in the zone
        let certificateArn: pulumi.Input<string>;
        if (args.certificateArn) {
            certificateArn = args.certificateArn;
        } else {
            const certificate = new aws.acm.Certificate(
                `${name}-cert`,
                { domainName: args.domainName, validationMethod: "DNS", keyAlgorithm: "RSA_2048" },
                parent,
            );
            const option = certificate.domainValidationOptions.apply((options) => options[0]);
            const validationRecord = new aws.route53.Record(
                `${name}-cert-validation`,
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
            certificateArn = new aws.acm.CertificateValidation(
                `${name}-cert`,
                { certificateArn: certificate.arn, validationRecordFqdns: [validationRecord.fqdn] },
                parent,
            ).certificateArn;
        }

        // ---- listeners: HTTPS forwards, HTTP only redirects
        const https = new aws.lb.Listener(
            `${name}-https`,
            {
                loadBalancerArn: alb.arn,
                port: 443,
                protocol: "HTTPS",
                sslPolicy,
                certificateArn,
                defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
            },
            parent,
        );
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
            new aws.route53.Record(
                `${name}-alias`,
                {
                    zoneId: args.hostedZoneId,
                    name: args.domainName,
                    type: "A",
                    aliases: [
                        { name: alb.dnsName, zoneId: alb.zoneId, evaluateTargetHealth: true },
                    ],
                },
                parent,
            );
        }

        this.loadBalancerArn = alb.arn;
        this.arnSuffix = alb.arnSuffix;
        this.dnsName = alb.dnsName;
        this.targetGroupArn = targetGroup.arn;
        this.targetGroupArnSuffix = targetGroup.arnSuffix;
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
