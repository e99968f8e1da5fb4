import { expect } from "chai";
import { type HipaaPolicy, ruleTypes } from "../lib/policy";
import { UNKNOWN_VALUE } from "../lib/unknown";
import { evaluatePolicies, Evaluation, PolicyConfig } from "../evaluate/evaluate";
import type { PlanResource } from "../evaluate/validationArgs";

/**
 * Table-driven specs: each policy gets compliant stacks, violating stacks, and from each violating
 * stack two derived cases that every policy must honour: the exemption path (the violating
 * resource tagged with the rule and a reason → no violation; without the reason → a violation)
 * and the unknown-value path (the deciding input unknown, as at preview → no violation).
 */

/** A resource of a test stack: `deps` names the resources feeding each input (propertyDependencies). */
export interface R {
    type: string;
    name: string;
    props?: Record<string, unknown>;
    deps?: Record<string, string[]>;
    protect?: boolean;
    /** Name of the provider resource (in the same stack) that created it. */
    provider?: string;
}

export interface Violating {
    /** The stack; its first resource is the one the violation is about. */
    stack: R[];
    /** What the report must say. */
    message: RegExp;
    /** `<resource name>:<dotted input path>` whose value decides the case; made unknown in the derived case. */
    unknown?: string;
    /** False when the violation is about a missing resource, so there is no resource to tag. */
    exemptable?: boolean;
    config?: Record<string, unknown>;
}

export interface PolicyCases {
    /** The rule judges the stack as a whole (e.g. "the baseline has no trail"): no resource to exempt. */
    stackWide?: true;
    /**
     * The rule reads one input the same way on every type it judges (required-tags: `tags` on
     * every taggable type), so the cases of a few types stand for all of them.
     */
    sameInputOnEveryType?: true;
    compliant: { stack: R[]; config?: Record<string, unknown> }[];
    violating: Violating[];
}

const urnOf = (r: R) => `urn:pulumi:test::hipaa::${r.type}::${r.name}`;

export function planOf(stack: readonly R[]): PlanResource[] {
    const byName = new Map(stack.map((r) => [r.name, r]));
    const urns = (names: string[]) =>
        names.map((n) => {
            const target = byName.get(n);
            if (!target) throw new Error(`test stack: no resource named ${n}`);
            return urnOf(target);
        });
    return stack.map((r) => ({
        urn: urnOf(r),
        type: r.type,
        name: r.name,
        custom: true,
        parent: null,
        provider: r.provider ? urns([r.provider])[0] : null,
        inputs: structuredClone(r.props ?? {}),
        dependencies: urns(Object.values(r.deps ?? {}).flat()),
        propertyDependencies: Object.fromEntries(
            Object.entries(r.deps ?? {}).map(([k, v]) => [k, urns(v)]),
        ),
        options: { protect: r.protect ?? false },
    }));
}

export function run(
    policy: HipaaPolicy,
    stack: readonly R[],
    config?: Record<string, unknown>,
): Evaluation {
    const policyConfig: PolicyConfig = config ? { [policy.name]: config } : {};
    return evaluatePolicies([policy], planOf(stack), policyConfig);
}

const messages = (e: Evaluation) => e.findings.map((f) => f.message);

function tagged(stack: R[], tags: Record<string, string>): R[] {
    const [subject, ...rest] = stack;
    const props = subject.props ?? {};
    return [{ ...subject, props: { ...props, tags: { ...(props.tags ?? {}), ...tags } } }, ...rest];
}

function withUnknown(stack: R[], where: string): R[] {
    const [name, path] = where.split(":");
    return stack.map((r) => {
        if (r.name !== name) return r;
        const props = structuredClone(r.props ?? {});
        const keys = path.split(".");
        let cursor: Record<string, unknown> = props;
        for (const key of keys.slice(0, -1)) {
            cursor = cursor[key] as Record<string, unknown>;
        }
        cursor[keys[keys.length - 1]] = UNKNOWN_VALUE;
        return { ...r, props };
    });
}

export function describeCases(
    policies: readonly HipaaPolicy[],
    cases: Record<string, PolicyCases>,
): void {
    it("has compliant, violating, exemption and unknown-value cases for every policy of the module, and none for others", () => {
        expect(Object.keys(cases).sort()).to.deep.equal(policies.map((p) => p.name).sort());
        for (const [name, c] of Object.entries(cases)) {
            expect(c.compliant, name).to.not.be.empty;
            expect(c.violating, name).to.not.be.empty;
            expect(
                c.violating.some((v) => v.unknown),
                `${name} needs an unknown-value case`,
            ).to.equal(true);
            expect(
                c.stackWide || c.violating.some((v) => v.exemptable !== false),
                `${name} needs an exemptable case`,
            ).to.equal(true);
        }
    });
    it("reports a violation on every resource type each policy judges (every form of the setting)", () => {
        const untested: string[] = [];
        for (const policy of policies) {
            const types = ruleTypes(policy);
            const c = cases[policy.name];
            if (types === "*" || !c || c.sameInputOnEveryType) continue;
            const subjects = new Set(c.violating.map((v) => v.stack[0].type));
            untested.push(
                ...types.filter((t) => !subjects.has(t)).map((t) => `${policy.name}: ${t}`),
            );
        }
        expect(untested, "judged types without a violating case of their own").to.deep.equal([]);
    });
    for (const policy of policies) {
        const c = cases[policy.name];
        if (!c) continue;
        describe(`#${policy.name}`, () => {
            c.compliant.forEach(({ stack, config }, i) => {
                it(`passes compliant stack ${i + 1} (${stack.map((r) => r.name).join(", ")})`, () => {
                    expect(messages(run(policy, stack, config))).to.deep.equal([]);
                });
            });
            c.violating.forEach((v, i) => {
                const label = `${i + 1} (${v.stack[0].name})`;
                it(`reports violating stack ${label}`, () => {
                    const found = run(policy, v.stack, v.config);
                    expect(messages(found)).to.satisfy(
                        (m: string[]) => m.some((x) => v.message.test(x)),
                        messages(found).join(" | ") || "no findings",
                    );
                    expect(
                        found.findings.every((f) => f.enforcementLevel === policy.enforcementLevel),
                    ).to.equal(true);
                });
                if (v.exemptable !== false) {
                    it(`honours an exemption with a reason on stack ${label}, and refuses one without`, () => {
                        const exempt = run(
                            policy,
                            tagged(v.stack, {
                                "compliance-exempt": `other-rule ${policy.name}`,
                                "compliance-exempt-reason": "vendor requirement, see ticket 42",
                            }),
                            v.config,
                        );
                        expect(messages(exempt).filter((m) => v.message.test(m))).to.deep.equal([]);
                        const bare = run(
                            policy,
                            tagged(v.stack, { "compliance-exempt": policy.name }),
                            v.config,
                        );
                        expect(
                            messages(bare).some((m) => /needs a written reason/.test(m)),
                        ).to.equal(true);
                    });
                }
                if (v.unknown) {
                    it(`does not report stack ${label} while ${v.unknown} is unknown, and counts it undecided`, () => {
                        const found = run(policy, withUnknown(v.stack, v.unknown!), v.config);
                        expect(messages(found).filter((m) => v.message.test(m))).to.deep.equal([]);
                        // Never a silent skip: the evaluation says it could not decide.
                        expect(
                            found.undecided.map((u) => u.policy),
                            "undecided",
                        ).to.include(policy.name);
                    });
                }
            });
        });
    }
}
