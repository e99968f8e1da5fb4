import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceCluster } from "../fargateService/fargateService";
import { LOG_RETENTION_DAYS } from "../logRetention";

export interface FargateClusterArgs {
    /** The key ECS Exec encrypts session data with, end to end on top of TLS (the `sessions` domain). */
    sessionsKmsKeyArn: pulumi.Input<string>;
    /** The key of the log group that records every ECS Exec session (the `logs` domain). */
    logsKmsKeyArn: pulumi.Input<string>;
    /** Days the ECS Exec session log is kept: one of CloudWatch Logs' retention values. */
    logRetentionDays: number;
    /**
     * When this component takes over a cluster another component declared, that component: its
     * children get an alias to it, so `pulumi up` moves them instead of replacing them.
     */
    previousParent?: pulumi.Resource;
}

/**
 * An ECS cluster for Fargate services with Container Insights and audited ECS Exec: every exec
 * session is encrypted with a customer key and logged, whole, to an encrypted log group. ECS
 * Exec sessions end after 20 idle minutes, which ECS does not let anyone change (Amazon ECS
 * Developer Guide, ECS Exec considerations); without NAT, tasks also need a KMS interface
 * endpoint for the session key.
 */
export class FargateCluster extends pulumi.ComponentResource implements ServiceCluster {
    /** The cluster (read-only: change it through the args). */
    public readonly cluster: aws.ecs.Cluster;
    public readonly clusterArn: pulumi.Output<string>;
    public readonly clusterName: pulumi.Output<string>;
    /** The log group of ECS Exec sessions, for the task roles that may write to it. */
    public readonly execLogGroup: aws.cloudwatch.LogGroup;
    public readonly execLogGroupArn: pulumi.Output<string>;
    /** The key ECS Exec session data is encrypted with: task roles decrypt with it. */
    public readonly sessionsKmsKeyArn: pulumi.Output<string>;

    constructor(name: string, args: FargateClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:compute:FargateCluster", name, {}, opts);
        if (!(LOG_RETENTION_DAYS as readonly number[]).includes(args.logRetentionDays)) {
            throw new Error(
                `FargateCluster ${name}: logRetentionDays ${args.logRetentionDays} is not allowed; expected one of ${LOG_RETENTION_DAYS.join(", ")}`,
            );
        }
        const child: pulumi.CustomResourceOptions = {
            parent: this,
            ...(args.previousParent ? { aliases: [{ parent: args.previousParent }] } : {}),
        };
        this.execLogGroup = new aws.cloudwatch.LogGroup(
            `${name}-exec`,
            { kmsKeyId: args.logsKmsKeyArn, retentionInDays: args.logRetentionDays },
            child,
        );
        this.cluster = new aws.ecs.Cluster(
            name,
            {
                settings: [{ name: "containerInsights", value: "enabled" }],
                configuration: {
                    executeCommandConfiguration: {
                        kmsKeyId: args.sessionsKmsKeyArn,
                        logging: "OVERRIDE",
                        logConfiguration: {
                            cloudWatchLogGroupName: this.execLogGroup.name,
                            cloudWatchEncryptionEnabled: true,
                        },
                    },
                },
            },
            child,
        );
        this.clusterArn = this.cluster.arn;
        this.clusterName = this.cluster.name;
        this.execLogGroupArn = this.execLogGroup.arn;
        this.sessionsKmsKeyArn = pulumi.output(args.sessionsKmsKeyArn);
        this.registerOutputs({ clusterArn: this.clusterArn, clusterName: this.clusterName });
    }
}
