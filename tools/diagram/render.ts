import type { ComponentNode } from "./components";
import type { DiagramEdge, DiagramModel, ExternalNode } from "./model";

/** Renders a diagram model as Mermaid (what GitHub draws) or Graphviz DOT. No reasoning here. */

/** The lines of a box's label: what it is, and how many resources it stands for. */
export function nodeLines(node: ComponentNode): string[] {
    const count = `${node.resourceCount} resource${node.resourceCount === 1 ? "" : "s"}`;
    return [
        `${node.className}: ${node.name}`,
        ...(node.within !== undefined ? [`in ${node.within}`] : []),
        count,
    ];
}

/**
 * Text for a quoted Mermaid label: characters that would end the label or be read as markup
 * become Mermaid's entity codes (`#` first, since every code starts with it).
 */
export function escapeMermaid(text: string): string {
    return text
        .replace(/#/g, "#35;")
        .replace(/&/g, "#38;")
        .replace(/"/g, "#quot;")
        .replace(/</g, "#lt;")
        .replace(/>/g, "#gt;")
        .replace(/\|/g, "#124;")
        .replace(/`/g, "#96;")
        .replace(/\s+/g, " ");
}

function mermaidLabel(lines: string[]): string {
    return `"${lines.map(escapeMermaid).join("<br/>")}"`;
}

function mermaidExternal(x: ExternalNode): string {
    const label = mermaidLabel(x.lines);
    // The internet as a circle, other outside places as stadiums: neither looks like a box.
    return x.id === "x_internet" ? `${x.id}((${label}))` : `${x.id}([${label}])`;
}

function mermaidEdge(e: DiagramEdge): string {
    const arrow = e.kind === "traffic" ? "-->" : "-.->";
    return `${e.from} ${arrow}|${mermaidLabel([e.labels.join(", ")])}| ${e.to}`;
}

/** The diagram as a Mermaid flowchart (without the Markdown fence). */
export function renderMermaid(model: DiagramModel): string {
    const indent = "    ";
    const lines = ["flowchart LR"];
    for (const x of model.externals) {
        lines.push(indent + mermaidExternal(x));
    }
    for (const tier of model.tiers) {
        lines.push(`${indent}subgraph t_${tier.id}[${mermaidLabel([tier.label])}]`);
        for (const node of tier.nodes) {
            lines.push(`${indent}${indent}${node.id}[${mermaidLabel(nodeLines(node))}]`);
        }
        lines.push(`${indent}end`);
    }
    for (const e of model.edges) {
        lines.push(indent + mermaidEdge(e));
    }
    return lines.join("\n");
}

function dotText(text: string): string {
    return text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\s+/g, " ");
}

function dotString(text: string): string {
    return `"${dotText(text)}"`;
}

/** The diagram in Graphviz DOT (`dot -Tsvg`), for those who would rather lay it out there. */
export function renderDot(model: DiagramModel): string {
    const label = (lines: string[]) => `"${lines.map(dotText).join("\\n")}"`;
    const lines = [
        `digraph ${dotString(`${model.project}-${model.stack}`)} {`,
        "    rankdir=LR;",
        '    graph [fontname="Helvetica"];',
        '    node [shape=box, fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
    ];
    for (const x of model.externals) {
        lines.push(`    ${x.id} [label=${label(x.lines)}, shape=ellipse];`);
    }
    for (const tier of model.tiers) {
        lines.push(`    subgraph cluster_${tier.id} {`, `        label=${dotString(tier.label)};`);
        for (const node of tier.nodes) {
            lines.push(`        ${node.id} [label=${label(nodeLines(node))}];`);
        }
        lines.push("    }");
    }
    for (const e of model.edges) {
        const style = e.kind === "traffic" ? "" : ", style=dashed";
        lines.push(`    ${e.from} -> ${e.to} [label=${dotString(e.labels.join(", "))}${style}];`);
    }
    lines.push("}");
    return lines.join("\n");
}
