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

describe("policy pack: resource policies and sharing", () => {
    describeCases(resourcePolicyPolicies, {
        "resource-policy-not-public": {
            compliant: [
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
                            permissions: { type: "Share", accountIds: "210987654321,109876543210" },
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
                            permissions: { type: "Share", accountIds: "All" },
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
            ],
        },
    });
});
