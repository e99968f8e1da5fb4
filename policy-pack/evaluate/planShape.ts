import { shown } from "./policyConfig";

/**
 * A plan checked before any policy reads it, so a malformed or hand-edited file gets a sentence
 * naming the resource and the field, never a JavaScript error from deep inside a policy.
 */

const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] =>
    Array.isArray(v) && v.every((s) => typeof s === "string");

/** Every problem of `plan`, each naming where; empty when it can be evaluated. */
export function planProblems(plan: unknown, file = "plan"): string[] {
    if (!isObject(plan) || !Array.isArray(plan.resources)) {
        return [
            `${file}: has no "resources" list; write the plan with npm run synth -- <stack> --json <file>`,
        ];
    }
    const problems: string[] = [];
    const urns = new Set<string>();
    plan.resources.forEach((r: unknown, i: number) => {
        const at = `${file}: resources[${i}]`;
        if (!isObject(r)) {
            problems.push(
                `${at}: ${shown(r)} is not a resource; expected an object with urn, type, name and inputs`,
            );
            return;
        }
        const where = typeof r.urn === "string" ? `${at} (${shown(r.urn)})` : at;
        for (const field of ["urn", "type", "name"]) {
            if (typeof r[field] !== "string" || r[field] === "") {
                problems.push(
                    `${where}.${field}: ${shown(r[field])} is not allowed; expected a non-empty string`,
                );
            }
        }
        if (typeof r.urn === "string") {
            if (urns.has(r.urn)) {
                problems.push(`${where}.urn: appears twice; expected each resource once`);
            }
            urns.add(r.urn);
        }
        if (!isObject(r.inputs)) {
            problems.push(`${where}.inputs: ${shown(r.inputs)} is not allowed; expected an object`);
        }
        if (r.dependencies !== undefined && !isStrings(r.dependencies)) {
            problems.push(
                `${where}.dependencies: ${shown(r.dependencies)} is not allowed; expected a list of URNs`,
            );
        }
        if (r.propertyDependencies !== undefined) {
            if (!isObject(r.propertyDependencies)) {
                problems.push(
                    `${where}.propertyDependencies: ${shown(r.propertyDependencies)} is not allowed; expected { input: [URN, ...] }`,
                );
            } else {
                for (const [input, deps] of Object.entries(r.propertyDependencies)) {
                    if (!isStrings(deps)) {
                        problems.push(
                            `${where}.propertyDependencies.${input}: ${shown(deps)} is not allowed; expected a list of URNs`,
                        );
                    }
                }
            }
        }
        if (r.options !== undefined && !isObject(r.options)) {
            problems.push(
                `${where}.options: ${shown(r.options)} is not allowed; expected an object`,
            );
        }
    });
    return problems;
}
