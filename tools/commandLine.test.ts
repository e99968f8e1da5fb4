import { expect } from "chai";
import { parseCommandLine } from "./commandLine";

const USAGE = "usage: tool <stack> [--json [file]] [--write] [--format x]";
const SPEC = {
    json: { type: "string", optionalValue: "-" },
    write: { type: "boolean" },
    format: { type: "string" },
} as const;

describe("parseCommandLine (node:util parseArgs, strict)", () => {
    it("reads flags, values (also --name=value) and positionals in any order", () => {
        expect(parseCommandLine(["--write", "prod", "--format=dot"], SPEC, USAGE)).to.deep.equal({
            values: { write: true, format: "dot" },
            positionals: ["prod"],
        });
    });

    it("gives an option with an optional value its default when the value is left off", () => {
        expect(parseCommandLine(["prod", "--json"], SPEC, USAGE)).to.deep.include({
            values: { json: "-" },
        });
        expect(parseCommandLine(["--json", "--write", "prod"], SPEC, USAGE)).to.deep.include({
            values: { json: "-", write: true },
        });
        expect(parseCommandLine(["--json", "plan.json", "prod"], SPEC, USAGE)).to.deep.equal({
            values: { json: "plan.json" },
            positionals: ["prod"],
        });
    });

    it("prints the usage for -h and --help", () => {
        expect(parseCommandLine(["-h"], SPEC, USAGE)).to.equal(USAGE);
        expect(parseCommandLine(["prod", "--help"], SPEC, USAGE)).to.equal(USAGE);
    });

    it("refuses an unknown option and a missing value, naming the option, then the usage", () => {
        expect(parseCommandLine(["prod", "--jsno"], SPEC, USAGE)).to.equal(
            `unknown option --jsno\n\n${USAGE}`,
        );
        expect(parseCommandLine(["prod", "--format"], SPEC, USAGE)).to.equal(
            `--format needs a value\n\n${USAGE}`,
        );
    });
});
