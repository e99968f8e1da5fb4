import * as path from "node:path";
import { expect } from "chai";
import { readStackFile } from "../tools/synth/stackFile";
import { ConfigError } from "./problems";
import { parseAnyStackConfig } from "./system";

/**
 * Every key and every sub-key of every stack file, set to values of every wrong shape: the
 * configuration either accepts the value or refuses it with a ConfigError whose messages name the
 * key and show the value safely. Never another error (a TypeError from a value of an unexpected
 * shape would reach the user as a program failure), never a raw control character.
 */

const PROJECT_DIR = path.resolve(__dirname, "..");
const STACKS = ["dev", "prod", "rstudio-dev", "rstudio-prod"];

const ESC = "\u001b[31m";
/** Values of every JSON shape, including ones that look like attacks on the terminal. */
const WRONG: unknown[] = [
    0,
    -1,
    1.5,
    1e21,
    true,
    null,
    "",
    " ",
    `red${ESC}`,
    "\u202e",
    "x".repeat(3000),
    [],
    [null],
    [`${ESC}`],
    {},
    { [ESC]: 1 },
    { __proto__: { polluted: true } },
];

/**
 * Every place inside a structured value where a wrong value can go, with the value rebuilt around
 * it: each key of each mapping (and a misspelled one), the first item of each list, as deep as the
 * stack file goes.
 */
function* places(
    value: unknown,
    at: string,
    rebuild: (inner: unknown) => unknown,
): Generator<[string, (inner: unknown) => unknown]> {
    if (Array.isArray(value) && value.length > 0) {
        const item = (inner: unknown) => rebuild([inner, ...value.slice(1)]);
        yield [`${at}[0]`, item];
        yield* places(value[0], `${at}[0]`, item);
    } else if (value && typeof value === "object") {
        for (const sub of [...Object.keys(value), "misspelt"]) {
            const put = (inner: unknown) => rebuild({ ...value, [sub]: inner });
            yield [`${at}.${sub}`, put];
            yield* places((value as Record<string, unknown>)[sub], `${at}.${sub}`, put);
        }
    }
}

function outcome(flat: Record<string, string>, stack: string, project: string): string[] | "ok" {
    try {
        parseAnyStackConfig(flat, {
            stack,
            project,
            secretKeys: new Set(),
            projectDir: PROJECT_DIR,
        });
        return "ok";
    } catch (e) {
        if (!(e instanceof ConfigError)) {
            throw new Error(`not a ConfigError: ${String(e)}`);
        }
        return e.problems.map((p) => p.message);
    }
}

describe("stack configuration: every key and sub-key, every wrong shape of value", () => {
    for (const stack of STACKS) {
        it(`${stack}: accepts a value or refuses it naming the key, never a crash or a raw control character`, () => {
            const file = readStackFile(PROJECT_DIR, stack);
            let refusals = 0;
            const check = (key: string, label: string, value: unknown) => {
                // As the language host passes config: strings as they are, the rest as JSON.
                const flat = {
                    ...file.config,
                    [key]: typeof value === "string" ? value : JSON.stringify(value),
                };
                let result: string[] | "ok";
                try {
                    result = outcome(flat, file.stack, file.project);
                } catch (e) {
                    throw new Error(
                        `${label} = ${JSON.stringify(value)?.slice(0, 60)}: ${String(e)}`,
                    );
                }
                if (result === "ok") return;
                refusals++;
                const text = result.join("\n");
                expect(text, label).not.to.match(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
                expect(
                    result.some((m) => m.startsWith(key)),
                    `${label}: ${text.slice(0, 300)}`,
                ).to.equal(true);
                for (const m of result) expect(m.length, label).to.be.below(2500);
            };
            for (const [key, raw] of Object.entries(file.config)) {
                if (key.startsWith("pulumi:")) continue;
                const value: unknown = (() => {
                    try {
                        return JSON.parse(raw);
                    } catch {
                        return raw;
                    }
                })();
                for (const wrong of WRONG) check(key, key, wrong);
                for (const [label, put] of places(value, key, (inner) => inner)) {
                    for (const wrong of WRONG) check(key, label, put(wrong));
                }
            }
            // Most of these values are wrong for most keys: the check has teeth.
            expect(refusals).to.be.greaterThan(300);
        });
    }
});
