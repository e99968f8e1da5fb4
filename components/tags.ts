/**
 * Tag keys every taggable AWS resource of a stack must carry. The explicit provider sets them as
 * `defaultTags`; the policy pack uses the same list as its default for the required-tags rule.
 */
export const REQUIRED_TAG_KEYS = [
    "project",
    "environment",
    "owner",
    "data-classification",
    "cost-center",
] as const;

export type RequiredTagKey = (typeof REQUIRED_TAG_KEYS)[number];

/** AWS allows 50 user tags per resource; keep room for resource-specific tags (Name and the like). */
export const MAX_STACK_TAGS = 40;

/**
 * Tags that record a deliberate exception to one rule of the policy pack, with the reason. The
 * pack's exemption check reads these keys from the resource's own tags and requires the reason.
 */
export const EXEMPTION_TAG = "compliance-exempt";
export const EXEMPTION_REASON_TAG = "compliance-exempt-reason";

export function exemptionTags(
    ruleIds: string | readonly string[],
    reason: string,
): Record<string, string> {
    const ids = typeof ruleIds === "string" ? [ruleIds] : [...ruleIds];
    if (
        ids.length === 0 ||
        !ids.every((id) => /^[a-z0-9-]+$/.test(id)) ||
        reason.trim().length < 10
    ) {
        throw new Error(
            `exemptionTags: rules "${ids.join(" ")}" need kebab-case ids and a real reason`,
        );
    }
    // Tag values allow letters, digits, spaces and _ . : / = + - @ only, so several rules are
    // separated by spaces (the policy pack splits on them).
    return {
        [EXEMPTION_TAG]: ids.join(" "),
        [EXEMPTION_REASON_TAG]: reason.replace(/[^\p{L}\p{N} _.:/=+\-@]/gu, ""),
    };
}
