import { expect } from "chai";
import * as fs from "node:fs";
import { ruleTypes } from "../lib/policy";
import {
    ALWAYS_ENCRYPTED,
    ENCRYPTION_JUDGED_ELSEWHERE,
    NOT_WORKLOAD_DATA,
} from "../lib/dataTypeCoverage";
import { NOT_APPROVED } from "../policies/taggingAndApprovedServices";
import { policies } from "../registry";
import { AWS_ROOT, awsResourceModules } from "./taggableTypes";
import { DATA_TYPES_FILE, dataTypes } from "./dataTypes";

const inventory = JSON.parse(fs.readFileSync(DATA_TYPES_FILE, "utf8")) as {
    version: string;
    types: string[];
};

/** Types an encryption-at-rest rule judges, with the rules. */
function judgedAtRest(): Map<string, string[]> {
    const judged = new Map<string, string[]>();
    for (const policy of policies.filter((p) => (p.tags ?? []).includes("encryption-at-rest"))) {
        const types = ruleTypes(policy);
        if (types === "*") continue;
        for (const t of types) judged.set(t, [...(judged.get(t) ?? []), policy.name]);
    }
    for (const [type, rule] of Object.entries(ENCRYPTION_JUDGED_ELSEWHERE)) {
        const policy = policies.find((p) => p.name === rule);
        expect(policy, rule).to.not.equal(undefined);
        expect(ruleTypes(policy!), rule).to.include(type);
        judged.set(type, [...(judged.get(type) ?? []), rule]);
    }
    return judged;
}

describe("policy pack: every data-capable AWS type is judged for encryption at rest, or refused, or says why not", () => {
    it("has the inventory of the program's pinned @pulumi/aws (regenerate: node -r ../tools/register-ts.js tools/dataTypes.ts --write)", () => {
        expect(inventory).to.deep.equal(dataTypes(AWS_ROOT));
        expect(inventory.types.length).to.be.above(100);
        for (const known of [
            "aws:s3/bucket:Bucket",
            "aws:sqs/queue:Queue",
            "aws:docdb/cluster:Cluster",
            "aws:rds/cluster:Cluster",
        ]) {
            expect(inventory.types).to.include(known);
        }
    });

    it("classifies each inventoried type exactly once", () => {
        const judged = judgedAtRest();
        const unclassified: string[] = [];
        const twice: string[] = [];
        for (const type of inventory.types) {
            const places = [
                judged.has(type) ? `judged by ${judged.get(type)!.join(", ")}` : "",
                type in NOT_APPROVED ? "refused by default" : "",
                type in ALWAYS_ENCRYPTED ? "always encrypted" : "",
                type in NOT_WORKLOAD_DATA ? "not workload data" : "",
            ].filter(Boolean);
            if (places.length === 0) unclassified.push(type);
            // A refused type may still have its rule (for teams that allow it); nothing else doubles.
            const doubled = places.filter(
                (p) => !p.startsWith("judged") && p !== "refused by default",
            );
            if (doubled.length > 1 || (doubled.length === 1 && places.length > 1)) {
                twice.push(`${type}: ${places.join("; ")}`);
            }
        }
        expect(unclassified, "types to judge, refuse or explain").to.deep.equal([]);
        expect(twice).to.deep.equal([]);
    });

    it("names only types that exist, each with a reason", () => {
        const tokens = new Set(awsResourceModules(AWS_ROOT).map((m) => m.token));
        for (const table of [NOT_APPROVED, ALWAYS_ENCRYPTED, NOT_WORKLOAD_DATA]) {
            for (const [type, reason] of Object.entries(table)) {
                expect(tokens.has(type), type).to.equal(true);
                expect(reason.length, type).to.be.above(8);
            }
        }
        for (const [type] of judgedAtRest()) {
            expect(tokens.has(type), type).to.equal(true);
        }
    });
});
