import * as pulumi from "@pulumi/pulumi";
import {
    AlertTopic,
    AuditBaseline,
    Backups,
    BastionOrSsm,
    CostBudget,
    DataBucket,
    DataFeed,
    EventAlerts,
    PublicLoadBalancer,
    RstudioWorkbench,
    rstudioAppName,
    rstudioLoadBalancedApp,
    ServiceAlarms,
    SharedFileSystem,
    shinyLoadBalancedApp,
    WebFirewall,
    workbenchAccessPoints,
    workbenchAccounts,
    singletonSettings,
} from "../../components";
import type { KeyDomain } from "../../components/encryptionKeys/keyPolicy";
import { stackFoundation } from "../foundation";
import type { RstudioStackConfig } from "./config";

/**
 * The data domains an RStudio stack keeps a key for: no database, no image built here; the files
 * key only with its own data bucket, the audit key only in the stack owning the account baseline.
 */
export const RSTUDIO_KEY_DOMAINS: readonly KeyDomain[] = [
    "logs",
    "secrets",
    "backup",
    "alerts",
    "sessions",
    "sharedFiles",
];

/** Host names: `rstudio.<domain>`, `shiny.<domain>`, and `<user>.rstudio.<domain>` per user. */
export function workbenchHosts(domain: string) {
    return {
        rstudio: `rstudio.${domain}`,
        shiny: `shiny.${domain}`,
        user: (name: string) => `${name}.rstudio.${domain}`,
    };
}

/**
 * The RStudio/Shiny stack: keys → the HIPAA network → the shared file system (a home per user,
 * the shared apps folder, the data) with backups → the load balancer (an app per host) behind the
 * firewall's address allow-list → RStudio and Shiny on Fargate → operator access → alarms → the
 * account's audit baseline, in the one stack that owns it.
 */
export function rstudioProgram(config: RstudioStackConfig): Record<string, unknown> {
    // The feed reads the stack's own bucket unless it names another.
    const ownDataBucket = config.dataFeed !== undefined && !config.dataFeed.sourceBucketArn;
    // No database: the isolated tier admits no port.
    const { opts, prefix, keys, network } = stackFoundation(config, {
        keyDomains: ownDataBucket ? [...RSTUDIO_KEY_DOMAINS, "files"] : RSTUDIO_KEY_DOMAINS,
        databasePorts: [],
    });
    const protect = config.protectData;
    const hosts = workbenchHosts(config.domainName);

    // ---- the shared file system: a home per account, the shared apps folder, the data
    const accounts = workbenchAccounts(config.rstudio.mode, config.users);
    const files = new SharedFileSystem(
        "files",
        {
            vpcId: network.vpcId,
            subnetIds: network.privateSubnetIds,
            kmsKeyArn: keys.keyArn("sharedFiles"),
            accessPoints: workbenchAccessPoints(accounts, config.restores),
            protect,
        },
        opts,
    );
    // Where data for /data lands when no central account provides it.
    const dataBucket = ownDataBucket
        ? new DataBucket("data", { kmsKeyArn: keys.keyArn("files"), protect }, opts)
        : undefined;
    const backups = new Backups(
        "backups",
        {
            kmsKeyArn: keys.keyArn("backup"),
            resourceArns: [files.fileSystemArn, ...(dataBucket ? [dataBucket.bucketArn] : [])],
            retentionDays: config.backup.retentionDays,
            schedule: config.backup.schedule,
            vaultLock: config.backup.vaultLock,
            protect,
        },
        opts,
    );

    // ---- the data feed: the source bucket copied into /data, hourly and when files arrive
    const feed = config.dataFeed
        ? new DataFeed(
              "data-feed",
              {
                  namePrefix: prefix,
                  source: dataBucket
                      ? {
                            bucketArn: dataBucket.bucketArn,
                            prefix: config.dataFeed.prefix,
                            kmsKeyArn: keys.keyArn("files"),
                            sendEvents: true,
                        }
                      : {
                            bucketArn: config.dataFeed.sourceBucketArn!,
                            accountId: config.dataFeed.sourceAccountId,
                            prefix: config.dataFeed.prefix,
                            kmsKeyArn: config.dataFeed.sourceKmsKeyArn,
                        },
                  destination: {
                      fileSystemArn: files.fileSystemArn,
                      accessPointArn: files.accessPoints.data.arn,
                      subnetId: network.privateSubnetIds[0],
                      securityGroupIds: [files.clientSecurityGroupId],
                  },
                  schedule: config.dataFeed.schedule,
                  logsKmsKeyArn: keys.keyArn("logs"),
                  logRetentionDays: config.logRetentionDays,
              },
              opts,
          )
        : undefined;

    // ---- the load balancer: RStudio (shared, or a host per user) and Shiny
    const rstudioApps = Object.fromEntries(
        accounts.map((a) => [
            rstudioAppName(config.rstudio.mode, a.name),
            rstudioLoadBalancedApp(
                config.rstudio.mode === "perUser" ? hosts.user(a.name) : hosts.rstudio,
            ),
        ]),
    );
    const web = new PublicLoadBalancer(
        "web",
        {
            vpcId: network.vpcId,
            publicSubnetIds: network.publicSubnetIds,
            domainName: hosts.rstudio,
            apps: { ...rstudioApps, shiny: shinyLoadBalancedApp(hosts.shiny) },
            // Per-user hosts are covered by one wildcard name.
            certificateNames:
                config.rstudio.mode === "perUser"
                    ? [`*.${hosts.rstudio}`, hosts.shiny]
                    : [hosts.shiny],
            certificateArn: config.certificateArn,
            hostedZoneId: config.hostedZoneId,
            // R sessions and Shiny's WebSockets sit idle between a user's actions.
            idleTimeoutSeconds: 3600,
            protect,
        },
        opts,
    );
    const firewall = new WebFirewall(
        "firewall",
        {
            namePrefix: prefix,
            resourceArn: web.loadBalancerArn,
            purpose: "RStudio and Shiny",
            allowedCidrs: config.allowedCidrs,
            allowedCountries: config.allowedCountries,
            logsKmsKeyArn: keys.keyArn("logs"),
            logRetentionDays: config.logRetentionDays,
        },
        opts,
    );

    // ---- RStudio and Shiny on Fargate
    const workbench = new RstudioWorkbench(
        "workbench",
        {
            namePrefix: prefix,
            region: config.region,
            sessionsKmsKeyArn: keys.keyArn("sessions"),
            users: config.users,
            mode: config.rstudio.mode,
            rstudio: config.rstudio,
            shiny: config.shiny,
            fileSystem: files,
            targets: web.apps,
            targetSecurityGroupId: web.targetSecurityGroupId,
            listener: web.httpsListener,
            subnetIds: network.privateSubnetIds,
            vpcId: network.vpcId,
            secretsKmsKeyArn: keys.keyArn("secrets"),
            logsKmsKeyArn: keys.keyArn("logs"),
            logRetentionDays: config.logRetentionDays,
        },
        opts,
    );

    // ---- operator access: ECS Exec into the tasks, Session Manager; no open port
    const access = new BastionOrSsm(
        "access",
        {
            mode: "ssm",
            namePrefix: prefix,
            vpcId: network.vpcId,
            subnetIds: network.privateSubnetIds,
            sessionsKmsKeyArn: keys.keyArn("sessions"),
            logsKmsKeyArn: keys.keyArn("logs"),
            logRetentionDays: config.logRetentionDays,
        },
        opts,
    );

    // ---- alarms to an encrypted topic, and the stack's dashboard
    const alerts = new AlertTopic(
        "alerts",
        {
            alertsKmsKeyArn: keys.keyArn("alerts"),
            emails: config.alertEmails,
            displayName: `RStudio and Shiny alerts (${prefix})`,
        },
        opts,
    );
    const alarms = new ServiceAlarms(
        "alarms",
        {
            namePrefix: prefix,
            topicArn: alerts.topicArn,
            region: config.region,
            backup: { vaultName: backups.vaultName },
            app: { name: "Shiny", id: "shiny", errorsHint: " (shiny-server's app logs)" },
            loadBalancer: {
                arnSuffix: web.arnSuffix,
                targetGroupArnSuffix: web.apps.shiny.targetGroupArnSuffix,
            },
            service: {
                clusterName: workbench.cluster.clusterName,
                serviceName: workbench.shinyService.serviceName,
            },
            webAcl: { metricName: firewall.webAclMetricName },
            // Each RStudio container on its own: one user's outage pages as theirs.
            moreServices: Object.entries(workbench.rstudioServices).map(([account, service]) => ({
                id: `rstudio-${account}`,
                name: `${account}'s RStudio`,
                clusterName: workbench.cluster.clusterName,
                serviceName: service.serviceName,
                targetGroupArnSuffix:
                    web.apps[rstudioAppName(config.rstudio.mode, account)].targetGroupArnSuffix,
            })),
        },
        opts,
    );

    // ---- failed deployments, Config compliance (baseline owner only) and the month's spending.
    // No outside health check: the firewall's allow-list would refuse Route 53's checkers.
    const events = new EventAlerts(
        "events",
        {
            topicArn: alerts.topicArn,
            deploymentClusterNames: [workbench.cluster.clusterName],
            configCompliance: config.audit.accountBaseline,
        },
        opts,
    );
    const budget = new CostBudget(
        "budget",
        {
            namePrefix: prefix,
            monthlyLimitUsd: config.monthlyBudgetUsd,
            costTags: { project: config.tags.project, environment: config.tags.environment },
            topicArn: alerts.topicArn,
        },
        opts,
    );

    // ---- the account's audit baseline: exactly one stack per account and region owns it
    const baseline = config.audit.accountBaseline
        ? new AuditBaseline(
              "audit",
              {
                  namePrefix: prefix,
                  auditKmsKeyArn: keys.keyArn("audit"),
                  logsKmsKeyArn: keys.keyArn("logs"),
                  logRetentionDays: config.logRetentionDays,
                  phiBucketArns: dataBucket ? [dataBucket.bucketArn] : [],
                  alertTopicArn: alerts.topicArn,
                  singletons: singletonSettings(config.audit),
                  // Account-wide: this stack's log group and key, as this stack owns the baseline.
                  sessionPreferences: {
                      logGroupName: access.sessionLogGroupName,
                      kmsKeyArn: keys.keyArn("sessions"),
                      idleTimeoutMinutes: 20,
                      maxSessionMinutes: 480,
                  },
                  protect,
              },
              opts,
          )
        : undefined;

    return {
        urls: {
            rstudio:
                config.rstudio.mode === "perUser"
                    ? Object.fromEntries(
                          config.users.map((u) => [u.name, `https://${hosts.user(u.name)}`]),
                      )
                    : { [accounts[0].name]: `https://${hosts.rstudio}` },
            shiny: `https://${hosts.shiny}`,
        },
        loadBalancerDnsName: web.dnsName,
        passwordSecretArns: workbench.passwordSecretArns,
        ecsCluster: workbench.cluster.clusterName,
        ecsServices: pulumi.output({
            shiny: workbench.shinyService.serviceName,
            ...Object.fromEntries(
                Object.entries(workbench.rstudioServices).map(([account, service]) => [
                    `rstudio-${account}`,
                    service.serviceName,
                ]),
            ),
        }),
        fileSystemId: files.fileSystemId,
        ...(dataBucket && { dataBucketName: dataBucket.bucketName }),
        ...(feed && {
            dataFeed: {
                taskArn: feed.taskArn,
                sourceRoleArn: feed.sourceRoleArn,
                startSyncFunctionArn: feed.startSyncFunctionArn,
            },
        }),
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        keyArns: keys.keyArns,
        backups: { vaultName: backups.vaultName, planId: backups.planId },
        access: {
            mode: access.mode,
            sessionLogGroupName: access.sessionLogGroupName,
            shellDocumentName: access.shellDocumentName,
        },
        alerts: {
            topicArn: alerts.topicArn,
            dashboardName: alarms.dashboardName,
            alarmNames: alarms.alarmNames,
            eventRuleNames: events.ruleNames,
            budgetName: budget.budgetName,
        },
        ...(baseline && { audit: { trailArn: baseline.trailArn } }),
    };
}
