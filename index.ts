import * as path from "node:path";
import {
    BackupCopyVault,
    Backups,
    createAwsProvider,
    EncryptionKeys,
    FileStore,
    HipaaVpc,
    MailRelay,
    PublicLoadBalancer,
    RedcapDatabase,
    RedcapImage,
    RedcapService,
    WebFirewall,
} from "./components";
import { readStackConfig } from "./stacks";

/**
 * The REDCap stack: validated config → one explicit AWS provider with the required tags →
 * encryption keys per data domain → the HIPAA network → the data tier (database, file store,
 * backups) → the app tier (image, load balancer, firewall, mail, REDCap on Fargate).
 */
export = () => {
    const config = readStackConfig(); // throws, listing every problem, before any resource exists
    const providerArgs = {
        tags: config.tags,
        accountId: config.accountId,
        profile: config.awsProfile,
    };
    const provider = createAwsProvider("aws", { ...providerArgs, region: config.region });
    const opts = { providers: [provider] };
    // Names AWS sees: unique per project and stack, so dev and prod can share an account.
    const prefix = `${config.project}-${config.stack}`.toLowerCase().replace(/[^a-z0-9-]/g, "-");
    const protect = config.protectData;

    const keys = new EncryptionKeys(
        "keys",
        {
            aliasPrefix: `${config.project}/${config.stack}`.replace(/[^A-Za-z0-9/_-]/g, "-"),
            protect,
        },
        opts,
    );

    const network = new HipaaVpc(
        "network",
        {
            cidrBlock: config.network.cidr,
            availabilityZoneCount: config.network.azCount,
            subnetPrefixLengths: config.network.subnetPrefixLengths,
            natGateways: config.network.natGateways,
            publicSubnets: config.network.publicSubnets,
            interfaceEndpoints: config.network.interfaceEndpoints,
            flowLogs: {
                kmsKeyArn: keys.keyArn("logs"),
                retentionInDays: config.logRetentionDays,
                logGroupName: `/${prefix}/vpc-flow-logs`,
            },
        },
        opts,
    );

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
                    : { redcapZipPath: app.redcapZip && path.resolve(__dirname, app.redcapZip) }),
                prebuiltImageUri: app.imageUri,
                architecture: app.architecture,
                imagesKmsKeyArn: keys.keyArn("images"),
                buildDirectory: path.join(__dirname, ".build", prefix),
                protect,
            },
            opts,
        );
        const web = new PublicLoadBalancer(
            "web",
            {
                vpcId: network.vpcId,
                publicSubnetIds: network.publicSubnetIds,
                domainName: config.domainName,
                certificateArn: app.certificateArn,
                hostedZoneId: app.hostedZoneId,
                sslPolicy: app.sslPolicy,
                idleTimeoutSeconds: app.idleTimeoutSeconds,
                protect,
            },
            opts,
        );
        new WebFirewall(
            "firewall",
            {
                resourceArn: web.loadBalancerArn,
                rateLimitPer5Minutes: app.rateLimitPer5Minutes,
                allowedCidrs: app.allowedCidrs,
                allowedCountries: app.allowedCountries,
                adminCidrs: app.adminCidrs,
                logsKmsKeyArn: keys.keyArn("logs"),
                logRetentionDays: config.logRetentionDays,
            },
            opts,
        );
        const service = new RedcapService(
            "app",
            {
                vpcId: network.vpcId,
                vpcCidrBlock: network.cidrBlock,
                subnetIds: network.privateSubnetIds,
                region: config.region,
                image: image.imageUri,
                repositoryArn: image.repositoryArn,
                cpu: app.cpu,
                memory: app.memory,
                architecture: app.architecture,
                minTasks: app.minTasks,
                maxTasks: app.maxTasks,
                cronIntervalSeconds: app.cronIntervalSeconds,
                timezone: app.timezone,
                uploadMaxMegabytes: app.uploadMaxMegabytes,
                loadBalancer: {
                    targetGroupArn: web.targetGroupArn,
                    arnSuffix: web.arnSuffix,
                    targetGroupArnSuffix: web.targetGroupArnSuffix,
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
                },
                baseUrl: web.url,
                firstAdmin: { username: app.adminUsername, email: app.adminEmail },
                secretsKmsKeyArn: keys.keyArn("secrets"),
                logsKmsKeyArn: keys.keyArn("logs"),
                logRetentionDays: config.logRetentionDays,
                protect,
            },
            opts,
        );
        appOutputs = {
            url: web.url,
            loadBalancerDnsName: web.dnsName,
            imageUri: image.imageUri,
            ecsCluster: service.clusterName,
            ecsService: service.serviceName,
            firstAdminSecretArn: service.firstAdminSecretArn,
            appLogGroupName: service.logGroupName,
            mailDnsRecords: mail.dnsRecords,
        };
    }

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
    };
};
