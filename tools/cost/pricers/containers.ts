import {
    draft,
    list,
    num,
    obj,
    plural,
    serviceSleep,
    serviceTasks,
    T,
    type Draft,
    type Pricer,
} from "../planIndex";
import { CONTAINER_INSIGHTS_METRICS, HOURS_PER_MONTH as H, PRICES, type PriceKey } from "../prices";

/** Prices the containers: Fargate tasks of the ECS services and Container Insights metrics. */

export const fargate: Pricer = {
    types: [T.service],
    price({ index, warnings }) {
        const out: Draft[] = [];
        for (const service of index.of(T.service)) {
            if ((service.inputs.launchType ?? "FARGATE") !== "FARGATE") {
                warnings.add(
                    `ECS service ${service.name}: launch type ${String(service.inputs.launchType)} is not priced`,
                );
                continue;
            }
            const td = index.deps(service, "taskDefinition")[0];
            const vcpu = (num(td?.inputs.cpu) ?? NaN) / 1024;
            const gb = (num(td?.inputs.memory) ?? NaN) / 1024;
            if (!td || !Number.isFinite(vcpu + gb)) {
                warnings.add(`ECS service ${service.name}: its task size is not in the plan`);
                continue;
            }
            const arm = obj(td.inputs.runtimePlatform).cpuArchitecture === "ARM64";
            const [cpuKey, memKey]: PriceKey[] = arm
                ? ["fargateArmVcpuHour", "fargateArmGbHour"]
                : ["fargateX86VcpuHour", "fargateX86GbHour"];
            const extraDisk = Math.max(
                0,
                (num(obj(td.inputs.ephemeralStorage).sizeInGib) ?? 20) - 20,
            );
            const tasks = serviceTasks(index, service);
            const sleep = serviceSleep(index, service);
            const awake = sleep ? `, awake ${sleep.weeklyHours} h a week` : "";
            out.push({
                service: "Fargate (containers)",
                driver: `Service ${service.name}: ${plural(tasks, "task")} of ${vcpu} vCPU, ${gb} GB (${arm ? "ARM" : "x86"})${awake}`,
                quantity: (tasks * H * (sleep?.weeklyHours ?? 168)) / 168,
                unit: "task-hour",
                unitPrice:
                    vcpu * PRICES[cpuKey].usd +
                    gb * PRICES[memKey].usd +
                    extraDisk * PRICES.fargateEphemeralGbHour.usd,
                prices:
                    extraDisk > 0 ? [cpuKey, memKey, "fargateEphemeralGbHour"] : [cpuKey, memKey],
            });
        }
        return out;
    },
};

export const containerInsights: Pricer = {
    types: [T.ecsCluster],
    price({ index, warnings }) {
        const out: Draft[] = [];
        for (const cluster of index.of(T.ecsCluster)) {
            const setting = list(cluster.inputs.settings)
                .map(obj)
                .find((s) => s.name === "containerInsights")?.value;
            if (setting !== "enabled" && setting !== "enhanced") {
                continue;
            }
            if (setting === "enhanced") {
                warnings.add(
                    `ECS cluster ${cluster.name}: enhanced Container Insights is priced as standard`,
                );
            }
            const services = index
                .referrers(T.service, "cluster", cluster)
                .filter((s) => serviceTasks(index, s) > 0);
            const families = new Set(
                services.flatMap((s) => index.deps(s, "taskDefinition")).map((td) => td.urn),
            );
            const m = CONTAINER_INSIGHTS_METRICS;
            const metrics =
                m.perCluster + m.perService * services.length + m.perTaskFamily * families.size;
            out.push(
                draft(
                    "CloudWatch",
                    `Container Insights metrics (${plural(services.length, "service")})`,
                    metrics,
                    "customMetricMonth",
                ),
            );
        }
        return out;
    },
};
