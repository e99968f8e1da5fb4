import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";

/**
 * Podman as it works on these machines and in CI (see ../../../shared/reference/containers.md in
 * the workspace, and the README's "Container image" section): Debian's podman with runc (crun
 * fails on cgroups in hybrid mode), the vfs storage driver (works on any file system) and
 * cgroupfs, and ulimits inside the sandbox's hard limits. One place, so the build and the
 * container tests run podman the same way.
 */
export const PODMAN_GLOBAL_FLAGS = [
    "--storage-driver",
    "vfs",
    "--cgroup-manager",
    "cgroupfs",
    "--runtime",
    "/usr/sbin/runc",
];

/** Podman's default ulimits exceed this sandbox's hard limits; these fit inside them. */
export const ULIMIT_FLAGS = ["--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096"];

/** Runs podman to completion, returning its output (never throws on a non-zero exit). */
export function podman(args: string[], input?: string): SpawnSyncReturns<string> {
    return spawnSync("podman", [...PODMAN_GLOBAL_FLAGS, ...args], {
        encoding: "utf8",
        input,
        maxBuffer: 256 * 1024 * 1024,
    });
}

/** Runs podman and throws, with its error output, unless it succeeds. */
export function podmanOrThrow(args: string[], input?: string): string {
    const result = podman(args, input);
    if (result.error || result.status !== 0) {
        const why = result.error?.message ?? result.stderr.trim().split("\n").slice(-5).join("\n");
        throw new Error(`podman ${args.slice(0, 2).join(" ")} failed: ${why}`);
    }
    return result.stdout;
}

/** Runs podman with its output shown as it goes (builds take minutes); resolves to the exit code. */
export function podmanStreaming(args: string[]): Promise<number> {
    return new Promise((resolve, reject) => {
        const child = spawn("podman", [...PODMAN_GLOBAL_FLAGS, ...args], {
            stdio: ["ignore", "inherit", "inherit"],
        });
        child.once("error", reject);
        child.once("exit", (code) => resolve(code ?? 1));
    });
}

/** Whether podman is installed and can reach its storage. */
export function podmanAvailable(): boolean {
    const result = podman(["version", "--format", "{{.Client.Version}}"]);
    return !result.error && result.status === 0;
}
