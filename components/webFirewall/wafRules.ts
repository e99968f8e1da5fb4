import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

type Rule = aws.types.input.wafv2.WebAclRule;
type Statement = aws.types.input.wafv2.WebAclRuleStatement;

/** AWS WAF's smallest rate-based limit (requests per evaluation window). */
export const MIN_RATE_LIMIT = 10;

export interface WafRuleOptions {
    /** Requests one client IP may send in 5 minutes before it is blocked. */
    rateLimitPer5Minutes: number;
    /** When set, only these addresses may reach REDCap at all. */
    allowedIpSetArn?: pulumi.Input<string>;
    /** When set, only requests from these countries (ISO 3166 alpha-2) may reach REDCap. */
    allowedCountries?: string[];
    /** Addresses that may reach install.php and upgrade.php; without it nobody can over the internet. */
    adminIpSetArn?: pulumi.Input<string>;
    /** REDCap signs users in with SAML: identity providers post their responses to the site. */
    samlSignIn?: boolean;
}

// Paths are compared after decoding, normalizing (so `..` cannot dodge a rule) and lower-casing.
const PATH_TRANSFORMS = [
    { priority: 0, type: "URL_DECODE" },
    { priority: 1, type: "NORMALIZE_PATH" },
    { priority: 2, type: "LOWERCASE" },
];

const pathMatches = (regexString: string): Statement => ({
    regexMatchStatement: {
        regexString,
        fieldToMatch: { uriPath: {} },
        textTransformations: PATH_TRANSFORMS,
    },
});

/** REDCap pages that need a signed-in user (`/redcap_vX.Y.Z/...`) or an API token (`/api/`). */
export const SIGNED_IN_PATHS = "^/(redcap_v[0-9]+\\.[0-9]+\\.[0-9]+|api)/";
/** The same plus public surveys, which take file uploads. */
export const UPLOAD_PATHS = "^/(redcap_v[0-9]+\\.[0-9]+\\.[0-9]+|api|surveys)/";
/**
 * Shibboleth's assertion consumer, where browsers post the identity provider's signed (and often
 * encrypted) response: commonly over 8 KB. Shibboleth parses and verifies it; PHP never sees it.
 */
export const SAML_RESPONSE_PATH = "^/shibboleth\\.sso/saml2/post$";
/** Where clients without a User-Agent are legitimate: REDCap's own survey check and MyCap's API calls. */
export const NO_USER_AGENT_PATHS = "^/(api|surveys)/";

const CORE = "awswaf:managed:aws:core-rule-set:";
const SQL = "awswaf:managed:aws:sql-database:";

/**
 * Managed rules that REDCap trips in normal use. They are set to count inside their group, and a
 * rule right after the group blocks on the same rule's label everywhere except where REDCap
 * legitimately sends such requests. The exception is as narrow as the feature that needs it.
 */
export const NARROWED_RULES: {
    group: "AWSManagedRulesCommonRuleSet" | "AWSManagedRulesSQLiRuleSet";
    rules: string[];
    labels: string[];
    allowedPaths: string;
    /** Also allowed when REDCap signs users in with SAML. */
    allowedPathsWithSaml?: string;
    why: string;
    name: string;
}[] = [
    {
        name: "no-user-agent-outside-api-and-surveys",
        group: "AWSManagedRulesCommonRuleSet",
        rules: ["NoUserAgent_HEADER"],
        labels: [`${CORE}NoUserAgent_Header`],
        allowedPaths: NO_USER_AGENT_PATHS,
        why: "REDCap's survey end-point check and MyCap call REDCap without a User-Agent",
    },
    {
        name: "large-bodies-outside-redcap",
        group: "AWSManagedRulesCommonRuleSet",
        rules: ["SizeRestrictions_BODY"],
        labels: [`${CORE}SizeRestrictions_Body`],
        allowedPaths: UPLOAD_PATHS,
        allowedPathsWithSaml: SAML_RESPONSE_PATH,
        why: "data entry forms, imports and file uploads send bodies over 8 KB, and so do identity providers' SAML responses",
    },
    {
        name: "xss-rfi-outside-signed-in-pages",
        group: "AWSManagedRulesCommonRuleSet",
        rules: ["CrossSiteScripting_BODY", "GenericRFI_BODY"],
        labels: [`${CORE}CrossSiteScripting_Body`, `${CORE}GenericRFI_Body`],
        allowedPaths: SIGNED_IN_PATHS,
        why: "the instrument designer and rich-text fields submit HTML and URLs",
    },
    {
        name: "sqli-outside-signed-in-pages",
        group: "AWSManagedRulesSQLiRuleSet",
        rules: [
            "SQLi_BODY",
            "SQLi_QUERYARGUMENTS",
            "SQLiExtendedPatterns_BODY",
            "SQLiExtendedPatterns_QUERYARGUMENTS",
        ],
        labels: [
            `${SQL}SQLi_Body`,
            `${SQL}SQLi_QueryArguments`,
            `${SQL}SQLiExtendedPatterns_Body`,
            `${SQL}SQLiExtendedPatterns_QueryArguments`,
        ],
        allowedPaths: SIGNED_IN_PATHS,
        why: "calculated fields, branching logic and report filters look like SQL (e.g. [item]='')",
    },
];

const visibility = (metricName: string) => ({
    cloudwatchMetricsEnabled: true,
    metricName,
    sampledRequestsEnabled: true,
});

const block = (name: string, priority: number, statement: Statement): Rule => ({
    name,
    priority,
    action: { block: {} },
    statement,
    visibilityConfig: visibility(name),
});

const managed = (
    name: string,
    priority: number,
    group: string,
    countRules: string[] = [],
): Rule => ({
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
        managedRuleGroupStatement: {
            vendorName: "AWS",
            name: group,
            ruleActionOverrides: countRules.length
                ? countRules.map((rule) => ({ name: rule, actionToUse: { count: {} } }))
                : undefined,
        },
    },
    visibilityConfig: visibility(name),
});

const anyOf = (statements: Statement[]): Statement =>
    statements.length === 1 ? statements[0] : { orStatement: { statements } };

/**
 * The web ACL's rules, in evaluation order: who may connect at all, the paths nobody may reach
 * from the internet, the rate limit, then AWS's managed rule groups with REDCap's narrowed
 * exceptions right after the group they come from.
 */
export function redcapWafRules(options: WafRuleOptions): Rule[] {
    if (
        !Number.isInteger(options.rateLimitPer5Minutes) ||
        options.rateLimitPer5Minutes < MIN_RATE_LIMIT
    ) {
        throw new Error(
            `redcapWafRules: rateLimitPer5Minutes ${options.rateLimitPer5Minutes} is not allowed; expected a whole number of at least ${MIN_RATE_LIMIT} (AWS WAF's minimum)`,
        );
    }
    const rules: Rule[] = [];
    let priority = 0;
    if (options.allowedIpSetArn) {
        rules.push(
            block("allowed-ips-only", priority++, {
                notStatement: {
                    statement: { ipSetReferenceStatement: { arn: options.allowedIpSetArn } },
                },
            }),
        );
    }
    if (options.allowedCountries?.length) {
        rules.push(
            block("allowed-countries-only", priority++, {
                notStatement: {
                    statement: { geoMatchStatement: { countryCodes: options.allowedCountries } },
                },
            }),
        );
    }
    // cron.php runs as a scheduled task inside the VPC; over HTTP it would let anyone run every job.
    rules.push(block("no-cron-over-http", priority++, pathMatches("(^|/)cron\\.php($|/)")));
    const installOrUpgrade = pathMatches("(^|/)(install|upgrade)\\.php($|/)");
    rules.push(
        block(
            "install-upgrade-admins-only",
            priority++,
            options.adminIpSetArn
                ? {
                      andStatement: {
                          statements: [
                              installOrUpgrade,
                              {
                                  notStatement: {
                                      statement: {
                                          ipSetReferenceStatement: {
                                              arn: options.adminIpSetArn,
                                          },
                                      },
                                  },
                              },
                          ],
                      },
                  }
                : installOrUpgrade,
        ),
    );
    rules.push(
        block("rate-limit-per-ip", priority++, {
            rateBasedStatement: {
                limit: options.rateLimitPer5Minutes,
                aggregateKeyType: "IP",
                evaluationWindowSec: 300,
            },
        }),
    );

    priority = 10;
    rules.push(managed("aws-ip-reputation", priority++, "AWSManagedRulesAmazonIpReputationList"));
    rules.push(managed("aws-known-bad-inputs", priority++, "AWSManagedRulesKnownBadInputsRuleSet"));
    for (const group of ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet"] as const) {
        const narrowed = NARROWED_RULES.filter((n) => n.group === group);
        rules.push(
            managed(
                group === "AWSManagedRulesCommonRuleSet" ? "aws-common" : "aws-sqli",
                priority++,
                group,
                narrowed.flatMap((n) => n.rules),
            ),
        );
        for (const n of narrowed) {
            rules.push(
                block(n.name, priority++, {
                    andStatement: {
                        statements: [
                            anyOf(
                                n.labels.map((key) => ({
                                    labelMatchStatement: { scope: "LABEL", key },
                                })),
                            ),
                            {
                                notStatement: {
                                    statement: pathMatches(
                                        options.samlSignIn && n.allowedPathsWithSaml
                                            ? `${n.allowedPaths}|${n.allowedPathsWithSaml}`
                                            : n.allowedPaths,
                                    ),
                                },
                            },
                        ],
                    },
                }),
            );
        }
    }
    return rules;
}
