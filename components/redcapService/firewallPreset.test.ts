import type * as aws from "@pulumi/aws";
import { expect } from "chai";
import { ALB_BODY_INSPECTION_LIMIT, evaluate, type ModelRequest } from "../../test/wafEvaluator";
import { type WafRuleOptions, webAclRules } from "../webFirewall/wafRules";
import {
    NO_USER_AGENT_PATHS,
    REDCAP_BLOCKED_PATHS,
    REDCAP_UNAUTHENTICATED,
    redcapRuleExceptions,
    SAML_RESPONSE_PATH,
    SIGN_IN_FORM_FIELD,
    SIGNED_IN_PATHS,
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
        unauthenticated: REDCAP_UNAUTHENTICATED,
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
            "no-exceptions-for-unauthenticated",
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

    it("scopes the exceptions to signed-in pages; only the User-Agent check also to the API and surveys", () => {
        const signedIn = new RegExp(SIGNED_IN_PATHS);
        const noAgent = new RegExp(NO_USER_AGENT_PATHS);
        expect(signedIn.test("/redcap_v15.0.1/design/online_designer.php")).to.equal(true);
        expect(signedIn.test("/api/")).to.equal(false);
        expect(signedIn.test("/surveys/")).to.equal(false);
        expect(signedIn.test("/index.php")).to.equal(false);
        expect(signedIn.test("/x/redcap_v15.0.1/")).to.equal(false);
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
        expect(largeBodies.test("/surveys/")).to.equal(false);
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

    describe("request by request (a model of AWS WAF's evaluation)", () => {
        const CORE_LABEL = "awswaf:managed:aws:core-rule-set:";
        const SQL_LABEL = "awswaf:managed:aws:sql-database:";
        const labelsOf: Record<string, string> = Object.fromEntries(
            NARROWED_RULES.flatMap((e) => e.rules.map((rule, i) => [rule, e.labels[i]])),
        );
        const verdict = (request: ModelRequest, samlSignIn = false) =>
            evaluate(redcapWafRules({ rateLimitPer5Minutes: 3000, samlSignIn }), {
                labelsOf,
                ...request,
            });
        const SQLI = ["AWSManagedRulesSQLiRuleSet:SQLi_BODY"];
        const LARGE = ["AWSManagedRulesCommonRuleSet:SizeRestrictions_BODY"];
        const XSS = ["AWSManagedRulesCommonRuleSet:CrossSiteScripting_BODY"];
        const page = "/redcap_v15.0.1/DataEntry/index.php";

        it("knows every label the preset narrows", () => {
            expect(labelsOf.SQLi_BODY).to.equal(`${SQL_LABEL}SQLi_Body`);
            expect(labelsOf.SizeRestrictions_BODY).to.equal(`${CORE_LABEL}SizeRestrictions_Body`);
        });

        it("lets signed-in pages send what REDCap's features send: SQL-like logic, HTML, large forms", () => {
            for (const trips of [SQLI, XSS, LARGE]) {
                expect(verdict({ path: page, body: "x=1", trips }), trips[0]).to.deep.equal({
                    action: "allow",
                });
            }
        });

        for (const [what, request] of [
            ["an API call", { path: "/api/", body: "token=abc&content=record" }],
            ["a public survey", { path: "/surveys/", query: "s=ABC123", body: "answer=x" }],
            [
                "password recovery",
                { path: "/redcap_v15.0.1/Authentication/password_recovery.php", body: "u=x" },
            ],
            ["a password reset link", { path: page, query: "action=passwordreset&u=x" }],
            [
                "a sign-in post to any page",
                { path: page, body: `username=x&password=y&${SIGN_IN_FORM_FIELD}=t` },
            ],
            [
                "a sign-in post, upper-cased and encoded",
                { path: page, body: `username=x&${SIGN_IN_FORM_FIELD.toUpperCase()}%3D1` },
            ],
            ["the new-user form", { path: "/redcap_v15.0.1/Profile/user_info_action.php" }],
        ] as [string, ModelRequest][]) {
            it(`never lets an exception cover ${what}: SQL injection, scripts and large bodies are blocked`, () => {
                for (const trips of [SQLI, XSS, LARGE]) {
                    expect(verdict({ ...request, trips }).action, trips[0]).to.equal("block");
                }
            });
        }

        it("lets the User-Agent check's exception cover the API and surveys (a presence check, not content)", () => {
            const trips = ["AWSManagedRulesCommonRuleSet:NoUserAgent_HEADER"];
            expect(verdict({ path: "/api/", trips }).action).to.equal("allow");
            expect(verdict({ path: page, trips }).action).to.equal("block");
        });

        it("sees a sign-in field only in a body's first 8 KB: the image itself refuses larger sign-in posts", () => {
            const padded = `pad=${"a".repeat(ALB_BODY_INSPECTION_LIMIT)}&${SIGN_IN_FORM_FIELD}=t`;
            // This request passes the firewall; the REDCap image answers 413 (container test).
            expect(verdict({ path: page, body: padded, trips: LARGE }).action).to.equal("allow");
            expect(verdict({ path: "/api/", body: padded, trips: LARGE }).action).to.equal("block");
        });

        it("with SAML sign-in, lets an identity provider's large response reach Shibboleth only", () => {
            const post = {
                path: "/Shibboleth.sso/SAML2/POST",
                body: "SAMLResponse=x",
                trips: LARGE,
            };
            expect(verdict(post, true).action).to.equal("allow");
            expect(verdict(post, false).action).to.equal("block");
            expect(verdict({ ...post, trips: SQLI }, true).action).to.equal("block");
        });
    });
});
