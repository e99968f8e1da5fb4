import { closest, distance } from "fastest-levenshtein";

/**
 * The choice `value` was most likely meant to be, when it looks like a typo of one (case ignored;
 * at most 2 edits, or a quarter of the choice's length for long ones), else undefined. Shared by
 * the pack's policy-config messages and the stack configuration's.
 */
export function likelyMeant(value: string, choices: readonly string[]): string | undefined {
    if (choices.length === 0) return undefined;
    const lower = choices.map((c) => c.toLowerCase());
    const input = value.toLowerCase();
    const best = closest(input, lower);
    return distance(input, best) <= Math.max(2, Math.floor(best.length / 4))
        ? choices[lower.indexOf(best)]
        : undefined;
}
