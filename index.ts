import { createAwsProvider, EncryptionKeys, HipaaVpc } from "./components";
import { readStackConfig } from "./stacks";

/**
 * The REDCap stack: validated config → one explicit AWS provider with the required tags →
 * encryption keys per data domain → the HIPAA network. Later tiers (data, app, audit) plug in here.
 */
export = () => {
    const config = readStackConfig(); // throws, listing every problem, before any resource exists
    const provider = createAwsProvider("aws", {
        region: config.region,
        tags: config.tags,
        accountId: config.accountId,
        profile: config.awsProfile,
    });
    const opts = { providers: [provider] };
    const resourcePrefix = `${config.project}-${config.stack}`.replace(/[^A-Za-z0-9-]/g, "-");

    const keys = new EncryptionKeys(
        "keys",
        {
            aliasPrefix: `${config.project}/${config.stack}`.replace(/[^A-Za-z0-9/_-]/g, "-"),
            protect: config.protectData,
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
                logGroupName: `/${resourcePrefix}/vpc-flow-logs`,
            },
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
    };
};
