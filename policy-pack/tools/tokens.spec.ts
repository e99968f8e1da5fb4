import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import * as tokens from "../lib/tokens";
import { AWS_ROOT, awsResourceModules } from "./taggableTypes";

/** Every `aws:` token the pack names must exist in the pinned @pulumi/aws, or a rule silently never runs. */
describe("policy pack: type tokens", () => {
    it("names only tokens that @pulumi/aws defines", function () {
        this.timeout(60000);
        const known = new Set(awsResourceModules(AWS_ROOT).map((m) => m.token));
        const root = path.join(__dirname, "..");
        const sources = ["lib", "policies"].flatMap((d) =>
            fs
                .readdirSync(path.join(root, d))
                .filter((f) => f.endsWith(".ts") && !f.endsWith(".spec.ts"))
                .map((f) => path.join(root, d, f)),
        );
        const named = new Set(
            sources
                .flatMap(
                    (f) =>
                        fs
                            .readFileSync(f, "utf8")
                            .match(/"aws:[a-z0-9]+\/[A-Za-z0-9]+:[A-Za-z0-9]+"/g) ?? [],
                )
                .map((t) => t.slice(1, -1)),
        );
        // Tokens built from names (the S3 V2 and lb/alb families) are checked through the constants.
        for (const t of Object.values(tokens).flat()) named.add(t);
        expect(named.size).to.be.greaterThan(100);
        expect([...named].filter((t) => !known.has(t))).to.deep.equal([]);
    });
});
