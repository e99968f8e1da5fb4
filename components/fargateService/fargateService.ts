import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type PolicyStatement, serviceTrustPolicy } from "../iam/policyDocument";
import { createRoleWithPolicy } from "../iam/serviceRole";
import { LOG_RETENTION_DAYS } from "../logRetention";
import { efsClientStatement } from "../sharedFileSystem/fileSystemPolicy";
import { requireWholeNumber } from "../validation";
import type { SleepCrons } from "./sleepSchedule";
import {
    type CpuArchitecture,
    createFargateTaskDefinition,
    type TaskContainer,
    taskProblems,
} from "./taskDefinition";
import { ecsExecStatements, executionRolePolicy } from "./taskPolicies";

/** The cluster a service runs in, with what its tasks need for audited ECS Exec (a FargateCluster). */
export interface ServiceCluster {
    clusterArn: pulumi.Input<string>;
    clusterName: pulumi.Input<string>;
    /** The log group every ECS Exec session is written to. */
    execLogGroupArn: pulumi.Input<string>;
    /** The key ECS Exec session data is encrypted with. */
    sessionsKmsKeyArn: pulumi.Input<string>;
}

/** A role made elsewhere (escape hatch): its ARN, and what must exist before tasks use it. */
export interface ExistingRole {
    arn: pulumi.Input<string>;
    /** E.g. the attachment of its policy: the task definition waits for them. */
    ready?: pulumi.Resource[];
}

/** A shared file system volume of the task (an EFS access point), and the grant it needs. */
export interface ServiceFileSystem {
    fileSystemId: pulumi.Input<string>;
    fileSystemArn: pulumi.Input<string>;
    accessPointId: pulumi.Input<string>;
    accessPointArn: pulumi.Input<string>;
    /** Mount without write access (ClientMount only). Default false. */
    readOnly?: boolean;
}

/** Where the service's tasks register with a load balancer. */
export interface ServiceLoadBalancing {
    targetGroupArn: pulumi.Input<string>;
    /** The container and port the load balancer sends to. */
    containerName: string;
    containerPort: number;
    /** The security group the load balancer may reach: the tasks join it. */
    targetSecurityGroupId: pulumi.Input<string>;
    /** The listener that forwards to the target group: the service is created after it. */
    listener?: pulumi.Resource;
    /**
     * `<load balancer ARN suffix>/<target group ARN suffix>`: with it, the service also scales on
     * requests per task.
     */
    requestCountLabel?: pulumi.Input<string>;
    /** Seconds after start during which failed health checks do not stop a task. Default 120. */
    healthCheckGracePeriodSeconds?: number;
}

/** Autoscaling of the number of tasks. */
export interface ServiceScaling {
    minTasks: number;
    maxTasks: number;
    /** Average CPU the autoscaler aims for, in percent. Default 60. */
    cpuTargetPercent?: number;
    /** Requests per task per minute the autoscaler aims for (with `requestCountLabel`). Default 600. */
    requestsPerTaskPerMinute?: number;
}

/** The children a service may have taken over from another component, by kind. */
export type FargateServiceChild =
    "taskDefinition" | "service" | "scalingTarget" | "cpuScaling" | "requestScaling";

export interface FargateServiceArgs {
    /** The cluster (a FargateCluster) with audited ECS Exec. */
    cluster: ServiceCluster;
    region: string;
    /** Task definition family, unique per account and region. Default: the component's name. */
    family?: string;
    /** CPU units (1024 = 1 vCPU) and memory (MiB): a pair Fargate accepts. Defaults 512 / 1024. */
    cpu?: number;
    memory?: number;
    /** `X86_64` or `ARM64` (the images must be built for it). Default X86_64. */
    architecture?: CpuArchitecture;
    /** The task's containers; each gets the platform's container safeguards. */
    containers: TaskContainer[];
    /** Shared file system volumes by name, mounted by containers through `fileSystemMounts`. */
    fileSystems?: Record<string, ServiceFileSystem>;
    /**
     * Where the containers log. Either an existing group (`logGroup`) or the key and retention of
     * the group the service creates (`logs`).
     */
    logGroup?: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
    logs?: { kmsKeyArn: pulumi.Input<string>; retentionDays: number };
    /**
     * The role ECS starts tasks with. Default: one made here that pulls from `repositoryArn`,
     * writes the log group and reads exactly the containers' secrets.
     */
    executionRole?: ExistingRole;
    /** The ECR repository of the images, for the execution role made here. Default: any (read). */
    repositoryArn?: pulumi.Input<string | undefined>;
    /** The key the containers' secrets are encrypted with, for the execution role made here. */
    secretsKmsKeyArn?: pulumi.Input<string>;
    /**
     * The role the containers' own AWS calls use. Default: one made here with `taskPolicy`, the
     * mounts of `fileSystems` and ECS Exec. A role brought here must grant those itself
     * (`efsClientStatement`, `ecsExecStatements`): EFS and ECS Exec refuse without them.
     */
    taskRole?: ExistingRole;
    /** What the containers themselves may do, for the task role made here. */
    taskPolicy?: pulumi.Input<PolicyStatement[]>;
    /** Private subnets the tasks run in: never a public IP. */
    subnetIds: pulumi.Input<string>[];
    /**
     * Security groups of the tasks (escape hatch). Default: one made here in `vpcId` whose only
     * rules are `egress`.
     */
    securityGroupIds?: pulumi.Input<string>[];
    vpcId?: pulumi.Input<string>;
    /** Groups the tasks join besides their own, e.g. a shared file system's client group. */
    additionalSecurityGroupIds?: pulumi.Input<string>[];
    /** Outbound TCP ports of the security group made here. Default HTTPS (443) only. */
    egress?: { port: number; description: string }[];
    loadBalancer?: ServiceLoadBalancing;
    /** Tasks to run when not autoscaled. Default 1. */
    desiredCount?: number;
    scaling?: ServiceScaling;
    /**
     * Non-production only: outside the awake hours the service scales to zero tasks (scheduled
     * actions on its scalable target, made here when not scaled). Crons from `sleepCrons`.
     */
    sleep?: Pick<SleepCrons, "timezone" | "wake" | "sleep">;
    /**
     * Deployment bounds, in percent of the desired count. Defaults 100 (no capacity lost) and
     * 200. A single runner that must never run twice: 0 and 100.
     */
    minimumHealthyPercent?: number;
    maximumPercent?: number;
    /** `pulumi up` waits until the new tasks are healthy, and fails on a rollback. Default true. */
    waitForSteadyState?: boolean;
    /** Resources the service starts after, e.g. a schema migration. */
    startAfter?: pulumi.Resource[];
    /**
     * When this service takes over resources another component declared: that component, and the
     * names they had there when not this service's own. `pulumi up` then moves them instead of
     * replacing them.
     */
    previous?: { parent: pulumi.Resource; names?: Partial<Record<FargateServiceChild, string>> };
}

/**
 * A private Fargate service with the platform's safeguards: tasks in private subnets with no
 * public IP, read-only roots and secrets by reference (`containerDefinition`), logs under the logs
 * key, shared file systems only through access points with TLS and IAM, audited ECS Exec, a
 * deployment circuit breaker that rolls back, and autoscaling on CPU and requests per task.
 * Roles and security groups are made here unless the caller brings its own.
 */
export class FargateService extends pulumi.ComponentResource {
    /** The ECS service (read-only: change it through the args). */
    public readonly service: aws.ecs.Service;
    public readonly taskDefinition: aws.ecs.TaskDefinition;
    public readonly serviceName: pulumi.Output<string>;
    public readonly taskDefinitionArn: pulumi.Output<string>;
    public readonly logGroupName: pulumi.Output<string>;
    public readonly executionRoleArn: pulumi.Output<string>;
    public readonly taskRoleArn: pulumi.Output<string>;
    /** The security group made here, if any. */
    public readonly securityGroup?: aws.ec2.SecurityGroup;
    /** The autoscaling target, if scaled. */
    public readonly scalingTarget?: aws.appautoscaling.Target;

    constructor(name: string, args: FargateServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:compute:FargateService", name, {}, opts);
        const where = `FargateService ${name}`;
        const cpu = args.cpu ?? 512;
        const memory = args.memory ?? 1024;
        const architecture = args.architecture ?? "X86_64";
        const minHealthy = args.minimumHealthyPercent ?? 100;
        const maxPercent = args.maximumPercent ?? 200;
        const waitForSteadyState = args.waitForSteadyState ?? true;
        const fileSystems = args.fileSystems ?? {};
        const egressPorts = args.egress ?? [{ port: 443, description: "HTTPS to AWS APIs" }];
        checkServiceArgs(where, args, { minHealthy, maxPercent });
        const taskIssues = taskProblems({
            family: args.family ?? name,
            cpu,
            memory,
            architecture,
            containers: args.containers,
            fileSystems: args.fileSystems,
        });
        if (taskIssues.length > 0) {
            throw new Error(
                `${where}: ${taskIssues.map(([key, reason]) => `${key} ${reason}`).join("; ")}`,
            );
        }
        if (args.scaling) {
            const s = args.scaling;
            requireWholeNumber(where, "scaling.minTasks", s.minTasks, 0, 1000);
            requireWholeNumber(
                where,
                "scaling.maxTasks",
                s.maxTasks,
                Math.max(1, s.minTasks),
                1000,
            );
            requireWholeNumber(where, "scaling.cpuTargetPercent", s.cpuTargetPercent ?? 60, 10, 90);
            requireWholeNumber(
                where,
                "scaling.requestsPerTaskPerMinute",
                s.requestsPerTaskPerMinute ?? 600,
                10,
                100000,
            );
        }
        const child = (
            kind: FargateServiceChild,
            childName: string,
        ): pulumi.CustomResourceOptions => {
            const previous = args.previous;
            return {
                parent: this,
                ...(previous
                    ? {
                          aliases: [
                              {
                                  name: previous.names?.[kind] ?? childName,
                                  parent: previous.parent,
                              },
                          ],
                      }
                    : {}),
            };
        };
        const parent = { parent: this };

        // ---- logs
        const logGroup =
            args.logGroup ??
            (() => {
                const logs = args.logs as NonNullable<FargateServiceArgs["logs"]>;
                const group = new aws.cloudwatch.LogGroup(
                    name,
                    { kmsKeyId: logs.kmsKeyArn, retentionInDays: logs.retentionDays },
                    parent,
                );
                return { name: group.name, arn: group.arn };
            })();

        // ---- roles, unless brought
        const trust = () =>
            aws.getCallerIdentityOutput({}, parent).accountId.apply((accountId) =>
                JSON.stringify(
                    serviceTrustPolicy("ecs-tasks.amazonaws.com", {
                        StringEquals: { "aws:SourceAccount": accountId },
                    }),
                ),
            );
        const executionRole: ExistingRole =
            args.executionRole ??
            (() => {
                const secretArns = args.containers.flatMap((c) =>
                    Object.values(c.secrets ?? {}).map((s) => s.secretArn),
                );
                const made = createRoleWithPolicy(
                    `${name}-execution`,
                    {
                        description: `ECS starts the ${name} service's tasks`,
                        policyDescription: `Pull the ${name} service's images, write its logs, read exactly its secrets`,
                        trustPolicy: trust(),
                        policy: pulumi
                            .all([
                                pulumi.all(secretArns),
                                args.secretsKmsKeyArn,
                                logGroup.arn,
                                args.repositoryArn,
                            ])
                            .apply(([secrets, secretsKmsKeyArn, logGroupArn, repositoryArn]) =>
                                JSON.stringify(
                                    executionRolePolicy({
                                        secretArns: secrets,
                                        secretsKmsKeyArn,
                                        logGroupArns: [logGroupArn],
                                        repositoryArn,
                                    }),
                                ),
                            ),
                    },
                    this,
                );
                return { arn: made.role.arn, ready: [made.attachment] };
            })();
        const taskRole: ExistingRole =
            args.taskRole ??
            (() => {
                const mounts = Object.entries(fileSystems).map(([volume, fs]) =>
                    pulumi
                        .all([fs.fileSystemArn, fs.accessPointArn])
                        .apply(([fileSystemArn, accessPointArn]) =>
                            efsClientStatement({
                                sid: `Mount${volume.replace(/[^A-Za-z0-9]/g, "")}`,
                                fileSystemArn,
                                accessPointArn,
                                readOnly: fs.readOnly,
                            }),
                        ),
                );
                const made = createRoleWithPolicy(
                    `${name}-task`,
                    {
                        description: `What the ${name} service's containers may do`,
                        trustPolicy: trust(),
                        policy: pulumi
                            .all([
                                args.taskPolicy ?? [],
                                pulumi.all(mounts),
                                args.cluster.execLogGroupArn,
                                args.cluster.sessionsKmsKeyArn,
                            ])
                            .apply(([own, mountStatements, execLogGroupArn, sessionsKmsKeyArn]) =>
                                JSON.stringify({
                                    Version: "2012-10-17",
                                    Statement: [
                                        ...own,
                                        ...mountStatements,
                                        ...ecsExecStatements({
                                            execLogGroupArn,
                                            sessionsKmsKeyArn,
                                        }),
                                    ],
                                }),
                            ),
                    },
                    this,
                );
                return { arn: made.role.arn, ready: [made.attachment] };
            })();

        // ---- the task
        this.taskDefinition = createFargateTaskDefinition(
            name,
            {
                family: args.family ?? name,
                cpu,
                memory,
                architecture,
                containers: args.containers,
                fileSystems: Object.fromEntries(
                    Object.entries(fileSystems).map(([volume, fs]) => [
                        volume,
                        { fileSystemId: fs.fileSystemId, accessPointId: fs.accessPointId },
                    ]),
                ),
                executionRoleArn: executionRole.arn,
                taskRoleArn: taskRole.arn,
                logGroupName: logGroup.name,
                region: args.region,
            },
            {
                ...child("taskDefinition", name),
                dependsOn: [...(executionRole.ready ?? []), ...(taskRole.ready ?? [])],
            },
        );

        // ---- networking: private, out only where allowed
        let securityGroupIds = args.securityGroupIds;
        if (!securityGroupIds) {
            this.securityGroup = new aws.ec2.SecurityGroup(
                name,
                {
                    vpcId: args.vpcId,
                    description: `Tasks of the ${name} service: ${egressPorts.map((e) => e.port).join(", ")} out`,
                    revokeRulesOnDelete: true,
                    tags: { Name: name },
                },
                parent,
            );
            for (const e of egressPorts) {
                new aws.vpc.SecurityGroupEgressRule(
                    `${name}-egress-${e.port}`,
                    {
                        securityGroupId: this.securityGroup.id,
                        description: e.description,
                        ipProtocol: "tcp",
                        fromPort: e.port,
                        toPort: e.port,
                        cidrIpv4: "0.0.0.0/0",
                    },
                    parent,
                );
            }
            securityGroupIds = [this.securityGroup.id];
        }
        const lb = args.loadBalancer;

        // ---- the service: private, rolled back when a deployment fails, with audited ECS Exec
        // The autoscaler (or the sleep schedule) owns the task count after the first deploy.
        const scaled = args.scaling !== undefined || args.sleep !== undefined;
        this.service = new aws.ecs.Service(
            name,
            {
                cluster: args.cluster.clusterArn,
                launchType: "FARGATE",
                platformVersion: "LATEST",
                deploymentCircuitBreaker: { enable: true, rollback: true },
                enableExecuteCommand: true,
                enableEcsManagedTags: true,
                propagateTags: "SERVICE",
                taskDefinition: this.taskDefinition.arn,
                desiredCount: args.scaling?.minTasks ?? args.desiredCount ?? 1,
                networkConfiguration: {
                    subnets: args.subnetIds,
                    assignPublicIp: false,
                    securityGroups: [
                        ...securityGroupIds,
                        ...(args.additionalSecurityGroupIds ?? []),
                        ...(lb ? [lb.targetSecurityGroupId] : []),
                    ],
                },
                ...(lb
                    ? {
                          loadBalancers: [
                              {
                                  targetGroupArn: lb.targetGroupArn,
                                  containerName: lb.containerName,
                                  containerPort: lb.containerPort,
                              },
                          ],
                          healthCheckGracePeriodSeconds: lb.healthCheckGracePeriodSeconds ?? 120,
                      }
                    : {}),
                deploymentMinimumHealthyPercent: minHealthy,
                deploymentMaximumPercent: maxPercent,
                ...(waitForSteadyState ? { waitForSteadyState: true } : {}),
            },
            {
                ...child("service", name),
                dependsOn: [...(lb?.listener ? [lb.listener] : []), ...(args.startAfter ?? [])],
                // The autoscaler owns the task count after the first deploy.
                ...(scaled ? { ignoreChanges: ["desiredCount"] } : {}),
            },
        );

        // ---- autoscaling on CPU and, behind a load balancer, on requests per task
        if (args.scaling) {
            const target = new aws.appautoscaling.Target(
                name,
                {
                    serviceNamespace: "ecs",
                    scalableDimension: "ecs:service:DesiredCount",
                    resourceId: pulumi.interpolate`service/${args.cluster.clusterName}/${this.service.name}`,
                    minCapacity: args.scaling.minTasks,
                    maxCapacity: args.scaling.maxTasks,
                },
                child("scalingTarget", name),
            );
            const policy = (
                kind: FargateServiceChild,
                suffix: string,
                metric: string,
                value: number,
                resourceLabel?: pulumi.Input<string>,
            ) =>
                new aws.appautoscaling.Policy(
                    `${name}-${suffix}`,
                    {
                        policyType: "TargetTrackingScaling",
                        serviceNamespace: target.serviceNamespace,
                        scalableDimension: target.scalableDimension,
                        resourceId: target.resourceId,
                        targetTrackingScalingPolicyConfiguration: {
                            predefinedMetricSpecification: {
                                predefinedMetricType: metric,
                                resourceLabel,
                            },
                            targetValue: value,
                            scaleOutCooldown: 60,
                            scaleInCooldown: 300,
                        },
                    },
                    child(kind, `${name}-${suffix}`),
                );
            policy(
                "cpuScaling",
                "cpu",
                "ECSServiceAverageCPUUtilization",
                args.scaling.cpuTargetPercent ?? 60,
            );
            if (lb?.requestCountLabel) {
                policy(
                    "requestScaling",
                    "requests",
                    "ALBRequestCountPerTarget",
                    args.scaling.requestsPerTaskPerMinute ?? 600,
                    lb.requestCountLabel,
                );
            }
            this.scalingTarget = target;
        }
        if (args.sleep) {
            this.scalingTarget = this.scheduleSleep(name, args, args.sleep);
        }

        this.serviceName = this.service.name;
        this.taskDefinitionArn = this.taskDefinition.arn;
        this.logGroupName = pulumi.output(logGroup.name);
        this.executionRoleArn = pulumi.output(executionRole.arn);
        this.taskRoleArn = pulumi.output(taskRole.arn);
        this.registerOutputs({
            serviceName: this.serviceName,
            taskDefinitionArn: this.taskDefinitionArn,
        });
    }
    /**
     * Scheduled actions that set the scalable target's bounds to 0 at `sleep` and back at `wake`.
     * A service without autoscaling gets a target fixed at its desired count.
     */
    private scheduleSleep(
        name: string,
        args: FargateServiceArgs,
        sleep: NonNullable<FargateServiceArgs["sleep"]>,
    ): aws.appautoscaling.Target {
        const parent = { parent: this };
        const awake = args.scaling
            ? { minCapacity: args.scaling.minTasks, maxCapacity: args.scaling.maxTasks }
            : { minCapacity: args.desiredCount ?? 1, maxCapacity: args.desiredCount ?? 1 };
        const target =
            this.scalingTarget ??
            new aws.appautoscaling.Target(
                name,
                {
                    serviceNamespace: "ecs",
                    scalableDimension: "ecs:service:DesiredCount",
                    resourceId: pulumi.interpolate`service/${args.cluster.clusterName}/${this.service.name}`,
                    ...awake,
                },
                parent,
            );
        for (const [action, schedule, bounds] of [
            ["sleep", sleep.sleep, { minCapacity: 0, maxCapacity: 0 }],
            ["wake", sleep.wake, awake],
        ] as const) {
            new aws.appautoscaling.ScheduledAction(
                `${name}-${action}`,
                {
                    // Unique per scalable target, which is this service's own.
                    name: action,
                    serviceNamespace: target.serviceNamespace,
                    scalableDimension: target.scalableDimension,
                    resourceId: target.resourceId,
                    schedule,
                    timezone: sleep.timezone,
                    scalableTargetAction: bounds,
                },
                parent,
            );
        }
        return target;
    }
}

/** Throws, naming the argument, when the service's args contradict each other. */
function checkServiceArgs(
    where: string,
    args: FargateServiceArgs,
    bounds: { minHealthy: number; maxPercent: number },
): void {
    const fail = (key: string, reason: string) => {
        throw new Error(`${where}: ${key} ${reason}`);
    };
    if ((args.logGroup === undefined) === (args.logs === undefined)) {
        fail(
            "logGroup/logs",
            "must be exactly one: an existing log group, or the key and retention of a new one",
        );
    }
    if (args.logs && !(LOG_RETENTION_DAYS as readonly number[]).includes(args.logs.retentionDays)) {
        fail(
            "logs.retentionDays",
            `${args.logs.retentionDays} is not allowed; expected one of ${LOG_RETENTION_DAYS.join(", ")}`,
        );
    }
    for (const key of ["wake", "sleep"] as const) {
        const cron = args.sleep?.[key];
        if (cron !== undefined && !/^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/.test(cron)) {
            fail(
                `sleep.${key}`,
                `${JSON.stringify(cron)} is not allowed; expected a six-field cron(...) expression`,
            );
        }
    }
    if (!args.securityGroupIds && !args.vpcId) {
        fail(
            "vpcId",
            "is unset; expected the VPC of the security group made here (or pass securityGroupIds)",
        );
    }
    if (args.securityGroupIds && args.egress) {
        fail(
            "egress",
            "applies only to the security group made here; with securityGroupIds, set rules on those groups",
        );
    }
    if (!args.executionRole) {
        const hasSecrets = args.containers.some((c) => Object.keys(c.secrets ?? {}).length > 0);
        if (hasSecrets && !args.secretsKmsKeyArn) {
            fail(
                "secretsKmsKeyArn",
                "is unset; the execution role made here must decrypt the containers' secrets",
            );
        }
    }
    if (args.taskRole && args.taskPolicy) {
        fail(
            "taskPolicy",
            "applies only to the task role made here; with taskRole, grant it on that role",
        );
    }
    if (args.subnetIds.length === 0) {
        fail("subnetIds", "is empty; expected the private subnets the tasks run in");
    }
    requireWholeNumber(where, "minimumHealthyPercent", bounds.minHealthy, 0, 100);
    requireWholeNumber(
        where,
        "maximumPercent",
        bounds.maxPercent,
        Math.max(100, bounds.minHealthy),
        200,
    );
    if (args.desiredCount !== undefined) {
        if (args.scaling) {
            fail(
                "desiredCount",
                "is set together with scaling; the autoscaler owns the count (use scaling.minTasks)",
            );
        }
        requireWholeNumber(where, "desiredCount", args.desiredCount, 0, 1000);
    }
    const lb = args.loadBalancer;
    if (lb) {
        const target = args.containers.find((c) => c.name === lb.containerName);
        if (!target) {
            fail(
                "loadBalancer.containerName",
                `"${lb.containerName}" is not a container of the task (${args.containers.map((c) => c.name).join(", ")})`,
            );
        } else if (!(target.ports ?? []).includes(lb.containerPort)) {
            fail(
                "loadBalancer.containerPort",
                `${lb.containerPort} is not a port of container "${lb.containerName}" (${(target.ports ?? []).join(", ") || "none"})`,
            );
        }
        requireWholeNumber(
            where,
            "loadBalancer.healthCheckGracePeriodSeconds",
            lb.healthCheckGracePeriodSeconds ?? 120,
            0,
            2147483647,
        );
    }
}
