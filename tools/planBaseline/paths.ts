import * as path from "node:path";

/** Where the reviewed plan baselines live, one file per stack. */
export const BASELINE_DIR = path.join(__dirname, "..", "..", "test", "plans");

export function baselinePath(stack: string): string {
    return path.join(BASELINE_DIR, `${stack}.json`);
}
