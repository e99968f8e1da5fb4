import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { escapeNonPrintable } from "../policy-pack/lib/printable";

export { escapeNonPrintable };

/** One thing wrong with the stack configuration: the key, the value seen and what is allowed. */
export interface ConfigProblem {
    /** Full config key with the path inside structured values, e.g. `redcap:network.cidr`. */
    key: string;
    /** The whole sentence shown to the user. */
    message: string;
}

/**
 * Thrown before any resource is declared when the stack configuration is invalid. It lists every
 * problem at once. It is a `RunError`, so `pulumi up` prints the message without a stack trace.
 */
export class ConfigError extends pulumi.RunError {
    public readonly problems: ConfigProblem[];
    constructor(
        public readonly stack: string,
        problems: ConfigProblem[],
    ) {
        // The last guard: whatever a message quotes, nothing in it can move the cursor, recolour
        // the terminal or hide text (values are also shortened where they are shown).
        const safe = problems.map((p) => ({
            key: escapeNonPrintable(p.key),
            message: escapeNonPrintable(p.message),
        }));
        super(formatProblems(escapeNonPrintable(stack), safe));
        this.problems = safe;
        this.name = "ConfigError";
    }
}

export function formatProblems(stack: string, problems: ConfigProblem[]): string {
    const lines = problems.map((p) => `  - ${p.message}`);
    const noun = problems.length === 1 ? "problem" : "problems";
    return [`Stack "${stack}" has ${problems.length} configuration ${noun}:`, ...lines].join("\n");
}

/** Printable text of at most `max` characters, ending in "..." when shortened. */
export function safeText(text: string, max = 120): string {
    const safe = escapeNonPrintable(text);
    return safe.length > max ? `${safe.slice(0, max - 3)}...` : safe;
}

/**
 * Shows a config value the way the user wrote it (JSON), or `[secret]` for secret keys; escaped
 * and shortened, so a pasted terminal sequence or a megabyte of text cannot garble the report.
 */
export function showValue(value: unknown, secret: boolean): string {
    if (secret) {
        return "[secret]";
    }
    let text: string | undefined;
    try {
        text = JSON.stringify(value);
    } catch {
        // A cycle or a bigint: no JSON form.
    }
    return safeText(text ?? String(value));
}

/** A key as the user wrote it, escaped and shortened. */
export function showKey(key: string): string {
    return safeText(key, 80);
}

/** `redcap:network` + `["subnetPrefixLengths", "public"]` → `redcap:network.subnetPrefixLengths.public`. */
export function keyWithPath(key: string, path: ReadonlyArray<PropertyKey>): string {
    return path.reduce<string>(
        (acc, part) =>
            typeof part === "number" ? `${acc}[${part}]` : `${acc}.${showKey(String(part))}`,
        showKey(key),
    );
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
    let current: unknown = root;
    for (const part of path) {
        if (current === null || typeof current !== "object") {
            return undefined;
        }
        current = (current as Record<PropertyKey, unknown>)[part];
    }
    return current;
}

/**
 * Turns zod issues for one config key into problems. Every schema in `schema.ts` sets its own
 * error text to "what is allowed", so the message here is "<key>: <value> is not allowed; expected
 * <allowed>", or "<key>: missing; expected <allowed>" when the value is absent.
 */
export function problemsFromIssues(
    key: string,
    input: unknown,
    issues: ReadonlyArray<z.core.$ZodIssue>,
    secret: boolean,
): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const issue of issues) {
        if (issue.code === "unrecognized_keys") {
            for (const unknownKey of issue.keys) {
                const full = keyWithPath(key, [...issue.path, unknownKey]);
                problems.push({ key: full, message: `${full}: unknown key; ${issue.message}` });
            }
            continue;
        }
        const full = keyWithPath(key, issue.path);
        if (issue.code === "custom" && typeof issue.params?.badKey === "string") {
            problems.push({
                key: full,
                message: `${full}: the key ${showValue(issue.params.badKey, false)} is not allowed; expected ${issue.message}`,
            });
            continue;
        }
        const value = valueAt(input, issue.path);
        const quoteHint =
            issue.code === "invalid_type" &&
            issue.expected === "string" &&
            typeof value === "number"
                ? " (write it in quotes in YAML)"
                : "";
        problems.push({
            key: full,
            message:
                value === undefined
                    ? `${full}: missing; expected ${issue.message}`
                    : `${full}: ${showValue(value, secret)} is not allowed; expected ${issue.message}${quoteHint}`,
        });
    }
    return problems;
}
