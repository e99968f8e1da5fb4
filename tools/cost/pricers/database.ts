import type { PlanResource } from "../../synth/plan";
import {
    draft,
    num,
    obj,
    plural,
    serviceSleep,
    serviceTasks,
    sum,
    T,
    type Ctx,
    type Draft,
    type PlanIndex,
    type Pricer,
} from "../planIndex";
import { HOURS_PER_MONTH as H } from "../prices";

/** Prices Aurora Serverless v2: capacity, storage, I/O, backups, backtrack, enhanced monitoring. */

interface AuroraCluster {
    cluster: PlanResource;
    instances: PlanResource[];
    min: number;
    max: number;
    /** Whether the cluster can pause (minimum 0) and nothing keeps it awake. */
    pauses: boolean;
    /** Whether it pauses while the app sleeps (minimum 0 and every running service sleeps). */
    sleepsWithApp: boolean;
    acuHours: number;
}

/** ECS services that keep tasks running around the clock. */
const runningServices = (index: PlanIndex) =>
    index.of(T.service).filter((s) => serviceTasks(index, s) > 0);

export function auroraClusters({ index, a, warnings }: Ctx): AuroraCluster[] {
    const appRuns = runningServices(index).length > 0;
    return index.of(T.cluster).map((cluster) => {
        const instances = index
            .referrers(T.instance, "clusterIdentifier", cluster)
            .concat(
                index
                    .of(T.instance)
                    .filter(
                        (i) =>
                            !(i.propertyDependencies.clusterIdentifier ?? []).length &&
                            i.inputs.clusterIdentifier !== undefined &&
                            i.inputs.clusterIdentifier === cluster.inputs.clusterIdentifier,
                    ),
            );
        const scaling = obj(cluster.inputs.serverlessv2ScalingConfiguration);
        const min = num(scaling.minCapacity) ?? 0.5;
        const max = num(scaling.maxCapacity) ?? Math.max(min, 1);
        // At 0 ACU the cluster pauses when idle; awake, it never runs below 0.5 ACU. REDCap's cron
        // (any running service) queries it every minute, so then it never pauses.
        const pauses = min === 0 && !appRuns;
        // When every running service sleeps, the database is awake with them and for its
        // auto-pause delay after each sleep; otherwise the app keeps it up around the clock.
        const sleeps = runningServices(index).map((s) => serviceSleep(index, s));
        const pauseHours = (num(scaling.secondsUntilAutoPause) ?? 300) / 3600;
        const sleepsWithApp =
            min === 0 && appRuns && sleeps.every((s) => s !== undefined)
                ? Math.max(...sleeps.map((s) => s.weeklyHours + s.sleepsPerWeek * pauseHours))
                : undefined;
        const awakeHours = pauses
            ? a.databaseAwakeHoursWithoutApp
            : sleepsWithApp !== undefined
              ? (Math.min(168, sleepsWithApp) * H) / 168
              : H;
        const floor = Math.max(min, 0.5);
        const writerAverage = Math.min(max, floor + a.databaseAcuAboveMinimum);
        let acu = 0;
        for (const instance of instances) {
            if (instance.inputs.instanceClass !== "db.serverless") {
                warnings.add(
                    `database instance ${instance.name}: class ${String(instance.inputs.instanceClass)} is not priced`,
                );
                continue;
            }
            // Readers in promotion tier 0 or 1 keep at least the writer's capacity (for failover).
            const tier = num(instance.inputs.promotionTier) ?? 1;
            acu += tier <= 1 ? writerAverage : floor;
        }
        return {
            cluster,
            instances,
            min,
            max,
            pauses,
            sleepsWithApp: sleepsWithApp !== undefined,
            acuHours: acu * awakeHours,
        };
    });
}

export const aurora: Pricer = {
    types: [T.cluster, T.instance],
    price(ctx) {
        const { a, warnings } = ctx;
        const out: Draft[] = [];
        for (const c of auroraClusters(ctx)) {
            const { cluster, instances, min, max, pauses, acuHours } = c;
            const n = instances.filter((i) => i.inputs.instanceClass === "db.serverless").length;
            const awake =
                min === 0
                    ? pauses
                        ? ", pauses when idle"
                        : c.sleepsWithApp
                          ? ", pauses while the app sleeps"
                          : ", kept awake by the app"
                    : "";
            out.push({
                ...draft(
                    "Aurora (database)",
                    `Capacity: ${plural(n, "Serverless v2 instance")}, ${min}-${max} ACU${awake}`,
                    acuHours,
                    "auroraAcuHour",
                ),
            });
            out.push(draft("Aurora (database)", "Storage", a.databaseGb, "auroraStorageGbMonth"));
            if (cluster.inputs.storageType === "aurora-iopt1") {
                warnings.add(`cluster ${cluster.name}: I/O-Optimized is priced as Aurora Standard`);
            }
            out.push(
                draft(
                    "Aurora (database)",
                    "I/O requests",
                    a.databaseIoMillionsPerMonth,
                    "auroraIoMillion",
                ),
            );
            const retention = num(cluster.inputs.backupRetentionPeriod) ?? 1;
            if (retention > 1) {
                // Point-in-time restore keeps every change in the window; one cluster size is free.
                out.push(
                    draft(
                        "Aurora (database)",
                        `Point-in-time backups beyond the free copy (${retention} days)`,
                        a.databaseGb * a.databaseDailyChange * retention,
                        "auroraBackupGbMonth",
                    ),
                );
            }
            const backtrackHours = (num(cluster.inputs.backtrackWindow) ?? 0) / 3600;
            if (backtrackHours > 0) {
                out.push(
                    draft(
                        "Aurora (database)",
                        `Backtrack (${backtrackHours} h of change records)`,
                        ((a.databaseChangeRecordsPerHour * backtrackHours) / 1e6) * H,
                        "auroraBacktrackMillionChangeHours",
                    ),
                );
            }
            const monitored = instances.filter((i) => (num(i.inputs.monitoringInterval) ?? 0) > 0);
            if (monitored.length > 0) {
                const events = sum(
                    monitored.map((i) => (H * 3600) / (num(i.inputs.monitoringInterval) ?? 60)),
                );
                out.push(
                    draft(
                        "CloudWatch",
                        `Enhanced monitoring of ${plural(monitored.length, "database instance")}`,
                        (events * a.enhancedMonitoringKbPerEvent) / 1e6,
                        "logIngestionGb",
                    ),
                );
            }
        }
        return out;
    },
};
