import type * as aws from "@pulumi/aws";
import { expect } from "chai";
import { evaluate } from "../../test/wafEvaluator";
import {
    type BlockedPath,
    hostPattern,
    type RuleException,
    UNAUTHENTICATED_RULE,
    type UnauthenticatedRequests,
    webAclRules,
} from "./wafRules";

type Rule = aws.types.input.wafv2.WebAclRule;
const plain = (rules: Rule[]) => JSON.parse(JSON.stringify(rules)) as Record<string, any>[];

/** An application's preset, as a caller writes one. */
const BLOCKED: BlockedPath[] = [
    { name: "no-metrics", path: "^/metrics$", why: "internal only" },
    { name: "admin-only", path: "^/admin/", exceptAdmins: true, why: "administrators" },
];
const EXCEPTIONS: RuleException[] = [
    {
        name: "uploads-only",
        group: "AWSManagedRulesCommonRuleSet",
        rules: ["SizeRestrictions_BODY"],
        labels: ["awswaf:managed:aws:core-rule-set:SizeRestrictions_Body"],
        allowedPaths: "^/upload$",
        why: "uploads",
    },
];

const UNAUTHENTICATED: UnauthenticatedRequests = {
    paths: "^/public/",
    bodyContains: ["sign_in_form"],
    queryContains: ["reset=1"],
    why: "a test application's public pages, sign-in and reset links",
};

describe("webAclRules", () => {
    it("narrows nothing and closes no path by default: every managed rule blocks", () => {
        const rules = plain(webAclRules({ rateLimitPer5Minutes: 3000 }));
        expect(rules.map((r) => r.name)).to.deep.equal([
            "rate-limit-per-ip",
            "aws-ip-reputation",
            "aws-known-bad-inputs",
            "aws-common",
            "aws-sqli",
        ]);
        for (const group of rules.filter((r) => r.statement.managedRuleGroupStatement)) {
            expect(group.statement.managedRuleGroupStatement.ruleActionOverrides).to.equal(
                undefined,
            );
            expect(group.overrideAction).to.deep.equal({ none: {} });
        }
    });

    it("closes the caller's paths in order, opening those marked for administrators to the admin set only", () => {
        const rules = plain(
            webAclRules({
                rateLimitPer5Minutes: 100,
                adminIpSetArn: "arn:admins",
                blockedPaths: BLOCKED,
            }),
        );
        expect(rules.slice(0, 2).map((r) => [r.name, r.action])).to.deep.equal([
            ["no-metrics", { block: {} }],
            ["admin-only", { block: {} }],
        ]);
        expect(rules[0].statement.regexMatchStatement.regexString).to.equal("^/metrics$");
        expect(rules[1].statement.andStatement.statements[1]).to.deep.equal({
            notStatement: { statement: { ipSetReferenceStatement: { arn: "arn:admins" } } },
        });
        // Without an admin set, nobody reaches it.
        const closed = plain(webAclRules({ rateLimitPer5Minutes: 100, blockedPaths: BLOCKED }));
        expect(closed[1].statement.regexMatchStatement.regexString).to.equal("^/admin/");
    });

    it("counts an exception's rules in their group and blocks their labels everywhere but its paths", () => {
        const rules = plain(
            webAclRules({
                rateLimitPer5Minutes: 100,
                exceptions: EXCEPTIONS,
                unauthenticated: UNAUTHENTICATED,
            }),
        );
        const common = rules.find((r) => r.name === "aws-common")!;
        expect(common.statement.managedRuleGroupStatement.ruleActionOverrides).to.deep.equal([
            { name: "SizeRestrictions_BODY", actionToUse: { count: {} } },
        ]);
        const next = rules[rules.indexOf(common) + 1];
        expect(next.name).to.equal("uploads-only");
        expect(next.statement.andStatement.statements).to.deep.equal([
            {
                labelMatchStatement: {
                    scope: "LABEL",
                    key: "awswaf:managed:aws:core-rule-set:SizeRestrictions_Body",
                },
            },
            {
                notStatement: {
                    statement: {
                        regexMatchStatement: {
                            regexString: "^/upload$",
                            fieldToMatch: { uriPath: {} },
                            textTransformations: [
                                { priority: 0, type: "URL_DECODE" },
                                { priority: 1, type: "NORMALIZE_PATH" },
                                { priority: 2, type: "LOWERCASE" },
                            ],
                        },
                    },
                },
            },
        ]);
        const sqli = rules.find((r) => r.name === "aws-sqli")!;
        expect(sqli.statement.managedRuleGroupStatement.ruleActionOverrides).to.equal(undefined);
    });

    it("never lets an exception to content inspection cover the application's unauthenticated requests", () => {
        const exceptions: RuleException[] = [
            ...EXCEPTIONS,
            {
                name: "sqli-on-upload",
                group: "AWSManagedRulesSQLiRuleSet",
                rules: ["SQLi_BODY"],
                labels: ["sql:SQLi_Body"],
                allowedPaths: "^/(upload|public/form)$",
                why: "test",
            },
        ];
        const rules = webAclRules({
            rateLimitPer5Minutes: 100,
            exceptions,
            unauthenticated: UNAUTHENTICATED,
        });
        const labelsOf = {
            SizeRestrictions_BODY: "awswaf:managed:aws:core-rule-set:SizeRestrictions_Body",
            SQLi_BODY: "sql:SQLi_Body",
        };
        const sqli = ["AWSManagedRulesSQLiRuleSet:SQLi_BODY"];
        const verdict = (path: string, extra: { body?: string; query?: string } = {}) =>
            evaluate(rules, { path, trips: sqli, labelsOf, ...extra }).action;
        expect(verdict("/upload")).to.equal("allow");
        expect(verdict("/public/form")).to.equal("block");
        expect(verdict("/upload", { body: "a=1&SIGN_IN_FORM=x" })).to.equal("block");
        expect(verdict("/upload", { query: "reset%3D1" })).to.equal("block");
        expect(verdict("/elsewhere")).to.equal("block");
        // Without the rule, the exception would let the public form through.
        expect(
            evaluate(
                rules.filter((r) => r.name !== UNAUTHENTICATED_RULE),
                { path: "/public/form", trips: sqli, labelsOf },
            ).action,
        ).to.equal("allow");
        // A presence check's exception is no content inspection: no rule for it alone.
        const presence = webAclRules({
            rateLimitPer5Minutes: 100,
            exceptions: [
                {
                    name: "no-agent",
                    group: "AWSManagedRulesCommonRuleSet",
                    rules: ["NoUserAgent_HEADER"],
                    labels: ["core:NoUserAgent_Header"],
                    allowedPaths: "^/public/",
                    why: "test",
                },
            ],
        });
        expect(presence.map((r) => r.name)).not.to.include(UNAUTHENTICATED_RULE);
    });

    it("refuses exceptions to content inspection without the application's unauthenticated requests", () => {
        expect(() => webAclRules({ rateLimitPer5Minutes: 100, exceptions: EXCEPTIONS })).to.throw(
            "exceptions uploads-only narrow content inspection, but unauthenticated is unset",
        );
        expect(() =>
            webAclRules({
                rateLimitPer5Minutes: 100,
                exceptions: EXCEPTIONS,
                unauthenticated: { why: "nothing" },
            }),
        ).to.throw("unauthenticated has no paths, queryContains or bodyContains");
    });

    it("limits each app's host names to its own addresses and countries, and leaves other apps alone", () => {
        const rules = webAclRules({
            rateLimitPer5Minutes: 100,
            apps: {
                rstudio: {
                    hostNames: ["rstudio.example.edu", "*.rstudio.example.edu"],
                    allowedIpSetArn: "arn:campus",
                    allowedCountries: ["US"],
                },
            },
        });
        const ipSets = { "arn:campus": ["192.0.2.10"] };
        const verdict = (host: string, ip: string, country = "US") =>
            evaluate(rules, { path: "/", host, ip, country }, ipSets);
        expect(verdict("rstudio.example.edu", "192.0.2.10").action).to.equal("allow");
        expect(verdict("alice.rstudio.example.edu", "192.0.2.10").action).to.equal("allow");
        expect(verdict("RStudio.Example.edu:443", "198.51.100.7")).to.deep.equal({
            action: "block",
            by: "rstudio-allowed-ips-only",
        });
        expect(verdict("alice.rstudio.example.edu", "198.51.100.7").action).to.equal("block");
        expect(verdict("rstudio.example.edu", "192.0.2.10", "FR")).to.deep.equal({
            action: "block",
            by: "rstudio-allowed-countries-only",
        });
        // Another app on the same load balancer is not limited by this list.
        expect(verdict("shiny.example.edu", "198.51.100.7", "FR").action).to.equal("allow");
        expect(verdict("evil-rstudio.example.edu", "198.51.100.7").action).to.equal("allow");
        // Rule priorities stay unique and the managed groups come after every app's rules.
        const priorities = rules.map((r) => Number(r.priority));
        expect(new Set(priorities).size).to.equal(priorities.length);
    });

    it("matches a host name exactly, a wildcard as one label, with or without the HTTPS port", () => {
        const re = new RegExp(hostPattern(["a.example.edu", "*.b.example.edu"]));
        for (const host of ["a.example.edu", "a.example.edu:443", "x.b.example.edu"]) {
            expect(re.test(host), host).to.equal(true);
        }
        for (const host of [
            "b.example.edu",
            "x.y.b.example.edu",
            "aXexample.edu",
            "a.example.edu.evil.com",
        ]) {
            expect(re.test(host), host).to.equal(false);
        }
    });

    it("refuses a rate limit below AWS WAF's minimum", () => {
        expect(() => webAclRules({ rateLimitPer5Minutes: 5 })).to.throw(
            "rateLimitPer5Minutes 5 is not allowed; expected a whole number of at least 10 (AWS WAF's minimum)",
        );
    });
});
