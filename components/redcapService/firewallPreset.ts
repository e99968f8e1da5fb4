import type { BlockedPath, RuleException } from "../webFirewall/wafRules";

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
            allowedPaths: options.samlSignIn
                ? `${UPLOAD_PATHS}|${SAML_RESPONSE_PATH}`
                : UPLOAD_PATHS,
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
}
