import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ecsExecStatements, executionRolePolicy } from "../fargateService/taskPolicies";
import { serviceTrustPolicy } from "../iam/policyDocument";
import { createRoleWithPolicy, type RoleWithPolicy } from "../iam/serviceRole";
import { type TaskKind, type TaskSecret, uploadStatements } from "./taskSettings";

export interface TaskRolesArgs {
    /** What each kind of task reads from Secrets Manager. */
    secretsOf: (kind: TaskKind) => Record<string, TaskSecret<pulumi.Input<string>>>;
    secretsKmsKeyArn: pulumi.Input<string>;
    /** The ECR repository of the image (pull rights on it only), if built here. */
    repositoryArn?: pulumi.Input<string | undefined>;
    appLogGroupArn: pulumi.Input<string>;
    execLogGroupArn: pulumi.Input<string>;
    bucketArn: pulumi.Input<string>;
    filesKmsKeyArn: pulumi.Input<string>;
    /** The cluster's ECS Exec key: the task role decrypts session data with it. */
    sessionsKmsKeyArn: pulumi.Input<string>;
}

/** A role ECS tasks assume, with exactly one policy; the attachment is what tasks wait for. */
export type TaskRole = RoleWithPolicy;

/**
 * REDCap's roles: one execution role per set of secrets (the web server and cron never read the
 * schema user's or the first administrator's secret) and the task role of the web server and cron
 * (the setup task calls no AWS API and has none).
 * @internal
 */
export function createTaskRoles(
    name: string,
    args: TaskRolesArgs,
    parent: pulumi.Resource,
): { serviceExecution: TaskRole; setupExecution: TaskRole; task: TaskRole } {
    const opts = { parent };
    const trust = aws.getCallerIdentityOutput({}, opts).accountId.apply((accountId) =>
        JSON.stringify(
            serviceTrustPolicy("ecs-tasks.amazonaws.com", {
                StringEquals: { "aws:SourceAccount": accountId },
            }),
        ),
    );
    const roleWithPolicy = (
        suffix: string,
        description: string,
        policyDescription: string,
        policy: pulumi.Input<string>,
    ): TaskRole =>
        createRoleWithPolicy(
            `${name}-${suffix}`,
            { description, policyDescription, trustPolicy: trust, policy },
            parent,
        );
    const execution = (suffix: string, kinds: TaskKind[]) => {
        const tasks = kinds.join(" and ");
        return roleWithPolicy(
            suffix,
            `ECS starts REDCap's ${tasks} tasks`,
            `Pull REDCap's image, write its logs, read exactly the ${tasks} tasks' secrets`,
            pulumi
                .all([
                    pulumi.all(
                        kinds.flatMap((kind) =>
                            Object.values(args.secretsOf(kind)).map((s) => s.arn),
                        ),
                    ),
                    args.secretsKmsKeyArn,
                    args.appLogGroupArn,
                    args.repositoryArn,
                ])
                .apply(([secretArns, secretsKmsKeyArn, logGroupArn, repositoryArn]) =>
                    JSON.stringify(
                        executionRolePolicy({
                            secretArns,
                            secretsKmsKeyArn,
                            logGroupArns: [logGroupArn],
                            repositoryArn,
                        }),
                    ),
                ),
        );
    };
    return {
        serviceExecution: execution("execution", ["web", "cron"]),
        setupExecution: execution("setup-execution", ["setup"]),
        task: roleWithPolicy(
            "task",
            "What REDCap itself may do",
            "REDCap's uploads and key, and audited ECS Exec sessions",
            pulumi
                .all([
                    args.bucketArn,
                    args.filesKmsKeyArn,
                    args.execLogGroupArn,
                    args.sessionsKmsKeyArn,
                ])
                .apply(([bucketArn, filesKmsKeyArn, execLogGroupArn, sessionsKmsKeyArn]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            ...uploadStatements({ bucketArn, filesKmsKeyArn }),
                            ...ecsExecStatements({ execLogGroupArn, sessionsKmsKeyArn }),
                        ],
                    }),
                ),
        ),
    };
}
