import type { PlanResource } from "../../synth/plan";
import { draft, num, obj, T, type Draft, type PlanIndex, type Pricer } from "../planIndex";
import {
    EC2_DETAILED_MONITORING_METRICS,
    EC2_INSTANCE_HOUR,
    HOURS_PER_MONTH as H,
} from "../prices";
import { weeklyRunningHours } from "../schedule";

/** Prices mail, the bastion and DNS: SES emails, EC2 instances and their disks, Route 53 zones. */

export const ses: Pricer = {
    types: [T.emailIdentity],
    price({ index, a }) {
        return index.of(T.emailIdentity).length === 0
            ? []
            : [draft("SES (mail)", "Emails sent", a.emailsPerMonth / 1000, "sesThousandEmails")];
    },
};

/** Hours a month an instance runs: its start/stop schedules, or always. */
function instanceHours(
    index: PlanIndex,
    instance: PlanResource,
): { hours: number; scheduled: boolean } {
    const schedules = index.referrers(T.schedule, "target", instance);
    const action = (verb: string) =>
        schedules.find((s) => {
            const arn = obj(s.inputs.target).arn;
            return typeof arn === "string" && arn.endsWith(`:${verb}Instances`);
        });
    const start = action("start")?.inputs.scheduleExpression;
    const stop = action("stop")?.inputs.scheduleExpression;
    const weekly =
        typeof start === "string" && typeof stop === "string"
            ? weeklyRunningHours(start, stop)
            : undefined;
    return weekly === undefined
        ? { hours: H, scheduled: false }
        : { hours: (weekly * H) / 168, scheduled: true };
}

export const ec2: Pricer = {
    types: [T.ec2],
    price({ index, warnings }) {
        const out: Draft[] = [];
        for (const instance of index.of(T.ec2)) {
            const type = String(instance.inputs.instanceType);
            const { hours, scheduled } = instanceHours(index, instance);
            const key = EC2_INSTANCE_HOUR[type];
            if (key) {
                const when = scheduled ? "on its schedule" : "always on";
                out.push(
                    draft(
                        "EC2 (bastion)",
                        `Instance ${instance.name} (${type}, ${when})`,
                        hours,
                        key,
                    ),
                );
            } else {
                warnings.add(`EC2 instance ${instance.name}: type ${type} is not priced`);
            }
            const disk = obj(instance.inputs.rootBlockDevice);
            const size = num(disk.volumeSize) ?? 8;
            if ((disk.volumeType ?? "gp3") === "gp3") {
                // A stopped instance keeps paying for its disk.
                out.push(
                    draft(
                        "EC2 (bastion)",
                        `Disk of ${instance.name} (${size} GB gp3)`,
                        size,
                        "ebsGp3GbMonth",
                    ),
                );
            } else {
                warnings.add(
                    `EC2 instance ${instance.name}: volume type ${String(disk.volumeType)} is not priced`,
                );
            }
            if (instance.inputs.monitoring === true) {
                out.push(
                    draft(
                        "CloudWatch",
                        `Detailed monitoring of ${instance.name} while it runs`,
                        (EC2_DETAILED_MONITORING_METRICS * hours) / H,
                        "customMetricMonth",
                    ),
                );
            }
        }
        return out;
    },
};

export const route53: Pricer = {
    types: [T.zone, T.healthCheck],
    price({ index }) {
        const zones = index.of(T.zone).length;
        const out =
            zones === 0
                ? []
                : [draft("Route 53", `Hosted zones (${zones})`, zones, "route53ZoneMonth")];
        for (const check of index.of(T.healthCheck)) {
            out.push(draft("Route 53", `Health check ${check.name}`, 1, "route53HealthCheckMonth"));
            // Each optional feature the check uses is billed on its own.
            const features = [
                String(check.inputs.type).startsWith("HTTPS") && "HTTPS",
                String(check.inputs.type).endsWith("STR_MATCH") && "string matching",
                num(check.inputs.requestInterval) === 10 && "fast interval",
                check.inputs.measureLatency === true && "latency",
            ].filter((f): f is string => typeof f === "string");
            if (features.length > 0) {
                out.push(
                    draft(
                        "Route 53",
                        `Optional features of health check ${check.name}: ${features.join(", ")}`,
                        features.length,
                        "route53HealthCheckFeatureMonth",
                    ),
                );
            }
        }
        return out;
    },
};
