import { parseArgs } from "node:util";

/** An option of a command: a flag, or one taking a value (`optionalValue` when it may be left off). */
export type OptionSpec = Record<
    string,
    | { type: "boolean" }
    | {
          type: "string";
          /** Used when the option is given without a value. */ optionalValue?: string;
      }
>;

type Values<S extends OptionSpec> = {
    [K in keyof S]?: S[K]["type"] extends "boolean" ? boolean : string;
};

/**
 * A command line parsed by Node's `util.parseArgs` (strict: an unknown option or a missing value
 * is an error), or the text the command prints instead: its usage for `-h`/`--help` (exit 0), or
 * a usage error followed by the usage (exit 2). Shared by the repository's CLIs, so they word
 * their errors alike.
 */
export function parseCommandLine<S extends OptionSpec>(
    argv: readonly string[],
    spec: S,
    usage: string,
): { values: Values<S>; positionals: string[] } | string {
    // util.parseArgs has no optional values: give such an option its default when the next word
    // is another option or the end of the line.
    const args: string[] = [];
    argv.forEach((arg, i) => {
        args.push(arg);
        const option = arg.startsWith("--") ? spec[arg.slice(2)] : undefined;
        const next = argv[i + 1];
        if (option?.type === "string" && option.optionalValue !== undefined) {
            if (next === undefined || next.startsWith("--")) args.push(option.optionalValue);
        }
    });
    const options = Object.fromEntries(
        Object.entries(spec).map(([name, { type }]) => [name, { type }]),
    );
    try {
        const { values, positionals } = parseArgs({
            args,
            options: { ...options, help: { type: "boolean", short: "h" } },
            allowPositionals: true,
            strict: true,
        });
        if (values.help) return usage;
        delete (values as Record<string, unknown>).help;
        return { values: values as Values<S>, positionals };
    } catch (e) {
        const error = e as { code?: string; message: string };
        const name = /'(-[^' ]+)/.exec(error.message)?.[1] ?? "";
        if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
            return `unknown option ${name}\n\n${usage}`;
        }
        if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
            return `${name.split(" ")[0]} needs a value\n\n${usage}`;
        }
        throw e;
    }
}
