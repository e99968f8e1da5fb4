import { expect } from "chai";
import { ofType, planComponent, planRefusal, resource } from "../../test/harness";
import { WebFirewall, type WebFirewallArgs } from "./webFirewall";

const BASE: WebFirewallArgs = {
    resourceArn:
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/redcap/0123456789abcdef",
    purpose: "REDCap",
    logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs",
    logRetentionDays: 365,
};
const planWaf = (extra: Partial<WebFirewallArgs> = {}) =>
    planComponent((opts) => new WebFirewall("waf", { ...BASE, ...extra }, opts));

describe("WebFirewall", () => {
    it("protects the load balancer with a regional web ACL that allows by default and blocks by rule", async () => {
        const plan = await planWaf({
            adminCidrs: ["192.0.2.0/24"],
            blockedPaths: [
                { name: "admin-only", path: "^/admin/", exceptAdmins: true, why: "admins" },
            ],
        });
        const acl = resource(plan, "aws:wafv2/webAcl:WebAcl", "waf");
        expect(acl.inputs).to.deep.include({ scope: "REGIONAL", defaultAction: { allow: {} } });
        const association = resource(plan, "aws:wafv2/webAclAssociation:WebAclAssociation", "waf");
        expect(association.inputs.resourceArn).to.equal(BASE.resourceArn);
        expect(association.propertyDependencies.webAclArn).to.deep.equal([acl.urn]);
        const admins = resource(plan, "aws:wafv2/ipSet:IpSet", "waf-admins");
        expect(admins.inputs).to.deep.include({
            scope: "REGIONAL",
            ipAddressVersion: "IPV4",
            addresses: ["192.0.2.0/24"],
        });
        expect(acl.propertyDependencies.rules).to.include(admins.urn);
        expect(ofType(plan, "aws:wafv2/ipSet:IpSet")).to.have.length(1);
    });

    it("gives an app with an address allow-list its own IP set, used only by its rule", async () => {
        const plan = await planWaf({
            apps: {
                rstudio: { hostNames: ["rstudio.example.edu"], allowedCidrs: ["192.0.2.0/24"] },
            },
        });
        const set = resource(plan, "aws:wafv2/ipSet:IpSet", "waf-rstudio-allowed");
        expect(set.inputs.addresses).to.deep.equal(["192.0.2.0/24"]);
        const acl = resource(plan, "aws:wafv2/webAcl:WebAcl", "waf");
        const rule = (acl.inputs.rules as { name: string; statement: any }[]).find(
            (r) => r.name === "rstudio-allowed-ips-only",
        );
        expect(
            rule?.statement.andStatement.statements[1].notStatement.statement
                .ipSetReferenceStatement.arn,
        ).to.match(/waf-rstudio-allowed/);
        expect(acl.propertyDependencies.rules).to.include(set.urn);
    });

    it("logs to an encrypted aws-waf-logs-* group with cookies and credentials redacted", async () => {
        const plan = await planWaf();
        const group = resource(plan, "aws:cloudwatch/logGroup:LogGroup", "waf-logs");
        expect(group.inputs).to.include({
            name: "aws-waf-logs-waf",
            kmsKeyId: BASE.logsKmsKeyArn,
            retentionInDays: 365,
        });
        const logging = resource(
            plan,
            "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
            "waf",
        );
        expect(logging.inputs.redactedFields).to.deep.equal([
            { singleHeader: { name: "authorization" } },
            { singleHeader: { name: "cookie" } },
        ]);
        expect(logging.propertyDependencies.logDestinationConfigs).to.deep.equal([group.urn]);
    });

    it("outputs the web ACL's metric name, the WebACL dimension of its CloudWatch metrics", async () => {
        let waf: WebFirewall | undefined;
        const plan = await planComponent((opts) => {
            waf = new WebFirewall("waf", BASE, opts);
        });
        const acl = resource(plan, "aws:wafv2/webAcl:WebAcl", "waf");
        const metricName = await new Promise((resolve) => waf!.webAclMetricName.apply(resolve));
        expect(metricName).to.equal(
            (acl.inputs.visibilityConfig as { metricName: string }).metricName,
        );
    });

    for (const [extra, message] of [
        [
            { rateLimitPer5Minutes: 9 },
            "rateLimitPer5Minutes 9 is not allowed; expected a whole number from 10 (AWS WAF's minimum)",
        ],
        [
            { adminCidrs: ["10.0.0.0/33"] },
            'adminCidrs entry "10.0.0.0/33" is not allowed; expected IPv4 CIDR notation',
        ],
        [{ allowedCidrs: ["campus"] }, 'allowedCidrs entry "campus" is not allowed'],
        [
            { allowedCountries: ["usa"] },
            'allowedCountries entry "usa" is not allowed; expected an ISO 3166 alpha-2 code',
        ],
        [
            { adminCidrs: ["192.0.2.0/24"] },
            "adminCidrs is given but no blocked path admits administrators",
        ],
        [
            {
                exceptions: [
                    {
                        name: "sqli-on-forms",
                        group: "AWSManagedRulesSQLiRuleSet",
                        rules: ["SQLi_BODY"],
                        labels: ["awswaf:managed:aws:sql-database:SQLi_Body"],
                        allowedPaths: "^/forms/",
                        why: "forms",
                    },
                ],
            },
            "WebFirewall waf: unauthenticated is unset, but exceptions sqli-on-forms narrow content inspection",
        ],
        [
            { apps: { shiny: { hostNames: ["Shiny.example.edu"] } } },
            'apps.shiny.hostNames ["Shiny.example.edu"] is not allowed',
        ],
        [
            {
                apps: {
                    shiny: { hostNames: ["shiny.example.edu"], allowedCidrs: ["10.0.0.0/8x"] },
                },
            },
            'apps.shiny.allowedCidrs entry "10.0.0.0/8x" is not allowed',
        ],
        [
            { apps: { shiny: { hostNames: ["shiny.example.edu"], allowedCountries: ["France"] } } },
            'apps.shiny.allowedCountries entry "France" is not allowed',
        ],
        [
            { unauthenticated: { why: "nothing" } },
            "WebFirewall waf: unauthenticated has no paths, queryContains or bodyContains",
        ],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)}`, async () => {
            const { message: refused, plan } = await planRefusal((opts) => {
                new WebFirewall("waf", { ...BASE, ...(extra as Partial<WebFirewallArgs>) }, opts);
            });
            expect(refused).to.include(message);
            // Refused before anything is declared.
            expect(
                plan.resources.filter((r) => r.custom && r.type !== "pulumi:providers:aws"),
            ).to.deep.equal([]);
        });
    }
});
