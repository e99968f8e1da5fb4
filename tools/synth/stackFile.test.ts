import * as path from "node:path";
import { expect } from "chai";
import { readStackFile, SECRET_PLACEHOLDER } from "./stackFile";

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
