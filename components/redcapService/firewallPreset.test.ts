import type * as aws from "@pulumi/aws";
import { expect } from "chai";
import { type WafRuleOptions, webAclRules } from "../webFirewall/wafRules";
import {
    NO_USER_AGENT_PATHS,
    REDCAP_BLOCKED_PATHS,
    redcapRuleExceptions,
    SAML_RESPONSE_PATH,
    SIGNED_IN_PATHS,
    UPLOAD_PATHS,
} from "./firewallPreset";

/** The web ACL's rules with REDCap's preset, as index.ts composes them. */
const redcapWafRules = (
    options: Omit<WafRuleOptions, "blockedPaths" | "exceptions"> & { samlSignIn?: boolean },
) => {
    const { samlSignIn, ...rest } = options;
    return webAclRules({
        ...rest,
        blockedPaths: REDCAP_BLOCKED_PATHS,
        exceptions: redcapRuleExceptions({ samlSignIn }),
    });
};
const NARROWED_RULES = redcapRuleExceptions();

type Rule = aws.types.input.wafv2.WebAclRule;
// The rules are built from plain data (no Outputs when no IP set is given), so read them as JSON.
const plain = (rules: Rule[]) => JSON.parse(JSON.stringify(rules)) as Record<string, any>[];

describe("REDCap's firewall preset", () => {
    const rules = plain(
        redcapWafRules({ rateLimitPer5Minutes: 3000, allowedCountries: ["US", "CA"] }),
    );
    const byName = Object.fromEntries(rules.map((r) => [r.name as string, r]));

    it("orders rules: who may connect, closed paths, rate limit, then managed groups each followed by its exceptions", () => {
        expect(rules.map((r) => r.name)).to.deep.equal([
            "allowed-countries-only",
            "no-cron-over-http",
            "install-upgrade-admins-only",
            "rate-limit-per-ip",
            "aws-ip-reputation",
            "aws-known-bad-inputs",
            "aws-common",
            "no-user-agent-outside-api-and-surveys",
            "large-bodies-outside-redcap",
            "xss-rfi-outside-signed-in-pages",
            "aws-sqli",
            "sqli-outside-signed-in-pages",
        ]);
        const priorities = rules.map((r) => r.priority as number);
        expect(priorities).to.deep.equal([...priorities].sort((a, b) => a - b));
        expect(new Set(priorities).size).to.equal(priorities.length);
    });

    it("blocks cron.php from everyone and install/upgrade from everyone when no admin network is given", () => {
        expect(byName["no-cron-over-http"].action).to.deep.equal({ block: {} });
        expect(byName["no-cron-over-http"].statement.regexMatchStatement.regexString).to.equal(
            "(^|/)cron\\.php($|/)",
        );
        const install = byName["install-upgrade-admins-only"].statement;
        expect(install.regexMatchStatement.regexString).to.equal(
            "(^|/)(install|upgrade)\\.php($|/)",
        );
        expect(
            install.regexMatchStatement.textTransformations.map((t: { type: string }) => t.type),
        ).to.deep.equal(["URL_DECODE", "NORMALIZE_PATH", "LOWERCASE"]);
    });

    it("lets admin networks, and only them, reach install.php and upgrade.php", () => {
        const withAdmins = plain(
            redcapWafRules({ rateLimitPer5Minutes: 3000, adminIpSetArn: "arn:admins" }),
        );
        const rule = withAdmins.find((r) => r.name === "install-upgrade-admins-only")!;
        expect(rule.statement.andStatement.statements[1]).to.deep.equal({
            notStatement: { statement: { ipSetReferenceStatement: { arn: "arn:admins" } } },
        });
    });

    it("allow-lists come first and block everyone else", () => {
        const listed = plain(
            redcapWafRules({
                rateLimitPer5Minutes: 100,
                allowedIpSetArn: "arn:campus",
                allowedCountries: ["US"],
            }),
        );
        expect(listed.slice(0, 2).map((r) => [r.name, r.action])).to.deep.equal([
            ["allowed-ips-only", { block: {} }],
            ["allowed-countries-only", { block: {} }],
        ]);
        expect(listed[0].statement).to.deep.equal({
            notStatement: { statement: { ipSetReferenceStatement: { arn: "arn:campus" } } },
        });
        expect(
            byName["allowed-countries-only"].statement.notStatement.statement.geoMatchStatement
                .countryCodes,
        ).to.deep.equal(["US", "CA"]);
    });

    it("rate-limits each client IP over five minutes", () => {
        expect(byName["rate-limit-per-ip"].statement.rateBasedStatement).to.deep.equal({
            limit: 3000,
            aggregateKeyType: "IP",
            evaluationWindowSec: 300,
        });
    });

    it("counts exactly the managed rules REDCap trips, and nothing else of the groups", () => {
        expect(
            byName["aws-common"].statement.managedRuleGroupStatement.ruleActionOverrides.map(
                (o: { name: string }) => o.name,
            ),
        ).to.deep.equal([
            "NoUserAgent_HEADER",
            "SizeRestrictions_BODY",
            "CrossSiteScripting_BODY",
            "GenericRFI_BODY",
        ]);
        for (const group of [
            "aws-common",
            "aws-sqli",
            "aws-ip-reputation",
            "aws-known-bad-inputs",
        ]) {
            expect(byName[group].overrideAction).to.deep.equal({ none: {} });
        }
        expect(
            byName["aws-ip-reputation"].statement.managedRuleGroupStatement.ruleActionOverrides,
        ).to.equal(undefined);
    });

    it("blocks on those rules' labels everywhere but the pages that need them", () => {
        for (const narrowed of NARROWED_RULES) {
            const rule = byName[narrowed.name];
            expect(rule.action).to.deep.equal({ block: {} });
            const [labels, notPaths] = rule.statement.andStatement.statements;
            const keys: string[] = labels.orStatement
                ? labels.orStatement.statements.map(
                      (s: { labelMatchStatement: { key: string } }) => s.labelMatchStatement.key,
                  )
                : [labels.labelMatchStatement.key];
            expect(keys).to.deep.equal(narrowed.labels);
            expect(notPaths.notStatement.statement.regexMatchStatement.regexString).to.equal(
                narrowed.allowedPaths,
            );
        }
    });

    it("scopes the exceptions to signed-in pages, the API and (for some) surveys", () => {
        const signedIn = new RegExp(SIGNED_IN_PATHS);
        const uploads = new RegExp(UPLOAD_PATHS);
        const noAgent = new RegExp(NO_USER_AGENT_PATHS);
        expect(signedIn.test("/redcap_v15.0.1/design/online_designer.php")).to.equal(true);
        expect(signedIn.test("/api/")).to.equal(true);
        expect(signedIn.test("/surveys/")).to.equal(false);
        expect(signedIn.test("/index.php")).to.equal(false);
        expect(signedIn.test("/x/redcap_v15.0.1/")).to.equal(false);
        expect(uploads.test("/surveys/")).to.equal(true);
        expect(noAgent.test("/redcap_v15.0.1/index.php")).to.equal(false);
        expect(noAgent.test("/surveys/")).to.equal(true);
    });

    it("with SAML sign-in, lets large bodies through only to Shibboleth's assertion consumer, and nothing else changes", () => {
        const withSaml = plain(redcapWafRules({ rateLimitPer5Minutes: 3000, samlSignIn: true }));
        const without = plain(redcapWafRules({ rateLimitPer5Minutes: 3000 }));
        const paths = (rule: Record<string, any>) =>
            new RegExp(
                rule.statement.andStatement.statements[1].notStatement.statement.regexMatchStatement
                    .regexString,
            );
        const changed = withSaml.filter(
            (rule, i) => JSON.stringify(rule) !== JSON.stringify(without[i]),
        );
        expect(changed.map((r) => r.name)).to.deep.equal(["large-bodies-outside-redcap"]);
        const largeBodies = paths(changed[0]);
        // Paths are compared decoded, normalized and lower-cased (the rule's transformations).
        expect(largeBodies.test("/shibboleth.sso/saml2/post")).to.equal(true);
        expect(largeBodies.test("/surveys/")).to.equal(true);
        for (const other of [
            "/shibboleth.sso/saml2/post/x",
            "/index.php",
            "/x/shibboleth.sso/saml2/post",
        ]) {
            expect(largeBodies.test(other), other).to.equal(false);
        }
        expect(new RegExp(SAML_RESPONSE_PATH).test("/shibboleth.sso/login")).to.equal(false);
        const sqli = withSaml.find((r) => r.name === "sqli-outside-signed-in-pages")!;
        expect(paths(sqli).test("/shibboleth.sso/saml2/post")).to.equal(false);
    });
});
