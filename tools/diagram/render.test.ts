import { expect } from "chai";
import { checkMermaid } from "./mermaidCheck";
import { buildDiagram, type DiagramModel } from "./model";
import { escapeMermaid, nodeLines, renderDot, renderMermaid } from "./render";
import { INGRESS, PlanBuilder, SG } from "./testPlans";
import type { Placement } from "./tiers";

const TABLE: Record<string, Placement> = { "t:app:Service": "app", "t:data:Db": "data" };
const HOSTILE = ['a"quoted"|name', "<script>#1", "end", "tab\there", "A &amp; B"];

/** Components named to break a careless renderer, with traffic between all of them. */
function hostileModel(): DiagramModel {
    const b = new PlanBuilder();
    const groups = HOSTILE.map((name, i) => {
        const c = b.component(i % 2 === 0 ? "t:app:Service" : "t:data:Db", name);
        const group = b.resource(SG, `${name}-sg`, { parent: c });
        b.resource("aws:ecs/service:Service", `${name}-svc`, {
            parent: c,
            deps: { networkConfiguration: [group] },
        });
        return { c, group };
    });
    groups.forEach(({ c, group }, i) => {
        const from = groups[(i + 1) % groups.length].group;
        b.resource(INGRESS, `rule-${i}`, {
            parent: c,
            inputs: { ipProtocol: "tcp", fromPort: 1000 + i, toPort: 1000 + i },
            deps: { securityGroupId: [group], referencedSecurityGroupId: [from] },
        });
    });
    b.resource(INGRESS, "from-a-list", {
        parent: groups[0].c,
        inputs: { ipProtocol: "-1", prefixListId: "pl-1" },
        deps: { securityGroupId: [groups[0].group] },
    });
    return buildDiagram(b.plan(), TABLE);
}

describe("diagram rendering", () => {
    it("writes Mermaid whose every line, id, label and edge endpoint is well formed", () => {
        const model = hostileModel();
        const text = renderMermaid(model);
        const check = checkMermaid(text);
        expect(check.problems, text).to.deep.equal([]);
        // each box shows its name exactly, once the escapes are decoded
        for (const node of model.tiers.flatMap((t) => t.nodes)) {
            expect(check.nodes.get(node.id)).to.deep.equal(
                nodeLines(node).map((l) => l.replace(/\s+/g, " ")),
            );
        }
        expect(check.edges).to.have.length(model.edges.length);
        expect(check.edges.map((e) => e.label)).to.include("all traffic");
    });

    it("has a structural check that catches what would break the diagram", () => {
        const broken = [
            "flowchart LR",
            '    subgraph t_a["A"]',
            '        end["Db"]',
            '        c_b["say "hi""]',
            '        c_c["a <b>bold</b> #1"]',
            '    c_c -->|"1"| c_missing',
            "    c_c --> c_b",
        ].join("\n");
        const problems = checkMermaid(broken).problems.join("\n");
        expect(problems).to.match(/line 3: .*end/);
        expect(problems).to.match(/line 4: not a form/);
        expect(problems).to.match(/line 5: unescaped <>/);
        expect(problems).to.match(/c_missing is not a declared node/);
        expect(problems).to.match(/line 7: not a form/);
        expect(problems).to.match(/1 subgraph\(s\) not closed/);
    });

    it("draws traffic as solid arrows, relations as dotted ones, the internet as a circle", () => {
        const model: DiagramModel = {
            project: "p",
            stack: "s",
            tiers: [],
            externals: [
                { id: "x_internet", lines: ["Internet"] },
                { id: "x_vpc_a", lines: ["Inside the VPC", "10.0.0.0/16"] },
            ],
            edges: [
                { from: "x_internet", to: "x_vpc_a", kind: "traffic", labels: ["80", "443"] },
                { from: "x_vpc_a", to: "x_internet", kind: "relation", labels: ["backs up"] },
            ],
        };
        expect(renderMermaid(model).split("\n")).to.deep.equal([
            "flowchart LR",
            '    x_internet(("Internet"))',
            '    x_vpc_a(["Inside the VPC<br/>10.0.0.0/16"])',
            '    x_internet -->|"80, 443"| x_vpc_a',
            '    x_vpc_a -.->|"backs up"| x_internet',
        ]);
    });

    it("escapes what would end a label or be read as markup", () => {
        expect(escapeMermaid('say "hi" <b>#1|`x` &lt;')).to.equal(
            "say #quot;hi#quot; #lt;b#gt;#35;1#124;#96;x#96; #38;lt;",
        );
    });

    it("writes DOT with every edge endpoint declared and quotes escaped", () => {
        const model = hostileModel();
        const dot = renderDot(model);
        const declared = new Set([...dot.matchAll(/^\s+(\w+) \[label=/gm)].map((m) => m[1]));
        const edges = [...dot.matchAll(/^\s+(\w+) -> (\w+) \[/gm)];
        expect(edges).to.have.length(model.edges.length);
        for (const [, from, to] of edges) {
            expect(declared, `${from} -> ${to}`).to.include(from).and.to.include(to);
        }
        // every quote inside a string is escaped: unescaped quotes pair up on each line
        for (const line of dot.split("\n")) {
            expect(line.replace(/\\"/g, "").split('"').length % 2, line).to.equal(1);
        }
        expect(dot.split("{").length).to.equal(dot.split("}").length);
        expect(dot).to.include('[label="Service: a\\"quoted\\"|name\\n');
    });
});
