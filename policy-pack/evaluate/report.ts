import type { Evaluation } from "./evaluate";

/** The findings as a reviewer reads them in a pull request: one line per violation, then totals. */
export function renderFindings(evaluation: Evaluation, policyCount: number): string {
    const lines = evaluation.findings.map(
        (f) =>
            `  ${f.enforcementLevel.padEnd(9)} ${f.policy}  ${f.urn ?? "(stack)"}\n            ${f.message}`,
    );
    const mandatory = evaluation.findings.filter((f) => f.enforcementLevel === "mandatory").length;
    const summary =
        `Policy pack: ${policyCount} policies, ${mandatory} mandatory violation(s), ` +
        `${evaluation.findings.length - mandatory} advisory finding(s), ${evaluation.taggedExemptions.length} resource(s) exempt from a rule by tag` +
        (evaluation.undecided.length > 0
            ? `, ${evaluation.undecided.length} check(s) waiting for values unknown until \`pulumi up\``
            : "");
    // What could not be decided is listed too: never a silent pass.
    const undecided = evaluation.undecided.map(
        (u) =>
            `  ${"undecided".padEnd(9)} ${u.policy}  ${u.urn ?? "(stack)"}\n            ${u.message}`,
    );
    return [summary, ...lines, ...undecided].join("\n");
}
