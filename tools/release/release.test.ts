import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { ChangelogError, releaseNotes } from "./changelog";
import { PACKAGE_DIR, ROOT, runtimeAssets } from "./componentsPackage";

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const manifest = (file: string) =>
    JSON.parse(read(file)) as {
        version: string;
        private?: boolean;
        dependencies: Record<string, string>;
        peerDependencies?: Record<string, string>;
    };

const CHANGELOG = `# Changelog

## [Unreleased]

### Added

- next

## [1.2.0] - 2026-12-01

### Changed

- a thing

### Upgrade notes

- run pulumi up twice

## [1.1.0] - 2026-11-01

### Upgrade notes

None.

[1.2.0]: https://example.com/compare/v1.1.0...v1.2.0
`;

describe("releases (tools/release)", () => {
    describe("CHANGELOG.md", () => {
        it("gives a version's section, up to the next release", () => {
            expect(releaseNotes(CHANGELOG, "1.2.0")).to.equal(
                "### Changed\n\n- a thing\n\n### Upgrade notes\n\n- run pulumi up twice\n",
            );
            expect(releaseNotes(CHANGELOG, "1.1.0")).to.equal("### Upgrade notes\n\nNone.\n");
        });

        it("refuses a version without a section, or a section without upgrade notes", () => {
            expect(() => releaseNotes(CHANGELOG, "1.3.0")).to.throw(ChangelogError, "## [1.3.0]");
            expect(() => releaseNotes(CHANGELOG, "1.2")).to.throw(ChangelogError);
            expect(() => releaseNotes(CHANGELOG, "Unreleased")).to.throw(
                ChangelogError,
                "Upgrade notes",
            );
        });

        it("every section of the real changelog has upgrade notes, Unreleased first", () => {
            const text = read("CHANGELOG.md");
            const sections = [...text.matchAll(/^## \[([^\]]+)\]/gm)].map((m) => m[1]);
            expect(sections[0]).to.equal("Unreleased");
            for (const section of sections) {
                expect(() => releaseNotes(text, section), section).to.not.throw();
            }
        });
    });

    describe("versions", () => {
        it("the program and the components package have one version", () => {
            expect(manifest("packages/components/package.json").version).to.equal(
                manifest("package.json").version,
            );
            expect(manifest("package.json").private).to.equal(true);
            expect(manifest("packages/components/package.json").private).to.equal(undefined);
        });

        it("the package accepts the versions the program is tested with, and no older", () => {
            const root = manifest("package.json");
            const pkg = manifest("packages/components/package.json");
            const ranges = { ...pkg.dependencies, ...pkg.peerDependencies };
            expect(Object.keys(ranges)).to.include.members(["@pulumi/pulumi", "@pulumi/aws"]);
            for (const [name, range] of Object.entries(ranges)) {
                expect(range, name).to.equal(`^${root.dependencies[name]}`);
            }
        });
    });

    describe("what the package carries besides compiled code", () => {
        it("the files the components read at run time, and no test or test data", () => {
            const assets = runtimeAssets();
            expect(assets).to.include.members([
                "redcapImage/Dockerfile",
                "redcapImage/rootfs/entrypoint.sh",
                "redcapDatabase/userBootstrap/handler.js",
                "redcapDatabase/userBootstrap/handler.d.ts",
                "redcapDatabase/userBootstrap/sql.js",
                "redcapService/setupRunner/handler.js",
            ]);
            for (const asset of assets) {
                expect(asset).to.not.match(/testdata|container\/|\.test\.|(?<!\.d)\.ts$/);
            }
            expect(fs.existsSync(path.join(PACKAGE_DIR, "README.md"))).to.equal(true);
        });
    });
});
