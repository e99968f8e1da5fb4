import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

type Rule = aws.types.input.wafv2.WebAclRule;
type Statement = aws.types.input.wafv2.WebAclRuleStatement;

/** AWS WAF's smallest rate-based limit (requests per evaluation window). */
export const MIN_RATE_LIMIT = 10;

/** A path nobody may reach from the internet (or only administrators). */
export interface BlockedPath {
    /** The rule's name in the web ACL. */
    name: string;
    /** A regular expression on the URL path, decoded, normalized and lower-cased. */
    path: string;
    /** Administrators' addresses (the firewall's admin IP set) may still reach it. Default false. */
    exceptAdmins?: boolean;
    /** Why the path is closed, for readers of the preset. */
    why: string;
}

/**
 * Managed rules an application trips in normal use: set to count inside their group, then blocked
 * on their labels by a rule right after the group everywhere but `allowedPaths`.
 */
export interface RuleException {
    /** The blocking rule's name in the web ACL. */
    name: string;
    group: "AWSManagedRulesCommonRuleSet" | "AWSManagedRulesSQLiRuleSet";
    /** The managed rules set to count. */
    rules: string[];
    /** Their labels, blocked outside allowedPaths. */
    labels: string[];
    /** A regular expression on the URL path (decoded, normalized, lower-cased) where they pass. */
    allowedPaths: string;
    /** Why the application needs the exception, for readers of the preset. */
    why: string;
}

/**
 * Requests that reach an application without a signed-in user (sign-in, password recovery,
 * token-authenticated API calls, public forms): no exception to a content-inspection rule ever
 * covers them, even inside its `allowedPaths`. Strings are matched lower-cased.
 */
export interface UnauthenticatedRequests {
    /** A regular expression on the URL path (decoded, normalized, lower-cased). */
    paths?: string;
    /** Strings whose presence in the query string marks such a request, e.g. `action=passwordreset`. */
    queryContains?: string[];
    /**
     * Strings whose presence in the body marks such a request, e.g. a sign-in form's field name.
     * AWS WAF sees only a body's first 8 KB behind a load balancer: an application that lets
     * larger bodies through must itself refuse marked requests over 8 KB.
     */
    bodyContains?: string[];
    /** Why these are the application's unauthenticated requests, for readers of the preset. */
    why: string;
}

/**
 * Managed rules that check only whether a header is present, not what a request carries: their
 * exceptions may cover unauthenticated requests.
 */
export const PRESENCE_CHECKS: readonly string[] = ["NoUserAgent_HEADER"];

/** The name of the rule that keeps exceptions off unauthenticated requests. */
export const UNAUTHENTICATED_RULE = "no-exceptions-for-unauthenticated";

/** Who may reach one app, recognized by the host names it answers. */
export interface AppAccess {
    /** Lower-case host names; a wildcard only as the whole first label (`*.rstudio.example.edu`). */
    hostNames: string[];
    /** When set, only these addresses may reach the app. */
    allowedIpSetArn?: pulumi.Input<string>;
    /** When set, only requests from these countries (ISO 3166 alpha-2) may reach the app. */
    allowedCountries?: string[];
}

/**
 * A regular expression for the Host header of these names (lower-cased, with or without :443),
 * a wildcard standing for exactly one label.
 */
export function hostPattern(hostNames: string[]): string {
    const one = (host: string) => host.replace(/\./g, "\\.").replace(/^\*\\\./, "[a-z0-9-]+\\.");
    return `^(${hostNames.map(one).join("|")})(:443)?$`;
}

export interface WafRuleOptions {
    /** Requests one client IP may send in 5 minutes before it is blocked. */
    rateLimitPer5Minutes: number;
    /** When set, only these addresses may reach the application at all. */
    allowedIpSetArn?: pulumi.Input<string>;
    /** When set, only requests from these countries (ISO 3166 alpha-2) may reach it. */
    allowedCountries?: string[];
    /** Allow-lists of single apps by name, applied to requests for their host names. */
    apps?: Record<string, AppAccess>;
    /** Addresses that may reach the blocked paths marked `exceptAdmins`. */
    adminIpSetArn?: pulumi.Input<string>;
    /** Paths closed to the internet, in order. Default none. */
    blockedPaths?: BlockedPath[];
    /** The application's exceptions to the managed rules. Default none: every rule blocks. */
    exceptions?: RuleException[];
    /**
     * The application's unauthenticated requests, which no exception to a content-inspection
     * rule covers. Required with such exceptions.
     */
    unauthenticated?: UnauthenticatedRequests;
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

const contains =
    (
        fieldToMatch: aws.types.input.wafv2.WebAclRuleStatementByteMatchStatementFieldToMatch,
        transforms: { priority: number; type: string }[],
    ) =>
    (searchString: string): Statement => ({
        byteMatchStatement: {
            searchString: searchString.toLowerCase(),
            positionalConstraint: "CONTAINS",
            fieldToMatch,
            textTransformations: transforms,
        },
    });

/** Whether an exception's rules inspect what a request carries (body, query, path, cookies). */
export const inspectsContent = (exception: RuleException): boolean =>
    exception.rules.some((rule) => !PRESENCE_CHECKS.includes(rule));

/** A statement matching the application's unauthenticated requests. */
function unauthenticatedStatement(u: UnauthenticatedRequests): Statement {
    const decoded = [
        { priority: 0, type: "URL_DECODE" },
        { priority: 1, type: "LOWERCASE" },
    ];
    const statements: Statement[] = [
        ...(u.paths ? [pathMatches(u.paths)] : []),
        ...(u.queryContains ?? []).map(contains({ queryString: {} }, decoded)),
        // Oversize bodies are judged on their first 8 KB (CONTINUE): the size rule handles the rest.
        ...(u.bodyContains ?? []).map(
            contains({ body: { oversizeHandling: "CONTINUE" } }, decoded),
        ),
    ];
    if (statements.length === 0) {
        throw new Error(
            "webAclRules: unauthenticated has no paths, queryContains or bodyContains; expected at least one",
        );
    }
    return anyOf(statements);
}

/**
 * The web ACL's rules, in evaluation order: who may connect at all, the paths nobody may reach
 * from the internet, the rate limit, then AWS's managed rule groups, each followed by the
 * application's exceptions to it (blocking its counted rules everywhere else).
 */
export function webAclRules(options: WafRuleOptions): Rule[] {
    if (
        !Number.isInteger(options.rateLimitPer5Minutes) ||
        options.rateLimitPer5Minutes < MIN_RATE_LIMIT
    ) {
        throw new Error(
            `webAclRules: rateLimitPer5Minutes ${options.rateLimitPer5Minutes} is not allowed; expected a whole number of at least ${MIN_RATE_LIMIT} (AWS WAF's minimum)`,
        );
    }
    const contentExceptions = (options.exceptions ?? []).filter(inspectsContent);
    if (contentExceptions.length > 0 && !options.unauthenticated) {
        throw new Error(
            `webAclRules: exceptions ${contentExceptions.map((e) => e.name).join(", ")} narrow content inspection, but unauthenticated is unset; expected the application's unauthenticated requests, which no exception may cover`,
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
    for (const [app, access] of Object.entries(options.apps ?? {})) {
        const forApp: Statement = {
            regexMatchStatement: {
                regexString: hostPattern(access.hostNames),
                fieldToMatch: { singleHeader: { name: "host" } },
                textTransformations: [{ priority: 0, type: "LOWERCASE" }],
            },
        };
        const onlyFrom = (ruleName: string, allowed: Statement) =>
            rules.push(
                block(ruleName, priority++, {
                    andStatement: {
                        statements: [forApp, { notStatement: { statement: allowed } }],
                    },
                }),
            );
        if (access.allowedIpSetArn) {
            onlyFrom(`${app}-allowed-ips-only`, {
                ipSetReferenceStatement: { arn: access.allowedIpSetArn },
            });
        }
        if (access.allowedCountries?.length) {
            onlyFrom(`${app}-allowed-countries-only`, {
                geoMatchStatement: { countryCodes: access.allowedCountries },
            });
        }
    }
    for (const closed of options.blockedPaths ?? []) {
        const path = pathMatches(closed.path);
        rules.push(
            block(
                closed.name,
                priority++,
                closed.exceptAdmins && options.adminIpSetArn
                    ? {
                          andStatement: {
                              statements: [
                                  path,
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
                    : path,
            ),
        );
    }
    rules.push(
        block("rate-limit-per-ip", priority++, {
            rateBasedStatement: {
                limit: options.rateLimitPer5Minutes,
                aggregateKeyType: "IP",
                evaluationWindowSec: 300,
            },
        }),
    );

    // Managed groups start at 10, or after the rules above when there are more of them.
    priority = Math.max(10, priority);
    rules.push(managed("aws-ip-reputation", priority++, "AWSManagedRulesAmazonIpReputationList"));
    rules.push(managed("aws-known-bad-inputs", priority++, "AWSManagedRulesKnownBadInputsRuleSet"));
    for (const group of ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet"] as const) {
        const narrowed = (options.exceptions ?? []).filter((n) => n.group === group);
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
                            { notStatement: { statement: pathMatches(n.allowedPaths) } },
                        ],
                    },
                }),
            );
        }
    }
    // Whatever the exceptions let through on their paths, never for an unauthenticated request.
    if (contentExceptions.length > 0 && options.unauthenticated) {
        rules.push(
            block(UNAUTHENTICATED_RULE, priority++, {
                andStatement: {
                    statements: [
                        anyOf(
                            [...new Set(contentExceptions.flatMap((e) => e.labels))].map((key) => ({
                                labelMatchStatement: { scope: "LABEL", key },
                            })),
                        ),
                        unauthenticatedStatement(options.unauthenticated),
                    ],
                },
            }),
        );
    }
    return rules;
}
