import { ConfigError, safeText } from "../../stacks";
import type { AnyStackConfig } from "../../stacks/system";
import { readStackConfigOffline } from "./planStack";
import { NoSuchStackError, StackFileError } from "./stackFile";

/**
 * What the commands that plan a stack share (`npm run synth`, `diagram`, `cost`): exit codes
 * (0 done, 2 bad configuration or usage, 1 any other failure) and messages without stack traces.
 */

/**
 * Runs a command's `main` with its arguments and exits with its code. The SDK captures a stack
 * trace for every promise it creates and these commands never print one, so none are captured
 * (about 15% faster planning); SYNTH_DEBUG=1 keeps them.
 */
export function runPlanCommand(tool: string, main: (argv: string[]) => Promise<number>): void {
    if (!process.env.SYNTH_DEBUG) {
        Error.stackTraceLimit = 0;
    }
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (e: unknown) => {
            process.stderr.write(`${tool} failed: ${String(e)}\n`);
            process.exit(1);
        },
    );
}

/**
 * Tells a failure while planning: a configuration error, or a stack file that cannot be read, lists
 * every problem and which file to fix (exit 2); a stack that does not exist says which do (exit
 * 2); anything else only its message (exit 1), with the stack under SYNTH_DEBUG=1.
 */
export function reportPlanFailure(
    tool: string,
    e: unknown,
    stackFile: string,
    nothingDone: string,
): number {
    if (e instanceof ConfigError) {
        process.stderr.write(
            `${e.message}\n\n${nothingDone} Fix ${safeText(stackFile)} and run again.\n`,
        );
        return 2;
    }
    if (e instanceof StackFileError) {
        process.stderr.write(
            `${e.message}\n\n${nothingDone} Fix ${safeText(e.file)} and run again.\n`,
        );
        return 2;
    }
    if (e instanceof NoSuchStackError) {
        process.stderr.write(`${tool} failed: ${safeText(e.message, 2000)}\n`);
        return 2;
    }
    // Even an unexpected failure's message may quote a value: escaped, like every value shown.
    process.stderr.write(
        `${tool} failed: ${safeText(e instanceof Error ? e.message : String(e), 2000)}\n`,
    );
    if (process.env.SYNTH_DEBUG && e instanceof Error) {
        process.stderr.write(`${e.stack}\n`);
    }
    return 1;
}

/**
 * The one stack a command names (`npm run preflight -- <stack>`, `wake`) and its configuration,
 * read offline with `--config-values` when given; or, after saying why, exit code 2 (not exactly
 * one stack name, or a bad configuration).
 */
export function commandStack(
    tool: string,
    parsed: { positionals: string[]; values: { "config-values"?: string | boolean } },
    usage: string,
    nothingDone: string,
    err: (text: string) => void = (text) => void process.stderr.write(text),
): { stack: string; config: AnyStackConfig } | number {
    if (parsed.positionals.length !== 1) {
        err(`expected exactly one stack name\n\n${usage}\n`);
        return 2;
    }
    const stack = parsed.positionals[0];
    const configValues = parsed.values["config-values"];
    try {
        const { config } = readStackConfigOffline(stack, {
            configValues: typeof configValues === "string" ? configValues : undefined,
        });
        return { stack, config };
    } catch (e) {
        return reportPlanFailure(tool, e, `Pulumi.${stack}.yaml`, nothingDone);
    }
}
