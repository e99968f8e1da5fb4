import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { ConfigError } from "../problems";
import { configTester } from "../../test/configTester";
import { parseStackConfig } from "./config";

/** A valid dev configuration in the flat form Pulumi hands the program. */
const BASE: Record<string, string> = {
    "aws:region": "us-east-1",
    "redcap:environment": "dev",
    "redcap:tags": JSON.stringify({ owner: "research-it@example.edu", "cost-center": "RIT-1001" }),
    "redcap:network": JSON.stringify({ cidr: "10.40.0.0/16" }),
};

const { parse, problems } = configTester(BASE, parseStackConfig, {
    stack: "dev",
    project: "redcap",
});

const network = (extra: object) => ({ "redcap:network": { cidr: "10.40.0.0/16", ...extra } });
const tags = (extra: object) => ({
    "redcap:tags": { owner: "research-it@example.edu", "cost-center": "RIT-1001", ...extra },
});

describe("stack configuration", () => {
    describe("defaults per environment", () => {
        it("applies the dev defaults and builds every required tag", () => {
            const config = parse({});
            expect(config.network).to.deep.equal({
                cidr: "10.40.0.0/16",
                azCount: 2,
                natGateways: "single",
                publicSubnets: true,
                subnetPrefixLengths: { public: 24, private: 20, isolated: 24 },
                interfaceEndpoints: [],
            });
            expect(config.tags).to.deep.equal({
                project: "redcap",
                environment: "dev",
                owner: "research-it@example.edu",
                "data-classification": "phi",
                "cost-center": "RIT-1001",
            });
            expect(config.protectData).to.equal(false);
            expect(config.logRetentionDays).to.equal(365);
        });

        it("applies the prod defaults: 3 AZs, NAT per AZ, endpoints, protected data", () => {
            const config = parse({ "redcap:environment": "prod" });
            expect(config.network.azCount).to.equal(3);
            expect(config.network.natGateways).to.equal("perAz");
            expect(config.network.interfaceEndpoints).to.include.members([
                "ecr.api",
                "ecr.dkr",
                "logs",
                "secretsmanager",
            ]);
            expect(config.protectData).to.equal(true);
        });

        it("lets config override a default and merges partial subnet sizes", () => {
            const config = parse({
                ...network({
                    azCount: 3,
                    natGateways: "perAz",
                    subnetPrefixLengths: { private: 21 },
                }),
                "redcap:logRetentionDays": "731",
                "redcap:protectData": "true",
            });
            expect(config.network.azCount).to.equal(3);
            expect(config.network.subnetPrefixLengths).to.deep.equal({
                public: 24,
                private: 21,
                isolated: 24,
            });
            expect(config.logRetentionDays).to.equal(731);
            expect(config.protectData).to.equal(true);
        });

        it("keeps extra tags and lets the project tag be overridden", () => {
            const config = parse(tags({ project: "redcap-sph", department: "Biostatistics" }));
            expect(config.tags.project).to.equal("redcap-sph");
            expect(config.tags.department).to.equal("Biostatistics");
        });

        it("ignores keys of other namespaces, such as pulumi:disable-default-providers", () => {
            expect(() => parse({ "pulumi:disable-default-providers": '["aws"]' })).not.to.throw();
        });
    });

    describe("required keys", () => {
        it("lists every missing key with what is expected", () => {
            expect(
                problems({
                    "aws:region": undefined,
                    "redcap:environment": undefined,
                    "redcap:tags": undefined,
                    "redcap:network": undefined,
                }),
            ).to.deep.equal([
                "aws:region: missing; expected an AWS region code such as us-east-1",
                'redcap:environment: missing; expected one of "dev", "prod"',
                "redcap:tags: missing; expected a mapping of tag keys to values, with at least owner and cost-center",
                "redcap:network: missing; expected a mapping with keys cidr, azCount, natGateways, publicSubnets, subnetPrefixLengths, interfaceEndpoints",
            ]);
        });

        it("needs owner and cost-center in redcap:tags and cidr in redcap:network", () => {
            expect(
                problems({ "redcap:tags": { owner: "a@example.edu" }, "redcap:network": {} }),
            ).to.deep.equal([
                "redcap:tags.cost-center: missing; expected a non-empty tag value of at most 256 letters, digits, spaces and _ . : / = + - @",
                "redcap:network.cidr: missing; expected a private IPv4 CIDR block from /16 to /24, e.g. 10.40.0.0/16",
            ]);
        });
    });

    describe("unknown keys", () => {
        it("refuses unknown keys in the redcap and aws namespaces and inside structured values", () => {
            expect(
                problems({
                    "redcap:netwrok": "{}",
                    "aws:accessKey": "AKIA...",
                    ...network({ cdir: "10.0.0.0/16", subnetPrefixLengths: { app: 20 } }),
                }),
            ).to.deep.equal([
                "aws:accessKey: unknown key; the keys read in the aws namespace are aws:region, aws:profile",
                "redcap:netwrok: unknown key; the keys read in the redcap namespace are redcap:environment, redcap:accountId, redcap:tags, redcap:domainName, redcap:network, redcap:logRetentionDays, redcap:protectData, redcap:database, redcap:fileStore, redcap:backup, redcap:app, redcap:mail, redcap:access, redcap:sleep, redcap:audit, redcap:alarms",
                "redcap:network.subnetPrefixLengths.app: unknown key; allowed keys are public, private, isolated",
                "redcap:network.cdir: unknown key; allowed keys are cidr, azCount, natGateways, publicSubnets, subnetPrefixLengths, interfaceEndpoints",
            ]);
        });
    });

    describe("scalar keys", () => {
        const cases: [string, string, string][] = [
            [
                "aws:region",
                "us-east1",
                'aws:region: "us-east1" is not allowed; expected an AWS region code such as us-east-1 (did you mean "us-east-1"?)',
            ],
            [
                "aws:profile",
                "my profile",
                'aws:profile: "my profile" is not allowed; expected an AWS CLI profile name',
            ],
            [
                "redcap:environment",
                "staging",
                'redcap:environment: "staging" is not allowed; expected one of "dev", "prod"',
            ],
            [
                "redcap:accountId",
                "12345",
                'redcap:accountId: "12345" is not allowed; expected a 12-digit AWS account id',
            ],
            [
                "redcap:domainName",
                "Redcap.example.edu",
                'redcap:domainName: "Redcap.example.edu" is not allowed; expected a lower-case DNS name such as redcap.example.edu',
            ],
            [
                "redcap:domainName",
                "localhost",
                'redcap:domainName: "localhost" is not allowed; expected a lower-case DNS name such as redcap.example.edu (needs at least two labels)',
            ],
            [
                "redcap:domainName",
                "redcap..example.edu",
                'redcap:domainName: "redcap..example.edu" is not allowed; expected a lower-case DNS name such as redcap.example.edu',
            ],
            [
                "redcap:domainName",
                "redcap.example.123",
                'redcap:domainName: "redcap.example.123" is not allowed; expected a lower-case DNS name such as redcap.example.edu',
            ],
            [
                "redcap:logRetentionDays",
                "100",
                `redcap:logRetentionDays: 100 is not allowed; expected a CloudWatch Logs retention of at least 365 days (the policy pack's log-group-retention) or 0 to keep forever: one of 0, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653`,
            ],
            [
                "redcap:logRetentionDays",
                "a year",
                `redcap:logRetentionDays: "a year" is not allowed; expected a CloudWatch Logs retention of at least 365 days (the policy pack's log-group-retention) or 0 to keep forever: one of 0, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653`,
            ],
            [
                "redcap:protectData",
                "yes",
                'redcap:protectData: "yes" is not allowed; expected true or false',
            ],
        ];
        for (const [key, value, message] of cases) {
            it(`refuses ${key} = ${JSON.stringify(value)}`, () => {
                expect(problems({ [key]: value })).to.deep.equal([message]);
            });
        }

        it("accepts a valid value of every optional scalar key", () => {
            const config = parse({
                "aws:profile": "research-prod",
                "redcap:accountId": "210987654321",
                "redcap:domainName": "redcap.med.example.edu",
            });
            expect(config.awsProfile).to.equal("research-prod");
            expect(config.accountId).to.equal("210987654321");
            expect(config.domainName).to.equal("redcap.med.example.edu");
        });
    });

    describe("redcap:tags", () => {
        it("checks the owner's email, the classification and every extra tag", () => {
            expect(
                problems(
                    tags({
                        owner: "research-it",
                        "data-classification": "secret",
                        environment: "prod",
                        "aws:created-by": "me",
                        notes: "x".repeat(257),
                    }),
                ),
            ).to.deep.equal([
                'redcap:tags.owner: "research-it" is not allowed; expected an email address of the accountable owner',
                'redcap:tags.data-classification: "secret" is not allowed; expected one of "phi", "pii", "confidential", "internal", "public"',
                'redcap:tags.environment: "prod" is not allowed; expected no value here: the environment tag is set from redcap:environment',
                `redcap:tags.notes: "${"x".repeat(116)}... is not allowed; expected a tag value of at most 256 letters, digits, spaces and _ . : / = + - @`,
                'redcap:tags.aws:created-by: the key "aws:created-by" is not allowed; expected a tag key of 1 to 128 letters, digits, spaces and _ . : / = + - @ (the aws: prefix is reserved)',
            ]);
        });

        it("asks for quotes when YAML turned a tag value into a number", () => {
            expect(problems(tags({ "cost-center": 1001 }))).to.deep.equal([
                "redcap:tags.cost-center: 1001 is not allowed; expected a non-empty tag value of at most 256 letters, digits, spaces and _ . : / = + - @ (write it in quotes in YAML)",
            ]);
        });

        it("refuses an empty cost center and a value that is not a mapping", () => {
            expect(problems(tags({ "cost-center": "  " }))).to.have.length(1);
            expect(problems({ "redcap:tags": "owner=me" })).to.deep.equal([
                'redcap:tags: "owner=me" is not allowed; expected a mapping of tag keys to values, with at least owner and cost-center',
            ]);
        });

        it("keeps the total under AWS's tag limit", () => {
            const extra = Object.fromEntries(
                Array.from({ length: 36 }, (_, i) => [`extra-${i}`, "v"]),
            );
            expect(problems(tags(extra))).to.deep.equal([
                "redcap:tags: 41 tags are not allowed; expected at most 40 (5 required plus extras), leaving room under AWS's limit of 50",
            ]);
        });

        it("refuses a key set with --secret without echoing its value", () => {
            const lines = problems(tags({ owner: "hidden-value" }), ["redcap:tags"]);
            expect(lines).to.deep.equal([
                "redcap:tags: [secret] is not allowed; expected a plain value (pulumi config set without --secret), because it ends up in resource settings that are not secret",
            ]);
            expect(lines.join("\n")).not.to.include("hidden-value");
        });
    });

    describe("redcap:network", () => {
        const cidrRule = "expected a private IPv4 CIDR block from /16 to /24, e.g. 10.40.0.0/16";
        const cidrCases: [string, string][] = [
            [
                "10.40.0.0",
                `redcap:network.cidr: "10.40.0.0" is not allowed; ${cidrRule} (not IPv4 CIDR notation)`,
            ],
            [
                "10.40.0.0/33",
                `redcap:network.cidr: "10.40.0.0/33" is not allowed; ${cidrRule} (the prefix length is over 32)`,
            ],
            [
                "10.40.1.0/16",
                `redcap:network.cidr: "10.40.1.0/16" is not allowed; ${cidrRule} (host bits are set (the network address is 10.40.0.0/16))`,
            ],
            [
                "8.8.0.0/16",
                `redcap:network.cidr: "8.8.0.0/16" is not allowed; ${cidrRule} (not inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)`,
            ],
            [
                "10.0.0.0/12",
                `redcap:network.cidr: "10.0.0.0/12" is not allowed; ${cidrRule} (a /12 block)`,
            ],
            [
                "10.40.0.0/25",
                `redcap:network.cidr: "10.40.0.0/25" is not allowed; ${cidrRule} (a /25 block)`,
            ],
        ];
        for (const [cidr, message] of cidrCases) {
            it(`refuses cidr ${cidr}`, () => {
                expect(problems({ "redcap:network": { cidr } })).to.deep.equal([message]);
            });
        }

        it("checks AZ count, NAT strategy, flags, subnet sizes and endpoint names", () => {
            expect(
                problems(
                    network({
                        azCount: 4,
                        natGateways: "perAZ",
                        publicSubnets: "yes",
                        subnetPrefixLengths: { public: 28, private: 16 },
                        interfaceEndpoints: ["logs", "s3"],
                    }),
                ),
            ).to.deep.equal([
                "redcap:network.azCount: 4 is not allowed; expected a whole number from 2 to 3",
                'redcap:network.natGateways: "perAZ" is not allowed; expected one of "none", "single", "perAz"',
                'redcap:network.publicSubnets: "yes" is not allowed; expected true or false',
                "redcap:network.subnetPrefixLengths.public: 28 is not allowed; expected a whole number from 17 to 27",
                "redcap:network.subnetPrefixLengths.private: 16 is not allowed; expected a whole number from 17 to 28",
                'redcap:network.interfaceEndpoints[1]: "s3" is not allowed; expected one of "backup", "ec2", "ec2messages", "ecr.api", "ecr.dkr", "ecs", "ecs-agent", "ecs-telemetry", "elasticfilesystem", "email-smtp", "events", "kms", "logs", "monitoring", "rds", "secretsmanager", "sns", "sqs", "ssm", "ssmmessages", "sts"',
            ]);
        });

        it("refuses a fractional or quoted AZ count", () => {
            expect(problems(network({ azCount: 2.5 }))).to.deep.equal([
                "redcap:network.azCount: 2.5 is not allowed; expected a whole number from 2 to 3",
            ]);
            expect(problems(network({ azCount: "3" }))).to.deep.equal([
                'redcap:network.azCount: "3" is not allowed; expected a whole number from 2 to 3',
            ]);
        });
    });

    describe("rules across keys", () => {
        it("NAT gateways need public subnets", () => {
            expect(problems(network({ natGateways: "perAz", publicSubnets: false }))).to.deep.equal(
                [
                    'redcap:network.natGateways: "perAz" is not allowed with redcap:network.publicSubnets false; expected "none", because NAT gateways live in public subnets',
                ],
            );
        });

        it("without NAT, the endpoints tasks need are required", () => {
            expect(
                problems(network({ natGateways: "none", interfaceEndpoints: ["logs"] })),
            ).to.deep.equal([
                'redcap:network.interfaceEndpoints: ["logs"] is not allowed with redcap:network.natGateways "none"; expected it to include "ecr.api", "ecr.dkr", "secretsmanager" so tasks can pull images, write logs and read secrets without internet access',
            ]);
            expect(
                parse(
                    network({
                        natGateways: "none",
                        publicSubnets: false,
                        interfaceEndpoints: ["ecr.api", "ecr.dkr", "logs", "secretsmanager"],
                    }),
                ).network.natGateways,
            ).to.equal("none");
        });

        it("each endpoint service once", () => {
            expect(
                problems(network({ interfaceEndpoints: ["logs", "kms", "logs"] })),
            ).to.deep.equal([
                'redcap:network.interfaceEndpoints: ["logs","kms","logs"] is not allowed; expected each service once (repeated: logs)',
            ]);
        });

        it("the subnets must fit in the VPC block", () => {
            expect(problems(network({ cidr: "10.40.0.0/19" }))).to.deep.equal([
                'redcap:network.cidr: "10.40.0.0/19" is not allowed; 10.40.0.0/19 is too small: 3 AZ slots × (public /24 + private /20 + isolated /24) need 13824 addresses, a /18 or larger, and the block has 8192. Expected a larger block or smaller subnets (redcap:network.subnetPrefixLengths)',
            ]);
            expect(
                parse(
                    network({
                        cidr: "10.40.0.0/24",
                        subnetPrefixLengths: { public: 27, private: 27, isolated: 28 },
                    }),
                ).network.cidr,
            ).to.equal("10.40.0.0/24");
        });

        it("prod data is always protected", () => {
            expect(
                problems({ "redcap:environment": "prod", "redcap:protectData": "false" }),
            ).to.deep.equal([
                'redcap:protectData: false is not allowed when redcap:environment is "prod"; expected true, so a mistaken pulumi destroy cannot delete patient data or the keys that decrypt it',
            ]);
        });
    });

    describe("data tier", () => {
        it("applies per-environment defaults to the database, file store and backups", () => {
            const dev = parse({});
            expect(dev.database).to.include({
                minCapacity: 0,
                maxCapacity: 2,
                readers: 0,
                backupRetentionDays: 7,
                backtrackHours: 0,
            });
            expect(dev.backup).to.include({ retentionDays: 35, vaultLock: false });
            expect(dev.fileStore).to.include({
                noncurrentVersionRetentionDays: 30,
                accessKeyGeneration: 1,
            });
            const prod = parse({ "redcap:environment": "prod" });
            expect(prod.database).to.include({
                minCapacity: 1,
                readers: 1,
                backupRetentionDays: 35,
                backtrackHours: 24,
            });
            expect(prod.backup).to.include({ retentionDays: 35, vaultLock: true });
            expect(prod.fileStore.noncurrentVersionRetentionDays).to.equal(365);
        });

        it("takes overrides, object lock and a copy region", () => {
            const config = parse({
                "redcap:database": {
                    readers: 2,
                    engineVersion: "8.0.mysql_aurora.3.08.2",
                    maxCapacity: 8.5,
                },
                "redcap:fileStore": {
                    objectLock: { mode: "GOVERNANCE", days: 30 },
                    accessKeyGeneration: 3,
                },
                "redcap:backup": { copyToRegion: "us-west-2", schedule: "cron(30 6 * * ? *)" },
            });
            expect(config.database).to.include({
                readers: 2,
                maxCapacity: 8.5,
                engineVersion: "8.0.mysql_aurora.3.08.2",
            });
            expect(config.fileStore.objectLock).to.deep.equal({ mode: "GOVERNANCE", days: 30 });
            expect(config.backup).to.include({
                copyToRegion: "us-west-2",
                schedule: "cron(30 6 * * ? *)",
            });
        });

        it("refuses out-of-range and malformed values, each with what is allowed", () => {
            expect(
                problems({
                    "redcap:database": {
                        engineVersion: "8.0.36",
                        minCapacity: 0.75,
                        maxCapacity: 0,
                        readers: -1,
                        backupRetentionDays: 36,
                        backtrackHours: 100,
                        backupWindow: "7:00-8:00",
                        maintenanceWindow: "sunday",
                        autoPauseSeconds: 60,
                    },
                    "redcap:fileStore": {
                        objectLock: { mode: "LEGAL", days: 0 },
                        noncurrentVersionRetentionDays: 0,
                    },
                    "redcap:backup": {
                        retentionDays: 0,
                        schedule: "daily",
                        vaultLock: "yes",
                        copyToRegion: "west",
                    },
                }),
            ).to.deep.equal([
                'redcap:database.engineVersion: "8.0.36" is not allowed; expected an Aurora MySQL 3 version such as 8.0.mysql_aurora.3.10.4',
                "redcap:database.minCapacity: 0.75 is not allowed; expected 0 to 256 ACU in steps of 0.5",
                "redcap:database.maxCapacity: 0 is not allowed; expected 1 to 256 ACU in steps of 0.5",
                "redcap:database.autoPauseSeconds: 60 is not allowed; expected a whole number from 300 to 86400",
                "redcap:database.readers: -1 is not allowed; expected a whole number from 0 to 15",
                "redcap:database.backupRetentionDays: 36 is not allowed; expected a whole number from 7 to 35 (the policy pack's rds-backup-retention requires at least 7)",
                "redcap:database.backtrackHours: 100 is not allowed; expected a whole number from 0 to 72",
                'redcap:database.backupWindow: "7:00-8:00" is not allowed; expected hh24:mi-hh24:mi in UTC, at least 30 minutes, e.g. 07:00-08:00',
                'redcap:database.maintenanceWindow: "sunday" is not allowed; expected ddd:hh24:mi-ddd:hh24:mi in UTC, at least 30 minutes, e.g. sun:08:30-sun:09:30',
                "redcap:fileStore.noncurrentVersionRetentionDays: 0 is not allowed; expected a whole number from 1 to 3650",
                'redcap:fileStore.objectLock.mode: "LEGAL" is not allowed; expected one of "GOVERNANCE", "COMPLIANCE"',
                "redcap:fileStore.objectLock.days: 0 is not allowed; expected a whole number from 1 to 36500",
                "redcap:backup.retentionDays: 0 is not allowed; expected a whole number from 35 to 36500 (the policy pack's backup-plan-frequency-retention requires at least 35)",
                'redcap:backup.schedule: "daily" is not allowed; expected an AWS cron expression with six fields, e.g. cron(0 5 * * ? *)',
                'redcap:backup.vaultLock: "yes" is not allowed; expected true or false',
                'redcap:backup.copyToRegion: "west" is not allowed; expected an AWS region code such as us-west-2',
            ]);
        });

        it("checks capacity against the engine, windows against each other and regions against the stack's", () => {
            expect(
                problems({
                    "redcap:database": {
                        minCapacity: 4,
                        maxCapacity: 2,
                        maintenanceWindow: "wed:07:30-wed:08:30",
                    },
                    "redcap:backup": { copyToRegion: "us-east-1" },
                }),
            ).to.deep.equal([
                "redcap:database.minCapacity: 4 is not allowed; expected at most redcap:database.maxCapacity (2)",
                'redcap:database.maintenanceWindow: "wed:07:30-wed:08:30" is not allowed; expected a window that does not overlap redcap:database.backupWindow "07:00-08:00"',
                'redcap:backup.copyToRegion: "us-east-1" is not allowed; expected a region other than aws:region, so the copy survives a regional outage',
            ]);
            expect(
                problems({ "redcap:database": { engineVersion: "8.0.mysql_aurora.3.05.2" } }),
            ).to.deep.equal([
                'redcap:database.minCapacity: 0 is not allowed with redcap:database.engineVersion "8.0.mysql_aurora.3.05.2"; expected at least 0.5, or an engine version 8.0.mysql_aurora.3.08.0 or later, which can pause at 0',
            ]);
            expect(
                problems({ "aws:region": "eu-north-1", "redcap:environment": "prod" }),
            ).to.deep.equal([
                "redcap:database.backtrackHours: 24 is not allowed in eu-north-1; expected 0, because Aurora backtrack is not offered there",
            ]);
        });
    });

    describe("app tier", () => {
        const APP = {
            redcapVersion: "15.0.1",
            redcapZip: "redcap15.0.1.zip",
            hostedZoneId: "Z0123456789ABC",
        };
        const withApp = (app: object, extra: Record<string, string | object | undefined> = {}) => ({
            "redcap:domainName": "redcap.example.edu",
            "redcap:app": { ...APP, ...app },
            ...extra,
        });

        describe("sleep schedule", () => {
            const SLEEP = { schedule: "weekdays 07:00-19:00", timezone: "America/New_York" };

            it("turns redcap:sleep's awake hours into the crons of the schedule; absent, always on", () => {
                expect(parse(withApp({})).sleep).to.equal(undefined);
                expect(parse(withApp({}, { "redcap:sleep": SLEEP })).sleep).to.deep.equal({
                    timezone: "America/New_York",
                    wake: "cron(0 7 ? * MON-FRI *)",
                    sleep: "cron(0 19 ? * MON-FRI *)",
                    resumeAlerts: "cron(15 7 ? * MON-FRI *)",
                    rearmAlerts: "cron(16 7 ? * MON-FRI *)",
                });
            });

            it("refuses a sleep schedule in prod and without an app tier, saying why", () => {
                expect(
                    problems(
                        withApp(
                            { adminCidrs: ["192.0.2.0/24"] },
                            { "redcap:environment": "prod", "redcap:sleep": SLEEP },
                        ),
                    ),
                ).to.include(
                    'redcap:sleep: is not allowed when redcap:environment is "prod"; expected it only in non-production stacks: prod serves users and runs REDCap\'s cron around the clock',
                );
                expect(problems({ "redcap:sleep": SLEEP })).to.deep.equal([
                    "redcap:sleep: is not allowed without redcap:app; expected it only with the app tier it puts to sleep",
                ]);
            });

            it("refuses a sleep schedule in a stack whose name leaves its schedules no room in Scheduler's 64 characters", () => {
                const named = (stack: string) =>
                    configTester(BASE, parseStackConfig, { stack, project: "redcap" });
                const sleeping = withApp({}, { "redcap:sleep": SLEEP });
                // "redcap-" + 42 = 49 characters: every schedule name is at most 64.
                expect(named("s".repeat(42)).parse(sleeping).sleep).not.to.equal(undefined);
                expect(named("s".repeat(43)).problems(sleeping)).to.deep.equal([
                    `redcap:sleep: is not allowed in a stack named "${"s".repeat(43)}": its schedules are named <project>-<stack>-<schedule> and "redcap-${"s".repeat(43)}" leaves no room in EventBridge Scheduler's 64 characters; expected a project and stack name of at most 49 characters together (with the hyphen)`,
                ]);
            });

            it("refuses awake hours it cannot schedule, showing the value and the format", () => {
                const [problem] = problems(
                    withApp({}, { "redcap:sleep": { ...SLEEP, schedule: "weekdays 19:00-07:00" } }),
                );
                expect(problem).to.match(/^redcap:sleep\.schedule: "weekdays 19:00-07:00" /);
                expect(problem).to.contain("<days> HH:MM-HH:MM");
            });
        });

        it("has no app tier without redcap:app, and per-environment defaults with it", () => {
            expect(parse({}).app).to.equal(undefined);
            const dev = parse(withApp({}));
            expect(dev.app).to.include({
                cpu: 512,
                memory: 1024,
                minTasks: 1,
                maxTasks: 2,
                idleTimeoutSeconds: 900,
            });
            expect(dev.mail).to.deep.equal({
                domain: "redcap.example.edu",
                fromAddress: "redcap@redcap.example.edu",
                notificationEmails: ["research-it@example.edu"],
                requireTls: true,
                credentialGeneration: 1,
                hostedZoneId: "Z0123456789ABC",
            });
            const prod = parse(withApp({}, { "redcap:environment": "prod" }));
            expect(prod.app).to.include({ cpu: 2048, memory: 4096, minTasks: 2 });
        });

        it("names REDCap's first administrator after the owner unless told otherwise", () => {
            expect(parse(withApp({})).app).to.include({
                adminUsername: "redcap_admin",
                adminEmail: "research-it@example.edu",
            });
            expect(
                parse(withApp({ adminUsername: "jdoe", adminEmail: "jdoe@example.edu" })).app,
            ).to.include({ adminUsername: "jdoe", adminEmail: "jdoe@example.edu" });
            expect(
                problems(withApp({ adminUsername: "j doe;", adminEmail: "jdoe" })),
            ).to.deep.equal([
                'redcap:app.adminUsername: "j doe;" is not allowed; expected a REDCap user name: letters, digits and . _ @ -',
                'redcap:app.adminEmail: "jdoe" is not allowed; expected an email address',
            ]);
        });

        it("refuses malformed values of the app tier, each with what is allowed", () => {
            expect(
                problems(withApp({ rateLimitPer5Minutes: 5, adminCidrs: ["10.0.0.0/33"] })),
            ).to.deep.equal([
                "redcap:app.rateLimitPer5Minutes: 5 is not allowed; expected a whole number from 10 to 2000000000",
                `redcap:app.adminCidrs[0]: "10.0.0.0/33" is not allowed; expected an IPv4 CIDR block of the administrators' network, such as 192.0.2.0/24 (the prefix length is over 32)`,
            ]);
        });

        it("once each value is valid, refuses combinations that cannot work, all at once", () => {
            expect(
                problems(
                    withApp({
                        hostedZoneId: undefined,
                        cpu: 2048,
                        memory: 2048,
                        minTasks: 3,
                        maxTasks: 2,
                    }),
                ),
            ).to.deep.equal([
                "redcap:app.certificateArn: missing, and so is redcap:app.hostedZoneId; expected one of them, so HTTPS has a certificate (an existing ACM certificate, or a Route 53 zone to issue and validate one in)",
                "redcap:app.memory: 2048 is not allowed with redcap:app.cpu 2048; expected 4096 to 16384 MiB in steps of 1024",
                "redcap:app.minTasks: 3 is not allowed; expected at most redcap:app.maxTasks (2)",
            ]);
        });

        it("needs a host name, one image source and a sender in the mail domain", () => {
            expect(
                problems({
                    "redcap:app": { ...APP, imageUri: "registry.example.edu/redcap:15.0.1" },
                    "redcap:mail": {
                        fromAddress: "redcap@other.edu",
                        domain: "redcap.example.edu",
                    },
                }),
            ).to.deep.equal([
                "redcap:domainName: missing; expected the host name REDCap is served at (required with redcap:app)",
                "redcap:app.redcapZip: is not allowed together with redcap:app.imageUri; expected one of them: a zip to build, or a ready image",
                'redcap:mail.fromAddress: "redcap@other.edu" is not allowed; expected an address @redcap.example.edu, the domain SES verifies',
            ]);
            expect(problems(withApp({ redcapZip: "s3://Bucket/redcap" }))).to.deep.equal([
                'redcap:app.redcapZip: "s3://Bucket/redcap" is not allowed; expected the path of the REDCap zip, relative to the project folder, or s3://<bucket>/<key>.zip (expected s3://<bucket>/<key>.zip)',
            ]);
            expect(
                parse(withApp({ redcapZip: "s3://research-it-artifacts/redcap/redcap15.0.1.zip" }))
                    .app?.redcapZip,
            ).to.equal("s3://research-it-artifacts/redcap/redcap15.0.1.zip");
            expect(problems(withApp({ redcapZip: undefined }))).to.deep.equal([
                "redcap:app.redcapZip: missing; expected the REDCap zip to build the image from, or redcap:app.imageUri for a ready image",
            ]);
        });

        it("takes LDAP sign-in with its directory, and refuses a method without its settings or plain ldap://", () => {
            expect(parse(withApp({})).app?.signIn).to.deep.equal({ method: "table" });
            const ldap = { url: "ldaps://ldap.example.edu", baseDn: "ou=people,dc=example,dc=edu" };
            expect(parse(withApp({ signIn: { method: "ldap", ldap } })).app?.signIn).to.deep.equal({
                method: "ldap",
                ldap,
            });
            expect(problems(withApp({ signIn: { method: "ldap" } }))).to.deep.equal([
                'redcap:app.signIn.ldap: missing; expected the directory\'s url, baseDn (and bindDn, userAttribute, userFilter) with signIn.method "ldap"',
            ]);
            expect(problems(withApp({ signIn: { ldap } }))).to.deep.equal([
                'redcap:app.signIn.method: "table" is not allowed with redcap:app.signIn.ldap; expected "ldap"',
            ]);
            expect(
                problems(
                    withApp({
                        signIn: {
                            method: "ldap",
                            ldap: { ...ldap, url: "ldap://ldap.example.edu" },
                        },
                    }),
                ),
            ).to.deep.equal([
                'redcap:app.signIn.ldap.url: "ldap://ldap.example.edu" is not allowed; expected ldaps://host[:port] (TLS only)',
            ]);
            expect(problems(withApp({ signIn: { method: "oidc" } }))).to.have.length(1);
            expect(problems(withApp({ signIn: { method: "oidc" } }))[0]).to.match(
                /^redcap:app\.signIn\.method: "oidc" is not allowed; expected one of "table", "ldap", "saml"/,
            );
        });

        it("takes SAML sign-in with its identity provider, and refuses it without one, beside LDAP, or over http", () => {
            const saml = {
                idpEntityId: "https://idp.example.edu/idp/shibboleth",
                idpMetadataUrl: "https://idp.example.edu/idp/shibboleth/metadata",
            };
            expect(parse(withApp({ signIn: { method: "saml", saml } })).app?.signIn).to.deep.equal({
                method: "saml",
                saml,
            });
            expect(problems(withApp({ signIn: { method: "saml" } }))).to.deep.equal([
                'redcap:app.signIn.saml: missing; expected the identity provider\'s idpEntityId and idpMetadataUrl (and userAttribute, spEntityId, idpMetadataSigningCertificate) with signIn.method "saml"',
            ]);
            expect(
                problems(
                    withApp({
                        signIn: {
                            method: "ldap",
                            saml,
                            ldap: { url: "ldaps://l.example.edu", baseDn: "dc=example,dc=edu" },
                        },
                    }),
                ),
            ).to.deep.equal([
                'redcap:app.signIn.method: "ldap" is not allowed with redcap:app.signIn.saml; expected "saml"',
            ]);
            expect(
                problems(
                    withApp({
                        signIn: {
                            method: "saml",
                            saml: { ...saml, idpMetadataUrl: "http://idp.example.edu/metadata" },
                        },
                    }),
                ),
            ).to.deep.equal([
                'redcap:app.signIn.saml.idpMetadataUrl: "http://idp.example.edu/metadata" is not allowed; expected an https:// URL (the metadata is fetched over verified TLS only)',
            ]);
            expect(
                problems(withApp({ signIn: { method: "saml", saml: { idpEntityId: 7 } } })),
            ).to.deep.equal([
                "redcap:app.signIn.saml.idpEntityId: 7 is not allowed; expected the identity provider's entity ID, a URL or URN (write it in quotes in YAML)",
                "redcap:app.signIn.saml.idpMetadataUrl: missing; expected the https:// URL of the identity provider's metadata",
            ]);
        });

        it("checks the folders built into the image: not with a ready image, and their content against the project folder", () => {
            expect(
                problems(
                    withApp({
                        redcapZip: undefined,
                        imageUri: "registry.example.edu/redcap:15.0.1",
                        externalModules: "modules",
                    }),
                ),
            ).to.deep.equal([
                "redcap:app.externalModules: is not allowed together with redcap:app.imageUri; expected them built into that image, or a zip to build from",
            ]);
            const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-extras-"));
            fs.mkdirSync(path.join(projectDir, "modules", "Not A Module"), { recursive: true });
            fs.mkdirSync(path.join(projectDir, "languages"));
            fs.writeFileSync(path.join(projectDir, "languages", "English.ini"), "");
            const flat: Record<string, string> = { ...BASE };
            for (const [key, value] of Object.entries(
                withApp({ externalModules: "modules", languages: "languages" }),
            )) {
                flat[key] = typeof value === "string" ? value : JSON.stringify(value);
            }
            let error: unknown;
            try {
                parseStackConfig(flat, { stack: "dev", project: "redcap", projectDir });
            } catch (e) {
                error = e;
            }
            expect(error).to.be.instanceOf(ConfigError);
            expect((error as ConfigError).problems.map((p) => p.message)).to.deep.equal([
                'redcap:app.externalModules: "modules" is not allowed; Not A Module is not a module folder name; expected <prefix>_v<version> such as vizr_v1.2.3',
            ]);
            fs.renameSync(
                path.join(projectDir, "modules", "Not A Module"),
                path.join(projectDir, "modules", "vizr_v1.2.3"),
            );
            fs.writeFileSync(path.join(projectDir, "modules", "vizr_v1.2.3", "config.json"), "{}");
            const config = parseStackConfig(flat, { stack: "dev", project: "redcap", projectDir });
            expect(config.app).to.deep.include({
                externalModules: "modules",
                languages: "languages",
            });
        });

        it("checks versions, Fargate sizes, TLS policies and countries", () => {
            expect(
                problems(
                    withApp({
                        redcapVersion: "15",
                        cpu: 3000,
                        sslPolicy: "ELBSecurityPolicy-2016-08",
                        allowedCountries: ["usa"],
                    }),
                ),
            ).to.have.members([
                'redcap:app.redcapVersion: "15" is not allowed; expected a REDCap version such as 15.0.1',
                "redcap:app.cpu: 3000 is not allowed; expected a Fargate CPU size: one of 256, 512, 1024, 2048, 4096, 8192, 16384",
                'redcap:app.sslPolicy: "ELBSecurityPolicy-2016-08" is not allowed; expected one of "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", "ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-FS-1-2-Res-2020-10"',
                'redcap:app.allowedCountries[0]: "usa" is not allowed; expected an ISO 3166 alpha-2 country code such as US',
            ]);
        });
    });

    describe("access, audit and alarms", () => {
        it("defaults to Session Manager only, no account baseline, and alerts to the owner", () => {
            const config = parse({});
            expect(config.access).to.deep.equal({
                mode: "ssm",
                idleTimeoutMinutes: 20,
                bastionInstanceType: "t4g.nano",
            });
            expect(config.audit).to.include({ accountBaseline: false, securityHub: false });
            expect(config.audit.dataEventBuckets).to.deep.equal([]);
            expect(config.alertEmails).to.deep.equal(["research-it@example.edu"]);
        });

        it("takes a bastion with a schedule, and the baseline's options in the stack that owns it", () => {
            const schedule = {
                timezone: "America/Chicago",
                start: "cron(0 7 ? * MON-FRI *)",
                stop: "cron(0 19 ? * MON-FRI *)",
            };
            const config = parse({
                "redcap:access": { mode: "bastion", bastionSchedule: schedule },
                "redcap:audit": {
                    accountBaseline: true,
                    securityHub: true,
                    trailObjectLock: { mode: "GOVERNANCE", days: 365 },
                    dataEventBuckets: ["redcap-dev-uploads-1234567"],
                },
                "redcap:alarms": { emails: ["oncall@example.edu", "ciso@example.edu"] },
            });
            expect(config.access).to.deep.include({ mode: "bastion", bastionSchedule: schedule });
            expect(config.audit).to.deep.include({
                accountBaseline: true,
                securityHub: true,
                guardDuty: true,
                hipaaConformancePack: true,
                trailRetentionDays: 2190,
                dataEventBuckets: ["redcap-dev-uploads-1234567"],
            });
            expect(config.alertEmails).to.deep.equal(["oncall@example.edu", "ciso@example.edu"]);
        });

        it("refuses bastion settings without a bastion and baseline settings without the baseline", () => {
            expect(
                problems({
                    "redcap:access": { bastionInstanceType: "t4g.micro" },
                    "redcap:audit": { securityHub: true, dataEventBuckets: ["b-1"] },
                }),
            ).to.have.members([
                'redcap:access.bastionInstanceType: is not allowed with redcap:access.mode "ssm"; expected it only with mode "bastion"',
                "redcap:audit.securityHub: is not allowed without redcap:audit.accountBaseline true; expected it only in the stack that owns the account's audit baseline",
                "redcap:audit.dataEventBuckets: is not allowed without redcap:audit.accountBaseline true; expected it only in the stack that owns the account's audit baseline",
            ]);
        });

        it("names the key, the value and what is allowed for bad values", () => {
            expect(
                problems({
                    "redcap:access": {
                        mode: "vpn",
                        idleTimeoutMinutes: 90,
                        bastionSchedule: {
                            timezone: "CST",
                            start: "7am",
                            stop: "cron(0 19 ? * MON-FRI *)",
                        },
                    },
                    "redcap:audit": {
                        accountBaseline: true,
                        trailRetentionDays: 400,
                        trailObjectLock: { mode: "COMPLIANCE", days: 500 },
                        dataEventBuckets: ["Not_A_Bucket"],
                    },
                    "redcap:alarms": { emails: [] },
                }),
            ).to.have.members([
                'redcap:access.mode: "vpn" is not allowed; expected one of "ssm", "bastion"',
                "redcap:access.idleTimeoutMinutes: 90 is not allowed; expected a whole number from 1 to 60",
                'redcap:access.bastionSchedule.start: "7am" is not allowed; expected an EventBridge Scheduler cron expression with six fields, e.g. cron(0 7 ? * MON-FRI *)',
                'redcap:audit.dataEventBuckets[0]: "Not_A_Bucket" is not allowed; expected an S3 bucket name',
                "redcap:alarms.emails: [] is not allowed; expected a non-empty list of email addresses",
            ]);
            expect(
                problems({
                    "redcap:audit": {
                        accountBaseline: true,
                        trailRetentionDays: 400,
                        trailObjectLock: { mode: "COMPLIANCE", days: 500 },
                    },
                }),
            ).to.deep.equal([
                "redcap:audit.trailObjectLock.days: 500 is not allowed; expected at most redcap:audit.trailRetentionDays (400), or old log files could never expire",
            ]);
        });
    });

    describe("redcap:audit account singletons (create, adopt, organization)", () => {
        const TRAIL = "arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail";
        it("creates every singleton by default and takes adopt and organization", () => {
            expect(parse({ "redcap:audit": { accountBaseline: true } }).audit).to.deep.include({
                trail: { mode: "create" },
                configRecorder: { mode: "create" },
                guardDutyDetector: { mode: "create" },
                securityHubAccount: { mode: "create" },
                sessionPreferences: { mode: "create" },
            });
            const audit = parse({
                "redcap:audit": {
                    accountBaseline: true,
                    trail: { mode: "organization" },
                    configRecorder: { mode: "adopt", id: "default", deliveryChannelId: "default" },
                    guardDutyDetector: { mode: "adopt", id: "00b00fd5aecc0ab60a708659477e9617" },
                },
            }).audit;
            expect(audit.trail).to.deep.equal({ mode: "organization" });
            expect(audit.configRecorder).to.deep.equal({
                mode: "adopt",
                id: "default",
                deliveryChannelId: "default",
            });
        });

        it("names the key, the value and the import id's form for a bad singleton setting", () => {
            expect(
                problems({
                    "redcap:audit": {
                        accountBaseline: true,
                        trail: { mode: "adopt" },
                        guardDutyDetector: { mode: "adopt", id: "my-detector" },
                        sessionPreferences: { mode: "create", id: "SSM-SessionManagerRunShell" },
                        securityHubAccount: { mode: "organization" },
                    },
                }),
            ).to.have.members([
                'redcap:audit.trail: mode "adopt" needs id: the trail\'s ARN, e.g. arn:aws:cloudtrail:us-east-1:123456789012:trail/my-trail',
                'redcap:audit.guardDutyDetector: id "my-detector" is not allowed; expected the detector id (`aws guardduty list-detectors`), 32 hexadecimal characters',
                'redcap:audit.sessionPreferences: id is not allowed with mode "create"; expected it only with mode "adopt"',
                'redcap:audit.securityHubAccount: is not allowed with redcap:audit.securityHub false; expected it only when securityHub is on (to leave it to the organization, set its mode to "organization")',
            ]);
            expect(
                problems({
                    "redcap:audit": { accountBaseline: true, trail: { mode: "organisation" } },
                }),
            ).to.deep.equal([
                'redcap:audit.trail.mode: "organisation" is not allowed; expected one of "create", "adopt", "organization"',
            ]);
            expect(
                problems({ "redcap:audit": { trail: { mode: "adopt", id: TRAIL } } }),
            ).to.deep.equal([
                "redcap:audit.trail: is not allowed without redcap:audit.accountBaseline true; expected it only in the stack that owns the account's audit baseline",
            ]);
        });
    });

    describe("redcap:alarms budget and outside health check", () => {
        it("budgets each environment by default, and takes a budget in dollars and cents", () => {
            expect(parse({}).monthlyBudgetUsd).to.equal(400);
            expect(parse({ "redcap:environment": "prod" }).monthlyBudgetUsd).to.equal(1500);
            expect(
                parse({ "redcap:alarms": { monthlyBudgetUsd: 120.5 } }).monthlyBudgetUsd,
            ).to.equal(120.5);
        });

        it("refuses a budget that is not a positive amount of dollars and cents", () => {
            for (const value of [0, -10, 10.005, "100"]) {
                expect(
                    problems({ "redcap:alarms": { monthlyBudgetUsd: value } }),
                    String(value),
                ).to.deep.equal([
                    `redcap:alarms.monthlyBudgetUsd: ${JSON.stringify(value)} is not allowed; expected US dollars from 1 to 1000000, at most 2 decimals`,
                ]);
            }
        });

        it("checks the site from outside unless an allow-list would refuse Route 53's checkers", () => {
            expect(parse({}).siteHealthCheck).to.equal(true);
            const app = (extra: object) => ({
                "redcap:domainName": "redcap.example.edu",
                "redcap:app": {
                    redcapVersion: "15.0.1",
                    redcapZip: "redcap.zip",
                    hostedZoneId: "Z0123456789ABC",
                    ...extra,
                },
            });
            expect(parse(app({ allowedCidrs: ["192.0.2.0/24"] })).siteHealthCheck).to.equal(false);
            expect(parse(app({ allowedCountries: ["US"] })).siteHealthCheck).to.equal(false);
            expect(
                parse({
                    ...app({ allowedCidrs: ["192.0.2.0/24"] }),
                    "redcap:alarms": { siteHealthCheck: true },
                }).siteHealthCheck,
            ).to.equal(true);
            expect(parse({ "redcap:alarms": { siteHealthCheck: false } }).siteHealthCheck).to.equal(
                false,
            );
        });
    });

    it("reports every problem of a badly edited stack at once, in a ConfigError naming the stack", () => {
        let error: ConfigError | undefined;
        try {
            parse({
                "aws:region": "virginia",
                ...network({ cidr: "10.40.0.0/8", azCount: 5 }),
                ...tags({ owner: "nobody" }),
                "redcap:logRetentionDays": "366",
            });
        } catch (e) {
            error = e as ConfigError;
        }
        expect(error).to.be.instanceOf(ConfigError);
        expect(error!.problems.map((p) => p.key)).to.deep.equal([
            "aws:region",
            "redcap:tags.owner",
            "redcap:network.cidr",
            "redcap:network.azCount",
            "redcap:logRetentionDays",
        ]);
        expect(error!.message.split("\n")[0]).to.equal('Stack "dev" has 5 configuration problems:');
    });
});

describe("stack configuration: values shown safely", () => {
    it("escapes terminal control sequences, bidirectional overrides and other non-printables", () => {
        const [region, tag] = problems({
            "aws:region": "us-east-1\u001b[2J",
            ...tags({ department: "Bio\u202estats\u0085" }),
        });
        expect(region).to.equal(
            'aws:region: "us-east-1\\u001b[2J" is not allowed; expected an AWS region code such as us-east-1 (did you mean "us-east-1"?)',
        );
        expect(tag).to.match(/^redcap:tags\.department: "Bio\\u202estats\\u0085" is not allowed/);
    });

    it("escapes control characters in unknown keys too, in the ConfigError's message as well", () => {
        const bad = "redcap:\u001b[31mred\u0007";
        expect(problems({ [bad]: "x" })[0]).to.match(
            /^redcap:\\u001b\[31mred\\u0007: unknown key; the keys read in the redcap namespace are/,
        );
        expect(problems(network({ "\u001b]0;title\u0007": 1 }))[0]).to.match(
            /^redcap:network\.\\u001b\]0;title\\u0007: unknown key;/,
        );
        let message = "";
        try {
            parse({ [bad]: "x" });
        } catch (e) {
            message = (e as Error).message;
        }
        expect(message).to.include("redcap:\\u001b[31mred");
        // Line breaks separate problems; no other control character is left.
        expect(message).not.to.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    });

    it("shortens a huge value and a huge key", () => {
        const [value] = problems({ "redcap:domainName": "a".repeat(100_000) });
        expect(value.length).to.be.below(300);
        expect(value).to.match(/^redcap:domainName: "a+\.\.\. is not allowed/);
        const [key] = problems({ [`redcap:${"k".repeat(10_000)}`]: "x" });
        expect(key.split(":")[1].length).to.be.at.most(80);
    });

    it("never shows a value set with --secret, nor one from a values file that marks nothing", () => {
        const lines = problems({ "redcap:domainName": "s3cret-value" }, ["redcap:domainName"]);
        expect(lines.join("\n")).not.to.include("s3cret");
        const hidden = () =>
            parseStackConfig(
                { "aws:region": "us-east-1\u001b", "redcap:environment": "dev" },
                { stack: "esc", project: "redcap", hiddenKeys: new Set(["aws:region"]) },
            );
        expect(hidden).to.throw(/aws:region: \[secret\] is not allowed/);
    });
});

describe("stack configuration: regions and allow-lists", () => {
    it("refuses a region the AWS provider does not know, suggesting the one meant", () => {
        expect(problems({ "aws:region": "us-east-9" })).to.deep.equal([
            'aws:region: "us-east-9" is not allowed; expected an AWS region code such as us-east-1 (did you mean "us-east-1"?)',
        ]);
        expect(problems({ "redcap:backup": { copyToRegion: "uswest2" } })).to.deep.equal([
            'redcap:backup.copyToRegion: "uswest2" is not allowed; expected an AWS region code such as us-west-2 (did you mean "us-west-2"?)',
        ]);
    });

    it("refuses the whole internet (or most of it) where only administrators may reach", () => {
        const app = (adminCidrs: string[]) => ({
            "redcap:domainName": "redcap.example.edu",
            "redcap:app": {
                redcapVersion: "15.0.1",
                redcapZip: "redcap.zip",
                hostedZoneId: "Z0123456789ABC",
                adminCidrs,
            },
        });
        expect(problems(app(["192.0.2.0/24", "0.0.0.0/0", "::/0", "0.0.0.0/1"]))).to.deep.equal([
            `redcap:app.adminCidrs[1]: "0.0.0.0/0" is not allowed; expected an IPv4 CIDR block of the administrators' network, such as 192.0.2.0/24 (0.0.0.0/0 is the whole internet; list the networks that should get in)`,
            `redcap:app.adminCidrs[2]: "::/0" is not allowed; expected an IPv4 CIDR block of the administrators' network, such as 192.0.2.0/24 (::/0 is the whole IPv6 internet; list the networks that should get in)`,
            `redcap:app.adminCidrs[3]: "0.0.0.0/1" is not allowed; expected an IPv4 CIDR block of the administrators' network, such as 192.0.2.0/24 (a /1 is 2147483648 addresses, wider than any one organization's network (at most /8))`,
        ]);
        expect(parse(app(["192.0.2.0/24"])).app?.adminCidrs).to.deep.equal(["192.0.2.0/24"]);
    });
});
