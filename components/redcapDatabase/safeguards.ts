import type { ComponentSafeguards } from "../safeguards";

const DB = "components/redcapDatabase/redcapDatabase.test.ts";
const SETTINGS = "components/redcapDatabase/settings.test.ts";
const USERS = "components/redcapDatabase/userBootstrap/userBootstrap.mariadb.test.ts";

export const redcapDatabaseSafeguards: ComponentSafeguards = {
    component: "hipaa:database:RedcapDatabase",
    source: "components/redcapDatabase/redcapDatabase.ts",
    features: [
        {
            cites: "164.312(a)(2)(iv)",
            feature:
                "Aurora storage, snapshots and Performance Insights encrypted with the database key",
            tests: [
                {
                    file: DB,
                    it: "creates an encrypted Aurora MySQL 3 cluster whose master password RDS keeps under our key",
                },
                {
                    file: DB,
                    it: "puts a writer and the readers in different AZs, private, monitored, with encrypted Performance Insights",
                },
            ],
        },
        {
            cites: "164.312(e)(1), 164.312(e)(2)(ii)",
            feature:
                "TLS required by the server (`require_secure_transport`) and by both of REDCap's database users (`REQUIRE SSL`)",
            tests: [
                {
                    file: SETTINGS,
                    it: "requires TLS, REDCap's sizes and auditing without data statements in the parameter group",
                },
                {
                    file: USERS,
                    it: "creates the schema and both users with exactly REDCap's privileges, TLS required",
                },
            ],
        },
        {
            cites: "164.312(b), 164.308(a)(5)(ii)(C)",
            feature:
                "Advanced auditing of connections (failed ones too), privilege and schema changes, exported to encrypted log groups; not data statements, which would copy PHI into logs",
            tests: [
                {
                    file: DB,
                    it: "uses the parameter group that requires TLS, and writes exported logs to our encrypted groups",
                },
            ],
        },
        {
            cites: "164.312(a)(1), 164.308(a)(4)",
            feature:
                "Reachable on 3306 only from its client security group, in isolated subnets; REDCap's everyday user may only read and write rows of its own schema",
            tests: [
                {
                    file: DB,
                    it: "admits MySQL only from its client security group, on the isolated subnets",
                },
                {
                    file: "components/redcapDatabase/userBootstrap/userBootstrap.test.ts",
                    it: "gives the everyday user data access only and the schema user what REDCap's upgrades check for",
                },
            ],
        },
        {
            cites: "164.308(a)(5)(ii)(D), 164.312(d)",
            feature:
                "Passwords generated and kept in Secrets Manager under the secrets key; the master password is managed by RDS and never in Pulumi state",
            tests: [
                {
                    file: DB,
                    it: "keeps REDCap's two users' credentials in secrets under our key, never in plain text",
                },
                {
                    file: "test/program.test.ts",
                    it: "never shows a generated password, in any resource or output",
                },
            ],
        },
        {
            cites: "164.308(a)(7)(ii)(A), 164.308(a)(7)(ii)(B), 164.312(c)(1)",
            feature:
                "In prod: 35 days of point-in-time recovery, 24 hours of backtrack, deletion protection, a final snapshot, and Pulumi protection",
            tests: [
                {
                    file: DB,
                    it: "in prod survives a destroy: deletion protection, final snapshot, protect, backtrack, 35 days of backups",
                },
            ],
        },
    ],
};
