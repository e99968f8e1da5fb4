import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    type ContainerSpec,
    containerDefinition,
    type FileSystemMount,
    type SecretRef,
} from "./containerDefinition";
import { checkFargateSize } from "./fargateSize";

/**
 * One container of a task, as the caller declares it: a ContainerSpec whose image, environment
 * values and secret ARNs may still be unknown (other resources' outputs). The task's log group and
 * region are filled in by the task.
 */
export interface TaskContainer extends Omit<
    ContainerSpec,
    "image" | "environment" | "secrets" | "logGroupName" | "region" | "logStreamPrefix"
> {
    image: pulumi.Input<string>;
    environment?: Record<string, pulumi.Input<string>>;
    secrets?: Record<string, { secretArn: pulumi.Input<string>; jsonKey?: string }>;
    /** Stream prefix of the container's logs. Default: the container's name. */
    logStreamPrefix?: string;
}

/**
 * A task volume on a shared file system (Amazon EFS), always mounted through an access point
 * (which fixes the folder and the POSIX user) with TLS and IAM authorization.
 */
export interface TaskFileSystem {
    fileSystemId: pulumi.Input<string>;
    accessPointId: pulumi.Input<string>;
}

export type CpuArchitecture = "X86_64" | "ARM64";

export interface FargateTaskArgs {
    /** The task definition family: unique per account and region. */
    family: string;
    /** CPU units (1024 = 1 vCPU) and memory (MiB): a pair Fargate accepts. */
    cpu: number;
    memory: number;
    architecture: CpuArchitecture;
    containers: TaskContainer[];
    /** Shared file system volumes by name, for the containers' `fileSystemMounts`. */
    fileSystems?: Record<string, TaskFileSystem>;
    executionRoleArn: pulumi.Input<string>;
    /** The role the containers' own AWS calls use. None: they have no AWS identity. */
    taskRoleArn?: pulumi.Input<string>;
    logGroupName: pulumi.Input<string>;
    region: string;
}

const FAMILY = /^[A-Za-z0-9_-]{1,255}$/;
const VOLUME = /^[A-Za-z0-9_-]{1,255}$/;

/** What is wrong with a task's declaration, as `[key, reason]` pairs; empty when nothing is. */
export function taskProblems(
    args: Pick<
        FargateTaskArgs,
        "family" | "cpu" | "memory" | "architecture" | "containers" | "fileSystems"
    >,
): [string, string][] {
    const problems: [string, string][] = [];
    if (!FAMILY.test(args.family)) {
        problems.push([
            "family",
            `"${args.family}" is not allowed; expected 1 to 255 letters, digits, - and _`,
        ]);
    }
    const size = checkFargateSize(args.cpu, args.memory);
    if (size) {
        problems.push(["cpu/memory", size]);
    }
    if (!["X86_64", "ARM64"].includes(args.architecture)) {
        problems.push([
            "architecture",
            `"${args.architecture}" is not allowed; expected "X86_64" or "ARM64"`,
        ]);
    }
    if (args.containers.length === 0) {
        problems.push(["containers", "is empty; expected at least one container"]);
    }
    const fileSystems = Object.keys(args.fileSystems ?? {});
    const seen = new Set<string>();
    for (const c of args.containers) {
        const key = `containers[${c.name}]`;
        if (seen.has(c.name)) {
            problems.push([key, "is declared twice; container names must be unique"]);
        }
        seen.add(c.name);
        for (const volume of Object.keys(c.writablePaths)) {
            if (!VOLUME.test(volume)) {
                problems.push([`${key}.writablePaths`, `volume "${volume}" is not a valid name`]);
            }
            if (fileSystems.includes(volume)) {
                problems.push([
                    `${key}.writablePaths`,
                    `volume "${volume}" is also a shared file system; use another name`,
                ]);
            }
        }
        for (const volume of Object.keys(c.fileSystemMounts ?? {})) {
            if (!fileSystems.includes(volume)) {
                problems.push([
                    `${key}.fileSystemMounts`,
                    `volume "${volume}" is not among fileSystems (${fileSystems.join(", ") || "none"})`,
                ]);
            }
        }
    }
    for (const volume of fileSystems) {
        if (!VOLUME.test(volume)) {
            problems.push(["fileSystems", `volume "${volume}" is not a valid name`]);
        }
    }
    return problems;
}

/**
 * The task's volumes: the containers' writable paths (task-local, empty at start) and its shared
 * file systems, each through its access point with TLS and IAM authorization.
 */
export function taskVolumes(
    containers: Pick<TaskContainer, "writablePaths">[],
    fileSystems: Record<string, TaskFileSystem>,
): aws.types.input.ecs.TaskDefinitionVolume[] {
    const local = [...new Set(containers.flatMap((c) => Object.keys(c.writablePaths)))];
    return [
        ...local.map((name) => ({ name })),
        ...Object.entries(fileSystems).map(([name, fs]) => ({
            name,
            efsVolumeConfiguration: {
                fileSystemId: fs.fileSystemId,
                transitEncryption: "ENABLED",
                authorizationConfig: { accessPointId: fs.accessPointId, iam: "ENABLED" },
            },
        })),
    ];
}

/** The containers' definitions, as the JSON ECS takes, once their inputs are known. */
export function containerDefinitionsJson(
    containers: TaskContainer[],
    logGroupName: pulumi.Input<string>,
    region: string,
): pulumi.Output<string> {
    return pulumi
        .all(
            containers.map((c) =>
                pulumi
                    .all([
                        c.image,
                        pulumi.all(c.environment ?? {}),
                        pulumi.all(
                            Object.entries(c.secrets ?? {}).map(([variable, s]) =>
                                pulumi.all([variable, s.secretArn, s.jsonKey]),
                            ),
                        ),
                        logGroupName,
                    ])
                    .apply(([image, environment, secrets, group]) =>
                        containerDefinition({
                            ...c,
                            image,
                            environment,
                            secrets: Object.fromEntries(
                                secrets.map(
                                    ([variable, secretArn, jsonKey]): [string, SecretRef] => [
                                        variable,
                                        jsonKey === undefined
                                            ? { secretArn }
                                            : { secretArn, jsonKey },
                                    ],
                                ),
                            ),
                            logGroupName: group,
                            region,
                            logStreamPrefix: c.logStreamPrefix ?? c.name,
                        }),
                    ),
            ),
        )
        .apply((definitions) => JSON.stringify(definitions));
}

/**
 * A Fargate task definition with the platform's safeguards (see `containerDefinition`): private
 * networking (awsvpc), a read-only root in every container, secrets only by reference, logs to
 * one log group. Throws, before declaring anything, when the declaration is wrong.
 */
export function createFargateTaskDefinition(
    name: string,
    args: FargateTaskArgs,
    opts: pulumi.CustomResourceOptions,
): aws.ecs.TaskDefinition {
    const problems = taskProblems(args);
    if (problems.length > 0) {
        throw new Error(
            `Fargate task ${name}: ${problems.map(([key, reason]) => `${key} ${reason}`).join("; ")}`,
        );
    }
    return new aws.ecs.TaskDefinition(
        name,
        {
            family: args.family,
            requiresCompatibilities: ["FARGATE"],
            networkMode: "awsvpc",
            cpu: String(args.cpu),
            memory: String(args.memory),
            runtimePlatform: {
                operatingSystemFamily: "LINUX",
                cpuArchitecture: args.architecture,
            },
            executionRoleArn: args.executionRoleArn,
            taskRoleArn: args.taskRoleArn,
            containerDefinitions: containerDefinitionsJson(
                args.containers,
                args.logGroupName,
                args.region,
            ),
            volumes: taskVolumes(args.containers, args.fileSystems ?? {}),
        },
        opts,
    );
}

export type { FileSystemMount };
