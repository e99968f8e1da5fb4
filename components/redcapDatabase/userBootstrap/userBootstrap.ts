import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createDeployTimeFunction } from "../../lambda/deployTimeFunction";
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
    const egress = new aws.ec2.SecurityGroup(
        name,
        {
            vpcId: args.vpcId,
            description: "User bootstrap: HTTPS to AWS APIs (Secrets Manager)",
            revokeRulesOnDelete: true,
            tags: { Name: name },
        },
        { parent },
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
        { parent },
    );
    return createDeployTimeFunction(
        name,
        {
            functionName: args.functionName,
            description: "Creates or updates REDCap's MySQL users (run by pulumi up)",
            code: bootstrapCode(),
            timeout: 120,
            memorySize: 256,
            policyDescription: "Read the master and REDCap users' database secrets, nothing else",
            // Logs: the VPC access policy lets it write them.
            policy: () =>
                pulumi
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
            vpc: {
                subnetIds: args.subnetIds,
                securityGroupIds: [args.clientSecurityGroupId, egress.id],
            },
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
            triggers: (fn) => ({
                secretVersions: pulumi
                    .all(args.users.map((u) => u.secretVersionId))
                    .apply((ids) => ids.join(",")),
                code: fn.sourceCodeHash,
            }),
            logsKmsKeyArn: args.logsKmsKeyArn,
            logRetentionDays: args.logRetentionDays,
            dependsOn: args.dependsOn,
        },
        parent,
    ).invocation;
}
