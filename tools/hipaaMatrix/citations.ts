/**
 * HIPAA Security Rule citations as the policy pack and the components write them
 * ("164.312(a)(2)(iv), 164.308(a)(4)(ii)(A)-(C)"), parsed into single paragraphs.
 */

const PARAGRAPH = /^164\.3\d\d(\([a-z0-9]+\)|\([A-Z]\))*$/;
const RANGE = /^(164\.3\d\d(?:\([a-zA-Z0-9]+\))*)\(([A-Z0-9])\)-\(([A-Z0-9])\)$/;

/** What a policy without a HIPAA paragraph (a hygiene rule) carries as its citation. */
export const NO_CITATION = "none (hygiene)";

/**
 * Splits a citation list into paragraphs, expanding the ranges the pack writes
 * ("(ii)(A)-(C)" → (ii)(A), (ii)(B), (ii)(C)). Refuses anything else, naming it, so a typo in a
 * citation cannot silently drop a row from the matrix.
 */
export function parseCitations(text: string): string[] {
    const trimmed = text.trim();
    if (trimmed === "" || trimmed === NO_CITATION) return [];
    const out: string[] = [];
    for (const part of trimmed.split(/\s*,\s*/)) {
        const range = RANGE.exec(part);
        if (range) {
            const [, base, from, to] = range;
            const first = from.charCodeAt(0);
            const last = to.charCodeAt(0);
            const sameKind = /\d/.test(from) === /\d/.test(to);
            if (!sameKind || last <= first) {
                throw new Error(`citation "${part}": the range ${from}-${to} is not ascending`);
            }
            for (let c = first; c <= last; c++) out.push(`${base}(${String.fromCharCode(c)})`);
        } else if (PARAGRAPH.test(part)) {
            out.push(part);
        } else {
            throw new Error(
                `citation "${part}" (in "${text}") is not a 45 CFR 164.3xx paragraph such as 164.312(a)(2)(iv)`,
            );
        }
    }
    return [...new Set(out)];
}

/** The paragraph one level up: 164.312(a)(2)(iv) → 164.312(a)(2); a section has no parent. */
export function parentParagraph(paragraph: string): string | undefined {
    const cut = paragraph.lastIndexOf("(");
    return cut > 0 ? paragraph.slice(0, cut) : undefined;
}

/**
 * The catalogue row a paragraph belongs to: itself, or its nearest ancestor in the catalogue
 * (a standard's "(i)" paragraph and its implementation specifications roll up to the row of the
 * standard when the catalogue lists no finer row).
 */
export function resolveParagraph(paragraph: string, rows: ReadonlySet<string>): string {
    for (let p: string | undefined = paragraph; p; p = parentParagraph(p)) {
        if (rows.has(p)) return p;
    }
    throw new Error(
        `citation ${paragraph} has no row in the safeguard catalogue (tools/hipaaMatrix/safeguards.ts); add the safeguard or correct the citation`,
    );
}

/**
 * Orders paragraphs as the CFR numbers them: section, then (a) letters, (1) numbers, (i) roman
 * numerals and (A) capitals, level by level; a paragraph comes before its subparagraphs.
 */
export function compareParagraphs(a: string, b: string): number {
    const key = (p: string) =>
        p
            .replace(/^164\./, "")
            .split(/[()]+/)
            .filter(Boolean);
    const ka = key(a);
    const kb = key(b);
    for (let level = 0; level < Math.max(ka.length, kb.length); level++) {
        if (ka[level] === undefined) return -1;
        if (kb[level] === undefined) return 1;
        const d = rank(ka[level], level) - rank(kb[level], level);
        if (d !== 0) return d;
    }
    return 0;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10 };

/** Level 3 (after section, letter, number) is roman; the others compare as numbers or letters. */
function rank(group: string, level: number): number {
    if (/^\d+$/.test(group)) return Number(group);
    if (level === 3) {
        let total = 0;
        for (let i = 0; i < group.length; i++) {
            const v = ROMAN[group[i]] ?? 0;
            total += i + 1 < group.length && (ROMAN[group[i + 1]] ?? 0) > v ? -v : v;
        }
        return total;
    }
    return group.charCodeAt(0);
}
