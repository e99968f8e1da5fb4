import { createHash } from "node:crypto";
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
    /** The roles the setup task runs with (the runner passes them to ECS). */
    taskRoleArns: pulumi.Input<string>[];
    logsKmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** What must exist before setup runs: the database users it connects as. */
    dependsOn: pulumi.Resource[];
    /**
     * Values that run setup again when they change, besides the task definition: e.g. the version
     * of the S3 key's secret, which only the setup task copies into REDCap's settings.
     */
    rerunWhenChanged?: Record<string, pulumi.Input<string>>;
}

export interface SetupRunner {
    /** The setup run (`setup`): the services roll out only after it succeeded. */
    setup: aws.lambda.Invocation;
    /**
     * The second run (`finish`, which brings REDCap back online after an upgrade that took it
     * offline), once `after` (the web service on the new version) is done.
     */
    finishAfter(after: pulumi.Resource[]): aws.lambda.Invocation;
}

/**
 * A Lambda function that runs REDCap's setup task and waits for it (./handler.js), invoked by
 * `pulumi up` whenever the setup task definition changes (a new image or new settings): once
 * before the services roll out, and once after the web service is steady.
 * @internal
 */
export function createSetupRunner(
    name: string,
    args: SetupRunnerArgs,
    parent: pulumi.Resource,
): SetupRunner {
    // A new task definition (new image or settings) or a rotated key runs both steps again.
    const triggers = { ...args.rerunWhenChanged, taskDefinition: args.setupTask.arn };
    const event = (command: string) =>
        pulumi.jsonStringify({
            cluster: args.cluster.arn,
            taskDefinition: args.setupTask.arn,
            containerName: args.containerName,
            command: [command],
            // Marks the tasks of this deploy's triggers, so that a retried deploy finds the task an
            // earlier attempt left running (or finished), and a changed trigger never does.
            startedBy: pulumi.output(triggers).apply(setupStartedBy),
            subnets: args.subnetIds,
            securityGroups: args.securityGroupIds,
        });
    const { fn, invocation } = createDeployTimeFunction(
        name,
        {
            description: "Runs REDCap's one-off setup task around the services' roll-out",
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
            input: event("setup"),
            triggers: () => triggers,
            logsKmsKeyArn: args.logsKmsKeyArn,
            logRetentionDays: args.logRetentionDays,
            dependsOn: args.dependsOn,
        },
        parent,
    );
    return {
        setup: invocation,
        finishAfter: (after) =>
            new aws.lambda.Invocation(
                `${name}-finish`,
                { functionName: fn.name, input: event("finish"), triggers },
                { parent, dependsOn: [invocation, ...after] },
            ),
    };
}

/**
 * The setup tasks' `startedBy` for these trigger values: `redcap-setup-` and a hash of them (ECS
 * takes up to 128 letters, digits, hyphens and underscores). The values are versions and ARNs,
 * not secrets; the hash only keeps the value short.
 */
export function setupStartedBy(triggers: Record<string, string>): string {
    const canonical = JSON.stringify(
        Object.entries(triggers).sort(([a], [b]) => a.localeCompare(b)),
    );
    return `redcap-setup-${createHash("sha256").update(canonical).digest("hex").slice(0, 24)}`;
}
