import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** A stack's configuration as the Pulumi language host would hand it to the program. */
export interface StackFileConfig {
    project: string;
    stack: string;
    /** Flat config map: `namespace:key` → string (structured values as JSON). */
    config: Record<string, string>;
    /** Keys whose value (or part of it) is `secure:` in the file. */
    secretKeys: string[];
}

/**
 * Stand-in for an encrypted `secure:` value. Offline there is no passphrase or Pulumi Cloud to
 * decrypt it, so the program sees this text, marked secret, and the plan shows "[secret]".
 */
export const SECRET_PLACEHOLDER = "offline-plan-placeholder-for-a-secret-value";

/**
 * Reads `Pulumi.yaml` and the stack's file the way `pulumi` would merge them. The stack file is
 * `Pulumi.<stack>.yaml` in `projectDir` unless `stackFile` names another one (a candidate config).
 */
/** The stacks of a project folder: the names of its `Pulumi.<stack>.yaml` files, sorted. */
export function stackNames(projectDir: string): string[] {
    return fs
        .readdirSync(projectDir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

export function readStackFile(
    projectDir: string,
    stack: string,
    stackFileOverride?: string,
): StackFileConfig {
    const projectFile = path.join(projectDir, "Pulumi.yaml");
    const stackFile = stackFileOverride ?? path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
        throw new Error(`stack name "${stack}" is not allowed; expected letters, digits, _ . -`);
    }
    if (!fs.existsSync(stackFile)) {
        const stacks = stackNames(projectDir);
        throw new Error(
            stackFileOverride
                ? `no stack file ${stackFileOverride}`
                : `no stack file ${path.basename(stackFile)}; the stacks here are ${stacks.join(", ")}`,
        );
    }
    const project = parse(fs.readFileSync(projectFile, "utf8")) as {
        name?: string;
        config?: Record<string, unknown>;
    };
    if (!project?.name) {
        throw new Error(`${projectFile} has no project name`);
    }
    const stackDoc = (parse(fs.readFileSync(stackFile, "utf8")) ?? {}) as {
        config?: Record<string, unknown>;
    };

    const config: Record<string, string> = {};
    const secretKeys = new Set<string>();
    const put = (rawKey: string, value: unknown) => {
        const key = rawKey.includes(":") ? rawKey : `${project.name}:${rawKey}`;
        const { plain, secret } = unwrapSecure(value);
        config[key] = typeof plain === "string" ? plain : JSON.stringify(plain);
        if (secret) {
            secretKeys.add(key);
        } else {
            secretKeys.delete(key);
        }
    };
    for (const [key, decl] of Object.entries(project.config ?? {})) {
        // Project-level config: a bare default, or { value } / { default } with a type.
        if (decl !== null && typeof decl === "object" && !Array.isArray(decl)) {
            const d = decl as { value?: unknown; default?: unknown };
            if (d.value !== undefined || d.default !== undefined) {
                put(key, d.value ?? d.default);
            }
        } else if (decl !== undefined) {
            put(key, decl);
        }
    }
    for (const [key, value] of Object.entries(stackDoc.config ?? {})) {
        put(key, value);
    }
    return { project: project.name, stack, config, secretKeys: [...secretKeys].sort() };
}

/** Replaces every `{ secure: ... }` with the placeholder and reports whether there was one. */
function unwrapSecure(value: unknown): { plain: unknown; secret: boolean } {
    if (Array.isArray(value)) {
        const items = value.map(unwrapSecure);
        return { plain: items.map((i) => i.plain), secret: items.some((i) => i.secret) };
    }
    if (value !== null && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (Object.keys(record).length === 1 && typeof record.secure === "string") {
            return { plain: SECRET_PLACEHOLDER, secret: true };
        }
        let secret = false;
        const plain = Object.fromEntries(
            Object.entries(record).map(([k, v]) => {
                const inner = unwrapSecure(v);
                secret ||= inner.secret;
                return [k, inner.plain];
            }),
        );
        return { plain, secret };
    }
    return { plain: value === null || value === undefined ? "" : value, secret: false };
}
