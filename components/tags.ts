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

export function exemptionTags(ruleId: string, reason: string): Record<string, string> {
    if (!/^[a-z0-9-]+$/.test(ruleId) || reason.trim().length < 10) {
        throw new Error(`exemptionTags: rule "${ruleId}" needs a kebab-case id and a real reason`);
    }
    // Tag values allow letters, digits, spaces and _ . : / = + - @ only.
    return {
        [EXEMPTION_TAG]: ruleId,
        [EXEMPTION_REASON_TAG]: reason.replace(/[^\p{L}\p{N} _.:/=+\-@]/gu, ""),
    };
}
