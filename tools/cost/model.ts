import type { StackConfig } from "../../stacks";
import type { Plan, PlanResource } from "../synth/plan";
import { ASSUMPTIONS, type Assumptions } from "./assumptions";
import {
    CONTAINER_INSIGHTS_METRICS,
    EC2_DETAILED_MONITORING_METRICS,
    EC2_INSTANCE_HOUR,
    HOURS_PER_MONTH as H,
    PRICE_REGION,
    PRICES,
    PRICES_CHECKED,
    type PriceKey,
} from "./prices";
import { weeklyRunningHours } from "./schedule";

/**
 * A monthly cost estimate computed from the offline plan: every priced resource is counted by its
 * type token, quantities come from its inputs (task sizes, subnets, capacity, retention) and, for
 * usage, from the stated assumptions. Pure: the same plan, config and assumptions give the same
 * estimate, so the generated tables in docs/runbooks/cost.md can be checked for staleness.
 */

/** Services in the order the tables list them. */
export const SERVICES = [
    "Aurora (database)",
    "Fargate (REDCap containers)",
    "VPC networking",
    "Load balancer",
    "AWS WAF",
    "S3 storage",
    "AWS Backup",
    "CloudWatch",
    "CloudTrail",
    "AWS Config",
    "GuardDuty",
    "KMS keys",
    "Secrets Manager",
    "ECR (images)",
    "SES (mail)",
    "EC2 (bastion)",
    "Route 53",
] as const;
export type Service = (typeof SERVICES)[number];

export interface LineItem {
    service: Service;
    /** What is paid for, in a reader's words. */
    driver: string;
    /** Units with the typical assumptions. */
    quantity: number;
    unit: string;
    /** USD per unit. */
    unitPrice: number;
    /** USD a month with the typical assumptions. */
    monthly: number;
    /** USD a month with the low assumptions (equal to monthly when usage does not matter). */
    low: number;
    /** The prices used (their sources are in PRICES). */
    prices: PriceKey[];
}

export interface ServiceTotal {
    service: Service;
    low: number;
    monthly: number;
}

export interface CostEstimate {
    stack: string;
    /** The stack's region; the prices are always us-east-1's. */
    region: string;
    priceRegion: string;
    pricesChecked: string;
    /** Grouped by service (SERVICES order), most expensive first within a service. */
    items: LineItem[];
    /** Most expensive first. */
    services: ServiceTotal[];
    total: { low: number; monthly: number };
    /** Custom resource types in the plan that are neither priced nor known to be free. */
    unpricedTypes: string[];
    /** What the model could not price and why. */
    warnings: string[];
}

interface Draft {
    service: Service;
    driver: string;
    quantity: number;
    unit: string;
    unitPrice: number;
    prices: PriceKey[];
}

/** Resource types with no charge of their own, and why (a new paid type must not slip through). */
export const NO_CHARGE_TYPES: Readonly<Record<string, string>> = {
    "aws:acm/certificate:Certificate": "public ACM certificates are free",
    "aws:acm/certificateValidation:CertificateValidation": "a deploy-time wait, not a resource",
    "aws:appautoscaling/target:Target": "free; its minimum sets the service's task count",
    "aws:backup/vault:Vault": "free; its recovery points are priced (AWS Backup)",
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration": "free",
    "aws:cfg/deliveryChannel:DeliveryChannel": "free; snapshots land in the audit bucket (S3)",
    "aws:cfg/recorderStatus:RecorderStatus": "free",
    "aws:cloudwatch/eventRule:EventRule": "events from AWS services are free",
    "aws:cloudwatch/eventTarget:EventTarget": "free",
    "aws:ebs/encryptionByDefault:EncryptionByDefault": "an account setting",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "free",
    "aws:ec2/flowLog:FlowLog": "billed as ingestion into its log group (CloudWatch)",
    "aws:ec2/internetGateway:InternetGateway": "free",
    "aws:ec2/launchTemplate:LaunchTemplate": "free",
    "aws:ec2/networkAcl:NetworkAcl": "free",
    "aws:ec2/route:Route": "free",
    "aws:ec2/routeTable:RouteTable": "free",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "free",
    "aws:ec2/securityGroup:SecurityGroup": "free",
    "aws:ec2/subnet:Subnet": "free",
    "aws:ec2/vpc:Vpc": "free",
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": "free",
    "aws:ecs/taskDefinition:TaskDefinition":
        "free; tasks are priced through the services that run them (the setup task runs minutes per deploy)",
    "aws:iam/accessKey:AccessKey": "IAM is free",
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": "IAM is free",
    "aws:iam/instanceProfile:InstanceProfile": "IAM is free",
    "aws:iam/policy:Policy": "IAM is free",
    "aws:iam/role:Role": "IAM is free",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "IAM is free",
    "aws:iam/user:User": "IAM is free",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": "IAM is free",
    "aws:kms/alias:Alias": "free",
    "aws:lambda/function:Function":
        "runs only during pulumi up: a few invocations, inside Lambda's free tier",
    "aws:lambda/invocation:Invocation": "a deploy-time call",
    "aws:lb/listener:Listener": "included in the load balancer's hours",
    "aws:lb/targetGroup:TargetGroup": "included in the load balancer's hours",
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": "free",
    "aws:rds/subnetGroup:SubnetGroup": "free",
    "aws:route53/record:Record":
        "records are free; their zone is priced only if the stack creates it",
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": "an account setting",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration":
        "free; its expiry sets how long a log bucket keeps logs",
    "aws:s3/bucketLogging:BucketLogging": "free; the logs are priced in the log bucket",
    "aws:s3/bucketObjectv2:BucketObjectv2": "a template of a few KB",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": "free",
    "aws:s3/bucketPolicy:BucketPolicy": "free",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "free",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
        "free (KMS requests are priced with the keys)",
    "aws:s3/bucketVersioning:BucketVersioning": "free; old versions are in the files assumption",
    "aws:scheduler/schedule:Schedule":
        "a few invocations a month, inside EventBridge Scheduler's free 14 million",
    "aws:scheduler/scheduleGroup:ScheduleGroup": "free",
    "aws:secretsmanager/secretVersion:SecretVersion": "included in the secret's price",
    "aws:sesv2/configurationSet:ConfigurationSet": "free",
    "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination":
        "free; the notifications it sends are a few SNS emails",
    "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes": "free",
    "aws:sns/topic:Topic": "alert and bounce emails: a few a month, inside SNS's free 1,000",
    "aws:sns/topicPolicy:TopicPolicy": "free",
    "aws:sns/topicSubscription:TopicSubscription": "free",
    "aws:ssm/document:Document": "Session Manager documents are free",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "free",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "free",
    "aws:wafv2/ipSet:IpSet": "free",
    "aws:wafv2/webAclAssociation:WebAclAssociation": "free",
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration":
        "billed as ingestion into its log group (CloudWatch)",
    "pulumi:providers:aws": "not an AWS resource",
    "random:index/randomPassword:RandomPassword": "not an AWS resource",
};

const T = {
    nat: "aws:ec2/natGateway:NatGateway",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    eip: "aws:ec2/eip:Eip",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    webAclAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
    cluster: "aws:rds/cluster:Cluster",
    instance: "aws:rds/clusterInstance:ClusterInstance",
    service: "aws:ecs/service:Service",
    ecsCluster: "aws:ecs/cluster:Cluster",
    scalingTarget: "aws:appautoscaling/target:Target",
    scalingPolicy: "aws:appautoscaling/policy:Policy",
    bucket: "aws:s3/bucket:Bucket",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    backupPlan: "aws:backup/plan:Plan",
    backupSelection: "aws:backup/selection:Selection",
    key: "aws:kms/key:Key",
    secret: "aws:secretsmanager/secret:Secret",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    trail: "aws:cloudtrail/trail:Trail",
    recorder: "aws:cfg/recorder:Recorder",
    conformancePack: "aws:cfg/conformancePack:ConformancePack",
    detector: "aws:guardduty/detector:Detector",
    detectorFeature: "aws:guardduty/detectorFeature:DetectorFeature",
    repository: "aws:ecr/repository:Repository",
    emailIdentity: "aws:sesv2/emailIdentity:EmailIdentity",
    ec2: "aws:ec2/instance:Instance",
    schedule: "aws:scheduler/schedule:Schedule",
    zone: "aws:route53/zone:Zone",
} as const;

/** Looks resources up by type and by URN, and follows the plan's property dependencies. */
class PlanIndex {
    private readonly byUrn = new Map<string, PlanResource>();
    private readonly byType = new Map<string, PlanResource[]>();

    constructor(readonly plan: Plan) {
        for (const r of plan.resources) {
            this.byUrn.set(r.urn, r);
            const list = this.byType.get(r.type) ?? [];
            list.push(r);
            this.byType.set(r.type, list);
        }
    }

    of(type: string): PlanResource[] {
        return this.byType.get(type) ?? [];
    }

    /** The resources that feed `r`'s input `key`. */
    deps(r: PlanResource, key: string): PlanResource[] {
        return (r.propertyDependencies[key] ?? []).flatMap((urn) => this.byUrn.get(urn) ?? []);
    }

    /** Resources of `type` whose input `key` is fed by `target`. */
    referrers(type: string, key: string, target: PlanResource): PlanResource[] {
        return this.of(type).filter((r) =>
            (r.propertyDependencies[key] ?? []).includes(target.urn),
        );
    }
}

interface Ctx {
    index: PlanIndex;
    config: StackConfig;
    a: Assumptions;
    warnings: Set<string>;
}

const num = (v: unknown): number | undefined => {
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
};
const obj = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** Days in an average month, to turn retention days into months. */
const DAYS_PER_MONTH = 365 / 12;

function draft(service: Service, driver: string, quantity: number, key: PriceKey): Draft {
    const price = PRICES[key];
    return { service, driver, quantity, unit: price.per, unitPrice: price.usd, prices: [key] };
}

interface Pricer {
    /** The resource types this pricer counts. */
    types: string[];
    price(ctx: Ctx): Draft[];
}

// ---- network ------------------------------------------------------------------------------

const isInterface = (r: PlanResource) => r.inputs.vpcEndpointType === "Interface";
/** AZs of an interface endpoint: one network interface per subnet. */
const endpointAzs = (r: PlanResource) =>
    Math.max(list(r.inputs.subnetIds).length, (r.propertyDependencies.subnetIds ?? []).length);

const network: Pricer = {
    types: [T.nat, T.endpoint, T.eip],
    price({ index, a }) {
        const out: Draft[] = [];
        const nats = index.of(T.nat).length;
        const endpoints = index.of(T.endpoint).filter(isInterface);
        const endpointAzCount = sum(endpoints.map(endpointAzs));
        if (nats > 0) {
            out.push(
                draft(
                    "VPC networking",
                    `NAT gateways (${nats}), always on`,
                    nats * H,
                    "natGatewayHour",
                ),
            );
        }
        if (endpoints.length > 0) {
            out.push(
                draft(
                    "VPC networking",
                    `Interface endpoints: ${plural(endpoints.length, "service")} in ${endpointAzCount} endpoint-AZs`,
                    endpointAzCount * H,
                    "interfaceEndpointAzHour",
                ),
            );
            out.push(
                draft(
                    "VPC networking",
                    "Traffic to AWS APIs through the endpoints",
                    a.awsApiGbPerMonth,
                    "interfaceEndpointGb",
                ),
            );
        }
        if (nats > 0) {
            // Without endpoints, image pulls, logs and secrets go out through NAT too.
            const viaNat = a.internetGbPerMonth + (endpoints.length > 0 ? 0 : a.awsApiGbPerMonth);
            const what = endpoints.length > 0 ? "internet" : "internet and AWS APIs";
            out.push(
                draft("VPC networking", `Traffic through NAT (${what})`, viaNat, "natGatewayGb"),
            );
        }
        const eips = index.of(T.eip).length;
        // An internet-facing load balancer holds a public IPv4 address in each of its subnets.
        const lbIps = sum(
            index
                .of(T.lb)
                .filter((lb) => lb.inputs.internal !== true)
                .map((lb) => list(lb.inputs.subnets).length),
        );
        if (eips + lbIps > 0) {
            out.push(
                draft(
                    "VPC networking",
                    `Public IPv4 addresses: ${plural(eips, "Elastic IP")} + ${lbIps} of the load balancer`,
                    (eips + lbIps) * H,
                    "publicIpv4Hour",
                ),
            );
        }
        return out;
    },
};

const loadBalancer: Pricer = {
    types: [T.lb],
    price({ index, a, warnings }) {
        const albs = index
            .of(T.lb)
            .filter((lb) => (lb.inputs.loadBalancerType ?? "application") === "application");
        for (const lb of index.of(T.lb)) {
            if (!albs.includes(lb)) {
                warnings.add(
                    `load balancer ${lb.name}: type ${String(lb.inputs.loadBalancerType)} is not priced`,
                );
            }
        }
        if (albs.length === 0) {
            return [];
        }
        return [
            draft(
                "Load balancer",
                `Application load balancers (${albs.length}), always on`,
                albs.length * H,
                "albHour",
            ),
            draft(
                "Load balancer",
                "Load balancer capacity units",
                albs.length * a.albAverageLcu * H,
                "albLcuHour",
            ),
        ];
    },
};

const waf: Pricer = {
    types: [T.webAcl],
    price({ index, a }) {
        const acls = index.of(T.webAcl);
        if (acls.length === 0) {
            return [];
        }
        const rules = sum(acls.map((acl) => list(acl.inputs.rules).length));
        // Requests are inspected by each ACL attached to something.
        const attached = acls.filter(
            (acl) => index.referrers(T.webAclAssociation, "webAclArn", acl).length > 0,
        );
        const out = [
            draft("AWS WAF", `Web ACLs (${acls.length})`, acls.length, "wafWebAclMonth"),
            draft("AWS WAF", `Rules and rule groups (${rules})`, rules, "wafRuleMonth"),
        ];
        if (attached.length > 0) {
            out.push(
                draft(
                    "AWS WAF",
                    "Requests inspected",
                    (attached.length * a.webRequestsPerMonth) / 1e6,
                    "wafMillionRequests",
                ),
            );
        }
        return out;
    },
};

// ---- database -------------------------------------------------------------------------------

interface AuroraCluster {
    cluster: PlanResource;
    instances: PlanResource[];
    min: number;
    max: number;
    /** Whether the cluster can pause (minimum 0) and nothing keeps it awake. */
    pauses: boolean;
    acuHours: number;
}

/** ECS services that keep tasks running around the clock. */
const runningServices = (index: PlanIndex) =>
    index.of(T.service).filter((s) => serviceTasks(index, s) > 0);

function auroraClusters({ index, a, warnings }: Ctx): AuroraCluster[] {
    const appRuns = runningServices(index).length > 0;
    return index.of(T.cluster).map((cluster) => {
        const instances = index
            .referrers(T.instance, "clusterIdentifier", cluster)
            .concat(
                index
                    .of(T.instance)
                    .filter(
                        (i) =>
                            !(i.propertyDependencies.clusterIdentifier ?? []).length &&
                            i.inputs.clusterIdentifier !== undefined &&
                            i.inputs.clusterIdentifier === cluster.inputs.clusterIdentifier,
                    ),
            );
        const scaling = obj(cluster.inputs.serverlessv2ScalingConfiguration);
        const min = num(scaling.minCapacity) ?? 0.5;
        const max = num(scaling.maxCapacity) ?? Math.max(min, 1);
        // At 0 ACU the cluster pauses when idle; awake, it never runs below 0.5 ACU. REDCap's cron
        // (any running service) queries it every minute, so then it never pauses.
        const pauses = min === 0 && !appRuns;
        const awakeHours = pauses ? a.databaseAwakeHoursWithoutApp : H;
        const floor = Math.max(min, 0.5);
        const writerAverage = Math.min(max, floor + a.databaseAcuAboveMinimum);
        let acu = 0;
        for (const instance of instances) {
            if (instance.inputs.instanceClass !== "db.serverless") {
                warnings.add(
                    `database instance ${instance.name}: class ${String(instance.inputs.instanceClass)} is not priced`,
                );
                continue;
            }
            // Readers in promotion tier 0 or 1 keep at least the writer's capacity (for failover).
            const tier = num(instance.inputs.promotionTier) ?? 1;
            acu += tier <= 1 ? writerAverage : floor;
        }
        return { cluster, instances, min, max, pauses, acuHours: acu * awakeHours };
    });
}

const aurora: Pricer = {
    types: [T.cluster, T.instance],
    price(ctx) {
        const { a, warnings } = ctx;
        const out: Draft[] = [];
        for (const { cluster, instances, min, max, pauses, acuHours } of auroraClusters(ctx)) {
            const n = instances.filter((i) => i.inputs.instanceClass === "db.serverless").length;
            const awake =
                min === 0 ? (pauses ? ", pauses when idle" : ", kept awake by the app") : "";
            out.push({
                ...draft(
                    "Aurora (database)",
                    `Capacity: ${plural(n, "Serverless v2 instance")}, ${min}-${max} ACU${awake}`,
                    acuHours,
                    "auroraAcuHour",
                ),
            });
            out.push(draft("Aurora (database)", "Storage", a.databaseGb, "auroraStorageGbMonth"));
            if (cluster.inputs.storageType === "aurora-iopt1") {
                warnings.add(`cluster ${cluster.name}: I/O-Optimized is priced as Aurora Standard`);
            }
            out.push(
                draft(
                    "Aurora (database)",
                    "I/O requests",
                    a.databaseIoMillionsPerMonth,
                    "auroraIoMillion",
                ),
            );
            const retention = num(cluster.inputs.backupRetentionPeriod) ?? 1;
            if (retention > 1) {
                // Point-in-time restore keeps every change in the window; one cluster size is free.
                out.push(
                    draft(
                        "Aurora (database)",
                        `Point-in-time backups beyond the free copy (${retention} days)`,
                        a.databaseGb * a.databaseDailyChange * retention,
                        "auroraBackupGbMonth",
                    ),
                );
            }
            const backtrackHours = (num(cluster.inputs.backtrackWindow) ?? 0) / 3600;
            if (backtrackHours > 0) {
                out.push(
                    draft(
                        "Aurora (database)",
                        `Backtrack (${backtrackHours} h of change records)`,
                        ((a.databaseChangeRecordsPerHour * backtrackHours) / 1e6) * H,
                        "auroraBacktrackMillionChangeHours",
                    ),
                );
            }
            const monitored = instances.filter((i) => (num(i.inputs.monitoringInterval) ?? 0) > 0);
            if (monitored.length > 0) {
                const events = sum(
                    monitored.map((i) => (H * 3600) / (num(i.inputs.monitoringInterval) ?? 60)),
                );
                out.push(
                    draft(
                        "CloudWatch",
                        `Enhanced monitoring of ${plural(monitored.length, "database instance")}`,
                        (events * a.enhancedMonitoringKbPerEvent) / 1e6,
                        "logIngestionGb",
                    ),
                );
            }
        }
        return out;
    },
};

// ---- containers ----------------------------------------------------------------------------

/** Tasks a service runs around the clock: its desired count, or its autoscaling minimum. */
function serviceTasks(index: PlanIndex, service: PlanResource): number {
    const minimums = index
        .referrers(T.scalingTarget, "resourceId", service)
        .map((t) => num(t.inputs.minCapacity) ?? 0);
    return Math.max(num(service.inputs.desiredCount) ?? 0, ...minimums);
}

const fargate: Pricer = {
    types: [T.service],
    price({ index, warnings }) {
        const out: Draft[] = [];
        for (const service of index.of(T.service)) {
            if ((service.inputs.launchType ?? "FARGATE") !== "FARGATE") {
                warnings.add(
                    `ECS service ${service.name}: launch type ${String(service.inputs.launchType)} is not priced`,
                );
                continue;
            }
            const td = index.deps(service, "taskDefinition")[0];
            const vcpu = (num(td?.inputs.cpu) ?? NaN) / 1024;
            const gb = (num(td?.inputs.memory) ?? NaN) / 1024;
            if (!td || !Number.isFinite(vcpu + gb)) {
                warnings.add(`ECS service ${service.name}: its task size is not in the plan`);
                continue;
            }
            const arm = obj(td.inputs.runtimePlatform).cpuArchitecture === "ARM64";
            const [cpuKey, memKey]: PriceKey[] = arm
                ? ["fargateArmVcpuHour", "fargateArmGbHour"]
                : ["fargateX86VcpuHour", "fargateX86GbHour"];
            const extraDisk = Math.max(
                0,
                (num(obj(td.inputs.ephemeralStorage).sizeInGib) ?? 20) - 20,
            );
            const tasks = serviceTasks(index, service);
            out.push({
                service: "Fargate (REDCap containers)",
                driver: `Service ${service.name}: ${plural(tasks, "task")} of ${vcpu} vCPU, ${gb} GB (${arm ? "ARM" : "x86"})`,
                quantity: tasks * H,
                unit: "task-hour",
                unitPrice:
                    vcpu * PRICES[cpuKey].usd +
                    gb * PRICES[memKey].usd +
                    extraDisk * PRICES.fargateEphemeralGbHour.usd,
                prices:
                    extraDisk > 0 ? [cpuKey, memKey, "fargateEphemeralGbHour"] : [cpuKey, memKey],
            });
        }
        return out;
    },
};

const containerInsights: Pricer = {
    types: [T.ecsCluster],
    price({ index, warnings }) {
        const out: Draft[] = [];
        for (const cluster of index.of(T.ecsCluster)) {
            const setting = list(cluster.inputs.settings)
                .map(obj)
                .find((s) => s.name === "containerInsights")?.value;
            if (setting !== "enabled" && setting !== "enhanced") {
                continue;
            }
            if (setting === "enhanced") {
                warnings.add(
                    `ECS cluster ${cluster.name}: enhanced Container Insights is priced as standard`,
                );
            }
            const services = index
                .referrers(T.service, "cluster", cluster)
                .filter((s) => serviceTasks(index, s) > 0);
            const families = new Set(
                services.flatMap((s) => index.deps(s, "taskDefinition")).map((td) => td.urn),
            );
            const m = CONTAINER_INSIGHTS_METRICS;
            const metrics =
                m.perCluster + m.perService * services.length + m.perTaskFamily * families.size;
            out.push(
                draft(
                    "CloudWatch",
                    `Container Insights metrics (${plural(services.length, "service")})`,
                    metrics,
                    "customMetricMonth",
                ),
            );
        }
        return out;
    },
};

// ---- storage and backups ------------------------------------------------------------------

/** Days a bucket keeps objects (its lifecycle expiry), or undefined for data kept until deleted. */
function bucketExpiryDays(index: PlanIndex, bucket: PlanResource): number | undefined {
    const days = index
        .referrers(T.lifecycle, "bucket", bucket)
        .flatMap((lc) => list(lc.inputs.rules).map(obj))
        .filter((rule) => rule.status !== "Disabled")
        .map((rule) => num(obj(rule.expiration).days))
        .filter((d): d is number => d !== undefined);
    return days.length > 0 ? Math.min(...days) : undefined;
}

/** GB a bucket holds: a log bucket fills up to its expiry, a data bucket holds the files. */
function bucketGb(index: PlanIndex, bucket: PlanResource, a: Assumptions): number {
    const expiry = bucketExpiryDays(index, bucket);
    return expiry === undefined
        ? a.filesGb
        : a.logBucketGbPerMonth * Math.min(a.monthsRunning, expiry / DAYS_PER_MONTH);
}

const s3: Pricer = {
    types: [T.bucket],
    price({ index, a }) {
        return index.of(T.bucket).map((bucket) => {
            const expiry = bucketExpiryDays(index, bucket);
            const what =
                expiry === undefined ? "files kept until deleted" : `logs kept ${expiry} days`;
            return draft(
                "S3 storage",
                `Bucket ${bucket.name} (${what})`,
                bucketGb(index, bucket, a),
                "s3StandardGbMonth",
            );
        });
    },
};

const backups: Pricer = {
    types: [T.backupPlan, T.backupSelection],
    price({ index, a, warnings }) {
        const out: Draft[] = [];
        for (const selection of index.of(T.backupSelection)) {
            const rules = index
                .deps(selection, "planId")
                .flatMap((p) => list(p.inputs.rules).map(obj));
            const retentions = rules.map((r) => num(obj(r.lifecycle).deleteAfter));
            if (retentions.some((d) => d === undefined)) {
                warnings.add(
                    `backup selection ${selection.name}: a rule keeps recovery points forever`,
                );
            }
            const retention = Math.max(
                0,
                ...retentions.map((d) => d ?? a.monthsRunning * DAYS_PER_MONTH),
            );
            const copies = sum(rules.map((r) => list(r.copyActions).length));
            let auroraGb = 0;
            let s3Gb = 0;
            for (const target of index.deps(selection, "resources")) {
                if (target.type === T.cluster) {
                    auroraGb += a.databaseGb * (1 + a.databaseDailyChange * retention);
                } else if (target.type === T.bucket) {
                    s3Gb += bucketGb(index, target, a) * (1 + a.filesDailyChange * retention);
                } else {
                    warnings.add(
                        `backup selection ${selection.name}: ${target.type} recovery points are not priced`,
                    );
                }
            }
            const days = `${Math.round(retention)} days`;
            // A copy rule keeps the same recovery points again in another region (priced as here).
            const stored = 1 + copies;
            if (auroraGb > 0) {
                out.push(
                    draft(
                        "AWS Backup",
                        `Aurora recovery points (${days})`,
                        auroraGb * stored,
                        "backupAuroraGbMonth",
                    ),
                );
            }
            if (s3Gb > 0) {
                out.push(
                    draft(
                        "AWS Backup",
                        `S3 recovery points (${days})`,
                        s3Gb * stored,
                        "backupS3GbMonth",
                    ),
                );
            }
            if (copies > 0) {
                const changedGb =
                    (a.databaseGb * a.databaseDailyChange + a.filesGb * a.filesDailyChange) *
                    DAYS_PER_MONTH;
                out.push(
                    draft(
                        "AWS Backup",
                        "Copies sent to another region",
                        changedGb * copies,
                        "backupCrossRegionGb",
                    ),
                );
            }
        }
        return out;
    },
};

const ecr: Pricer = {
    types: [T.repository],
    price({ index, a }) {
        const repos = index.of(T.repository).length;
        return repos === 0
            ? []
            : [
                  draft(
                      "ECR (images)",
                      `Image storage (${plural(repos, "repository")})`,
                      repos * a.imageStoreGb,
                      "ecrGbMonth",
                  ),
              ];
    },
};

// ---- keys and secrets ---------------------------------------------------------------------

const kms: Pricer = {
    types: [T.key],
    price({ index, a }) {
        const keys = index.of(T.key).length;
        return keys === 0
            ? []
            : [
                  draft("KMS keys", `Customer-managed keys (${keys})`, keys, "kmsKeyMonth"),
                  draft("KMS keys", "Requests", a.kmsRequestsPerMonth / 1e4, "kms10kRequests"),
              ];
    },
};

const secrets: Pricer = {
    types: [T.secret],
    price({ index }) {
        const own = index.of(T.secret).length;
        // RDS keeps the master password in a secret of its own (manageMasterUserPassword).
        const rds = index
            .of(T.cluster)
            .filter((c) => c.inputs.manageMasterUserPassword === true).length;
        return own + rds === 0
            ? []
            : [
                  draft(
                      "Secrets Manager",
                      `Secrets (${own} + ${rds} managed by RDS)`,
                      own + rds,
                      "secretMonth",
                  ),
              ];
    },
};

// ---- monitoring and audit -----------------------------------------------------------------

const cloudwatch: Pricer = {
    types: [T.alarm, T.dashboard, T.logGroup, T.metricFilter, T.scalingPolicy],
    price({ index, a, config }) {
        const out: Draft[] = [];
        let standard = 0;
        let highResolution = 0;
        for (const alarm of index.of(T.alarm)) {
            // Metric-math alarms are billed per metric they read.
            const metrics =
                list(alarm.inputs.metricQueries).filter((q) => obj(q).metric !== undefined)
                    .length || 1;
            if ((num(alarm.inputs.period) ?? 60) < 60) {
                highResolution += metrics;
            } else {
                standard += metrics;
            }
        }
        // Target tracking creates two alarms per policy, billed like any alarm.
        const tracking = index
            .of(T.scalingPolicy)
            .filter((p) => p.inputs.policyType === "TargetTrackingScaling");
        const alarms = index.of(T.alarm).length;
        if (standard + tracking.length > 0) {
            out.push(
                draft(
                    "CloudWatch",
                    `Alarms: ${alarms} of the stack + ${tracking.length * 2} of target tracking`,
                    standard + tracking.length * 2,
                    "alarmMetricMonth",
                ),
            );
        }
        if (highResolution > 0) {
            out.push(
                draft(
                    "CloudWatch",
                    "High-resolution alarms",
                    highResolution,
                    "highResolutionAlarmMetricMonth",
                ),
            );
        }
        const dashboards = index.of(T.dashboard).length;
        if (dashboards > 0) {
            out.push(
                draft("CloudWatch", `Dashboards (${dashboards})`, dashboards, "dashboardMonth"),
            );
        }
        const groups = index.of(T.logGroup).length;
        if (groups > 0) {
            const trailToLogs = index
                .of(T.trail)
                .some((t) => t.inputs.cloudWatchLogsGroupArn !== undefined);
            const ingested = a.logIngestionGbPerMonth + (trailToLogs ? a.trailLogGbPerMonth : 0);
            const what = trailToLogs ? " and the trail" : "";
            out.push(
                draft(
                    "CloudWatch",
                    `Log ingestion: ${plural(groups, "log group")}${what}`,
                    ingested,
                    "logIngestionGb",
                ),
            );
            const days = config.logRetentionDays;
            const months =
                days > 0 ? Math.min(a.monthsRunning, days / DAYS_PER_MONTH) : a.monthsRunning;
            out.push(
                draft(
                    "CloudWatch",
                    `Log storage (kept ${days > 0 ? `${days} days` : "forever"}, counted uncompressed)`,
                    ingested * months,
                    "logStorageGbMonth",
                ),
            );
        }
        const filters = index.of(T.metricFilter).length;
        if (filters > 0) {
            out.push(
                draft(
                    "CloudWatch",
                    `Metrics from log filters (${filters})`,
                    filters,
                    "customMetricMonth",
                ),
            );
        }
        return out;
    },
};

/** Whether a trail records data events (object reads and writes). */
const recordsDataEvents = (trail: PlanResource) =>
    list(trail.inputs.advancedEventSelectors).some((s) =>
        list(obj(s).fieldSelectors).some(
            (f) => obj(f).field === "eventCategory" && list(obj(f).equals).includes("Data"),
        ),
    ) || list(trail.inputs.eventSelectors).some((s) => list(obj(s).dataResources).length > 0);

const cloudtrail: Pricer = {
    types: [T.trail],
    price({ index, a }) {
        // The first copy of management events is free; data events are paid from the first.
        return index
            .of(T.trail)
            .filter(recordsDataEvents)
            .map((trail) =>
                draft(
                    "CloudTrail",
                    `Data events of trail ${trail.name}`,
                    a.s3DataEventsPerMonth / 1e5,
                    "cloudTrailDataEvents100k",
                ),
            );
    },
};

const config: Pricer = {
    types: [T.recorder, T.conformancePack],
    price({ index, a }) {
        const out: Draft[] = [];
        for (const recorder of index.of(T.recorder)) {
            out.push(
                draft(
                    "AWS Config",
                    `Configuration items (recorder ${recorder.name})`,
                    a.configItemsPerMonth,
                    "configItem",
                ),
            );
        }
        for (const pack of index.of(T.conformancePack)) {
            out.push(
                draft(
                    "AWS Config",
                    `Rule evaluations of conformance pack ${pack.name}`,
                    a.conformancePackEvaluationsPerMonth,
                    "conformancePackEvaluation",
                ),
            );
        }
        return out;
    },
};

const guardDuty: Pricer = {
    types: [T.detector, T.detectorFeature],
    price(ctx) {
        const { index, a, warnings } = ctx;
        const detectors = index.of(T.detector).filter((d) => d.inputs.enable !== false);
        if (detectors.length === 0) {
            return [];
        }
        const out = [
            draft(
                "GuardDuty",
                "Management events analysed",
                a.managementEventsPerMonth / 1e6,
                "guardDutyMillionManagementEvents",
            ),
            draft(
                "GuardDuty",
                "Flow and DNS logs analysed",
                a.guardDutyFlowDnsGbPerMonth,
                "guardDutyFlowDnsGb",
            ),
        ];
        for (const feature of index
            .of(T.detectorFeature)
            .filter((f) => f.inputs.status === "ENABLED")) {
            if (feature.inputs.name === "S3_DATA_EVENTS") {
                out.push(
                    draft(
                        "GuardDuty",
                        "S3 data events analysed",
                        a.s3DataEventsPerMonth / 1e6,
                        "guardDutyMillionS3Events",
                    ),
                );
            } else if (feature.inputs.name === "RDS_LOGIN_EVENTS") {
                const acuHours = sum(auroraClusters(ctx).map((c) => c.acuHours));
                out.push(
                    draft("GuardDuty", "Aurora login monitoring", acuHours, "guardDutyRdsAcuHour"),
                );
            } else {
                warnings.add(`GuardDuty feature ${String(feature.inputs.name)} is not priced`);
            }
        }
        return out;
    },
};

// ---- mail, bastion, DNS -------------------------------------------------------------------

const ses: Pricer = {
    types: [T.emailIdentity],
    price({ index, a }) {
        return index.of(T.emailIdentity).length === 0
            ? []
            : [draft("SES (mail)", "Emails sent", a.emailsPerMonth / 1000, "sesThousandEmails")];
    },
};

/** Hours a month an instance runs: its start/stop schedules, or always. */
function instanceHours(
    index: PlanIndex,
    instance: PlanResource,
): { hours: number; scheduled: boolean } {
    const schedules = index.referrers(T.schedule, "target", instance);
    const action = (verb: string) =>
        schedules.find((s) => {
            const arn = obj(s.inputs.target).arn;
            return typeof arn === "string" && arn.endsWith(`:${verb}Instances`);
        });
    const start = action("start")?.inputs.scheduleExpression;
    const stop = action("stop")?.inputs.scheduleExpression;
    const weekly =
        typeof start === "string" && typeof stop === "string"
            ? weeklyRunningHours(start, stop)
            : undefined;
    return weekly === undefined
        ? { hours: H, scheduled: false }
        : { hours: (weekly * H) / 168, scheduled: true };
}

const ec2: Pricer = {
    types: [T.ec2],
    price({ index, warnings }) {
        const out: Draft[] = [];
        for (const instance of index.of(T.ec2)) {
            const type = String(instance.inputs.instanceType);
            const { hours, scheduled } = instanceHours(index, instance);
            const key = EC2_INSTANCE_HOUR[type];
            if (key) {
                const when = scheduled ? "on its schedule" : "always on";
                out.push(
                    draft(
                        "EC2 (bastion)",
                        `Instance ${instance.name} (${type}, ${when})`,
                        hours,
                        key,
                    ),
                );
            } else {
                warnings.add(`EC2 instance ${instance.name}: type ${type} is not priced`);
            }
            const disk = obj(instance.inputs.rootBlockDevice);
            const size = num(disk.volumeSize) ?? 8;
            if ((disk.volumeType ?? "gp3") === "gp3") {
                // A stopped instance keeps paying for its disk.
                out.push(
                    draft(
                        "EC2 (bastion)",
                        `Disk of ${instance.name} (${size} GB gp3)`,
                        size,
                        "ebsGp3GbMonth",
                    ),
                );
            } else {
                warnings.add(
                    `EC2 instance ${instance.name}: volume type ${String(disk.volumeType)} is not priced`,
                );
            }
            if (instance.inputs.monitoring === true) {
                out.push(
                    draft(
                        "CloudWatch",
                        `Detailed monitoring of ${instance.name} while it runs`,
                        (EC2_DETAILED_MONITORING_METRICS * hours) / H,
                        "customMetricMonth",
                    ),
                );
            }
        }
        return out;
    },
};

const route53: Pricer = {
    types: [T.zone],
    price({ index }) {
        const zones = index.of(T.zone).length;
        return zones === 0
            ? []
            : [draft("Route 53", `Hosted zones (${zones})`, zones, "route53ZoneMonth")];
    },
};

const PRICERS: Pricer[] = [
    network,
    loadBalancer,
    waf,
    aurora,
    fargate,
    containerInsights,
    s3,
    backups,
    ecr,
    kms,
    secrets,
    cloudwatch,
    cloudtrail,
    config,
    guardDuty,
    ses,
    ec2,
    route53,
];

/** Every resource type some pricer counts. */
export const PRICED_TYPES: ReadonlySet<string> = new Set(PRICERS.flatMap((p) => p.types));

/** Cloud resource types in the plan that are neither priced nor listed as free, sorted. */
export function unpricedTypes(plan: Plan): string[] {
    const types = new Set(
        plan.resources
            .filter((r) => r.custom && !PRICED_TYPES.has(r.type) && !(r.type in NO_CHARGE_TYPES))
            .map((r) => r.type),
    );
    return [...types].sort();
}

/** The drafts of every pricer, for one set of assumptions. */
function drafts(
    index: PlanIndex,
    config: StackConfig,
    a: Assumptions,
    warnings: Set<string>,
): Draft[] {
    const ctx: Ctx = { index, config, a, warnings };
    return PRICERS.flatMap((p) => p.price(ctx));
}

/**
 * The monthly estimate of a stack: priced twice, with the low and the typical assumptions. The
 * line items are the same in both (their quantities differ), so each gets a low and a typical
 * cost.
 */
export function estimateCost(
    plan: Plan,
    config: StackConfig,
    assumptions: { low: Assumptions; typical: Assumptions } = ASSUMPTIONS,
): CostEstimate {
    const index = new PlanIndex(plan);
    const warnings = new Set<string>();
    const typical = drafts(index, config, assumptions.typical, warnings);
    const low = drafts(index, config, assumptions.low, new Set());
    if (config.region !== PRICE_REGION) {
        warnings.add(`the stack is in ${config.region}; these are ${PRICE_REGION} prices`);
    }
    const items: LineItem[] = typical.map((d, i) => {
        const l = low[i];
        // Driver texts never depend on assumptions, so the two runs line up item by item.
        if (l.service !== d.service || l.driver !== d.driver) {
            throw new Error(
                `cost model: low and typical items differ at ${i}: ${d.driver} / ${l.driver}`,
            );
        }
        return { ...d, monthly: d.quantity * d.unitPrice, low: l.quantity * l.unitPrice };
    });
    const order = (s: Service) => SERVICES.indexOf(s);
    items.sort(
        (x, y) =>
            order(x.service) - order(y.service) ||
            y.monthly - x.monthly ||
            x.driver.localeCompare(y.driver),
    );
    const services = SERVICES.map((service) => {
        const mine = items.filter((i) => i.service === service);
        return {
            service,
            low: sum(mine.map((i) => i.low)),
            monthly: sum(mine.map((i) => i.monthly)),
            n: mine.length,
        };
    })
        .filter((s) => s.n > 0)
        .map(({ service, low: l, monthly }) => ({ service, low: l, monthly }))
        .sort((x, y) => y.monthly - x.monthly || order(x.service) - order(y.service));
    return {
        stack: plan.stack,
        region: config.region,
        priceRegion: PRICE_REGION,
        pricesChecked: PRICES_CHECKED,
        items,
        services,
        total: { low: sum(items.map((i) => i.low)), monthly: sum(items.map((i) => i.monthly)) },
        unpricedTypes: unpricedTypes(plan),
        warnings: [...warnings].sort(),
    };
}
