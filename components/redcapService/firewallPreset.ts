import type { BlockedPath, RuleException, UnauthenticatedRequests } from "../webFirewall/wafRules";

/** REDCap's pages for signed-in users: `/redcap_vX.Y.Z/...` (less REDCAP_UNAUTHENTICATED). */
export const SIGNED_IN_PATHS = "^/redcap_v[0-9]+\\.[0-9]+\\.[0-9]+/";
/**
 * The hidden field of REDCap's sign-in form. REDCap takes a sign-in post at any of its pages, so
 * a sign-in is recognized by its body, not its path.
 */
export const SIGN_IN_FORM_FIELD = "redcap_login_a38us_09i85";

/**
 * What REDCap serves without a signed-in user, which no exception to a content-inspection rule
 * covers: the API (a token in the body, no session), public surveys, password recovery and
 * reset, the new-user form, and sign-in posts wherever they are sent.
 */
export const REDCAP_UNAUTHENTICATED: UnauthenticatedRequests = {
    paths: "^/(api|surveys)/|^/redcap_v[0-9]+\\.[0-9]+\\.[0-9]+/(authentication/|profile/user_info_action\\.php)",
    queryContains: ["action=passwordreset"],
    bodyContains: [SIGN_IN_FORM_FIELD],
    why: "REDCap answers these without a session: API calls carry a token, surveys are public, password recovery and sign-in come before a session exists",
};
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
 * REDCap's closed paths: cron.php runs as a scheduled task inside the VPC (over HTTP it would let
 * anyone run every job), and install.php and upgrade.php are for administrators only.
 */
export const REDCAP_BLOCKED_PATHS: BlockedPath[] = [
    {
        name: "no-cron-over-http",
        path: "(^|/)cron\\.php($|/)",
        why: "REDCap's cron runs as a scheduled task in the VPC; over HTTP anyone could run every job",
    },
    {
        name: "install-upgrade-admins-only",
        path: "(^|/)(install|upgrade)\\.php($|/)",
        exceptAdmins: true,
        why: "installing and upgrading are for administrators, from their networks only",
    },
];

/**
 * Managed rules that REDCap trips in normal use, each blocked everywhere except where REDCap
 * legitimately sends such requests: the exception is as narrow as the feature that needs it.
 * With SAML sign-in, identity providers' responses (often over 8 KB) may also reach Shibboleth's
 * assertion consumer.
 */
export function redcapRuleExceptions(options: { samlSignIn?: boolean } = {}): RuleException[] {
    return [
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
            // Never for the API or surveys (unauthenticated); the image refuses sign-in posts over
            // 8 KB itself, since WAF cannot see a field padded past its first 8 KB.
            allowedPaths: options.samlSignIn
                ? `${SIGNED_IN_PATHS}|${SAML_RESPONSE_PATH}`
                : SIGNED_IN_PATHS,
            why: "data entry forms, imports and file uploads of signed-in users send bodies over 8 KB, and so do identity providers' signed SAML responses, which only Shibboleth reads",
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
}
