import type { PolicyProviderResource } from "@pulumi/policy";
import type { ConfigField } from "./policy";
import { effectiveTags } from "./tags";
import { UNKNOWN } from "./unknown";

/**
 * Some rules (deletion protection, Multi-AZ) are mandatory for production only: a dev database
 * that can be deleted is a choice, not a finding. Production is decided by the resource's
 * `environment` tag (own or provider default); a resource without it counts as production, so a
 * missing tag never weakens a rule.
 */
export interface ProductionConfig {
    environmentTag: string;
    productionEnvironments: string[];
}

export const PRODUCTION_CONFIG: {
    [K in keyof ProductionConfig]: ConfigField<ProductionConfig[K]>;
} = {
    environmentTag: {
        description: "Tag key naming the resource's environment.",
        default: "environment",
        schema: { type: "string", minLength: 1 },
    },
    productionEnvironments: {
        description:
            "Environment tag values this rule applies to; resources without the tag count as production.",
        default: ["prod", "production"],
        schema: { type: "array", items: { type: "string" } },
    },
};

/** The environment name when the resource is not production, or undefined when it is (or unknown). */
export function nonProductionEnvironment(
    props: any,
    provider: PolicyProviderResource | undefined,
    config: ProductionConfig,
): string | undefined {
    const tags = effectiveTags(props, provider);
    if (tags === UNKNOWN) {
        return undefined;
    }
    const environment = tags[config.environmentTag];
    return environment !== undefined && !config.productionEnvironments.includes(environment)
        ? environment
        : undefined;
}
