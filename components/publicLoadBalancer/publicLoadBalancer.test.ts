import { expect } from "chai";
import type { Plan } from "../../tools/synth/plan";
import {
    jsonInput,
    ofType,
    planComponent,
    planRefusal,
    resource,
    statementsBySid,
} from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import { albLogDeliveryStatements } from "./albLogDelivery";
import {
    type LoadBalancedApp,
    covers,
    listenerRules,
    PublicLoadBalancer,
    type PublicLoadBalancerArgs,
} from "./publicLoadBalancer";

const REDCAP: LoadBalancedApp = {
    hostNames: ["redcap.example.edu"],
    targetPort: 8443,
    healthCheckPath: "/health.php",
};
const BASE: PublicLoadBalancerArgs = {
    vpcId: "vpc-0123456789abcdef0",
    publicSubnetIds: ["subnet-pub-a", "subnet-pub-b"],
    domainName: "redcap.example.edu",
    apps: { redcap: REDCAP },
    defaultApp: "redcap",
    hostedZoneId: "Z0123456789ABC",
};
const planLb = (extra: Partial<PublicLoadBalancerArgs> = {}) =>
    planComponent((opts) => new PublicLoadBalancer("web", { ...BASE, ...extra }, opts));

/** Three apps on one load balancer, as the RStudio/Shiny system has them. */
const RESEARCH: Partial<PublicLoadBalancerArgs> = {
    domainName: "rstudio.example.edu",
    apps: {
        rstudio: {
            hostNames: ["rstudio.example.edu", "*.rstudio.example.edu"],
            targetPort: 8787,
            targetProtocol: "HTTP",
            healthCheckPath: "/health-check",
            stickySessionSeconds: 86400,
        },
        shiny: {
            hostNames: ["shiny.example.edu"],
            targetPort: 3838,
            targetProtocol: "HTTP",
            healthCheckPath: "/",
            healthCheckMatcher: "200-399",
            stickySessionSeconds: 3600,
            deregistrationDelaySeconds: 300,
        },
        api: {
            hostNames: ["shiny.example.edu"],
            pathPatterns: ["/api/*"],
            targetPort: 8443,
            healthCheckPath: "/health",
        },
    },
    defaultApp: undefined,
};

describe("PublicLoadBalancer", () => {
    let plan: Plan;
    before(async () => {
        plan = await planLb();
    });

    it("is internet-facing in the public subnets, drops invalid headers and logs access", () => {
        const alb = resource(plan, "aws:lb/loadBalancer:LoadBalancer", "web");
        expect(alb.inputs).to.deep.include({
            internal: false,
            loadBalancerType: "application",
            subnets: ["subnet-pub-a", "subnet-pub-b"],
            dropInvalidHeaderFields: true,
            enableDeletionProtection: false,
            idleTimeout: 900,
        });
        const logs = resource(plan, "aws:s3/bucket:Bucket", "web-access-logs");
        expect((alb.inputs.accessLogs as { enabled: boolean }).enabled).to.equal(true);
        expect(alb.propertyDependencies.accessLogs).to.include(logs.urn);
    });

    it("serves HTTPS with a TLS 1.2+ policy and an ACM certificate validated in the zone", () => {
        const https = resource(plan, "aws:lb/listener:Listener", "web-https");
        expect(https.inputs).to.include({
            port: 443,
            protocol: "HTTPS",
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        });
        const validation = resource(
            plan,
            "aws:acm/certificateValidation:CertificateValidation",
            "web-cert",
        );
        expect(https.propertyDependencies.certificateArn).to.deep.equal([validation.urn]);
        expect(String(https.inputs.certificateArn)).to.match(
            /^arn:aws:acm:us-east-1:123456789012:certificate\//,
        );
        expect(resource(plan, "aws:acm/certificate:Certificate", "web-cert").inputs).to.include({
            domainName: "redcap.example.edu",
            validationMethod: "DNS",
        });
        const tg = resource(plan, "aws:lb/targetGroup:TargetGroup", "web-redcap");
        const actions = https.inputs.defaultActions as { type: string; targetGroupArn: string }[];
        expect(actions.map((a) => a.type)).to.deep.equal(["forward"]);
        expect(actions[0].targetGroupArn).to.match(
            /^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/web-redcap-/,
        );
        expect(https.propertyDependencies.defaultActions).to.include(tg.urn);
    });

    it("only redirects HTTP to HTTPS", () => {
        const http = resource(plan, "aws:lb/listener:Listener", "web-http");
        expect(http.inputs).to.include({ port: 80, protocol: "HTTP" });
        expect(http.inputs.defaultActions).to.deep.equal([
            {
                type: "redirect",
                redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
            },
        ]);
    });

    it("opens 443 and 80 to the world, and lets traffic out only to its targets", () => {
        const lbSg = resource(plan, "aws:ec2/securityGroup:SecurityGroup", "web-alb");
        const targetSg = resource(plan, "aws:ec2/securityGroup:SecurityGroup", "web-targets");
        const ingress = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        const world = ingress.filter((r) => r.inputs.cidrIpv4 === "0.0.0.0/0");
        expect(
            world.map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.ipProtocol]),
        ).to.have.deep.members([
            [443, 443, "tcp"],
            [80, 80, "tcp"],
        ]);
        for (const r of world) {
            expect(r.propertyDependencies.securityGroupId).to.deep.equal([lbSg.urn]);
        }
        const [egress] = ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        expect(
            ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"),
        ).to.have.length(1);
        expect(egress.inputs).to.include({ fromPort: 8443, toPort: 8443 });
        expect(egress.propertyDependencies.referencedSecurityGroupId).to.deep.equal([targetSg.urn]);
        const fromAlb = ingress.find((r) =>
            r.propertyDependencies.securityGroupId?.includes(targetSg.urn),
        );
        expect(fromAlb?.propertyDependencies.referencedSecurityGroupId).to.deep.equal([lbSg.urn]);
    });

    it("speaks HTTPS to its targets, health checks included, and points the domain at the load balancer", () => {
        const tg = resource(plan, "aws:lb/targetGroup:TargetGroup", "web-redcap");
        expect(tg.inputs).to.deep.include({ targetType: "ip", protocol: "HTTPS", port: 8443 });
        expect(tg.inputs.healthCheck).to.deep.include({
            protocol: "HTTPS",
            path: "/health.php",
            matcher: "200",
        });
        const alias = resource(plan, "aws:route53/record:Record", "web-alias");
        expect(alias.inputs).to.include({
            name: "redcap.example.edu",
            type: "A",
            zoneId: "Z0123456789ABC",
        });
    });

    it("keeps browsers on one target only when asked, for as long as asked", async () => {
        const tg = resource(plan, "aws:lb/targetGroup:TargetGroup", "web-redcap");
        expect(tg.inputs).not.to.have.property("stickiness");
        const sticky = await planLb({
            apps: { redcap: { ...REDCAP, stickySessionSeconds: 28800 } },
        });
        expect(
            resource(sticky, "aws:lb/targetGroup:TargetGroup", "web-redcap").inputs.stickiness,
        ).to.deep.equal({ type: "lb_cookie", enabled: true, cookieDuration: 28800 });
    });

    it("keeps the load balancer and its logs in prod", async () => {
        const prod = await planLb({
            protect: true,
            certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/existing",
            hostedZoneId: undefined,
        });
        expect(
            resource(prod, "aws:lb/loadBalancer:LoadBalancer", "web").inputs
                .enableDeletionProtection,
        ).to.equal(true);
        expect(resource(prod, "aws:s3/bucket:Bucket", "web-access-logs").options.protect).to.equal(
            true,
        );
        expect(ofType(prod, "aws:acm/certificate:Certificate")).to.have.length(0);
        expect(ofType(prod, "aws:route53/record:Record")).to.have.length(0);
        expect(
            resource(prod, "aws:lb/listener:Listener", "web-https").inputs.certificateArn,
        ).to.equal("arn:aws:acm:us-east-1:123456789012:certificate/existing");
    });

    it("lets ELB deliver logs only under its prefix, by service principal and, in older regions, the regional account", () => {
        const policy = statementsBySid(
            jsonInput<PolicyDocument>(
                ofType(plan, "aws:s3/bucketPolicy:BucketPolicy")[0],
                "policy",
            ),
        );
        expect(policy.AlbLogDeliveryService.Principal).to.deep.equal({
            Service: "logdelivery.elasticloadbalancing.amazonaws.com",
        });
        expect(policy.AlbLogDeliveryRegionalAccount.Principal).to.deep.equal({
            AWS: "arn:aws:iam::127311923021:root",
        });
        expect(String(policy.AlbLogDeliveryService.Resource)).to.match(
            /\/alb\/AWSLogs\/123456789012\/\*$/,
        );
        const newer = albLogDeliveryStatements({
            logBucketArn: "arn:aws:s3:::b",
            prefix: "alb",
            accountId: "1",
            region: "ap-southeast-5",
            partition: "aws",
        });
        expect(newer.map((s) => s.Sid)).to.deep.equal(["AlbLogDeliveryService"]);
    });

    for (const [extra, message] of [
        [{ hostedZoneId: undefined }, "neither certificateArn nor hostedZoneId is set"],
        [
            { sslPolicy: "ELBSecurityPolicy-2016-08" },
            'sslPolicy "ELBSecurityPolicy-2016-08" is not allowed',
        ],
        [{ idleTimeoutSeconds: 5000 }, "idleTimeoutSeconds 5000 is not allowed"],
        [
            { apps: { redcap: { ...REDCAP, healthCheckPath: "health" } } },
            'apps.redcap.healthCheckPath "health" is not allowed',
        ],
        [
            { apps: { redcap: { ...REDCAP, stickySessionSeconds: 0 } } },
            "apps.redcap.stickySessionSeconds 0 is not allowed",
        ],
        [
            { apps: { redcap: { ...REDCAP, stickySessionSeconds: 604801 } } },
            "apps.redcap.stickySessionSeconds 604801 is not allowed",
        ],
        [{ apps: {}, defaultApp: undefined }, "apps is empty"],
        [{ defaultApp: "shiny" }, 'defaultApp "shiny" is not an app; expected one of redcap'],
        [
            { apps: { redcap: { ...REDCAP, hostNames: ["Redcap.Example.edu"] } } },
            'apps.redcap.hostNames "Redcap.Example.edu" is not allowed',
        ],
        [
            { apps: { redcap: { ...REDCAP, hostNames: ["a.*.example.edu"] } } },
            'apps.redcap.hostNames "a.*.example.edu" is not allowed',
        ],
        [
            { apps: { redcap: REDCAP, other: { ...REDCAP, targetPort: 9000 } } },
            "apps.other.hostNames redcap.example.edu is also app redcap's",
        ],
        [
            { apps: { redcap: { ...REDCAP, pathPatterns: ["api/*"] } } },
            'apps.redcap.pathPatterns "api/*" is not allowed',
        ],
        [
            {
                apps: {
                    redcap: {
                        ...REDCAP,
                        hostNames: ["a.example.edu", "b.example.edu", "c.example.edu"],
                        pathPatterns: ["/a/*", "/b/*", "/c/*"],
                    },
                },
            },
            "apps.redcap has 6 host names and path patterns; a load balancer rule takes at most 5",
        ],
        [
            { apps: { "a-much-longer-app-name": REDCAP } },
            "apps.a-much-longer-app-name is not an allowed app name",
        ],
        [
            { apps: { redcap: { ...REDCAP, targetPort: 80 } } },
            "apps.redcap.targetPort 80 is not allowed",
        ],
        [
            { apps: { redcap: { ...REDCAP, healthCheckMatcher: "ok" } } },
            'apps.redcap.healthCheckMatcher "ok" is not allowed',
        ],
        [
            { apps: { redcap: { ...REDCAP, deregistrationDelaySeconds: 7200 } } },
            "apps.redcap.deregistrationDelaySeconds 7200 is not allowed",
        ],
        [
            {
                apps: {
                    redcap: {
                        ...REDCAP,
                        hostNames: Array.from({ length: 5 }, (_, i) => `h${i}.example.edu`),
                    },
                    other: {
                        ...REDCAP,
                        hostNames: Array.from({ length: 5 }, (_, i) => `o${i}.example.edu`),
                    },
                },
            },
            "apps have 11 host names; one ACM certificate takes 10 by default",
        ],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)}`, async () => {
            const { message: refused } = await planRefusal((opts) => {
                new PublicLoadBalancer(
                    "web",
                    { ...BASE, ...(extra as Partial<PublicLoadBalancerArgs>) },
                    opts,
                );
            });
            expect(refused).to.include(`PublicLoadBalancer web: `).and.include(message);
        });
    }
});

describe("PublicLoadBalancer serving several apps", () => {
    let plan: Plan;
    before(async () => {
        plan = await planLb(RESEARCH);
    });

    it("routes each app by host and path to its own target group, path rules first; other hosts get a 404", () => {
        const https = resource(plan, "aws:lb/listener:Listener", "web-https");
        expect(https.inputs.defaultActions).to.deep.equal([
            {
                type: "fixed-response",
                fixedResponse: {
                    contentType: "text/plain",
                    messageBody: "Not found",
                    statusCode: "404",
                },
            },
        ]);
        const rules = ofType(plan, "aws:lb/listenerRule:ListenerRule")
            .map((r) => ({
                name: r.name,
                priority: r.inputs.priority,
                conditions: r.inputs.conditions,
                target: (r.inputs.actions as { targetGroupArn: string }[])[0].targetGroupArn,
            }))
            .sort((a, b) => Number(a.priority) - Number(b.priority));
        expect(rules.map((r) => [r.name, r.priority, r.conditions])).to.deep.equal([
            [
                "web-api",
                10,
                [
                    { hostHeader: { values: ["shiny.example.edu"] } },
                    { pathPattern: { values: ["/api/*"] } },
                ],
            ],
            [
                "web-rstudio",
                20,
                [{ hostHeader: { values: ["rstudio.example.edu", "*.rstudio.example.edu"] } }],
            ],
            ["web-shiny", 30, [{ hostHeader: { values: ["shiny.example.edu"] } }]],
        ]);
        for (const r of rules) {
            expect(r.target).to.match(new RegExp(`targetgroup/${r.name}-`));
        }
    });

    it("gives each app its own health check, stickiness and deregistration delay", () => {
        const tg = (app: string) =>
            resource(plan, "aws:lb/targetGroup:TargetGroup", `web-${app}`).inputs;
        expect(tg("shiny")).to.deep.include({
            protocol: "HTTP",
            port: 3838,
            deregistrationDelay: 300,
            stickiness: { type: "lb_cookie", enabled: true, cookieDuration: 3600 },
        });
        expect(tg("shiny").healthCheck).to.deep.include({
            path: "/",
            matcher: "200-399",
            protocol: "HTTP",
        });
        expect(tg("rstudio")).to.deep.include({ port: 8787, deregistrationDelay: 30 });
        expect(tg("api")).to.deep.include({ protocol: "HTTPS", port: 8443 });
        expect(tg("api")).not.to.have.property("stickiness");
        // WebSockets upgrade over HTTP/1.1: no target group speaks HTTP/2 or gRPC to its targets.
        for (const app of ["rstudio", "shiny", "api"]) {
            expect(tg(app)).not.to.have.property("protocolVersion");
        }
    });

    it("puts every host name on one certificate, validates each base name once, and points each name at the load balancer", () => {
        expect(
            resource(plan, "aws:acm/certificate:Certificate", "web-cert").inputs,
        ).to.deep.include({
            domainName: "rstudio.example.edu",
            subjectAlternativeNames: ["*.rstudio.example.edu", "shiny.example.edu"],
        });
        const records = ofType(plan, "aws:route53/record:Record");
        expect(
            records.filter((r) => r.name.startsWith("web-cert-validation")).map((r) => r.name),
        ).to.deep.equal(["web-cert-validation", "web-cert-validation-shiny.example.edu"]);
        const validation = resource(
            plan,
            "aws:acm/certificateValidation:CertificateValidation",
            "web-cert",
        );
        expect(validation.inputs.validationRecordFqdns).to.have.length(2);
        expect(
            records.filter((r) => r.inputs.type === "A").map((r) => r.inputs.name),
        ).to.deep.equal(["rstudio.example.edu", "*.rstudio.example.edu", "shiny.example.edu"]);
    });

    it("lets the load balancer out only to the apps' ports, each once", () => {
        const egress = ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        expect(egress.map((r) => r.inputs.fromPort)).to.deep.equal([8787, 3838, 8443]);
        const fromAlb = ofType(
            plan,
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        ).filter((r) => r.inputs.referencedSecurityGroupId !== undefined);
        expect(fromAlb.map((r) => r.inputs.fromPort)).to.deep.equal([8787, 3838, 8443]);
    });

    it("keeps children renamed since a deployment, by alias", async () => {
        const renamed = await planLb({
            previousNames: { "web-alb-to-targets-8443": "web-alb-to-targets" },
        });
        expect(
            resource(
                renamed,
                "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
                "web-alb-to-targets-8443",
            ).options.aliases,
        ).to.deep.equal([
            "urn:pulumi:unit::test::hipaa:network:PublicLoadBalancer$aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule::web-alb-to-targets",
        ]);
    });

    it("covers many hosts with one wildcard certificate name, and refuses a host no name covers", async () => {
        const users = Array.from({ length: 12 }, (_, i) => `u${i}`);
        const perUser = await planLb({
            domainName: "rstudio.example.edu",
            apps: Object.fromEntries(
                users.map((u) => [
                    u,
                    {
                        hostNames: [`${u}.rstudio.example.edu`],
                        targetPort: 8787,
                        targetProtocol: "HTTP" as const,
                        healthCheckPath: "/",
                    },
                ]),
            ),
            defaultApp: undefined,
            certificateNames: ["*.rstudio.example.edu"],
        });
        expect(
            resource(perUser, "aws:acm/certificate:Certificate", "web-cert").inputs,
        ).to.deep.include({
            domainName: "rstudio.example.edu",
            subjectAlternativeNames: ["*.rstudio.example.edu"],
        });
        expect(
            ofType(perUser, "aws:route53/record:Record").filter((r) => r.inputs.type === "A"),
        ).to.have.length(13);
        const { message } = await planRefusal((opts) => {
            new PublicLoadBalancer(
                "web",
                { ...BASE, ...RESEARCH, certificateNames: ["*.rstudio.example.edu"] },
                opts,
            );
        });
        expect(message).to.include(
            "certificateNames cover no certificate name for shiny.example.edu",
        );
    });

    it("counts a wildcard as covering exactly one label", () => {
        expect(covers("*.a.example.edu", "x.a.example.edu")).to.equal(true);
        expect(covers("a.example.edu", "a.example.edu")).to.equal(true);
        expect(covers("*.a.example.edu", "a.example.edu")).to.equal(false);
        expect(covers("*.a.example.edu", "x.y.a.example.edu")).to.equal(false);
        expect(covers("*.a.example.edu", "*.a.example.edu")).to.equal(true);
    });

    it("orders rules: path patterns first, each in declaration order; the default app needs no rule of its own", () => {
        const apps = [{ app: "a" }, { app: "b", pathPatterns: ["/b/*"] }, { app: "c" }];
        expect(listenerRules(apps)).to.deep.equal([
            { app: "b", priority: 10 },
            { app: "a", priority: 20 },
            { app: "c", priority: 30 },
        ]);
        expect(listenerRules(apps, "a")).to.deep.equal([
            { app: "b", priority: 10 },
            { app: "c", priority: 20 },
        ]);
        expect(listenerRules([{ app: "a", pathPatterns: ["/x"] }], "a")).to.deep.equal([
            { app: "a", priority: 10 },
        ]);
    });
});
