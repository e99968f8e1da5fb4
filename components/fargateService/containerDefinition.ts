/** A secret in Secrets Manager and, for JSON secrets, the key to read. */
export interface SecretRef {
    secretArn: string;
    jsonKey?: string;
}

/** Where a container mounts one of its task's shared file system volumes. */
export interface FileSystemMount {
    path: string;
    /** Default false. */
    readOnly?: boolean;
}

/** One container of a Fargate task, with the safeguards every container of the platform has. */
export interface ContainerSpec {
    name: string;
    /** The image, by digest or immutable tag. */
    image: string;
    /** The user the processes run as: never root. */
    user: string;
    /** Values that are not secret. A name that looks secret (PASSWORD, TOKEN, …) is refused. */
    environment: Record<string, string>;
    /** Environment variable → secret: ECS reads them from Secrets Manager at start. */
    secrets: Record<string, SecretRef>;
    /** The only writable paths (task volume name → path): the root file system is read-only. */
    writablePaths: Record<string, string>;
    /** Shared file system volumes of the task (volume name → where, and whether read-only). */
    fileSystemMounts?: Record<string, FileSystemMount>;
    /** TCP ports the container listens on. Default none. */
    ports?: number[];
    /** Overrides the image's command. */
    command?: string[];
    /** The container's own health check, as ECS runs it. Default none. */
    healthCheck?: {
        command: string[];
        interval: number;
        timeout: number;
        retries: number;
        startPeriod: number;
    };
    logGroupName: string;
    region: string;
    /** Stream prefix of the container's logs. */
    logStreamPrefix: string;
    /** Seconds ECS waits after SIGTERM before SIGKILL. Default 30. */
    stopTimeoutSeconds?: number;
}

/** Environment variable names that must only ever come from `secrets`. */
const SECRET_NAME = /(PASSWORD|SECRET|SALT|TOKEN|PRIVATE_KEY|ACCESS_KEY)/i;

/**
 * An ECS container definition with the platform's safeguards: a non-root user, a read-only root
 * file system with only the declared writable paths, no privileged mode, an init process (which
 * reaps ECS Exec's processes), secrets only by reference, logs to CloudWatch Logs. Throws when a
 * spec would weaken one of them.
 */
export function containerDefinition(spec: ContainerSpec): Record<string, unknown> {
    for (const name of Object.keys(spec.environment)) {
        if (SECRET_NAME.test(name)) {
            throw new Error(
                `containerDefinition: ${name} looks secret and must be passed in secrets, not environment`,
            );
        }
    }
    if (/^(root|0)(:|$)/.test(spec.user)) {
        throw new Error(
            `containerDefinition: user "${spec.user}" is not allowed; expected a non-root user`,
        );
    }
    return {
        name: spec.name,
        image: spec.image,
        user: spec.user,
        essential: true,
        ...(spec.command ? { command: spec.command } : {}),
        portMappings: (spec.ports ?? []).map((containerPort) => ({
            containerPort,
            protocol: "tcp",
        })),
        readonlyRootFilesystem: true,
        privileged: false,
        linuxParameters: { initProcessEnabled: true },
        mountPoints: [
            ...Object.entries(spec.writablePaths).map(([sourceVolume, containerPath]) => ({
                sourceVolume,
                containerPath,
                readOnly: false,
            })),
            ...Object.entries(spec.fileSystemMounts ?? {}).map(([sourceVolume, mount]) => ({
                sourceVolume,
                containerPath: mount.path,
                readOnly: mount.readOnly ?? false,
            })),
        ],
        environment: Object.entries(spec.environment)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([name, value]) => ({ name, value })),
        secrets: Object.entries(spec.secrets)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([name, ref]) => ({
                name,
                // ECS's JSON-key form: <secret ARN>:<json key>:<version stage>:<version id>
                valueFrom: ref.jsonKey ? `${ref.secretArn}:${ref.jsonKey}::` : ref.secretArn,
            })),
        logConfiguration: {
            logDriver: "awslogs",
            options: {
                "awslogs-group": spec.logGroupName,
                "awslogs-region": spec.region,
                "awslogs-stream-prefix": spec.logStreamPrefix,
            },
        },
        ...(spec.healthCheck ? { healthCheck: spec.healthCheck } : {}),
        stopTimeout: spec.stopTimeoutSeconds ?? 30,
    };
}
