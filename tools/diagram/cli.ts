import "../synth/fastStart"; // must stay first
import * as fs from "node:fs";
import * as path from "node:path";
import { reportPlanFailure, runPlanCommand } from "../synth/command";
import { planAnyStack, PROJECT_DIR } from "../synth/planStack";
import {
    mermaidBlock,
    README_STACK,
    readmeBlock,
    renderDocument,
    replaceReadmeBlock,
} from "./document";
import { parseArgs, USAGE } from "./args";
import { buildDiagram } from "./model";
import { renderDot } from "./render";

/** Writes a file only when its content changes, and says which it did. */
function write(file: string, content: string): string {
    const relative = path.relative(PROJECT_DIR, file);
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === content) {
        return `${relative} is up to date`;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return `Wrote ${relative}`;
}

async function main(argv: string[]): Promise<number> {
    const args = parseArgs(argv);
    if (typeof args === "string") {
        process.stderr.write(`${args}\n`);
        return args === USAGE ? 0 : 2;
    }
    try {
        const { plan } = await planAnyStack(args.stack);
        const model = buildDiagram(plan);
        if (args.format === "dot") {
            process.stdout.write(`${renderDot(model)}\n`);
            return 0;
        }
        const document = renderDocument(model);
        if (args.stdout) {
            process.stdout.write(document);
            return 0;
        }
        const messages = [
            write(path.join(PROJECT_DIR, "docs", "diagrams", `${args.stack}.md`), document),
        ];
        if (args.stack === README_STACK) {
            const readmePath = path.join(PROJECT_DIR, "README.md");
            const readme = fs.readFileSync(readmePath, "utf8");
            const block = mermaidBlock(model);
            messages.push(
                readmeBlock(readme) === block
                    ? "README.md is up to date"
                    : write(readmePath, replaceReadmeBlock(readme, block)),
            );
        }
        process.stdout.write(`${messages.join("\n")}\n`);
        return 0;
    } catch (e) {
        return reportPlanFailure("diagram", e, `Pulumi.${args.stack}.yaml`, "Nothing was drawn.");
    }
}

runPlanCommand("diagram", main);
