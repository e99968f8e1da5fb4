import type { ComponentSafeguards } from "../safeguards";

const KEYS = "components/encryptionKeys/encryptionKeys.test.ts";
const POLICY = "components/encryptionKeys/keyPolicy.test.ts";

export const encryptionKeysSafeguards: ComponentSafeguards = {
    component: "hipaa:security:EncryptionKeys",
    source: "components/encryptionKeys/encryptionKeys.ts",
    features: [
        {
            cites: "164.312(a)(2)(iv)",
            feature:
                "A customer-managed KMS key per data domain (database, files, logs, secrets, backup, alerts, images, sessions, audit), rotated yearly, with a 30-day deletion window",
            tests: [
                {
                    file: KEYS,
                    it: "creates one rotating key with a 30-day deletion window and an alias per domain",
                },
            ],
        },
        {
            cites: "164.312(a)(1), 164.308(a)(4)",
            feature:
                "Each key policy admits only its domain's services; the account administers the keys but never uses them directly",
            tests: [
                {
                    file: POLICY,
                    it: "lets the account administer every key but never use it directly",
                },
                {
                    file: POLICY,
                    it: "no statement outside the logs key names a service principal, and none grants kms:*",
                },
            ],
        },
        {
            cites: "164.308(a)(7)(ii)(A), 164.310(d)(2)(iv)",
            feature:
                "In prod the keys are protected and retained on destroy, so encrypted data and backups are never orphaned",
            tests: [
                {
                    file: KEYS,
                    it: "protects and retains keys when asked (prod), so encrypted data is never orphaned",
                },
            ],
        },
    ],
};
