import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../iam/policyDocument";

export interface DeployTimeFunctionArgs {
    /** Name in AWS; when set, its log group is `/aws/lambda/<functionName>`. */
    functionName?: string;
    /** What the function does, for the function and its role. */
    description: string;
    code: pulumi.asset.Archive;
    timeout: number;
    memorySize: number;
    /** The role's only policy, given the function's log group ARN. */
    policy: (logGroupArn: pulumi.Output<string>) => pulumi.Input<string>;
    policyDescription: string;
    /** Run inside the VPC (adds AWS's VPC access policy, which the function needs for its ENIs). */
    vpc?: { subnetIds: pulumi.Input<string>[]; securityGroupIds: pulumi.Input<string>[] };
    /** The event `pulumi up` invokes it with. */
    input: pulumi.Input<string>;
    /** Values whose change invokes it again, given the function (e.g. its code hash). */
    triggers: (fn: aws.lambda.Function) => pulumi.Input<Record<string, pulumi.Input<string>>>;
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** What must exist before the first invocation. */
    dependsOn: pulumi.Resource[];
}

/**
 * A Lambda function that `pulumi up` runs through an `aws.lambda.Invocation` (a failed run fails
 * the deploy): its encrypted log group, a role with exactly one policy, the function, and the
 * invocation. Both are returned: other resources wait for the invocation, and a later step may
 * invoke the function again.
 * @internal
 */
export function createDeployTimeFunction(
    name: string,
    args: DeployTimeFunctionArgs,
    parent: pulumi.Resource,
): { fn: aws.lambda.Function; invocation: aws.lambda.Invocation } {
    const opts = { parent };
    const logGroup = new aws.cloudwatch.LogGroup(
        name,
        {
            name: args.functionName ? `/aws/lambda/${args.functionName}` : undefined,
            kmsKeyId: args.logsKmsKeyArn,
            retentionInDays: args.logRetentionDays,
        },
        opts,
    );
    const role = new aws.iam.Role(
        name,
        {
            description: args.description,
            assumeRolePolicy: JSON.stringify(serviceTrustPolicy("lambda.amazonaws.com")),
        },
        opts,
    );
    const ready: pulumi.Resource[] = [];
    if (args.vpc) {
        ready.push(
            new aws.iam.RolePolicyAttachment(
                `${name}-vpc-access`,
                {
                    role: role.name,
                    policyArn:
                        "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
                },
                opts,
            ),
        );
    }
    const policy = new aws.iam.Policy(
        name,
        { description: args.policyDescription, policy: args.policy(logGroup.arn) },
        opts,
    );
    ready.push(
        new aws.iam.RolePolicyAttachment(name, { role: role.name, policyArn: policy.arn }, opts),
    );
    const fn = new aws.lambda.Function(
        name,
        {
            name: args.functionName,
            description: args.description,
            runtime: "nodejs22.x",
            handler: "index.handler",
            code: args.code,
            role: role.arn,
            timeout: args.timeout,
            memorySize: args.memorySize,
            vpcConfig: args.vpc,
            loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
        },
        { parent, dependsOn: ready },
    );
    const invocation = new aws.lambda.Invocation(
        name,
        { functionName: fn.name, input: args.input, triggers: args.triggers(fn) },
        { parent, dependsOn: args.dependsOn },
    );
    return { fn, invocation };
}
