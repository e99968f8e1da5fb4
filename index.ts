import {
    BackupCopyVault,
    Backups,
    createAwsProvider,
    EncryptionKeys,
    FileStore,
    HipaaVpc,
    RedcapDatabase,
} from "./components";
import { readStackConfig } from "./stacks";

/**
 * The REDCap stack: validated config → one explicit AWS provider with the required tags →
 * encryption keys per data domain → the HIPAA network → the data tier (database, file store,
 * backups). The app and audit tiers plug in here.
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

    return {
        vpcId: network.vpcId,
        availabilityZones: network.availabilityZones,
        publicSubnetIds: network.publicSubnetIds,
        privateSubnetIds: network.privateSubnetIds,
        isolatedSubnetIds: network.isolatedSubnetIds,
        endpointSecurityGroupId: network.endpointSecurityGroupId,
        keyArns: keys.keyArns,
        database: {
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
