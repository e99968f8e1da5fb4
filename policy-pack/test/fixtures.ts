import type { R } from "./cases";

/**
 * Resources several spec modules judge, as @pulumi/aws v7 declares them: one realistic, compliant
 * shape each, which a case changes through its overrides.
 */

export const CERT_ARN =
    "arn:aws:acm:us-east-1:123456789012:certificate/9f8e7d6c-1111-2222-3333-444455556666";
export const KMS_KEY_ARN =
    "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-aaaa-bbbb-cccc-000000000001";

/** An RDS (not Aurora) instance, as aws.rds.Instance declares it. */
export const rdsInstance = (props: Record<string, unknown> = {}): R => ({
    type: "aws:rds/instance:Instance",
    name: "pg",
    props: {
        identifier: "phi-pg",
        engine: "postgres",
        engineVersion: "16.4",
        instanceClass: "db.t4g.medium",
        allocatedStorage: 100,
        storageEncrypted: true,
        kmsKeyId: KMS_KEY_ARN,
        username: "app",
        manageMasterUserPassword: true,
        backupRetentionPeriod: 35,
        deletionProtection: true,
        ...props,
    },
});

/**
 * An aws.cloudfront.MultitenantDistribution: origins have an `id` and list their configs
 * (`customOriginConfigs`), allowed methods are an object, and there is no legacy `loggingConfig`
 * (only logging v2). `origin` overrides the custom origin's config.
 */
export const multitenantDistribution = (
    props: Record<string, unknown> = {},
    origin: Record<string, unknown> = {},
): R => ({
    type: "aws:cloudfront/multitenantDistribution:MultitenantDistribution",
    name: "saas",
    props: {
        enabled: true,
        comment: "tenant portals",
        origins: [
            {
                id: "web",
                domainName: "web.example.edu",
                customOriginConfigs: [
                    {
                        httpPort: 80,
                        httpsPort: 443,
                        originProtocolPolicy: "https-only",
                        originSslProtocols: ["TLSv1.2"],
                        ...origin,
                    },
                ],
            },
        ],
        defaultCacheBehavior: {
            targetOriginId: "web",
            viewerProtocolPolicy: "redirect-to-https",
            allowedMethods: { items: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"] },
            cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
        },
        viewerCertificate: {
            acmCertificateArn: CERT_ARN,
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.2_2021",
        },
        tenantConfig: {
            parameterDefinitions: [
                { name: "tenant", definitions: [{ stringSchemas: [{ required: true }] }] },
            ],
        },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        ...props,
    },
});
