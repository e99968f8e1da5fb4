import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../../iam/policyDocument";
import type { DatabaseUser } from "./databaseUsers";
import { bootstrapCode } from "./lambdaCode";

export interface UserBootstrapArgs {
    /** Name of the Lambda function in AWS. */
    functionName: string;
    vpcId: pulumi.Input<string>;
    /** Private subnets the function runs in (it needs Secrets Manager, through NAT or an endpoint). */
    subnetIds: pulumi.Input<string>[];
    /** The database's client security group: the only way in to port 3306. */
    clientSecurityGroupId: pulumi.Input<string>;
    host: pulumi.Input<string>;
    port: number;
    database: string;
    masterSecretArn: pulumi.Input<string>;
    users: {
        user: DatabaseUser;
        secretArn: pulumi.Input<string>;
        secretVersionId: pulumi.Input<string>;
    }[];
    secretsKmsKeyArn: pulumi.Input<string>;
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** Resources that must exist before the first run (the cluster's instances). */
    dependsOn: pulumi.Resource[];
}

/**
 * Creates REDCap's database users on the first deploy, and applies changed passwords or
 * privileges on later ones: a Lambda function in the private subnets, run by `pulumi up` through
 * an `aws.lambda.Invocation` whenever a user's secret or privileges change. Only it can read the
 * master secret; its logs are encrypted and kept like every other log.
 * @internal
 */
export function createUserBootstrap(
    name: string,
    args: UserBootstrapArgs,
    parent: pulumi.Resource,
): aws.lambda.Invocation {
    const opts = { parent };
    const logGroup = new aws.cloudwatch.LogGroup(
        name,
        {
            name: `/aws/lambda/${args.functionName}`,
            kmsKeyId: args.logsKmsKeyArn,
            retentionInDays: args.logRetentionDays,
        },
        opts,
    );
    const role = new aws.iam.Role(
        name,
        {
            description: `Creates REDCap's database users (${args.functionName})`,
            assumeRolePolicy: JSON.stringify(serviceTrustPolicy("lambda.amazonaws.com")),
        },
        opts,
    );
    const vpcAccess = new aws.iam.RolePolicyAttachment(
        `${name}-vpc-access`,
        {
            role: role.name,
            policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
        },
        opts,
    );
    const policy = new aws.iam.Policy(
        name,
        {
            description: "Read the master and REDCap users' database secrets, nothing else",
            policy: pulumi
                .all([
                    args.masterSecretArn,
                    pulumi.output(args.secretsKmsKeyArn),
                    ...args.users.map((u) => u.secretArn),
                ])
                .apply(([master, keyArn, ...userSecrets]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Sid: "ReadDatabaseSecrets",
                                Effect: "Allow",
                                Action: ["secretsmanager:GetSecretValue"],
                                Resource: [master, ...userSecrets],
                            },
                            {
                                Sid: "DecryptThroughSecretsManager",
                                Effect: "Allow",
                                Action: ["kms:Decrypt"],
                                Resource: keyArn,
                            },
                        ],
                    }),
                ),
        },
        opts,
    );
    const attachment = new aws.iam.RolePolicyAttachment(
        name,
        { role: role.name, policyArn: policy.arn },
        opts,
    );
    const egress = new aws.ec2.SecurityGroup(
        name,
        {
            vpcId: args.vpcId,
            description: "User bootstrap: HTTPS to AWS APIs (Secrets Manager)",
            revokeRulesOnDelete: true,
            tags: { Name: name },
        },
        opts,
    );
    new aws.vpc.SecurityGroupEgressRule(
        `${name}-https`,
        {
            securityGroupId: egress.id,
            description: "HTTPS to AWS APIs",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
        },
        opts,
    );
    const fn = new aws.lambda.Function(
        name,
        {
            name: args.functionName,
            description: "Creates or updates REDCap's MySQL users (run by pulumi up)",
            runtime: "nodejs22.x",
            handler: "index.handler",
            code: bootstrapCode(),
            role: role.arn,
            timeout: 120,
            memorySize: 256,
            vpcConfig: {
                subnetIds: args.subnetIds,
                securityGroupIds: [args.clientSecurityGroupId, egress.id],
            },
            loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
        },
        { parent, dependsOn: [vpcAccess, attachment] },
    );
    return new aws.lambda.Invocation(
        name,
        {
            functionName: fn.name,
            input: pulumi.jsonStringify({
                host: args.host,
                port: args.port,
                database: args.database,
                masterSecretArn: args.masterSecretArn,
                users: args.users.map((u) => ({
                    secretArn: u.secretArn,
                    privileges: u.user.privileges,
                })),
            }),
            // A new password (a new secret version) or new code runs the bootstrap again.
            triggers: {
                secretVersions: pulumi
                    .all(args.users.map((u) => u.secretVersionId))
                    .apply((ids) => ids.join(",")),
                code: fn.sourceCodeHash,
            },
        },
        { parent, dependsOn: args.dependsOn },
    );
}
