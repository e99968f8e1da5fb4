import { spawn, spawnSync } from "node:child_process";

/** What a script printed and how it ended. */
export interface ScriptResult {
    code: number | null;
    stdout: string;
    stderr: string;
}

const environment = (env: Record<string, string | undefined>) => ({
    PATH: process.env.PATH,
    ...env,
});

const missingTool = (command: string, error: Error) =>
    new Error(
        `${command} could not run (${error.message}); run tools/install.sh (php-cli, php-mysql, shellcheck)`,
    );

/**
 * Runs a command the container runs (php, bash, shellcheck) with only the environment given, as
 * ECS would: nothing of the test process's environment leaks in but PATH.
 */
export function runScript(
    command: string,
    args: string[],
    env: Record<string, string | undefined>,
): ScriptResult {
    const result = spawnSync(command, args, {
        encoding: "utf8",
        env: environment(env),
        timeout: 20000,
    });
    if (result.error) {
        throw missingTool(command, result.error);
    }
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** runScript without blocking, so several runs can race (e.g. two setup tasks at once). */
export function runScriptAsync(
    command: string,
    args: string[],
    env: Record<string, string | undefined>,
): Promise<ScriptResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { env: environment(env) });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", (error) => reject(missingTool(command, error)));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}
