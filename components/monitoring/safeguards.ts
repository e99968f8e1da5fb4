import type { ComponentSafeguards } from "../safeguards";

const ALARMS = "components/monitoring/alarmSpecs.test.ts";

export const alertTopicSafeguards: ComponentSafeguards = {
    component: "hipaa:monitoring:AlertTopic",
    source: "components/monitoring/alertTopic.ts",
    features: [
        {
            cites: "164.308(a)(6)(ii), 164.312(e)(1)",
            feature:
                "Alerts go to people by e-mail through a KMS-encrypted topic that only this account's alarms and rules publish to, over TLS",
            tests: [
                {
                    file: "components/monitoring/alertTopic.test.ts",
                    it: "creates a topic encrypted with the alerts key, with this account's policy",
                },
                {
                    file: "components/monitoring/alertTopic.test.ts",
                    it: "denies every topic action to anyone not using TLS",
                },
            ],
        },
    ],
};

export const serviceAlarmsSafeguards: ComponentSafeguards = {
    component: "hipaa:monitoring:ServiceAlarms",
    source: "components/monitoring/serviceAlarms.ts",
    features: [
        {
            cites: "164.308(a)(1)(ii)(D), 164.308(a)(6)(ii)",
            feature:
                "Alarms, on firing and on recovery, for failed backups, blocked-request spikes, SES bounces and complaints, and the health of every tier",
            tests: [
                {
                    file: "components/monitoring/serviceAlarms.test.ts",
                    it: "notifies the alert topic when an alarm fires and when it recovers",
                },
                {
                    file: ALARMS,
                    it: "alarms on any failed backup or copy job of the vault, where no data means no failure",
                },
                {
                    file: ALARMS,
                    it: "watches blocked requests of the whole web ACL in its region, or of one rule when asked",
                },
            ],
        },
        {
            cites: "164.308(a)(7)(ii)(C)",
            feature:
                "Availability alarms: no healthy targets, 5xx, slow responses, database capacity and connections at their limits",
            tests: [
                {
                    file: ALARMS,
                    it: "watches the load balancer's and REDCap's 5xx, target health and p95 response time",
                },
                {
                    file: ALARMS,
                    it: "watches the Aurora writer by cluster and role, with the connection limit at 80% of max_connections",
                },
            ],
        },
    ],
};
