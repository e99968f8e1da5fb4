/**
 * A structural check of the Mermaid this tool writes, for the tests. Mermaid's own parser runs in
 * Node only with a DOM (mermaid 12.3.0 plus jsdom: about 200 MB of packages for one test), so
 * instead: every line must be one of the few forms the renderer writes, every id safe, not a
 * keyword and declared once, every edge endpoint declared, every label quoted with nothing in it
 * that could end it or be read as markup.
 */

const ID = "[A-Za-z][A-Za-z0-9_]*";
const LABEL = '"([^"]*)"';
// Words Mermaid's flowchart grammar reads as keywords wherever they stand.
const RESERVED = new Set([
    "end",
    "subgraph",
    "graph",
    "flowchart",
    "style",
    "class",
    "classDef",
    "click",
    "linkStyle",
    "default",
    "call",
    "href",
]);

const FORMS: { kind: "node" | "subgraph" | "end" | "edge"; pattern: RegExp }[] = [
    {
        kind: "node",
        pattern: new RegExp(
            `^\\s+(${ID})(?:\\(\\(${LABEL}\\)\\)|\\(\\[${LABEL}\\]\\)|\\[${LABEL}\\])$`,
        ),
    },
    { kind: "subgraph", pattern: new RegExp(`^\\s+subgraph (${ID})\\[${LABEL}\\]$`) },
    { kind: "end", pattern: /^\s+end$/ },
    { kind: "edge", pattern: new RegExp(`^\\s+(${ID}) (?:-->|-\\.->)\\|${LABEL}\\| (${ID})$`) },
];

/** Decodes the entity codes the renderer writes, for comparing labels with what they show. */
export function decodeMermaid(label: string): string {
    return label
        .replace(/#quot;/g, '"')
        .replace(/#lt;/g, "<")
        .replace(/#gt;/g, ">")
        .replace(/#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

export interface MermaidCheck {
    problems: string[];
    /** Declared node id → its label's lines, decoded. */
    nodes: Map<string, string[]>;
    edges: { from: string; to: string; label: string }[];
}

export function checkMermaid(text: string): MermaidCheck {
    const problems: string[] = [];
    const nodes = new Map<string, string[]>();
    const subgraphs = new Set<string>();
    const edges: MermaidCheck["edges"] = [];
    const lines = text.split("\n");
    if (!/^flowchart (LR|RL|TB|BT|TD)$/.test(lines[0])) {
        problems.push(`line 1 is not a flowchart header: ${lines[0]}`);
    }
    let depth = 0;
    const label = (raw: string, where: string): string[] => {
        const forbidden = raw.replace(/<br\/>/g, "").match(/[<>|`&]|#(?![a-z]+;|\d+;)/g);
        if (forbidden) {
            problems.push(`${where}: unescaped ${forbidden.join("")} in label ${raw}`);
        }
        return raw.split("<br/>").map(decodeMermaid);
    };
    const declare = (id: string, where: string) => {
        if (RESERVED.has(id) || nodes.has(id) || subgraphs.has(id)) {
            problems.push(`${where}: id ${id} is reserved or declared twice`);
        }
    };
    lines.slice(1).forEach((line, i) => {
        const where = `line ${i + 2}`;
        const form = FORMS.map((f) => ({ kind: f.kind, m: f.pattern.exec(line) })).find(
            (f) => f.m !== null,
        );
        if (form?.m === undefined || form.m === null) {
            problems.push(`${where}: not a form the renderer writes: ${line}`);
            return;
        }
        const m = form.m;
        if (form.kind === "node") {
            declare(m[1], where);
            nodes.set(m[1], label(m[2] ?? m[3] ?? m[4], where));
        } else if (form.kind === "subgraph") {
            declare(m[1], where);
            subgraphs.add(m[1]);
            label(m[2], where);
            depth++;
        } else if (form.kind === "end") {
            depth--;
            if (depth < 0) {
                problems.push(`${where}: end without subgraph`);
            }
        } else {
            edges.push({ from: m[1], to: m[3], label: label(m[2], where).join("\n") });
        }
    });
    if (depth > 0) {
        problems.push(`${depth} subgraph(s) not closed`);
    }
    for (const e of edges) {
        for (const id of [e.from, e.to]) {
            if (!nodes.has(id)) {
                problems.push(`edge ${e.from} -> ${e.to}: ${id} is not a declared node`);
            }
        }
    }
    return { problems, nodes, edges };
}
