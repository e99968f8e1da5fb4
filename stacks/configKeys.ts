import type { z } from "zod";
import { type ConfigProblem, problemsFromIssues, showKey } from "./problems";

/** How a stack config value is written, and so read (as pulumi.Config's get* would). */
export type ValueKind = "string" | "number" | "boolean" | "object";

/** One config key a program reads. */
export interface KeySpec {
    kind: ValueKind;
    schema: z.ZodType;
    required: boolean;
    /** One line for `--help`-style listings and the README's table. */
    description: string;
}

/** Which keys were set with `--secret`: their values are never echoed in an error. */
export interface SecretKeys {
    secretKeys?: ReadonlySet<string>;
    /** Keys whose values are not shown either, though not marked secret (e.g. ESC's output). */
    hiddenKeys?: ReadonlySet<string>;
}

/**
 * Reads every key of `keys` from a flat Pulumi config map (`{"ns:key": "raw"}`, the shape
 * `pulumi.runtime.allConfig()` returns), checking each against its schema, and refuses unknown
 * keys of `checkedNamespaces` (a typo there must not be silently ignored). Values read here end up
 * in resource settings, so none may be a secret. Returns the parsed values and every problem.
 */
export function parseConfigKeys<K extends string>(
    flat: Record<string, string>,
    keys: Record<K, KeySpec>,
    checkedNamespaces: readonly string[],
    ctx: SecretKeys,
): { parsed: Partial<Record<K, unknown>>; problems: ConfigProblem[] } {
    const problems: ConfigProblem[] = [];
    const parsed: Partial<Record<K, unknown>> = {};

    for (const key of Object.keys(flat).sort()) {
        const namespace = key.split(":")[0];
        if (checkedNamespaces.includes(namespace) && !(key in keys)) {
            const known = Object.keys(keys).filter((k) => k.startsWith(`${namespace}:`));
            problems.push({
                key: showKey(key),
                message: `${showKey(key)}: unknown key; the keys read in the ${showKey(namespace)} namespace are ${known.join(", ")}`,
            });
        }
    }

    for (const [key, spec] of Object.entries(keys) as [K, KeySpec][]) {
        const raw = flat[key];
        const secret = ctx.secretKeys?.has(key) ?? false;
        const hidden = secret || (ctx.hiddenKeys?.has(key) ?? false);
        if (raw === undefined) {
            if (spec.required) {
                const hint = spec.schema.safeParse(undefined);
                problems.push(
                    ...problemsFromIssues(key, undefined, hint.error?.issues ?? [], hidden),
                );
            }
            continue;
        }
        if (secret) {
            // No key read today is a secret: tags, names and network settings end up in resource
            // inputs and state, so a value set with --secret would silently lose its protection.
            problems.push({
                key,
                message:
                    `${key}: [secret] is not allowed; expected a plain value (pulumi config set without --secret), ` +
                    `because it ends up in resource settings that are not secret`,
            });
            continue;
        }
        const value = fromRaw(raw, spec.kind);
        const result = spec.schema.safeParse(value);
        if (result.success) {
            parsed[key] = result.data;
        } else {
            problems.push(...problemsFromIssues(key, value, result.error.issues, hidden));
        }
    }
    return { parsed, problems };
}

/** Converts a raw config string the way pulumi.Config's getNumber/getBoolean/getObject would. */
function fromRaw(raw: string, kind: ValueKind): unknown {
    switch (kind) {
        case "string":
            return raw;
        case "number":
            return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
        case "boolean":
            return raw === "true" ? true : raw === "false" ? false : raw;
        case "object":
            try {
                return JSON.parse(raw) as unknown;
            } catch {
                return raw;
            }
    }
}

// `isConfigSecret` is internal to @pulumi/pulumi (pinned in package.json); it tells which keys were
// set with `--secret` so their values are never echoed in an error.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as {
    isConfigSecret?: (k: string) => boolean;
};
export function isConfigSecret(key: string): boolean {
    return runtimeConfig.isConfigSecret ? runtimeConfig.isConfigSecret(key) : true;
}
