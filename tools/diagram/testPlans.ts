import { defaultOptions, type Plan, type PlanResource } from "../synth/plan";

/** Small hand-built plans for the diagram's tests, with URNs and parents as the engine writes them. */
export class PlanBuilder {
    readonly resources: PlanResource[] = [];
    readonly stackUrn: string;

    constructor(
        readonly stack = "unit",
        readonly project = "test",
    ) {
        this.stackUrn = `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
        this.push("pulumi:pulumi:Stack", `${project}-${stack}`, false, null, {}, {}, this.stackUrn);
    }

    private push(
        type: string,
        name: string,
        custom: boolean,
        parent: string | null,
        inputs: Record<string, unknown>,
        deps: Record<string, string[]>,
        urn?: string,
    ): string {
        // The engine's URN carries the types of the parents below the stack, joined by "$".
        const chain: string[] = [];
        for (let p = parent; p !== null && p !== this.stackUrn;) {
            const r = this.resources.find((x) => x.urn === p);
            if (r === undefined) {
                break;
            }
            chain.unshift(r.type);
            p = r.parent;
        }
        const full =
            urn ??
            `urn:pulumi:${this.stack}::${this.project}::${[...chain, type].join("$")}::${name}`;
        this.resources.push({
            urn: full,
            type,
            name,
            custom,
            parent,
            provider: null,
            inputs,
            dependencies: [...new Set(Object.values(deps).flat())],
            propertyDependencies: deps,
            options: defaultOptions(),
        });
        return full;
    }

    /** A component; under the stack unless a parent is given. */
    component(type: string, name: string, parent?: string): string {
        return this.push(type, name, false, parent ?? this.stackUrn, {}, {});
    }

    /** A cloud resource; `deps` are its propertyDependencies (input → URNs). */
    resource(
        type: string,
        name: string,
        options: {
            parent?: string;
            inputs?: Record<string, unknown>;
            deps?: Record<string, string[]>;
        } = {},
    ): string {
        return this.push(
            type,
            name,
            true,
            options.parent ?? this.stackUrn,
            options.inputs ?? {},
            options.deps ?? {},
        );
    }

    plan(): Plan {
        return { project: this.project, stack: this.stack, resources: this.resources, outputs: {} };
    }
}

export const SG = "aws:ec2/securityGroup:SecurityGroup";
export const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
