import type { EnforcementLevel, PolicyResource, ReportViolation } from "@pulumi/policy";
import { type HipaaPolicy, ruleTypes, stackIndex } from "../lib/policy";
import { EXEMPTION_CONFIG } from "../lib/exemptions";
import { isUnknownError } from "../lib/unknown";
import { planProblems } from "./planShape";
import { policyConfigProblems, type PolicyConfig } from "./policyConfig";
import {
    createResourceValidationArgs,
    createStackValidationArgs,
    NotApplicable,
    PlanResource,
    policyResources,
} from "./validationArgs";

/**
 * Runs a policy pack on a plan the way the policy server does during `pulumi preview`: every
 * resource policy on every resource, every stack policy once, each with its config and enforcement
 * level from the policy config (`pulumi policy enable --config` format); an unknown value read by
 * a policy means "can't run during preview", never a violation.
 */

export interface Finding {
    policy: string;
    enforcementLevel: EnforcementLevel;
    severity: string | undefined;
    urn: string | undefined;
    message: string;
}

export interface Evaluation {
    /** Violations, mandatory first. */
    findings: Finding[];
    /** Policies that could not decide a resource because a value it reads is unknown. */
    undecided: { policy: string; urn: string | undefined; message: string }[];
    /** Resources that waive rules by tag (default tag keys), with the reason they give. */
    taggedExemptions: { urn: string; rules: string[]; reason: string | undefined }[];
    /** Policies that said they do not apply (exempt by tag, or not this kind of stack), with why. */
    notApplicable: { policy: string; urn: string | undefined; reason: string }[];
}

export type { PolicyConfig } from "./policyConfig";

/** The policy config is wrong; `problems` says where and what is allowed, one line each. */
export class PolicyConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`the policy config has ${problems.length} problem(s):\n${problems.join("\n")}`);
        this.name = "PolicyConfigError";
    }
}

/** The plan is malformed; `problems` names each resource and field, one line each. */
export class MalformedPlanError extends Error {
    constructor(readonly problems: string[]) {
        super(`the plan is malformed:\n${problems.join("\n")}`);
        this.name = "MalformedPlanError";
    }
}

function settingsFor(config: PolicyConfig, policy: HipaaPolicy) {
    const entry = config[policy.name];
    const all = config.all;
    const fallback = typeof all === "string" ? all : all?.enforcementLevel;
    if (typeof entry === "string") {
        return { level: entry, settings: {} };
    }
    const { enforcementLevel, ...settings } = entry ?? {};
    return {
        level: enforcementLevel ?? policy.enforcementLevel ?? fallback ?? "advisory",
        settings,
    };
}

export function evaluatePolicies(
    policies: readonly HipaaPolicy[],
    plan: readonly PlanResource[],
    config: PolicyConfig = {},
    /** What the problems name the plan and the config by, e.g. their files. */
    sources: { plan?: string; config?: string } = {},
): Evaluation {
    // A misread config must never quietly weaken a rule: refuse it whole.
    const problems = policyConfigProblems(config, policies, sources.config);
    if (problems.length > 0) {
        throw new PolicyConfigError(problems);
    }
    const malformed = planProblems({ resources: plan }, sources.plan);
    if (malformed.length > 0) {
        throw new MalformedPlanError(malformed);
    }
    const resources: PolicyResource[] = policyResources(plan);
    const index = stackIndex(resources);
    const result: Evaluation = {
        findings: [],
        undecided: [],
        notApplicable: [],
        taggedExemptions: taggedExemptions(plan),
    };
    for (const policy of policies) {
        const { level, settings } = settingsFor(config, policy);
        if (level === "disabled") {
            continue;
        }
        const run = (urn: string | undefined, validate: (report: ReportViolation) => void) => {
            const report: ReportViolation = (message, violatingUrn) =>
                result.findings.push({
                    policy: policy.name,
                    enforcementLevel: level,
                    severity: policy.severity,
                    urn: violatingUrn ?? urn,
                    message,
                });
            try {
                validate(report);
            } catch (e) {
                if (e instanceof NotApplicable) {
                    result.notApplicable.push({ policy: policy.name, urn, reason: e.reason ?? "" });
                } else if (isUnknownError(e)) {
                    result.undecided.push({
                        policy: policy.name,
                        urn,
                        message: (e as Error).message,
                    });
                } else {
                    throw e;
                }
            }
        };
        if ("validateStack" in policy) {
            run(
                undefined,
                (report) =>
                    void policy.validateStack(
                        createStackValidationArgs(resources, settings),
                        report,
                    ),
            );
            continue;
        }
        const validations = [policy.validateResource ?? []].flat();
        const types = ruleTypes(policy);
        for (const resource of types === "*" ? resources : index.ofType(types)) {
            for (const validate of validations) {
                run(
                    resource.urn,
                    (report) =>
                        void validate(createResourceValidationArgs(resource, settings), report),
                );
            }
        }
    }
    const rank = (f: Finding) => (f.enforcementLevel === "mandatory" ? 0 : 1);
    result.findings.sort((a, b) => rank(a) - rank(b) || a.policy.localeCompare(b.policy));
    return result;
}

function taggedExemptions(plan: readonly PlanResource[]): Evaluation["taggedExemptions"] {
    return plan.flatMap((r) => {
        const tags = (r.inputs.tags ?? {}) as Record<string, unknown>;
        const rules = tags[EXEMPTION_CONFIG.exemptionTag.default];
        if (typeof rules !== "string") return [];
        const reason = tags[EXEMPTION_CONFIG.exemptionReasonTag.default];
        return [
            {
                urn: r.urn,
                rules: rules.split(/[\s+]+/).filter(Boolean),
                reason: typeof reason === "string" ? reason : undefined,
            },
        ];
    });
}

export function mandatoryViolations(evaluation: Evaluation): Finding[] {
    return evaluation.findings.filter((f) => f.enforcementLevel === "mandatory");
}
