import { describeCases, R } from "../test/cases";
import { iamReferencePolicies } from "./iamReference";

const doc = (...statements: Record<string, unknown>[]) =>
    JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (action: unknown, condition?: Record<string, unknown>) => ({
    Effect: "Allow",
    Action: action,
    Resource: "*",
    ...(condition ? { Condition: condition } : {}),
});
const policy = (statement: Record<string, unknown>): R => ({
    type: "aws:iam/policy:Policy",
    name: "app",
    props: { policy: doc(statement) },
});
const role = (trust: Record<string, unknown>, inline?: Record<string, unknown>): R => ({
    type: "aws:iam/role:Role",
    name: "svc",
    props: {
        assumeRolePolicy: doc(trust),
        ...(inline ? { inlinePolicies: [{ name: "inline", policy: doc(inline) }] } : {}),
    },
});
const lambdaTrust = (condition: Record<string, unknown>) => ({
    Effect: "Allow",
    Principal: { Service: "lambda.amazonaws.com" },
    Action: "sts:AssumeRole",
    Condition: condition,
});
const permission = (action: string): R => ({
    type: "aws:lambda/permission:Permission",
    name: "invoke",
    props: { action, function: "fn", principal: "s3.amazonaws.com" },
});
const bucketPolicy = (statement: Record<string, unknown>): R => ({
    type: "aws:s3/bucketPolicy:BucketPolicy",
    name: "logs-policy",
    props: { bucket: "logs-1", policy: doc(statement) },
});
/** Resource policies in object form, as a program may write them (here a log group's). */
const logPolicy = (statement: Record<string, unknown>): R => ({
    type: "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
    name: "delivery",
    props: {
        policyName: "delivery",
        policyDocument: { Version: "2012-10-17", Statement: statement },
    },
});

describe("policy pack: IAM names against the Service Authorization Reference", () => {
    describeCases(iamReferencePolicies, {
        "iam-actions-and-keys-exist": {
            // Every type's document input is read the same way (a role: also its inline policies).
            sameInputOnEveryType: true,
            compliant: [
                {
                    stack: [
                        policy(
                            allow(
                                ["s3:GetObject", "SNS:Publish", "kms:GenerateDataKey*", "ec2:*"],
                                {
                                    StringEquals: {
                                        "kms:ViaService": "s3.us-east-1.amazonaws.com",
                                        "aws:PrincipalTag/team": "data",
                                    },
                                    ArnLike: {
                                        "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:*",
                                    },
                                },
                            ),
                        ),
                    ],
                },
                {
                    stack: [
                        role(
                            lambdaTrust({ StringEquals: { "aws:SourceAccount": "123456789012" } }),
                            {
                                ...allow("logs:PutLogEvents"),
                            },
                        ),
                        permission("lambda:InvokeFunction"),
                    ],
                },
                {
                    stack: [
                        bucketPolicy({
                            ...allow("s3:PutObject", {
                                StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" },
                            }),
                            Principal: { Service: "logging.s3.amazonaws.com" },
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [policy(allow(["s3:GetObject", "s3:GetObjet"]))],
                    message: /policy: action "s3:GetObjet" is not an action of s3/,
                    unknown: "app:policy",
                },
                {
                    stack: [policy(allow("s3:Fetch*"))],
                    message: /action "s3:Fetch\*" matches no action of s3/,
                },
                {
                    stack: [policy(allow("s4:GetObject"))],
                    message: /no AWS service has the prefix "s4"/,
                },
                {
                    stack: [role(lambdaTrust({ StringEquals: { "aws:SourceAcount": "1" } }))],
                    message:
                        /assumeRolePolicy: condition key "aws:SourceAcount" is not a global \(aws:\) condition key/,
                    unknown: "svc:assumeRolePolicy",
                },
                {
                    stack: [
                        role(lambdaTrust({ StringEquals: { "aws:SourceAccount": "1" } }), {
                            ...allow("logs:PutLogEvent"),
                        }),
                    ],
                    message: /inlinePolicies: action "logs:PutLogEvent" is not an action of logs/,
                },
                {
                    stack: [permission("lambda:InvokeFunctions")],
                    message: /action: action "lambda:InvokeFunctions" is not an action of lambda/,
                    unknown: "invoke:action",
                },
                {
                    stack: [
                        bucketPolicy({
                            ...allow("s3:PutObject", { StringEquals: { "s3:x-amz-acls": "x" } }),
                            Principal: { Service: "logging.s3.amazonaws.com" },
                        }),
                    ],
                    message: /policy: condition key "s3:x-amz-acls" is not a condition key of s3/,
                },
                {
                    stack: [
                        logPolicy({
                            ...allow("logs:PutLogEvents", {
                                StringEquals: { "logs:SourceAccount": "1" },
                            }),
                            Principal: { Service: "delivery.logs.amazonaws.com" },
                        }),
                    ],
                    message:
                        /policyDocument: condition key "logs:SourceAccount" is not a condition key of logs/,
                    unknown: "delivery:policyDocument",
                },
            ],
        },
    });
});
