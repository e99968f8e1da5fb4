import * as path from "node:path";
import { type AnyStackConfig, parseAnyStackConfig, type StackConfig } from "../../stacks";
import { createMocks, type RecordedCall } from "./mocks";
import type { Plan } from "./plan";
import { recordPlan } from "./recorder";
import { readStackFile } from "./stackFile";

/** The project this tool plans: the repository root. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

export interface StackPlan<C extends AnyStackConfig = StackConfig> {
    config: C;
    plan: Plan;
    /** Invokes (data source reads) the program made, with the provider each went through. */
    calls: RecordedCall[];
}

/**
 * Plans one stack offline: reads its stack file, validates the configuration (throwing a
 * ConfigError that lists every problem before anything runs), then runs the real program
 * (`index.ts`) under the shared mocks and records what it would register. `npm run synth` and the
 * whole-program tests both come through here.
 */
export async function planAnyStack(
    stack: string,
    options: { projectDir?: string; stackFile?: string } = {},
): Promise<StackPlan<AnyStackConfig>> {
    const projectDir = options.projectDir ?? PROJECT_DIR;
    const file = readStackFile(projectDir, stack, options.stackFile);
    const config = parseAnyStackConfig(file.config, {
        stack: file.stack,
        project: file.project,
        secretKeys: new Set(file.secretKeys),
        projectDir,
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require(path.join(projectDir, "index.ts")) as () => Promise<
        Record<string, unknown>
    >;
    const mocks = createMocks({ region: config.region, accountId: config.accountId });
    const plan = await recordPlan(program, {
        project: file.project,
        stack: file.stack,
        config: file.config,
        secretKeys: file.secretKeys,
        mocks,
    });
    return { config, plan, calls: mocks.calls };
}

/** planAnyStack for a REDCap stack; throws when the stack is another system's. */
export async function planStack(
    stack: string,
    options: { projectDir?: string; stackFile?: string } = {},
): Promise<StackPlan> {
    const planned = await planAnyStack(stack, options);
    if (planned.config.system !== "redcap") {
        throw new Error(`stack ${stack} is an ${planned.config.system} stack, not a REDCap one`);
    }
    return { ...planned, config: planned.config };
}
