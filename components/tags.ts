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
