import { parameterGroupOf, parameterValue } from "../lib/parameterGroups";
import { resourceRule, stackRule } from "../lib/policy";
import { known, UNKNOWN } from "../lib/unknown";
import { IN_TRANSIT } from "./encryptionInTransit";

/**
 * Encryption in transit for the managed data services beyond the load balancers, buckets and
 * databases of encryptionInTransit: DocumentDB and RDS Proxy (TLS required of clients),
 * ElastiCache and MSK (TLS, and client authentication), CloudFront (viewer and origin HTTPS, TLS
 * 1.2+ security policies) and Transfer Family (no plain FTP, a current security policy). Their
 * area is encryption-in-transit, like encryptionInTransit's.
 */

const DOCDB_CLUSTER = "aws:docdb/cluster:Cluster";
const DOCDB_PARAMETER_GROUP = "aws:docdb/clusterParameterGroup:ClusterParameterGroup";

export const docdbRequireTls = stackRule({
    name: "docdb-require-tls",
    area: "encryption-in-transit",
    description:
        'Checks that DocumentDB clusters require TLS: their cluster parameter group does not set tls to "disabled" (the default group, and the parameter\'s default, is "enabled"), and is declared in this stack (a group from elsewhere cannot be inspected, so TLS cannot be confirmed).',
    citation: "164.312(e)(1), 164.312(e)(2)(ii)",
    awsConfig: "none (Security Hub DocumentDB.6)",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Leave `tls` at its default, or set it to "enabled", "tls1.2+" or "tls1.3+" in the `aws.docdb.ClusterParameterGroup` the cluster references through `dbClusterParameterGroupName`.',
    judges: [DOCDB_CLUSTER],
    check(stack) {
        stack.each(stack.subjects([DOCDB_CLUSTER]), (cluster) => {
            const ref = parameterGroupOf(
                cluster,
                "dbClusterParameterGroupName",
                [DOCDB_PARAMETER_GROUP],
                stack.ofType,
            );
            if (ref.kind === "unknown") return stack.undecided(cluster);
            // The default group has tls "enabled".
            if (ref.kind === "default") return;
            if (ref.kind === "external")
                return stack.report(
                    `dbClusterParameterGroupName "${ref.name}" names a cluster parameter group not declared in this stack, so TLS cannot be confirmed: declare the group here (tls not "disabled") or exempt the cluster with a reason`,
                    cluster,
                );
            for (const group of ref.groups) {
                // Values: enabled (TLS 1.0 to 1.3, the default), tls1.2+, tls1.3+, fips-140-3, disabled.
                const value = known(() => parameterValue(group, "tls"));
                if (value === UNKNOWN) stack.undecided(cluster);
                else if (value?.toLowerCase() === "disabled")
                    stack.report(
                        `cluster parameter group ${group.name} sets tls to "disabled": the cluster would accept unencrypted connections only; allowed: enabled, tls1.2+, tls1.3+, fips-140-3`,
                        cluster,
                    );
            }
        });
    },
});

export const rdsProxyRequireTls = resourceRule({
    name: "rds-proxy-require-tls",
    area: "encryption-in-transit",
    description:
        "Checks that RDS Proxies require TLS from their clients (requireTls true; the AWS default is false).",
    citation: "164.312(e)(1), 164.312(e)(2)(ii)",
    awsConfig: "none",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Set `requireTls: true` on the `aws.rds.Proxy`.",
    types: ["aws:rds/proxy:Proxy"],
    check(props, { report }) {
        if (props.requireTls !== true) {
            report(
                `requireTls is ${props.requireTls ?? "unset (AWS default: false)"}: clients could connect to the proxy without TLS; set it to true`,
            );
        }
    },
});

const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CACHE_CLUSTER = "aws:elasticache/cluster:Cluster";

export const elasticacheInTransitEncryption = resourceRule({
    name: "elasticache-in-transit-encryption",
    area: "encryption-in-transit",
    description:
        'Checks that ElastiCache replication groups encrypt in transit (transitEncryptionEnabled true; the API default is false) and require it (transitEncryptionMode not "preferred"), except a global datastore secondary (globalReplicationGroupId set), which inherits TLS from the global datastore, and that a cache cluster outside a replication group is Memcached with transitEncryptionEnabled true (a standalone Redis OSS or Valkey cluster cannot use TLS).',
    citation: "164.312(e)(1), 164.312(e)(2)(ii)",
    awsConfig: "elasticache-repl-grp-encrypted-in-transit",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Set `transitEncryptionEnabled: true` and leave `transitEncryptionMode` unset or "required" on the `aws.elasticache.ReplicationGroup`; for Memcached (`aws.elasticache.Cluster`), set `transitEncryptionEnabled: true`.',
    types: [REPLICATION_GROUP, CACHE_CLUSTER],
    check(props, { report, args }) {
        if (args.type === CACHE_CLUSTER) {
            // A member of a replication group uses the group's setting, judged there.
            if (props.replicationGroupId) return;
            const engine = props.engine as string | undefined;
            if (engine !== "memcached") {
                report(
                    `a standalone ${engine ?? "(no engine)"} cache cluster cannot encrypt in transit: use an aws.elasticache.ReplicationGroup with transitEncryptionEnabled true`,
                );
            } else if (props.transitEncryptionEnabled !== true) {
                report(
                    `transitEncryptionEnabled is ${props.transitEncryptionEnabled ?? "unset (default false)"}: Memcached clients would connect in clear text`,
                );
            }
            return;
        }
        // A secondary of a global datastore takes its in-transit encryption from the global
        // datastore (its primary, judged here); an unknown id stops the check (undecided).
        if (props.globalReplicationGroupId) return;
        if (props.transitEncryptionEnabled !== true) {
            report(
                `transitEncryptionEnabled is ${props.transitEncryptionEnabled ?? "unset (API default: false)"}: clients would connect in clear text`,
            );
        } else if (props.transitEncryptionMode === "preferred") {
            // Unset is "required" when encryption is enabled at creation.
            report(
                'transitEncryptionMode is "preferred": the cache still accepts unencrypted connections; set "required" (or leave it unset)',
            );
        }
    },
});

export const elasticacheAuth = resourceRule({
    name: "elasticache-auth",
    area: "encryption-in-transit",
    description:
        "Checks that clients of ElastiCache replication groups must authenticate: role-based access control (userGroupIds) or Redis AUTH (authToken or authTokenWo), except a global datastore secondary (globalReplicationGroupId set), which inherits AUTH from the global datastore.",
    citation: "164.312(d), 164.312(e)(1)",
    awsConfig: "elasticache-repl-grp-redis-auth-enabled",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `userGroupIds` to an `aws.elasticache.UserGroup` whose users have passwords or IAM authentication (Redis OSS 6+ and Valkey), or `authToken` from a secret (requires `transitEncryptionEnabled: true`).",
    types: [REPLICATION_GROUP],
    check(props, { report }) {
        // A secondary of a global datastore takes AUTH from the global datastore (its primary,
        // judged here); an unknown id stops the check (undecided).
        if (props.globalReplicationGroupId) return;
        // User groups first: with one set, the token (perhaps unknown at preview) does not matter.
        const groups = (props.userGroupIds ?? []) as unknown[];
        if (groups.length > 0) return;
        if (!props.authToken && !props.authTokenWo) {
            report(
                "neither authToken (Redis AUTH) nor userGroupIds (RBAC) is set: any client that reaches the cache could read and write it",
            );
        }
    },
});

const MEMORYDB_CLUSTER = "aws:memorydb/cluster:Cluster";

export const memorydbInTransitEncryption = resourceRule({
    name: "memorydb-in-transit-encryption",
    area: "encryption-in-transit",
    description:
        "Checks that MemoryDB clusters keep TLS on (tlsEnabled not false; the AWS default is true, and only an open-access cluster may turn it off).",
    citation: "164.312(e)(1), 164.312(e)(2)(ii)",
    awsConfig: "memorydb-tls-enabled (Security Hub MemoryDB.x: in-transit encryption)",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Leave `tlsEnabled` unset or true (it forces a new cluster: create one and move the data).",
    types: [MEMORYDB_CLUSTER],
    check(props, { report }) {
        if (props.tlsEnabled === false) {
            report("tlsEnabled is false: clients reach the cluster's data over plain text");
        }
    },
});

export const memorydbAuth = resourceRule({
    name: "memorydb-auth",
    area: "encryption-in-transit",
    description:
        'Checks that clients of MemoryDB clusters must authenticate: the cluster\'s access control list is not "open-access", which admits any client with the default user and no password.',
    citation: "164.312(d), 164.312(e)(1)",
    awsConfig: "none",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `aclName` to an `aws.memorydb.Acl` whose users authenticate with passwords or IAM.",
    types: [MEMORYDB_CLUSTER],
    check(props, { report }) {
        if (String(props.aclName).toLowerCase() === "open-access") {
            report(
                'aclName is "open-access": any client that reaches the cluster could read and write it without a password',
            );
        }
    },
});

const MSK_CLUSTER = "aws:msk/cluster:Cluster";

export const mskInTransitEncryption = resourceRule({
    name: "msk-in-transit-encryption",
    area: "encryption-in-transit",
    description:
        'Checks that MSK clusters encrypt client traffic with TLS only (encryptionInfo.encryptionInTransit.clientBroker unset or "TLS"; TLS_PLAINTEXT and PLAINTEXT are refused) and between brokers (inCluster not false).',
    citation: "164.312(e)(1), 164.312(e)(2)(ii)",
    awsConfig: "msk-in-cluster-node-require-tls",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Leave `encryptionInfo.encryptionInTransit` unset, or set `clientBroker: "TLS"` and `inCluster: true`.',
    types: [MSK_CLUSTER],
    check(props, { report }) {
        const transit = props.encryptionInfo?.encryptionInTransit as
            { clientBroker?: string; inCluster?: boolean } | undefined;
        // AWS defaults: clientBroker TLS, inCluster true.
        const clientBroker = transit?.clientBroker ?? "TLS";
        if (clientBroker !== "TLS") {
            report(
                `encryptionInfo.encryptionInTransit.clientBroker is ${clientBroker}: brokers would accept plain-text client connections; only TLS (the default) is allowed`,
            );
        }
        if (transit?.inCluster === false) {
            report(
                "encryptionInfo.encryptionInTransit.inCluster is false: brokers would replicate data between them in clear text",
            );
        }
    },
});

export const mskClientAuthentication = resourceRule({
    name: "msk-client-authentication",
    area: "encryption-in-transit",
    description:
        "Checks that MSK clusters authenticate clients (clientAuthentication with sasl.iam, sasl.scram or tls.certificateAuthorityArns) and do not also admit unauthenticated ones (clientAuthentication.unauthenticated not true).",
    citation: "164.312(d), 164.312(e)(1)",
    awsConfig: "msk-unrestricted-access-check",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `clientAuthentication: { sasl: { iam: true } }` (or SCRAM, or TLS client certificates from a private CA) and leave `unauthenticated` unset or false.",
    types: [MSK_CLUSTER],
    check(props, { report }) {
        const auth = props.clientAuthentication as
            | {
                  unauthenticated?: boolean;
                  sasl?: { iam?: boolean; scram?: boolean };
                  tls?: { certificateAuthorityArns?: string[] };
              }
            | undefined;
        if (auth?.unauthenticated === true) {
            report(
                "clientAuthentication.unauthenticated is true: any client that reaches the brokers could produce and consume",
            );
        } else if (
            auth?.sasl?.iam !== true &&
            auth?.sasl?.scram !== true &&
            (auth?.tls?.certificateAuthorityArns ?? []).length === 0
        ) {
            report(
                "clientAuthentication sets no method (sasl.iam, sasl.scram or tls.certificateAuthorityArns): the cluster would admit unauthenticated clients",
            );
        }
    },
});

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const MULTITENANT_DISTRIBUTION = "aws:cloudfront/multitenantDistribution:MultitenantDistribution";
const VPC_ORIGIN = "aws:cloudfront/vpcOrigin:VpcOrigin";

interface CacheBehavior {
    pathPattern?: string;
    targetOriginId?: string;
    viewerProtocolPolicy?: string;
}

/** A distribution's cache behaviours, each with the input path that names it. */
function cacheBehaviors(props: any): { where: string; behavior: CacheBehavior }[] {
    // A multi-tenant distribution calls its ordered behaviours `cacheBehaviors`.
    const key =
        props.orderedCacheBehaviors !== undefined ? "orderedCacheBehaviors" : "cacheBehaviors";
    const ordered = (props[key] ?? []) as CacheBehavior[];
    return [
        ...(props.defaultCacheBehavior
            ? [{ where: "defaultCacheBehavior", behavior: props.defaultCacheBehavior }]
            : []),
        ...ordered.map((behavior, i) => ({
            where: `${key}[${i}] (${behavior.pathPattern ?? "no path"})`,
            behavior,
        })),
    ];
}

export const cloudfrontViewerHttps = resourceRule({
    name: "cloudfront-viewer-https",
    area: "encryption-in-transit",
    description:
        'Checks that CloudFront distributions serve viewers over HTTPS only: viewerProtocolPolicy is "https-only" or "redirect-to-https", never "allow-all", on the default and every ordered cache behaviour.',
    citation: IN_TRANSIT,
    awsConfig: "cloudfront-viewer-policy-https",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Set `viewerProtocolPolicy: "redirect-to-https"` (or "https-only") on `defaultCacheBehavior` and every entry of `orderedCacheBehaviors`.',
    types: [DISTRIBUTION, MULTITENANT_DISTRIBUTION],
    check(props, { report }) {
        for (const { where, behavior } of cacheBehaviors(props)) {
            if (behavior.viewerProtocolPolicy === "allow-all") {
                report(
                    `${where} has viewerProtocolPolicy "allow-all": viewers could fetch over plain HTTP; use "redirect-to-https" or "https-only"`,
                );
            }
        }
    },
});

/**
 * Viewer security policies with TLS 1.2 or 1.3 as the minimum: TLSv1.2_2018, _2019, _2021, _2025
 * and TLSv1.3_2025 today, and any later one. AWS Config cloudfront-security-policy-check fails only
 * values below TLSv1.2_2018 (SSLv3, TLSv1, TLSv1_2016, TLSv1.1_2016).
 */
const CLOUDFRONT_TLS12_POLICIES = ["TLSv1.2_*", "TLSv1.3_*"];

/** Whether a value matches an allowlist entry: exact, or by prefix when the entry ends in "*". */
function matchesPolicy(value: unknown, patterns: readonly string[]): boolean {
    if (typeof value !== "string") return false;
    return patterns.some((p) => (p.endsWith("*") ? value.startsWith(p.slice(0, -1)) : value === p));
}

export const cloudfrontViewerTls12 = resourceRule<{ allowedSecurityPolicies: string[] }>({
    name: "cloudfront-viewer-tls12",
    area: "encryption-in-transit",
    description:
        "Checks that CloudFront distributions present their own certificate with a TLS 1.2+ security policy (viewerCertificate.minimumProtocolVersion a TLSv1.2_* or TLSv1.3_* policy, TLSv1.2_2018 or later; the default is TLSv1), not the *.cloudfront.net certificate, whose security policy CloudFront fixes at TLSv1.",
    citation: IN_TRANSIT,
    awsConfig: "cloudfront-security-policy-check, cloudfront-custom-ssl-certificate",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Serve the distribution under an alternate domain name with `viewerCertificate: { acmCertificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }`.',
    config: {
        allowedSecurityPolicies: {
            description:
                'CloudFront viewer security policies (minimumProtocolVersion) accepted; an entry ending in "*" matches by prefix. Default: every TLS 1.2 and 1.3 policy.',
            default: CLOUDFRONT_TLS12_POLICIES,
            schema: { type: "array", items: { type: "string" }, minItems: 1 },
        },
    },
    types: [DISTRIBUTION, MULTITENANT_DISTRIBUTION],
    check(props, { report, config }) {
        const certificate = (props.viewerCertificate ?? {}) as {
            cloudfrontDefaultCertificate?: boolean;
            minimumProtocolVersion?: string;
        };
        if (certificate.cloudfrontDefaultCertificate === true) {
            report(
                "viewerCertificate.cloudfrontDefaultCertificate is true: CloudFront sets the *.cloudfront.net certificate's security policy to TLSv1 (TLS 1.0 and 1.1 accepted) whatever minimumProtocolVersion says; use an ACM certificate for an alternate domain name",
            );
        } else if (
            !matchesPolicy(certificate.minimumProtocolVersion, config.allowedSecurityPolicies)
        ) {
            report(
                `viewerCertificate.minimumProtocolVersion is ${certificate.minimumProtocolVersion ?? "unset (default TLSv1)"}: allowed are ${config.allowedSecurityPolicies.join(", ")}`,
            );
        }
    },
});

/** Origin SSL protocols older than TLS 1.2. */
const WEAK_ORIGIN_PROTOCOLS = ["SSLv3", "TLSv1", "TLSv1.1"];

type CustomOrigin = { originProtocolPolicy?: string; originSslProtocols?: string[] };
interface Origin {
    originId?: string;
    id?: string;
    customOriginConfig?: CustomOrigin;
    customOriginConfigs?: CustomOrigin[];
    vpcOriginConfig?: unknown;
    vpcOriginConfigs?: unknown[];
}

/**
 * A distribution's origins with their id and custom origin config (undefined for S3 origins);
 * VPC origins are left out: their protocols are set on the aws.cloudfront.VpcOrigin, judged there.
 */
function customOrigins(props: any): { id: string | undefined; custom?: CustomOrigin }[] {
    return ((props.origins ?? []) as Origin[]).flatMap((origin) => {
        // A multi-tenant distribution names an origin `id` and lists its (single) configs.
        const custom = origin.customOriginConfig ?? origin.customOriginConfigs?.[0];
        if (!custom && (origin.vpcOriginConfig ?? origin.vpcOriginConfigs?.[0])) return [];
        return [{ id: origin.originId ?? origin.id, custom }];
    });
}

export const cloudfrontOriginHttps = resourceRule({
    name: "cloudfront-origin-https",
    area: "encryption-in-transit",
    description:
        'Checks that CloudFront reaches its origins over HTTPS: no custom origin has originProtocolPolicy "http-only", a VPC origin is "https-only", and a "match-viewer" custom origin or an S3 origin (which CloudFront reaches with the viewer\'s protocol) is not served by an "allow-all" cache behaviour.',
    citation: IN_TRANSIT,
    awsConfig: "cloudfront-traffic-to-origin-encrypted",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Set `customOriginConfig: { originProtocolPolicy: "https-only" }` on custom origins (and on the `aws.cloudfront.VpcOrigin`), and never "allow-all" on behaviours that reach S3 or match-viewer origins.',
    types: [DISTRIBUTION, MULTITENANT_DISTRIBUTION, VPC_ORIGIN],
    check(props, { report, args }) {
        if (args.type === VPC_ORIGIN) {
            const policy = props.vpcOriginEndpointConfig?.originProtocolPolicy as
                string | undefined;
            if (policy !== "https-only") {
                // match-viewer depends on each distribution's behaviours, which a VPC origin cannot see.
                report(
                    `vpcOriginEndpointConfig.originProtocolPolicy is ${policy ?? "unset"}: a VPC origin must be "https-only"`,
                );
            }
            return;
        }
        // Origin ids reached by an allow-all behaviour, directly or through an origin group.
        const groups = new Map(
            (
                (props.originGroups ?? []) as {
                    originId?: string;
                    id?: string;
                    members?: { originId?: string }[];
                }[]
            ).map((g) => [g.originId ?? g.id, (g.members ?? []).map((m) => m.originId)]),
        );
        const plainHttp = new Set(
            cacheBehaviors(props)
                .filter(({ behavior }) => behavior.viewerProtocolPolicy === "allow-all")
                .flatMap(({ behavior }) => [
                    behavior.targetOriginId,
                    ...(groups.get(behavior.targetOriginId) ?? []),
                ]),
        );
        for (const { id, custom } of customOrigins(props)) {
            const where = `origin ${id ?? ""}`;
            const policy = custom?.originProtocolPolicy;
            if (policy === "http-only") {
                report(
                    `${where} has originProtocolPolicy "http-only": CloudFront would fetch from it in clear text; use "https-only"`,
                );
            } else if (policy !== "https-only" && plainHttp.has(id)) {
                report(
                    `${where} ${custom ? `has originProtocolPolicy "${policy}"` : "is an S3 origin, which CloudFront reaches with the viewer's protocol,"} and an "allow-all" cache behaviour serves it: plain-HTTP viewer requests would reach it in clear text`,
                );
            }
        }
    },
});

export const cloudfrontOriginTls12 = resourceRule({
    name: "cloudfront-origin-tls12",
    area: "encryption-in-transit",
    description:
        "Checks that CloudFront offers its custom and VPC origins TLS 1.2 only: originSslProtocols (customOriginConfig, a multi-tenant distribution's customOriginConfigs, or an aws.cloudfront.VpcOrigin's vpcOriginEndpointConfig) holds none of SSLv3, TLSv1, TLSv1.1.",
    citation: IN_TRANSIT,
    awsConfig: "cloudfront-no-deprecated-ssl-protocols (SSLv3 only)",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Set `originSslProtocols: ["TLSv1.2"]` in `customOriginConfig` of custom origins, and `originSslProtocols: { items: ["TLSv1.2"], quantity: 1 }` on the `aws.cloudfront.VpcOrigin`.',
    types: [DISTRIBUTION, MULTITENANT_DISTRIBUTION, VPC_ORIGIN],
    check(props, { report, args }) {
        const weakProtocols = (protocols: unknown, where: string) => {
            const weak = ((protocols ?? []) as string[]).filter((p) =>
                WEAK_ORIGIN_PROTOCOLS.includes(p),
            );
            if (weak.length > 0)
                report(
                    `${where} originSslProtocols include ${weak.join(", ")}: only TLSv1.2 may be used to reach the origin`,
                );
        };
        if (args.type === VPC_ORIGIN) {
            weakProtocols(
                props.vpcOriginEndpointConfig?.originSslProtocols?.items,
                "vpcOriginEndpointConfig",
            );
            return;
        }
        for (const { id, custom } of customOrigins(props)) {
            // S3 origins (no custom config) take no originSslProtocols.
            if (custom) weakProtocols(custom.originSslProtocols, `origin ${id ?? ""}`);
        }
    },
});

/**
 * Transfer Family security policies from 2020-06 on (FIPS and restricted variants included): the
 * 2018-11 policies (the provider's default) still offer SHA-1 key exchange and MACs. The
 * post-quantum policies are experimental.
 */
const TRANSFER_SERVER = "aws:transfer/server:Server";
const TRANSFER_POLICIES = [
    "TransferSecurityPolicy-2020-06",
    "TransferSecurityPolicy-2022-03",
    "TransferSecurityPolicy-2023-05",
    "TransferSecurityPolicy-2024-01",
    "TransferSecurityPolicy-2025-03",
    "TransferSecurityPolicy-FIPS-2020-06",
    "TransferSecurityPolicy-FIPS-2023-05",
    "TransferSecurityPolicy-FIPS-2024-01",
    "TransferSecurityPolicy-FIPS-2024-05",
    "TransferSecurityPolicy-FIPS-2025-03",
    "TransferSecurityPolicy-Restricted-2020-06",
    "TransferSecurityPolicy-Restricted-2024-06",
    "TransferSecurityPolicy-SshAuditCompliant-2025-02",
    "TransferSecurityPolicy-AS2Restricted-2025-07",
];

export const transferServerNoFtp = resourceRule({
    name: "transfer-server-no-ftp",
    area: "encryption-in-transit",
    description:
        "Checks that AWS Transfer Family servers offer no plain FTP (protocols without FTP; the default is SFTP only).",
    citation: "164.312(e)(1), 164.312(e)(2)(ii)",
    awsConfig: "transfer-family-server-no-ftp",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: 'Use `protocols: ["SFTP"]` (or FTPS, AS2); never FTP.',
    types: [TRANSFER_SERVER],
    check(props, { report }) {
        // AWS and provider default: SFTP only.
        const protocols = (props.protocols ?? ["SFTP"]) as string[];
        if (protocols.includes("FTP")) {
            report(
                "protocols include FTP: files and credentials would cross the network in clear text; use SFTP or FTPS",
            );
        }
    },
});

export const transferServerSecurityPolicy = resourceRule<{ allowedSecurityPolicies: string[] }>({
    name: "transfer-server-security-policy",
    area: "encryption-in-transit",
    description:
        "Checks that AWS Transfer Family servers name a security policy from 2020-06 or later (securityPolicyName; unset means the provider's default TransferSecurityPolicy-2018-11, which still offers SHA-1 key exchange and MACs).",
    citation: "164.312(e)(1), 164.312(e)(2)(ii)",
    awsConfig: "none",
    severity: "medium",
    // Advisory: the 2018-11 policy still encrypts; a newer one drops weaker algorithms.
    enforcementLevel: "advisory",
    remediationSteps:
        'Set `securityPolicyName: "TransferSecurityPolicy-2024-01"` or another policy from the allowlist.',
    config: {
        allowedSecurityPolicies: {
            description: "Transfer Family server security policies accepted.",
            default: TRANSFER_POLICIES,
            schema: { type: "array", items: { type: "string" }, minItems: 1 },
        },
    },
    types: [TRANSFER_SERVER],
    check(props, { report, config }) {
        const policy = props.securityPolicyName as string | undefined;
        if (!config.allowedSecurityPolicies.includes(policy as string)) {
            report(
                `securityPolicyName is ${policy ?? "unset (the provider's default TransferSecurityPolicy-2018-11)"}: it is not one of the allowed policies (${config.allowedSecurityPolicies.slice(0, 3).join(", ")}, …)`,
            );
        }
    },
});

export const dataServicesInTransitPolicies = [
    docdbRequireTls,
    rdsProxyRequireTls,
    elasticacheInTransitEncryption,
    elasticacheAuth,
    memorydbInTransitEncryption,
    memorydbAuth,
    mskInTransitEncryption,
    mskClientAuthentication,
    cloudfrontViewerHttps,
    cloudfrontViewerTls12,
    cloudfrontOriginHttps,
    cloudfrontOriginTls12,
    transferServerNoFtp,
    transferServerSecurityPolicy,
];
