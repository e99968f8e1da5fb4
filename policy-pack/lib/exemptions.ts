import type { ConfigField } from "./policy";
import { known, UNKNOWN } from "./unknown";

/**
 * A resource waives one rule with two of its own tags: `compliance-exempt` naming the rule (several
 * rule ids separated by spaces; AWS tag values cannot hold commas) and `compliance-exempt-reason`
 * saying why. An exemption without a reason is itself a violation, so every waiver is auditable in
 * the AWS console and in the plan. The tag keys are configurable per policy.
 */
export interface ExemptionConfig {
    exemptionTag: string;
    exemptionReasonTag: string;
}

export const EXEMPTION_CONFIG: { [K in keyof ExemptionConfig]: ConfigField<string> } = {
    exemptionTag: {
        description: "Tag whose value (space-separated rule ids) waives this rule on a resource.",
        default: "compliance-exempt",
        schema: { type: "string", minLength: 1 },
    },
    exemptionReasonTag: {
        description: "Tag that must say why; an exemption without it is a violation.",
        default: "compliance-exempt-reason",
        schema: { type: "string", minLength: 1 },
    },
};

export interface Exemption {
    reason: string | undefined;
    missingReason: string;
}

/** The resource's exemption from `rule`, `undefined` if none, `UNKNOWN` if its tags are unknown. */
export function exemptionOf(
    props: any,
    rule: string,
    config: ExemptionConfig,
): Exemption | undefined | typeof UNKNOWN {
    return known(() => {
        const tags = (props.tags ?? {}) as Record<string, unknown>;
        const value = tags[config.exemptionTag];
        if (typeof value !== "string" || !value.split(/[\s+]+/).includes(rule)) {
            return undefined;
        }
        const reason = tags[config.exemptionReasonTag];
        return {
            reason: typeof reason === "string" && reason.trim() !== "" ? reason.trim() : undefined,
            missingReason:
                `tag ${config.exemptionTag}="${value}" waives ${rule} but tag ` +
                `${config.exemptionReasonTag} is missing or empty: an exemption needs a written reason`,
        };
    });
}
