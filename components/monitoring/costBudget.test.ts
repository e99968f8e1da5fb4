import { expect } from "chai";
import { planComponent, planRefusal, resource } from "../../test/harness";
import { AlertTopic } from "./alertTopic";
import { CostBudget, costFilter } from "./costBudget";

const BUDGET = "aws:budgets/budget:Budget";
const TAGS = { project: "redcap", environment: "prod" };

describe("costFilter", () => {
    it("requires every tag (AND), a single tag alone, and nothing for no tags", () => {
        expect(costFilter(TAGS)).to.deep.equal({
            ands: [
                { tags: { key: "project", values: ["redcap"], matchOptions: ["EQUALS"] } },
                { tags: { key: "environment", values: ["prod"], matchOptions: ["EQUALS"] } },
            ],
        });
        expect(costFilter({ project: "redcap" })).to.deep.equal({
            tags: { key: "project", values: ["redcap"], matchOptions: ["EQUALS"] },
        });
        expect(costFilter({})).to.equal(undefined);
    });
});

describe("CostBudget", () => {
    it("budgets the stack's tagged costs a month and notifies the alert topic on actual and forecast over 100%", async () => {
        const plan = await planComponent((opts) => {
            const topic = new AlertTopic(
                "alerts",
                {
                    alertsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/a",
                    emails: ["a@x.edu"],
                },
                opts,
            );
            new CostBudget(
                "budget",
                {
                    namePrefix: "redcap-prod",
                    monthlyLimitUsd: 1500,
                    costTags: TAGS,
                    topicArn: topic.topicArn,
                },
                opts,
            );
        });
        const topic = resource(plan, "aws:sns/topic:Topic", "alerts");
        const budget = resource(plan, BUDGET, "budget");
        expect(budget.inputs).to.deep.include({
            name: "redcap-prod-monthly",
            budgetType: "COST",
            timeUnit: "MONTHLY",
            limitAmount: "1500",
            limitUnit: "USD",
            filterExpression: costFilter(TAGS),
        });
        const notifications = budget.inputs.notifications as Record<string, unknown>[];
        expect(notifications.map((n) => n.notificationType)).to.deep.equal([
            "ACTUAL",
            "FORECASTED",
        ]);
        for (const n of notifications) {
            expect(n).to.deep.include({
                comparisonOperator: "GREATER_THAN",
                threshold: 100,
                thresholdType: "PERCENTAGE",
            });
            expect(n.subscriberSnsTopicArns).to.have.length(1);
        }
        expect(budget.propertyDependencies.notifications).to.deep.equal([topic.urn]);
    });

    for (const limit of [0, -5, 10.005, Number.NaN, 2e9]) {
        it(`refuses monthlyLimitUsd ${limit} before declaring anything`, async () => {
            const { message, plan } = await planRefusal((opts) => {
                new CostBudget(
                    "budget",
                    {
                        namePrefix: "redcap-prod",
                        monthlyLimitUsd: limit,
                        costTags: TAGS,
                        topicArn: "arn:aws:sns:us-east-1:1:t",
                    },
                    opts,
                );
            });
            expect(message).to.include(
                `CostBudget budget: monthlyLimitUsd ${JSON.stringify(limit)} is not allowed; expected US dollars above 0`,
            );
            expect(
                plan.resources.filter((r) => r.custom && r.type.startsWith("aws:")),
            ).to.deep.equal([]);
        });
    }
});
