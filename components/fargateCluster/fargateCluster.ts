import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceCluster } from "../fargateService/fargateService";
import { LOG_RETENTION_DAYS } from "../logRetention";

/**
 * Container Insights on the cluster: `enabled` (per-cluster, service and task-family metrics,
 * billed as custom metrics), `enhanced` (per task and container too, billed per observation) or
 * `disabled` (only ECS's free service metrics; the policy pack's advisory ecs-container-insights
 * reports it).
 */
export const CONTAINER_INSIGHTS_MODES = ["enabled", "enhanced", "disabled"] as const;
export type ContainerInsightsMode = (typeof CONTAINER_INSIGHTS_MODES)[number];

export interface FargateClusterArgs {
    /** The key ECS Exec encrypts session data with, end to end on top of TLS (the `sessions` domain). */
    sessionsKmsKeyArn: pulumi.Input<string>;
    /** The key of the log group that records every ECS Exec session (the `logs` domain). */
    logsKmsKeyArn: pulumi.Input<string>;
    /** Days the ECS Exec session log is kept: one of CloudWatch Logs' retention values. */
    logRetentionDays: number;
    /** Container Insights: `enabled` (default), `enhanced` or `disabled`. */
    containerInsights?: ContainerInsightsMode;
    /**
     * When this component takes over a cluster another component declared, that component: its
     * children get an alias to it, so `pulumi up` moves them instead of replacing them.
     */
    previousParent?: pulumi.Resource;
}

/**
 * An ECS cluster for Fargate services with Container Insights (unless turned off) and audited ECS Exec: every exec
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
    /** Whether Container Insights is on (`enabled` or `enhanced`): its metrics exist to alarm on. */
    public readonly containerInsights: boolean;
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
        const insights = args.containerInsights ?? "enabled";
        if (!(CONTAINER_INSIGHTS_MODES as readonly string[]).includes(insights)) {
            throw new Error(
                `FargateCluster ${name}: containerInsights ${JSON.stringify(insights)} is not allowed; expected one of ${CONTAINER_INSIGHTS_MODES.join(", ")}`,
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
                settings: [{ name: "containerInsights", value: insights }],
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
        this.containerInsights = insights !== "disabled";
        this.clusterArn = this.cluster.arn;
        this.clusterName = this.cluster.name;
        this.execLogGroupArn = this.execLogGroup.arn;
        this.sessionsKmsKeyArn = pulumi.output(args.sessionsKmsKeyArn);
        this.registerOutputs({ clusterArn: this.clusterArn, clusterName: this.clusterName });
    }
}
