import { expect } from "chai";
import { LOW_ASSUMPTIONS as LOW, TYPICAL_ASSUMPTIONS as TYP } from "./assumptions";
import {
    estimateCost,
    NO_CHARGE_TYPES,
    PRICED_TYPES,
    unpricedTypes,
    type CostEstimate,
} from "./model";
import { CONTAINER_INSIGHTS_METRICS, HOURS_PER_MONTH as H, PRICES } from "./prices";
import { planOf, res, testConfig } from "./testPlans";
import type { PlanResource } from "../synth/plan";

const config = testConfig();
const estimate = (...resources: PlanResource[]) => estimateCost(planOf(...resources), config);

/** The one line item whose driver starts with `prefix`. */
function line(e: CostEstimate, prefix: string) {
    const found = e.items.filter((i) => i.driver.startsWith(prefix));
    expect(found, `line items starting with "${prefix}"`).to.have.length(1);
    return found[0];
}
const has = (e: CostEstimate, prefix: string) => e.items.some((i) => i.driver.startsWith(prefix));

const NAT = "aws:ec2/natGateway:NatGateway";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const CLUSTER = "aws:rds/cluster:Cluster";
const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const SERVICE = "aws:ecs/service:Service";
const TASKDEF = "aws:ecs/taskDefinition:TaskDefinition";
const BUCKET = "aws:s3/bucket:Bucket";
const EC2 = "aws:ec2/instance:Instance";
const SCHEDULE = "aws:scheduler/schedule:Schedule";

const taskDef = (name: string, cpu: string, memory: string, arch = "X86_64") =>
    res(TASKDEF, name, { cpu, memory, runtimePlatform: { cpuArchitecture: arch } });
const service = (
    name: string,
    td: PlanResource,
    desiredCount = 1,
    more: Record<string, unknown> = {},
) => res(SERVICE, name, { launchType: "FARGATE", desiredCount, ...more }, { taskDefinition: [td] });

/** A service's scalable target with sleep and wake actions, as FargateService declares them. */
function sleepSchedule(
    svc: PlanResource,
    tasks: number,
    days: string,
    wakeHour: number,
    sleepHour: number,
    wakeSchedule = `cron(0 ${wakeHour} ? * ${days} *)`,
): PlanResource[] {
    const target = res(
        "aws:appautoscaling/target:Target",
        svc.name,
        { minCapacity: tasks, maxCapacity: tasks },
        { resourceId: [svc] },
    );
    const action = (name: string, schedule: string, capacity: number) =>
        res(
            "aws:appautoscaling/scheduledAction:ScheduledAction",
            `${svc.name}-${name}`,
            { schedule, scalableTargetAction: { minCapacity: capacity, maxCapacity: capacity } },
            { resourceId: [target] },
        );
    return [
        target,
        action("sleep", `cron(0 ${sleepHour} ? * ${days} *)`, 0),
        action("wake", wakeSchedule, tasks),
    ];
}

describe("cost model: networking", () => {
    it("prices each NAT gateway for every hour of the month", () => {
        const e = estimate(res(NAT, "a"), res(NAT, "b"), res(NAT, "c"));
        const nat = line(e, "NAT gateways");
        expect(nat.quantity).to.equal(3 * H);
        expect(nat.monthly).to.be.closeTo(3 * H * PRICES.natGatewayHour.usd, 1e-9);
        expect(nat.low).to.equal(nat.monthly);
    });

    it("sends AWS API traffic through NAT when there are no interface endpoints", () => {
        const traffic = line(estimate(res(NAT, "a")), "Traffic through NAT");
        expect(traffic.quantity).to.equal(TYP.internetGbPerMonth + TYP.awsApiGbPerMonth);
        expect(traffic.low).to.be.closeTo(
            (LOW.internetGbPerMonth + LOW.awsApiGbPerMonth) * PRICES.natGatewayGb.usd,
            1e-9,
        );
    });

    it("counts an interface endpoint once per subnet (AZ), and gateway endpoints not at all", () => {
        const e = estimate(
            res(NAT, "a"),
            res(ENDPOINT, "ecr", { vpcEndpointType: "Interface", subnetIds: ["s1", "s2", "s3"] }),
            res(ENDPOINT, "s3", { vpcEndpointType: "Gateway", routeTableIds: ["r1"] }),
        );
        const endpoints = line(e, "Interface endpoints");
        expect(endpoints.quantity).to.equal(3 * H);
        expect(endpoints.monthly).to.be.closeTo(3 * H * PRICES.interfaceEndpointAzHour.usd, 1e-9);
        expect(line(e, "Traffic to AWS APIs").quantity).to.equal(TYP.awsApiGbPerMonth);
        expect(line(e, "Traffic through NAT").quantity).to.equal(TYP.internetGbPerMonth);
    });

    it("counts Elastic IPs and an address per subnet of an internet-facing load balancer", () => {
        const e = estimate(
            res("aws:ec2/eip:Eip", "a"),
            res("aws:ec2/eip:Eip", "b"),
            res(LB, "public", { loadBalancerType: "application", subnets: ["p1", "p2", "p3"] }),
            res(LB, "private", { internal: true, subnets: ["q1", "q2"] }),
        );
        expect(line(e, "Public IPv4").quantity).to.equal(5 * H);
        expect(line(e, "Application load balancers (2)").quantity).to.equal(2 * H);
        expect(line(e, "Load balancer capacity units").quantity).to.be.closeTo(
            2 * TYP.albAverageLcu * H,
            1e-9,
        );
    });

    it("prices a web ACL, each rule or rule group, and requests only when attached", () => {
        const acl = res("aws:wafv2/webAcl:WebAcl", "firewall", { rules: [{}, {}, {}, {}] });
        const alone = estimate(acl);
        expect(line(alone, "Web ACLs").monthly).to.equal(PRICES.wafWebAclMonth.usd);
        expect(line(alone, "Rules").monthly).to.equal(4 * PRICES.wafRuleMonth.usd);
        expect(has(alone, "Requests inspected")).to.equal(false);
        const attached = estimate(
            acl,
            res("aws:wafv2/webAclAssociation:WebAclAssociation", "assoc", {}, { webAclArn: [acl] }),
        );
        expect(line(attached, "Requests inspected").quantity).to.equal(
            TYP.webRequestsPerMonth / 1e6,
        );
    });
});

describe("cost model: Aurora", () => {
    const cluster = (min: number, max: number, more: Record<string, unknown> = {}) =>
        res(CLUSTER, "db", {
            serverlessv2ScalingConfiguration: { minCapacity: min, maxCapacity: max },
            ...more,
        });
    const instance = (
        name: string,
        c: PlanResource,
        promotionTier: number,
        instanceClass = "db.serverless",
    ) => res(INSTANCE, name, { instanceClass, promotionTier }, { clusterIdentifier: [c] });

    it("prices instances at their minimum (low) or above it (typical); tier 0-1 readers follow the writer", () => {
        const c = cluster(1, 4);
        const e = estimate(
            c,
            instance("writer", c, 0),
            instance("reader-1", c, 1),
            instance("reader-2", c, 2),
        );
        const capacity = line(e, "Capacity: 3 Serverless v2 instances");
        const writer = Math.min(4, 1 + TYP.databaseAcuAboveMinimum);
        expect(capacity.quantity).to.be.closeTo((writer + writer + 1) * H, 1e-9);
        expect(capacity.low).to.be.closeTo(
            (3 + 2 * LOW.databaseAcuAboveMinimum) * H * PRICES.auroraAcuHour.usd,
            1e-9,
        );
    });

    it("a cluster that can scale to 0 is awake all month when a service runs, and pauses otherwise", () => {
        const c = cluster(0, 2);
        const writer = instance("writer", c, 0);
        const awake = Math.min(2, 0.5 + TYP.databaseAcuAboveMinimum);
        const idle = line(estimate(c, writer), "Capacity");
        expect(idle.driver).to.contain("pauses when idle");
        expect(idle.quantity).to.be.closeTo(awake * TYP.databaseAwakeHoursWithoutApp, 1e-9);
        const td = taskDef("cron", "512", "1024");
        const busy = line(estimate(c, writer, td, service("cron", td)), "Capacity");
        expect(busy.driver).to.contain("kept awake");
        expect(busy.quantity).to.be.closeTo(awake * H, 1e-9);
    });

    it("a cluster that can scale to 0 pauses while every running service sleeps, plus its auto-pause delay", () => {
        const c = res(CLUSTER, "db", {
            serverlessv2ScalingConfiguration: {
                minCapacity: 0,
                maxCapacity: 2,
                secondsUntilAutoPause: 3600,
            },
        });
        const writer = instance("writer", c, 0);
        const td = taskDef("cron", "512", "1024");
        const cron = service("cron", td);
        const awake = Math.min(2, 0.5 + TYP.databaseAcuAboveMinimum);
        const asleep = line(
            estimate(c, writer, td, cron, ...sleepSchedule(cron, 1, "MON-FRI", 7, 19)),
            "Capacity",
        );
        expect(asleep.driver).to.contain("pauses while the app sleeps");
        // 12 awake hours and 1 hour before pausing, 5 days a week.
        expect(asleep.quantity).to.be.closeTo((awake * (5 * 13) * H) / 168, 1e-9);
        // One service that never sleeps keeps the database awake all month.
        const td2 = taskDef("web", "512", "1024");
        const always = line(
            estimate(
                c,
                writer,
                td,
                cron,
                ...sleepSchedule(cron, 1, "MON-FRI", 7, 19),
                td2,
                service("web", td2),
            ),
            "Capacity",
        );
        expect(always.driver).to.contain("kept awake");
        expect(always.quantity).to.be.closeTo(awake * H, 1e-9);
    });

    it("prices storage, I/O, backups beyond the free copy, backtrack and enhanced monitoring", () => {
        const c = cluster(1, 2, { backupRetentionPeriod: 35, backtrackWindow: 24 * 3600 });
        const e = estimate(
            c,
            res(
                INSTANCE,
                "w",
                { instanceClass: "db.serverless", monitoringInterval: 60 },
                { clusterIdentifier: [c] },
            ),
        );
        expect(line(e, "Storage").quantity).to.equal(TYP.databaseGb);
        expect(line(e, "I/O requests").quantity).to.equal(TYP.databaseIoMillionsPerMonth);
        expect(line(e, "Point-in-time backups").quantity).to.be.closeTo(
            TYP.databaseGb * TYP.databaseDailyChange * 35,
            1e-9,
        );
        expect(line(e, "Backtrack (24 h").quantity).to.be.closeTo(
            (TYP.databaseChangeRecordsPerHour * 24 * H) / 1e6,
            1e-9,
        );
        expect(line(e, "Enhanced monitoring").quantity).to.be.closeTo(
            (H * 60 * TYP.enhancedMonitoringKbPerEvent) / 1e6,
            1e-9,
        );
        // One day of point-in-time restore is free.
        expect(
            has(estimate(cluster(1, 2, { backupRetentionPeriod: 1 })), "Point-in-time"),
        ).to.equal(false);
    });

    it("reports a provisioned instance class instead of pricing it as serverless", () => {
        const c = cluster(1, 2);
        const e = estimate(c, instance("writer", c, 0, "db.r6g.large"));
        expect(e.warnings.join("\n")).to.contain("db.r6g.large");
        expect(line(e, "Capacity").quantity).to.equal(0);
    });

    it("counts the secret RDS keeps for the master password with the stack's secrets", () => {
        const e = estimate(
            res("aws:secretsmanager/secret:Secret", "a"),
            res("aws:secretsmanager/secret:Secret", "b"),
            cluster(1, 2, { manageMasterUserPassword: true }),
        );
        expect(line(e, "Secrets").monthly).to.be.closeTo(3 * PRICES.secretMonth.usd, 1e-9);
    });
});

describe("cost model: Fargate and Container Insights", () => {
    it("runs the autoscaling minimum of tasks, each at its task definition's size and architecture", () => {
        const td = taskDef("web", "2048", "4096", "ARM64");
        const web = service("web", td, 1);
        const e = estimate(
            td,
            web,
            res(
                "aws:appautoscaling/target:Target",
                "web",
                { minCapacity: 3, maxCapacity: 6 },
                { resourceId: [web] },
            ),
        );
        const item = line(e, "Service web: 3 tasks of 2 vCPU, 4 GB (ARM)");
        expect(item.quantity).to.equal(3 * H);
        expect(item.unitPrice).to.be.closeTo(
            2 * PRICES.fargateArmVcpuHour.usd + 4 * PRICES.fargateArmGbHour.usd,
            1e-12,
        );
    });

    it("runs a sleeping service's tasks only in its awake hours", () => {
        const td = taskDef("web", "512", "1024");
        const web = service("web", td, 2);
        const e = estimate(td, web, ...sleepSchedule(web, 2, "MON-FRI", 7, 19));
        const item = line(e, "Service web: 2 tasks of 0.5 vCPU, 1 GB (x86), awake 60 h a week");
        expect(item.quantity).to.be.closeTo((2 * 60 * H) / 168, 1e-9);
        // Crons that are not daily times: priced as always on rather than guessed.
        const odd = estimate(td, web, ...sleepSchedule(web, 2, "MON-FRI", 7, 19, "rate(1 hour)"));
        expect(line(odd, "Service web: 2 tasks").quantity).to.equal(2 * H);
    });

    it("adds ephemeral storage above the free 20 GB, and x86 prices by default", () => {
        const td = res(TASKDEF, "big", {
            cpu: "1024",
            memory: "2048",
            ephemeralStorage: { sizeInGib: 50 },
        });
        const item = line(estimate(td, service("big", td)), "Service big");
        expect(item.unitPrice).to.be.closeTo(
            PRICES.fargateX86VcpuHour.usd +
                2 * PRICES.fargateX86GbHour.usd +
                30 * PRICES.fargateEphemeralGbHour.usd,
            1e-12,
        );
    });

    it("prices Container Insights per cluster, running service and task family", () => {
        const web = taskDef("web", "1024", "2048");
        const cron = taskDef("cron", "512", "1024");
        const cluster = res("aws:ecs/cluster:Cluster", "app", {
            settings: [{ name: "containerInsights", value: "enabled" }],
        });
        const inCluster = (s: PlanResource) => ({
            ...s,
            propertyDependencies: { ...s.propertyDependencies, cluster: [cluster.urn] },
        });
        const e = estimate(
            cluster,
            web,
            cron,
            inCluster(service("web", web)),
            inCluster(service("cron", cron)),
            inCluster(service("idle", cron, 0)),
        );
        const m = CONTAINER_INSIGHTS_METRICS;
        expect(line(e, "Container Insights").quantity).to.equal(
            m.perCluster + 2 * m.perService + 2 * m.perTaskFamily,
        );
        const off = res("aws:ecs/cluster:Cluster", "quiet", {
            settings: [{ name: "containerInsights", value: "disabled" }],
        });
        expect(has(estimate(off), "Container Insights")).to.equal(false);
    });
});

describe("cost model: storage, backups, keys", () => {
    const lifecycle = (bucket: PlanResource, days: number) =>
        res(
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            `${bucket.name}-lc`,
            { rules: [{ status: "Enabled", expiration: { days } }] },
            { bucket: [bucket] },
        );

    it("a data bucket holds the files; a log bucket fills up to its expiry", () => {
        const files = res(BUCKET, "files");
        const logs = res(BUCKET, "logs");
        const e = estimate(files, logs, lifecycle(logs, 90));
        expect(line(e, "Bucket files").quantity).to.equal(TYP.filesGb);
        expect(line(e, "Bucket logs (logs kept 90 days)").quantity).to.be.closeTo(
            TYP.logBucketGbPerMonth * Math.min(TYP.monthsRunning, 90 / (365 / 12)),
            1e-9,
        );
    });

    it("prices recovery points over the retention, twice with a copy rule, plus the transfer", () => {
        const cluster = res(CLUSTER, "db");
        const files = res(BUCKET, "files");
        const rule = { lifecycle: { deleteAfter: 35 } };
        const plan = res("aws:backup/plan:Plan", "plan", { rules: [rule] });
        const selection = (p: PlanResource) =>
            res(
                "aws:backup/selection:Selection",
                "sel",
                {},
                { planId: [p], resources: [cluster, files] },
            );
        const e = estimate(cluster, files, plan, selection(plan));
        const auroraGb = TYP.databaseGb * (1 + TYP.databaseDailyChange * 35);
        expect(line(e, "Aurora recovery points (35 days)").quantity).to.be.closeTo(auroraGb, 1e-9);
        expect(line(e, "S3 recovery points").quantity).to.be.closeTo(
            TYP.filesGb * (1 + TYP.filesDailyChange * 35),
            1e-9,
        );
        expect(has(e, "Copies sent")).to.equal(false);
        const copying = res("aws:backup/plan:Plan", "plan", {
            rules: [{ ...rule, copyActions: [{ destinationVaultArn: "x" }] }],
        });
        const copied = estimate(cluster, files, copying, selection(copying));
        expect(line(copied, "Aurora recovery points").quantity).to.be.closeTo(2 * auroraGb, 1e-9);
        expect(line(copied, "Copies sent").quantity).to.be.greaterThan(0);
    });

    it("prices each KMS key a month plus the assumed requests", () => {
        const e = estimate(...["a", "b", "c", "d"].map((n) => res("aws:kms/key:Key", n)));
        expect(line(e, "Customer-managed keys (4)").monthly).to.equal(4 * PRICES.kmsKeyMonth.usd);
        expect(line(e, "Requests").quantity).to.equal(TYP.kmsRequestsPerMonth / 1e4);
    });
});

describe("cost model: monitoring and the audit baseline", () => {
    it("prices each alarm metric, high-resolution alarms apart, and two alarms per target-tracking policy", () => {
        const e = estimate(
            res("aws:cloudwatch/metricAlarm:MetricAlarm", "a", { period: 300 }),
            res("aws:cloudwatch/metricAlarm:MetricAlarm", "math", {
                metricQueries: [{ metric: {} }, { metric: {} }, { expression: "m1+m2" }],
            }),
            res("aws:cloudwatch/metricAlarm:MetricAlarm", "fast", { period: 10 }),
            res("aws:appautoscaling/policy:Policy", "cpu", { policyType: "TargetTrackingScaling" }),
            res("aws:appautoscaling/policy:Policy", "step", { policyType: "StepScaling" }),
            res("aws:cloudwatch/dashboard:Dashboard", "d"),
        );
        expect(line(e, "Alarms").quantity).to.equal(1 + 2 + 2);
        expect(line(e, "High-resolution alarms").quantity).to.equal(1);
        expect(line(e, "Dashboards (1)").monthly).to.equal(PRICES.dashboardMonth.usd);
    });

    it("adds the trail's events to log ingestion and keeps logs for the configured retention", () => {
        const group = res("aws:cloudwatch/logGroup:LogGroup", "g");
        const trail = res("aws:cloudtrail/trail:Trail", "trail", {
            cloudWatchLogsGroupArn: "arn:x",
        });
        const e = estimate(group, trail);
        const ingested = TYP.logIngestionGbPerMonth + TYP.trailLogGbPerMonth;
        expect(line(e, "Log ingestion: 1 log group and the trail").quantity).to.equal(ingested);
        const months = Math.min(TYP.monthsRunning, config.logRetentionDays / (365 / 12));
        expect(line(e, "Log storage").quantity).to.be.closeTo(ingested * months, 1e-9);
        // Management events only: the first copy is free.
        expect(has(e, "Data events")).to.equal(false);
    });

    it("prices a trail's data events, AWS Config and GuardDuty's enabled features", () => {
        const data = {
            advancedEventSelectors: [
                { fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }] },
            ],
        };
        const detector = res("aws:guardduty/detector:Detector", "gd", { enable: true });
        const e = estimate(
            res("aws:cloudtrail/trail:Trail", "trail", data),
            res("aws:cfg/recorder:Recorder", "rec"),
            res("aws:cfg/conformancePack:ConformancePack", "hipaa"),
            detector,
            res("aws:guardduty/detectorFeature:DetectorFeature", "s3", {
                name: "S3_DATA_EVENTS",
                status: "ENABLED",
            }),
            res("aws:guardduty/detectorFeature:DetectorFeature", "eks", {
                name: "EKS_AUDIT_LOGS",
                status: "DISABLED",
            }),
        );
        expect(line(e, "Data events").monthly).to.be.closeTo(
            (TYP.s3DataEventsPerMonth / 1e5) * PRICES.cloudTrailDataEvents100k.usd,
            1e-9,
        );
        expect(line(e, "Configuration items").quantity).to.equal(TYP.configItemsPerMonth);
        expect(line(e, "Rule evaluations").quantity).to.equal(
            TYP.conformancePackEvaluationsPerMonth,
        );
        expect(line(e, "Management events analysed").quantity).to.equal(
            TYP.managementEventsPerMonth / 1e6,
        );
        expect(line(e, "S3 data events analysed").quantity).to.equal(
            TYP.s3DataEventsPerMonth / 1e6,
        );
        expect(e.warnings).to.deep.equal([]);
    });
});

describe("cost model: the bastion, DNS and the region", () => {
    const bastion = (more: Record<string, unknown> = {}) =>
        res(EC2, "bastion", {
            instanceType: "t4g.nano",
            rootBlockDevice: { volumeSize: 8, volumeType: "gp3" },
            monitoring: true,
            ...more,
        });
    const schedule = (name: string, instance: PlanResource, verb: string, expression: string) =>
        res(
            SCHEDULE,
            name,
            {
                scheduleExpression: expression,
                target: { arn: `arn:aws:scheduler:::aws-sdk:ec2:${verb}Instances` },
            },
            { target: [instance] },
        );

    it("runs a scheduled instance only in its hours, and pays its disk all month", () => {
        const b = bastion();
        const e = estimate(
            b,
            schedule("start", b, "start", "cron(0 7 ? * MON-FRI *)"),
            schedule("stop", b, "stop", "cron(0 19 ? * MON-FRI *)"),
        );
        const hours = (60 * H) / 168;
        expect(line(e, "Instance bastion (t4g.nano, on its schedule)").quantity).to.be.closeTo(
            hours,
            1e-9,
        );
        expect(line(e, "Disk of bastion").monthly).to.be.closeTo(
            8 * PRICES.ebsGp3GbMonth.usd,
            1e-12,
        );
        expect(line(e, "Detailed monitoring").quantity).to.be.closeTo((7 * hours) / H, 1e-9);
        expect(
            line(estimate(bastion()), "Instance bastion (t4g.nano, always on)").quantity,
        ).to.equal(H);
    });

    it("reports an instance type it has no price for", () => {
        const e = estimate(bastion({ instanceType: "m7i.48xlarge" }));
        expect(has(e, "Instance bastion")).to.equal(false);
        expect(e.warnings.join("\n")).to.contain("m7i.48xlarge");
    });

    it("prices a hosted zone only when the stack creates one", () => {
        expect(has(estimate(res("aws:route53/record:Record", "r")), "Hosted zones")).to.equal(
            false,
        );
        expect(
            line(estimate(res("aws:route53/zone:Zone", "z")), "Hosted zones (1)").monthly,
        ).to.equal(PRICES.route53ZoneMonth.usd);
    });

    it("prices a health check and each optional feature it uses (HTTPS, fast interval)", () => {
        const check = (inputs: Record<string, unknown>) =>
            estimate(res("aws:route53/healthCheck:HealthCheck", "site", inputs));
        const https = check({ type: "HTTPS", requestInterval: 30 });
        expect(line(https, "Health check site").monthly).to.equal(
            PRICES.route53HealthCheckMonth.usd,
        );
        expect(line(https, "Optional features of health check site: HTTPS").monthly).to.equal(
            PRICES.route53HealthCheckFeatureMonth.usd,
        );
        const fast = check({ type: "HTTPS_STR_MATCH", requestInterval: 10 });
        expect(
            line(
                fast,
                "Optional features of health check site: HTTPS, string matching, fast interval",
            ).monthly,
        ).to.equal(3 * PRICES.route53HealthCheckFeatureMonth.usd);
        expect(has(check({ type: "HTTP" }), "Optional features")).to.equal(false);
    });

    it("prices each budget a month", () => {
        const e = estimate(res("aws:budgets/budget:Budget", "budget"));
        expect(line(e, "Budgets (1)").monthly).to.equal(PRICES.budgetMonth.usd);
    });

    it("says when the stack is in another region than the prices", () => {
        const e = estimateCost(planOf(res(NAT, "a")), testConfig("eu-west-1"));
        expect(e.region).to.equal("eu-west-1");
        expect(e.warnings.join("\n")).to.contain("us-east-1 prices");
    });
});

describe("cost model: totals and coverage", () => {
    it("sums items into services and the total, low and typical", () => {
        const e = estimate(res(NAT, "a"), res("aws:kms/key:Key", "k"), res(BUCKET, "b"));
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(e.total.monthly).to.be.closeTo(sum(e.items.map((i) => i.monthly)), 1e-9);
        expect(e.total.low).to.be.closeTo(sum(e.services.map((s) => s.low)), 1e-9);
        expect(e.services.map((s) => s.monthly)).to.deep.equal(
            [...e.services.map((s) => s.monthly)].sort((a, b) => b - a),
        );
    });

    it("finds cloud resource types that are neither priced nor known to be free", () => {
        const component = { ...res("hipaa:thing:Component", "c"), custom: false };
        const plan = planOf(
            res("aws:sagemaker/endpoint:Endpoint", "e"),
            res(NAT, "n"),
            res("aws:iam/role:Role", "r"),
            component,
        );
        expect(unpricedTypes(plan)).to.deep.equal(["aws:sagemaker/endpoint:Endpoint"]);
        expect(estimateCost(plan, config).unpricedTypes).to.deep.equal([
            "aws:sagemaker/endpoint:Endpoint",
        ]);
    });

    it("never lists a type as both priced and free", () => {
        expect([...PRICED_TYPES].filter((t) => t in NO_CHARGE_TYPES)).to.deep.equal([]);
    });
});
