import { expect } from "chai";
import * as fs from "node:fs";
import { ruleTypes } from "../lib/policy";
import {
    ALWAYS_ENCRYPTED,
    ENCRYPTION_JUDGED_ELSEWHERE,
    NOT_WORKLOAD_DATA,
} from "../lib/dataTypeCoverage";
import {
    DIMENSIONS,
    type Dimension,
    type Explanation,
    LOGGING,
    PUBLIC_ACCESS,
    TRANSIT,
} from "../lib/exposureCoverage";
import { NOT_APPROVED } from "../policies/taggingAndApprovedServices";
import { policies } from "../registry";
import { AWS_ROOT, awsResourceModules } from "./taggableTypes";
import { DATA_TYPES_FILE, type DataTypes, dataTypes } from "./dataTypes";

const inventory = JSON.parse(fs.readFileSync(DATA_TYPES_FILE, "utf8")) as DataTypes;
const tokens = new Set(awsResourceModules(AWS_ROOT).map((m) => m.token));

/** Types the rules of an area judge, each with the rules. */
function judgedBy(area: string): Map<string, string[]> {
    const judged = new Map<string, string[]>();
    for (const policy of policies.filter((p) => (p.tags ?? []).includes(area))) {
        const types = ruleTypes(policy);
        if (types === "*") continue;
        for (const t of types) judged.set(t, [...(judged.get(t) ?? []), policy.name]);
    }
    return judged;
}

/** Types an encryption-at-rest rule judges, with the rules. */
function judgedAtRest(): Map<string, string[]> {
    const judged = judgedBy("encryption-at-rest");
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
        expect(inventory.stores.length).to.be.above(100);
        expect(inventory.endpoints.length).to.be.above(30);
        for (const known of [
            "aws:s3/bucket:Bucket",
            "aws:sqs/queue:Queue",
            "aws:docdb/cluster:Cluster",
            "aws:rds/cluster:Cluster",
        ]) {
            expect(inventory.stores).to.include(known);
        }
        for (const known of [
            "aws:lb/listener:Listener",
            "aws:rds/instance:Instance",
            "aws:cloudfront/distribution:Distribution",
            "aws:eks/cluster:Cluster",
        ]) {
            expect(inventory.endpoints).to.include(known);
        }
    });

    it("classifies each store exactly once", () => {
        const judged = judgedAtRest();
        const unclassified: string[] = [];
        const twice: string[] = [];
        for (const type of inventory.stores) {
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

describe("policy pack: every rule says which resource types it judges", () => {
    it("declares types for every rule (a stack rule about the account as a whole declares none)", () => {
        const silent = policies.filter((p) => ruleTypes(p) === "*").map((p) => p.name);
        // It judges whatever types its config refuses.
        expect(silent).to.deep.equal(["disallowed-resource-types"]);
        for (const policy of policies) {
            const types = ruleTypes(policy);
            if (types === "*") continue;
            for (const t of types) expect(tokens.has(t), `${policy.name}: ${t}`).to.equal(true);
        }
    });
});

const EXPLAINED: Record<Dimension, Readonly<Record<string, Explanation>>> = {
    transit: TRANSIT,
    public: PUBLIC_ACCESS,
    logging: LOGGING,
};

describe("policy pack: every approved store and endpoint is judged, or explained, in transit, for public access and for logging", () => {
    // What a team may deploy without a review: the inventory less what is refused by default,
    // and less the stores that hold configuration only (they expose nothing of the workload).
    const approved = [...new Set([...inventory.stores, ...inventory.endpoints])]
        .filter((t) => !(t in NOT_APPROVED))
        .filter((t) => !(t in NOT_WORKLOAD_DATA) || inventory.endpoints.includes(t))
        .sort();

    for (const [dimension, area] of Object.entries(DIMENSIONS) as [Dimension, string][]) {
        it(`${dimension}: each approved type is judged by a ${area} rule or explained, not both`, () => {
            const judged = judgedBy(area);
            const explained = EXPLAINED[dimension];
            const neither = approved.filter((t) => !judged.has(t) && !(t in explained));
            const both = approved
                .filter((t) => judged.has(t) && t in explained)
                .map((t) => `${t}: judged by ${judged.get(t)!.join(", ")}`);
            expect(neither, "types to judge, refuse or explain").to.deep.equal([]);
            expect(both, "explained although a rule judges them").to.deep.equal([]);
        });

        it(`${dimension}: explanations name approved types, and companions a ${area} rule judges`, () => {
            const judged = judgedBy(area);
            for (const [type, why] of Object.entries(EXPLAINED[dimension])) {
                expect(approved, `${type} is not an approved store or endpoint`).to.include(type);
                if (typeof why === "string") {
                    expect(why.length, type).to.be.above(20);
                    continue;
                }
                expect(why.why.length, type).to.be.above(20);
                for (const companion of why.via) {
                    expect(tokens.has(companion), companion).to.equal(true);
                    expect(judged.has(companion), `${type} via ${companion}`).to.equal(true);
                }
            }
        });
    }
});
