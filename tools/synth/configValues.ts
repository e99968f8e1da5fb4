import * as fs from "node:fs";
import { namespaced, putConfigValue, SECRET_PLACEHOLDER, StackFileError } from "./stackFile";

/**
 * Resolved config values from outside the stack file, for stacks whose values come from Pulumi ESC
 * (`environment:` in the stack file), which the offline plan cannot open. Two shapes are read:
 * - `pulumi config --show-secrets --json`: `{ "<ns:key>": { "value": "...", "objectValue"?: {...},
 *   "secret": bool } }`, secrets marked (without --show-secrets a secret has no value: a
 *   placeholder stands in, as for a `secure:` value of the stack file);
 * - `esc env open <env>`: `{ "pulumiConfig": { "<ns:key>": value }, ... }`, which marks nothing
 *   secret, so none of its values is ever shown in an error.
 */
export interface ConfigValues {
    /** Flat config map, as the stack file's (`namespace:key` → string, objects as JSON). */
    config: Record<string, string>;
    /** Keys marked secret: the program gets them as secrets and no message shows them. */
    secretKeys: string[];
    /** Keys whose values no message shows, though they are not marked secret (ESC's output). */
    hiddenKeys: string[];
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v);

const SHAPES =
    'expected the JSON that `pulumi config --show-secrets --json` prints ({"<ns:key>": {"value": ..., "secret": ...}}) ' +
    'or that `esc env open <env>` prints ({"pulumiConfig": {...}})';

/** Reads a values file of either shape; a StackFileError naming the file and key when it is neither. */
export function readConfigValues(file: string, project: string): ConfigValues {
    let doc: unknown;
    try {
        doc = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not JSON";
        throw new StackFileError(file, [`${reason}; ${SHAPES}`]);
    }
    const config: Record<string, string> = {};
    const secretKeys = new Set<string>();
    if (isMapping(doc) && "pulumiConfig" in doc) {
        if (!isMapping(doc.pulumiConfig)) {
            throw new StackFileError(file, [`pulumiConfig: is not a mapping; ${SHAPES}`]);
        }
        for (const [key, value] of Object.entries(doc.pulumiConfig)) {
            putConfigValue(config, secretKeys, namespaced(project, key), value);
        }
        return { config, secretKeys: [], hiddenKeys: Object.keys(config).sort() };
    }
    if (!isMapping(doc)) {
        throw new StackFileError(file, [SHAPES]);
    }
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(doc)) {
        const full = namespaced(project, key);
        if (!isMapping(entry) || typeof entry.secret !== "boolean") {
            problems.push(`${key}: is not {"value": ..., "secret": true|false}; ${SHAPES}`);
            continue;
        }
        const value =
            entry.objectValue !== undefined
                ? entry.objectValue
                : entry.value !== undefined
                  ? entry.value
                  : entry.secret
                    ? SECRET_PLACEHOLDER // printed without --show-secrets: the value is blinded
                    : undefined;
        if (value === undefined) {
            problems.push(`${key}: has no "value"; ${SHAPES}`);
            continue;
        }
        putConfigValue(config, secretKeys, full, value);
        if (entry.secret) {
            secretKeys.add(full);
        }
    }
    if (problems.length > 0) {
        throw new StackFileError(file, problems);
    }
    return { config, secretKeys: [...secretKeys].sort(), hiddenKeys: [] };
}
