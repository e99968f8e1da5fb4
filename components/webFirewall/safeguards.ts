import type { ComponentSafeguards } from "../safeguards";

const RULES = "components/webFirewall/wafRules.test.ts";
/** REDCap's preset: its closed paths and its narrowed exceptions. */
const REDCAP = "components/redcapService/firewallPreset.test.ts";

export const webFirewallSafeguards: ComponentSafeguards = {
    component: "hipaa:network:WebFirewall",
    source: "components/webFirewall/webFirewall.ts",
    features: [
        {
            cites: "164.312(a)(1)",
            feature:
                "The application's closed paths (REDCap: `cron.php` for everyone, `install.php` and `upgrade.php` only from admin networks), optional IP and country allow-lists",
            tests: [
                {
                    file: RULES,
                    it: "closes the caller's paths in order, opening those marked for administrators to the admin set only",
                },
                {
                    file: REDCAP,
                    it: "blocks cron.php from everyone and install/upgrade from everyone when no admin network is given",
                },
                {
                    file: REDCAP,
                    it: "lets admin networks, and only them, reach install.php and upgrade.php",
                },
                { file: REDCAP, it: "allow-lists come first and block everyone else" },
            ],
        },
        {
            cites: "164.308(a)(5)(ii)(B)",
            feature:
                "AWS's IP reputation, known bad inputs, common and SQL injection rule groups, plus a per-IP rate limit",
            tests: [
                {
                    file: "components/webFirewall/webFirewall.test.ts",
                    it: "protects the load balancer with a regional web ACL that allows by default and blocks by rule",
                },
                { file: REDCAP, it: "rate-limits each client IP over five minutes" },
                {
                    file: RULES,
                    it: "narrows nothing and closes no path by default: every managed rule blocks",
                },
                {
                    file: REDCAP,
                    it: "blocks on those rules' labels everywhere but the pages that need them",
                },
            ],
        },
        {
            cites: "164.312(a)(1), 164.308(a)(1)(ii)(B)",
            feature:
                "No exception to content inspection covers a request the application answers without a session (sign-in, password recovery, token-authenticated API calls, public forms); such requests are inspected in full and may not exceed what AWS WAF reads",
            tests: [
                {
                    file: RULES,
                    it: "never lets an exception to content inspection cover the application's unauthenticated requests",
                },
                {
                    file: RULES,
                    it: "refuses exceptions to content inspection without the application's unauthenticated requests",
                },
                {
                    file: REDCAP,
                    it: "sees a sign-in field only in a body's first 8 KB: the image itself refuses larger sign-in posts",
                },
            ],
        },
        {
            cites: "164.312(a)(1)",
            feature:
                "Per-app allow-lists: requests for an app's host names must come from its addresses and countries",
            tests: [
                {
                    file: RULES,
                    it: "limits each app's host names to its own addresses and countries, and leaves other apps alone",
                },
                {
                    file: "components/webFirewall/webFirewall.test.ts",
                    it: "gives an app with an address allow-list its own IP set, used only by its rule",
                },
            ],
        },
        {
            cites: "164.312(b)",
            feature:
                "Request logs in an encrypted log group, with cookies and credentials redacted",
            tests: [
                {
                    file: "components/webFirewall/webFirewall.test.ts",
                    it: "logs to an encrypted aws-waf-logs-* group with cookies and credentials redacted",
                },
            ],
        },
    ],
};
