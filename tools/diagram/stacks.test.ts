import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { planForStack } from "../../test/harness";
import type { Plan } from "../synth/plan";
import { PROJECT_DIR } from "../synth/planStack";
import { isComponent, STACK_TYPE, unplacedComponentTypes } from "./components";
import {
    diagramCommand,
    mermaidBlock,
    README_STACK,
    readmeBlock,
    renderDocument,
} from "./document";
import { checkMermaid } from "./mermaidCheck";
import { buildDiagram, type DiagramModel } from "./model";
import { renderMermaid } from "./render";

const STACKS = ["dev", "prod"];

/** The id of the one box of a component type. */
function box(model: DiagramModel, type: string): string {
    const found = model.tiers.flatMap((t) => t.nodes).filter((n) => n.type === type);
    expect(found, type).to.have.length(1);
    return found[0].id;
}

function labels(model: DiagramModel, from: string, to: string, kind = "traffic"): string[] {
    return model.edges
        .filter((e) => e.from === from && e.to === to && e.kind === kind)
        .flatMap((e) => e.labels);
}

function inputOf(plan: Plan, type: string, key: string): unknown {
    const found = plan.resources.filter((r) => r.type === type);
    expect(found, type).to.have.length(1);
    return found[0].inputs[key];
}

const T = {
    lb: "hipaa:network:PublicLoadBalancer",
    waf: "hipaa:network:WebFirewall",
    app: "hipaa:app:RedcapService",
    image: "hipaa:app:RedcapImage",
    mail: "hipaa:mail:MailRelay",
    db: "hipaa:database:RedcapDatabase",
    files: "hipaa:storage:FileStore",
    backups: "hipaa:backup:Backups",
    access: "hipaa:access:BastionOrSsm",
    alarms: "hipaa:monitoring:ServiceAlarms",
    alerts: "hipaa:monitoring:AlertTopic",
    audit: "hipaa:audit:AuditBaseline",
    keys: "hipaa:security:EncryptionKeys",
};

describe("diagram of the real stacks", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            it("places every component type of the plan in a tier", async () => {
                const { plan } = await planForStack(stack);
                const missing = unplacedComponentTypes(plan);
                expect(
                    missing,
                    `add these component types to COMPONENT_TIERS in tools/diagram/tiers.ts: ${missing
                        .map((m) => m.type)
                        .join(", ")}`,
                ).to.deep.equal([]);
            });

            it("accounts for every resource of the plan in exactly one box", async () => {
                const { plan } = await planForStack(stack);
                const nodes = buildDiagram(plan).tiers.flatMap((t) => t.nodes);
                const counted = nodes.reduce((sum, n) => sum + n.resourceCount, 0);
                const boxes = nodes.filter((n) => n.type !== STACK_TYPE).length;
                const notCounted = plan.resources.filter(
                    (r) => r.type === STACK_TYPE || r.type.startsWith("pulumi:providers:"),
                ).length;
                expect(counted + boxes + notCounted).to.equal(plan.resources.length);
                expect(boxes).to.be.at.most(plan.resources.filter(isComponent).length);
            });

            it("draws the way in: the Internet to the load balancer only, then REDCap, then its data", async () => {
                const { plan } = await planForStack(stack);
                const model = buildDiagram(plan);
                const [lb, app] = [box(model, T.lb), box(model, T.app)];
                expect(model.edges.filter((e) => e.from === "x_internet")).to.deep.equal([
                    { from: "x_internet", to: lb, kind: "traffic", labels: ["80", "443"] },
                ]);
                const targetPort = inputOf(plan, "aws:lb/targetGroup:TargetGroup", "port");
                expect(labels(model, lb, app)).to.deep.equal([String(targetPort)]);
                const dbPort = inputOf(plan, "aws:rds/cluster:Cluster", "port");
                expect(labels(model, app, box(model, T.db))).to.deep.equal([String(dbPort)]);
                expect(labels(model, box(model, T.waf), lb, "relation")).to.deep.equal([
                    "inspects requests",
                ]);
            });

            it("draws what REDCap connects to, backups, and notifications; no key edges", async () => {
                const { plan } = await planForStack(stack);
                const model = buildDiagram(plan);
                const app = box(model, T.app);
                expect(labels(model, app, box(model, T.files))).to.deep.equal([
                    "S3 443 via gateway endpoint",
                ]);
                expect(labels(model, app, box(model, T.mail))).to.deep.equal(["SMTP 587"]);
                expect(labels(model, app, box(model, T.image))).to.deep.equal(["image pull 443"]);
                for (const data of [T.db, T.files]) {
                    expect(
                        labels(model, box(model, T.backups), box(model, data), "relation"),
                    ).to.deep.equal(["backs up"]);
                }
                expect(
                    labels(model, box(model, T.alarms), box(model, T.alerts), "relation"),
                ).to.deep.equal(["notifies"]);
                const keys = box(model, T.keys);
                expect(model.edges.filter((e) => e.from === keys || e.to === keys)).to.deep.equal(
                    [],
                );
            });

            it("writes Mermaid that passes the structural check", async () => {
                const { plan } = await planForStack(stack);
                const text = renderMermaid(buildDiagram(plan));
                expect(checkMermaid(text).problems, text).to.deep.equal([]);
            });

            it(`is current in docs/diagrams/${stack}.md`, async () => {
                const { plan } = await planForStack(stack);
                const file = path.join(PROJECT_DIR, "docs", "diagrams", `${stack}.md`);
                const written = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "(missing)";
                expect(
                    written === renderDocument(buildDiagram(plan)),
                    `docs/diagrams/${stack}.md is stale: run \`${diagramCommand(stack)}\``,
                ).to.equal(true);
            });
        });
    }

    it("draws the bastion's database tunnel in dev, and no operator traffic in prod (SSM)", async () => {
        const dev = buildDiagram((await planForStack("dev")).plan);
        expect(labels(dev, box(dev, T.access), box(dev, T.db))).to.deep.equal(["3306"]);
        const prod = buildDiagram((await planForStack("prod")).plan);
        const access = box(prod, T.access);
        expect(prod.edges.filter((e) => e.from === access || e.to === access)).to.deep.equal([]);
        // the account baseline lives in prod only, and reports to the alert topic
        expect(labels(prod, box(prod, T.audit), box(prod, T.alerts), "relation")).to.deep.equal([
            "notifies",
        ]);
        expect(dev.tiers.flatMap((t) => t.nodes).map((n) => n.type)).not.to.include(T.audit);
    });

    it(`shows the ${README_STACK} diagram in README.md`, async () => {
        const { plan } = await planForStack(README_STACK);
        const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
        expect(
            readmeBlock(readme) === mermaidBlock(buildDiagram(plan)),
            `README.md's architecture diagram is stale: run \`${diagramCommand(README_STACK)}\``,
        ).to.equal(true);
    });
});
