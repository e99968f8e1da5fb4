import * as path from "node:path";
import { parseStackConfig, type StackConfig } from "../../stacks";
import { createMocks } from "./mocks";
import type { Plan } from "./plan";
import { recordPlan } from "./recorder";
import { readStackFile } from "./stackFile";

/** The project this tool plans: the repository root. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

export interface StackPlan {
    config: StackConfig;
    plan: Plan;
}

/**
 * Plans one stack offline: reads its stack file, validates the configuration (throwing a
 * ConfigError that lists every problem before anything runs), then runs the real program
 * (`index.ts`) under the shared mocks and records what it would register. `npm run synth` and the
 * whole-program tests both come through here.
 */
export async function planStack(stack: string, projectDir: string = PROJECT_DIR): Promise<StackPlan> {
    const file = readStackFile(projectDir, stack);
    const config = parseStackConfig(file.config, {
        stack: file.stack,
        project: file.project,
        secretKeys: new Set(file.secretKeys),
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require(path.join(projectDir, "index.ts")) as () => Promise<Record<string, unknown>>;
    const plan = await recordPlan(program, {
        project: file.project,
        stack: file.stack,
        config: file.config,
        secretKeys: file.secretKeys,
        mocks: createMocks({ region: config.region, accountId: config.accountId }),
    });
    return { config, plan };
}
