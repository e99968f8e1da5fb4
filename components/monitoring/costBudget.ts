import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface CostBudgetArgs {
    /** Names the budget `<namePrefix>-monthly` (budget names are unique per account). */
    namePrefix: string;
    /** The monthly limit in US dollars. */
    monthlyLimitUsd: number;
    /**
     * The stack's own costs: resources carrying every one of these tags (e.g. project and
     * environment). The keys must be active cost allocation tags of the paying account, or the
     * budget sees no cost. Empty: the whole account.
     */
    costTags: Record<string, string>;
    /** AlertTopic's `topicArn`; its policy lets this account's budgets publish. */
    topicArn: pulumi.Input<string>;
}

/** Budgets allow at most 2 decimals; a billion dollars is far beyond any stack. */
export const MAX_MONTHLY_LIMIT_USD = 1_000_000_000;

/** The notifications: spending already over the limit, and AWS's forecast over it. */
export const BUDGET_NOTIFICATIONS = [
    { notificationType: "ACTUAL", threshold: 100 },
    { notificationType: "FORECASTED", threshold: 100 },
] as const;

/** The budget's filter: every tag must match (one tag alone, or an AND of several). */
export function costFilter(
    costTags: Record<string, string>,
): aws.types.input.budgets.BudgetFilterExpression | undefined {
    const tags = Object.entries(costTags).map(([key, value]) => ({
        tags: { key, values: [value], matchOptions: ["EQUALS"] },
    }));
    if (tags.length === 0) {
        return undefined;
    }
    return tags.length === 1 ? tags[0] : { ands: tags };
}

/**
 * A monthly cost budget for the stack that notifies the alert topic when actual spending passes
 * the limit and when AWS forecasts that the month will (AWS Budgets checks about three times a
 * day, and forecasts only after about five weeks of billing data).
 */
export class CostBudget extends pulumi.ComponentResource {
    public readonly budgetName: pulumi.Output<string>;

    constructor(name: string, args: CostBudgetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:monitoring:CostBudget", name, {}, opts);
        const where = `CostBudget ${name}`;
        const limit = args.monthlyLimitUsd;
        if (
            !(limit > 0 && limit <= MAX_MONTHLY_LIMIT_USD) ||
            Math.abs(limit * 100 - Math.round(limit * 100)) > 1e-6
        ) {
            throw new Error(
                `${where}: monthlyLimitUsd ${JSON.stringify(limit)} is not allowed; expected US dollars above 0 and at most ${MAX_MONTHLY_LIMIT_USD}, with at most 2 decimals`,
            );
        }
        for (const [key, value] of Object.entries(args.costTags)) {
            if (!key || !value) {
                throw new Error(
                    `${where}: costTags ${JSON.stringify(key)} ${JSON.stringify(value)} is not allowed; expected a tag key and a non-empty value`,
                );
            }
        }
        const filterExpression = costFilter(args.costTags);
        const budget = new aws.budgets.Budget(
            name,
            {
                name: `${args.namePrefix}-monthly`,
                budgetType: "COST",
                timeUnit: "MONTHLY",
                limitAmount: String(limit),
                limitUnit: "USD",
                ...(filterExpression ? { filterExpression } : {}),
                notifications: BUDGET_NOTIFICATIONS.map((n) => ({
                    ...n,
                    comparisonOperator: "GREATER_THAN",
                    thresholdType: "PERCENTAGE",
                    subscriberSnsTopicArns: [args.topicArn],
                })),
            },
            { parent: this },
        );
        this.budgetName = budget.name;
        this.registerOutputs({ budgetName: this.budgetName });
    }
}
