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
                {
                    file: ALARMS,
                    it: "pages when a worker such as the cron runner has fewer running tasks than it needs, no data included",
                },
            ],
        },
    ],
};

export const eventAlertsSafeguards: ComponentSafeguards = {
    component: "hipaa:monitoring:EventAlerts",
    source: "components/monitoring/eventAlerts.ts",
    features: [
        {
            cites: "164.308(a)(1)(ii)(D), 164.308(a)(6)(ii), 164.308(a)(8)",
            feature:
                "A deployment the circuit breaker rolled back, and a resource turning non-compliant with an AWS Config rule, notify the alert topic",
            tests: [
                {
                    file: "components/monitoring/eventAlerts.test.ts",
                    it: "sends a failed (rolled-back) deployment of the clusters' services to the alert topic, readably",
                },
                {
                    file: "components/monitoring/eventAlerts.test.ts",
                    it: "sends Config rules turning NON_COMPLIANT only when asked (the stack owning AWS Config)",
                },
            ],
        },
    ],
};

export const siteHealthCheckSafeguards: ComponentSafeguards = {
    component: "hipaa:monitoring:SiteHealthCheck",
    source: "components/monitoring/siteHealthCheck.ts",
    features: [
        {
            cites: "164.308(a)(7)(ii)(C), 164.308(a)(6)(ii)",
            feature:
                "The site is checked from outside AWS's network every 30 seconds; 3 minutes down notifies the alert topic, in any region",
            tests: [
                {
                    file: "components/monitoring/siteHealthCheck.test.ts",
                    it: "checks the site over HTTPS from outside and alarms in us-east-1 on the check's status, no data included",
                },
                {
                    file: "components/monitoring/siteHealthCheck.test.ts",
                    it: "elsewhere, forwards the alarm's state changes from us-east-1 to the stack region's bus, then to the topic",
                },
            ],
        },
    ],
};

export const alarmSilenceSafeguards: ComponentSafeguards = {
    component: "hipaa:monitoring:AlarmSilence",
    source: "components/monitoring/alarmSilence.ts",
    features: [
        {
            cites: "164.308(a)(6)(ii)",
            feature:
                "A sleeping non-production stack's alarms stop paging only while it sleeps, and page again if it does not wake",
            tests: [
                {
                    file: "components/monitoring/alarmSilence.test.ts",
                    it: "disables the alarms' actions at sleep and enables them 15 minutes after waking, through CloudWatch's own API",
                },
                {
                    file: "components/monitoring/alarmSilence.test.ts",
                    it: "sets each alarm to OK a minute after resuming, so an alarm still breaching from the night pages",
                },
            ],
        },
    ],
};

export const costBudgetSafeguards: ComponentSafeguards = {
    component: "hipaa:monitoring:CostBudget",
    source: "components/monitoring/costBudget.ts",
    features: [
        {
            cites: "164.308(a)(1)(ii)(D), 164.308(a)(6)(ii)",
            feature:
                "Spending over the stack's monthly budget, or forecast to be, notifies the alert topic (runaway or unauthorized use shows as cost)",
            tests: [
                {
                    file: "components/monitoring/costBudget.test.ts",
                    it: "budgets the stack's tagged costs a month and notifies the alert topic on actual and forecast over 100%",
                },
            ],
        },
    ],
};
