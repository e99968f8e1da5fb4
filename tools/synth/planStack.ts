import * as path from "node:path";
import {
    type AnyStackConfig,
    ConfigError,
    parseAnyStackConfig,
    type StackConfig,
} from "../../stacks";
import { readConfigValues } from "./configValues";
import { createMocks, type RecordedCall } from "./mocks";
import type { Plan } from "./plan";
import { recordPlan } from "./recorder";
import { readStackFile, type StackFileConfig } from "./stackFile";

/** The project this tool plans: the repository root. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

export interface StackPlan<C extends AnyStackConfig = StackConfig> {
    config: C;
    plan: Plan;
    /** Invokes (data source reads) the program made, with the provider each went through. */
    calls: RecordedCall[];
}

export interface PlanOptions {
    projectDir?: string;
    /** A stack file to read instead of `Pulumi.<stack>.yaml` (a candidate config). */
    stackFile?: string;
    /**
     * Resolved values (`pulumi config --show-secrets --json` or `esc env open`) laid over the stack
     * file's config: how a stack whose values come from Pulumi ESC is planned offline.
     */
    configValues?: string;
}

/**
 * Plans one stack offline: reads its stack file, validates the configuration (throwing a
 * ConfigError that lists every problem before anything runs), then runs the real program
 * (`index.ts`) under the shared mocks and records what it would register. `npm run synth` and the
 * whole-program tests both come through here.
 */
export async function planAnyStack(
    stack: string,
    options: PlanOptions = {},
): Promise<StackPlan<AnyStackConfig>> {
    const projectDir = options.projectDir ?? PROJECT_DIR;
    const { file, config } = readStackConfigOffline(stack, options);
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

/**
 * The stack's flat config (stack file, then the values file over it) and its validated
 * configuration, as planAnyStack reads them before running the program.
 */
export function readStackConfigOffline(
    stack: string,
    options: PlanOptions = {},
): { file: StackFileConfig & { hiddenKeys: string[] }; config: AnyStackConfig } {
    const projectDir = options.projectDir ?? PROJECT_DIR;
    const file = withConfigValues(readStackFile(projectDir, stack, options.stackFile), options);
    return { file, config: parseWithEnvironmentHint(file, options, projectDir) };
}

/** The stack file's config with the values file's laid over it (secret marks follow each value). */
function withConfigValues(
    file: StackFileConfig,
    options: PlanOptions,
): StackFileConfig & { hiddenKeys: string[] } {
    if (!options.configValues) {
        return { ...file, hiddenKeys: [] };
    }
    const values = readConfigValues(options.configValues, file.project);
    const secret = new Set(file.secretKeys);
    for (const key of Object.keys(values.config)) {
        secret.delete(key);
    }
    values.secretKeys.forEach((k) => secret.add(k));
    return {
        ...file,
        config: { ...file.config, ...values.config },
        secretKeys: [...secret].sort(),
        hiddenKeys: values.hiddenKeys,
    };
}

/**
 * Validates the configuration; when the stack imports ESC environments and no values were given,
 * the problems (usually missing keys) end with how to supply them.
 */
function parseWithEnvironmentHint(
    file: StackFileConfig & { hiddenKeys: string[] },
    options: PlanOptions,
    projectDir: string,
): AnyStackConfig {
    try {
        return parseAnyStackConfig(file.config, {
            stack: file.stack,
            project: file.project,
            secretKeys: new Set(file.secretKeys),
            hiddenKeys: new Set(file.hiddenKeys),
            projectDir,
        });
    } catch (e) {
        if (!(e instanceof ConfigError) || file.environments.length === 0 || options.configValues) {
            throw e;
        }
        throw new ConfigError(e.stack, [
            ...e.problems,
            {
                key: "environment",
                message:
                    `environment: ${file.environments.join(", ")} (Pulumi ESC) cannot be opened offline, so ` +
                    `the values it provides are missing here; expected them from --config-values <file>, ` +
                    `the output of \`pulumi config --show-secrets --json\` or \`esc env open <env>\``,
            },
        ]);
    }
}

/** planAnyStack for a REDCap stack; throws when the stack is another system's. */
export async function planStack(stack: string, options: PlanOptions = {}): Promise<StackPlan> {
    const planned = await planAnyStack(stack, options);
    if (planned.config.system !== "redcap") {
        throw new Error(`stack ${stack} is an ${planned.config.system} stack, not a REDCap one`);
    }
    return { ...planned, config: planned.config };
}
