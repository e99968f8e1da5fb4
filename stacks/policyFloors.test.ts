import { expect } from "chai";
import { configTester } from "../test/configTester";
import { run, type R } from "../policy-pack/test/cases";
import {
    backupPlanFrequencyRetention,
    rdsBackupRetention,
    rdsMultiAz,
} from "../policy-pack/policies/backupAndRetention";
import { albListenerTls12 } from "../policy-pack/policies/encryptionInTransit";
import { logGroupRetention } from "../policy-pack/policies/loggingAndAudit";
import { TLS_POLICIES } from "../components/publicLoadBalancer/tlsPolicies";
import { LOG_RETENTION_DAYS } from "../components/logRetention";
import { parseStackConfig } from "./redcap/config";
import {
    ALLOWED_TLS_POLICIES,
    MIN_BACKUP_RETENTION_DAYS,
    MIN_DATABASE_BACKUP_RETENTION_DAYS,
    MIN_LOG_RETENTION_DAYS,
    MIN_PRODUCTION_CLUSTER_INSTANCES,
} from "./policyFloors";

const { parse, problems } = configTester(
    {
        "aws:region": "us-east-1",
        "redcap:environment": "dev",
        "redcap:tags": JSON.stringify({
            owner: "research-it@example.edu",
            "cost-center": "RIT-1001",
        }),
        "redcap:network": JSON.stringify({ cidr: "10.40.0.0/16" }),
    },
    parseStackConfig,
    { stack: "dev", project: "redcap" },
);

/** Whether the rule, at its default config, reports a violation on the stack. */
const violates = (policy: Parameters<typeof run>[0], stack: R[]) =>
    run(policy, stack).findings.length > 0;

const backupPlan = (days: number): R[] => [
    {
        type: "aws:backup/plan:Plan",
        name: "plan",
        props: { rules: [{ ruleName: "daily", lifecycle: { deleteAfter: days } }] },
    },
];
const cluster = (days: number, members: number): R[] => [
    {
        type: "aws:rds/cluster:Cluster",
        name: "db",
        props: { engine: "aurora-mysql", backupRetentionPeriod: days, deletionProtection: true },
    },
    ...Array.from({ length: members }, (_, i) => ({
        type: "aws:rds/clusterInstance:ClusterInstance",
        name: `db-${i}`,
        props: { clusterIdentifier: "db", availabilityZone: `us-east-1${"abc"[i]}` },
        deps: { clusterIdentifier: ["db"] },
    })),
];
const logGroup = (days: number): R[] => [
    { type: "aws:cloudwatch/logGroup:LogGroup", name: "logs", props: { retentionInDays: days } },
];
const listener = (sslPolicy: string): R[] => [
    {
        type: "aws:lb/listener:Listener",
        name: "https",
        props: {
            protocol: "HTTPS",
            sslPolicy,
            certificateArn: "arn:aws:acm:us-east-1:1:certificate/x",
        },
    },
];

describe("config refuses what the policy pack refuses, from the pack's constants", () => {
    it(`backup-plan-frequency-retention: recovery points kept at least ${MIN_BACKUP_RETENTION_DAYS} days, daily`, () => {
        const floor = MIN_BACKUP_RETENTION_DAYS;
        expect(violates(backupPlanFrequencyRetention, backupPlan(floor - 1))).to.equal(true);
        expect(violates(backupPlanFrequencyRetention, backupPlan(floor))).to.equal(false);
        expect(problems({ "redcap:backup": { retentionDays: floor - 1 } })).to.deep.equal([
            `redcap:backup.retentionDays: ${floor - 1} is not allowed; expected a whole number from ${floor} to 36500 (the policy pack's backup-plan-frequency-retention requires at least ${floor})`,
        ]);
        expect(parse({ "redcap:backup": { retentionDays: floor } }).backup.retentionDays).to.equal(
            floor,
        );
        expect(problems({ "redcap:backup": { schedule: "cron(0 5 ? * SUN *)" } })).to.deep.equal([
            'redcap:backup.schedule: "cron(0 5 ? * SUN *)" is not allowed; expected an AWS cron expression with six fields, e.g. cron(0 5 * * ? *) (at least daily: the policy pack\'s backup-plan-frequency-retention requires it)',
        ]);
    });

    it(`rds-backup-retention: automated database backups kept at least ${MIN_DATABASE_BACKUP_RETENTION_DAYS} days`, () => {
        const floor = MIN_DATABASE_BACKUP_RETENTION_DAYS;
        expect(violates(rdsBackupRetention, cluster(floor - 1, 2))).to.equal(true);
        expect(violates(rdsBackupRetention, cluster(floor, 2))).to.equal(false);
        expect(problems({ "redcap:database": { backupRetentionDays: floor - 1 } })).to.have.length(
            1,
        );
        expect(
            parse({ "redcap:database": { backupRetentionDays: floor } }).database
                .backupRetentionDays,
        ).to.equal(floor);
    });

    it(`rds-multi-az: a production cluster has at least ${MIN_PRODUCTION_CLUSTER_INSTANCES} instances`, () => {
        const floor = MIN_PRODUCTION_CLUSTER_INSTANCES;
        expect(violates(rdsMultiAz, cluster(35, floor - 1))).to.equal(true);
        expect(violates(rdsMultiAz, cluster(35, floor))).to.equal(false);
        const prod = { "redcap:environment": "prod" };
        expect(problems({ ...prod, "redcap:database": { readers: floor - 2 } })).to.deep.equal([
            `redcap:database.readers: ${floor - 2} is not allowed when redcap:environment is "prod"; expected at least ${floor - 1}, so a reader in another Availability Zone takes over when the writer's fails (the policy pack's rds-multi-az)`,
        ]);
        expect(
            parse({ ...prod, "redcap:database": { readers: floor - 1 } }).database.readers,
        ).to.equal(floor - 1);
        // dev is not production to the pack either: a single instance is fine there.
        expect(parse({ "redcap:database": { readers: 0 } }).database.readers).to.equal(0);
    });

    it(`log-group-retention: log groups keep events at least ${MIN_LOG_RETENTION_DAYS} days, or forever`, () => {
        for (const days of LOG_RETENTION_DAYS) {
            const packRefuses = violates(logGroupRetention, logGroup(days));
            const configRefuses = (() => {
                try {
                    parse({ "redcap:logRetentionDays": String(days) });
                    return false;
                } catch {
                    return true;
                }
            })();
            expect(configRefuses, `${days} days`).to.equal(packRefuses);
        }
    });

    it("alb-listener-tls12: the load balancer's TLS policies are the ones the pack accepts", () => {
        for (const policy of TLS_POLICIES) {
            const offered = (ALLOWED_TLS_POLICIES as readonly string[]).includes(policy);
            expect(offered, policy).to.equal(!violates(albListenerTls12, listener(policy)));
        }
        expect(ALLOWED_TLS_POLICIES).to.include("ELBSecurityPolicy-TLS13-1-2-2021-06");
    });
});
