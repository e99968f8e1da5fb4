import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { podman, podmanOrThrow, ULIMIT_FLAGS } from "../../tools/image/podman";
import type { ContainerDefinition, PlannedTask } from "./plannedTask";

/**
 * Runs one container of a planned task definition with podman the way Fargate runs it (AWS ECS
 * developer guide: task definition parameters, "Bind mounts", ECS Exec):
 *  - `user`, `command`, `entryPoint`, `environment` and `stopTimeout` as declared, and each
 *    `secrets` entry as an environment variable (given a test value here, as Secrets Manager would);
 *  - `readonlyRootFilesystem`: the root is read-only with no tmpfs added anywhere (podman adds some
 *    by default; Fargate does not);
 *  - task volumes without a host or EFS configuration are bind mounts: empty, owned by root, mode
 *    0755, unless the image declares a VOLUME at exactly that container path, whose content and
 *    ownership are copied in first;
 *  - `initProcessEnabled`: an init process as PID 1;
 *  - the task's CPU and memory as the container's limits.
 * Networking is the host's loopback: test peers listen on 127.0.0.1, and `hosts` maps the plan's
 * names (the database endpoint, the SMTP host) to it. `files` mounts files read-only over the
 * image's (the trust stores that must hold the test peers' CA): the only departure from the plan.
 */

export interface RunOptions {
    /** The local image to run in place of the plan's registry URI. */
    image: string;
    /** Environment variable → test value, for every entry of the container's `secrets`. */
    secretValues: Record<string, string>;
    /** Host name → address, e.g. the plan's database endpoint → 127.0.0.1. */
    hosts?: Record<string, string>;
    /** Container path → host file, mounted read-only over the image's file. */
    files?: Record<string, string>;
    /** Replace the declared command (e.g. a one-off script in the setup container). */
    command?: string[];
    /** Apply the task's CPU and memory as limits. Default true. */
    limits?: boolean;
}

export interface ProcessInfo {
    pid: number;
    uid: number;
    name: string;
    commandLine: string;
    environment: Record<string, string>;
}

/** A container's declared environment and secrets as a flat map (secrets need test values). */
export function containerEnvironment(
    container: ContainerDefinition,
    secretValues: Record<string, string>,
): Record<string, string> {
    const env: Record<string, string> = {};
    for (const { name, value } of container.environment ?? []) {
        env[name] = value;
    }
    const missing: string[] = [];
    for (const { name } of container.secrets ?? []) {
        if (secretValues[name] === undefined) {
            missing.push(name);
        } else {
            env[name] = secretValues[name];
        }
    }
    if (missing.length > 0) {
        throw new Error(`${container.name}: no test value for the secrets ${missing.join(", ")}`);
    }
    return env;
}

/** Paths the image declares as VOLUME. */
export function imageVolumes(image: string): string[] {
    const json = podmanOrThrow(["image", "inspect", "--format", "{{json .Config.Volumes}}", image]);
    const volumes = JSON.parse(json.trim() || "null") as Record<string, unknown> | null;
    return Object.keys(volumes ?? {}).sort();
}

/** Fargate's task volumes: a host folder per volume name, shared by the task's containers. */
export function prepareTaskVolumes(
    image: string,
    task: PlannedTask,
    container: ContainerDefinition,
): { root: string; byPath: Record<string, string> } {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `fargate-${task.family}-`));
    const declared = new Set(imageVolumes(image));
    const byPath: Record<string, string> = {};
    let imageRoot: string | undefined;
    try {
        for (const mount of container.mountPoints ?? []) {
            const volume = task.volumes.find((v) => v.name === mount.sourceVolume);
            if (!volume) {
                throw new Error(
                    `${task.family}: mount point ${mount.sourceVolume} names no volume`,
                );
            }
            if (volume.host !== undefined || volume.efsVolumeConfiguration !== undefined) {
                throw new Error(`${task.family}: volume ${volume.name} is not a task volume`);
            }
            const dir = path.join(root, volume.name);
            fs.mkdirSync(dir);
            if (declared.has(mount.containerPath)) {
                imageRoot ??= podmanOrThrow(["image", "mount", image]).trim();
                const source = path.join(imageRoot, mount.containerPath);
                fs.cpSync(source, dir, { recursive: true, preserveTimestamps: true });
                copyOwnership(source, dir);
            } else {
                fs.chownSync(dir, 0, 0);
                fs.chmodSync(dir, 0o755);
            }
            byPath[mount.containerPath] = dir;
        }
    } finally {
        if (imageRoot) {
            podman(["image", "unmount", image]);
        }
    }
    return { root, byPath };
}

/** fs.cpSync keeps modes but not owners: copy those too, for the tree. */
function copyOwnership(source: string, target: string): void {
    const stat = fs.lstatSync(source);
    fs.lchownSync(target, stat.uid, stat.gid);
    if (!stat.isSymbolicLink()) {
        fs.chmodSync(target, stat.mode & 0o7777);
    }
    if (stat.isDirectory()) {
        for (const entry of fs.readdirSync(source)) {
            copyOwnership(path.join(source, entry), path.join(target, entry));
        }
    }
}

/** podman run's arguments for the container as the plan declares it. */
export function runArguments(
    name: string,
    task: PlannedTask,
    container: ContainerDefinition,
    volumes: Record<string, string>,
    options: RunOptions,
): string[] {
    const args = ["run", "--detach", "--name", name, "--network", "host", ...ULIMIT_FLAGS];
    if (container.linuxParameters?.initProcessEnabled) {
        args.push("--init");
    }
    if (container.readonlyRootFilesystem) {
        args.push("--read-only", "--read-only-tmpfs=false");
    }
    if (container.privileged) {
        args.push("--privileged");
    }
    if (container.user) {
        args.push("--user", container.user);
    }
    if (container.entryPoint) {
        args.push("--entrypoint", JSON.stringify(container.entryPoint));
    }
    if (container.stopTimeout !== undefined) {
        args.push("--stop-timeout", String(container.stopTimeout));
    }
    if (options.limits ?? true) {
        args.push("--memory", `${task.memory}m`, "--cpus", String(task.cpu / 1024));
    }
    for (const mount of container.mountPoints ?? []) {
        const mode = mount.readOnly ? ":ro" : "";
        args.push("--volume", `${volumes[mount.containerPath]}:${mount.containerPath}${mode}`);
    }
    for (const [file, hostFile] of Object.entries(options.files ?? {})) {
        args.push("--volume", `${hostFile}:${file}:ro`);
    }
    for (const [host, address] of Object.entries(options.hosts ?? {})) {
        args.push("--add-host", `${host}:${address}`);
    }
    for (const [variable, value] of Object.entries(
        containerEnvironment(container, options.secretValues),
    )) {
        args.push("--env", `${variable}=${value}`);
    }
    args.push(options.image, ...(options.command ?? container.command ?? []));
    return args;
}

/** A container started as Fargate would start it; `stop()` removes it and its volumes. */
export class FargateContainer {
    readonly name: string;
    readonly volumes: Record<string, string>;
    private readonly volumeRoot: string;

    private constructor(
        readonly task: PlannedTask,
        readonly container: ContainerDefinition,
        name: string,
        volumes: { root: string; byPath: Record<string, string> },
    ) {
        this.name = name;
        this.volumes = volumes.byPath;
        this.volumeRoot = volumes.root;
    }

    static start(
        task: PlannedTask,
        container: ContainerDefinition,
        options: RunOptions,
    ): FargateContainer {
        const name = `fargate-${task.family}-${crypto.randomBytes(4).toString("hex")}`;
        const volumes = prepareTaskVolumes(options.image, task, container);
        const started = new FargateContainer(task, container, name, volumes);
        try {
            podmanOrThrow(runArguments(name, task, container, volumes.byPath, options));
        } catch (e) {
            started.stop();
            throw e;
        }
        return started;
    }

    /** Runs a command in the container (as its user unless `user` is given). */
    exec(command: string[], user?: string): { code: number; stdout: string; stderr: string } {
        const result = podman(["exec", ...(user ? ["--user", user] : []), this.name, ...command]);
        return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
    }

    /** Runs the task definition's own health-check command once; true when it passes. */
    healthCheckPasses(): boolean {
        const check = this.container.healthCheck;
        if (!check) {
            throw new Error(`${this.container.name}: the task definition has no health check`);
        }
        const [kind, ...rest] = check.command;
        const command = kind === "CMD-SHELL" ? ["/bin/sh", "-c", rest.join(" ")] : rest;
        return this.exec(command).code === 0;
    }

    /** Everything the container wrote to its output (what awslogs would ship). */
    logs(): string {
        const result = podman(["logs", this.name]);
        return result.stdout + result.stderr;
    }

    /** Whether the container is running; its exit code when it has stopped. */
    state(): { running: boolean; exitCode: number } {
        const out = podmanOrThrow([
            "inspect",
            "--format",
            "{{.State.Running}} {{.State.ExitCode}}",
            this.name,
        ]).trim();
        const [running, exitCode] = out.split(" ");
        return { running: running === "true", exitCode: Number(exitCode) };
    }

    /** Waits for the container to stop by itself; returns its exit code. */
    async waitForExit(timeoutMs: number): Promise<number> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const { running, exitCode } = this.state();
            if (!running) {
                return exitCode;
            }
            if (Date.now() > deadline) {
                throw new Error(
                    `${this.name} still running after ${timeoutMs} ms:\n${this.logs()}`,
                );
            }
            await new Promise((resolve) => setTimeout(resolve, 500));
        }
    }

    /** The container's processes, read from the host's /proc (same PID namespace as its PID 1). */
    processes(): ProcessInfo[] {
        const pid = Number(podmanOrThrow(["inspect", "--format", "{{.State.Pid}}", this.name]));
        if (!(pid > 0)) {
            throw new Error(`${this.name} is not running:\n${this.logs()}`);
        }
        const namespace = fs.readlinkSync(`/proc/${pid}/ns/pid`);
        const found: ProcessInfo[] = [];
        for (const entry of fs.readdirSync("/proc")) {
            if (!/^\d+$/.test(entry)) {
                continue;
            }
            try {
                if (fs.readlinkSync(`/proc/${entry}/ns/pid`) !== namespace) {
                    continue;
                }
                const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
                const environ = fs.readFileSync(`/proc/${entry}/environ`, "utf8");
                found.push({
                    pid: Number(entry),
                    uid: Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]),
                    name: /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "",
                    commandLine: fs
                        .readFileSync(`/proc/${entry}/cmdline`, "utf8")
                        .split("\0")
                        .join(" ")
                        .trim(),
                    environment: Object.fromEntries(
                        environ
                            .split("\0")
                            .filter(Boolean)
                            .map((line) => {
                                const at = line.indexOf("=");
                                return [line.slice(0, at), line.slice(at + 1)];
                            }),
                    ),
                });
            } catch {
                // The process ended while we read it.
            }
        }
        return found;
    }

    stop(): void {
        podman(["rm", "--force", "--time", "5", this.name]);
        fs.rmSync(this.volumeRoot, { recursive: true, force: true });
    }
}
