import { expect } from "chai";
import { parseArgs, USAGE } from "./args";
import {
    mermaidBlock,
    README_BEGIN,
    README_END,
    readmeBlock,
    renderDocument,
    replaceReadmeBlock,
} from "./document";
import type { DiagramModel } from "./model";
import { renderMermaid } from "./render";

const MODEL: DiagramModel = {
    project: "redcap",
    stack: "qa",
    tiers: [],
    externals: [{ id: "x_internet", lines: ["Internet"] }],
    edges: [],
};

const README = [
    "# Title",
    "",
    "## Architecture",
    "",
    `${README_BEGIN} (generated; do not edit by hand) -->`,
    "old diagram",
    "",
    README_END,
    "",
    "The code:",
    "",
].join("\n");

describe("diagram documents", () => {
    it("writes a heading, how it was generated, the Mermaid block and a legend", () => {
        const doc = renderDocument(MODEL);
        expect(doc.startsWith("# Architecture of the qa stack\n\n")).to.equal(true);
        expect(doc).to.include("`npm run diagram -- qa`");
        expect(doc).to.include(`\n${mermaidBlock(MODEL)}\n`);
        expect(mermaidBlock(MODEL)).to.equal(`\`\`\`mermaid\n${renderMermaid(MODEL)}\n\`\`\``);
        expect(doc)
            .to.match(/solid arrow/)
            .and.to.match(/dotted arrow/);
        expect(doc.endsWith("\n") && !doc.endsWith("\n\n")).to.equal(true);
    });

    it("replaces only what README.md holds between the markers", () => {
        const updated = replaceReadmeBlock(README, "```mermaid\nflowchart LR\n```");
        expect(updated).to.equal(
            README.replace("old diagram\n", "\n```mermaid\nflowchart LR\n```\n"),
        );
        expect(readmeBlock(updated)).to.equal("```mermaid\nflowchart LR\n```");
        // replacing again changes nothing
        expect(replaceReadmeBlock(updated, readmeBlock(updated))).to.equal(updated);
    });

    it("refuses a README without exactly one pair of markers in order", () => {
        const withoutEnd = README.replace(README_END, "");
        const twice = README.replace("The code:", `${README_BEGIN} -->\n${README_END}`);
        const reversed = [README_END, `${README_BEGIN} -->`].join("\n");
        for (const readme of [withoutEnd, twice, reversed]) {
            expect(() => replaceReadmeBlock(readme, "x")).to.throw(/architecture-diagram/);
            expect(() => readmeBlock(readme)).to.throw(/architecture-diagram/);
        }
    });

    it("parses the command line as npm run synth does", () => {
        expect(parseArgs(["prod"])).to.deep.equal({
            stack: "prod",
            stdout: false,
            format: "mermaid",
        });
        expect(parseArgs(["--format", "dot", "dev", "--stdout"])).to.deep.equal({
            stack: "dev",
            stdout: true,
            format: "dot",
        });
        expect(parseArgs(["--help"])).to.equal(USAGE);
        expect(parseArgs(["prod", "--format", "svg"])).to.match(/^--format needs mermaid or dot/);
        expect(parseArgs(["prod", "--json"])).to.match(/^unknown option --json/);
        expect(parseArgs([])).to.match(/^expected exactly one stack name, got 0/);
        expect(parseArgs(["dev", "prod"])).to.match(/got 2/);
    });
});
