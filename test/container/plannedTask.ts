import type { Plan } from "../../tools/synth/plan";

/**
 * ECS task definitions as the offline plan declares them, read for the container tests, which
 * run each container exactly as Fargate will. Only the fields Fargate acts on are typed here.
 */

export interface ContainerDefinition {
    name: string;
    image: string;
    user?: string;
    command?: string[];
    entryPoint?: string[];
    readonlyRootFilesystem?: boolean;
    privileged?: boolean;
    linuxParameters?: { initProcessEnabled?: boolean };
    portMappings?: { containerPort: number; protocol?: string }[];
    mountPoints?: { sourceVolume: string; containerPath: string; readOnly?: boolean }[];
    environment?: { name: string; value: string }[];
    secrets?: { name: string; valueFrom: string }[];
    healthCheck?: {
        command: string[];
        interval?: number;
        timeout?: number;
        retries?: number;
        startPeriod?: number;
    };
    stopTimeout?: number;
}

export interface PlannedTask {
    /** The plan's resource name, e.g. `app-web`. */
    resourceName: string;
    family: string;
    cpu: number;
    memory: number;
    volumes: { name: string; host?: unknown; efsVolumeConfiguration?: unknown }[];
    containers: ContainerDefinition[];
}

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

/** Every task definition of the plan; throws when one is not fully known (e.g. "[unknown]"). */
export function plannedTasks(plan: Plan): PlannedTask[] {
    return plan.resources
        .filter((resource) => resource.type === TASK_DEFINITION)
        .map((resource) => {
            const inputs = resource.inputs;
            const where = `${plan.stack}: task definition ${resource.name}`;
            if (typeof inputs.containerDefinitions !== "string") {
                throw new Error(`${where}: containerDefinitions is not a known JSON string`);
            }
            return {
                resourceName: resource.name,
                family: String(inputs.family),
                cpu: Number(inputs.cpu),
                memory: Number(inputs.memory),
                volumes: (inputs.volumes ?? []) as PlannedTask["volumes"],
                containers: JSON.parse(inputs.containerDefinitions) as ContainerDefinition[],
            };
        });
}

/** The task whose family ends with `-<suffix>` and its one container; throws naming what exists. */
export function plannedContainer(
    plan: Plan,
    familySuffix: string,
): { task: PlannedTask; container: ContainerDefinition } {
    const tasks = plannedTasks(plan);
    const task = tasks.find((t) => t.family.endsWith(`-${familySuffix}`));
    if (!task) {
        throw new Error(
            `${plan.stack}: no task definition family ends with -${familySuffix}; the plan has ${tasks.map((t) => t.family).join(", ")}`,
        );
    }
    if (task.containers.length !== 1) {
        throw new Error(`${task.family}: expected one container, found ${task.containers.length}`);
    }
    return { task, container: task.containers[0] };
}
