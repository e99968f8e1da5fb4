import { expect } from "chai";
import { type AlarmSpec, alarmSpecs, type MonitoredStack, TIERS } from "./alarmSpecs";
import { dashboardBody, type MetricWidget, type ResolvedAlarmSpec } from "./dashboard";

const MINIMAL: MonitoredStack = {
    region: "us-east-1",
    backup: { vaultName: "redcap-prod-vault" },
};
const FULL: MonitoredStack = {
    ...MINIMAL,
    database: { clusterIdentifier: "redcap-prod", maxCapacity: 16 },
    loadBalancer: {
        arnSuffix: "app/redcap/0123456789abcdef",
        targetGroupArnSuffix: "targetgroup/redcap/fedcba9876543210",
    },
    service: { clusterName: "redcap", serviceName: "redcap-web" },
    webAcl: { metricName: "waf" },
    mail: { configurationSetName: "mail-redcap-example-edu" },
};

const byMetric = (specs: AlarmSpec[], namespace: string, metricName: string) => {
    const found = specs.filter((s) => s.namespace === namespace && s.metricName === metricName);
    expect(found, `${namespace} ${metricName}`).to.have.length.greaterThan(0);
    return found;
};
const one = (specs: AlarmSpec[], namespace: string, metricName: string) => {
    const found = byMetric(specs, namespace, metricName);
    expect(found, `${namespace} ${metricName}`).to.have.length(1);
    return found[0];
};
const namespaces = (specs: AlarmSpec[]) => new Set(specs.map((s) => s.namespace));

const MORE = {
    id: "rstudio-alice",
    name: "alice's RStudio",
    clusterName: "apps",
    serviceName: "workbench-u-alice",
    targetGroupArnSuffix: "targetgroup/web-u-alice/0123",
};

describe("alarmSpecs", () => {
    it("watches each more service on its own: its healthy targets (no data is an outage) and its memory", () => {
        const specs = alarmSpecs({ ...FULL, moreServices: [MORE] });
        const mine = specs.filter((s) => s.id.startsWith("rstudio-alice-"));
        expect(mine.map((s) => s.id)).to.deep.equal([
            "rstudio-alice-no-healthy-targets",
            "rstudio-alice-memory-high",
        ]);
        expect(mine[0]).to.deep.include({
            dimensions: {
                TargetGroup: MORE.targetGroupArnSuffix,
                LoadBalancer: FULL.loadBalancer?.arnSuffix,
            },
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "breaching",
        });
        expect(mine[1].dimensions).to.deep.equal({
            ClusterName: "apps",
            ServiceName: "workbench-u-alice",
        });
        expect(mine[0].title).to.equal("Healthy alice's RStudio containers");
        // Without more services nothing changes.
        expect(alarmSpecs(FULL).map((s) => s.id)).not.to.include("rstudio-alice-memory-high");
    });

    it("pages when a worker such as the cron runner has fewer running tasks than it needs, no data included", () => {
        const cron = {
            id: "cron",
            name: "REDCap's cron runner",
            clusterName: "redcap",
            serviceName: "redcap-cron",
        };
        const specs = alarmSpecs({ ...FULL, workers: [cron] });
        const spec = one(specs, "ECS/ContainerInsights", "RunningTaskCount");
        expect(spec).to.deep.include({
            id: "cron-not-running",
            tier: "service",
            dimensions: { ClusterName: "redcap", ServiceName: "redcap-cron" },
            stat: "Minimum",
            period: 60,
            evaluationPeriods: 5,
            datapointsToAlarm: 5,
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            // A stopped runner may publish nothing at all: that is the outage.
            treatMissingData: "breaching",
        });
        expect(spec.description).to.match(/^REDCap's cron runner has had fewer than 1/);
        const two = alarmSpecs({ ...FULL, workers: [{ ...cron, minRunning: 2 }] });
        expect(one(two, "ECS/ContainerInsights", "RunningTaskCount").threshold).to.equal(2);
        expect(namespaces(alarmSpecs(FULL))).not.to.include("ECS/ContainerInsights");
        expect(() => alarmSpecs({ ...FULL, workers: [{ ...cron, id: "Cron!" }] })).to.throw(
            'workers id "Cron!" is not allowed',
        );
        expect(() => alarmSpecs({ ...FULL, workers: [{ ...cron, minRunning: 0 }] })).to.throw(
            "workers cron minRunning 0 is not allowed; expected a whole number from 1 to 1000",
        );
    });

    it("watches a worker on a cluster without Container Insights through ECS's own metrics, which arrive only while a task runs", () => {
        const cron = {
            id: "cron",
            name: "REDCap's cron runner",
            clusterName: "redcap",
            serviceName: "redcap-cron",
            containerInsights: false,
        };
        const specs = alarmSpecs({ ...FULL, workers: [cron] });
        expect(namespaces(specs)).not.to.include("ECS/ContainerInsights");
        const spec = specs.find((s) => s.id === "cron-not-running");
        expect(spec).to.deep.include({
            namespace: "AWS/ECS",
            metricName: "CPUUtilization",
            dimensions: { ClusterName: "redcap", ServiceName: "redcap-cron" },
            // A minute with no sample is a minute with no running task.
            stat: "SampleCount",
            period: 60,
            evaluationPeriods: 5,
            datapointsToAlarm: 5,
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "breaching",
        });
        // Counting beyond one needs RunningTaskCount.
        expect(() => alarmSpecs({ ...FULL, workers: [{ ...cron, minRunning: 2 }] })).to.throw(
            "workers cron minRunning 2 needs Container Insights",
        );
    });

    it('names the watched app in its alarms, and only says "the app" when nobody named it', () => {
        const named = alarmSpecs({ ...FULL, app: { name: "Shiny", id: "shiny", errorsHint: "" } });
        expect(named.map((s) => s.id)).to.include("shiny-5xx");
        expect(named.find((s) => s.id === "shiny-5xx")?.title).to.equal("Shiny 5xx");
        const unnamed = alarmSpecs(FULL);
        expect(unnamed.find((s) => s.id === "app-5xx")?.description).to.match(/^The app answers/);
    });

    it("watches only the backups when nothing optional is given", () => {
        const specs = alarmSpecs(MINIMAL);
        expect([...namespaces(specs)]).to.deep.equal(["AWS/Backup"]);
        expect(new Set(specs.map((s) => s.tier))).to.deep.equal(new Set(["backup"]));
    });

    it("adds each optional tier's alarms only when that tier is given", () => {
        const full = namespaces(alarmSpecs(FULL));
        for (const [part, namespace] of [
            ["database", "AWS/RDS"],
            ["loadBalancer", "AWS/ApplicationELB"],
            ["service", "AWS/ECS"],
            ["webAcl", "AWS/WAFV2"],
            ["mail", "AWS/SES"],
        ] as const) {
            expect(full, namespace).to.include(namespace);
            const without = { ...FULL, [part]: undefined };
            expect(namespaces(alarmSpecs(without)), `without ${part}`).not.to.include(namespace);
        }
    });

    it("gives every alarm a unique id, a first step to take and a period CloudWatch accepts", () => {
        const specs = alarmSpecs(FULL);
        expect(new Set(specs.map((s) => s.id)).size).to.equal(specs.length);
        for (const s of specs) {
            expect(s.id, s.id).to.match(/^[a-z0-9-]+$/);
            expect(s.description, s.id).to.match(/First /);
            expect(s.description.length, s.id).to.be.below(1024);
            expect(s.period % 60, s.id).to.equal(0);
            expect(s.datapointsToAlarm, s.id).to.be.within(1, s.evaluationPeriods);
            // CloudWatch evaluates at most one day of datapoints.
            expect(s.period * s.evaluationPeriods, s.id).to.be.at.most(86400);
            expect(Number.isFinite(s.threshold), s.id).to.equal(true);
        }
    });

    it("watches the Aurora writer by cluster and role, with the connection limit at 80% of max_connections", () => {
        const specs = alarmSpecs({
            ...MINIMAL,
            database: { clusterIdentifier: "redcap-prod", maxCapacity: 16, maxConnections: 1000 },
        });
        for (const s of specs.filter((x) => x.namespace === "AWS/RDS")) {
            expect(s.dimensions, s.id).to.deep.equal({
                DBClusterIdentifier: "redcap-prod",
                Role: "WRITER",
            });
            expect(s.treatMissingData, s.id).to.equal("missing");
        }
        const connections = one(specs, "AWS/RDS", "DatabaseConnections");
        expect(connections.threshold).to.equal(800);
        expect(connections.comparisonOperator).to.equal("GreaterThanThreshold");
        const cpu = one(specs, "AWS/RDS", "CPUUtilization");
        expect(cpu.comparisonOperator).to.equal("GreaterThanThreshold");
        expect(cpu.threshold).to.be.within(50, 99);
        // ACUUtilization is a percentage of the maximum capacity.
        const acu = one(specs, "AWS/RDS", "ACUUtilization");
        expect(acu.threshold).to.be.within(75, 100);
        expect(acu.comparisonOperator).to.match(/^GreaterThan/);
    });

    it("derives max_connections from the maximum capacity when none is given (16 ACU: 2000 by AWS's table)", () => {
        const connections = one(
            alarmSpecs({ ...MINIMAL, database: FULL.database }),
            "AWS/RDS",
            "DatabaseConnections",
        );
        expect(connections.threshold).to.equal(1600);
        expect(connections.title).to.include("2000");
    });

    it("alarms on low freeable memory relative to the memory of the maximum capacity", () => {
        const at = (maxCapacity: number) =>
            one(
                alarmSpecs({
                    ...MINIMAL,
                    database: { clusterIdentifier: "c", maxCapacity },
                }),
                "AWS/RDS",
                "FreeableMemory",
            );
        const small = at(4);
        expect(small.comparisonOperator).to.equal("LessThanThreshold");
        // 4 ACU ≈ 8 GiB: a tenth of it, in bytes.
        expect(small.threshold).to.be.closeTo(0.8 * 2 ** 30, 1);
        expect(at(8).threshold).to.be.closeTo(2 * small.threshold, 1);
    });

    it("alarms on any failed backup or copy job of the vault, where no data means no failure", () => {
        const specs = alarmSpecs(MINIMAL);
        for (const metric of ["NumberOfBackupJobsFailed", "NumberOfCopyJobsFailed"]) {
            const s = one(specs, "AWS/Backup", metric);
            expect(s.dimensions).to.deep.equal({ BackupVaultName: "redcap-prod-vault" });
            expect(s).to.include({
                stat: "Sum",
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                threshold: 1,
                datapointsToAlarm: 1,
                treatMissingData: "notBreaching",
            });
        }
    });

    it("watches the load balancer's and REDCap's 5xx, target health and p95 response time", () => {
        const specs = alarmSpecs(FULL);
        const lb = { LoadBalancer: "app/redcap/0123456789abcdef" };
        const tg = { TargetGroup: "targetgroup/redcap/fedcba9876543210", ...lb };
        expect(one(specs, "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count").dimensions).to.deep.equal(
            lb,
        );
        for (const metric of [
            "HTTPCode_Target_5XX_Count",
            "UnHealthyHostCount",
            "HealthyHostCount",
            "TargetResponseTime",
        ]) {
            expect(one(specs, "AWS/ApplicationELB", metric).dimensions, metric).to.deep.equal(tg);
        }
        expect(one(specs, "AWS/ApplicationELB", "TargetResponseTime").stat).to.equal("p95");
        // No healthy target is an outage, and no report of healthy targets is one too.
        expect(one(specs, "AWS/ApplicationELB", "HealthyHostCount")).to.include({
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "breaching",
        });
        // Counts are reported only when non-zero: missing means none.
        for (const s of specs.filter((x) => x.stat === "Sum")) {
            expect(s.treatMissingData, s.id).to.equal("notBreaching");
        }
        // Unhealthy for several minutes, not one failed check during a deployment.
        expect(
            one(specs, "AWS/ApplicationELB", "UnHealthyHostCount").datapointsToAlarm,
        ).to.be.above(1);
    });

    it("watches the ECS service's CPU and memory by cluster and service", () => {
        const specs = alarmSpecs(FULL);
        for (const metric of ["CPUUtilization", "MemoryUtilization"]) {
            const s = one(specs, "AWS/ECS", metric);
            expect(s.dimensions).to.deep.equal({
                ClusterName: "redcap",
                ServiceName: "redcap-web",
            });
            expect(s.threshold).to.be.within(50, 99);
        }
    });

    it("watches blocked requests of the whole web ACL in its region, or of one rule when asked", () => {
        const all = one(alarmSpecs(FULL), "AWS/WAFV2", "BlockedRequests");
        expect(all.dimensions).to.deep.equal({ WebACL: "waf", Region: "us-east-1", Rule: "ALL" });
        const rule = one(
            alarmSpecs({
                ...FULL,
                webAcl: { metricName: "waf", ruleMetricName: "rate-limit-per-ip" },
            }),
            "AWS/WAFV2",
            "BlockedRequests",
        );
        expect(rule.dimensions.Rule).to.equal("rate-limit-per-ip");
    });

    it("watches SES bounce and complaint rates at AWS's review levels, for the account and the configuration set", () => {
        const specs = alarmSpecs(FULL);
        const bounces = byMetric(specs, "AWS/SES", "Reputation.BounceRate");
        const complaints = byMetric(specs, "AWS/SES", "Reputation.ComplaintRate");
        for (const rates of [bounces, complaints]) {
            expect(rates.map((s) => s.dimensions)).to.deep.equal([
                {},
                { "ses:configuration-set": "mail-redcap-example-edu" },
            ]);
        }
        // The rates are fractions: 5% and 0.1%.
        expect(bounces.map((s) => s.threshold)).to.deep.equal([0.05, 0.05]);
        expect(complaints.map((s) => s.threshold)).to.deep.equal([0.001, 0.001]);
        for (const s of [...bounces, ...complaints]) {
            expect(s.comparisonOperator).to.equal("GreaterThanOrEqualToThreshold");
            expect(s.treatMissingData).to.equal("ignore");
        }
        const accountOnly = alarmSpecs({ ...FULL, mail: {} });
        expect(byMetric(accountOnly, "AWS/SES", "Reputation.BounceRate")).to.have.length(1);
        // A stack that does not own the account's rates watches only its configuration set.
        const stackOnly = alarmSpecs({
            ...FULL,
            mail: { configurationSetName: "mail-redcap-example-edu", accountWide: false },
        });
        const rates = byMetric(stackOnly, "AWS/SES", "Reputation.BounceRate");
        expect(rates.map((s) => s.dimensions)).to.deep.equal([
            { "ses:configuration-set": "mail-redcap-example-edu" },
        ]);
    });

    for (const [change, message] of [
        [
            { database: { clusterIdentifier: "c", maxCapacity: 0.75 } },
            "database.maxCapacity 0.75 is not allowed; expected 1 to 256 ACU in steps of 0.5",
        ],
        [
            { database: { clusterIdentifier: "c", maxCapacity: 4, maxConnections: 0 } },
            "database.maxConnections 0 is not allowed; expected a whole number from 1 to 16000",
        ],
        [{ region: "US East" }, 'region "US East" is not allowed; expected an AWS region'],
        [
            { webAcl: { metricName: "waf", ruleMetricName: "rate limit" } },
            'webAcl.ruleMetricName "rate limit" is not allowed',
        ],
        [
            { loadBalancer: FULL.loadBalancer, moreServices: [{ ...MORE, id: "Alice RStudio" }] },
            'moreServices id "Alice RStudio" is not allowed',
        ],
        [{ moreServices: [MORE] }, "moreServices needs loadBalancer"],
        [{ app: { name: "x", id: "X Y", errorsHint: "" } }, 'app.id "X Y" is not allowed'],
    ] as const) {
        it(`refuses ${JSON.stringify(change)}`, () => {
            expect(() =>
                alarmSpecs({ ...MINIMAL, ...(change as Partial<MonitoredStack>) }),
            ).to.throw(message);
        });
    }
});

describe("dashboardBody", () => {
    const resolve = (specs: AlarmSpec[]): ResolvedAlarmSpec[] =>
        specs.map((s) => ({ ...s, dimensions: s.dimensions as Record<string, string> }));
    const specs = resolve(alarmSpecs(FULL));
    const body = dashboardBody(specs, "eu-west-1");
    const graphs = body.widgets.filter((w): w is MetricWidget => w.type === "metric");

    it("graphs every alarm's metric, statistic and period with its threshold as a line", () => {
        expect(graphs).to.have.length(specs.length);
        specs.forEach((spec, i) => {
            const p = graphs[i].properties;
            const [namespace, metricName, ...pairs] = p.metrics[0];
            expect([namespace, metricName]).to.deep.equal([spec.namespace, spec.metricName]);
            const dims = Object.fromEntries(
                pairs.flatMap((v, j) => (j % 2 === 0 ? [[v, pairs[j + 1]]] : [])),
            );
            expect(dims, spec.id).to.deep.equal(spec.dimensions);
            expect(p.annotations.horizontal.map((h) => h.value)).to.deep.equal([spec.threshold]);
            expect(p).to.include({ stat: spec.stat, period: spec.period, region: "eu-west-1" });
        });
    });

    it("groups the graphs under one heading per tier present, in tier order, without overlaps", () => {
        const headings = body.widgets.filter((w) => w.type === "text");
        expect(headings).to.have.length(TIERS.length);
        expect(headings.map((h) => h.y)).to.deep.equal(
            [...headings.map((h) => h.y)].sort((a, b) => a - b),
        );
        const cells = new Set<string>();
        for (const w of body.widgets) {
            expect(w.x + w.width).to.be.at.most(24);
            for (let x = w.x; x < w.x + w.width; x++) {
                for (let y = w.y; y < w.y + w.height; y++) {
                    expect(cells.has(`${x},${y}`), `overlap at ${x},${y}`).to.equal(false);
                    cells.add(`${x},${y}`);
                }
            }
        }
        const minimal = dashboardBody(resolve(alarmSpecs(MINIMAL)), "us-east-1");
        expect(
            minimal.widgets.filter((w) => w.type === "text").map((w) => w.properties),
        ).to.have.length(1);
    });
});
