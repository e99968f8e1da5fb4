import { type AlarmSpec, type ComparisonOperator, TIER_TITLES, TIERS } from "./alarmSpecs";

/** An alarm spec whose dimension values are known (Outputs resolved). */
export type ResolvedAlarmSpec = Omit<AlarmSpec, "dimensions"> & {
    dimensions: Record<string, string>;
};

export interface TextWidget {
    type: "text";
    x: number;
    y: number;
    width: number;
    height: number;
    properties: { markdown: string };
}

export interface MetricWidget {
    type: "metric";
    x: number;
    y: number;
    width: number;
    height: number;
    properties: {
        title: string;
        region: string;
        view: "timeSeries";
        stacked: false;
        stat: string;
        period: number;
        /** One metric: namespace, metric name, then dimension name/value pairs. */
        metrics: string[][];
        annotations: { horizontal: { label: string; value: number }[] };
    };
}

/** The CloudWatch dashboard body (the `widgets` array of the dashboard body structure). */
export interface DashboardBody {
    widgets: (TextWidget | MetricWidget)[];
}

/** The dashboard grid is 24 units wide: three graphs per row. */
export const GRID = { width: 24, graphWidth: 8, graphHeight: 6, headingHeight: 1 } as const;

const SYMBOL: Record<ComparisonOperator, string> = {
    GreaterThanOrEqualToThreshold: ">=",
    GreaterThanThreshold: ">",
    LessThanThreshold: "<",
    LessThanOrEqualToThreshold: "<=",
};

/**
 * One graph per alarm, showing the alarm's metric with the alarm's statistic and period and its
 * threshold as a horizontal line, under a heading per tier (in TIERS order), so what pages
 * someone is exactly what they see.
 */
export function dashboardBody(specs: ResolvedAlarmSpec[], region: string): DashboardBody {
    const widgets: DashboardBody["widgets"] = [];
    const perRow = GRID.width / GRID.graphWidth;
    let y = 0;
    for (const tier of TIERS) {
        const inTier = specs.filter((s) => s.tier === tier);
        if (inTier.length === 0) {
            continue;
        }
        widgets.push({
            type: "text",
            x: 0,
            y,
            width: GRID.width,
            height: GRID.headingHeight,
            properties: { markdown: `## ${TIER_TITLES[tier]}` },
        });
        y += GRID.headingHeight;
        inTier.forEach((spec, i) => {
            widgets.push({
                type: "metric",
                x: (i % perRow) * GRID.graphWidth,
                y: y + Math.floor(i / perRow) * GRID.graphHeight,
                width: GRID.graphWidth,
                height: GRID.graphHeight,
                properties: {
                    title: spec.title,
                    region,
                    view: "timeSeries",
                    stacked: false,
                    stat: spec.stat,
                    period: spec.period,
                    metrics: [
                        [
                            spec.namespace,
                            spec.metricName,
                            ...Object.entries(spec.dimensions).flat(),
                        ],
                    ],
                    annotations: {
                        horizontal: [
                            {
                                label: `alarm ${spec.id}: ${SYMBOL[spec.comparisonOperator]} ${spec.threshold}`,
                                value: spec.threshold,
                            },
                        ],
                    },
                },
            });
        });
        y += Math.ceil(inTier.length / perRow) * GRID.graphHeight;
    }
    return { widgets };
}
