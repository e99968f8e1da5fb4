import type { ComponentSafeguards, TestRef } from "../../components/safeguards";
import { headingAnchor } from "../markdownAnchor";
import { compareParagraphs, parseCitations, resolveParagraph } from "./citations";
import { SAFEGUARDS, SECTIONS, type Responsibility, type Safeguard } from "./safeguards";

/** A policy of the pack as the matrix shows it. */
export interface MatrixPolicy {
    name: string;
    enforcementLevel: string;
    /** The policy's description without the citation suffix the pack appends. */
    summary: string;
    /** Its citations ("164.312(b), 164.308(a)(3)(ii)(A)"), as on `framework.specification`. */
    cites: string;
    /** Spec files with its table-driven cases; the prod-plan mutation test when it has one. */
    tests: string[];
}

export interface MatrixFeature {
    /** The component's class name (from its type token) or the program-wide entry's name. */
    component: string;
    source: string;
    feature: string;
    tests: TestRef[];
}

export interface MatrixRow {
    safeguard: Safeguard;
    features: MatrixFeature[];
    policies: MatrixPolicy[];
}

/** The class name in a component type token ("hipaa:storage:FileStore" → "FileStore"). */
export function componentName(component: string): string {
    const parts = component.split(":");
    return parts.length === 3 ? parts[2] : component;
}

/**
 * Places every component feature and every policy on the rows of the safeguards they cite (a
 * finer paragraph on its standard's row), each once per row. Throws on a citation that is not in
 * the catalogue, so the matrix never silently drops one.
 */
export function buildMatrix(
    components: readonly ComponentSafeguards[],
    policies: readonly MatrixPolicy[],
    safeguards: readonly Safeguard[] = SAFEGUARDS,
): MatrixRow[] {
    const rows = new Map(
        [...safeguards]
            .sort((a, b) => compareParagraphs(a.paragraph, b.paragraph))
            .map((s): [string, MatrixRow] => [
                s.paragraph,
                { safeguard: s, features: [], policies: [] },
            ]),
    );
    const keys = new Set(rows.keys());
    const rowsOf = (cites: string, where: string) => {
        try {
            return [...new Set(parseCitations(cites).map((p) => resolveParagraph(p, keys)))].map(
                (p) => rows.get(p) as MatrixRow,
            );
        } catch (e) {
            throw new Error(`${where}: ${(e as Error).message}`);
        }
    };
    for (const c of components) {
        for (const f of c.features) {
            for (const row of rowsOf(f.cites, `${c.component} "${f.feature}"`)) {
                row.features.push({
                    component: componentName(c.component),
                    source: c.source,
                    feature: f.feature,
                    tests: f.tests,
                });
            }
        }
    }
    for (const p of [...policies].sort((a, b) => a.name.localeCompare(b.name))) {
        for (const row of rowsOf(p.cites, `policy ${p.name}`)) row.policies.push(p);
    }
    return [...rows.values()];
}

const WHO: Record<Responsibility, string> = {
    "built-in": "built in",
    shared: "shared",
    customer: "yours",
    aws: "AWS (inherited)",
};

const KIND: Record<Safeguard["kind"], string> = {
    S: "standard",
    R: "required",
    A: "addressable",
};

const headingOf = (s: Safeguard) => `${s.paragraph} ${s.title}`;
const link = (file: string) => `[${file}](../${file})`;
const sectionOf = (paragraph: string) => paragraph.slice(0, 7);

function testList(tests: readonly TestRef[]): string {
    const byFile = new Map<string, string[]>();
    for (const t of tests) byFile.set(t.file, [...(byFile.get(t.file) ?? []), t.it]);
    return [...byFile]
        .map(([file, titles]) => `${link(file)}: ${titles.map((t) => `“${t}”`).join("; ")}`)
        .join("; ");
}

function renderRow(row: MatrixRow): string[] {
    const s = row.safeguard;
    const out = [`### ${headingOf(s)}`, "", `${KIND[s.kind]} · ${WHO[s.responsibility]}`, ""];
    if (row.features.length > 0) {
        out.push("What the stacks do, and the tests that prove it:", "");
        for (const f of row.features) {
            out.push(`- **${f.component}**: ${f.feature}. Tests: ${testList(f.tests)}.`);
        }
        out.push("");
    }
    if (row.policies.length > 0) {
        const names = (level: string) =>
            row.policies.filter((p) => p.enforcementLevel === level).map((p) => `\`${p.name}\``);
        const mandatory = names("mandatory");
        const advisory = names("advisory");
        out.push(
            [
                mandatory.length > 0 &&
                    `Policies that refuse a deployment without it: ${mandatory.join(", ")}.`,
                advisory.length > 0 && `Advisory policies: ${advisory.join(", ")}.`,
            ]
                .filter(Boolean)
                .join(" ") +
                " (Each policy's checks and tests: [the policy index](#the-policies-and-their-tests).)",
            "",
        );
    }
    if (s.yours) out.push(`**Yours:** ${s.yours}`, "");
    return out;
}

/** Every policy once: its level, what it checks, the safeguards it enforces and its tests. */
function renderPolicyIndex(rows: readonly MatrixRow[]): string[] {
    const safeguards = new Map<string, { policy: MatrixPolicy; paragraphs: string[] }>();
    for (const row of rows) {
        for (const p of row.policies) {
            const entry = safeguards.get(p.name) ?? { policy: p, paragraphs: [] };
            entry.paragraphs.push(row.safeguard.paragraph);
            safeguards.set(p.name, entry);
        }
    }
    const out = [
        "## The policies and their tests",
        "",
        "Every policy of the pack that cites a safeguard. Each has table-driven cases in its area's spec (compliant and violating stacks, the exemption path and the unknown-at-preview path); each mandatory policy also has a mutation of the prod plan in `test/policyPack.test.ts` that it must catch.",
        "",
        "| Policy | Level | What it checks | Safeguards | Tests |",
        "| --- | --- | --- | --- | --- |",
    ];
    for (const [name, { policy, paragraphs }] of [...safeguards].sort(([a], [b]) =>
        a.localeCompare(b),
    )) {
        out.push(
            `| \`${name}\` | ${policy.enforcementLevel} | ${policy.summary.replace(/\|/g, "\\|")} | ${paragraphs.join(", ")} | ${policy.tests.map(link).join(", ")} |`,
        );
    }
    out.push("");
    return out;
}

/** Things outside any one safeguard row that remain the customer's, with what they touch. */
export const BEYOND_THE_STACKS: readonly string[] = [
    "**Business associate agreements** (164.308(b), 164.314(a)): accept the AWS BAA in AWS Artifact for every account holding ePHI before any ePHI arrives, and keep ePHI to HIPAA-eligible services (the `disallowed-resource-types` policy refuses the rest). Pulumi Cloud, if you use it for state, holds no ePHI (names, ARNs and encrypted secrets only); review that for your own risk analysis.",
    "**Risk analysis and risk management** (164.308(a)(1)): yours to perform and document; this matrix and the policy pack's findings are inputs to it, not a substitute.",
    "**Workforce training, sanctions, clearance and termination** (164.308(a)(3), (a)(5)): nothing here trains or vets people, or removes their access when they leave.",
    "**Detective controls and their review** (164.308(a)(1)(ii)(D), 164.308(a)(6)): the stacks turn on CloudTrail, AWS Config, GuardDuty, alarms and log retention; someone must read the findings, answer the alarms and keep evidence of the reviews. The policy pack is preventive only: it checks what is deployed through Pulumi, not changes made in the console.",
    "**Incident response and breach notification** (164.308(a)(6), 164.400–414): a written, rehearsed plan.",
    "**People's identities** (164.312(a)(2)(i), 164.312(d)): AWS IAM Identity Center (SSO) with MFA for operators, root-user MFA and break-glass procedure, REDCap accounts or institutional sign-in with two-factor authentication for users; the stacks create no IAM user for people.",
    "**REDCap itself**: user rights and data access groups per project, auto-logout, two-factor settings, e-consent and exports are configured in REDCap by its administrators and project owners.",
    "**Contingency testing** (164.308(a)(7)(ii)(D)): run the restore and disaster-recovery drills in `docs/runbooks/` and record the times measured; the recovery objectives there are estimates until you do.",
    "**Workstations and media outside AWS** (164.310(b)–(d)): laptops that download REDCap exports, and any copy of data taken out of AWS.",
    "**Policies, procedures and their documentation for six years** (164.316).",
];

/** The matrix as Markdown: a summary table, one section per safeguard, then what remains yours. */
export function renderMatrix(rows: readonly MatrixRow[]): string {
    const out: string[] = [
        "# HIPAA Security Rule control matrix",
        "",
        "<!-- Generated by `npm run docs:hipaa-matrix` from components/*/safeguards.ts, the policy pack's citations and tools/hipaaMatrix/safeguards.ts. Do not edit by hand: a test fails when this file is stale. -->",
        "",
        "Which safeguard of the HIPAA Security Rule (45 CFR Part 164 Subpart C) these stacks address, the component features that implement it, the policies of the policy pack that refuse a deployment without it, and the tests that prove both. Each row says who carries the safeguard: **built in** (the stacks implement the technical control), **shared** (the stacks give the mechanism, your people and procedures complete it), **yours** (procedures only) or **AWS** (inherited under the AWS BAA).",
        "",
        "This is engineering guidance, not legal advice: your risk analysis decides what is reasonable and appropriate for your organization.",
        "",
        "## Summary",
        "",
        "| Safeguard | Kind | Who | Features | Policies (mandatory) |",
        "| --- | --- | --- | --- | --- |",
    ];
    for (const row of rows) {
        const s = row.safeguard;
        const mandatory = row.policies.filter((p) => p.enforcementLevel === "mandatory").length;
        out.push(
            `| [${headingOf(s)}](#${headingAnchor(headingOf(s))}) | ${KIND[s.kind]} | ${WHO[s.responsibility]} | ${row.features.length} | ${row.policies.length} (${mandatory}) |`,
        );
    }
    out.push("");
    let section = "";
    for (const row of rows) {
        const current = sectionOf(row.safeguard.paragraph);
        if (current !== section) {
            section = current;
            out.push(`## ${SECTIONS[current] ?? current}`, "");
        }
        out.push(...renderRow(row));
    }
    out.push(...renderPolicyIndex(rows));
    out.push("## What remains yours", "");
    out.push(...BEYOND_THE_STACKS.map((b) => `- ${b}`), "");
    return out.join("\n");
}
