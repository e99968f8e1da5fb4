import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createDeployTimeFunction } from "../../lambda/deployTimeFunction";
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
    return createDeployTimeFunction(
        name,
        {
            description: "Runs REDCap's one-off setup task before the services roll out",
            code: new pulumi.asset.AssetArchive({
                "index.js": new pulumi.asset.FileAsset(path.join(__dirname, "handler.js")),
            }),
            timeout: 900,
            memorySize: 128,
            policyDescription: "Start and watch REDCap's setup task, nothing else",
            policy: (logGroupArn) =>
                pulumi
                    .all([
                        args.cluster.arn,
                        args.cluster.name,
                        pulumi.all(args.taskRoleArns),
                        logGroupArn,
                    ])
                    .apply(([clusterArn, clusterName, taskRoleArns, logGroup]) =>
                        JSON.stringify(
                            setupRunnerPolicy({
                                clusterArn,
                                clusterName,
                                setupFamily: args.setupFamily,
                                taskRoleArns,
                                logGroupArn: logGroup,
                            }),
                        ),
                    ),
            input: pulumi.jsonStringify({
                cluster: args.cluster.arn,
                taskDefinition: args.setupTask.arn,
                containerName: args.containerName,
                subnets: args.subnetIds,
                securityGroups: args.securityGroupIds,
            }),
            // A new task definition (new image or settings) runs setup again.
            triggers: () => ({ taskDefinition: args.setupTask.arn }),
            logsKmsKeyArn: args.logsKmsKeyArn,
            logRetentionDays: args.logRetentionDays,
            dependsOn: args.dependsOn,
        },
        parent,
    );
}
