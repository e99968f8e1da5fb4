import { safeText } from "../stacks/problems";

/**
 * An AWS SDK error on one line, as the commands that call AWS (preflight, wake) tell it: its name
 * and message, whitespace folded, control characters escaped, cut to 300 characters.
 */
export function awsErrorLine(e: unknown): string {
    const name = (e as { name?: string } | undefined)?.name ?? "Error";
    const message = e instanceof Error ? e.message : String(e);
    return safeText(`${name}: ${message}`.replace(/\s+/g, " "), 300);
}
