import { describeCases, R } from "../test/cases";
import { resourcePolicyPolicies } from "./resourcePolicies";

/** A function's whole resource policy (aws.lambda.ResourcePolicy) with one statement. */
const functionPolicy = (statement: Record<string, unknown>): R => ({
    type: "aws:lambda/resourcePolicy:ResourcePolicy",
    name: "fn-policy",
    props: {
        resourceArn: "arn:aws:lambda:us-east-1:123456789012:function:f",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
    },
});

/** A policy document with the given statements, as a JSON string (how most programs pass it). */
const doc = (...statements: Record<string, unknown>[]) =>
    JSON.stringify({ Version: "2012-10-17", Statement: statements });
const ACCOUNT = "123456789012";
const ROOT = { AWS: `arn:aws:iam::${ACCOUNT}:root` };
const one = (type: string, name: string, props: Record<string, unknown>, deps?: R["deps"]): R => ({
    type,
    name,
    props,
    deps,
});
const open = { Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" };
/** A statement granting everyone `action`, with no condition. */
const anyone = (Sid: string, Action: string | string[], principal: unknown = "*") => ({
    Sid,
    Effect: "Allow",
    Principal: principal,
    Action,
    Resource: "*",
});
const EXEMPT = {
    "compliance-exempt": "resource-policy-not-public",
    "compliance-exempt-reason": "public data set, reviewed in ticket 9",
};

describe("policy pack: resource policies and sharing", () => {
    describeCases(resourcePolicyPolicies, {
        "resource-policy-not-public": {
            compliant: [
                {
                    // A private REST API (AWS's documented policy): everyone is allowed, then
                    // denied unless the call comes through the VPC endpoint.
                    stack: [
                        one("aws:apigateway/restApi:RestApi", "api", {
                            policy: doc(anyone("Invoke", "execute-api:Invoke"), {
                                Effect: "Deny",
                                Principal: "*",
                                Action: "execute-api:Invoke",
                                Resource: "*",
                                Condition: {
                                    StringNotEquals: { "aws:SourceVpce": "vpce-0abc" },
                                },
                            }),
                        }),
                    ],
                },
                {
                    // An OpenSearch domain open to the VPC's ranges only.
                    stack: [
                        one("aws:opensearch/domain:Domain", "search", {
                            accessPolicies: doc({
                                ...anyone("Search", "es:ESHttp*", { AWS: "*" }),
                                Condition: { IpAddress: { "aws:SourceIp": ["10.41.0.0/16"] } },
                            }),
                        }),
                    ],
                },
                {
                    // An access point with a VPC network origin takes requests from its VPC only,
                    // inline or through its policy resource.
                    stack: [
                        one("aws:s3/accessPoint:AccessPoint", "ap", {
                            bucket: "phi",
                            vpcConfiguration: { vpcId: "vpc-1" },
                            policy: doc(anyone("Read", "s3:GetObject")),
                        }),
                        one(
                            "aws:s3control/accessPointPolicy:AccessPointPolicy",
                            "ap-policy",
                            {
                                accessPointArn: "arn:aws:s3:us-east-1:123456789012:accesspoint/ap",
                                policy: doc(anyone("Read", "s3:GetObject")),
                            },
                            { accessPointArn: ["ap"] },
                        ),
                    ],
                },
                {
                    // A policy resource follows its owner's exemption.
                    stack: [
                        one(
                            "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy",
                            "repo-policy",
                            {
                                domain: "acme",
                                repository: "npm",
                                policyDocument: doc(
                                    anyone("Read", "codeartifact:ReadFromRepository"),
                                ),
                            },
                            { repository: ["npm"] },
                        ),
                        one("aws:codeartifact/repository:Repository", "npm", {
                            domain: "acme",
                            repository: "npm",
                            tags: EXEMPT,
                        }),
                    ],
                },
                {
                    // The shapes of the program's own key policy: the account root, and the
                    // account's principals only through services (kms:CallerAccount).
                    stack: [
                        one("aws:kms/key:Key", "key", {
                            policy: doc(
                                {
                                    Sid: "AccountAdministersKey",
                                    Effect: "Allow",
                                    Principal: ROOT,
                                    Action: "kms:*",
                                    Resource: "*",
                                },
                                {
                                    Sid: "ViaServices",
                                    Effect: "Allow",
                                    Principal: { AWS: "*" },
                                    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                                    Resource: "*",
                                    Condition: {
                                        StringEquals: {
                                            "kms:CallerAccount": ACCOUNT,
                                            "kms:ViaService": "rds.us-east-1.amazonaws.com",
                                        },
                                    },
                                },
                            ),
                        }),
                    ],
                },
                {
                    // The program's alert topic policy: the account, services of the account,
                    // and a Deny for everyone without TLS (a Deny grants nothing).
                    stack: [
                        one("aws:sns/topicPolicy:TopicPolicy", "alerts", {
                            arn: "arn:aws:sns:us-east-1:123456789012:alerts",
                            policy: doc(
                                {
                                    Effect: "Allow",
                                    Principal: ROOT,
                                    Action: "SNS:*",
                                    Resource: "*",
                                },
                                {
                                    Effect: "Allow",
                                    Principal: { Service: "cloudwatch.amazonaws.com" },
                                    Action: "SNS:Publish",
                                    Resource: "*",
                                    Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
                                },
                                {
                                    Effect: "Deny",
                                    Principal: "*",
                                    Action: "SNS:*",
                                    Resource: "*",
                                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                                },
                            ),
                        }),
                    ],
                },
                {
                    // Everyone, but only from the bucket that notifies (aws:SourceArn), and a
                    // queue without a policy (the owner's default).
                    stack: [
                        one("aws:sqs/queue:Queue", "jobs", {
                            policy: doc({
                                ...open,
                                Condition: {
                                    ArnEquals: { "aws:SourceArn": "arn:aws:s3:::uploads" },
                                },
                            }),
                        }),
                        one("aws:sqs/queue:Queue", "plain", {}),
                    ],
                },
                {
                    // The EFS console's own policy: everyone, through a mount target only.
                    stack: [
                        one("aws:efs/fileSystemPolicy:FileSystemPolicy", "fs-policy", {
                            fileSystemId: "fs-1",
                            policy: doc({
                                Effect: "Allow",
                                Principal: { AWS: "*" },
                                Action: ["elasticfilesystem:ClientMount"],
                                Condition: {
                                    Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" },
                                },
                            }),
                        }),
                    ],
                },
                {
                    // A policy given as an object, naming the organization.
                    stack: [
                        one("aws:ecr/repositoryPolicy:RepositoryPolicy", "repo-policy", {
                            repository: "app",
                            policy: {
                                Version: "2012-10-17",
                                Statement: [
                                    {
                                        Effect: "Allow",
                                        Principal: "*",
                                        Action: ["ecr:BatchGetImage"],
                                        Condition: {
                                            StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" },
                                        },
                                    },
                                ],
                            },
                        }),
                    ],
                },
                {
                    // Everyone in the organization may put events on the bus.
                    stack: [
                        one("aws:cloudwatch/eventPermission:EventPermission", "org-events", {
                            principal: "*",
                            statementId: "Org",
                            condition: {
                                key: "aws:PrincipalOrgID",
                                type: "StringEquals",
                                value: "o-abc123def4",
                            },
                        }),
                        one("aws:cloudwatch/eventPermission:EventPermission", "partner", {
                            principal: "210987654321",
                            statementId: "Partner",
                        }),
                    ],
                },
                {
                    // A policy resource follows the exemption (with a reason) of its queue.
                    stack: [
                        one(
                            "aws:sqs/queuePolicy:QueuePolicy",
                            "jobs-policy",
                            {
                                queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
                                policy: doc(open),
                            },
                            { queueUrl: ["jobs"] },
                        ),
                        one("aws:sqs/queue:Queue", "jobs", {
                            tags: {
                                "compliance-exempt": "resource-policy-not-public",
                                "compliance-exempt-reason":
                                    "public intake queue, reviewed in ticket 7",
                            },
                        }),
                    ],
                },
                {
                    // Vault, repository, cluster, table and stream policies follow the
                    // exemption (with a reason) of the resource they name.
                    stack: [
                        one(
                            "aws:backup/vaultPolicy:VaultPolicy",
                            "vault-policy",
                            {
                                backupVaultName: "shared",
                                policy: doc(anyone("Restore", "backup:CopyIntoBackupVault")),
                            },
                            { backupVaultName: ["shared"] },
                        ),
                        one("aws:backup/vault:Vault", "shared", { tags: EXEMPT }),
                        one(
                            "aws:ecr/repositoryPolicy:RepositoryPolicy",
                            "images-policy",
                            {
                                repository: "public-images",
                                policy: doc(anyone("Pull", "ecr:BatchGetImage")),
                            },
                            { repository: ["images"] },
                        ),
                        one("aws:ecr/repository:Repository", "images", { tags: EXEMPT }),
                        one(
                            "aws:dynamodb/resourcePolicy:ResourcePolicy",
                            "table-policy",
                            {
                                resourceArn:
                                    "arn:aws:dynamodb:us-east-1:123456789012:table/reference",
                                policy: doc(anyone("Read", "dynamodb:GetItem")),
                            },
                            { resourceArn: ["reference"] },
                        ),
                        one("aws:dynamodb/table:Table", "reference", {
                            hashKey: "id",
                            tags: EXEMPT,
                        }),
                    ],
                },
                {
                    // Named accounts, and everyone limited to the organization.
                    stack: [
                        one("aws:ecr/registryPolicy:RegistryPolicy", "registry", {
                            policy: doc({
                                Sid: "Replicate",
                                Effect: "Allow",
                                Principal: { AWS: "arn:aws:iam::210987654321:root" },
                                Action: ["ecr:ReplicateImage", "ecr:CreateRepository"],
                                Resource: "arn:aws:ecr:us-east-1:123456789012:repository/*",
                            }),
                        }),
                        one("aws:kinesis/resourcePolicy:ResourcePolicy", "stream-policy", {
                            resourceArn: "arn:aws:kinesis:us-east-1:123456789012:stream/events",
                            policy: doc({
                                ...anyone("Org", [
                                    "kinesis:GetRecords",
                                    "kinesis:GetShardIterator",
                                ]),
                                Condition: {
                                    StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" },
                                },
                            }),
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        one("aws:sqs/queue:Queue", "jobs", {
                            policy: doc({ Sid: "Anyone", ...open }),
                        }),
                    ],
                    message:
                        /policy: statement "Anyone" allows everyone \(Principal \*\) without a condition/,
                    unknown: "jobs:policy",
                },
                {
                    // NotPrincipal grants everyone but those named.
                    stack: [
                        one("aws:secretsmanager/secretPolicy:SecretPolicy", "secret-policy", {
                            secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:s",
                            policy: doc({
                                Effect: "Allow",
                                NotPrincipal: ROOT,
                                Action: "secretsmanager:GetSecretValue",
                                Resource: "*",
                            }),
                        }),
                    ],
                    message: /allows everyone \(NotPrincipal\)/,
                },
                {
                    // A condition that limits nothing about the caller (TLS) still grants everyone.
                    stack: [
                        one("aws:sns/topicPolicy:TopicPolicy", "alerts", {
                            arn: "arn:aws:sns:us-east-1:123456789012:alerts",
                            policy: doc({
                                Effect: "Allow",
                                Principal: { AWS: "*" },
                                Action: "SNS:Subscribe",
                                Resource: "*",
                                Condition: { Bool: { "aws:SecureTransport": "true" } },
                            }),
                        }),
                    ],
                    message: /policy: a statement allows everyone \(Principal \*\)/,
                    unknown: "alerts:policy",
                },
                {
                    // A policy resource without an exempt owner is judged: its queue is not
                    // exempt, and whether it would be is unknown at preview.
                    stack: [
                        one(
                            "aws:sqs/queuePolicy:QueuePolicy",
                            "jobs-policy",
                            {
                                queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
                                policy: doc(open),
                            },
                            { queueUrl: ["jobs"] },
                        ),
                        one("aws:sqs/queue:Queue", "jobs", { tags: { team: "data" } }),
                    ],
                    message: /policy: a statement allows everyone/,
                    unknown: "jobs:tags",
                },
                {
                    // kms:CallerAccount limits callers of a key, not of a queue.
                    stack: [
                        one("aws:kms/keyPolicy:KeyPolicy", "key-policy", {
                            keyId: "k",
                            policy: doc({
                                Effect: "Allow",
                                Principal: { AWS: "*" },
                                Action: "kms:Decrypt",
                                Resource: "*",
                                Condition: {
                                    StringEquals: {
                                        "kms:ViaService": "s3.us-east-1.amazonaws.com",
                                    },
                                },
                            }),
                        }),
                    ],
                    message: /allows everyone/,
                },
                {
                    stack: [
                        one("aws:sqs/queue:Queue", "jobs", {
                            policy: doc({
                                ...open,
                                Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } },
                            }),
                        }),
                    ],
                    message: /allows everyone/,
                },
                {
                    // Mount-target access must be required ("true"), not excluded.
                    stack: [
                        one("aws:efs/fileSystemPolicy:FileSystemPolicy", "fs-policy", {
                            fileSystemId: "fs-1",
                            policy: doc({
                                Effect: "Allow",
                                Principal: { AWS: "*" },
                                Action: ["elasticfilesystem:ClientMount"],
                                Condition: {
                                    Bool: { "elasticfilesystem:AccessedViaMountTarget": "false" },
                                },
                            }),
                        }),
                    ],
                    message: /allows everyone/,
                },
                {
                    stack: [
                        one("aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "logs", {
                            policyName: "delivery",
                            policyDocument: doc({
                                Effect: "Allow",
                                Principal: "*",
                                Action: ["logs:PutLogEvents"],
                                Resource: "*",
                            }),
                        }),
                    ],
                    message: /^policyDocument: a statement allows everyone/,
                },
                {
                    stack: [
                        one("aws:cloudwatch/eventPermission:EventPermission", "anyone", {
                            principal: "*",
                            statementId: "Anyone",
                        }),
                    ],
                    message:
                        /principal is \* without a condition: every AWS account can put events/,
                    unknown: "anyone:condition",
                },
                {
                    stack: [
                        one("aws:cloudwatch/eventBusPolicy:EventBusPolicy", "bus-policy", {
                            eventBusName: "app",
                            policy: doc({
                                Effect: "Allow",
                                Principal: "*",
                                Action: "events:PutEvents",
                                Resource: "*",
                            }),
                        }),
                    ],
                    message: /^policy: a statement allows everyone/,
                },
                {
                    // The policy every repository the template creates gets.
                    stack: [
                        one(
                            "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate",
                            "tpl",
                            {
                                prefix: "team",
                                appliedFors: ["PULL_THROUGH_CACHE"],
                                repositoryPolicy: doc({
                                    Effect: "Allow",
                                    Principal: "*",
                                    Action: "ecr:BatchGetImage",
                                }),
                            },
                        ),
                    ],
                    message: /^repositoryPolicy: a statement allows everyone/,
                },
                {
                    stack: [
                        one("aws:glacier/vault:Vault", "archive", {
                            accessPolicy: doc({
                                Effect: "Allow",
                                Principal: "*",
                                Action: ["glacier:InitiateJob", "glacier:GetJobOutput"],
                                Resource: "*",
                            }),
                        }),
                    ],
                    message: /^accessPolicy: a statement allows everyone/,
                },
                // Every other holder of a resource-based policy. Those that carry tags are exempted
                // by their own; policy resources that cannot follow the resource they name.
                {
                    stack: [
                        one("aws:sns/topic:Topic", "alerts", {
                            policy: doc(anyone("Publish", "SNS:Publish")),
                        }),
                    ],
                    message: /^policy: statement "Publish" allows everyone \(Principal \*\)/,
                    unknown: "alerts:policy",
                },
                {
                    stack: [
                        one("aws:secretsmanager/secret:Secret", "db", {
                            kmsKeyId: "k",
                            policy: doc(
                                anyone("Read", "secretsmanager:GetSecretValue", { AWS: "*" }),
                            ),
                        }),
                    ],
                    message: /^policy: statement "Read" allows everyone/,
                    unknown: "db:policy",
                },
                {
                    stack: [
                        one("aws:kms/key:Key", "key", {
                            description: "PHI",
                            enableKeyRotation: true,
                            policy: doc(
                                anyone("UseKey", ["kms:Decrypt", "kms:Encrypt"], { AWS: "*" }),
                            ),
                        }),
                    ],
                    message: /^policy: statement "UseKey" allows everyone/,
                    unknown: "key:policy",
                },
                {
                    stack: [
                        one("aws:kms/replicaKey:ReplicaKey", "key-west", {
                            primaryKeyArn:
                                "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab",
                            policy: doc(anyone("UseReplica", "kms:Decrypt", { AWS: "*" })),
                        }),
                    ],
                    message: /^policy: statement "UseReplica" allows everyone/,
                },
                {
                    stack: [
                        one("aws:kms/externalKey:ExternalKey", "byok", {
                            description: "imported key material",
                            policy: doc(anyone("UseImported", "kms:*")),
                        }),
                    ],
                    message: /^policy: statement "UseImported" allows everyone/,
                },
                {
                    stack: [
                        one("aws:kms/replicaExternalKey:ReplicaExternalKey", "byok-west", {
                            primaryKeyArn:
                                "arn:aws:kms:us-east-1:123456789012:key/mrk-abcd1234ab12cd34ef561234567890ab",
                            policy: doc({
                                Effect: "Allow",
                                NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/blocked` },
                                Action: "kms:Decrypt",
                                Resource: "*",
                            }),
                        }),
                    ],
                    message: /^policy: a statement allows everyone \(NotPrincipal\)/,
                },
                {
                    stack: [
                        one(
                            "aws:ecr/repositoryPolicy:RepositoryPolicy",
                            "images-policy",
                            {
                                repository: "app",
                                policy: doc(
                                    anyone("Pull", [
                                        "ecr:BatchGetImage",
                                        "ecr:GetDownloadUrlForLayer",
                                    ]),
                                ),
                            },
                            { repository: ["images"] },
                        ),
                        one("aws:ecr/repository:Repository", "images", { name: "app" }),
                    ],
                    message: /^policy: statement "Pull" allows everyone/,
                    unknown: "images:tags",
                    exemptable: false,
                },
                {
                    // The registry's policy has no resource to follow: it cannot be exempted.
                    stack: [
                        one("aws:ecr/registryPolicy:RegistryPolicy", "registry", {
                            policy: {
                                Version: "2012-10-17",
                                Statement: [
                                    {
                                        Sid: "ReplicateAnyone",
                                        Effect: "Allow",
                                        Principal: { AWS: "*" },
                                        Action: ["ecr:ReplicateImage"],
                                        Resource: "arn:aws:ecr:us-east-1:123456789012:repository/*",
                                    },
                                ],
                            },
                        }),
                    ],
                    message: /^policy: statement "ReplicateAnyone" allows everyone/,
                    unknown: "registry:policy",
                    exemptable: false,
                },
                {
                    stack: [
                        one(
                            "aws:backup/vaultPolicy:VaultPolicy",
                            "vault-policy",
                            {
                                backupVaultName: "phi",
                                policy: doc(anyone("CopyIn", "backup:CopyIntoBackupVault")),
                            },
                            { backupVaultName: ["phi"] },
                        ),
                        one("aws:backup/vault:Vault", "phi", { kmsKeyArn: "k" }),
                    ],
                    message: /^policy: statement "CopyIn" allows everyone/,
                    unknown: "vault-policy:policy",
                    exemptable: false,
                },
                {
                    stack: [
                        one(
                            "aws:glacier/vaultLock:VaultLock",
                            "archive-lock",
                            {
                                vaultName: "archive",
                                completeLock: false,
                                policy: doc(
                                    anyone("ReadArchive", [
                                        "glacier:InitiateJob",
                                        "glacier:GetJobOutput",
                                    ]),
                                ),
                            },
                            { vaultName: ["archive"] },
                        ),
                        one("aws:glacier/vault:Vault", "archive", {}),
                    ],
                    message: /^policy: statement "ReadArchive" allows everyone/,
                    exemptable: false,
                },
                {
                    stack: [
                        one("aws:msk/clusterPolicy:ClusterPolicy", "kafka-policy", {
                            clusterArn:
                                "arn:aws:kafka:us-east-1:123456789012:cluster/events/1a2b3c4d-5",
                            policy: doc(
                                anyone(
                                    "Connect",
                                    ["kafka:CreateVpcConnection", "kafka:GetBootstrapBrokers"],
                                    {
                                        AWS: "*",
                                    },
                                ),
                            ),
                        }),
                    ],
                    message: /^policy: statement "Connect" allows everyone/,
                    exemptable: false,
                },
                {
                    stack: [
                        one("aws:dynamodb/resourcePolicy:ResourcePolicy", "table-policy", {
                            resourceArn: "arn:aws:dynamodb:us-east-1:123456789012:table/visits",
                            policy: doc(
                                anyone("ReadVisits", ["dynamodb:GetItem", "dynamodb:Query"]),
                            ),
                        }),
                    ],
                    message: /^policy: statement "ReadVisits" allows everyone/,
                    unknown: "table-policy:policy",
                    exemptable: false,
                },
                {
                    stack: [
                        one("aws:kinesis/resourcePolicy:ResourcePolicy", "stream-policy", {
                            resourceArn: "arn:aws:kinesis:us-east-1:123456789012:stream/events",
                            policy: doc(
                                anyone(
                                    "ReadStream",
                                    ["kinesis:GetRecords", "kinesis:GetShardIterator"],
                                    {
                                        AWS: "*",
                                    },
                                ),
                            ),
                        }),
                    ],
                    message: /^policy: statement "ReadStream" allows everyone/,
                    exemptable: false,
                },
                {
                    stack: [
                        one("aws:s3/accessPoint:AccessPoint", "ap", {
                            bucket: "phi",
                            policy: doc(anyone("Read", "s3:GetObject")),
                        }),
                    ],
                    message: /^policy: statement "Read" allows everyone \(Principal \*\)/,
                    unknown: "ap:policy",
                },
                {
                    // The access point the policy belongs to faces the internet.
                    stack: [
                        one(
                            "aws:s3control/accessPointPolicy:AccessPointPolicy",
                            "ap-policy",
                            {
                                accessPointArn: "arn:aws:s3:us-east-1:123456789012:accesspoint/ap",
                                policy: doc(anyone("Read", "s3:GetObject")),
                            },
                            { accessPointArn: ["ap"] },
                        ),
                        one("aws:s3/accessPoint:AccessPoint", "ap", { bucket: "phi" }),
                    ],
                    message: /^policy: statement "Read" allows everyone/,
                    unknown: "ap:vpcConfiguration",
                    exemptable: false,
                },
                {
                    // A Deny whose condition is not negated denies some callers, not all others.
                    stack: [
                        one("aws:apigateway/restApi:RestApi", "api", {
                            policy: doc(anyone("Invoke", "execute-api:Invoke"), {
                                Effect: "Deny",
                                Principal: "*",
                                Action: "execute-api:Invoke",
                                Resource: "*",
                                Condition: { IpAddress: { "aws:SourceIp": "192.0.2.0/24" } },
                            }),
                        }),
                    ],
                    message: /^policy: statement "Invoke" allows everyone/,
                    unknown: "api:policy",
                },
                {
                    stack: [
                        one("aws:apigateway/restApiPolicy:RestApiPolicy", "api-policy", {
                            restApiId: "a1b2c3",
                            policy: doc(anyone("Invoke", "execute-api:Invoke"), {
                                Effect: "Deny",
                                Principal: "*",
                                Action: "execute-api:Invoke",
                                Resource:
                                    "arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/*",
                                Condition: {
                                    StringNotEquals: { "aws:SourceVpce": "vpce-0abc" },
                                },
                            }),
                        }),
                    ],
                    // The Deny covers one stage only: the rest of the API stays public.
                    message: /^policy: statement "Invoke" allows everyone/,
                    exemptable: false,
                },
                {
                    stack: [
                        one("aws:glue/resourcePolicy:ResourcePolicy", "catalog", {
                            policy: doc(
                                anyone("ReadCatalog", ["glue:GetTable", "glue:GetDatabase"], {
                                    AWS: "*",
                                }),
                            ),
                        }),
                    ],
                    message: /^policy: statement "ReadCatalog" allows everyone/,
                    unknown: "catalog:policy",
                    exemptable: false,
                },
                {
                    stack: [
                        one(
                            "aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy",
                            "dest-policy",
                            {
                                destinationName: "central",
                                accessPolicy: doc(
                                    anyone("Subscribe", "logs:PutSubscriptionFilter", { AWS: "*" }),
                                ),
                            },
                        ),
                    ],
                    message: /^accessPolicy: statement "Subscribe" allows everyone/,
                    exemptable: false,
                },
                {
                    stack: [
                        one(
                            "aws:codeartifact/domainPermissions:DomainPermissions",
                            "domain-policy",
                            {
                                domain: "acme",
                                policyDocument: doc(
                                    anyone("Token", "codeartifact:GetAuthorizationToken", {
                                        AWS: "*",
                                    }),
                                ),
                            },
                        ),
                    ],
                    message: /^policyDocument: statement "Token" allows everyone/,
                    exemptable: false,
                },
                {
                    stack: [
                        one(
                            "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy",
                            "repo-policy",
                            {
                                domain: "acme",
                                repository: "npm",
                                policyDocument: doc(
                                    anyone("Read", "codeartifact:ReadFromRepository"),
                                ),
                            },
                        ),
                    ],
                    message: /^policyDocument: statement "Read" allows everyone/,
                    unknown: "repo-policy:policyDocument",
                    exemptable: false,
                },
                {
                    stack: [
                        one("aws:opensearch/domain:Domain", "search", {
                            accessPolicies: doc(anyone("Search", "es:*", { AWS: "*" })),
                        }),
                    ],
                    message: /^accessPolicies: statement "Search" allows everyone/,
                    unknown: "search:accessPolicies",
                },
                {
                    stack: [
                        one("aws:opensearch/domainPolicy:DomainPolicy", "search-policy", {
                            domainName: "search",
                            accessPolicies: doc(anyone("Search", "es:ESHttpGet")),
                        }),
                    ],
                    message: /^accessPolicies: statement "Search" allows everyone/,
                    exemptable: false,
                },
                {
                    stack: [
                        one("aws:elasticsearch/domain:Domain", "legacy-search", {
                            accessPolicies: {
                                Version: "2012-10-17",
                                Statement: [anyone("Search", "es:*")],
                            },
                        }),
                    ],
                    message: /^accessPolicies: statement "Search" allows everyone/,
                },
                {
                    stack: [
                        one("aws:elasticsearch/domainPolicy:DomainPolicy", "legacy-policy", {
                            domainName: "legacy",
                            accessPolicies: doc(anyone("Search", "es:*", { AWS: "*" })),
                        }),
                    ],
                    message: /^accessPolicies: statement "Search" allows everyone/,
                    exemptable: false,
                },
                {
                    stack: [
                        one(
                            "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy",
                            "models-policy",
                            {
                                modelPackageGroupName: "models",
                                resourcePolicy: doc(
                                    anyone("Describe", ["sagemaker:DescribeModelPackage"], {
                                        AWS: "*",
                                    }),
                                ),
                            },
                        ),
                    ],
                    message: /^resourcePolicy: statement "Describe" allows everyone/,
                    exemptable: false,
                },
            ],
        },
        "lambda-no-public-access": {
            compliant: [
                {
                    stack: [
                        functionPolicy({
                            Effect: "Allow",
                            Principal: { Service: "s3.amazonaws.com" },
                            Action: "lambda:InvokeFunction",
                            Resource: "*",
                            Condition: {
                                StringEquals: {
                                    "aws:SourceAccount": "123456789012",
                                },
                            },
                        }),
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:lambda/permission:Permission",
                            name: "events",
                            props: {
                                action: "lambda:InvokeFunction",
                                principal: "events.amazonaws.com",
                                sourceArn: "arn:aws:events:us-east-1:123456789012:rule/x",
                            },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:lambda/permission:Permission",
                            name: "s3",
                            props: {
                                action: "lambda:InvokeFunction",
                                principal: "s3.amazonaws.com",
                                sourceArn: "arn:aws:s3:::uploads",
                                sourceAccount: "123456789012",
                            },
                        },
                    ],
                },
                {
                    // Everyone in the organization: principalOrgId limits the caller.
                    stack: [
                        {
                            type: "aws:lambda/permission:Permission",
                            name: "org",
                            props: {
                                action: "lambda:InvokeFunction",
                                principal: "*",
                                principalOrgId: "o-abc123def4",
                            },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:lambda/functionUrl:FunctionUrl",
                            name: "url",
                            props: { functionName: "f", authorizationType: "AWS_IAM" },
                        },
                    ],
                },
                {
                    // A named account is not "anyone".
                    stack: [
                        {
                            type: "aws:lambda/permission:Permission",
                            name: "partner",
                            props: { action: "lambda:InvokeFunction", principal: "210987654321" },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        functionPolicy({
                            Sid: "Anyone",
                            Effect: "Allow",
                            Principal: "*",
                            Action: "lambda:InvokeFunction",
                            Resource: "*",
                        }),
                    ],
                    message: /statement "Anyone" allows everyone to invoke the function/,
                    unknown: "fn-policy:policy",
                },
                {
                    stack: [
                        functionPolicy({
                            Sid: "S3",
                            Effect: "Allow",
                            Principal: { Service: "s3.amazonaws.com" },
                            Action: "lambda:InvokeFunction",
                            Resource: "*",
                        }),
                    ],
                    message:
                        /statement "S3" lets an AWS service invoke the function without aws:SourceArn/,
                },
                {
                    stack: [
                        {
                            type: "aws:lambda/permission:Permission",
                            name: "events",
                            props: {
                                action: "lambda:InvokeFunction",
                                principal: "events.amazonaws.com",
                            },
                        },
                    ],
                    message: /principal events.amazonaws.com without sourceArn or sourceAccount/,
                    unknown: "events:principal",
                },
                {
                    stack: [
                        {
                            type: "aws:lambda/permission:Permission",
                            name: "s3",
                            props: {
                                action: "lambda:InvokeFunction",
                                principal: "s3.amazonaws.com",
                                sourceArn: "arn:aws:s3:::uploads",
                            },
                        },
                    ],
                    message: /s3.amazonaws.com without sourceAccount/,
                    unknown: "s3:sourceAccount",
                },
                {
                    stack: [
                        {
                            type: "aws:lambda/permission:Permission",
                            name: "open",
                            props: { action: "lambda:InvokeFunction", principal: "*" },
                        },
                    ],
                    message: /principal is \*/,
                    unknown: "open:principal",
                },
                {
                    stack: [
                        {
                            type: "aws:lambda/functionUrl:FunctionUrl",
                            name: "url",
                            props: { authorizationType: "NONE" },
                        },
                    ],
                    message: /authorizationType is NONE/,
                },
            ],
        },
        "rds-snapshot-not-public": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:rds/clusterSnapshot:ClusterSnapshot",
                            name: "snap",
                            props: { sharedAccounts: ["210987654321"] },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
                            name: "cluster-copy",
                            props: {
                                sourceDbClusterSnapshotIdentifier: "snap",
                                targetDbClusterSnapshotIdentifier: "copy",
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:rds/snapshot:Snapshot",
                            name: "snap",
                            props: { sharedAccounts: ["all"] },
                        },
                    ],
                    message: /contains "all"/,
                    unknown: "snap:sharedAccounts",
                },
                {
                    // A copy, once disallowed-resource-types allows it, is judged the same way.
                    stack: [
                        {
                            type: "aws:rds/snapshotCopy:SnapshotCopy",
                            name: "copy",
                            props: {
                                sourceDbSnapshotIdentifier: "snap",
                                targetDbSnapshotIdentifier: "copy",
                                sharedAccounts: ["210987654321", "all"],
                            },
                        },
                    ],
                    message: /sharedAccounts contains "all"/,
                    unknown: "copy:sharedAccounts",
                },
                {
                    stack: [
                        {
                            type: "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
                            name: "cluster-copy",
                            props: {
                                sourceDbClusterSnapshotIdentifier: "snap",
                                targetDbClusterSnapshotIdentifier: "copy",
                                sharedAccounts: ["all"],
                            },
                        },
                    ],
                    message: /contains "all"/,
                },
                {
                    stack: [
                        {
                            type: "aws:rds/clusterSnapshot:ClusterSnapshot",
                            name: "cluster-snap",
                            props: {
                                dbClusterIdentifier: "redcap",
                                dbClusterSnapshotIdentifier: "redcap-final",
                                sharedAccounts: ["all"],
                            },
                        },
                    ],
                    message: /^sharedAccounts contains "all": anyone can restore the snapshot$/,
                    unknown: "cluster-snap:sharedAccounts",
                },
            ],
        },
        "ssm-document-not-public": {
            compliant: [
                {
                    stack: [
                        one("aws:ssm/document:Document", "runbook", {
                            documentType: "Command",
                            content: "{}",
                        }),
                    ],
                },
                {
                    stack: [
                        one("aws:ssm/document:Document", "runbook", {
                            documentType: "Command",
                            content: "{}",
                            permissions: {
                                type: "Share",
                                account_ids: "210987654321,109876543210",
                            },
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        one("aws:ssm/document:Document", "runbook", {
                            documentType: "Command",
                            content: "{}",
                            permissions: { type: "Share", account_ids: "All" },
                        }),
                    ],
                    message: /permissions share the document with "All" accounts/,
                    unknown: "runbook:permissions",
                },
                {
                    // "all" in a list of IDs, in any case.
                    stack: [
                        one("aws:ssm/document:Document", "runbook", {
                            documentType: "Command",
                            content: "{}",
                            permissions: { type: "Share", accountIds: "210987654321, all" },
                        }),
                    ],
                    message: /"All" accounts/,
                },
                {
                    // The key as the provider reads it, with the type in another case.
                    stack: [
                        one("aws:ssm/document:Document", "runbook", {
                            documentType: "Command",
                            content: "{}",
                            permissions: { type: "share", account_ids: "ALL" },
                        }),
                    ],
                    message: /"All" accounts/,
                },
            ],
        },
    });
});
