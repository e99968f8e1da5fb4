import { isConfigSecret } from "./configKeys";
import { ConfigError, showValue } from "./problems";
import { parseRstudioConfig, type RstudioStackConfig } from "./rstudio/config";
import { type ConfigContext, parseStackConfig, type StackConfig } from "./redcap/config";

/**
 * The systems this project deploys, and which one a stack is: its stack file says so with
 * `platform:system` (absent: REDCap, which every stack was before there were others).
 */
export const SYSTEM_KEY = "platform:system";
export const SYSTEMS = ["redcap", "rstudio"] as const;
export type System = (typeof SYSTEMS)[number];

/** The validated configuration of a stack of any system. */
export type AnyStackConfig = StackConfig | RstudioStackConfig;

/** The system a flat config map describes; a ConfigError naming the key when it is none. */
export function systemOf(
    flat: Record<string, string>,
    stack: string,
    /** Keys whose values must not be shown; the Pulumi runtime's secret marks when not given. */
    hiddenKeys?: ReadonlySet<string>,
): System {
    const raw = flat[SYSTEM_KEY];
    if (raw === undefined) {
        return "redcap";
    }
    if (!(SYSTEMS as readonly string[]).includes(raw)) {
        throw new ConfigError(stack, [
            {
                key: SYSTEM_KEY,
                message: `${SYSTEM_KEY}: ${showValue(
                    raw,
                    hiddenKeys?.has(SYSTEM_KEY) ?? isConfigSecret(SYSTEM_KEY),
                )} is not allowed; expected one of ${SYSTEMS.map((s) => JSON.stringify(s)).join(", ")}`,
            },
        ]);
    }
    return raw as System;
}

/** Validates a stack's flat config map as its system's configuration. */
export function parseAnyStackConfig(
    flat: Record<string, string>,
    ctx: ConfigContext,
): AnyStackConfig {
    const hidden = new Set([...(ctx.secretKeys ?? []), ...(ctx.hiddenKeys ?? [])]);
    return systemOf(flat, ctx.stack, hidden) === "rstudio"
        ? parseRstudioConfig(flat, ctx)
        : parseStackConfig(flat, ctx);
}
