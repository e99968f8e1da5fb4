/**
 * What the plan cannot know: how much data and traffic a REDCap has. These are ASSUMPTIONS for a
 * "typical small REDCap" (a few hundred users, tens of projects) and a quiet one ("low"); the
 * estimate is computed once with each. Replace them with your own figures (CloudWatch and Cost
 * Explorer show the real ones after a month) and regenerate.
 */
export interface Assumptions {
    /** Log stores and backups are as full as after this many months of running. */
    monthsRunning: number;
    databaseGb: number;
    databaseIoMillionsPerMonth: number;
    /** Average Aurora capacity above each instance's minimum, over the month. */
    databaseAcuAboveMinimum: number;
    /** Share of the database rewritten a day (drives backup storage beyond the free copy). */
    databaseDailyChange: number;
    /** Rows changed an hour (backtrack keeps a change record for each). */
    databaseChangeRecordsPerHour: number;
    /** Hours a month a database that can pause is awake, when no service keeps it awake. */
    databaseAwakeHoursWithoutApp: number;
    /** Size of one enhanced-monitoring event (OS metrics) sent to CloudWatch Logs. */
    enhancedMonitoringKbPerEvent: number;
    /** Uploaded files, with their old versions. */
    filesGb: number;
    filesDailyChange: number;
    /** What shared file systems (EFS) hold: homes, published apps, data copies. */
    sharedFilesGb: number;
    /** Share of it read within the lifecycle window (kept in Standard; the rest in Infrequent Access). */
    sharedFilesHotShare: number;
    sharedFilesDailyChange: number;
    /** Data read from and written to shared file systems a month (Elastic throughput bills it). */
    sharedFilesReadGbPerMonth: number;
    sharedFilesWriteGbPerMonth: number;
    /** Data a data feed (DataSync) copies into a shared file system a month. */
    dataFeedGbPerMonth: number;
    /** Everything the stack's log groups receive (app, database audit, flow logs, WAF, sessions). */
    logIngestionGbPerMonth: number;
    /** CloudTrail events copied to CloudWatch Logs, in the stack with the trail. */
    trailLogGbPerMonth: number;
    /** What each log bucket (load balancer, S3 access logs, trail) receives. */
    logBucketGbPerMonth: number;
    /** REDCap images kept in ECR (layers are shared between versions). */
    imageStoreGb: number;
    webRequestsPerMonth: number;
    /** Load balancer capacity units used on average (processed bytes usually dominate). */
    albAverageLcu: number;
    /** Traffic to AWS APIs: image pulls, logs, secrets (through endpoints when there are). */
    awsApiGbPerMonth: number;
    /** Traffic to the internet through NAT (REDCap's outbound calls, package checks). */
    internetGbPerMonth: number;
    kmsRequestsPerMonth: number;
    emailsPerMonth: number;
    /** Object reads and writes in the PHI buckets the trail records. */
    s3DataEventsPerMonth: number;
    /** CloudTrail management events of the account (GuardDuty analyses them). */
    managementEventsPerMonth: number;
    /** VPC flow and DNS logs GuardDuty analyses. */
    guardDutyFlowDnsGbPerMonth: number;
    configItemsPerMonth: number;
    conformancePackEvaluationsPerMonth: number;
    /** Images pushed to ECR a month (each is scanned once when pushed). */
    imagesPushedPerMonth: number;
    /** Rescans of kept images a month (continuous scanning, as new vulnerabilities are published). */
    imageRescansPerMonth: number;
}

export const TYPICAL_ASSUMPTIONS: Assumptions = {
    monthsRunning: 12,
    databaseGb: 50,
    databaseIoMillionsPerMonth: 20,
    databaseAcuAboveMinimum: 0.5,
    databaseDailyChange: 0.02,
    databaseChangeRecordsPerHour: 10_000,
    databaseAwakeHoursWithoutApp: 160,
    enhancedMonitoringKbPerEvent: 4,
    filesGb: 100,
    filesDailyChange: 0.005,
    sharedFilesGb: 200,
    sharedFilesHotShare: 0.2,
    sharedFilesDailyChange: 0.01,
    sharedFilesReadGbPerMonth: 200,
    sharedFilesWriteGbPerMonth: 50,
    dataFeedGbPerMonth: 20,
    logIngestionGbPerMonth: 5,
    trailLogGbPerMonth: 1,
    logBucketGbPerMonth: 1,
    imageStoreGb: 2,
    webRequestsPerMonth: 2_000_000,
    albAverageLcu: 0.25,
    awsApiGbPerMonth: 20,
    internetGbPerMonth: 5,
    kmsRequestsPerMonth: 200_000,
    emailsPerMonth: 5_000,
    s3DataEventsPerMonth: 1_000_000,
    managementEventsPerMonth: 500_000,
    guardDutyFlowDnsGbPerMonth: 5,
    configItemsPerMonth: 2_000,
    conformancePackEvaluationsPerMonth: 20_000,
    imagesPushedPerMonth: 4,
    imageRescansPerMonth: 40,
};

export const LOW_ASSUMPTIONS: Assumptions = {
    monthsRunning: 12,
    databaseGb: 10,
    databaseIoMillionsPerMonth: 2,
    databaseAcuAboveMinimum: 0,
    databaseDailyChange: 0.005,
    databaseChangeRecordsPerHour: 1_000,
    databaseAwakeHoursWithoutApp: 40,
    enhancedMonitoringKbPerEvent: 4,
    filesGb: 20,
    filesDailyChange: 0.001,
    sharedFilesGb: 20,
    sharedFilesHotShare: 0.2,
    sharedFilesDailyChange: 0.005,
    sharedFilesReadGbPerMonth: 20,
    sharedFilesWriteGbPerMonth: 5,
    dataFeedGbPerMonth: 2,
    logIngestionGbPerMonth: 1,
    trailLogGbPerMonth: 0.2,
    logBucketGbPerMonth: 0.2,
    imageStoreGb: 0.5,
    webRequestsPerMonth: 200_000,
    albAverageLcu: 0.05,
    awsApiGbPerMonth: 5,
    internetGbPerMonth: 1,
    kmsRequestsPerMonth: 50_000,
    emailsPerMonth: 500,
    s3DataEventsPerMonth: 100_000,
    managementEventsPerMonth: 100_000,
    guardDutyFlowDnsGbPerMonth: 1,
    configItemsPerMonth: 500,
    conformancePackEvaluationsPerMonth: 5_000,
    imagesPushedPerMonth: 1,
    imageRescansPerMonth: 10,
};

/** The two usage scenarios the estimate is computed for. */
export const ASSUMPTIONS = { low: LOW_ASSUMPTIONS, typical: TYPICAL_ASSUMPTIONS };

/** What each assumption means, in a reader's words (the doc's assumptions table). */
export const ASSUMPTION_LABELS: Record<keyof Assumptions, string> = {
    monthsRunning: "months the stack has run (log stores and backups this full)",
    databaseGb: "database size, GB",
    databaseIoMillionsPerMonth: "database I/O requests a month, millions",
    databaseAcuAboveMinimum: "average database capacity above its minimum, ACU",
    databaseDailyChange: "share of the database changed a day",
    databaseChangeRecordsPerHour: "database rows changed an hour (backtrack)",
    databaseAwakeHoursWithoutApp: "hours a pausable database is awake with no app keeping it up",
    enhancedMonitoringKbPerEvent: "enhanced-monitoring event size, KB",
    filesGb: "uploaded files with old versions, GB",
    filesDailyChange: "share of the files added or changed a day",
    sharedFilesGb: "shared file systems' contents (homes, apps, data), GB",
    sharedFilesHotShare: "share of the shared files read within the lifecycle window",
    sharedFilesDailyChange: "share of the shared files changed a day",
    sharedFilesReadGbPerMonth: "data read from shared file systems, GB a month",
    sharedFilesWriteGbPerMonth: "data written to shared file systems, GB a month",
    dataFeedGbPerMonth: "data a data feed copies (DataSync), GB a month",
    logIngestionGbPerMonth: "logs from the stack's log groups, GB a month",
    trailLogGbPerMonth: "CloudTrail events copied to CloudWatch Logs, GB a month",
    logBucketGbPerMonth: "logs into each log bucket, GB a month",
    imageStoreGb: "REDCap images kept in ECR, GB",
    webRequestsPerMonth: "web requests a month",
    albAverageLcu: "average load balancer capacity units",
    awsApiGbPerMonth: "traffic to AWS APIs (image pulls, logs, secrets), GB a month",
    internetGbPerMonth: "outbound internet traffic through NAT, GB a month",
    kmsRequestsPerMonth: "KMS requests a month",
    emailsPerMonth: "emails sent a month",
    s3DataEventsPerMonth: "object reads and writes in PHI buckets a month (trail data events)",
    managementEventsPerMonth: "CloudTrail management events a month (GuardDuty)",
    guardDutyFlowDnsGbPerMonth: "flow and DNS logs GuardDuty analyses, GB a month",
    configItemsPerMonth: "AWS Config configuration items a month",
    conformancePackEvaluationsPerMonth: "conformance pack rule evaluations a month",
    imagesPushedPerMonth: "images pushed to ECR a month (Inspector's first scan)",
    imageRescansPerMonth: "Inspector rescans of kept images a month (continuous scanning)",
};
