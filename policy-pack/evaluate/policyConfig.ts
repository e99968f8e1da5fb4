import Ajv, { type ErrorObject } from "ajv";
import { escapeNonPrintable } from "../lib/printable";
import { likelyMeant } from "../lib/suggestions";
import type { EnforcementLevel } from "@pulumi/policy";
import type { HipaaPolicy } from "../lib/policy";

/**
 * The policy config (`pulumi policy enable --config`, `--policy-pack-config`) checked before
 * anything is evaluated, as strictly as stack config: a misspelled policy or enforcement level must
 * never silently turn a mandatory rule off. Every problem names the policy, the setting, the value
 * (escaped, shortened) and what is allowed.
 */

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = [
    "advisory",
    "mandatory",
    "remediate",
    "disabled",
];

/** Per-policy config: a bare enforcement level or `{ enforcementLevel?, ...settings }`; `all` sets the default level. */
export type PolicyConfig = Record<
    string,
    EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)
>;

/** A value as it may be shown: JSON (control characters escaped), at most 60 characters. */
export function shown(value: unknown): string {
    // JSON.stringify escapes C0 controls; the rest (DEL, C1, bidi, separators) is escaped here.
    const safe = escapeNonPrintable(JSON.stringify(value) ?? String(value));
    return safe.length > 60 ? `${safe.slice(0, 57)}...` : safe;
}

function suggestion(value: string, choices: readonly string[]): string {
    const meant = likelyMeant(value, choices);
    return meant ? `; did you mean "${meant}"?` : "";
}

const ajv = new Ajv({ allErrors: true, strict: false });

function schemaMessage(error: ErrorObject): string {
    if (error.keyword === "additionalProperties") {
        return `unknown setting ${shown(error.params.additionalProperty)}`;
    }
    return error.message ?? error.keyword;
}

/** Every problem of `config` for `policies`, each a whole sentence; empty when it is valid. */
export function policyConfigProblems(
    config: unknown,
    policies: readonly HipaaPolicy[],
    file = "policy config",
): string[] {
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        return [
            `${file}: ${shown(config)} is not allowed; expected an object such as { "<policy>": "advisory" } or { "<policy>": { "enforcementLevel": "mandatory", ... } }`,
        ];
    }
    const names = policies.map((p) => p.name);
    const problems: string[] = [];
    const level = (where: string, value: unknown) => {
        if (!(ENFORCEMENT_LEVELS as readonly unknown[]).includes(value)) {
            problems.push(
                `${file}: ${where}: ${shown(value)} is not an enforcement level; expected one of ${ENFORCEMENT_LEVELS.join(", ")}${typeof value === "string" ? suggestion(value, ENFORCEMENT_LEVELS) : ""}`,
            );
        }
    };
    for (const [name, entry] of Object.entries(config as Record<string, unknown>)) {
        const policy = policies.find((p) => p.name === name);
        if (name !== "all" && !policy) {
            problems.push(
                `${file}: ${shown(name)} is not a policy of this pack${suggestion(name, names)} (the rule table: policy-pack/README.md)`,
            );
            continue;
        }
        if (typeof entry === "string") {
            level(shown(name), entry);
            continue;
        }
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            problems.push(
                `${file}: ${shown(name)}: ${shown(entry)} is not allowed; expected an enforcement level or an object of settings`,
            );
            continue;
        }
        const { enforcementLevel, ...settings } = entry as Record<string, unknown>;
        if (enforcementLevel !== undefined) {
            level(`${shown(name)}.enforcementLevel`, enforcementLevel);
        }
        if (!policy) {
            for (const key of Object.keys(settings)) {
                problems.push(
                    `${file}: "all".${key}: unknown setting; "all" takes only enforcementLevel`,
                );
            }
            continue;
        }
        const validate = ajv.compile({
            type: "object",
            properties: policy.configSchema?.properties ?? {},
            additionalProperties: false,
        });
        if (!validate(settings)) {
            for (const error of validate.errors ?? []) {
                const key = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
                const value = key
                    ? key
                          .split(".")
                          .reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], settings)
                    : undefined;
                const allowed = Object.keys(policy.configSchema?.properties ?? {}).join(", ");
                problems.push(
                    `${file}: ${shown(name)}${key ? `.${key}` : ""}: ${key ? `${shown(value)} is not allowed: ` : ""}${schemaMessage(error)}${error.keyword === "additionalProperties" ? `; the settings of ${name} are enforcementLevel, ${allowed}${suggestion(String(error.params.additionalProperty), Object.keys(policy.configSchema?.properties ?? {}))}` : ""}`,
                );
            }
        }
    }
    return problems;
}
