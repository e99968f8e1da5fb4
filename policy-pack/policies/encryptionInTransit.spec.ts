import { describeCases, R } from "../test/cases";
import { encryptionInTransitPolicies } from "./encryptionInTransit";

const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/9f8e7d6c-1111-2222-3333-444455556666";
const redirect = {
    type: "redirect",
    redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
};
const forward = {
    type: "forward",
    targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1",
};
const listener = (
    name: string,
    props: Record<string, unknown>,
    token = "aws:lb/listener:Listener",
): R => ({
    type: token,
    name,
    props: {
        loadBalancerArn:
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1",
        ...props,
    },
});
const https = (props: Record<string, unknown> = {}, token?: string) =>
    listener(
        "https",
        {
            port: 443,
            protocol: "HTTPS",
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
            certificateArn: CERT,
            defaultActions: [forward],
            ...props,
        },
        token,
    );
const http = (actions: unknown[], token?: string) =>
    listener("http", { port: 80, protocol: "HTTP", defaultActions: actions }, token);
const bucket: R = { type: "aws:s3/bucket:Bucket", name: "uploads", props: { forceDestroy: false } };
const IAM_CERT = "arn:aws:iam::123456789012:server-certificate/web";
/** A listener rule (aws.lb.ListenerRule or aws.alb.ListenerRule) on the listener named `on`. */
const listenerRule = (
    actions: unknown[],
    on = "http",
    token = "aws:lb/listenerRule:ListenerRule",
): R => ({
    type: token,
    name: "api",
    props: {
        listenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/1/80",
        priority: 10,
        actions,
        conditions: [{ pathPattern: { values: ["/api/*"] } }],
    },
    deps: { listenerArn: [on] },
});
/** An extra certificate on the HTTPS listener (aws.lb.ListenerCertificate): it cannot carry tags. */
const listenerCertificate = (certificateArn: string): R => ({
    type: "aws:lb/listenerCertificate:ListenerCertificate",
    name: "extra-cert",
    props: {
        listenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/1/443",
        certificateArn,
    },
    deps: { listenerArn: ["https"] },
});
const tlsOnly = (resources: string[]) =>
    JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: resources,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    });
const bucketPolicy = (policy: string): R => ({
    type: "aws:s3/bucketPolicy:BucketPolicy",
    name: "uploads-policy",
    props: { bucket: "uploads-1a2b", policy },
    deps: { bucket: ["uploads"] },
});
const ARNS = ["arn:aws:s3:::uploads-1a2b", "arn:aws:s3:::uploads-1a2b/*"];
const s3Deny = (condition: unknown, resources: string[] = ARNS) =>
    doc({
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: "s3:*",
        Resource: resources,
        Condition: condition,
    });
const cluster = (props: Record<string, unknown>, deps?: Record<string, string[]>): R => ({
    type: "aws:rds/cluster:Cluster",
    name: "db",
    props: { engine: "aurora-mysql", storageEncrypted: true, ...props },
    deps,
});
const clusterGroup = (parameters: unknown[]): R => ({
    type: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    name: "db-params",
    props: { family: "aurora-mysql8.0", parameters },
});
const taskDef = (efs: Record<string, unknown>): R => ({
    type: "aws:ecs/taskDefinition:TaskDefinition",
    name: "web",
    props: {
        family: "web",
        networkMode: "awsvpc",
        containerDefinitions: "[]",
        volumes: [{ name: "edocs", efsVolumeConfiguration: { fileSystemId: "fs-1", ...efs } }],
    },
});

const topic: R = {
    type: "aws:sns/topic:Topic",
    name: "alerts",
    props: { kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/1" },
};
const queue: R = { type: "aws:sqs/queue:Queue", name: "jobs", props: {} };
const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:alerts";
const tlsFalse = { Bool: { "aws:SecureTransport": "false" } };
const denyPlainHttp = (action: unknown, condition: unknown = tlsFalse) => ({
    Effect: "Deny",
    Principal: "*",
    Action: action,
    Resource: TOPIC_ARN,
    Condition: condition,
});
const doc = (...statements: unknown[]) =>
    JSON.stringify({ Version: "2012-10-17", Statement: statements });
const topicPolicy = (policy: string): R => ({
    type: "aws:sns/topicPolicy:TopicPolicy",
    name: "alerts-policy",
    props: { arn: TOPIC_ARN, policy },
    deps: { arn: ["alerts"] },
});
const queuePolicy = (policy: string): R => ({
    type: "aws:sqs/queuePolicy:QueuePolicy",
    name: "jobs-policy",
    props: { queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs", policy },
    deps: { queueUrl: ["jobs"] },
});
const fileSystem: R = { type: "aws:efs/fileSystem:FileSystem", name: "shared", props: {} };
const fileSystemPolicy = (policy: string): R => ({
    type: "aws:efs/fileSystemPolicy:FileSystemPolicy",
    name: "shared-policy",
    props: { fileSystemId: "fs-0123456789abcdef0", policy },
    deps: { fileSystemId: ["shared"] },
});

describe("policy pack: encryption in transit", () => {
    describeCases(encryptionInTransitPolicies, {
        "alb-http-redirects-to-https": {
            compliant: [
                {
                    // A network load balancer's listener without protocol is not HTTP.
                    stack: [
                        {
                            type: "aws:lb/loadBalancer:LoadBalancer",
                            name: "nlb",
                            props: { loadBalancerType: "network" },
                        },
                        {
                            ...listener("tcp", { port: 5432, defaultActions: [forward] }),
                            deps: { loadBalancerArn: ["nlb"] },
                        },
                    ],
                },
                { stack: [http([redirect]), https()] },
                { stack: [http([redirect], "aws:alb/listener:Listener")] },
                {
                    // Rules on an HTTP listener may redirect to HTTPS or answer themselves.
                    stack: [
                        listenerRule([redirect]),
                        {
                            ...listenerRule([
                                {
                                    type: "fixed-response",
                                    fixedResponse: { contentType: "text/plain", statusCode: "403" },
                                },
                            ]),
                            name: "deny",
                        },
                        http([redirect]),
                    ],
                },
                // A forwarding rule on the HTTPS listener.
                { stack: [listenerRule([forward], "https"), https()] },
            ],
            violating: [
                {
                    // No protocol: an application load balancer's listener is HTTP.
                    stack: [listener("plain", { port: 80, defaultActions: [forward] })],
                    message: /does not redirect to HTTPS/,
                },
                {
                    stack: [http([forward])],
                    message: /does not redirect to HTTPS/,
                    unknown: "http:defaultActions",
                },
                {
                    stack: [http([forward], "aws:alb/listener:Listener")],
                    message: /does not redirect/,
                },
                {
                    stack: [
                        {
                            type: "aws:alb/listenerRule:ListenerRule",
                            name: "api",
                            props: {
                                priority: 10,
                                actions: [forward],
                                conditions: [{ pathPattern: { values: ["/api/*"] } }],
                            },
                            deps: { listenerArn: ["http"] },
                        },
                        http([redirect]),
                    ],
                    message: /listener rule on an HTTP listener/,
                    unknown: "api:actions",
                },
                {
                    // aws.lb.ListenerRule forwarding plain-HTTP traffic to the targets.
                    stack: [listenerRule([forward]), http([redirect])],
                    message:
                        /listener rule on an HTTP listener serves traffic instead of redirecting to HTTPS/,
                    unknown: "api:actions",
                },
            ],
        },
        "alb-listener-tls12": {
            compliant: [
                // No protocol (HTTP on an application load balancer) that only redirects.
                { stack: [listener("plain", { port: 80, defaultActions: [redirect] })] },
                { stack: [https()] },
                // FIPS and post-quantum variants of the TLS 1.2+ policies.
                { stack: [https({ sslPolicy: "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04" })] },
                {
                    stack: [
                        https({ sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09" }),
                    ],
                },
                { stack: [http([redirect])] },
                {
                    stack: [
                        https(
                            { sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06" },
                            "aws:alb/listener:Listener",
                        ),
                    ],
                },
                // A network load balancer's TLS listener.
                { stack: [https({ protocol: "TLS", port: 5432, defaultActions: [forward] })] },
            ],
            violating: [
                {
                    stack: [https({ sslPolicy: "ELBSecurityPolicy-2016-08" })],
                    message: /ELBSecurityPolicy-2016-08 is not one of the allowed/,
                    unknown: "https:sslPolicy",
                },
                {
                    stack: [https({ sslPolicy: undefined }, "aws:alb/listener:Listener")],
                    message: /unset: the provider's default/,
                },
                { stack: [http([forward])], message: /protocol is HTTP/ },
                {
                    stack: [
                        https({ protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS-1-1-2017-01" }),
                    ],
                    message: /ELBSecurityPolicy-TLS-1-1-2017-01 is not one of the allowed/,
                },
                {
                    // A FIPS policy that still allows TLS 1.1.
                    stack: [https({ sslPolicy: "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04" })],
                    message: /ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04 is not one of the allowed/,
                },
                {
                    stack: [https({ sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" })],
                    message: /not one of the allowed/,
                    config: { allowedSslPolicies: ["ELBSecurityPolicy-TLS13-1-3-2021-06"] },
                },
            ],
        },
        "alb-listener-acm-cert": {
            compliant: [
                { stack: [https()] },
                { stack: [https({ protocol: "TLS", port: 5432 })] },
                {
                    stack: [
                        {
                            type: "aws:acm/certificateValidation:CertificateValidation",
                            name: "cert-validation",
                            props: {},
                        },
                        {
                            ...https({ certificateArn: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }),
                            deps: { certificateArn: ["cert-validation"] },
                        },
                    ],
                },
                { stack: [http([redirect])] },
                { stack: [https({}, "aws:alb/listener:Listener")] },
                { stack: [listenerCertificate(CERT), https()] },
            ],
            violating: [
                {
                    // aws.alb.Listener with an IAM server certificate.
                    stack: [https({ certificateArn: IAM_CERT }, "aws:alb/listener:Listener")],
                    message: /server-certificate\/web is not an ACM certificate ARN/,
                    unknown: "https:protocol",
                },
                {
                    // An extra certificate on an HTTPS listener, uploaded to IAM.
                    stack: [listenerCertificate(IAM_CERT), https()],
                    message: /server-certificate\/web is not an ACM certificate ARN/,
                    exemptable: false,
                },
                {
                    stack: [
                        https({
                            certificateArn: "arn:aws:iam::123456789012:server-certificate/web",
                        }),
                    ],
                    message: /is not an ACM certificate ARN/,
                    unknown: "https:protocol",
                },
                {
                    stack: [
                        https({
                            protocol: "TLS",
                            port: 5432,
                            certificateArn: "arn:aws:iam::123456789012:server-certificate/db",
                        }),
                    ],
                    message: /server-certificate\/db is not an ACM certificate ARN/,
                },
                {
                    stack: [
                        {
                            type: "aws:alb/listenerCertificate:ListenerCertificate",
                            name: "extra",
                            props: {
                                listenerArn: "arn:x",
                                certificateArn: "arn:aws:iam::123456789012:server-certificate/old",
                            },
                        },
                    ],
                    message: /not an ACM certificate/,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/serverCertificate:ServerCertificate",
                            name: "iam-cert",
                            props: {},
                        },
                        {
                            ...https({ certificateArn: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }),
                            name: "https2",
                            deps: { certificateArn: ["iam-cert"] },
                        },
                    ].reverse(),
                    message: /does not come from an ACM certificate/,
                },
            ],
        },
        "acm-cert-auto-renewable": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:acm/certificate:Certificate",
                            name: "web",
                            props: { domainName: "redcap.example.edu", validationMethod: "DNS" },
                        },
                    ],
                },
                {
                    // Issued by a private CA: ACM renews it without validation.
                    stack: [
                        {
                            type: "aws:acm/certificate:Certificate",
                            name: "internal",
                            props: {
                                domainName: "db.internal.example.edu",
                                certificateAuthorityArn:
                                    "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/1",
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:acm/certificate:Certificate",
                            name: "web",
                            props: { domainName: "redcap.example.edu", validationMethod: "EMAIL" },
                        },
                    ],
                    message: /validationMethod is EMAIL/,
                    unknown: "web:validationMethod",
                },
                {
                    stack: [
                        {
                            type: "aws:acm/certificate:Certificate",
                            name: "web",
                            props: {
                                certificateBody: "-----BEGIN CERTIFICATE-----",
                                privateKey: "[secret]",
                            },
                        },
                    ],
                    message: /imported/,
                },
            ],
        },
        "alb-drop-invalid-headers": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:lb/loadBalancer:LoadBalancer",
                            name: "web",
                            props: {
                                loadBalancerType: "application",
                                dropInvalidHeaderFields: true,
                            },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:lb/loadBalancer:LoadBalancer",
                            name: "nlb",
                            props: { loadBalancerType: "network" },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:lb/loadBalancer:LoadBalancer",
                            name: "web",
                            props: { internal: false },
                        },
                    ],
                    message: /dropInvalidHeaderFields/,
                    unknown: "web:dropInvalidHeaderFields",
                },
                {
                    stack: [
                        {
                            type: "aws:alb/loadBalancer:LoadBalancer",
                            name: "web",
                            props: { dropInvalidHeaderFields: false },
                        },
                    ],
                    message: /dropInvalidHeaderFields/,
                },
            ],
        },
        "s3-bucket-ssl-only": {
            compliant: [
                { stack: [bucket, bucketPolicy(tlsOnly(ARNS))] },
                {
                    stack: [
                        { ...bucket, type: "aws:s3/bucketV2:BucketV2" },
                        bucketPolicy(tlsOnly(ARNS)),
                    ],
                },
                {
                    // BoolIfExists also denies a request that lacks the key.
                    stack: [
                        bucket,
                        bucketPolicy(s3Deny({ BoolIfExists: { "aws:SecureTransport": "false" } })),
                    ],
                },
                {
                    // Condition keys are case-insensitive in IAM; a JSON boolean is accepted too.
                    stack: [
                        bucket,
                        bucketPolicy(s3Deny({ Bool: { "AWS:SECURETRANSPORT": false } })),
                    ],
                },
                {
                    // AWS documents a TLS-version floor as refusing plain HTTP as well.
                    stack: [
                        bucket,
                        bucketPolicy(s3Deny({ NumericLessThan: { "s3:TlsVersion": 1.2 } })),
                    ],
                },
                {
                    // The deprecated inline policy of a BucketV2.
                    stack: [
                        {
                            ...bucket,
                            type: "aws:s3/bucketV2:BucketV2",
                            props: { policy: tlsOnly(ARNS) },
                        },
                    ],
                },
            ],
            violating: [
                { stack: [bucket], message: /has no bucket policy/ },
                {
                    // The deprecated BucketV2 with an inline policy that does not deny plain HTTP.
                    stack: [
                        {
                            ...bucket,
                            type: "aws:s3/bucketV2:BucketV2",
                            props: { bucket: "uploads-1a2b", policy: tlsOnly([ARNS[1]]) },
                        },
                    ],
                    message: /no statement of the bucket policy denies requests without TLS/,
                    unknown: "uploads:policy",
                },
                {
                    stack: [{ ...bucket, type: "aws:s3/bucketV2:BucketV2" }],
                    message: /the bucket has no bucket policy, so nothing denies plain-HTTP/,
                },
                {
                    stack: [bucket, bucketPolicy(tlsOnly([ARNS[1]]))],
                    message: /no statement of the bucket policy denies/,
                    unknown: "uploads-policy:policy",
                },
                {
                    // An inline policy on a Bucket that does not deny plain HTTP.
                    stack: [{ ...bucket, props: { policy: tlsOnly([ARNS[0]]) } }],
                    message: /no statement of the bucket policy denies/,
                    unknown: "uploads:policy",
                },
                {
                    // Another condition narrows the denial to some requests.
                    stack: [
                        bucket,
                        bucketPolicy(
                            s3Deny({
                                Bool: { "aws:SecureTransport": "false" },
                                StringNotEquals: { "aws:SourceVpce": "vpce-1" },
                            }),
                        ),
                    ],
                    message: /no statement of the bucket policy denies/,
                },
                {
                    // AWS's variant for workloads that need HTTP: denies old TLS, not plain HTTP.
                    stack: [
                        bucket,
                        bucketPolicy(
                            s3Deny({
                                Bool: { "aws:SecureTransport": "true" },
                                NumericLessThan: { "s3:TlsVersion": "1.2" },
                            }),
                        ),
                    ],
                    message: /no statement of the bucket policy denies/,
                },
                {
                    stack: [
                        bucket,
                        bucketPolicy(s3Deny({ NumericLessThan: { "s3:TlsVersion": "1.0" } })),
                    ],
                    message: /no statement of the bucket policy denies/,
                },
                {
                    // Operators are matched as AWS spells them.
                    stack: [
                        bucket,
                        bucketPolicy(s3Deny({ bool: { "aws:SecureTransport": "false" } })),
                    ],
                    message: /no statement of the bucket policy denies/,
                },
                {
                    stack: [
                        bucket,
                        bucketPolicy(
                            JSON.stringify({
                                Statement: [
                                    {
                                        Effect: "Allow",
                                        Principal: { AWS: "arn:aws:iam::123456789012:root" },
                                        Action: "s3:GetObject",
                                        Resource: ARNS[1],
                                    },
                                ],
                            }),
                        ),
                    ],
                    message: /no statement/,
                },
            ],
        },
        "rds-require-tls": {
            compliant: [
                {
                    // RDS for PostgreSQL 15+ forces TLS in its default parameters.
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "pg",
                            props: { engine: "postgres", engineVersion: "16.4" },
                        },
                    ],
                },
                {
                    stack: [
                        cluster(
                            { dbClusterParameterGroupName: "db-params-1" },
                            { dbClusterParameterGroupName: ["db-params"] },
                        ),
                        clusterGroup([{ name: "require_secure_transport", value: "ON" }]),
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "pg",
                            props: { engine: "postgres", parameterGroupName: "pg-params" },
                            deps: { parameterGroupName: ["pg-params"] },
                        },
                        {
                            type: "aws:rds/parameterGroup:ParameterGroup",
                            name: "pg-params",
                            props: {
                                family: "postgres16",
                                parameters: [{ name: "rds.force_ssl", value: "1" }],
                            },
                        },
                    ],
                },
                {
                    // MariaDB, its group named by a literal (no output dependency).
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "maria",
                            props: { engine: "mariadb", parameterGroupName: "maria-params" },
                        },
                        {
                            type: "aws:rds/parameterGroup:ParameterGroup",
                            name: "maria-params-group",
                            props: {
                                name: "maria-params",
                                family: "mariadb10.11",
                                parameters: [{ name: "require_secure_transport", value: "ON" }],
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    // Before 15 the default accepts unencrypted connections.
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "pg",
                            props: { engine: "postgres", engineVersion: "14.12" },
                        },
                    ],
                    message: /parameterGroupName is unset/,
                },
                {
                    // 15+ with the parameter turned off explicitly.
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "pg",
                            props: {
                                engine: "postgres",
                                engineVersion: "16.4",
                                parameterGroupName: "pg-params",
                            },
                            deps: { parameterGroupName: ["pg-params"] },
                        },
                        {
                            type: "aws:rds/parameterGroup:ParameterGroup",
                            name: "pg-params",
                            props: {
                                family: "postgres16",
                                parameters: [{ name: "rds.force_ssl", value: "0" }],
                            },
                        },
                    ],
                    message: /does not set rds.force_ssl/,
                },
                { stack: [cluster({})], message: /dbClusterParameterGroupName is unset/ },
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "maria",
                            props: { engine: "mariadb", engineVersion: "10.11.9" },
                        },
                    ],
                    message: /parameterGroupName is unset/,
                },
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "maria",
                            props: { engine: "mariadb", parameterGroupName: "maria-params" },
                            deps: { parameterGroupName: ["maria-params"] },
                        },
                        {
                            type: "aws:rds/parameterGroup:ParameterGroup",
                            name: "maria-params",
                            props: {
                                family: "mariadb10.11",
                                parameters: [{ name: "require_secure_transport", value: "OFF" }],
                            },
                        },
                    ],
                    message: /parameter group maria-params does not set require_secure_transport/,
                },
                {
                    stack: [cluster({ dbClusterParameterGroupName: "default.aurora-mysql8.0" })],
                    message: /"default.aurora-mysql8.0"/,
                    unknown: "db:dbClusterParameterGroupName",
                },
                {
                    // A group this stack does not declare cannot be inspected.
                    stack: [cluster({ dbClusterParameterGroupName: "shared-aurora-mysql" })],
                    message:
                        /dbClusterParameterGroupName "shared-aurora-mysql" names a parameter group not declared in this stack, so TLS cannot be confirmed/,
                    unknown: "db:dbClusterParameterGroupName",
                },
                {
                    // Even RDS for PostgreSQL 15+: the external group may turn rds.force_ssl off.
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "pg",
                            props: {
                                engine: "postgres",
                                engineVersion: "16.4",
                                parameterGroupName: "org-postgres16",
                            },
                        },
                    ],
                    message:
                        /parameterGroupName "org-postgres16" names a parameter group not declared in this stack.*rds.force_ssl/,
                    unknown: "pg:parameterGroupName",
                },
                {
                    stack: [
                        cluster(
                            { dbClusterParameterGroupName: "db-params-1" },
                            { dbClusterParameterGroupName: ["db-params"] },
                        ),
                        clusterGroup([{ name: "time_zone", value: "UTC" }]),
                    ],
                    message: /does not set require_secure_transport/,
                    unknown: "db-params:parameters",
                },
            ],
        },
        "sns-sqs-ssl-only": {
            compliant: [
                { stack: [topic, topicPolicy(doc(denyPlainHttp("sns:Publish")))] },
                { stack: [{ ...topic, props: { policy: doc(denyPlainHttp("SNS:*")) } }] },
                { stack: [queue, queuePolicy(doc(denyPlainHttp("sqs:*")))] },
                {
                    stack: [
                        {
                            ...queue,
                            props: {
                                policy: doc(
                                    denyPlainHttp(["sqs:SendMessage", "sqs:ReceiveMessage"], {
                                        BoolIfExists: { "aws:securetransport": "false" },
                                    }),
                                ),
                            },
                        },
                    ],
                },
            ],
            violating: [
                { stack: [topic], message: /the topic has no policy/ },
                {
                    stack: [
                        topic,
                        topicPolicy(
                            doc({
                                Effect: "Allow",
                                Principal: { Service: "cloudwatch.amazonaws.com" },
                                Action: "sns:Publish",
                                Resource: TOPIC_ARN,
                            }),
                        ),
                    ],
                    message: /no statement of the topic policy denies sns:Publish/,
                    unknown: "alerts-policy:policy",
                },
                {
                    // Another condition narrows the denial.
                    stack: [
                        topic,
                        topicPolicy(
                            doc(
                                denyPlainHttp("sns:Publish", {
                                    ...tlsFalse,
                                    StringEquals: { "aws:SourceAccount": "123456789012" },
                                }),
                            ),
                        ),
                    ],
                    message: /no statement of the topic policy denies/,
                },
                { stack: [queue], message: /the queue has no policy/ },
                {
                    // An inline queue policy that denies plain HTTP to one action only.
                    stack: [
                        { ...queue, props: { policy: doc(denyPlainHttp("sqs:ReceiveMessage")) } },
                    ],
                    message: /no statement of the queue policy denies/,
                    unknown: "jobs:policy",
                },
                {
                    stack: [queue, queuePolicy(doc(denyPlainHttp("sqs:SendMessage")))],
                    message: /queue policy denies sqs:SendMessage and sqs:ReceiveMessage/,
                    unknown: "jobs-policy:policy",
                },
            ],
        },
        "efs-tls-only": {
            compliant: [
                // The EFS console's "enforce in-transit encryption" statement: every action.
                { stack: [fileSystem, fileSystemPolicy(doc(denyPlainHttp("*")))] },
                {
                    stack: [
                        fileSystem,
                        fileSystemPolicy(
                            doc(
                                {
                                    Effect: "Allow",
                                    Principal: { AWS: "arn:aws:iam::123456789012:root" },
                                    Action: "elasticfilesystem:ClientMount",
                                    Resource: "*",
                                },
                                denyPlainHttp(
                                    [
                                        "elasticfilesystem:ClientMount",
                                        "elasticfilesystem:ClientWrite",
                                    ],
                                    { BoolIfExists: { "aws:SecureTransport": "false" } },
                                ),
                            ),
                        ),
                    ],
                },
            ],
            violating: [
                {
                    stack: [fileSystem],
                    message: /the file system has no file system policy/,
                },
                {
                    // Denying writes only still lets a client mount and read over plain NFS.
                    stack: [
                        fileSystem,
                        fileSystemPolicy(doc(denyPlainHttp("elasticfilesystem:ClientWrite"))),
                    ],
                    message:
                        /no statement of the file system policy denies elasticfilesystem:ClientMount/,
                    unknown: "shared-policy:policy",
                },
                {
                    // A denial narrowed to some callers does not refuse every plain mount.
                    stack: [
                        fileSystem,
                        fileSystemPolicy(
                            doc(
                                denyPlainHttp("*", {
                                    ...tlsFalse,
                                    StringEquals: { "aws:PrincipalAccount": "123456789012" },
                                }),
                            ),
                        ),
                    ],
                    message: /no statement of the file system policy denies/,
                },
                {
                    // An Allow is not a denial.
                    stack: [
                        fileSystem,
                        fileSystemPolicy(doc({ ...denyPlainHttp("*"), Effect: "Allow" })),
                    ],
                    message: /no statement of the file system policy denies/,
                },
            ],
        },
        "ecs-efs-transit-encryption": {
            compliant: [
                {
                    stack: [
                        taskDef({
                            transitEncryption: "ENABLED",
                            authorizationConfig: { iam: "ENABLED", accessPointId: "fsap-1" },
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [taskDef({ rootDirectory: "/" })],
                    message: /transitEncryption unset/,
                    unknown: "web:volumes",
                },
                {
                    stack: [taskDef({ transitEncryption: "ENABLED" })],
                    message: /IAM authorization/,
                },
            ],
        },
    });
});
