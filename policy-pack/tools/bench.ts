import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { policies } from "../registry";
import { evaluatePolicies } from "../evaluate/evaluate";
import { planProblems } from "../evaluate/planShape";
import type { PlanResource } from "../evaluate/validationArgs";
import { replicatePlan } from "./scalePlan";

/**
 * How the pack's cost grows with the stack: evaluates a plan (the prod plan, from
 * `npm run synth -- prod --json <file>`) and copies of it at about 3,000 and 30,000 resources, and
 * prints milliseconds per resource for each. A benchmark, not a test: run it on a quiet machine.
 *
 *     npm run policy:bench                  (plans prod, then measures)
 *     node -r ./tools/register-ts.js policy-pack/tools/bench.ts <plan.json> [sizes...]
 */
function measure(run: () => void, repeats: number): number {
    run(); // warm up: the first run compiles the policies' code paths
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
        const start = performance.now();
        run();
        times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

function main(argv: string[]): number {
    const [file, ...sizeArgs] = argv;
    if (!file) {
        process.stderr.write("usage: bench.ts <plan.json> [target sizes, default 3000 30000]\n");
        return 2;
    }
    const plan = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    const problems = planProblems(plan, file);
    if (problems.length > 0) {
        process.stderr.write(`${problems.join("\n")}\n`);
        return 2;
    }
    const base = (plan as { resources: PlanResource[] }).resources;
    const sizes = sizeArgs.length > 0 ? sizeArgs.map(Number) : [3000, 30000];
    const rows: { resources: number; ms: number; wholeRunMs: number }[] = [];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-bench-"));
    const cli = path.join(__dirname, "..", "evaluate", "cli.ts");
    const register = path.join(__dirname, "..", "..", "tools", "register-ts.js");
    try {
        for (const copies of [1, ...sizes.map((s) => Math.max(1, Math.round(s / base.length)))]) {
            const resources = replicatePlan(base, copies);
            const ms = measure(
                () => void evaluatePolicies(policies, resources),
                copies > 20 ? 3 : 5,
            );
            // The whole `npm run policy:check` run: start Node, load the pack, read, evaluate.
            const file = path.join(dir, `plan-${resources.length}.json`);
            fs.writeFileSync(file, JSON.stringify({ resources }));
            const start = performance.now();
            const run = spawnSync(process.execPath, ["-r", register, cli, file, "--json"], {
                stdio: ["ignore", "ignore", "pipe"],
            });
            const wholeRunMs = performance.now() - start;
            if (run.status === 2) throw new Error(`policy:check failed: ${String(run.stderr)}`);
            rows.push({ resources: resources.length, ms, wholeRunMs });
            process.stdout.write(
                `${String(resources.length).padStart(6)} resources: evaluation ${ms.toFixed(0).padStart(5)} ms (${((1000 * ms) / resources.length).toFixed(1)} µs per resource); whole policy:check run ${wholeRunMs.toFixed(0).padStart(5)} ms\n`,
            );
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    if (rows.length >= 3) {
        const [, small, large] = rows;
        const growth = large.ms / small.ms / (large.resources / small.resources);
        process.stdout.write(
            `evaluation cost per resource at ${large.resources} is ${growth.toFixed(2)}x that at ${small.resources} (1.00 is linear); the whole run costs ${(large.wholeRunMs / small.wholeRunMs).toFixed(1)}x\n`,
        );
    }
    return 0;
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
