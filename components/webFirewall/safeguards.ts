import type { ComponentSafeguards } from "../safeguards";

const RULES = "components/webFirewall/wafRules.test.ts";

export const webFirewallSafeguards: ComponentSafeguards = {
    component: "hipaa:network:WebFirewall",
    source: "components/webFirewall/webFirewall.ts",
    features: [
        {
            cites: "164.312(a)(1)",
            feature:
                "`cron.php` blocked for everyone, `install.php` and `upgrade.php` only from admin networks, optional IP and country allow-lists",
            tests: [
                {
                    file: RULES,
                    it: "blocks cron.php from everyone and install/upgrade from everyone when no admin network is given",
                },
                {
                    file: RULES,
                    it: "lets admin networks, and only them, reach install.php and upgrade.php",
                },
                { file: RULES, it: "allow-lists come first and block everyone else" },
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
                { file: RULES, it: "rate-limits each client IP over five minutes" },
                {
                    file: RULES,
                    it: "blocks on those rules' labels everywhere but the pages that need them",
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
