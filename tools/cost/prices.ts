/**
 * On-demand list prices in us-east-1 (US East, N. Virginia), in US dollars, as checked on
 * PRICES_CHECKED. Other regions differ, often by 10-30 %: the estimate says it is for us-east-1.
 * Free tiers are not deducted (they are account-wide and shared with everything else).
 *
 * Each price names the AWS page it comes from. "verified" means the figure was found on that page
 * or in 2026 summaries of it when it was checked; "unverified" marks the best known value that
 * could not be confirmed then: check it in the AWS Pricing Calculator before relying on it.
 */
export const PRICES_CHECKED = "2026-11-22";
export const PRICE_REGION = "us-east-1";
/** AWS bills a month as 730 hours. */
export const HOURS_PER_MONTH = 730;

export interface Price {
    usd: number;
    /** What one unit is, e.g. "NAT gateway-hour". */
    per: string;
    /** The AWS pricing page, then whether the figure was verified and how. */
    source: string;
    verified: boolean;
}

const verified = (url: string, how: string) => ({
    source: `${url} (verified: ${how})`,
    verified: true,
});
const unverified = (url: string) => ({
    source: `${url} (unverified: best known value)`,
    verified: false,
});

const VPC = "https://aws.amazon.com/vpc/pricing/";
const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";
const AURORA = "https://aws.amazon.com/rds/aurora/pricing/";
const FARGATE = "https://aws.amazon.com/fargate/pricing/";
const BACKUP = "https://aws.amazon.com/backup/pricing/";
const GUARDDUTY = "https://aws.amazon.com/guardduty/pricing/";
const EC2 = "https://aws.amazon.com/ec2/pricing/on-demand/";

export const PRICES = {
    natGatewayHour: {
        usd: 0.045,
        per: "NAT gateway-hour",
        ...verified(VPC, "2026 summaries of the page"),
    },
    natGatewayGb: {
        usd: 0.045,
        per: "GB through NAT",
        ...verified(VPC, "2026 summaries of the page"),
    },
    interfaceEndpointAzHour: {
        usd: 0.01,
        per: "endpoint-AZ-hour",
        ...verified(
            "https://aws.amazon.com/privatelink/pricing/",
            "billed per AZ-hour; rate in 2026 summaries",
        ),
    },
    interfaceEndpointGb: {
        usd: 0.01,
        per: "GB through endpoints",
        ...verified("https://aws.amazon.com/privatelink/pricing/", "first 1 PB tier on the page"),
    },
    publicIpv4Hour: {
        usd: 0.005,
        per: "public IPv4-hour",
        ...verified(VPC, "AWS re:Post and AWS blog on the February 2024 charge"),
    },
    albHour: {
        usd: 0.0225,
        per: "ALB-hour",
        ...verified("https://aws.amazon.com/elasticloadbalancing/pricing/", "2026 summaries"),
    },
    albLcuHour: {
        usd: 0.008,
        per: "LCU-hour",
        ...verified("https://aws.amazon.com/elasticloadbalancing/pricing/", "2026 summaries"),
    },
    wafWebAclMonth: {
        usd: 5,
        per: "web ACL-month",
        ...verified("https://aws.amazon.com/waf/pricing/", "2026 summaries; same in every region"),
    },
    wafRuleMonth: {
        usd: 1,
        per: "rule-month (a rule group counts as one)",
        ...verified("https://aws.amazon.com/waf/pricing/", "2026 summaries"),
    },
    wafMillionRequests: {
        usd: 0.6,
        per: "million requests",
        ...verified("https://aws.amazon.com/waf/pricing/", "2026 summaries"),
    },
    kmsKeyMonth: {
        usd: 1,
        per: "key-month",
        ...verified("https://aws.amazon.com/kms/pricing/", "the page"),
    },
    kms10kRequests: {
        usd: 0.03,
        per: "10,000 requests",
        ...verified("https://aws.amazon.com/kms/pricing/", "2026 summaries"),
    },
    secretMonth: {
        usd: 0.4,
        per: "secret-month",
        ...verified("https://aws.amazon.com/secrets-manager/pricing/", "2026 summaries"),
    },
    alarmMetricMonth: {
        usd: 0.1,
        per: "alarm metric-month",
        ...verified(CLOUDWATCH, "2026 summaries"),
    },
    highResolutionAlarmMetricMonth: {
        usd: 0.3,
        per: "high-resolution alarm metric-month",
        ...unverified(CLOUDWATCH),
    },
    dashboardMonth: { usd: 3, per: "dashboard-month", ...verified(CLOUDWATCH, "2026 summaries") },
    customMetricMonth: {
        usd: 0.3,
        per: "custom metric-month",
        ...verified(CLOUDWATCH, "2026 summaries, first 10,000 metrics"),
    },
    logIngestionGb: {
        usd: 0.5,
        per: "GB ingested",
        ...verified(CLOUDWATCH, "2026 summaries; vended logs (flow, WAF) same first tier"),
    },
    logStorageGbMonth: { usd: 0.03, per: "GB-month stored", ...unverified(CLOUDWATCH) },
    auroraAcuHour: {
        usd: 0.12,
        per: "ACU-hour (Aurora Standard)",
        ...verified(AURORA, "2026 summaries"),
    },
    auroraStorageGbMonth: {
        usd: 0.1,
        per: "GB-month (Aurora Standard)",
        ...verified(AURORA, "2026 summaries"),
    },
    auroraIoMillion: { usd: 0.2, per: "million I/O requests", ...unverified(AURORA) },
    auroraBackupGbMonth: {
        usd: 0.021,
        per: "backup GB-month beyond the free 100 % of the cluster",
        ...unverified(AURORA),
    },
    auroraBacktrackMillionChangeHours: {
        usd: 0.012,
        per: "million change records kept for an hour",
        ...unverified(AURORA),
    },
    fargateX86VcpuHour: {
        usd: 0.04048,
        per: "vCPU-hour (x86)",
        ...verified(FARGATE, "2026 summaries"),
    },
    fargateX86GbHour: {
        usd: 0.004445,
        per: "GB-hour (x86)",
        ...verified(FARGATE, "2026 summaries"),
    },
    fargateArmVcpuHour: {
        usd: 0.03238,
        per: "vCPU-hour (ARM)",
        ...verified(FARGATE, "2026 summaries"),
    },
    fargateArmGbHour: {
        usd: 0.00356,
        per: "GB-hour (ARM)",
        ...verified(FARGATE, "2026 summaries"),
    },
    fargateEphemeralGbHour: {
        usd: 0.000111,
        per: "GB-hour of ephemeral storage above 20 GB",
        ...verified(FARGATE, "2026 summaries"),
    },
    ecrGbMonth: {
        usd: 0.1,
        per: "GB-month",
        ...verified("https://aws.amazon.com/ecr/pricing/", "2026 summaries"),
    },
    s3StandardGbMonth: {
        usd: 0.023,
        per: "GB-month (S3 Standard)",
        ...verified("https://aws.amazon.com/s3/pricing/", "2026 summaries, first 50 TB"),
    },
    backupAuroraGbMonth: {
        usd: 0.021,
        per: "GB-month (Aurora recovery points)",
        ...unverified(BACKUP),
    },
    efsStandardGbMonth: {
        usd: 0.3,
        per: "GB-month (EFS Standard)",
        ...verified("https://aws.amazon.com/efs/pricing/", "the page"),
    },
    efsInfrequentGbMonth: {
        usd: 0.025,
        per: "GB-month (EFS Infrequent Access)",
        ...unverified("https://aws.amazon.com/efs/pricing/"),
    },
    efsElasticReadGb: {
        usd: 0.03,
        per: "GB read (Elastic throughput)",
        ...unverified("https://aws.amazon.com/efs/pricing/"),
    },
    efsElasticWriteGb: {
        usd: 0.06,
        per: "GB written (Elastic throughput)",
        ...unverified("https://aws.amazon.com/efs/pricing/"),
    },
    dataSyncGb: {
        usd: 0.0125,
        per: "GB copied (DataSync, Basic mode)",
        ...unverified("https://aws.amazon.com/datasync/pricing/"),
    },
    backupEfsGbMonth: { usd: 0.05, per: "GB-month (EFS recovery points)", ...unverified(BACKUP) },
    backupS3GbMonth: { usd: 0.05, per: "GB-month (S3 recovery points)", ...unverified(BACKUP) },
    backupCrossRegionGb: { usd: 0.02, per: "GB copied to another region", ...unverified(BACKUP) },
    cloudTrailDataEvents100k: {
        usd: 0.1,
        per: "100,000 data events",
        ...verified("https://aws.amazon.com/cloudtrail/pricing/", "the page"),
    },
    configItem: {
        usd: 0.003,
        per: "configuration item",
        ...verified("https://aws.amazon.com/config/pricing/", "2026 summaries"),
    },
    conformancePackEvaluation: {
        usd: 0.001,
        per: "conformance pack evaluation (first 100,000)",
        ...verified("https://aws.amazon.com/config/pricing/", "2026 summaries"),
    },
    guardDutyMillionManagementEvents: {
        usd: 4,
        per: "million CloudTrail management events analysed",
        ...verified(GUARDDUTY, "2026 summaries, first tier"),
    },
    guardDutyFlowDnsGb: {
        usd: 1,
        per: "GB of flow and DNS logs analysed",
        ...verified(GUARDDUTY, "2026 summaries, first 500 GB"),
    },
    guardDutyMillionS3Events: {
        usd: 0.8,
        per: "million S3 data events analysed",
        ...unverified(GUARDDUTY),
    },
    guardDutyRdsAcuHour: {
        usd: 0.002,
        per: "Aurora ACU-hour monitored (RDS Protection)",
        ...unverified(GUARDDUTY),
    },
    inspectorImageScan: {
        usd: 0.09,
        per: "container image scanned when pushed (Amazon Inspector)",
        ...unverified("https://aws.amazon.com/inspector/pricing/"),
    },
    inspectorImageRescan: {
        usd: 0.01,
        per: "container image rescanned (Amazon Inspector, continuous scanning)",
        ...unverified("https://aws.amazon.com/inspector/pricing/"),
    },
    sesThousandEmails: {
        usd: 0.1,
        per: "1,000 emails",
        ...verified("https://aws.amazon.com/ses/pricing/", "2026 summaries"),
    },
    ec2T4gNanoHour: { usd: 0.0042, per: "t4g.nano instance-hour", ...unverified(EC2) },
    ebsGp3GbMonth: {
        usd: 0.08,
        per: "GB-month (gp3)",
        ...unverified("https://aws.amazon.com/ebs/pricing/"),
    },
    route53ZoneMonth: {
        usd: 0.5,
        per: "hosted zone-month",
        ...unverified("https://aws.amazon.com/route53/pricing/"),
    },
    // A load balancer of the same account counts as an AWS endpoint; HTTPS is an optional feature.
    route53HealthCheckMonth: {
        usd: 0.5,
        per: "health check-month (AWS endpoint)",
        ...unverified("https://aws.amazon.com/route53/pricing/"),
    },
    route53HealthCheckFeatureMonth: {
        usd: 1,
        per: "optional health-check feature-month (HTTPS, string match, fast interval, latency)",
        ...unverified("https://aws.amazon.com/route53/pricing/"),
    },
    // The account's first two budgets may be free; the estimate does not assume it.
    budgetMonth: {
        usd: 0.62,
        per: "budget-month ($0.02 a day)",
        ...verified(
            "https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-managing-costs.html",
            "AWS's user guide: each budget beyond the first two active ones, $0.02 per day",
        ),
    },
} satisfies Record<string, Price>;

export type PriceKey = keyof typeof PRICES;

/** Hourly prices of the EC2 instance types the estimate knows (others are reported unpriced). */
export const EC2_INSTANCE_HOUR: Readonly<Record<string, PriceKey>> = {
    "t4g.nano": "ec2T4gNanoHour",
};

/**
 * Custom metrics CloudWatch Container Insights (standard, not "enhanced") publishes for an ECS
 * cluster on Fargate, billed as custom metrics. Unverified: counted from the metric list in the
 * CloudWatch user guide, not from a bill.
 */
export const CONTAINER_INSIGHTS_METRICS = { perCluster: 11, perService: 13, perTaskFamily: 11 };

/** Detailed EC2 monitoring publishes 7 metrics at one-minute resolution (unverified count). */
export const EC2_DETAILED_MONITORING_METRICS = 7;
