/**
 * Characters that must not reach a terminal raw: controls (ESC starts ANSI sequences), format
 * characters (bidirectional overrides, zero-width), separators, surrogates, private and unassigned.
 * Shared by the pack's own messages and the stack configuration's (stacks/problems.ts).
 */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/gu;

/** Whether `text` holds a character that must not reach a terminal raw. */
export function hasNonPrintable(text: string): boolean {
    return new RegExp(NON_PRINTABLE.source, "u").test(text);
}

/** `text` with every non-printable character written as a `\u` escape. */
export function escapeNonPrintable(text: string): string {
    return text.replace(NON_PRINTABLE, (c) => {
        const code = c.codePointAt(0) ?? 0;
        return code > 0xffff
            ? `\\u{${code.toString(16)}}`
            : `\\u${code.toString(16).padStart(4, "0")}`;
    });
}
