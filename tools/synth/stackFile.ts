import * as fs from "node:fs";
import * as path from "node:path";
import { LineCounter, parseAllDocuments } from "yaml";
import { safeText } from "../../stacks/problems";

/** A stack's configuration as the Pulumi language host would hand it to the program. */
export interface StackFileConfig {
    project: string;
    stack: string;
    /** Flat config map: `namespace:key` → string (structured values as JSON). */
    config: Record<string, string>;
    /** Keys whose value (or part of it) is `secure:` in the file. */
    secretKeys: string[];
    /** The Pulumi ESC environments the stack file imports (`environment:`); offline, unread. */
    environments: string[];
}

/** A stack name that is not allowed, or names no stack file here: a bad command line (exit 2). */
export class NoSuchStackError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "NoSuchStackError";
    }
}

/**
 * A stack or values file that cannot be read as one: not YAML (or JSON), or not shaped like a
 * stack file. Like a ConfigError, the user fixes the file, so the commands exit 2 and name it.
 */
export class StackFileError extends Error {
    constructor(
        public readonly file: string,
        public readonly problems: string[],
    ) {
        super(
            [
                `${safeText(file)} cannot be read: ${problems.length} ${problems.length === 1 ? "problem" : "problems"}:`,
                ...problems.map((p) => `  - ${safeText(p, 400)}`),
            ].join("\n"),
        );
        this.name = "StackFileError";
    }
}

/**
 * Parses a YAML file the way the Pulumi CLI (Go's yaml.v3) reads a stack file: merge keys
 * (`<<: *anchor`) and aliases are resolved, only the first document counts, and duplicate keys,
 * tabs as indentation and aliases that contain themselves are refused, with line and column.
 */
export function parseYamlFile(file: string, text: string): unknown {
    const tooDeep = deepNesting(text);
    if (tooDeep) {
        // The parser recurses: thousands of nested brackets exhaust the stack, and V8 may abort.
        throw new StackFileError(file, [tooDeep]);
    }
    const lineCounter = new LineCounter();
    let docs: ReturnType<typeof parseAllDocuments>;
    try {
        docs = parseAllDocuments(text, { merge: true, prettyErrors: false, lineCounter });
    } catch (e) {
        throw new StackFileError(file, [`not readable as YAML: ${(e as Error).message}`]);
    }
    const doc = Array.isArray(docs) ? docs[0] : undefined;
    if (!doc) {
        return null; // an empty file: no config at all, as Pulumi sees it
    }
    if (doc.errors.length > 0) {
        // The first few: after one mistake the parser often reports many that follow from it.
        const shown = doc.errors.slice(0, 5).map((e) => {
            const { line, col } = lineCounter.linePos(e.pos[0]);
            return `line ${line}, column ${col}: ${e.message}`;
        });
        const more = doc.errors.length - shown.length;
        throw new StackFileError(file, more > 0 ? [...shown, `and ${more} more`] : shown);
    }
    let value: unknown;
    try {
        value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
        throw new StackFileError(file, [(e as Error).message]);
    }
    const cycle = findCycle(value, []);
    if (cycle) {
        throw new StackFileError(file, [
            `${cycle}: an alias (*name) refers to a value that contains it; expected a finite value`,
        ]);
    }
    return value;
}

/** Far beyond any stack file, far below what exhausts the parser's stack. */
const MAX_NESTING = 100;

/**
 * Where flow collections (`[`, `{`) or indentation nest deeper than MAX_NESTING levels, if they
 * do: checked on the text, before the parser recurses into it. Quotes and comments are skipped.
 */
function deepNesting(text: string): string | undefined {
    let depth = 0;
    let quote: string | undefined;
    let line = 1;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "\n") {
            line++;
            const indent = /^[ ]*/.exec(text.slice(i + 1, i + 1 + 2 * MAX_NESTING + 1))![0].length;
            if (indent > 2 * MAX_NESTING) {
                return `line ${line}: indented more than ${2 * MAX_NESTING} spaces; expected at most ${MAX_NESTING} levels of nesting`;
            }
        }
        if (quote) {
            quote = c === quote ? undefined : quote;
        } else if (c === '"' || c === "'") {
            quote = c;
        } else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
            const end = text.indexOf("\n", i);
            i = (end < 0 ? text.length : end) - 1;
        } else if (c === "[" || c === "{") {
            if (++depth > MAX_NESTING) {
                return `line ${line}: brackets nested more than ${MAX_NESTING} deep; expected at most ${MAX_NESTING} levels of nesting`;
            }
        } else if ((c === "]" || c === "}") && depth > 0) {
            depth--;
        }
    }
    return undefined;
}

/** The path of the first value that contains itself (a YAML alias to an ancestor), if any. */
function findCycle(value: unknown, ancestors: object[], path = ""): string | undefined {
    if (value === null || typeof value !== "object") {
        return undefined;
    }
    if (ancestors.includes(value)) {
        return path || "the document";
    }
    for (const [k, v] of Object.entries(value)) {
        const at = Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
        const found = findCycle(v, [...ancestors, value], at);
        if (found) {
            return found;
        }
    }
    return undefined;
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v);

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
        throw new NoSuchStackError(
            `stack name ${JSON.stringify(stack)} is not allowed; expected letters, digits, _ . -`,
        );
    }
    if (!fs.existsSync(stackFile)) {
        const stacks = stackNames(projectDir);
        throw new NoSuchStackError(
            stackFileOverride
                ? `no stack file ${stackFileOverride}`
                : `no stack file ${path.basename(stackFile)}; the stacks here are ${stacks.join(", ")}`,
        );
    }
    const project = parseYamlFile(projectFile, fs.readFileSync(projectFile, "utf8")) as {
        name?: string;
        config?: Record<string, unknown>;
    } | null;
    if (!project?.name) {
        throw new Error(`${projectFile} has no project name`);
    }
    const label = stackFileOverride ?? path.basename(stackFile);
    const stackDoc = parseYamlFile(label, fs.readFileSync(stackFile, "utf8")) ?? {};
    if (!isMapping(stackDoc)) {
        throw new StackFileError(label, [
            `the file is ${describe(stackDoc)}; expected a mapping with a config: section`,
        ]);
    }
    const stackConfig = stackDoc.config ?? {};
    if (!isMapping(stackConfig)) {
        throw new StackFileError(label, [
            `config: is ${describe(stackConfig)}; expected a mapping of keys (such as aws:region) to values`,
        ]);
    }

    const config: Record<string, string> = {};
    const secretKeys = new Set<string>();
    const put = (key: string, value: unknown) =>
        putConfigValue(config, secretKeys, namespaced(project.name!, key), value);
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
    for (const [key, value] of Object.entries(stackConfig)) {
        put(key, value);
    }
    return {
        project: project.name,
        stack,
        config,
        secretKeys: [...secretKeys].sort(),
        environments: environmentNames(stackDoc.environment),
    };
}

/** A bare key belongs to the project's namespace, as Pulumi reads it. */
export function namespaced(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** Sets one key of a flat config map as the language host would hand it to the program. */
export function putConfigValue(
    config: Record<string, string>,
    secretKeys: Set<string>,
    key: string,
    value: unknown,
): void {
    const { plain, secret } = unwrapSecure(value);
    config[key] =
        typeof plain === "string"
            ? plain
            : typeof plain === "number" && !Number.isFinite(plain)
              ? String(plain) // .inf or 1e400: JSON has no such number
              : JSON.stringify(plain);
    if (secret) {
        secretKeys.add(key);
    } else {
        secretKeys.delete(key);
    }
}

/** `environment: [a, b]` (or `environment: { imports: [...] }`): the ESC environments named. */
function environmentNames(value: unknown): string[] {
    const list = isMapping(value) ? value.imports : value;
    if (value === undefined || value === null) {
        return [];
    }
    return Array.isArray(list)
        ? list.map((e) => (typeof e === "string" ? e : JSON.stringify(e)))
        : ["(environment)"];
}

function describe(value: unknown): string {
    return Array.isArray(value)
        ? "a list"
        : `a ${typeof value === "object" ? "null" : typeof value}`;
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
