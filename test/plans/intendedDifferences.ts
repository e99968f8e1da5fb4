/**
 * The differences from the reviewed plan baselines (test/plans/<stack>.json) that a change
 * intends, each with why it is safe: no deployed resource may be replaced or lost by accident. A
 * `removed` URN is a delete (or a replace without an alias): list it only with a reason a reviewer
 * can check. After review, `npm run plan:baseline -- --write` records the plans as the new
 * baselines and this list is emptied.
 */
export interface IntendedDifference {
    stack: string;
    urn: string;
    kind: "added" | "removed" | "moved" | "inputs" | "options";
    /** For inputs and options: exactly the top-level keys that change; for moved: the old URN. */
    keys?: string[];
    why: string;
}

export const INTENDED_DIFFERENCES: IntendedDifference[] = [];
