import { parseStackConfig, type StackConfig } from "../../stacks";
import { defaultOptions, type Plan, type PlanResource } from "../synth/plan";

/** Hand-built plans for the cost model's tests: resources with just the inputs that matter. */

/** A resource of `type`; `deps` become its property dependencies, as the recorder writes them. */
export function res(
    type: string,
    name: string,
    inputs: Record<string, unknown> = {},
    deps: Record<string, PlanResource[]> = {},
): PlanResource {
    return {
        urn: `urn:pulumi:test::cost::${type}::${name}`,
        type,
        name,
        custom: true,
        parent: null,
        provider: null,
        inputs,
        dependencies: Object.values(deps).flatMap((rs) => rs.map((r) => r.urn)),
        propertyDependencies: Object.fromEntries(
            Object.entries(deps).map(([key, rs]) => [key, rs.map((r) => r.urn)]),
        ),
        options: defaultOptions(),
    };
}

export function planOf(...resources: PlanResource[]): Plan {
    return { project: "cost", stack: "test", resources, outputs: {} };
}

/** A valid configuration (dev defaults) in `region`. */
export function testConfig(region = "us-east-1"): StackConfig {
    return parseStackConfig(
        {
            "aws:region": region,
            "redcap:environment": "dev",
            "redcap:tags": JSON.stringify({
                owner: "research-it@example.edu",
                "cost-center": "RIT-1001",
            }),
            "redcap:network": JSON.stringify({ cidr: "10.40.0.0/16" }),
        },
        { stack: "test", project: "cost" },
    );
}
