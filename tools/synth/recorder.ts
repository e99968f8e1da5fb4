import * as pulumi from "@pulumi/pulumi";
import { fromWire, type Plan, type PlanResource } from "./plan";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

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
    getPropertydependenciesMap(): {
        forEach(cb: (deps: { getUrnsList(): string[] }, key: string) => void): void;
    };
    getProtect(): boolean | undefined;
    getRetainondelete(): boolean | undefined;
    getDeletebeforereplace(): boolean;
    getIgnorechangesList(): string[];
    getAdditionalsecretoutputsList(): string[];
    getAliasurnsList(): string[];
    getAliasesList(): AliasMessage[];
}
/** pulumirpc.Alias: a URN, or a spec of the parts that differ from the resource's own. */
interface AliasMessage {
    hasSpec(): boolean;
    getUrn(): string;
    getSpec():
        | {
              getName(): string;
              getType(): string;
              getStack(): string;
              getProject(): string;
              getParenturn(): string;
              getNoparent(): boolean;
          }
        | undefined;
}
interface RegisterResourceOutputsRequest {
    getUrn(): string;
    getOutputs(): Struct | undefined;
}
interface RegisterResourceResponse {
    getUrn(): string;
    getObject(): Struct | undefined;
    setObject(value: Struct): void;
}
type Callback = (err: Error | null, resp?: RegisterResourceResponse) => void;
interface MockMonitorLike {
    registerResource(req: RegisterResourceRequest, cb: Callback): unknown;
    registerResourceOutputs(
        req: RegisterResourceOutputsRequest,
        cb: (err: Error | null) => void,
    ): unknown;
}

export interface RecordOptions {
    project: string;
    stack: string;
    /** Flat config map, e.g. `{"aws:region": "us-east-1", "redcap:network": "{...}"}`. */
    config?: Record<string, string>;
    /** Config keys whose values are secrets. */
    secretKeys?: string[];
    mocks: pulumi.runtime.Mocks;
    /** Run as a preview (the default, as an offline plan is) or as an update. */
    preview?: boolean;
}

/** Thrown when the program fails under the mock runtime; carries every error seen. */
export class ProgramError extends Error {
    constructor(public readonly errors: unknown[]) {
        super(errors.map((e) => (e instanceof Error ? e.message : String(e))).join("\n"));
        this.name = "ProgramError";
    }
}

/** Runs `program` as the body of a stack and returns the plan it would register. */
export async function recordPlan(program: () => unknown, options: RecordOptions): Promise<Plan> {
    pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys ?? []);
    // An offline plan is a preview: the program runs as under `pulumi preview` (isDryRun() is true).
    await pulumi.runtime.setMocks(
        options.mocks,
        options.project,
        options.stack,
        options.preview ?? true,
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike;

    const resources: PlanResource[] = [];
    const aliasesOf = new Map<PlanResource, RawAlias[]>();
    let stackOutputs: Record<string, unknown> = {};
    let stackUrn: string | undefined;

    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        const entry = toPlanResource(req);
        resources.push(entry);
        const aliases = rawAliases(req);
        if (aliases.length > 0) {
            aliasesOf.set(entry, aliases);
        }
        return registerResource(req, (err, resp) => {
            if (!err && resp) {
                markSecretOutputs(req.getAdditionalsecretoutputsList(), resp);
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
            stackOutputs = fromWire(req.getOutputs()?.toJavaScript() ?? {}) as Record<
                string,
                unknown
            >;
        }
        return registerOutputs(req, cb);
    };

    // Errors thrown inside apply callbacks surface as rejected registrations, not as a rejection
    // of the program itself: collect them so a broken program never yields a plan.
    const errors: unknown[] = [];
    const onRejection = (reason: unknown) => errors.push(reason);
    process.on("unhandledRejection", onRejection);
    // The SDK records a stack trace for every promise it makes (runtime/debuggable.js, for its leak
    // report): about a third of a plan's time. Nothing of a plan needs them, and the program's own
    // errors are reported by their messages, so none are captured while it runs.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        await pulumi.runtime.runInPulumiStack(
            async () => ((await program()) ?? {}) as Record<string, unknown>,
        );
        await settings.waitForRPCs();
        await new Promise((resolve) => setImmediate(resolve));
    } catch (e) {
        errors.unshift(e);
    } finally {
        Error.stackTraceLimit = stackTraceLimit;
        process.off("unhandledRejection", onRejection);
    }
    if (errors.length > 0) {
        throw errors.length === 1 && errors[0] instanceof Error
            ? errors[0]
            : new ProgramError(errors);
    }
    return withEngineUrns(
        { project: options.project, stack: options.stack, resources, outputs: stackOutputs },
        aliasesOf,
    );
}

/**
 * The mock monitor builds URNs from the parent's last type and includes the root stack's type;
 * the engine qualifies a type with its parent's whole type chain, leaving the stack out. Rewrites
 * every URN in the plan to the engine's form so findings match what `pulumi preview` shows.
 */
function withEngineUrns(plan: Plan, aliasesOf: Map<PlanResource, RawAlias[]>): Plan {
    const byMockUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const qualified = new Map<string, string>();
    const qualifiedType = (r: PlanResource): string => {
        const cached = qualified.get(r.urn);
        if (cached) {
            return cached;
        }
        const parent = r.parent ? byMockUrn.get(r.parent) : undefined;
        const type =
            parent && parent.type !== "pulumi:pulumi:Stack"
                ? `${qualifiedType(parent)}$${r.type}`
                : r.type;
        qualified.set(r.urn, type);
        return type;
    };
    const rename = new Map(
        plan.resources.map((r) => [
            r.urn,
            `urn:pulumi:${plan.stack}::${plan.project}::${qualifiedType(r)}::${r.name}`,
        ]),
    );
    const fix = (urn: string) => rename.get(urn) ?? urn;
    // Each alias resolved as the engine resolves it: every part it gives replaces the resource's.
    const aliasUrns = (r: PlanResource): string[] =>
        [
            ...new Set(
                (aliasesOf.get(r) ?? []).map((alias) =>
                    alias.urn !== undefined
                        ? fix(alias.urn)
                        : urnOf({
                              stack: alias.stack ?? plan.stack,
                              project: alias.project ?? plan.project,
                              type: alias.type ?? r.type,
                              name: alias.name ?? r.name,
                              parentUrn:
                                  alias.parentUrn === null
                                      ? undefined
                                      : fix(alias.parentUrn ?? r.parent ?? ""),
                          }),
                ),
            ),
        ].sort();
    const fixDeep = (value: unknown): unknown =>
        typeof value === "string"
            ? fix(value)
            : Array.isArray(value)
              ? value.map(fixDeep)
              : value !== null && typeof value === "object"
                ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fixDeep(v)]))
                : value;
    return {
        ...plan,
        resources: plan.resources.map((r) => ({
            ...r,
            urn: fix(r.urn),
            parent: r.parent && fix(r.parent),
            provider: r.provider && fix(r.provider),
            inputs: fixDeep(r.inputs) as Record<string, unknown>,
            dependencies: r.dependencies.map(fix),
            propertyDependencies: Object.fromEntries(
                Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map(fix)]),
            ),
            options: {
                ...r.options,
                dependsOn: r.options.dependsOn.map(fix),
                // Only when there are any, so plans of resources without aliases keep their shape.
                ...(aliasesOf.has(r) ? { aliases: aliasUrns(r) } : {}),
            },
        })),
        outputs: fixDeep(plan.outputs) as Record<string, unknown>,
    };
}

/**
 * The engine returns the outputs a resource lists in `additionalSecretOutputs` (e.g. a random
 * password's `result`) as secrets; the mock monitor does not. Doing it here keeps such values
 * masked in the plan exactly as they would be in a real deployment.
 */
function markSecretOutputs(names: string[], resp: RegisterResourceResponse): void {
    const object = resp.getObject();
    if (names.length === 0 || !object) {
        return;
    }
    const state = object.toJavaScript();
    // The response's own Struct class, so no second copy of google-protobuf is ever involved.
    const StructClass = object.constructor as unknown as {
        fromJavaScript(value: Record<string, unknown>): Struct;
    };
    for (const name of names) {
        if (name in state) {
            state[name] = { [SIG_KEY]: SECRET_SIG, value: state[name] };
        }
    }
    resp.setObject(StructClass.fromJavaScript(state));
}

/** An alias as the SDK sends it: a URN, or the parts that differ from the resource's own. */
interface RawAlias {
    urn?: string;
    name?: string;
    type?: string;
    stack?: string;
    project?: string;
    /** The (mock) URN of the alias's parent; null for no parent; undefined for the resource's own. */
    parentUrn?: string | null;
}

function rawAliases(req: RegisterResourceRequest): RawAlias[] {
    const aliases: RawAlias[] = req.getAliasurnsList().map((urn) => ({ urn }));
    for (const alias of req.getAliasesList()) {
        const spec = alias.getSpec();
        if (alias.hasSpec() && spec) {
            aliases.push({
                name: spec.getName() || undefined,
                type: spec.getType() || undefined,
                stack: spec.getStack() || undefined,
                project: spec.getProject() || undefined,
                parentUrn: spec.getNoparent() ? null : spec.getParenturn() || undefined,
            });
        } else if (alias.getUrn()) {
            aliases.push({ urn: alias.getUrn() });
        }
    }
    return aliases;
}

/** A resource's URN as the engine builds it: its parent's whole type chain, never the stack's. */
export function urnOf(args: {
    stack: string;
    project: string;
    type: string;
    name: string;
    /** The parent's URN in the engine's form. */
    parentUrn?: string;
}): string {
    const parentType = args.parentUrn?.split("::")[2] ?? "";
    const prefix = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$` : "";
    return `urn:pulumi:${args.stack}::${args.project}::${prefix}${args.type}::${args.name}`;
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
