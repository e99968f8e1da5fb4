import * as aws from "@pulumi/aws";
import { expect } from "chai";
import type { Plan } from "../../tools/synth/plan";
import { jsonInput, ofType, planComponent, planRefusal, resource } from "../../test/harness";
import { alarmSpecs, type MonitoredStack } from "./alarmSpecs";
import { AlertTopic } from "./alertTopic";
import type { DashboardBody, MetricWidget } from "./dashboard";
import { ServiceAlarms, type ServiceAlarmsArgs } from "./serviceAlarms";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const STACK: MonitoredStack = {
    region: "us-east-1",
    database: { clusterIdentifier: "redcap-prod", maxCapacity: 8 },
    backup: { vaultName: "placeholder" },
    loadBalancer: {
        arnSuffix: "app/redcap/0123456789abcdef",
        targetGroupArnSuffix: "targetgroup/redcap/fedcba9876543210",
    },
    service: { clusterName: "redcap", serviceName: "redcap-web" },
    webAcl: { metricName: "waf" },
    mail: { configurationSetName: "mail-redcap-example-edu" },
};
const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:alerts";

/** Plans an AlertTopic, a backup vault and ServiceAlarms wired to both, as index.ts would. */
async function planAlarms(extra: Partial<ServiceAlarmsArgs> = {}) {
    let alarms: ServiceAlarms | undefined;
    const plan = await planComponent((opts) => {
        const topic = new AlertTopic(
            "alerts",
            { alertsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/a", emails: ["it@x.edu"] },
            opts,
        );
        const provider = (opts.providers as aws.Provider[])[0];
        const vault = new aws.backup.Vault("vault", { name: "redcap-prod-vault" }, { provider });
        alarms = new ServiceAlarms(
            "monitoring",
            {
                ...STACK,
                backup: { vaultName: vault.name },
                namePrefix: "redcap-prod",
                topicArn: topic.topicArn,
                ...extra,
            },
            opts,
        );
    });
    return { plan, alarms: alarms! };
}

const byName = (plan: Plan) =>
    Object.fromEntries(ofType(plan, ALARM).map((a) => [a.inputs.name as string, a]));

describe("ServiceAlarms", () => {
    let plan: Plan;
    let component: ServiceAlarms;
    before(async () => {
        ({ plan, alarms: component } = await planAlarms());
    });

    it("declares one alarm per spec, named <namePrefix>-<id>", () => {
        const specs = alarmSpecs(STACK);
        const alarms = ofType(plan, ALARM);
        expect(alarms).to.have.length(specs.length);
        expect(alarms.map((a) => a.inputs.name)).to.have.members(
            specs.map((s) => `redcap-prod-${s.id}`),
        );
        expect(new Set(alarms.map((a) => a.name)).size).to.equal(alarms.length);
    });

    it("notifies the alert topic when an alarm fires and when it recovers", () => {
        const topic = resource(plan, "aws:sns/topic:Topic", "alerts");
        for (const alarm of ofType(plan, ALARM)) {
            const name = alarm.inputs.name as string;
            expect(alarm.propertyDependencies.alarmActions, name).to.include(topic.urn);
            expect(alarm.propertyDependencies.okActions, name).to.include(topic.urn);
            expect(alarm.inputs.alarmActions, name).to.have.length(1);
            expect(alarm.inputs.okActions, name).to.deep.equal(alarm.inputs.alarmActions);
            expect(alarm.inputs.alarmDescription, name).to.be.a("string").and.not.empty;
        }
    });

    it("passes the alarm's metric, dimensions from other resources and statistic kind to CloudWatch", () => {
        const alarms = byName(plan);
        const vault = resource(plan, "aws:backup/vault:Vault", "vault");
        const failed = alarms["redcap-prod-backup-job-failed"];
        expect(failed.inputs).to.deep.include({
            namespace: "AWS/Backup",
            metricName: "NumberOfBackupJobsFailed",
            dimensions: { BackupVaultName: "redcap-prod-vault" },
            statistic: "Sum",
            treatMissingData: "notBreaching",
        });
        expect(failed.propertyDependencies.dimensions).to.deep.equal([vault.urn]);
        const slow = alarms["redcap-prod-slow-responses"];
        expect(slow.inputs.extendedStatistic).to.equal("p95");
        expect(slow.inputs).not.to.have.property("statistic");
        // Account-wide SES rates have no dimensions at all.
        const bounce = alarms["redcap-prod-ses-account-bounce-rate"];
        expect(bounce.inputs).not.to.have.property("dimensions");
        expect(bounce.inputs.metricName).to.equal("Reputation.BounceRate");
    });

    it("builds one dashboard named after the prefix, graphing every alarm with resolved dimensions", async () => {
        const dashboard = resource(plan, DASHBOARD, "monitoring");
        expect(dashboard.inputs.dashboardName).to.equal("redcap-prod");
        const body = jsonInput<DashboardBody>(dashboard, "dashboardBody");
        const graphs = body.widgets.filter((w): w is MetricWidget => w.type === "metric");
        expect(graphs).to.have.length(ofType(plan, ALARM).length);
        const backupGraph = graphs.find(
            (g) => g.properties.metrics[0][1] === "NumberOfBackupJobsFailed",
        )!;
        expect(backupGraph.properties.metrics[0]).to.include("redcap-prod-vault");
        expect(dashboard.propertyDependencies.dashboardBody).to.include(
            resource(plan, "aws:backup/vault:Vault", "vault").urn,
        );
        const names = await new Promise<string[]>((resolve) => component.alarmNames.apply(resolve));
        expect(names).to.have.members(ofType(plan, ALARM).map((a) => a.inputs.name as string));
    });

    it("declares no load balancer, ECS, WAF or SES alarm for a stack without them", async () => {
        const { plan: minimal } = await planAlarms({
            loadBalancer: undefined,
            service: undefined,
            webAcl: undefined,
            mail: undefined,
        });
        const namespaces = new Set(ofType(minimal, ALARM).map((a) => a.inputs.namespace));
        expect([...namespaces].sort()).to.deep.equal(["AWS/Backup", "AWS/RDS"]);
        expect(ofType(minimal, DASHBOARD)).to.have.length(1);
    });

    for (const [extra, message] of [
        [{ namePrefix: "redcap prod" }, 'namePrefix "redcap prod" is not allowed'],
        [
            { namePrefix: "x".repeat(201) },
            `namePrefix "${"x".repeat(201)}" is not allowed; expected 1 to 200 letters, digits, - or _`,
        ],
        [
            { database: { clusterIdentifier: "c", maxCapacity: 300 } },
            "database.maxCapacity 300 is not allowed; expected 1 to 256 ACU in steps of 0.5",
        ],
        [
            { database: { clusterIdentifier: "c", maxCapacity: 4, maxConnections: 16001 } },
            "database.maxConnections 16001 is not allowed",
        ],
    ] as const) {
        it(`refuses ${JSON.stringify(extra).slice(0, 80)} before declaring anything`, async () => {
            const { message: refused, plan: refusedPlan } = await planRefusal((opts) => {
                new ServiceAlarms(
                    "monitoring",
                    {
                        ...STACK,
                        namePrefix: "redcap-prod",
                        topicArn: TOPIC_ARN,
                        ...(extra as Partial<ServiceAlarmsArgs>),
                    },
                    opts,
                );
            });
            expect(refused).to.include(`ServiceAlarms monitoring: ${message}`);
            expect(
                refusedPlan.resources.filter((r) => r.custom && r.type.startsWith("aws:")),
            ).to.deep.equal([]);
        });
    }
});
