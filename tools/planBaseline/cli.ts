import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR, planStack } from "../synth/planStack";
import { type BaselineResource, baselineOf, comparePlans, describeDifference } from "./baseline";
import { baselinePath } from "./paths";

/**
 * `npm run plan:baseline -- [--write] [stack...]`: compares each stack's offline plan with its
 * reviewed baseline (test/plans/<stack>.json) resource by resource and prints every difference;
 * `--write` records the current plan as the new baseline, after the differences were reviewed.
 * Default stacks: dev and prod.
 */

async function main(argv: string[]): Promise<number> {
    const write = argv.includes("--write");
    const stacks = argv.filter((a) => !a.startsWith("--"));
    let differ = false;
    for (const stack of stacks.length ? stacks : ["dev", "prod"]) {
        const current = baselineOf((await planStack(stack)).plan, PROJECT_DIR);
        const file = baselinePath(stack);
        if (write) {
            fs.writeFileSync(file, JSON.stringify(current, null, 1) + "\n");
            console.log(
                `${stack}: wrote ${path.relative(process.cwd(), file)} (${current.length} resources)`,
            );
            continue;
        }
        const baseline = JSON.parse(fs.readFileSync(file, "utf8")) as BaselineResource[];
        const differences = comparePlans(baseline, current);
        differ ||= differences.length > 0;
        console.log(`${stack}: ${differences.length} difference(s) from the baseline`);
        for (const d of differences) {
            console.log(`  ${describeDifference(d)}`);
        }
    }
    return differ ? 1 : 0;
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(2);
    },
);
