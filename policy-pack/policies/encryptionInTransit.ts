import type { PolicyResource } from "@pulumi/policy";
import { resourceRule, stackRule } from "../lib/policy";
import { statementsOf } from "../lib/policyDocuments";
import {
    LISTENER,
    LISTENER_CERTIFICATE,
    LISTENER_RULE,
    LOAD_BALANCER,
    RDS_CLUSTER,
    RDS_INSTANCE,
    S3_BUCKET,
    S3_POLICY,
} from "../lib/tokens";
import { known, UNKNOWN } from "../lib/unknown";

const IN_TRANSIT = "164.312(a)(2)(iv), 164.312(e)(1), 164.312(e)(2)(i), 164.312(e)(2)(ii)";

/** An HTTP listener whose only default action redirects to HTTPS. */

function redirectsToHttps(props: any): boolean {
    const actions = (props.defaultActions ?? []) as {
        type?: string;
        redirect?: { protocol?: string };
    }[];
    return (
        actions.length === 1 &&
        actions[0].type === "redirect" &&
        actions[0].redirect?.protocol === "HTTPS"
    );
}

export const albHttpRedirectsToHttps = stackRule({
    name: "alb-http-redirects-to-https",
    area: "encryption-in-transit",
    description:
        "Checks that plain-HTTP load balancer listeners only redirect to HTTPS, and that no listener rule on them forwards traffic.",
    citation: IN_TRANSIT,
    awsConfig: "alb-http-to-https-redirection-check",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Give HTTP listeners a single default action `{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }` and no forwarding rules.',
    check(stack) {
        const httpListeners = new Set<string>();
        stack.each(
            stack.resources.filter((r) => LISTENER.includes(r.type)),
            (l) => {
                // An application load balancer's listener without a protocol is HTTP.
                const balancers = (l.propertyDependencies.loadBalancerArn ?? []).filter((b) =>
                    LOAD_BALANCER.includes(b.type),
                );
                const application = balancers.every(
                    (b) => (b.props.loadBalancerType ?? "application") === "application",
                );
                if ((l.props.protocol ?? (application ? "HTTP" : undefined)) === "HTTP")
                    httpListeners.add(l.urn);
            },
        );
        stack.each(
            stack.subjects(LISTENER).filter((l) => httpListeners.has(l.urn)),
            (l) => {
                if (!redirectsToHttps(l.props))
                    stack.report(
                        "HTTP listener does not redirect to HTTPS: PHI would cross the internet in clear text",
                        l,
                    );
            },
        );
        stack.each(stack.subjects(LISTENER_RULE), (rule) => {
            const onHttp = (rule.propertyDependencies.listenerArn ?? []).some((l) =>
                httpListeners.has(l.urn),
            );
            const actions = (rule.props.actions ?? []) as {
                type?: string;
                redirect?: { protocol?: string };
            }[];
            if (
                onHttp &&
                actions.some(
                    (a) =>
                        a.type !== "fixed-response" &&
                        !(a.type === "redirect" && a.redirect?.protocol === "HTTPS"),
                )
            ) {
                stack.report(
                    "listener rule on an HTTP listener serves traffic instead of redirecting to HTTPS",
                    rule,
                );
            }
        });
    },
});

const TLS12_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS-1-2-2017-01",
    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
    "ELBSecurityPolicy-FS-1-2-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10",
];

export const albListenerTls12 = resourceRule<{ allowedSslPolicies: string[] }>({
    name: "alb-listener-tls12",
    area: "encryption-in-transit",
    description:
        "Checks that load balancer listeners terminate TLS with an explicit security policy allowing TLS 1.2 or later only.",
    citation: IN_TRANSIT,
    awsConfig: "elb-predefined-security-policy-ssl-check, elb-tls-https-listeners-only",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Use `protocol: "HTTPS"` (or TLS) with `sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06"` or another policy from the allowlist; plain HTTP listeners may only redirect.',
    config: {
        allowedSslPolicies: {
            description:
                "ELB security policies accepted on HTTPS and TLS listeners (TLS 1.2 minimum).",
            default: TLS12_POLICIES,
            schema: { type: "array", items: { type: "string" }, minItems: 1 },
        },
    },
    types: LISTENER,
    check(props, { report, config }) {
        // Unset is HTTP on an application load balancer: a redirect to HTTPS is all it may do.
        if ((props.protocol ?? "HTTP") === "HTTP" && redirectsToHttps(props)) {
            return;
        }
        if (props.protocol !== "HTTPS" && props.protocol !== "TLS") {
            report(
                `protocol is ${props.protocol ?? "unset"}: listeners that serve traffic must use HTTPS or TLS`,
            );
        } else if (!config.allowedSslPolicies.includes(props.sslPolicy as string)) {
            report(
                `sslPolicy ${props.sslPolicy ?? "(unset: the provider's default)"} is not one of the allowed TLS 1.2+ policies: ${config.allowedSslPolicies.slice(0, 3).join(", ")}, …`,
            );
        }
    },
});

const ACM_ARN = /^arn:aws[-a-z]*:acm:/;
const ACM_TYPES = [
    "aws:acm/certificate:Certificate",
    "aws:acm/certificateValidation:CertificateValidation",
];

export const albListenerAcmCert = stackRule({
    name: "alb-listener-acm-cert",
    area: "encryption-in-transit",
    description:
        "Checks that HTTPS and TLS listeners present an ACM certificate (renewed by AWS), not an IAM-uploaded one.",
    citation: "164.312(a)(2)(iv), 164.312(e)(2)(ii)",
    awsConfig: "elbv2-acm-certificate-required",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Issue the certificate with `aws.acm.Certificate` (DNS validation) and pass its ARN as `certificateArn`.",
    check(stack) {
        const judge = (r: PolicyResource) => {
            if (
                LISTENER.includes(r.type) &&
                r.props.protocol !== "HTTPS" &&
                r.props.protocol !== "TLS"
            ) {
                return;
            }
            const arn = known(() => r.props.certificateArn as unknown);
            if (arn === UNKNOWN) {
                // At preview the ARN of a certificate created in this run is unknown: judge its source instead.
                const sources = r.propertyDependencies.certificateArn ?? [];
                if (!sources.some((s) => ACM_TYPES.includes(s.type)))
                    stack.report("certificateArn does not come from an ACM certificate", r);
            } else if (typeof arn !== "string" || !ACM_ARN.test(arn)) {
                stack.report(`certificateArn ${String(arn)} is not an ACM certificate ARN`, r);
            }
        };
        stack.each(stack.subjects([...LISTENER, ...LISTENER_CERTIFICATE]), judge);
    },
});

export const acmCertAutoRenewable = resourceRule({
    name: "acm-cert-auto-renewable",
    area: "encryption-in-transit",
    description:
        "Checks that ACM certificates are issued by ACM with DNS validation, so they renew without anyone acting.",
    citation: "164.312(e)(1)",
    awsConfig: "acm-certificate-expiration-check (detective)",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        'Request the certificate from ACM with `validationMethod: "DNS"` instead of importing `certificateBody`/`privateKey`.',
    types: ["aws:acm/certificate:Certificate"],
    check(props, { report }) {
        if (props.privateKey || props.certificateBody) {
            report("the certificate is imported: ACM does not renew imported certificates");
        } else if (!props.certificateAuthorityArn && props.validationMethod !== "DNS") {
            report(
                `validationMethod is ${props.validationMethod ?? "unset"}: only DNS-validated certificates renew unattended`,
            );
        }
    },
});

export const albDropInvalidHeaders = resourceRule({
    name: "alb-drop-invalid-headers",
    area: "encryption-in-transit",
    description:
        "Checks that application load balancers drop HTTP headers with invalid fields (request smuggling).",
    citation: IN_TRANSIT,
    awsConfig: "none (cdk-nag ALBHttpDropInvalidHeaderEnabled)",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps: "Set `dropInvalidHeaderFields: true` on the load balancer.",
    types: LOAD_BALANCER,
    check(props, { report }) {
        if (
            (props.loadBalancerType ?? "application") === "application" &&
            props.dropInvalidHeaderFields !== true
        ) {
            report("dropInvalidHeaderFields is not true");
        }
    },
});

/** Whether a bucket policy denies every request made without TLS, on the bucket and its objects. */
function deniesInsecureTransport(policy: unknown): boolean {
    return (statementsOf(policy) ?? []).some((s) => {
        const secure = s.condition?.Bool?.["aws:SecureTransport"];
        return (
            s.effect === "Deny" &&
            s.principals.includes("*") &&
            s.actions.some((a) => a === "s3:*" || a === "*") &&
            [secure].flat().map(String).includes("false") &&
            s.resources.some((r) => r === "*" || r.endsWith("/*")) &&
            s.resources.some((r) => r === "*" || !r.endsWith("/*"))
        );
    });
}

export const s3BucketSslOnly = stackRule({
    name: "s3-bucket-ssl-only",
    area: "encryption-in-transit",
    description:
        "Checks that every S3 bucket's policy denies requests made without TLS (aws:SecureTransport false), on the bucket and its objects.",
    citation:
        "164.312(a)(2)(iv), 164.312(c)(2), 164.312(e)(1), 164.312(e)(2)(i), 164.312(e)(2)(ii)",
    awsConfig: "s3-bucket-ssl-requests-only",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Attach an `aws.s3.BucketPolicy` with a statement `Effect: Deny, Principal: "*", Action: "s3:*", Resource: [bucketArn, bucketArn/*], Condition: { Bool: { "aws:SecureTransport": "false" } }`.',
    check(stack) {
        stack.each(stack.subjects(S3_BUCKET), (bucket) => {
            const policies = stack.linked(bucket, S3_POLICY, "bucket");
            const documents = policies.map((p) => known(() => p.props.policy as unknown));
            const inline = bucket.props.policy as unknown;
            const knownDocuments = [...documents, inline].filter((d) => d !== UNKNOWN);
            if (knownDocuments.some(deniesInsecureTransport)) return;
            // Decided at pulumi up, when the policy document is known.
            if (documents.includes(UNKNOWN)) return stack.undecided(bucket);
            stack.report(
                policies.length === 0 && !inline
                    ? "the bucket has no bucket policy, so nothing denies plain-HTTP requests"
                    : "no statement of the bucket policy denies requests without aws:SecureTransport on the bucket and its objects",
                bucket,
            );
        });
    },
});

/** The parameter that forces TLS for each engine family, and the values that turn it on. */
function tlsParameter(engineOrFamily: string): { name: string; values: string[] } | undefined {
    if (/mysql|mariadb/.test(engineOrFamily))
        return { name: "require_secure_transport", values: ["ON", "1", "on", "true"] };
    if (/postgres/.test(engineOrFamily))
        return { name: "rds.force_ssl", values: ["1", "on", "true"] };
    return undefined;
}

/**
 * RDS for PostgreSQL 15 and later turns rds.force_ssl on in its default parameters (Aurora
 * PostgreSQL does not): there, only an explicit 0 accepts unencrypted connections.
 */
function tlsByDefault(engineOrFamily: string, version?: string): boolean {
    const family = /^postgres(\d+)$/.exec(engineOrFamily);
    if (family) return Number(family[1]) >= 15;
    if (engineOrFamily !== "postgres") return false;
    const major = version === undefined ? undefined : Number(/^(\d+)/.exec(version)?.[1]);
    // Unset: RDS creates the default version, 15 or later for years now.
    return major === undefined || major >= 15;
}

export const rdsRequireTls = stackRule({
    name: "rds-require-tls",
    area: "encryption-in-transit",
    description:
        "Checks that MySQL and PostgreSQL databases refuse unencrypted connections through a custom parameter group (require_secure_transport / rds.force_ssl), or, on RDS for PostgreSQL 15 and later, do not turn rds.force_ssl off.",
    citation: "164.312(e)(1), 164.312(e)(2)(ii)",
    awsConfig: "none (checkov CKV2_AWS_69; by analogy with redshift-require-tls-ssl)",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Create an `aws.rds.ClusterParameterGroup` (Aurora) or `aws.rds.ParameterGroup` with `require_secure_transport = ON` (MySQL) or `rds.force_ssl = 1` (PostgreSQL) and reference it from the database.",
    check(stack) {
        const groupTypes = {
            [RDS_CLUSTER]: [
                "aws:rds/clusterParameterGroup:ClusterParameterGroup",
                "dbClusterParameterGroupName",
            ],
            [RDS_INSTANCE]: ["aws:rds/parameterGroup:ParameterGroup", "parameterGroupName"],
        } as const;
        const enforcesTls = (group: PolicyResource) => {
            const parameter = tlsParameter(String(group.props.family ?? ""));
            const parameters = (group.props.parameters ?? []) as {
                name?: string;
                value?: string;
            }[];
            if (parameter && tlsByDefault(String(group.props.family ?? "")))
                return !parameters.some(
                    (p) => p.name === parameter.name && !parameter.values.includes(String(p.value)),
                );
            return (
                !parameter ||
                parameters.some(
                    (p) => p.name === parameter.name && parameter.values.includes(String(p.value)),
                )
            );
        };
        stack.each(stack.subjects([RDS_CLUSTER, RDS_INSTANCE]), (db) => {
            if (!tlsParameter(String(db.props.engine ?? ""))) {
                return;
            }
            const [groupType, input] = groupTypes[db.type as keyof typeof groupTypes];
            const groups = (db.propertyDependencies[input] ?? []).filter(
                (g) => g.type === groupType,
            );
            const name = known(() => db.props[input] as unknown);
            if (groups.length === 0 && name === UNKNOWN) return stack.undecided(db);
            const onByDefault = tlsByDefault(
                String(db.props.engine ?? ""),
                db.props.engineVersion as string | undefined,
            );
            if (groups.length === 0 && onByDefault) return; // the default group forces TLS
            if (groups.length === 0) {
                if (
                    name === undefined ||
                    (typeof name === "string" && name.startsWith("default."))
                ) {
                    stack.report(
                        `${input} is ${name === undefined ? "unset" : `"${name}"`}: the default parameter group accepts unencrypted connections`,
                        db,
                    );
                }
                return; // a group from outside this stack cannot be inspected here
            }
            const verdicts = groups.map((g) => known(() => !enforcesTls(g)));
            if (verdicts.includes(UNKNOWN)) stack.undecided(db);
            const weak = groups.filter((_, i) => verdicts[i] === true);
            for (const g of weak) {
                stack.report(
                    `parameter group ${g.name} does not set ${tlsParameter(String(g.props.family))?.name} to require TLS`,
                    db,
                );
            }
        });
    },
});

export const ecsEfsTransitEncryption = resourceRule({
    name: "ecs-efs-transit-encryption",
    area: "encryption-in-transit",
    description:
        "Checks that ECS task definitions mount EFS volumes with TLS and IAM authorization.",
    citation: "164.312(e)(1), 164.312(e)(2)(ii)",
    awsConfig: "none (checkov CKV_AWS_97)",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Set `efsVolumeConfiguration.transitEncryption: "ENABLED"` and `authorizationConfig.iam: "ENABLED"` on every EFS volume.',
    types: ["aws:ecs/taskDefinition:TaskDefinition"],
    check(props, { report }) {
        for (const volume of (props.volumes ?? []) as {
            name?: string;
            efsVolumeConfiguration?: {
                transitEncryption?: string;
                authorizationConfig?: { iam?: string };
            };
        }[]) {
            const efs = volume.efsVolumeConfiguration;
            if (efs && efs.transitEncryption !== "ENABLED") {
                report(
                    `EFS volume ${volume.name ?? ""} has transitEncryption ${efs.transitEncryption ?? "unset"}: NFS traffic would be clear text`,
                );
            } else if (efs && efs.authorizationConfig?.iam !== "ENABLED") {
                report(`EFS volume ${volume.name ?? ""} does not use IAM authorization`);
            }
        }
    },
});

export const encryptionInTransitPolicies = [
    albHttpRedirectsToHttps,
    albListenerTls12,
    albListenerAcmCert,
    acmCertAutoRenewable,
    albDropInvalidHeaders,
    s3BucketSslOnly,
    rdsRequireTls,
    ecsEfsTransitEncryption,
];
