import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { parseStackConfig } from "../../stacks";
import { PROJECT_DIR } from "./planStack";
import { readStackFile, SECRET_PLACEHOLDER, StackFileError } from "./stackFile";

const FIXTURE = path.join(__dirname, "fixtures", "project");

describe("readStackFile", () => {
    const file = readStackFile(FIXTURE, "sample");

    it("flattens config the way the Pulumi language host does", () => {
        expect(file.project).to.equal("fixture");
        expect(file.stack).to.equal("sample");
        expect(file.config["aws:region"]).to.equal("eu-west-2");
        expect(file.config["fixture:count"]).to.equal("3");
        expect(file.config["fixture:enabled"]).to.equal("true");
        expect(JSON.parse(file.config["fixture:network"])).to.deep.equal({
            cidr: "10.1.0.0/16",
            azCount: 2,
        });
    });

    it("applies project-level values and defaults under the stack's own", () => {
        expect(file.config["fixture:plainDefault"]).to.equal("from-project");
        expect(file.config["fixture:declared"]).to.equal("declared-default");
        expect(file.config["fixture:overridden"]).to.equal("stack-value");
    });

    it("marks secure values secret, even nested ones, and never exposes the ciphertext", () => {
        expect(file.secretKeys).to.deep.equal(["fixture:dbPassword", "fixture:nested"]);
        expect(file.config["fixture:dbPassword"]).to.equal(SECRET_PLACEHOLDER);
        expect(JSON.parse(file.config["fixture:nested"])).to.deep.equal({
            plain: "visible",
            hidden: SECRET_PLACEHOLDER,
        });
        expect(JSON.stringify(file.config)).not.to.include("AAAB");
    });

    it("names the stacks that exist when the stack file is missing", () => {
        expect(() => readStackFile(FIXTURE, "qa")).to.throw(
            "no stack file Pulumi.qa.yaml; the stacks here are sample",
        );
    });

    it("refuses a stack name that could escape the project folder", () => {
        expect(() => readStackFile(FIXTURE, "../etc")).to.throw(
            'stack name "../etc" is not allowed',
        );
    });

    it("reads an explicit stack file instead when given one", () => {
        const other = readStackFile(FIXTURE, "candidate", path.join(FIXTURE, "Pulumi.sample.yaml"));
        expect(other.stack).to.equal("candidate");
        expect(other.config["aws:region"]).to.equal("eu-west-2");
    });
});

/** Writes a stack file into a fresh copy of the fixture project and reads it. */
function readText(text: string) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stack-file-")), "Pulumi.x.yaml");
    fs.writeFileSync(file, text);
    return () => readStackFile(FIXTURE, "x", file);
}

describe("readStackFile: what the Pulumi CLI reads, and clean refusals of the rest", () => {
    it("resolves anchors, aliases and merge keys, as Pulumi's YAML reader does", () => {
        const file = readStackFile(PROJECT_DIR, "anchors", "test/fixtures/Pulumi.anchors.yaml");
        expect(JSON.parse(file.config["redcap:tags"])).to.deep.equal({
            owner: "research-it@example.edu",
            "cost-center": "RIT-1001",
            department: "Biostatistics",
        });
        // A list of merged mappings, and a key of the mapping itself wins over merged ones.
        expect(JSON.parse(file.config["redcap:network"])).to.deep.equal({
            cidr: "10.40.0.0/16",
            azCount: 3,
        });
        expect(JSON.parse(file.config["redcap:alarms"])).to.deep.equal({
            emails: ["research-it@example.edu"],
        });
        const config = parseStackConfig(file.config, { stack: "anchors", project: "redcap" });
        expect(config.network.azCount).to.equal(3);
        expect(config.tags.department).to.equal("Biostatistics");
    });

    it("reads only the first document and an empty file as no config, as Pulumi does", () => {
        expect(readText("config:\n  aws:region: eu-west-2\n---\nconfig: {}\n")().config).to.include(
            {
                "aws:region": "eu-west-2",
            },
        );
        expect(readText("")().config).to.not.have.property("aws:region");
        expect(readText("# only a comment\n")().environments).to.deep.equal([]);
    });

    const refusals: [string, string, string][] = [
        ["a YAML syntax error", "config:\n  aws:region: [\n", "line 3, column 1: "],
        ["tabs as indentation", "config:\n\taws:region: x\n", "line 2, column 1: Tabs"],
        [
            "a key given twice",
            "config:\n  a: 1\n  a: 2\n",
            "line 3, column 3: Map keys must be unique",
        ],
        ["an alias inside its own anchor", "config:\n  n: &a\n    b: *a\n", "n.b: an alias"],
        ["config as a list", "config:\n  - aws:region\n", "config: is a list; expected a mapping"],
        ["config as text", "config: us-east-1\n", "config: is a string; expected a mapping"],
        ["a file that is a list", "- config\n", "the file is a list; expected a mapping"],
        [
            "nesting deeper than the parser goes",
            `config: ${"[".repeat(1500)}`,
            "line 1: brackets nested more than 100 deep",
        ],
        [
            "indentation deeper than the parser goes",
            `config:\n${" ".repeat(300)}x: 1\n`,
            "line 2: indented more than 200 spaces",
        ],
    ];
    for (const [what, text, reason] of refusals) {
        it(`refuses ${what}, naming the file and where`, () => {
            let error: unknown;
            try {
                readText(text)();
            } catch (e) {
                error = e;
            }
            expect(error).to.be.instanceOf(StackFileError);
            expect((error as StackFileError).message).to.match(
                /Pulumi\.x\.yaml cannot be read: \d+ problems?:/,
            );
            expect((error as StackFileError).problems[0]).to.include(reason);
        });
    }

    it("names the ESC environments a stack file imports", () => {
        expect(readText("environment:\n  - redcap/dev\n  - shared\n")().environments).to.deep.equal(
            ["redcap/dev", "shared"],
        );
    });
});
