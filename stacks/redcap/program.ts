import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
    accessCommands,
    ACCOUNT_KEY_DOMAINS,
    AlertTopic,
    AuditBaseline,
    BackupCopyVault,
    CostBudget,
    EventAlerts,
    Backups,
    BastionOrSsm,
    createAwsProvider,
    FileStore,
    MailRelay,
    PublicLoadBalancer,
    RedcapDatabase,
    REDCAP_HTTPS_PORT,
    RedcapImage,
    REDCAP_BLOCKED_PATHS,
    REDCAP_UNAUTHENTICATED,
    redcapLoadBalancedApp,
    redcapRuleExceptions,
    RedcapService,
    ServiceAlarms,
    SiteHealthCheck,
    AlarmSilence,
    HEALTH_CHECK_METRICS_REGION,
    WebFirewall,
    singletonSettings,
} from "../../components";
import { REDCAP_HEALTH_PATH } from "../../components/redcapImage/imageContract";
import { KEY_DOMAINS, type KeyDomain } from "../../components/encryptionKeys/keyPolicy";
import { stackFoundation } from "../foundation";
import type { StackConfig } from "./config";

/** The project folder: config paths (the REDCap zip, modules, languages) are relative to it. */
const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/**
 * The data domains REDCap's stacks keep a key for: every one but shared file systems (EFS), which
 * REDCap does not use. The audit key exists only in the stack owning the account baseline.
 */
export const REDCAP_KEY_DOMAINS: readonly KeyDomain[] = KEY_DOMAINS.filter(
    (domain) => domain !== "sharedFiles",
);

/**
 * The REDCap stack: validated config → one explicit AWS provider with the required tags →
 * encryption keys per data domain → the HIPAA network → the data tier (database, file store,
 * backups) → the app tier (image, load balancer, firewall, mail, REDCap on Fargate) → operator
 * access → alarms and dashboard → the account's audit baseline, in the one stack that owns it.
 */
export function redcapProgram(config: StackConfig): Record<string, unknown> {
    const { providerArgs, opts, prefix, keys, network } = stackFoundation(config, {
        keyDomains: REDCAP_KEY_DOMAINS.filter((d) => !ACCOUNT_KEY_DOMAINS.includes(d)),
    });
    const protect = config.protectData;

    const database = new RedcapDatabase(
        "database",
        {
            clusterIdentifier: prefix,
            region: config.region,
            vpcId: network.vpcId,
            subnetIds: network.isolatedSubnetIds,
            applicationSubnetIds: network.privateSubnetIds,
            availabilityZones: network.availabilityZones,
            databaseKmsKeyArn: keys.keyArn("database"),
            secretsKmsKeyArn: keys.keyArn("secrets"),
            logsKmsKeyArn: keys.keyArn("logs"),
            logRetentionDays: config.logRetentionDays,
            ...config.database,
            protect,
        },
        opts,
    );

    const files = new FileStore(
        "files",
        {
            kmsKeyArn: keys.keyArn("files"),
            secretsKmsKeyArn: keys.keyArn("secrets"),
            ...config.fileStore,
            protect,
        },
        opts,
    );

    const copyRegion = config.backup.copyToRegion;
    const copyVault = copyRegion
        ? new BackupCopyVault("backup-copy", {
              provider: createAwsProvider("aws-backup-copy", {
                  ...providerArgs,
                  region: copyRegion,
              }),
              aliasPrefix: `${config.project}/${config.stack}/copy`.replace(
                  /[^A-Za-z0-9/_-]/g,
                  "-",
              ),
              protect,
          })
        : undefined;
    const backups = new Backups(
        "backups",
        {
            kmsKeyArn: keys.keyArn("backup"),
            resourceArns: [database.clusterArn, files.bucketArn],
            retentionDays: config.backup.retentionDays,
            schedule: config.backup.schedule,
            vaultLock: config.backup.vaultLock,
            copy: copyVault ? { vaultArn: copyVault.vaultArn } : undefined,
            protect,
        },
        opts,
    );

    // ---- the app tier, when the stack configures one
    const app = config.app;
    const mailConfig = config.mail;
    let appOutputs: Record<string, unknown> = {};
    let appTier:
        | {
              web: PublicLoadBalancer;
              firewall: WebFirewall;
              mail: MailRelay;
              service: RedcapService;
          }
        | undefined;
    if (app && mailConfig && config.domainName) {
        const mail = new MailRelay(
            "mail",
            {
                domain: mailConfig.domain,
                fromAddress: mailConfig.fromAddress,
                hostedZoneId: mailConfig.hostedZoneId,
                notificationEmails: mailConfig.notificationEmails,
                requireTls: mailConfig.requireTls,
                credentialGeneration: mailConfig.credentialGeneration,
                alertsKmsKeyArn: keys.keyArn("alerts"),
                secretsKmsKeyArn: keys.keyArn("secrets"),
                protect,
            },
            opts,
        );
        const image = new RedcapImage(
            "image",
            {
                redcapVersion: app.redcapVersion,
                ...(app.redcapZip?.startsWith("s3://")
                    ? {
                          redcapZipS3Uri: app.redcapZip,
                          s3: { region: config.region, profile: config.awsProfile },
                      }
                    : { redcapZipPath: app.redcapZip && path.resolve(PROJECT_DIR, app.redcapZip) }),
                prebuiltImageUri: app.imageUri,
                rebuild: app.imageRebuild,
                extras: {
                    externalModules:
                        app.externalModules && path.resolve(PROJECT_DIR, app.externalModules),
                    languages: app.languages && path.resolve(PROJECT_DIR, app.languages),
                },
                architecture: app.architecture,
                imagesKmsKeyArn: keys.keyArn("images"),
                buildDirectory: path.join(PROJECT_DIR, ".build", prefix),
                protect,
            },
            opts,
        );
        const samlSignIn = app.signIn.method === "saml";
        const web = new PublicLoadBalancer(
            "web",
            {
                vpcId: network.vpcId,
                publicSubnetIds: network.publicSubnetIds,
                domainName: config.domainName,
                apps: {
                    redcap: redcapLoadBalancedApp({ hostName: config.domainName, samlSignIn }),
                },
                // REDCap also answers requests for no other host, as it always has.
                defaultApp: "redcap",
                certificateArn: app.certificateArn,
                hostedZoneId: app.hostedZoneId,
                sslPolicy: app.sslPolicy,
                idleTimeoutSeconds: app.idleTimeoutSeconds,
                // Named for the targets' port since the load balancer serves several apps.
                previousNames: {
                    [`web-alb-to-targets-${REDCAP_HTTPS_PORT}`]: "web-alb-to-targets",
                    [`web-targets-from-alb-${REDCAP_HTTPS_PORT}`]: "web-targets-from-alb",
                },
                protect,
            },
            opts,
        );
        const redcapTarget = web.apps.redcap;
        const firewall = new WebFirewall(
            "firewall",
            {
                namePrefix: prefix,
                resourceArn: web.loadBalancerArn,
                rateLimitPer5Minutes: app.rateLimitPer5Minutes,
                allowedCidrs: app.allowedCidrs,
                allowedCountries: app.allowedCountries,
                adminCidrs: app.adminCidrs,
                purpose: "REDCap",
                blockedPaths: REDCAP_BLOCKED_PATHS,
                exceptions: redcapRuleExceptions({ samlSignIn }),
                unauthenticated: REDCAP_UNAUTHENTICATED,
                logsKmsKeyArn: keys.keyArn("logs"),
                logRetentionDays: config.logRetentionDays,
            },
            opts,
        );
        const service = new RedcapService(
            "app",
            {
                namePrefix: prefix,
                vpcId: network.vpcId,
                vpcCidrBlock: network.cidrBlock,
                subnetIds: network.privateSubnetIds,
                region: config.region,
                image: image.imageUri,
                repositoryArn: image.repositoryArn,
                cpu: app.cpu,
                memory: app.memory,
                architecture: app.architecture,
                containerInsights: app.containerInsights,
                minTasks: app.minTasks,
                maxTasks: app.maxTasks,
                cronIntervalSeconds: app.cronIntervalSeconds,
                timezone: app.timezone,
                uploadMaxMegabytes: app.uploadMaxMegabytes,
                loadBalancer: {
                    targetGroupArn: redcapTarget.targetGroupArn,
                    requestCountLabel: redcapTarget.requestCountLabel,
                    targetSecurityGroupId: web.targetSecurityGroupId,
                    listener: web.httpsListener,
                },
                database: {
                    host: database.writerEndpoint,
                    name: database.databaseName,
                    appSecretArn: database.appSecretArn,
                    schemaSecretArn: database.schemaSecretArn,
                    ready: [database.usersReady],
                    clientSecurityGroupId: database.clientSecurityGroupId,
                },
                mail: {
                    smtpHost: mail.smtpHost,
                    smtpPort: mail.smtpPort,
                    smtpSecretArn: mail.smtpSecretArn,
                    fromAddress: mail.fromAddress,
                },
                files: {
                    bucketName: files.bucketName,
                    bucketArn: files.bucketArn,
                    filesKmsKeyArn: keys.keyArn("files"),
                    accessKeySecretArn: files.accessKeySecretArn,
                    accessKeyVersion: files.accessKeyVersion,
                },
                baseUrl: web.url,
                firstAdmin: { username: app.adminUsername, email: app.adminEmail },
                signIn: app.signIn,
                secretsKmsKeyArn: keys.keyArn("secrets"),
                logsKmsKeyArn: keys.keyArn("logs"),
                sessionsKmsKeyArn: keys.keyArn("sessions"),
                logRetentionDays: config.logRetentionDays,
                protect,
                sleep: config.sleep,
            },
            opts,
        );
        appTier = { web, firewall, mail, service };
        appOutputs = {
            url: web.url,
            loadBalancerDnsName: web.dnsName,
            imageUri: image.imageUri,
            ecsCluster: service.clusterName,
            ecsService: service.serviceName,
            firstAdminSecretArn: service.firstAdminSecretArn,
            ...(service.ldapBindSecretArn ? { ldapBindSecretArn: service.ldapBindSecretArn } : {}),
            ...(service.samlServiceProviderSecretArn
                ? { samlServiceProviderSecretArn: service.samlServiceProviderSecretArn }
                : {}),
            appLogGroupName: service.logGroupName,
            mailDnsRecords: mail.dnsRecords,
        };
    }

    // ---- operator access: no open port, every session logged
    const access = new BastionOrSsm(
        "access",
        {
            mode: config.access.mode,
            namePrefix: prefix,
            vpcId: network.vpcId,
            subnetIds: network.privateSubnetIds,
            database: {
                host: database.writerEndpoint,
                port: 3306,
                clientSecurityGroupId: database.clientSecurityGroupId,
            },
            sessionsKmsKeyArn: keys.keyArn("sessions"),
            logsKmsKeyArn: keys.keyArn("logs"),
            logRetentionDays: config.logRetentionDays,
            idleTimeoutMinutes: config.access.idleTimeoutMinutes,
            instanceType:
                config.access.mode === "bastion" ? config.access.bastionInstanceType : undefined,
            schedule: config.access.bastionSchedule,
        },
        opts,
    );

    // ---- alarms to an encrypted topic, and the stack's dashboard
    const alerts = new AlertTopic(
        "alerts",
        {
            alertsKmsKeyArn: keys.keyArn("alerts"),
            emails: config.alertEmails,
            displayName: "REDCap alerts (alerts)",
        },
        opts,
    );
    const alarms = new ServiceAlarms(
        "alarms",
        {
            namePrefix: prefix,
            topicArn: alerts.topicArn,
            region: config.region,
            database: {
                clusterIdentifier: database.clusterIdentifier,
                maxCapacity: config.database.maxCapacity,
            },
            backup: { vaultName: backups.vaultName },
            app: { name: "REDCap", id: "redcap", errorsHint: " (PHP errors)" },
            ...(appTier && {
                loadBalancer: {
                    arnSuffix: appTier.web.arnSuffix,
                    targetGroupArnSuffix: appTier.web.apps.redcap.targetGroupArnSuffix,
                },
                service: {
                    clusterName: appTier.service.clusterName,
                    serviceName: appTier.service.serviceName,
                },
                workers: [
                    {
                        id: "cron",
                        name: "REDCap's cron runner",
                        clusterName: appTier.service.clusterName,
                        serviceName: appTier.service.cronServiceName,
                        containerInsights: appTier.service.containerInsights,
                    },
                ],
                webAcl: { metricName: appTier.firewall.webAclMetricName },
                mail: {
                    configurationSetName: appTier.mail.configurationSetName,
                    // The account's own rates are watched by the stack owning the baseline.
                    accountWide: config.audit.accountBaseline,
                },
            }),
        },
        opts,
    );

    // ---- what AWS only records as events, the site seen from outside, and the month's spending
    const events = new EventAlerts(
        "events",
        {
            topicArn: alerts.topicArn,
            deploymentClusterNames: appTier ? [appTier.service.clusterName] : [],
            // AWS Config exists only in the stack owning the account baseline.
            configCompliance: config.audit.accountBaseline,
        },
        opts,
    );
    const site =
        appTier && config.siteHealthCheck && config.domainName
            ? new SiteHealthCheck(
                  "site",
                  {
                      namePrefix: prefix,
                      hostName: config.domainName,
                      path: REDCAP_HEALTH_PATH,
                      siteName: "REDCap",
                      region: config.region,
                      topicArn: alerts.topicArn,
                  },
                  opts,
              )
            : undefined;
    // ---- a sleeping stack's alarms that would page at night: no healthy targets and the load
    // balancer's 503s (the outside health check keeps calling), the stopped cron runner, the site
    if (appTier && config.sleep) {
        new AlarmSilence(
            "sleep",
            {
                namePrefix: prefix,
                alarmNames: [
                    ...["no-healthy-targets", "load-balancer-5xx", "cron-not-running"].map(
                        (id) => `${prefix}-${id}`,
                    ),
                    // The site-down alarm lives in us-east-1: silenced here only when the stack is.
                    ...(site && config.region === HEALTH_CHECK_METRICS_REGION
                        ? [site.alarmName]
                        : []),
                ],
                crons: config.sleep,
            },
            { ...opts, dependsOn: [alarms, ...(site ? [site] : [])] },
        );
    }
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
    const audit = config.audit;
    const baseline = audit.accountBaseline
        ? new AuditBaseline(
              "audit",
              {
                  namePrefix: prefix,
                  auditKmsKeyArn: keys.keyArn("audit"),
                  logsKmsKeyArn: keys.keyArn("logs"),
                  logRetentionDays: config.logRetentionDays,
                  trailRetentionDays: audit.trailRetentionDays,
                  objectLock: audit.trailObjectLock,
                  phiBucketArns: [files.bucketArn],
                  phiBucketNames: audit.dataEventBuckets,
                  alertTopicArn: alerts.topicArn,
                  hipaaConformancePack: audit.hipaaConformancePack,
                  guardDuty: audit.guardDuty,
                  securityHub: audit.securityHub,
                  containerImageScanning: audit.containerImageScanning,
                  singletons: singletonSettings(audit),
                  // Account-wide: points at this stack's log group and key, which is right only
                  // because this stack owns the account baseline.
                  sessionPreferences: {
                      logGroupName: access.sessionLogGroupName,
                      kmsKeyArn: keys.keyArn("sessions"),
                      idleTimeoutMinutes: config.access.idleTimeoutMinutes,
                      maxSessionMinutes: 480,
                  },
                  protect,
              },
              opts,
          )
        : undefined;

    return {
        ...appOutputs,
        vpcId: network.vpcId,
        availabilityZones: network.availabilityZones,
        publicSubnetIds: network.publicSubnetIds,
        privateSubnetIds: network.privateSubnetIds,
        isolatedSubnetIds: network.isolatedSubnetIds,
        endpointSecurityGroupId: network.endpointSecurityGroupId,
        keyArns: keys.keyArns,
        database: {
            clusterIdentifier: database.clusterIdentifier,
            writerEndpoint: database.writerEndpoint,
            readerEndpoint: database.readerEndpoint,
            port: database.port,
            name: database.databaseName,
            masterSecretArn: database.masterSecretArn,
            appSecretArn: database.appSecretArn,
            schemaSecretArn: database.schemaSecretArn,
            securityGroupId: database.securityGroupId,
            clientSecurityGroupId: database.clientSecurityGroupId,
        },
        files: {
            bucketName: files.bucketName,
            logBucketName: files.logBucketName,
            accessKeySecretArn: files.accessKeySecretArn,
        },
        backups: { vaultName: backups.vaultName, planId: backups.planId },
        access: {
            mode: access.mode,
            sessionLogGroupName: access.sessionLogGroupName,
            shellDocumentName: access.shellDocumentName,
            bastionInstanceId: access.instanceId,
            databaseTunnelDocumentName: access.databaseTunnelDocumentName,
            commands: pulumi
                .all([
                    appTier?.service.clusterName ?? "",
                    access.instanceId,
                    access.shellDocumentName,
                    access.databaseTunnelDocumentName,
                    database.writerEndpoint,
                ])
                .apply(([cluster, instanceId, shellDocumentName, tunnelDocumentName, host]) =>
                    accessCommands({
                        cluster,
                        instanceId,
                        shellDocumentName,
                        tunnelDocumentName,
                        databaseHost: host,
                        region: config.region,
                    }),
                ),
        },
        alerts: {
            topicArn: alerts.topicArn,
            dashboardName: alarms.dashboardName,
            alarmNames: alarms.alarmNames,
            eventRuleNames: events.ruleNames,
            budgetName: budget.budgetName,
            ...(site && { siteDownAlarmName: site.alarmName }),
        },
        ...(baseline && {
            audit: {
                trailArn: baseline.trailArn,
                auditBucketName: baseline.auditBucketName,
                trailLogGroupName: baseline.trailLogGroupName,
                guardDutyDetectorId: baseline.guardDutyDetectorId,
            },
        }),
    };
}
