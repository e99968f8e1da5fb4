import { expect } from "chai";
import { parse } from "yaml";
import { raiseImageRebuild } from "./rebuild";

const STACK = `# A stack file, with comments that must survive.
config:
  redcap:app:
    redcapVersion: 15.0.1
    # The zip, never committed.
    redcapZip: redcap15.0.1.zip
`;

describe("image rebuild requests (the weekly image workflow)", () => {
    it("raises imageRebuild from its default, keeping the file's comments", () => {
        const raised = raiseImageRebuild(STACK, "Pulumi.dev.yaml")!;
        expect(raised).to.include("# A stack file, with comments that must survive.");
        expect(raised).to.include("# The zip, never committed.");
        const config = (parse(raised) as { config: Record<string, Record<string, unknown>> })
            .config;
        expect(config["redcap:app"].imageRebuild).to.equal(2);
        const again = raiseImageRebuild(raised, "Pulumi.dev.yaml")!;
        expect(
            (parse(again) as { config: Record<string, Record<string, unknown>> }).config[
                "redcap:app"
            ].imageRebuild,
        ).to.equal(3);
    });

    it("leaves stacks alone that build no image (a ready image, or no app tier)", () => {
        const prebuilt = "config:\n  redcap:app:\n    imageUri: registry.example.edu/redcap:15\n";
        expect(raiseImageRebuild(prebuilt, "Pulumi.x.yaml")).to.equal(undefined);
        expect(raiseImageRebuild("config:\n  aws:region: us-east-1\n", "Pulumi.y.yaml")).to.equal(
            undefined,
        );
    });

    it("refuses a value that is not a whole number, naming the file and the key", () => {
        expect(() =>
            raiseImageRebuild(
                STACK.replace("redcapVersion", 'imageRebuild: "two"\n    redcapVersion'),
                "Pulumi.dev.yaml",
            ),
        ).to.throw('Pulumi.dev.yaml: redcap:app.imageRebuild "two" is not allowed');
    });
});
