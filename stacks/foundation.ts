import type * as pulumi from "@pulumi/pulumi";
import { ACCOUNT_KEY_DOMAINS, createAwsProvider, EncryptionKeys, HipaaVpc } from "../components";
import type { KeyDomain } from "../components/encryptionKeys/keyPolicy";
import { stackNamePrefix } from "./namePrefix";
import type { AnyStackConfig } from "./system";

/** What every system's stack starts from: its provider, names, keys and network. */
export interface StackFoundation {
    /** The provider's settings but its region (a second region's provider reuses them). */
    providerArgs: { tags: Record<string, string>; accountId?: string; profile?: string };
    opts: pulumi.ComponentResourceOptions;
    /** Names AWS sees: unique per project and stack, so dev and prod can share an account. */
    prefix: string;
    keys: EncryptionKeys;
    network: HipaaVpc;
}

/**
 * Validated config → one explicit AWS provider with the required tags → a key per data domain the
 * system has (the account's audit key only in the stack owning the account baseline) → the HIPAA
 * network with encrypted flow logs.
 */
export function stackFoundation(
    config: Pick<
        AnyStackConfig,
        | "project"
        | "stack"
        | "tags"
        | "accountId"
        | "awsProfile"
        | "region"
        | "network"
        | "logRetentionDays"
        | "protectData"
        | "audit"
    >,
    system: {
        /** The system's key domains, without the account's own (audit). */
        keyDomains: readonly KeyDomain[];
        /** Ports the isolated tier admits (HipaaVpc's default when unset). */
        databasePorts?: number[];
    },
): StackFoundation {
    const providerArgs = {
        tags: config.tags,
        accountId: config.accountId,
        profile: config.awsProfile,
    };
    const provider = createAwsProvider("aws", { ...providerArgs, region: config.region });
    const opts = { providers: [provider] };
    const prefix = stackNamePrefix(config);
    const keys = new EncryptionKeys(
        "keys",
        {
            aliasPrefix: `${config.project}/${config.stack}`.replace(/[^A-Za-z0-9/_-]/g, "-"),
            // The audit key exists once per account, with the baseline.
            domains: [
                ...system.keyDomains,
                ...(config.audit.accountBaseline ? ACCOUNT_KEY_DOMAINS : []),
            ],
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
            ...(system.databasePorts ? { databasePorts: system.databasePorts } : {}),
            flowLogs: {
                kmsKeyArn: keys.keyArn("logs"),
                retentionInDays: config.logRetentionDays,
                logGroupName: `/${prefix}/vpc-flow-logs`,
            },
        },
        opts,
    );
    return { providerArgs, opts, prefix, keys, network };
}
