import { expect } from "chai";
import { ASSUMPTION_LABELS, ASSUMPTIONS } from "./assumptions";
import { estimateCost } from "./model";
import { PRICES } from "./prices";
import {
    normalize,
    quantity,
    readBlock,
    renderAssumptions,
    renderPrices,
    renderStack,
    replaceBlock,
    topDrivers,
    unitPrice,
    usd,
} from "./render";
import { planOf, res, testConfig } from "./testPlans";

describe("cost rendering", () => {
    it("formats dollars, unit prices and quantities for reading", () => {
        expect(usd(1234.567)).to.equal("$1,234.57");
        expect(usd(0)).to.equal("$0.00");
        expect(usd(0.001)).to.equal("<$0.01");
        expect(unitPrice(5)).to.equal("$5.00");
        expect(unitPrice(0.004445)).to.equal("$0.004445");
        expect(unitPrice(0.049370000000000004)).to.equal("$0.04937");
        expect(quantity(17520)).to.equal("17,520");
        expect(quantity(182.5)).to.equal("182.5");
        expect(quantity(260.714)).to.equal("260.71");
        expect(quantity(0.005)).to.equal("0.005");
    });

    it("renders a stack: headline, services with the total, every line item", () => {
        const e = estimateCost(
            planOf(res("aws:ec2/natGateway:NatGateway", "a"), res("aws:kms/key:Key", "k")),
            testConfig(),
        );
        const text = renderStack(e);
        expect(text).to.contain(`**test: about $${Math.round(e.total.monthly)} a month**`);
        expect(text).to.contain(
            `| **Total** | **${usd(e.total.low)}** | **${usd(e.total.monthly)}** |`,
        );
        for (const item of e.items) {
            expect(text).to.contain(`| ${item.service} | ${item.driver} |`);
        }
        expect(topDrivers(e, 1)[0].driver).to.match(/^NAT gateways/);
        expect(text).not.to.contain("Not priced");
    });

    it("lists what it could not price under the tables", () => {
        const e = estimateCost(
            planOf(res("aws:sagemaker/endpoint:Endpoint", "e")),
            testConfig("eu-west-1"),
        );
        const text = renderStack(e);
        expect(text).to.contain("- resource type `aws:sagemaker/endpoint:Endpoint`");
        expect(text).to.contain("- the stack is in eu-west-1");
    });

    it("renders every assumption in both scenarios and every price with its source", () => {
        const assumptions = renderAssumptions();
        for (const [key, label] of Object.entries(ASSUMPTION_LABELS)) {
            const k = key as keyof typeof ASSUMPTION_LABELS;
            expect(assumptions).to.contain(
                `| ${label} | ${quantity(ASSUMPTIONS.low[k])} | ${quantity(ASSUMPTIONS.typical[k])} |`,
            );
        }
        const prices = renderPrices();
        for (const [key, price] of Object.entries(PRICES)) {
            expect(prices).to.contain(
                `| \`${key}\` | ${unitPrice(price.usd)} | ${price.per} | ${price.source} |`,
            );
        }
    });

    it("replaces a block between its markers and reads it back", () => {
        const doc = "intro\n<!-- cost:dev:begin (old) -->\nold\n<!-- cost:dev:end -->\nrest\n";
        const out = replaceBlock(doc, "dev", "new table");
        expect(readBlock(out, "dev")).to.equal("new table");
        expect(out.startsWith("intro\n")).to.equal(true);
        expect(out.endsWith("<!-- cost:dev:end -->\nrest\n")).to.equal(true);
        expect(readBlock(doc, "prod")).to.equal(undefined);
        expect(() => replaceBlock(doc, "prod", "x")).to.throw(/cost:prod:begin/);
    });

    it("compares tables by their cells, whatever a formatter did to the padding", () => {
        const compact = "| A | B |\n|---|---:|\n| x | $1.00 |";
        const padded = "| A   |     B |\n| --- | ----: |\n| x   | $1.00 |";
        expect(normalize(padded)).to.equal(normalize(compact));
        expect(normalize("| A | B |\n| x | $2.00 |")).not.to.equal(
            normalize("| A | B |\n| x | $1.00 |"),
        );
    });
});
