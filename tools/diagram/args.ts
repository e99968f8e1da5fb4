/** The command line of `npm run diagram` (tools/diagram/cli.ts), parsed without side effects. */
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
    const positional: string[] = [];
    let stdout = false;
    let format: CliArgs["format"] = "mermaid";
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--stdout") {
            stdout = true;
        } else if (arg === "--format") {
            const value = argv[++i];
            if (value !== "mermaid" && value !== "dot") {
                return `--format needs mermaid or dot\n\n${USAGE}`;
            }
            format = value;
        } else if (arg === "-h" || arg === "--help") {
            return USAGE;
        } else if (arg.startsWith("-")) {
            return `unknown option ${arg}\n\n${USAGE}`;
        } else {
            positional.push(arg);
        }
    }
    if (positional.length !== 1) {
        return `expected exactly one stack name, got ${positional.length}\n\n${USAGE}`;
    }
    return { stack: positional[0], stdout, format };
}
