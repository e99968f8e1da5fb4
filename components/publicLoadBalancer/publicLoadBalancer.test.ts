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
import { PublicLoadBalancer, type PublicLoadBalancerArgs } from "./publicLoadBalancer";

const BASE: PublicLoadBalancerArgs = {
    vpcId: "vpc-0123456789abcdef0",
    publicSubnetIds: ["subnet-pub-a", "subnet-pub-b"],
    domainName: "redcap.example.edu",
    hostedZoneId: "Z0123456789ABC",
};
const planLb = (extra: Partial<PublicLoadBalancerArgs> = {}) =>
    planComponent((opts) => new PublicLoadBalancer("web", { ...BASE, ...extra }, opts));

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
        const sticky = await planLb({ stickySessionSeconds: 28800 });
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
        [{ healthCheckPath: "health" }, 'healthCheckPath "health" is not allowed'],
        [{ stickySessionSeconds: 0 }, "stickySessionSeconds 0 is not allowed"],
        [{ stickySessionSeconds: 604801 }, "stickySessionSeconds 604801 is not allowed"],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)}`, async () => {
            const { message: refused } = await planRefusal((opts) => {
                new PublicLoadBalancer(
                    "web",
                    { ...BASE, ...(extra as Partial<PublicLoadBalancerArgs>) },
                    opts,
                );
            });
            expect(refused).to.include(message);
        });
    }
});
