import type { PolicyProviderResource } from "@pulumi/policy";
import { known, UNKNOWN } from "./unknown";

/**
 * The tags a resource will carry in AWS: the provider's `defaultTags` merged under the resource's
 * own `tags` (what the provider computes as `tagsAll`, which is not an input). Provider inputs
 * reach policies JSON-encoded, so both forms are read. `UNKNOWN` when either is unknown.
 */
export function effectiveTags(
    props: any,
    provider: PolicyProviderResource | undefined,
): Record<string, string> | typeof UNKNOWN {
    return known(() => {
        let defaults: unknown = provider?.props.defaultTags;
        if (typeof defaults === "string") {
            defaults = JSON.parse(defaults) as unknown;
        }
        const fromProvider =
            (defaults as { tags?: Record<string, string> } | undefined)?.tags ?? {};
        return { ...fromProvider, ...((props.tags ?? {}) as Record<string, string>) };
    });
}
