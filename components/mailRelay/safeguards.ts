import type { ComponentSafeguards } from "../safeguards";

const MAIL = "components/mailRelay/mailRelay.test.ts";

export const mailRelaySafeguards: ComponentSafeguards = {
    component: "hipaa:mail:MailRelay",
    source: "components/mailRelay/mailRelay.ts",
    features: [
        {
            cites: "164.312(e)(1), 164.312(e)(2)(ii)",
            feature: "SES delivers REDCap's mail only over TLS (`tlsPolicy: REQUIRE`)",
            tests: [
                {
                    file: MAIL,
                    it: "verifies the domain with its configuration set and a custom MAIL FROM domain",
                },
            ],
        },
        {
            cites: "164.312(e)(2)(i), 164.312(c)(2)",
            feature:
                "Mail signed with DKIM, with SPF and a custom MAIL FROM domain, so recipients can tell it was not altered or forged",
            tests: [
                { file: MAIL, it: "creates the DKIM, MX and SPF records in the zone" },
                {
                    file: MAIL,
                    it: "lists a DKIM CNAME per token, the MAIL FROM MX of the region and SPF",
                },
            ],
        },
        {
            cites: "164.308(a)(4), 164.312(a)(2)(iv)",
            feature:
                "The SMTP principal may send only as REDCap's address; its credentials are kept in an encrypted secret",
            tests: [
                {
                    file: MAIL,
                    it: "lets the SMTP user send only from REDCap's address and keeps its credentials secret",
                },
            ],
        },
        {
            cites: "164.308(a)(6)(ii)",
            feature: "Bounces and complaints reach people through a KMS-encrypted topic",
            tests: [
                {
                    file: MAIL,
                    it: "sends bounces and complaints to a KMS-encrypted topic that only SES of this account may publish to, over TLS only",
                },
            ],
        },
    ],
};
