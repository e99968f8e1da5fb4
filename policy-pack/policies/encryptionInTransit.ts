import type { PolicyResource } from "@pulumi/policy";
import { parameterGroupOf, parameterValue } from "../lib/parameterGroups";
import { TLS12_POLICIES } from "../lib/floors";
import { resourceRule, type StackCheck, stackRule } from "../lib/policy";
import { actionMatches, type Statement, statementsOf } from "../lib/policyDocuments";
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

/** The Security Rule citations shared by the in-transit rules (here and in dataServicesInTransit). */
export const IN_TRANSIT = "164.312(a)(2)(iv), 164.312(e)(1), 164.312(e)(2)(i), 164.312(e)(2)(ii)";

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
    judges: [...LISTENER, ...LISTENER_RULE],
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
            default: [...TLS12_POLICIES],
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
    judges: [...LISTENER, ...LISTENER_CERTIFICATE],
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

/** What a statement must deny, to everyone, for requests made without TLS. */
interface TlsDenial {
    /** Actions the denial must cover (IAM action patterns of the statement are matched against them). */
    actions: readonly string[];
    /** A service key giving the TLS version of the request (S3: s3:TlsVersion), if the service has one. */
    tlsVersionKey?: string;
}

/**
 * Whether one condition entry (operator, key, values) holds for every request made without TLS:
 * `aws:SecureTransport` false under `Bool` (the form AWS documents) or `BoolIfExists` (also true
 * when the key is missing), or, where the service has one, its TLS version key below 1.2 or more
 * under `NumericLessThan[IfExists]` (AWS documents `NumericLessThan s3:TlsVersion 1.2` as a way to
 * refuse plain HTTP as well as old TLS). Context-key names are case-insensitive in IAM; operators
 * are matched as AWS spells them.
 */
function holdsWithoutTls(operator: string, key: string, values: unknown[], tlsVersionKey?: string) {
    const name = key.toLowerCase();
    if ((operator === "Bool" || operator === "BoolIfExists") && name === "aws:securetransport")
        return values.some((v) => v === false || v === "false");
    if (
        (operator === "NumericLessThan" || operator === "NumericLessThanIfExists") &&
        tlsVersionKey !== undefined &&
        name === tlsVersionKey.toLowerCase()
    )
        return values.some((v) => Number(v) >= 1.2);
    return false;
}

/**
 * Whether a statement denies everyone every request made without TLS for the given actions: an
 * explicit Deny, Principal "*", Action covering them (NotAction is not accepted), and a condition
 * every entry of which holds without TLS (any other entry, e.g. aws:SourceVpce, narrows the denial
 * to some requests only). Shared by the S3, SNS and SQS rules.
 */
function deniesWithoutTls(s: Statement, denial: TlsDenial): boolean {
    const entries = Object.entries(s.condition ?? {}).flatMap(([operator, block]) =>
        Object.entries(block ?? {}).map(([key, value]) => ({
            operator,
            key,
            values: [value].flat<unknown[]>(),
        })),
    );
    return (
        s.effect === "Deny" &&
        s.principals.includes("*") &&
        s.notActions.length === 0 &&
        denial.actions.every((a) => s.actions.some((pattern) => actionMatches(pattern, a))) &&
        entries.length > 0 &&
        entries.every((e) => holdsWithoutTls(e.operator, e.key, e.values, denial.tlsVersionKey))
    );
}

const S3_DENIAL: TlsDenial = { actions: ["s3:*"], tlsVersionKey: "s3:TlsVersion" };

/** Whether a bucket policy denies every request made without TLS, on the bucket and its objects. */
function bucketDeniesInsecureTransport(policy: unknown): boolean {
    return (statementsOf(policy) ?? []).some(
        (s) =>
            deniesWithoutTls(s, S3_DENIAL) &&
            s.resources.some((r) => r === "*" || r.endsWith("/*")) &&
            s.resources.some((r) => r === "*" || !r.endsWith("/*")),
    );
}

/**
 * Judges a resource whose policy (inline `policy`, or companion policy resources) must deny plain
 * HTTP: passes when one known document does, counts it undecided when a document is unknown, and
 * otherwise reports what is missing.
 */
function judgeTlsOnlyPolicy(
    stack: StackCheck<object>,
    subject: PolicyResource,
    companions: PolicyResource[],
    denies: (document: unknown) => boolean,
    messages: { none: string; weak: string },
): void {
    const documents = [
        ...companions.map((p) => known(() => p.props.policy as unknown)),
        known(() => subject.props.policy as unknown),
    ];
    const present = documents.filter((d) => d !== undefined && d !== null && d !== "");
    if (present.some((d) => d !== UNKNOWN && denies(d))) return;
    // Decided at pulumi up, when the policy document is known.
    if (present.includes(UNKNOWN)) return stack.undecided(subject);
    stack.report(present.length === 0 ? messages.none : messages.weak, subject);
}

export const s3BucketSslOnly = stackRule({
    name: "s3-bucket-ssl-only",
    area: "encryption-in-transit",
    description:
        "Checks that every S3 bucket's policy (an aws.s3.BucketPolicy or the bucket's inline policy) denies everyone all S3 actions on the bucket and its objects for requests made without TLS: aws:SecureTransport false under Bool or BoolIfExists, or s3:TlsVersion below 1.2 under NumericLessThan[IfExists], and no other condition.",
    citation:
        "164.312(a)(2)(iv), 164.312(c)(2), 164.312(e)(1), 164.312(e)(2)(i), 164.312(e)(2)(ii)",
    awsConfig: "s3-bucket-ssl-requests-only",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Attach an `aws.s3.BucketPolicy` with a statement `Effect: Deny, Principal: "*", Action: "s3:*", Resource: [bucketArn, bucketArn/*], Condition: { Bool: { "aws:SecureTransport": "false" } }`.',
    judges: S3_BUCKET,
    check(stack) {
        stack.each(stack.subjects(S3_BUCKET), (bucket) =>
            judgeTlsOnlyPolicy(
                stack,
                bucket,
                stack.linked(bucket, S3_POLICY, "bucket"),
                bucketDeniesInsecureTransport,
                {
                    none: "the bucket has no bucket policy, so nothing denies plain-HTTP requests",
                    weak: 'no statement of the bucket policy denies requests without TLS on the bucket and its objects (Deny, Principal "*", Action s3:*, Condition Bool/BoolIfExists aws:SecureTransport "false" or NumericLessThan s3:TlsVersion 1.2, nothing else)',
                },
            ),
        );
    },
});

const SNS_TOPIC = "aws:sns/topic:Topic";
const SQS_QUEUE = "aws:sqs/queue:Queue";
/** For each messaging resource: its separate policy resource, the input naming it, the data actions. */
const MESSAGING = {
    [SNS_TOPIC]: {
        policyType: "aws:sns/topicPolicy:TopicPolicy",
        input: "arn",
        denial: { actions: ["sns:Publish"] },
        noun: "topic",
    },
    [SQS_QUEUE]: {
        policyType: "aws:sqs/queuePolicy:QueuePolicy",
        input: "queueUrl",
        denial: { actions: ["sqs:SendMessage", "sqs:ReceiveMessage"] },
        noun: "queue",
    },
} as const;

export const snsSqsSslOnly = stackRule({
    name: "sns-sqs-ssl-only",
    area: "encryption-in-transit",
    description:
        "Checks that every SNS topic's policy denies everyone sns:Publish, and every SQS queue's policy denies everyone sqs:SendMessage and sqs:ReceiveMessage, for requests made without TLS (Bool or BoolIfExists aws:SecureTransport \"false\"), in the inline policy or an aws.sns.TopicPolicy / aws.sqs.QueuePolicy.",
    citation: "164.312(e)(1), 164.312(e)(2)(ii)",
    awsConfig: "none (SNS and SQS security best practices: enforce encryption of data in transit)",
    severity: "medium",
    // Advisory: the services' endpoints also accept HTTP, but AWS SDKs and the AWS services that
    // publish (CloudWatch, EventBridge, S3, SES) use HTTPS. aws:SecureTransport is present in
    // every request context (true over HTTPS, false over HTTP), so a Bool deny on "false" refuses
    // only plain-HTTP requests and does not break them. The mail-notifications topic has no such
    // statement yet.
    enforcementLevel: "advisory",
    remediationSteps:
        'Add to the topic or queue policy a statement `Effect: Deny, Principal: "*", Action: ["sns:Publish"] (topics) or ["sqs:SendMessage", "sqs:ReceiveMessage"] (queues, or "sqs:*"), Resource: <arn>, Condition: { Bool: { "aws:SecureTransport": "false" } }`.',
    judges: [SNS_TOPIC, SQS_QUEUE],
    check(stack) {
        stack.each(stack.subjects([SNS_TOPIC, SQS_QUEUE]), (r) => {
            const form = MESSAGING[r.type as keyof typeof MESSAGING];
            const actions = form.denial.actions.join(" and ");
            judgeTlsOnlyPolicy(
                stack,
                r,
                stack.linked(r, [form.policyType], form.input),
                (d) => (statementsOf(d) ?? []).some((s) => deniesWithoutTls(s, form.denial)),
                {
                    none: `the ${form.noun} has no policy, so nothing denies ${actions} over plain HTTP`,
                    weak: `no statement of the ${form.noun} policy denies ${actions} without TLS (Deny, Principal "*", Condition Bool aws:SecureTransport "false", nothing else)`,
                },
            );
        });
    },
});

const EFS_FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
/** Mounting is the one way in: a file system that refuses mounts without TLS is read over TLS only. */
const EFS_DENIAL: TlsDenial = { actions: ["elasticfilesystem:ClientMount"] };

export const efsTlsOnly = stackRule({
    name: "efs-tls-only",
    area: "encryption-in-transit",
    description:
        'Checks that every EFS file system has a file system policy (aws.efs.FileSystemPolicy) that denies everyone elasticfilesystem:ClientMount for requests made without TLS (Bool or BoolIfExists aws:SecureTransport "false"), so no client, ECS task or EC2 instance alike, can mount it over plain NFS.',
    citation: IN_TRANSIT,
    awsConfig: 'none (EFS console: "Enforce in-transit encryption for all clients")',
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Add an `aws.efs.FileSystemPolicy` with a statement `Effect: Deny, Principal: { AWS: "*" }, Action: "*", Resource: <file system ARN>, Condition: { Bool: { "aws:SecureTransport": "false" } }`, and mount with TLS (ECS: `transitEncryption: "ENABLED"`; EC2: `mount -t efs -o tls`).',
    judges: [EFS_FILE_SYSTEM],
    check(stack) {
        stack.each(stack.subjects([EFS_FILE_SYSTEM]), (fs) =>
            judgeTlsOnlyPolicy(
                stack,
                fs,
                stack.linked(fs, ["aws:efs/fileSystemPolicy:FileSystemPolicy"], "fileSystemId"),
                (d) => (statementsOf(d) ?? []).some((st) => deniesWithoutTls(st, EFS_DENIAL)),
                {
                    none: "the file system has no file system policy, so clients may mount it without TLS",
                    weak: 'no statement of the file system policy denies elasticfilesystem:ClientMount without TLS (Deny, Principal "*", Condition Bool aws:SecureTransport "false", nothing else)',
                },
            ),
        );
    },
});

/** The parameter that forces TLS for each engine family, and the values that turn it on. */
function tlsParameter(engineOrFamily: string): { name: string; values: string[] } | undefined {
    if (/mysql|mariadb/.test(engineOrFamily))
        return { name: "require_secure_transport", values: ["on", "1", "true"] };
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
        "Checks that MySQL, MariaDB and PostgreSQL databases refuse unencrypted connections through a custom parameter group declared in this stack (require_secure_transport / rds.force_ssl; a group from elsewhere cannot be inspected, so TLS cannot be confirmed), or, on RDS for PostgreSQL 15 and later, do not turn rds.force_ssl off.",
    citation: "164.312(e)(1), 164.312(e)(2)(ii)",
    awsConfig: "none (checkov CKV2_AWS_69; by analogy with redshift-require-tls-ssl)",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Create an `aws.rds.ClusterParameterGroup` (Aurora) or `aws.rds.ParameterGroup` with `require_secure_transport = ON` (MySQL, MariaDB) or `rds.force_ssl = 1` (PostgreSQL) and reference it from the database.",
    judges: [RDS_CLUSTER, RDS_INSTANCE],
    check(stack) {
        const groupTypes = {
            [RDS_CLUSTER]: [
                "aws:rds/clusterParameterGroup:ClusterParameterGroup",
                "dbClusterParameterGroupName",
            ],
            [RDS_INSTANCE]: ["aws:rds/parameterGroup:ParameterGroup", "parameterGroupName"],
        } as const;
        const enforcesTls = (group: PolicyResource) => {
            const family = String(group.props.family ?? "");
            const parameter = tlsParameter(family);
            if (!parameter) return true;
            const value = parameterValue(group, parameter.name)?.toLowerCase();
            const on = value !== undefined && parameter.values.includes(value);
            return tlsByDefault(family) ? value === undefined || on : on;
        };
        stack.each(stack.subjects([RDS_CLUSTER, RDS_INSTANCE]), (db) => {
            if (!tlsParameter(String(db.props.engine ?? ""))) {
                return;
            }
            const [groupType, input] = groupTypes[db.type as keyof typeof groupTypes];
            const ref = parameterGroupOf(db, input, [groupType], stack.ofType);
            if (ref.kind === "unknown") return stack.undecided(db);
            const onByDefault = tlsByDefault(
                String(db.props.engine ?? ""),
                db.props.engineVersion as string | undefined,
            );
            if (ref.kind === "default" && !onByDefault) {
                stack.report(
                    `${input} is ${ref.name === undefined ? "unset" : `"${ref.name}"`}: the default parameter group accepts unencrypted connections`,
                    db,
                );
            }
            // The default group of RDS for PostgreSQL 15+ forces TLS.
            if (ref.kind === "default") return;
            if (ref.kind === "external")
                return stack.report(
                    `${input} "${ref.name}" names a parameter group not declared in this stack, so TLS cannot be confirmed: declare the group here (with ${tlsParameter(String(db.props.engine ?? ""))?.name} on) or exempt the database with a reason`,
                    db,
                );
            const verdicts = ref.groups.map((g) => known(() => !enforcesTls(g)));
            if (verdicts.includes(UNKNOWN)) stack.undecided(db);
            for (const g of ref.groups.filter((_, i) => verdicts[i] === true)) {
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
    snsSqsSslOnly,
    efsTlsOnly,
    rdsRequireTls,
    ecsEfsTransitEncryption,
];
