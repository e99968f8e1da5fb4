import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createRoleWithPolicy } from "../iam/serviceRole";
import { flowLogsTrustPolicy, flowLogsWritePolicy } from "./networkPolicies";

export interface FlowLogsArgs {
    vpcId: pulumi.Input<string>;
    logGroupName: string;
    kmsKeyArn: pulumi.Input<string>;
    retentionInDays: number;
    /** Where the VPC lives, for the role's trust conditions. */
    accountId: pulumi.Input<string>;
    region: pulumi.Input<string>;
    partition: pulumi.Input<string>;
}

/**
 * Flow logs of all traffic of a VPC to a KMS-encrypted log group, written by a role that trusts
 * only this account's flow logs and may write only to that group. Children of `parent`.
 * @internal
 */
export function createFlowLogs(
    name: string,
    args: FlowLogsArgs,
    parent: pulumi.Resource,
): aws.cloudwatch.LogGroup {
    const logGroup = new aws.cloudwatch.LogGroup(
        name,
        {
            name: args.logGroupName,
            kmsKeyId: args.kmsKeyArn,
            retentionInDays: args.retentionInDays,
        },
        { parent },
    );
    const { role, attachment } = createRoleWithPolicy(
        name,
        {
            description: `VPC flow logs write to ${args.logGroupName}`,
            policyDescription: `Write VPC flow logs to ${args.logGroupName} only`,
            trustPolicy: pulumi
                .all([args.accountId, args.region, args.partition])
                .apply(([accountId, region, partition]) =>
                    JSON.stringify(flowLogsTrustPolicy({ accountId, region, partition })),
                ),
            policy: logGroup.arn.apply((arn) => JSON.stringify(flowLogsWritePolicy(arn))),
        },
        parent,
    );
    new aws.ec2.FlowLog(
        name,
        {
            vpcId: args.vpcId,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: logGroup.arn,
            iamRoleArn: role.arn,
            // One-minute aggregation: the finest AWS offers, for investigations.
            maxAggregationInterval: 60,
            tags: { Name: name },
        },
        // The role must be able to write before the first delivery is attempted.
        { parent, dependsOn: [attachment] },
    );
    return logGroup;
}
