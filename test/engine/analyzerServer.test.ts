import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import { expect } from "chai";
import { policies } from "../../policy-pack/registry";
import { evaluatePolicies } from "../../policy-pack/evaluate/evaluate";
import { UNKNOWN_VALUE } from "../../policy-pack/lib/unknown";
import { PLAN_UNKNOWN, type PlanResource } from "../../policy-pack/evaluate/validationArgs";
import { planForStack } from "../harness";

/**
 * The pack as the engine loads it: `policy-pack/index.ts` is started as its own process, which
 * constructs the PolicyPack and so @pulumi/policy's analyzer server (the code `pulumi preview
 * --policy-pack` talks to), and the test drives it over gRPC with the requests the engine sends:
 * plugin info, analyzer info, configure, analyze per resource, analyze stack. The requests are
 * built from the prod plan with a few flaws added, and the findings must equal the offline
 * checker's. (The engine starts the pack through Pulumi's policy-pack runner with ts-node; here the
 * project's TypeScript hook loads it. The server code is the same.)
 */

const PACK_DIR = path.join(__dirname, "..", "..", "policy-pack");
// The proto modules and gRPC as the pack's own @pulumi/pulumi and @pulumi/policy load them.
const packRequire = createRequire(
    path.join(PACK_DIR, "node_modules", "@pulumi", "policy", "server.js"),
);
const grpc = packRequire("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const analyzerpb = packRequire("@pulumi/pulumi/proto/analyzer_pb");
const { AnalyzerClient } = packRequire("@pulumi/pulumi/proto/analyzer_grpc_pb");
const structpb = packRequire("google-protobuf/google/protobuf/struct_pb");
const emptypb = packRequire("google-protobuf/google/protobuf/empty_pb");

/** The plan's unknown markers become the engine's unknown sentinel, as the engine sends them. */
function engineValue(value: unknown): unknown {
    if (value === PLAN_UNKNOWN) return UNKNOWN_VALUE;
    if (Array.isArray(value)) return value.map(engineValue);
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, engineValue(v)]));
    }
    return value;
}
const struct = (value: Record<string, unknown>) =>
    structpb.Struct.fromJavaScript(engineValue(value));

function options(r: PlanResource) {
    const o = new analyzerpb.AnalyzerResourceOptions();
    o.setProtect(r.options?.protect ?? false);
    o.setIgnorechangesList(r.options?.ignoreChanges ?? []);
    if (r.parent) o.setParent(r.parent);
    return o;
}

function provider(r: PlanResource, byUrn: Map<string, PlanResource>) {
    const p = r.provider
        ? (byUrn.get(r.provider.replace(/::[^:]*$/, "")) ?? byUrn.get(r.provider))
        : undefined;
    if (!p) return undefined;
    const msg = new analyzerpb.AnalyzerProviderResource();
    msg.setType(p.type);
    msg.setProperties(struct(p.inputs));
    msg.setUrn(p.urn);
    msg.setName(p.name);
    return msg;
}

interface Diagnostic {
    policy: string;
    urn: string;
    message: string;
    level: number;
}

const call = <T>(client: any, method: string, request: unknown): Promise<T> =>
    new Promise((resolve, reject) =>
        client[method](request, (err: Error | null, response: T) =>
            err ? reject(err) : resolve(response),
        ),
    );

describe("the policy pack through @pulumi/policy's analyzer server, over gRPC (as pulumi preview runs it)", function () {
    this.timeout(60000);
    let pack: ChildProcess;
    let client: any;
    let stderr = "";

    before(async () => {
        pack = spawn(
            process.execPath,
            ["-r", path.join(__dirname, "..", "..", "tools", "register-ts.js"), "index.ts"],
            {
                cwd: PACK_DIR,
                stdio: ["ignore", "pipe", "pipe"],
            },
        );
        pack.stderr!.on("data", (d) => (stderr += String(d)));
        const port = await new Promise<string>((resolve, reject) => {
            pack.stdout!.once("data", (d) => resolve(String(d).trim()));
            pack.once("exit", (code) => reject(new Error(`the pack exited (${code}): ${stderr}`)));
        });
        expect(port).to.match(/^\d+$/);
        client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });
    after(() => {
        client?.close();
        pack?.kill();
    });

    it("answers plugin info and analyzer info with every policy and its config schema", async () => {
        const plugin = await call<any>(client, "getPluginInfo", new emptypb.Empty());
        expect(plugin.getVersion()).to.match(/^\d+\.\d+\.\d+/);
        const info = await call<any>(client, "getAnalyzerInfo", new emptypb.Empty());
        expect(info.getName()).to.equal("redcap-hipaa");
        const served = info.getPoliciesList().map((p: any) => p.getName());
        expect([...served].sort()).to.deep.equal(policies.map((p) => p.name).sort());
        const tls = info
            .getPoliciesList()
            .find((p: any) => p.getName() === "sg-world-open-authorized-ports-only");
        const schema = tls.getConfigschema().getProperties().toJavaScript();
        expect(schema.authorizedPorts).to.deep.include({ type: "array", default: [443, 80] });
    });

    it("finds what the offline checker finds on a flawed prod plan, resource by resource and for the stack", async () => {
        const { plan } = await planForStack("prod");
        // Flaws the engine would meet: an open SSH rule, an unencrypted queue, a denied service.
        const flawed: PlanResource[] = [
            ...plan.resources,
            ...(
                [
                    [
                        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                        "ssh",
                        {
                            ipProtocol: "tcp",
                            fromPort: 22,
                            toPort: 22,
                            cidrIpv4: "0.0.0.0/0",
                            securityGroupId: "sg-1",
                        },
                    ],
                    ["aws:sqs/queue:Queue", "jobs", { sqsManagedSseEnabled: false }],
                    ["aws:dynamodb/table:Table", "sessions", { hashKey: "id" }],
                ] as [string, string, Record<string, unknown>][]
            ).map(([type, name, inputs]) => ({
                urn: `urn:pulumi:prod::redcap::${type}::${name}`,
                type,
                name,
                custom: true,
                parent: null,
                provider: plan.resources.find((r) => r.type === "pulumi:providers:aws")?.urn,
                inputs,
                dependencies: [],
                propertyDependencies: {},
            })),
        ];
        // The config as `--policy-pack-config` hands it over: one policy turned advisory.
        const configure = new analyzerpb.ConfigureAnalyzerRequest();
        const level = new analyzerpb.PolicyConfig();
        level.setEnforcementlevel(analyzerpb.EnforcementLevel.ADVISORY);
        level.setProperties(structpb.Struct.fromJavaScript({}));
        configure.getPolicyconfigMap().set("sg-no-world-ssh", level);
        await call(client, "configure", configure);

        const byUrn = new Map(flawed.map((r) => [r.urn, r]));
        const found: Diagnostic[] = [];
        // A resource finding names no URN on the wire: the engine knows which resource it asked about.
        const collect = (response: any, askedAbout = "") => {
            for (const d of response.getDiagnosticsList()) {
                found.push({
                    policy: d.getPolicyname(),
                    urn: d.getUrn() || askedAbout,
                    message: d.getMessage(),
                    level: d.getEnforcementlevel(),
                });
            }
        };
        // What an AnalyzeRequest and an AnalyzerResource both say about a resource.
        const withResource = <M>(
            message: M & Record<string, (v: unknown) => void>,
            r: PlanResource,
        ) => {
            message.setType(r.type);
            message.setProperties(struct(r.inputs));
            message.setUrn(r.urn);
            message.setName(r.name);
            message.setOptions(options(r));
            const p = provider(r, byUrn);
            if (p) message.setProvider(p);
            return message;
        };
        // The engine sends a request per resource as it steps through them; the server answers each.
        const perResource = await Promise.all(
            flawed.map(async (r) => ({
                r,
                response: await call<any>(
                    client,
                    "analyze",
                    withResource(new analyzerpb.AnalyzeRequest(), r),
                ),
            })),
        );
        for (const { r, response } of perResource) collect(response, r.urn);
        const stack = new analyzerpb.AnalyzeStackRequest();
        for (const r of flawed) {
            const resource = withResource(new analyzerpb.AnalyzerResource(), r);
            if (r.parent) resource.setParent(r.parent);
            resource.setDependenciesList(r.dependencies ?? []);
            for (const [input, urns] of Object.entries(r.propertyDependencies ?? {})) {
                const deps = new analyzerpb.AnalyzerPropertyDependencies();
                deps.setUrnsList(urns);
                resource.getPropertydependenciesMap().set(input, deps);
            }
            stack.addResources(resource);
        }
        collect(await call<any>(client, "analyzeStack", stack));

        const offline = evaluatePolicies(policies, flawed, { "sg-no-world-ssh": "advisory" });
        const LEVEL = { advisory: 0, mandatory: 1 } as Record<string, number>;
        const key = (policy: string, urn: string, message: string, lvl: number) =>
            `${lvl} ${policy} ${urn} ${message}`;
        // What the server cannot decide at preview, it reports as an advisory "can't run" note.
        // The server puts the policy's description before each message, on a line of its own.
        const description = new Map(policies.map((p) => [p.name, `${p.description}\n`]));
        const served = found
            .filter((d) => !d.message.startsWith("can't run policy"))
            .map((d) => {
                const prefix = description.get(d.policy) ?? "";
                expect(d.message.startsWith(prefix), d.message).to.equal(true);
                return key(d.policy, d.urn, d.message.slice(prefix.length), d.level);
            })
            .sort();
        const expected = offline.findings
            .map((f) => key(f.policy, f.urn ?? "", f.message, LEVEL[f.enforcementLevel]))
            .sort();
        const onlyServed = served.filter((s) => !expected.includes(s));
        const onlyOffline = expected.filter((s) => !served.includes(s));
        expect({ onlyServed, onlyOffline }).to.deep.equal({ onlyServed: [], onlyOffline: [] });
        expect(found.filter((d) => d.message.startsWith("can't run policy")).length).to.equal(
            offline.undecided.length,
        );
        // The flaws were found, at the configured levels.
        expect(served.join("\n")).to.include(
            "1 sqs-queue-encrypted urn:pulumi:prod::redcap::aws:sqs/queue:Queue::jobs",
        );
        expect(served.join("\n")).to.include(
            "1 disallowed-resource-types urn:pulumi:prod::redcap::aws:dynamodb/table:Table::sessions",
        );
        expect(served.join("\n")).to.include("0 sg-no-world-ssh");
    });
});
