import { expect } from "chai";
import { multitenantDistribution } from "../test/fixtures";
import { describeCases, R, run } from "../test/cases";
import { UNKNOWN_VALUE } from "../lib/unknown";
import { dataServicesInTransitPolicies, elasticacheAuth } from "./dataServicesInTransit";

const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/9f8e7d6c-1111-2222-3333-444455556666";
const docdb = (props: Record<string, unknown> = {}, deps?: Record<string, string[]>): R => ({
    type: "aws:docdb/cluster:Cluster",
    name: "docs",
    props: { storageEncrypted: true, ...props },
    deps,
});
const docdbGroup = (parameters: unknown[], name = "docs-params-1"): R => ({
    type: "aws:docdb/clusterParameterGroup:ClusterParameterGroup",
    name: "docs-params",
    props: { family: "docdb5.0", name, parameters },
});
const replicationGroup = (props: Record<string, unknown>): R => ({
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    name: "cache",
    props: { engine: "valkey", description: "sessions", ...props },
});
const msk = (props: Record<string, unknown>): R => ({
    type: "aws:msk/cluster:Cluster",
    name: "kafka",
    props: { kafkaVersion: "3.6.0", numberOfBrokerNodes: 3, ...props },
});
const IAM_AUTH = { sasl: { iam: true } };
const memorydb = (props: Record<string, unknown>): R[] => [
    {
        type: "aws:memorydb/cluster:Cluster",
        name: "mem",
        props: { nodeType: "db.t4g.small", ...props },
    },
];
const s3Origin = {
    originId: "files",
    domainName: "files.s3.us-east-1.amazonaws.com",
    originAccessControlId: "E2OAC",
};
const webOrigin = (custom: Record<string, unknown> = {}) => ({
    originId: "web",
    domainName: "web.example.edu",
    customOriginConfig: {
        httpPort: 80,
        httpsPort: 443,
        originProtocolPolicy: "https-only",
        originSslProtocols: ["TLSv1.2"],
        ...custom,
    },
});
const behavior = (target: string, policy = "redirect-to-https") => ({
    targetOriginId: target,
    viewerProtocolPolicy: policy,
    allowedMethods: ["GET", "HEAD"],
    cachedMethods: ["GET", "HEAD"],
});
const distribution = (
    props: Record<string, unknown> = {},
    token = "aws:cloudfront/distribution:Distribution",
): R => ({
    type: token,
    name: "cdn",
    props: {
        enabled: true,
        origins: [webOrigin(), s3Origin],
        defaultCacheBehavior: behavior("web"),
        orderedCacheBehaviors: [{ ...behavior("files"), pathPattern: "/files/*" }],
        viewerCertificate: {
            acmCertificateArn: CERT,
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.2_2021",
        },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        ...props,
    },
});
const multitenant = multitenantDistribution;
const vpcOrigin = (endpoint: Record<string, unknown>): R => ({
    type: "aws:cloudfront/vpcOrigin:VpcOrigin",
    name: "alb-origin",
    props: {
        vpcOriginEndpointConfig: {
            name: "alb",
            arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1",
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: "https-only",
            originSslProtocols: { items: ["TLSv1.2"], quantity: 1 },
            ...endpoint,
        },
    },
});
const transfer = (props: Record<string, unknown>): R => ({
    type: "aws:transfer/server:Server",
    name: "sftp",
    props: { identityProviderType: "SERVICE_MANAGED", ...props },
});

describe("policy pack: data services in transit", () => {
    describeCases(dataServicesInTransitPolicies, {
        "docdb-require-tls": {
            compliant: [
                // The default cluster parameter group has tls "enabled".
                { stack: [docdb()] },
                { stack: [docdb({ dbClusterParameterGroupName: "default.docdb5.0" })] },
                {
                    stack: [
                        docdb(
                            { dbClusterParameterGroupName: "docs-params-1" },
                            { dbClusterParameterGroupName: ["docs-params"] },
                        ),
                        docdbGroup([{ name: "tls", value: "tls1.2+" }]),
                    ],
                },
                {
                    // A group named by a literal that leaves tls at its default.
                    stack: [
                        docdb({ dbClusterParameterGroupName: "docs-params-1" }),
                        docdbGroup([{ name: "audit_logs", value: "all" }]),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        docdb(
                            { dbClusterParameterGroupName: "docs-params-1" },
                            { dbClusterParameterGroupName: ["docs-params"] },
                        ),
                        docdbGroup([{ name: "tls", value: "disabled" }]),
                    ],
                    message: /docs-params sets tls to "disabled"/,
                    unknown: "docs-params:parameters",
                },
                {
                    // Parameter names and values in any case, the group named by a literal.
                    stack: [
                        docdb({ dbClusterParameterGroupName: "docs-params-1" }),
                        docdbGroup([{ name: "TLS", value: "Disabled" }]),
                    ],
                    message: /sets tls to "disabled"/,
                    unknown: "docs:dbClusterParameterGroupName",
                },
                {
                    // A group this stack does not declare cannot be inspected.
                    stack: [docdb({ dbClusterParameterGroupName: "shared-docdb5" })],
                    message:
                        /dbClusterParameterGroupName "shared-docdb5" names a cluster parameter group not declared in this stack, so TLS cannot be confirmed/,
                    unknown: "docs:dbClusterParameterGroupName",
                },
            ],
        },
        "rds-proxy-require-tls": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:rds/proxy:Proxy",
                            name: "proxy",
                            props: { engineFamily: "MYSQL", requireTls: true },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:rds/proxy:Proxy",
                            name: "proxy",
                            props: { engineFamily: "MYSQL" },
                        },
                    ],
                    message: /requireTls is unset \(AWS default: false\)/,
                },
                {
                    stack: [
                        {
                            type: "aws:rds/proxy:Proxy",
                            name: "proxy",
                            props: { engineFamily: "POSTGRESQL", requireTls: false },
                        },
                    ],
                    message: /requireTls is false/,
                    unknown: "proxy:requireTls",
                },
            ],
        },
        "elasticache-in-transit-encryption": {
            compliant: [
                { stack: [replicationGroup({ transitEncryptionEnabled: true })] },
                {
                    stack: [
                        replicationGroup({
                            engine: "redis",
                            transitEncryptionEnabled: true,
                            transitEncryptionMode: "required",
                        }),
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:elasticache/cluster:Cluster",
                            name: "memcached",
                            props: { engine: "memcached", transitEncryptionEnabled: true },
                        },
                    ],
                },
                {
                    // A global datastore secondary inherits TLS from the global datastore.
                    stack: [replicationGroup({ globalReplicationGroupId: "ldgnf-sessions" })],
                },
                {
                    // A replica cluster of a replication group follows the group.
                    stack: [
                        {
                            type: "aws:elasticache/cluster:Cluster",
                            name: "replica",
                            props: { replicationGroupId: "cache" },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [replicationGroup({})],
                    message: /transitEncryptionEnabled is unset \(API default: false\)/,
                    unknown: "cache:transitEncryptionEnabled",
                },
                {
                    // Whether it is a global datastore secondary is not known yet: undecided.
                    stack: [replicationGroup({ transitEncryptionEnabled: false })],
                    message: /transitEncryptionEnabled is false/,
                    unknown: "cache:globalReplicationGroupId",
                },
                {
                    stack: [replicationGroup({ engine: "redis", transitEncryptionEnabled: false })],
                    message: /transitEncryptionEnabled is false/,
                },
                {
                    stack: [
                        replicationGroup({
                            transitEncryptionEnabled: true,
                            transitEncryptionMode: "preferred",
                        }),
                    ],
                    message: /transitEncryptionMode is "preferred"/,
                    unknown: "cache:transitEncryptionMode",
                },
                {
                    stack: [
                        {
                            type: "aws:elasticache/cluster:Cluster",
                            name: "redis",
                            props: { engine: "redis", numCacheNodes: 1 },
                        },
                    ],
                    message: /a standalone redis cache cluster cannot encrypt in transit/,
                },
                {
                    stack: [
                        {
                            type: "aws:elasticache/cluster:Cluster",
                            name: "memcached",
                            props: { engine: "memcached" },
                        },
                    ],
                    message: /Memcached clients would connect in clear text/,
                    unknown: "memcached:transitEncryptionEnabled",
                },
            ],
        },
        "elasticache-auth": {
            compliant: [
                {
                    stack: [
                        replicationGroup({ transitEncryptionEnabled: true, authToken: "[secret]" }),
                    ],
                },
                {
                    stack: [
                        replicationGroup({
                            transitEncryptionEnabled: true,
                            authTokenWo: "[secret]",
                        }),
                    ],
                },
                { stack: [replicationGroup({ userGroupIds: ["sessions-users"] })] },
                {
                    // A user group set: an unknown token does not matter.
                    stack: [
                        replicationGroup({
                            userGroupIds: ["sessions-users"],
                            authToken: UNKNOWN_VALUE,
                        }),
                    ],
                },
                {
                    // A global datastore secondary inherits AUTH from the global datastore.
                    stack: [replicationGroup({ globalReplicationGroupId: "ldgnf-sessions" })],
                },
            ],
            violating: [
                {
                    stack: [replicationGroup({ transitEncryptionEnabled: true })],
                    message: /neither authToken \(Redis AUTH\) nor userGroupIds \(RBAC\) is set/,
                    unknown: "cache:authToken",
                },
                {
                    stack: [replicationGroup({ userGroupIds: [] })],
                    message: /neither authToken/,
                    unknown: "cache:userGroupIds",
                },
                {
                    stack: [replicationGroup({ transitEncryptionEnabled: true })],
                    message: /neither authToken/,
                    unknown: "cache:globalReplicationGroupId",
                },
            ],
        },
        "memorydb-in-transit-encryption": {
            compliant: [
                // Unset: TLS on (the AWS and provider default).
                { stack: memorydb({ aclName: "app-users" }) },
                {
                    stack: memorydb({
                        aclName: "app-users",
                        tlsEnabled: true,
                    }),
                },
            ],
            violating: [
                {
                    stack: memorydb({
                        aclName: "open-access",
                        tlsEnabled: false,
                    }),
                    message: /tlsEnabled is false/,
                    unknown: "mem:tlsEnabled",
                },
            ],
        },
        "memorydb-auth": {
            compliant: [{ stack: memorydb({ aclName: "app-users" }) }],
            violating: [
                {
                    stack: memorydb({ aclName: "open-access" }),
                    message: /aclName is "open-access"/,
                    unknown: "mem:aclName",
                },
                {
                    stack: memorydb({ aclName: "Open-Access" }),
                    message: /aclName is "open-access"/,
                },
            ],
        },
        "msk-in-transit-encryption": {
            compliant: [
                // Unset: TLS between clients and brokers and between brokers.
                { stack: [msk({})] },
                {
                    stack: [
                        msk({
                            encryptionInfo: {
                                encryptionInTransit: { clientBroker: "TLS", inCluster: true },
                            },
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        msk({
                            encryptionInfo: {
                                encryptionInTransit: { clientBroker: "TLS_PLAINTEXT" },
                            },
                        }),
                    ],
                    message: /clientBroker is TLS_PLAINTEXT/,
                    unknown: "kafka:encryptionInfo.encryptionInTransit.clientBroker",
                },
                {
                    stack: [
                        msk({
                            encryptionInfo: { encryptionInTransit: { clientBroker: "PLAINTEXT" } },
                        }),
                    ],
                    message: /clientBroker is PLAINTEXT/,
                },
                {
                    stack: [msk({ encryptionInfo: { encryptionInTransit: { inCluster: false } } })],
                    message: /inCluster is false/,
                    unknown: "kafka:encryptionInfo.encryptionInTransit.inCluster",
                },
            ],
        },
        "msk-client-authentication": {
            compliant: [
                { stack: [msk({ clientAuthentication: IAM_AUTH })] },
                { stack: [msk({ clientAuthentication: { sasl: { scram: true } } })] },
                {
                    stack: [
                        msk({
                            clientAuthentication: {
                                tls: {
                                    certificateAuthorityArns: [
                                        "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/1",
                                    ],
                                },
                                unauthenticated: false,
                            },
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [msk({ clientAuthentication: { ...IAM_AUTH, unauthenticated: true } })],
                    message: /clientAuthentication.unauthenticated is true/,
                    unknown: "kafka:clientAuthentication.unauthenticated",
                },
                {
                    stack: [msk({})],
                    message: /sets no method/,
                },
                {
                    stack: [
                        msk({ clientAuthentication: { tls: { certificateAuthorityArns: [] } } }),
                    ],
                    message: /sets no method/,
                    unknown: "kafka:clientAuthentication.tls",
                },
            ],
        },
        "cloudfront-viewer-https": {
            compliant: [
                { stack: [distribution()] },
                {
                    stack: [
                        distribution(
                            {
                                orderedCacheBehaviors: undefined,
                                cacheBehaviors: [
                                    { ...behavior("files", "https-only"), pathPattern: "/f/*" },
                                ],
                            },
                            "aws:cloudfront/multitenantDistribution:MultitenantDistribution",
                        ),
                    ],
                },
            ],
            violating: [
                {
                    stack: [distribution({ defaultCacheBehavior: behavior("web", "allow-all") })],
                    message: /defaultCacheBehavior has viewerProtocolPolicy "allow-all"/,
                    unknown: "cdn:defaultCacheBehavior.viewerProtocolPolicy",
                },
                {
                    stack: [
                        distribution({
                            orderedCacheBehaviors: [
                                { ...behavior("files"), pathPattern: "/files/*" },
                                { ...behavior("files", "allow-all"), pathPattern: "/public/*" },
                            ],
                        }),
                    ],
                    message:
                        /orderedCacheBehaviors\[1\] \(\/public\/\*\) has viewerProtocolPolicy "allow-all"/,
                },
                {
                    stack: [
                        distribution(
                            {
                                orderedCacheBehaviors: undefined,
                                cacheBehaviors: [
                                    { ...behavior("files", "allow-all"), pathPattern: "/f/*" },
                                ],
                            },
                            "aws:cloudfront/multitenantDistribution:MultitenantDistribution",
                        ),
                    ],
                    message: /cacheBehaviors\[0\] \(\/f\/\*\) has viewerProtocolPolicy "allow-all"/,
                },
            ],
        },
        "cloudfront-viewer-tls12": {
            compliant: [
                { stack: [distribution()] },
                {
                    stack: [
                        distribution({
                            viewerCertificate: {
                                acmCertificateArn: CERT,
                                sslSupportMethod: "sni-only",
                                minimumProtocolVersion: "TLSv1.3_2025",
                            },
                        }),
                    ],
                },
                { stack: [multitenant()] },
                // Every TLS 1.2 policy: AWS Config fails only values below TLSv1.2_2018.
                ...["TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2025"].map((version) => ({
                    stack: [
                        distribution({
                            viewerCertificate: {
                                acmCertificateArn: CERT,
                                sslSupportMethod: "sni-only",
                                minimumProtocolVersion: version,
                            },
                        }),
                    ],
                })),
                {
                    // An explicit allowlist entry.
                    stack: [distribution()],
                    config: { allowedSecurityPolicies: ["TLSv1.2_2021"] },
                },
            ],
            violating: [
                {
                    stack: [
                        multitenant({
                            viewerCertificate: {
                                acmCertificateArn: CERT,
                                sslSupportMethod: "sni-only",
                                minimumProtocolVersion: "TLSv1_2016",
                            },
                        }),
                    ],
                    message:
                        /minimumProtocolVersion is TLSv1_2016: allowed are TLSv1.2_\*, TLSv1.3_\*/,
                    unknown: "saas:viewerCertificate.minimumProtocolVersion",
                },
                {
                    stack: [
                        distribution({
                            viewerCertificate: {
                                cloudfrontDefaultCertificate: true,
                                minimumProtocolVersion: "TLSv1.2_2021",
                            },
                        }),
                    ],
                    message: /cloudfrontDefaultCertificate is true/,
                    unknown: "cdn:viewerCertificate.cloudfrontDefaultCertificate",
                },
                {
                    stack: [
                        distribution({
                            viewerCertificate: {
                                acmCertificateArn: CERT,
                                sslSupportMethod: "sni-only",
                                minimumProtocolVersion: "TLSv1.1_2016",
                            },
                        }),
                    ],
                    message: /minimumProtocolVersion is TLSv1.1_2016: allowed are TLSv1.2_\*/,
                    unknown: "cdn:viewerCertificate.minimumProtocolVersion",
                },
                {
                    stack: [
                        distribution({
                            viewerCertificate: {
                                acmCertificateArn: CERT,
                                sslSupportMethod: "sni-only",
                            },
                        }),
                    ],
                    message: /minimumProtocolVersion is unset \(default TLSv1\)/,
                },
                {
                    stack: [distribution()],
                    message: /minimumProtocolVersion is TLSv1.2_2021: allowed are TLSv1.3_2025/,
                    config: { allowedSecurityPolicies: ["TLSv1.3_2025"] },
                },
                {
                    // A configured prefix pattern.
                    stack: [distribution()],
                    message: /minimumProtocolVersion is TLSv1.2_2021: allowed are TLSv1.3_\*/,
                    config: { allowedSecurityPolicies: ["TLSv1.3_*"] },
                },
            ],
        },
        "cloudfront-origin-https": {
            compliant: [
                { stack: [distribution()] },
                {
                    // match-viewer is HTTPS when no behaviour admits plain HTTP.
                    stack: [
                        distribution({
                            origins: [
                                webOrigin({ originProtocolPolicy: "match-viewer" }),
                                s3Origin,
                            ],
                        }),
                    ],
                },
                {
                    // An https-only origin may serve an allow-all behaviour (the viewer rule judges that).
                    stack: [distribution({ defaultCacheBehavior: behavior("web", "allow-all") })],
                },
                {
                    // A VPC origin's protocol is judged on the VpcOrigin.
                    stack: [
                        distribution({
                            origins: [
                                {
                                    originId: "alb",
                                    domainName: "internal",
                                    vpcOriginConfig: { vpcOriginId: "vo-1" },
                                },
                            ],
                            defaultCacheBehavior: behavior("alb"),
                            orderedCacheBehaviors: [],
                        }),
                        vpcOrigin({}),
                    ],
                },
                { stack: [vpcOrigin({})] },
                { stack: [multitenant()] },
                {
                    // A multi-tenant distribution's VPC origin is judged on the VpcOrigin.
                    stack: [
                        multitenant({
                            origins: [
                                {
                                    id: "alb",
                                    domainName: "internal",
                                    vpcOriginConfigs: [{ vpcOriginId: "vo-1" }],
                                },
                            ],
                            defaultCacheBehavior: {
                                targetOriginId: "alb",
                                viewerProtocolPolicy: "https-only",
                                allowedMethods: {
                                    items: ["GET", "HEAD"],
                                    cachedMethods: ["GET", "HEAD"],
                                },
                            },
                        }),
                    ],
                },
            ],
            violating: [
                {
                    // A multi-tenant distribution's custom origin, in its `customOriginConfigs` list.
                    stack: [multitenant({}, { originProtocolPolicy: "http-only" })],
                    message: /origin web has originProtocolPolicy "http-only"/,
                    unknown: "saas:origins.0.customOriginConfigs.0.originProtocolPolicy",
                },
                {
                    // match-viewer behind an allow-all behaviour of an origin group (named `id`).
                    stack: [
                        multitenant(
                            {
                                originGroups: [
                                    {
                                        id: "failover",
                                        failoverCriteria: { statusCodes: [500, 502] },
                                        members: [{ originId: "web" }],
                                    },
                                ],
                                defaultCacheBehavior: {
                                    targetOriginId: "failover",
                                    viewerProtocolPolicy: "allow-all",
                                    allowedMethods: {
                                        items: ["GET", "HEAD"],
                                        cachedMethods: ["GET", "HEAD"],
                                    },
                                },
                            },
                            { originProtocolPolicy: "match-viewer" },
                        ),
                    ],
                    message:
                        /origin web has originProtocolPolicy "match-viewer" and an "allow-all" cache behaviour serves it/,
                },
                {
                    stack: [
                        distribution({
                            origins: [webOrigin({ originProtocolPolicy: "http-only" }), s3Origin],
                        }),
                    ],
                    message: /origin web has originProtocolPolicy "http-only"/,
                    unknown: "cdn:origins.0.customOriginConfig.originProtocolPolicy",
                },
                {
                    stack: [
                        distribution({
                            origins: [
                                webOrigin({ originProtocolPolicy: "match-viewer" }),
                                s3Origin,
                            ],
                            defaultCacheBehavior: behavior("web", "allow-all"),
                        }),
                    ],
                    message:
                        /origin web has originProtocolPolicy "match-viewer" and an "allow-all" cache behaviour serves it/,
                    unknown: "cdn:defaultCacheBehavior.viewerProtocolPolicy",
                },
                {
                    stack: [
                        distribution({
                            orderedCacheBehaviors: [
                                { ...behavior("files", "allow-all"), pathPattern: "/files/*" },
                            ],
                        }),
                    ],
                    message: /origin files is an S3 origin/,
                },
                {
                    // Through an origin group.
                    stack: [
                        distribution({
                            originGroups: [
                                {
                                    originId: "failover",
                                    failoverCriteria: { statusCodes: [500] },
                                    members: [{ originId: "web" }, { originId: "files" }],
                                },
                            ],
                            orderedCacheBehaviors: [
                                { ...behavior("failover", "allow-all"), pathPattern: "/files/*" },
                            ],
                        }),
                    ],
                    message: /origin files is an S3 origin/,
                },
                {
                    stack: [vpcOrigin({ originProtocolPolicy: "match-viewer" })],
                    message:
                        /originProtocolPolicy is match-viewer: a VPC origin must be "https-only"/,
                    unknown: "alb-origin:vpcOriginEndpointConfig.originProtocolPolicy",
                },
            ],
        },
        "cloudfront-origin-tls12": {
            compliant: [
                { stack: [distribution()] },
                { stack: [multitenant()] },
                { stack: [vpcOrigin({})] },
                {
                    // The protocol policy is another rule's concern.
                    stack: [
                        distribution({
                            origins: [webOrigin({ originProtocolPolicy: "http-only" }), s3Origin],
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        distribution({
                            origins: [
                                webOrigin({ originSslProtocols: ["TLSv1", "TLSv1.2"] }),
                                s3Origin,
                            ],
                        }),
                    ],
                    message: /origin web originSslProtocols include TLSv1: only TLSv1.2/,
                    unknown: "cdn:origins.0.customOriginConfig.originSslProtocols",
                },
                {
                    stack: [
                        distribution({
                            origins: [webOrigin({ originSslProtocols: ["SSLv3"] }), s3Origin],
                        }),
                    ],
                    message: /origin web originSslProtocols include SSLv3/,
                },
                {
                    // A multi-tenant distribution's custom origin, in its `customOriginConfigs` list.
                    stack: [multitenant({}, { originSslProtocols: ["TLSv1.1", "TLSv1.2"] })],
                    message: /origin web originSslProtocols include TLSv1.1: only TLSv1.2/,
                    unknown: "saas:origins.0.customOriginConfigs.0.originSslProtocols",
                },
                {
                    stack: [
                        vpcOrigin({
                            originSslProtocols: { items: ["TLSv1.1", "TLSv1.2"], quantity: 2 },
                        }),
                    ],
                    message: /vpcOriginEndpointConfig originSslProtocols include TLSv1.1/,
                    unknown: "alb-origin:vpcOriginEndpointConfig.originSslProtocols.items",
                },
            ],
        },
        "transfer-server-no-ftp": {
            compliant: [
                { stack: [transfer({ protocols: ["SFTP", "FTPS"] })] },
                // Protocols unset: SFTP only.
                { stack: [transfer({})] },
            ],
            violating: [
                {
                    stack: [transfer({ protocols: ["SFTP", "FTP"] })],
                    message: /protocols include FTP/,
                    unknown: "sftp:protocols",
                },
                { stack: [transfer({ protocols: ["FTP"] })], message: /protocols include FTP/ },
            ],
        },
        "transfer-server-security-policy": {
            compliant: [
                { stack: [transfer({ securityPolicyName: "TransferSecurityPolicy-2024-01" })] },
                {
                    stack: [
                        transfer({ securityPolicyName: "TransferSecurityPolicy-FIPS-2024-05" }),
                    ],
                },
                {
                    stack: [transfer({ securityPolicyName: "TransferSecurityPolicy-2018-11" })],
                    config: { allowedSecurityPolicies: ["TransferSecurityPolicy-2018-11"] },
                },
            ],
            violating: [
                {
                    stack: [transfer({ protocols: ["SFTP"] })],
                    message:
                        /securityPolicyName is unset \(the provider's default TransferSecurityPolicy-2018-11\)/,
                },
                {
                    stack: [transfer({ securityPolicyName: "TransferSecurityPolicy-2018-11" })],
                    message:
                        /securityPolicyName is TransferSecurityPolicy-2018-11: it is not one of the allowed/,
                    unknown: "sftp:securityPolicyName",
                },
                {
                    stack: [transfer({ securityPolicyName: "TransferSecurityPolicy-2024-01" })],
                    message: /not one of the allowed/,
                    config: { allowedSecurityPolicies: ["TransferSecurityPolicy-2025-03"] },
                },
            ],
        },
    });

    it("elasticache-auth: a user group decides, though the auth token is unknown (not undecided)", () => {
        const found = run(elasticacheAuth, [
            replicationGroup({ userGroupIds: ["sessions-users"], authToken: UNKNOWN_VALUE }),
        ]);
        expect(found.findings).to.deep.equal([]);
        expect(found.undecided.map((u) => u.policy)).to.not.include("elasticache-auth");
    });
});
