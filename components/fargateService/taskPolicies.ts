import type { PolicyDocument, PolicyStatement } from "../iam/policyDocument";

/** What ECS needs to start a task: pull the image, write its logs, read exactly its secrets. */
export function executionRolePolicy(args: {
    secretArns: string[];
    /** The key the secrets are encrypted with; required when there are secrets. */
    secretsKmsKeyArn?: string;
    logGroupArns: string[];
    /** The ECR repository of the image: pull rights on it only. Unset: any repository. */
    repositoryArn?: string;
}): PolicyDocument {
    const secretArns = [...new Set(args.secretArns)].sort();
    if (secretArns.length > 0 && !args.secretsKmsKeyArn) {
        throw new Error(
            "executionRolePolicy: secretsKmsKeyArn is unset; expected the key the task's secrets are encrypted with",
        );
    }
    const statements: PolicyStatement[] = [
        {
            Sid: "EcrAuthentication",
            Effect: "Allow",
            Action: ["ecr:GetAuthorizationToken"],
            Resource: "*",
        },
        {
            Sid: "PullImage",
            Effect: "Allow",
            Action: [
                "ecr:BatchCheckLayerAvailability",
                "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer",
            ],
            // A prebuilt image from elsewhere: pull rights on any repository (read only).
            Resource: args.repositoryArn || "*",
        },
        {
            Sid: "WriteTaskLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: args.logGroupArns.map((arn) => `${arn}:*`),
        },
    ];
    if (secretArns.length > 0) {
        statements.push(
            {
                Sid: "ReadTaskSecrets",
                Effect: "Allow",
                Action: ["secretsmanager:GetSecretValue"],
                Resource: secretArns,
            },
            {
                Sid: "DecryptTaskSecrets",
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: args.secretsKmsKeyArn,
            },
        );
    }
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * What a task role needs for audited ECS Exec sessions: the SSM channels, writing the session log,
 * finding its group, and decrypting session data with the cluster's own key (Amazon ECS Developer
 * Guide, ECS Exec, "IAM permissions required for encryption using your own KMS key"). The user
 * running `aws ecs execute-command` needs kms:GenerateDataKey on that key.
 */
export function ecsExecStatements(args: {
    execLogGroupArn: string;
    sessionsKmsKeyArn: string;
}): PolicyStatement[] {
    return [
        {
            Sid: "EcsExecChannels",
            Effect: "Allow",
            Action: [
                "ssmmessages:CreateControlChannel",
                "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel",
                "ssmmessages:OpenDataChannel",
            ],
            Resource: "*",
        },
        {
            Sid: "EcsExecSessionLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `${args.execLogGroupArn}:*`,
        },
        {
            Sid: "EcsExecFindLogGroup",
            Effect: "Allow",
            Action: ["logs:DescribeLogGroups"],
            Resource: "*",
        },
        {
            Sid: "EcsExecSessionEncryption",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: args.sessionsKmsKeyArn,
        },
    ];
}
