import type { EnforcementLevel } from "@pulumi/policy";
import { AREAS, type Area, type HipaaPolicy, withEnforcementLevel } from "./lib/policy";
import { ENFORCEMENT_LEVELS, policyConfigProblems } from "./evaluate/policyConfig";
import { policies as ALL_POLICIES } from "./registry";

/**
 * The pack as a library: a team composes these policies into its own pack, choosing areas,
 * leaving some out and overriding enforcement levels, as AwsGuard allowed:
 *
 *     import { PolicyPack } from "@pulumi/policy";
 *     import { hipaaPolicies } from "redcap-hipaa-policies/library";
 *     new PolicyPack("our-hipaa", {
 *         policies: [
 *             ...hipaaPolicies({ enforcement: { "rds-multi-az": "mandatory" }, exclude: ["s3-object-lock"] }),
 *             ...ourOwnPolicies,
 *         ],
 *     });
 *
 * Names and levels are checked: a misspelled policy or level throws, naming it, so a typo never
 * quietly weakens a rule.
 */

export interface HipaaPolicyOptions {
    /** Only the policies of these areas. Default: every area. */
    areas?: readonly Area[];
    /** Policies left out, by name. */
    exclude?: readonly string[];
    /** Enforcement level per policy name, replacing the pack's default for it. */
    enforcement?: Readonly<Record<string, EnforcementLevel>>;
    /** Enforcement level for every policy not named in `enforcement`. */
    defaultEnforcement?: EnforcementLevel;
}

/** The pack's policies, chosen and leveled as asked (new objects: the pack's own are untouched). */
export function hipaaPolicies(options: HipaaPolicyOptions = {}): HipaaPolicy[] {
    const problems: string[] = [];
    for (const area of options.areas ?? []) {
        if (!(AREAS as readonly string[]).includes(area)) {
            problems.push(
                `areas: ${JSON.stringify(area)} is not an area; expected one of ${AREAS.join(", ")}`,
            );
        }
    }
    const asConfig: Record<string, unknown> = { ...(options.enforcement ?? {}) };
    for (const name of options.exclude ?? []) {
        if (!(name in asConfig)) asConfig[name] = "disabled";
    }
    if (options.defaultEnforcement !== undefined) asConfig.all = options.defaultEnforcement;
    problems.push(...policyConfigProblems(asConfig, ALL_POLICIES, "hipaaPolicies options"));
    if (problems.length > 0) {
        throw new Error(`hipaaPolicies: ${problems.join("; ")}`);
    }
    const excluded = new Set(options.exclude ?? []);
    return ALL_POLICIES.filter(
        (p) =>
            !excluded.has(p.name) &&
            (options.areas === undefined || options.areas.some((a) => (p.tags ?? []).includes(a))),
    ).map((p) => {
        const level = options.enforcement?.[p.name] ?? options.defaultEnforcement;
        return withEnforcementLevel(p, level ?? p.enforcementLevel ?? "advisory");
    });
}

export { AREAS, ENFORCEMENT_LEVELS, ALL_POLICIES as policies };
export type { Area, HipaaPolicy };
// Rule builders, so a team's own rules get the same exemptions, unknown handling and metadata.
export { resourceRule, stackRule } from "./lib/policy";
export { evaluatePolicies, mandatoryViolations } from "./evaluate/evaluate";
