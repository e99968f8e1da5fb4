import * as pulumi from "@pulumi/pulumi";
import { fromWire, type Plan, type PlanResource } from "./plan";

/**
 * Runs a Pulumi program under the mock runtime and records every resource registration, the way
 * the engine would receive it: inputs with secrets still marked, provider, parent, dependencies,
 * property dependencies and resource options. Mocks see none of the options (pulumi/pulumi#14421),
 * so this wraps the mock monitor's registration calls instead. That is not a public API, which is
 * why it lives in this one module and @pulumi/pulumi is pinned.
 */

// Internal to @pulumi/pulumi: resolves once every outstanding registration has finished.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

interface Struct {
    toJavaScript(): Record<string, unknown>;
}
interface RegisterResourceRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): Struct | undefined;
    getProvider(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(cb: (deps: { getUrnsList(): string[] }, key: string) => void): void };
    getProtect(): boolean | undefined;
    getRetainondelete(): boolean | undefined;
    getDeletebeforereplace(): boolean;
    getIgnorechangesList(): string[];
}
interface RegisterResourceOutputsRequest {
    getUrn(): string;
    getOutputs(): Struct | undefined;
}
type Callback = (err: Error | null, resp?: { getUrn(): string }) => void;
interface MockMonitorLike {
    registerResource(req: RegisterResourceRequest, cb: Callback): unknown;
    registerResourceOutputs(req: RegisterResourceOutputsRequest, cb: (err: Error | null) => void): unknown;
}

export interface RecordOptions {
    project: string;
    stack: string;
    /** Flat config map, e.g. `{"aws:region": "us-east-1", "redcap:network": "{...}"}`. */
    config?: Record<string, string>;
    /** Config keys whose values are secrets. */
    secretKeys?: string[];
    mocks: pulumi.runtime.Mocks;
}

/** Thrown when the program fails under the mock runtime; carries every error seen. */
export class ProgramError extends Error {
    constructor(public readonly errors: unknown[]) {
        super(errors.map((e) => (e instanceof Error ? e.message : String(e))).join("\n"));
        this.name = "ProgramError";
    }
}

/** Runs `program` as the body of a stack and returns the plan it would register. */
export async function recordPlan(
    program: () => Promise<Record<string, unknown> | void> | Record<string, unknown> | void,
    options: RecordOptions,
): Promise<Plan> {
    pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys ?? []);
    await pulumi.runtime.setMocks(options.mocks, options.project, options.stack, false);
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike;

    const resources: PlanResource[] = [];
    let stackOutputs: Record<string, unknown> = {};
    let stackUrn: string | undefined;

    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        const entry = toPlanResource(req);
        resources.push(entry);
        return registerResource(req, (err, resp) => {
            if (!err && resp) {
                entry.urn = resp.getUrn();
                if (entry.type === "pulumi:pulumi:Stack") {
                    stackUrn = entry.urn;
                }
            }
            cb(err, resp);
        });
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        if (req.getUrn() === stackUrn) {
            stackOutputs = fromWire(req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        }
        return registerOutputs(req, cb);
    };

    // Errors thrown inside apply callbacks surface as rejected registrations, not as a rejection
    // of the program itself: collect them so a broken program never yields a plan.
    const errors: unknown[] = [];
    const onRejection = (reason: unknown) => errors.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
        await pulumi.runtime.runInPulumiStack(async () => (await program()) ?? {});
        await settings.waitForRPCs();
        await new Promise((resolve) => setImmediate(resolve));
    } catch (e) {
        errors.unshift(e);
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    if (errors.length > 0) {
        throw errors.length === 1 && errors[0] instanceof Error ? errors[0] : new ProgramError(errors);
    }
    return { project: options.project, stack: options.stack, resources, outputs: stackOutputs };
}

function toPlanResource(req: RegisterResourceRequest): PlanResource {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
        propertyDependencies[key] = [...deps.getUrnsList()].sort();
    });
    const dependencies = [...req.getDependenciesList()].sort();
    const explained = new Set(Object.values(propertyDependencies).flat());
    const provider = req.getProvider();
    return {
        urn: "",
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        parent: req.getParent() || null,
        // A provider reference is "<urn>::<id>".
        provider: provider ? provider.slice(0, provider.lastIndexOf("::")) : null,
        inputs: fromWire(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
        dependencies,
        propertyDependencies,
        options: {
            protect: req.getProtect() ?? false,
            retainOnDelete: req.getRetainondelete() ?? false,
            deleteBeforeReplace: req.getDeletebeforereplace(),
            ignoreChanges: [...req.getIgnorechangesList()],
            dependsOn: dependencies.filter((urn) => !explained.has(urn)),
        },
    };
}
