import type { PlanResource } from "../../synth/plan";
import type { Assumptions } from "../assumptions";
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
    type PlanIndex,
    type Pricer,
} from "../planIndex";

/** Prices storage: S3 buckets, EFS file systems, DataSync copies, AWS Backup recovery points and copies, ECR images. */

/** Days a bucket keeps objects (its lifecycle expiry), or undefined for data kept until deleted. */
function bucketExpiryDays(index: PlanIndex, bucket: PlanResource): number | undefined {
    const days = index
        .referrers(T.lifecycle, "bucket", bucket)
        .flatMap((lc) => list(lc.inputs.rules).map(obj))
        .filter((rule) => rule.status !== "Disabled")
        .map((rule) => num(obj(rule.expiration).days))
        .filter((d): d is number => d !== undefined);
    return days.length > 0 ? Math.min(...days) : undefined;
}

/** GB a bucket holds: a log bucket fills up to its expiry, a data bucket holds the files. */
function bucketGb(index: PlanIndex, bucket: PlanResource, a: Assumptions): number {
    const expiry = bucketExpiryDays(index, bucket);
    return expiry === undefined
        ? a.filesGb
        : a.logBucketGbPerMonth * Math.min(a.monthsRunning, expiry / DAYS_PER_MONTH);
}

export const s3: Pricer = {
    types: [T.bucket],
    price({ index, a }) {
        return index.of(T.bucket).map((bucket) => {
            const expiry = bucketExpiryDays(index, bucket);
            const what =
                expiry === undefined ? "files kept until deleted" : `logs kept ${expiry} days`;
            return draft(
                "S3 storage",
                `Bucket ${bucket.name} (${what})`,
                bucketGb(index, bucket, a),
                "s3StandardGbMonth",
            );
        });
    },
};

/** GB a shared file system (EFS) holds. */
const fileSystemGb = (a: Assumptions) => a.sharedFilesGb;

/**
 * EFS: the files read within the lifecycle window stay in Standard, the rest moves to Infrequent
 * Access (when a lifecycle policy moves it); Elastic throughput bills what is read and written.
 */
export const sharedFiles: Pricer = {
    types: [T.fileSystem],
    price({ index, a }) {
        return index.of(T.fileSystem).flatMap((fs) => {
            const lifecycle = list(fs.inputs.lifecyclePolicies)
                .map(obj)
                .some((p) => typeof p.transitionToIa === "string");
            const hot = lifecycle ? a.sharedFilesHotShare : 1;
            const out = [
                draft(
                    "EFS (shared files)",
                    `File system ${fs.name}: files in Standard`,
                    fileSystemGb(a) * hot,
                    "efsStandardGbMonth",
                ),
            ];
            if (lifecycle) {
                out.push(
                    draft(
                        "EFS (shared files)",
                        `File system ${fs.name}: files moved to Infrequent Access`,
                        fileSystemGb(a) * (1 - hot),
                        "efsInfrequentGbMonth",
                    ),
                );
            }
            if ((fs.inputs.throughputMode ?? "bursting") === "elastic") {
                out.push(
                    draft(
                        "EFS (shared files)",
                        `File system ${fs.name}: data read (Elastic throughput)`,
                        a.sharedFilesReadGbPerMonth,
                        "efsElasticReadGb",
                    ),
                    draft(
                        "EFS (shared files)",
                        `File system ${fs.name}: data written (Elastic throughput)`,
                        a.sharedFilesWriteGbPerMonth,
                        "efsElasticWriteGb",
                    ),
                );
            }
            return out;
        });
    },
};

/** DataSync bills what each task copies (Basic mode); a sync that finds nothing new costs nothing. */
export const dataFeeds: Pricer = {
    types: [T.dataSyncTask],
    price({ index, a }) {
        return index
            .of(T.dataSyncTask)
            .map((task) =>
                draft(
                    "DataSync (data feed)",
                    `Task ${task.name}: data copied`,
                    a.dataFeedGbPerMonth,
                    "dataSyncGb",
                ),
            );
    },
};

export const backups: Pricer = {
    types: [T.backupPlan, T.backupSelection],
    price({ index, a, warnings }) {
        const out: Draft[] = [];
        for (const selection of index.of(T.backupSelection)) {
            const rules = index
                .deps(selection, "planId")
                .flatMap((p) => list(p.inputs.rules).map(obj));
            const retentions = rules.map((r) => num(obj(r.lifecycle).deleteAfter));
            if (retentions.some((d) => d === undefined)) {
                warnings.add(
                    `backup selection ${selection.name}: a rule keeps recovery points forever`,
                );
            }
            const retention = Math.max(
                0,
                ...retentions.map((d) => d ?? a.monthsRunning * DAYS_PER_MONTH),
            );
            const copies = sum(rules.map((r) => list(r.copyActions).length));
            let auroraGb = 0;
            let s3Gb = 0;
            let efsGb = 0;
            for (const target of index.deps(selection, "resources")) {
                if (target.type === T.cluster) {
                    auroraGb += a.databaseGb * (1 + a.databaseDailyChange * retention);
                } else if (target.type === T.bucket) {
                    s3Gb += bucketGb(index, target, a) * (1 + a.filesDailyChange * retention);
                } else if (target.type === T.fileSystem) {
                    efsGb += fileSystemGb(a) * (1 + a.sharedFilesDailyChange * retention);
                } else {
                    warnings.add(
                        `backup selection ${selection.name}: ${target.type} recovery points are not priced`,
                    );
                }
            }
            const days = `${Math.round(retention)} days`;
            // A copy rule keeps the same recovery points again in another region (priced as here).
            const stored = 1 + copies;
            if (auroraGb > 0) {
                out.push(
                    draft(
                        "AWS Backup",
                        `Aurora recovery points (${days})`,
                        auroraGb * stored,
                        "backupAuroraGbMonth",
                    ),
                );
            }
            if (s3Gb > 0) {
                out.push(
                    draft(
                        "AWS Backup",
                        `S3 recovery points (${days})`,
                        s3Gb * stored,
                        "backupS3GbMonth",
                    ),
                );
            }
            if (efsGb > 0) {
                out.push(
                    draft(
                        "AWS Backup",
                        `EFS recovery points (${days})`,
                        efsGb * stored,
                        "backupEfsGbMonth",
                    ),
                );
            }
            if (copies > 0) {
                const changedGb =
                    (a.databaseGb * a.databaseDailyChange + a.filesGb * a.filesDailyChange) *
                    DAYS_PER_MONTH;
                out.push(
                    draft(
                        "AWS Backup",
                        "Copies sent to another region",
                        changedGb * copies,
                        "backupCrossRegionGb",
                    ),
                );
            }
        }
        return out;
    },
};

/** ECR enhanced scanning: Amazon Inspector bills each image's first scan and each rescan. */
export const imageScanning: Pricer = {
    types: [T.registryScanning],
    price({ index, a }) {
        const enhanced = index
            .of(T.registryScanning)
            .some((configuration) => configuration.inputs.scanType === "ENHANCED");
        return enhanced
            ? [
                  draft(
                      "Inspector (image scanning)",
                      "Images scanned when pushed",
                      a.imagesPushedPerMonth,
                      "inspectorImageScan",
                  ),
                  draft(
                      "Inspector (image scanning)",
                      "Images rescanned continuously",
                      a.imageRescansPerMonth,
                      "inspectorImageRescan",
                  ),
              ]
            : [];
    },
};

export const ecr: Pricer = {
    types: [T.repository],
    price({ index, a }) {
        const repos = index.of(T.repository).length;
        return repos === 0
            ? []
            : [
                  draft(
                      "ECR (images)",
                      `Image storage (${plural(repos, "repository")})`,
                      repos * a.imageStoreGb,
                      "ecrGbMonth",
                  ),
              ];
    },
};
