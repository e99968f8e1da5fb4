/** The command line of `npm run diagram` (tools/diagram/cli.ts), parsed without side effects. */
import { parseCommandLine } from "../commandLine";
import { README_STACK } from "./document";

export const USAGE = `usage: npm run diagram -- <stack> [--stdout] [--format mermaid|dot]

Draws the architecture of a stack from its offline plan (Pulumi.<stack>.yaml, no AWS account):
components grouped by tier, and the traffic between them. Writes docs/diagrams/<stack>.md; for
${README_STACK}, also the diagram in README.md (between its architecture-diagram markers).
  --stdout             print the Markdown instead of writing any file
  --format dot         print the diagram in Graphviz DOT instead (writes nothing)`;

export interface CliArgs {
    stack: string;
    stdout: boolean;
    format: "mermaid" | "dot";
}

/** The arguments, or the text to print: the usage (exit 0) or a usage error (exit 2). */
export function parseArgs(argv: string[]): CliArgs | string {
    const parsed = parseCommandLine(
        argv,
        { stdout: { type: "boolean" }, format: { type: "string" } },
        USAGE,
    );
    if (typeof parsed === "string") return parsed;
    const { values, positionals } = parsed;
    const format = values.format ?? "mermaid";
    if (format !== "mermaid" && format !== "dot") {
        return `--format needs mermaid or dot\n\n${USAGE}`;
    }
    if (positionals.length !== 1) {
        return `expected exactly one stack name, got ${positionals.length}\n\n${USAGE}`;
    }
    return { stack: positionals[0], stdout: values.stdout ?? false, format };
}
