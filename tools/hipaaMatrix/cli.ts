/**
 * `npm run docs:hipaa-matrix` writes docs/hipaa-matrix.md from the components' safeguards, the
 * policy pack's citations and the safeguard catalogue; `--check` exits 1 when the file is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildMatrix, renderMatrix } from "./matrix";
import { loadComponents, loadPolicies, MATRIX_FILE } from "./sources";

function main(argv: string[]): number {
    const unknown = argv.filter((a) => a !== "--check");
    if (unknown.length > 0) {
        console.error(
            `usage: npm run docs:hipaa-matrix [-- --check] (unknown: ${unknown.join(" ")})`,
        );
        return 2;
    }
    const text = renderMatrix(buildMatrix(loadComponents(), loadPolicies()));
    const relative = path.relative(process.cwd(), MATRIX_FILE);
    if (argv.includes("--check")) {
        const current = fs.existsSync(MATRIX_FILE) ? fs.readFileSync(MATRIX_FILE, "utf8") : "";
        if (current !== text) {
            console.error(`${relative} is stale: run npm run docs:hipaa-matrix`);
            return 1;
        }
        console.log(`${relative} is current`);
        return 0;
    }
    fs.mkdirSync(path.dirname(MATRIX_FILE), { recursive: true });
    fs.writeFileSync(MATRIX_FILE, text);
    console.log(`wrote ${relative}`);
    return 0;
}

process.exitCode = main(process.argv.slice(2));
