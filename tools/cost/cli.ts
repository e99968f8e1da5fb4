import "../synth/fastStart"; // must stay first: it defers SDK modules the plan never uses
import * as fs from "node:fs";
import * as path from "node:path";
import { reportPlanFailure, runPlanCommand } from "../synth/command";
import { PROJECT_DIR, planAnyStack } from "../synth/planStack";
import { COST_DOC, parseArgs, projectStacks, updateDoc } from "./doc";
import { estimateCost, type CostEstimate } from "./model";
import { renderStack } from "./render";

async function main(argv: string[]): Promise<number> {
    const args = parseArgs(argv);
    if (typeof args === "string") {
        process.stderr.write(`${args}\n`);
        return args.startsWith("usage:") ? 0 : 2;
    }
    const stacks = args.all ? projectStacks(PROJECT_DIR) : args.stacks;
    const estimates: CostEstimate[] = [];
    for (const stack of stacks) {
        try {
            const { plan, config } = await planAnyStack(stack);
            estimates.push(estimateCost(plan, config));
        } catch (e) {
            return reportPlanFailure("cost", e, `Pulumi.${stack}.yaml`, "Nothing was estimated.");
        }
    }
    if (args.json) {
        process.stdout.write(`${JSON.stringify(estimates, null, 2)}\n`);
    } else {
        process.stdout.write(`${estimates.map(renderStack).join("\n\n")}\n`);
    }
    if (args.write) {
        const file = path.join(PROJECT_DIR, COST_DOC);
        fs.writeFileSync(file, updateDoc(fs.readFileSync(file, "utf8"), estimates));
        process.stderr.write(
            `updated ${estimates.map((e) => e.stack).join(", ")} in ${COST_DOC}\n`,
        );
    }
    return 0;
}

runPlanCommand("cost", main);
