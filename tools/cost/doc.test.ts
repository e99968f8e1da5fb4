import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { planForStack } from "../../test/harness";
import type { Plan } from "../synth/plan";
import { PROJECT_DIR } from "../synth/planStack";
import { COST_DOC, parseArgs, projectStacks, updateDoc, USAGE } from "./doc";
import { estimateCost, PRICED_TYPES, unpricedTypes } from "./model";
import {
    normalize,
    readBlock,
    renderAssumptions,
    renderPrices,
    renderStack,
    REGENERATE,
} from "./render";

const STACKS = ["dev", "prod"];

describe("cost CLI arguments", () => {
    it("takes stack names or --all, with --write and --json", () => {
        expect(parseArgs(["prod"])).to.deep.equal({
            stacks: ["prod"],
            all: false,
            write: false,
            json: false,
        });
        expect(parseArgs(["--all", "--write"])).to.deep.equal({
            stacks: [],
            all: true,
            write: true,
            json: false,
        });
        expect(parseArgs(["dev", "prod", "--json"])).to.deep.include({
            stacks: ["dev", "prod"],
            json: true,
        });
    });

    it("refuses no stack, both stacks and --all, and unknown options", () => {
        expect(parseArgs([])).to.match(/name the stacks or give --all/);
        expect(parseArgs(["dev", "--all"])).to.match(/not both/);
        expect(parseArgs(["dev", "--wirte"])).to.match(/unknown option --wirte/);
        expect(parseArgs(["--help"])).to.equal(USAGE);
    });

    it("finds the project's stacks from their stack files", () => {
        expect(projectStacks(PROJECT_DIR)).to.include.members(STACKS);
    });
});

describe("cost estimate of the real stacks", () => {
    const doc = fs.readFileSync(path.join(PROJECT_DIR, COST_DOC), "utf8");

    for (const stack of STACKS) {
        it(`${stack}: the tables in ${COST_DOC} are current`, async () => {
            const { plan, config } = await planForStack(stack);
            const expected = renderStack(estimateCost(plan, config));
            const committed = readBlock(doc, stack);
            expect(committed, `${COST_DOC} lacks the cost:${stack} markers`).to.be.a("string");
            expect(
                normalize(committed ?? ""),
                `${COST_DOC} is stale for ${stack}: run \`${REGENERATE}\``,
            ).to.equal(normalize(expected));
        });

        it(`${stack}: every resource type is priced or listed as free of charge`, async () => {
            const { plan } = await planForStack(stack);
            expect(
                unpricedTypes(plan),
                "add these types to a pricer in tools/cost/pricers/, or to NO_CHARGE_TYPES (tools/cost/noChargeTypes.ts) with the reason",
            ).to.deep.equal([]);
        });

        it(`${stack}: priced without warnings, each line's low cost at most its typical one`, async () => {
            const { plan, config } = await planForStack(stack);
            const e = estimateCost(plan, config);
            expect(e.warnings).to.deep.equal([]);
            expect(e.items.length).to.be.greaterThan(10);
            for (const item of e.items) {
                expect(item.low, item.driver).to.be.at.most(item.monthly + 1e-9);
                expect(item.monthly, item.driver).to.be.at.least(0);
            }
        });

        it(`${stack}: adding another resource of any priced type never lowers the total`, async () => {
            const { plan, config } = await planForStack(stack);
            const base = estimateCost(plan, config).total;
            const types = [...new Set(plan.resources.map((r) => r.type))].filter((t) =>
                PRICED_TYPES.has(t),
            );
            expect(types.length).to.be.greaterThan(10);
            for (const type of types) {
                const original = plan.resources.find((r) => r.type === type)!;
                const copy = {
                    ...original,
                    urn: `${original.urn}-copy`,
                    name: `${original.name}-copy`,
                };
                const grown: Plan = { ...plan, resources: [...plan.resources, copy] };
                const total = estimateCost(grown, config).total;
                expect(total.monthly, `another ${type}`).to.be.at.least(base.monthly - 1e-9);
                expect(total.low, `another ${type}`).to.be.at.least(base.low - 1e-9);
            }
        });
    }

    it("the assumptions and prices tables are current", () => {
        expect(normalize(readBlock(doc, "assumptions") ?? ""), `run \`${REGENERATE}\``).to.equal(
            normalize(renderAssumptions()),
        );
        expect(normalize(readBlock(doc, "prices") ?? ""), `run \`${REGENERATE}\``).to.equal(
            normalize(renderPrices()),
        );
    });

    it("regenerating the committed doc changes nothing", async () => {
        const estimates = await Promise.all(
            STACKS.map(async (s) => {
                const { plan, config } = await planForStack(s);
                return estimateCost(plan, config);
            }),
        );
        expect(normalize(updateDoc(doc, estimates))).to.equal(normalize(doc));
    });
});
