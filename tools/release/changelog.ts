import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Reads CHANGELOG.md (Keep a Changelog): the release workflow takes a version's section as the
 * GitHub release's notes, and refuses a tag whose version has no section or no upgrade notes.
 */

const USAGE = `usage: node -r ./tools/register-ts.js tools/release/changelog.ts <version> [<changelog>]

  print the section of CHANGELOG.md for <version> (the lines under "## [<version>]"); exit 1 when
  there is none, or it has no "### Upgrade notes"`;

export class ChangelogError extends Error {}

/** The body of `## [<version>] - <date>` up to the next release heading or link definitions. */
export function releaseNotes(changelog: string, version: string): string {
    const lines = changelog.split("\n");
    const heading = new RegExp(`^## \\[${version.replace(/[.+]/g, "\\$&")}\\](\\s|$)`);
    const start = lines.findIndex((l) => heading.test(l));
    if (start < 0) {
        throw new ChangelogError(
            `CHANGELOG.md has no section "## [${version}] - <date>": move the Unreleased entries under it`,
        );
    }
    const rest = lines.slice(start + 1);
    const end = rest.findIndex((l) => /^## /.test(l) || /^\[[^\]]+\]: /.test(l));
    const body = (end < 0 ? rest : rest.slice(0, end)).join("\n").trim();
    if (!/^### Upgrade notes$/m.test(body)) {
        throw new ChangelogError(
            `CHANGELOG.md's section for ${version} has no "### Upgrade notes" (write "None." if there are none)`,
        );
    }
    return body + "\n";
}

function main(argv: string[]): number {
    if (argv.length < 1 || argv.length > 2) {
        console.error(USAGE);
        return 2;
    }
    const file = argv[1] ?? path.resolve(__dirname, "..", "..", "CHANGELOG.md");
    try {
        process.stdout.write(releaseNotes(fs.readFileSync(file, "utf8"), argv[0]));
        return 0;
    } catch (e) {
        if (e instanceof ChangelogError) {
            console.error(e.message);
            return 1;
        }
        throw e;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
