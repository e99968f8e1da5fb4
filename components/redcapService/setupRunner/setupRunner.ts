import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../../iam/policyDocument";
import { setupRunnerPolicy } from "../taskSettings";

export interface SetupRunnerArgs {
    cluster: aws.ecs.Cluster;
    setupTask: aws.ecs.TaskDefinition;
    setupFamily: string;
    containerName: string;
    subnetIds: pulumi.Input<string>[];
    securityGroupIds: pulumi.Input<string>[];
    /** The execution and task roles the setup task runs with (the runner passes them to ECS). */
    taskRoleArns: pulumi.Input<string>[];
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** What must exist before setup runs: the database users it connects as. */
    dependsOn: pulumi.Resource[];
}

/**
 * A Lambda function that runs REDCap's setup task and waits for it (./handler.js), invoked by
 * `pulumi up` whenever the setup task definition changes. Returned so services can depend on it:
 * they roll out only after setup succeeded.
 * @internal
 */
export function createSetupRunner(
    name: string,
    args: SetupRunnerArgs,
    parent: pulumi.Resource,
): aws.lambda.Invocation {
    const opts = { parent };
    const identity = aws.getCallerIdentityOutput({}, opts);
    const region = aws.getRegionOutput({}, opts);
    const partition = aws.getPartitionOutput({}, opts);
    const logGroup = new aws.cloudwatch.LogGroup(
        name,
        { kmsKeyId: args.logsKmsKeyArn, retentionInDays: args.logRetentionDays },
        opts,
    );
    const role = new aws.iam.Role(
        name,
        {
            description: "Runs REDCap's setup task and waits for it",
            assumeRolePolicy: JSON.stringify(serviceTrustPolicy("lambda.amazonaws.com")),
        },
        opts,
    );
    const policy = new aws.iam.Policy(
        name,
        {
            description: "Start and watch REDCap's setup task, nothing else",
            policy: pulumi
                .all([
                    identity.accountId,
                    region.region,
                    partition.partition,
                    args.cluster.arn,
                    args.cluster.name,
                    pulumi.all(args.taskRoleArns),
                    logGroup.arn,
                ])
                .apply(
                    ([
                        accountId,
                        regionName,
                        partitionName,
                        clusterArn,
                        clusterName,
                        taskRoleArns,
                        logGroupArn,
                    ]) =>
                        JSON.stringify(
                            setupRunnerPolicy({
                                accountId,
                                region: regionName,
                                partition: partitionName,
                                clusterArn,
                                clusterName,
                                setupFamily: args.setupFamily,
                                taskRoleArns,
                                logGroupArn,
                            }),
                        ),
                ),
        },
        opts,
    );
    const attachment = new aws.iam.RolePolicyAttachment(
        name,
        { role: role.name, policyArn: policy.arn },
        opts,
    );
    const fn = new aws.lambda.Function(
        name,
        {
            description: "Runs REDCap's one-off setup task before the services roll out",
            runtime: "nodejs22.x",
            handler: "index.handler",
            code: new pulumi.asset.AssetArchive({
                "index.js": new pulumi.asset.FileAsset(path.join(__dirname, "handler.js")),
            }),
            role: role.arn,
            timeout: 900,
            memorySize: 128,
            loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
        },
        { parent, dependsOn: [attachment] },
    );
    return new aws.lambda.Invocation(
        name,
        {
            functionName: fn.name,
            input: pulumi.jsonStringify({
                cluster: args.cluster.arn,
                taskDefinition: args.setupTask.arn,
                containerName: args.containerName,
                subnets: args.subnetIds,
                securityGroups: args.securityGroupIds,
            }),
            // A new task definition (new image or settings) runs setup again.
            triggers: { taskDefinition: args.setupTask.arn },
        },
        { parent, dependsOn: args.dependsOn },
    );
}
