import type { PlanResource } from "../../synth/plan";
import {
    DAYS_PER_MONTH,
    draft,
    list,
    num,
    obj,
    plural,
    sum,
    T,
    type Draft,
    type Pricer,
} from "../planIndex";
import { auroraClusters } from "./database";

/** Prices monitoring and audit: CloudWatch, CloudTrail data events, AWS Config, GuardDuty. */

export const cloudwatch: Pricer = {
    types: [T.alarm, T.dashboard, T.logGroup, T.metricFilter, T.scalingPolicy],
    price({ index, a, config }) {
        const out: Draft[] = [];
        let standard = 0;
        let highResolution = 0;
        for (const alarm of index.of(T.alarm)) {
            // Metric-math alarms are billed per metric they read.
            const metrics =
                list(alarm.inputs.metricQueries).filter((q) => obj(q).metric !== undefined)
                    .length || 1;
            if ((num(alarm.inputs.period) ?? 60) < 60) {
                highResolution += metrics;
            } else {
                standard += metrics;
            }
        }
        // Target tracking creates two alarms per policy, billed like any alarm.
        const tracking = index
            .of(T.scalingPolicy)
            .filter((p) => p.inputs.policyType === "TargetTrackingScaling");
        const alarms = index.of(T.alarm).length;
        if (standard + tracking.length > 0) {
            out.push(
                draft(
                    "CloudWatch",
                    `Alarms: ${alarms} of the stack + ${tracking.length * 2} of target tracking`,
                    standard + tracking.length * 2,
                    "alarmMetricMonth",
                ),
            );
        }
        if (highResolution > 0) {
            out.push(
                draft(
                    "CloudWatch",
                    "High-resolution alarms",
                    highResolution,
                    "highResolutionAlarmMetricMonth",
                ),
            );
        }
        const dashboards = index.of(T.dashboard).length;
        if (dashboards > 0) {
            out.push(
                draft("CloudWatch", `Dashboards (${dashboards})`, dashboards, "dashboardMonth"),
            );
        }
        const groups = index.of(T.logGroup).length;
        if (groups > 0) {
            const trailToLogs = index
                .of(T.trail)
                .some((t) => t.inputs.cloudWatchLogsGroupArn !== undefined);
            const ingested = a.logIngestionGbPerMonth + (trailToLogs ? a.trailLogGbPerMonth : 0);
            const what = trailToLogs ? " and the trail" : "";
            out.push(
                draft(
                    "CloudWatch",
                    `Log ingestion: ${plural(groups, "log group")}${what}`,
                    ingested,
                    "logIngestionGb",
                ),
            );
            const days = config.logRetentionDays;
            const months =
                days > 0 ? Math.min(a.monthsRunning, days / DAYS_PER_MONTH) : a.monthsRunning;
            out.push(
                draft(
                    "CloudWatch",
                    `Log storage (kept ${days > 0 ? `${days} days` : "forever"}, counted uncompressed)`,
                    ingested * months,
                    "logStorageGbMonth",
                ),
            );
        }
        const filters = index.of(T.metricFilter).length;
        if (filters > 0) {
            out.push(
                draft(
                    "CloudWatch",
                    `Metrics from log filters (${filters})`,
                    filters,
                    "customMetricMonth",
                ),
            );
        }
        return out;
    },
};

export const budgets: Pricer = {
    types: [T.budget],
    price({ index }) {
        const count = index.of(T.budget).length;
        return count === 0
            ? []
            : [draft("AWS Budgets", `Budgets (${count})`, count, "budgetMonth")];
    },
};

/** Whether a trail records data events (object reads and writes). */
const recordsDataEvents = (trail: PlanResource) =>
    list(trail.inputs.advancedEventSelectors).some((s) =>
        list(obj(s).fieldSelectors).some(
            (f) => obj(f).field === "eventCategory" && list(obj(f).equals).includes("Data"),
        ),
    ) || list(trail.inputs.eventSelectors).some((s) => list(obj(s).dataResources).length > 0);

export const cloudtrail: Pricer = {
    types: [T.trail],
    price({ index, a }) {
        // The first copy of management events is free; data events are paid from the first.
        return index
            .of(T.trail)
            .filter(recordsDataEvents)
            .map((trail) =>
                draft(
                    "CloudTrail",
                    `Data events of trail ${trail.name}`,
                    a.s3DataEventsPerMonth / 1e5,
                    "cloudTrailDataEvents100k",
                ),
            );
    },
};

export const config: Pricer = {
    types: [T.recorder, T.conformancePack],
    price({ index, a }) {
        const out: Draft[] = [];
        for (const recorder of index.of(T.recorder)) {
            out.push(
                draft(
                    "AWS Config",
                    `Configuration items (recorder ${recorder.name})`,
                    a.configItemsPerMonth,
                    "configItem",
                ),
            );
        }
        for (const pack of index.of(T.conformancePack)) {
            out.push(
                draft(
                    "AWS Config",
                    `Rule evaluations of conformance pack ${pack.name}`,
                    a.conformancePackEvaluationsPerMonth,
                    "conformancePackEvaluation",
                ),
            );
        }
        return out;
    },
};

export const guardDuty: Pricer = {
    types: [T.detector, T.detectorFeature],
    price(ctx) {
        const { index, a, warnings } = ctx;
        const detectors = index.of(T.detector).filter((d) => d.inputs.enable !== false);
        if (detectors.length === 0) {
            return [];
        }
        const out = [
            draft(
                "GuardDuty",
                "Management events analysed",
                a.managementEventsPerMonth / 1e6,
                "guardDutyMillionManagementEvents",
            ),
            draft(
                "GuardDuty",
                "Flow and DNS logs analysed",
                a.guardDutyFlowDnsGbPerMonth,
                "guardDutyFlowDnsGb",
            ),
        ];
        for (const feature of index
            .of(T.detectorFeature)
            .filter((f) => f.inputs.status === "ENABLED")) {
            if (feature.inputs.name === "S3_DATA_EVENTS") {
                out.push(
                    draft(
                        "GuardDuty",
                        "S3 data events analysed",
                        a.s3DataEventsPerMonth / 1e6,
                        "guardDutyMillionS3Events",
                    ),
                );
            } else if (feature.inputs.name === "RDS_LOGIN_EVENTS") {
                const acuHours = sum(auroraClusters(ctx).map((c) => c.acuHours));
                out.push(
                    draft("GuardDuty", "Aurora login monitoring", acuHours, "guardDutyRdsAcuHour"),
                );
            } else {
                warnings.add(`GuardDuty feature ${String(feature.inputs.name)} is not priced`);
            }
        }
        return out;
    },
};
