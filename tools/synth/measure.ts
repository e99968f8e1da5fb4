/**
 * Measures the offline plan against its budget: `npm run synth -- <stack>` must take at most
 * twice as long as `node -e "require('@pulumi/aws')"` (loading the SDK is the floor). Runs the two
 * commands alternately so machine noise hits both alike, and reports medians.
 *
 *   npm run measure:synth -- [stack] [runs]
 */
import { spawnSync } from "node:child_process";
import { PROJECT_DIR } from "./planStack";

const stack = process.argv[2] ?? "prod";
const runs = Number(process.argv[3] ?? 9);

function seconds(command: string, args: string[]): number {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: PROJECT_DIR, stdio: "ignore" });
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} exited ${result.status}`);
    }
    return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const floor: number[] = [];
const synth: number[] = [];
seconds("npm", ["run", "-s", "synth", "--", stack]); // warm the file cache once
for (let i = 0; i < runs; i++) {
    floor.push(seconds(process.execPath, ["-e", "require('@pulumi/aws')"]));
    synth.push(seconds("npm", ["run", "-s", "synth", "--", stack]));
}
const ratio = median(synth) / median(floor);
console.log(
    `node -e "require('@pulumi/aws')"  median ${median(floor).toFixed(2)} s over ${runs} runs`,
);
console.log(
    `npm run synth -- ${stack}${" ".repeat(Math.max(0, 14 - stack.length))}median ${median(synth).toFixed(2)} s over ${runs} runs`,
);
console.log(
    `ratio ${ratio.toFixed(2)} (budget 2.00): ${ratio <= 2 ? "within budget" : "OVER BUDGET"}`,
);
process.exit(ratio <= 2 ? 0 : 1);
