import { expect } from "chai";
import type { ConfigContext } from "../stacks/redcap/config";
import { ConfigError } from "../stacks/problems";

/** A change to a base config: a value (objects as JSON, as Pulumi hands them), or undefined to remove. */
export type ConfigPatch = Record<string, unknown>;

/**
 * Test helpers for a system's config parser: `parse(patch)` applies the patch to a valid base
 * configuration (in the flat form Pulumi hands the program) and parses it; `problems(patch)` returns
 * the lines of the ConfigError the patch causes, failing when there is none.
 * @internal for tests
 */
export function configTester<T>(
    base: Readonly<Record<string, string>>,
    parseConfig: (flat: Record<string, string>, ctx: ConfigContext) => T,
    ctx: Omit<ConfigContext, "secretKeys">,
) {
    const parse = (patch: ConfigPatch, secretKeys: string[] = []): T => {
        const flat: Record<string, string> = { ...base };
        for (const [key, value] of Object.entries(patch)) {
            if (value === undefined) {
                delete flat[key];
            } else {
                flat[key] = typeof value === "string" ? value : JSON.stringify(value);
            }
        }
        return parseConfig(flat, { ...ctx, secretKeys: new Set(secretKeys) });
    };
    const problems = (patch: ConfigPatch, secretKeys: string[] = []): string[] => {
        try {
            parse(patch, secretKeys);
        } catch (e) {
            expect(e).to.be.instanceOf(ConfigError);
            return (e as ConfigError).problems.map((p) => p.message);
        }
        throw new Error("expected a ConfigError");
    };
    return { parse, problems };
}
