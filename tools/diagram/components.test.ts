import { expect } from "chai";
import { indexComponents, safeId, unplacedComponentTypes } from "./components";
import { PlanBuilder } from "./testPlans";
import { INSIDE_PARENT, type Placement } from "./tiers";

const TABLE: Record<string, Placement> = {
    "t:net:Vpc": "network",
    "t:app:Service": "app",
    "t:app:Worker": "app",
    "t:app:Build": INSIDE_PARENT,
    "t:data:Db": "data",
};

describe("diagram components", () => {
    it("makes one box per placed component, counting every resource beneath it", () => {
        const b = new PlanBuilder();
        const vpc = b.component("t:net:Vpc", "network");
        const v = b.resource("aws:ec2/vpc:Vpc", "network", { parent: vpc });
        // A resource parented by another resource still belongs to the component above both.
        b.resource("aws:ec2/subnet:Subnet", "network-a", { parent: v });
        const db = b.component("t:data:Db", "database");
        b.resource("aws:rds/cluster:Cluster", "database", { parent: db });

        const index = indexComponents(b.plan(), TABLE);
        expect(
            index.nodes.map((n) => [n.id, n.className, n.name, n.tier, n.resourceCount]),
        ).to.deep.equal([
            // tiers in TIERS order: data before network
            ["c_database", "Db", "database", "data", 1],
            ["c_network", "Vpc", "network", "network", 2],
        ]);
        expect(index.nodeOf(v)).to.equal("c_network");
        expect(index.nodeOf(vpc)).to.equal("c_network");
        expect(index.nodeOf(b.stackUrn)).to.equal(undefined);
    });

    it("folds a component placed inside its parent into the parent's box", () => {
        const b = new PlanBuilder();
        const app = b.component("t:app:Service", "app");
        b.resource("aws:ecs/service:Service", "app", { parent: app });
        const build = b.component("t:app:Build", "app-build", app);
        const step = b.resource("aws:ecr/repository:Repository", "app-repo", { parent: build });

        const index = indexComponents(b.plan(), TABLE);
        expect(index.nodes.map((n) => n.id)).to.deep.equal(["c_app"]);
        // the service, the nested component and its repository
        expect(index.nodes[0].resourceCount).to.equal(3);
        expect(index.nodeOf(step)).to.equal("c_app");
        expect(index.nodeOf(build)).to.equal("c_app");
    });

    it("gives a nested component with a tier of its own its own box, saying where it sits", () => {
        const b = new PlanBuilder();
        const app = b.component("t:app:Service", "app");
        b.resource("aws:ecs/cluster:Cluster", "app", { parent: app });
        const worker = b.component("t:app:Worker", "app-worker", app);
        b.resource("aws:ecs/service:Service", "app-worker", { parent: worker });
        b.resource("aws:ecs/taskDefinition:TaskDefinition", "app-worker", { parent: worker });

        const nodes = indexComponents(b.plan(), TABLE).nodes;
        const byName = Object.fromEntries(nodes.map((n) => [n.name, n]));
        expect(byName.app.resourceCount, "the worker's resources are not the app's").to.equal(1);
        expect(byName.app.within).to.equal(undefined);
        expect(byName["app-worker"].resourceCount).to.equal(2);
        expect(byName["app-worker"].within).to.equal("app");
    });

    it("puts resources outside every component in a box for the stack, and skips providers", () => {
        const b = new PlanBuilder("prod", "redcap");
        b.resource("pulumi:providers:aws", "aws");
        const vpc = b.component("t:net:Vpc", "network");
        b.resource("aws:ec2/vpc:Vpc", "network", { parent: vpc });
        const loose = b.resource("aws:s3/bucket:Bucket", "loose");

        const index = indexComponents(b.plan(), TABLE);
        const stack = index.nodes.find((n) => n.tier === "stack");
        expect(stack).to.include({ className: "Stack", name: "redcap-prod", resourceCount: 1 });
        expect(index.nodeOf(loose)).to.equal(stack?.id);
        expect(index.nodes.map((n) => n.tier)).to.deep.equal(["network", "stack"]);

        const without = new PlanBuilder();
        without.resource("pulumi:providers:aws", "aws");
        expect(indexComponents(without.plan(), TABLE).nodes).to.deep.equal([]);
    });

    it("refuses a component type the table does not place, naming it and its components", () => {
        const b = new PlanBuilder();
        b.component("t:net:Vpc", "network");
        b.component("t:new:Queue", "jobs");
        b.component("t:new:Queue", "emails");
        b.component("t:new:Cache", "cache");

        expect(unplacedComponentTypes(b.plan(), TABLE)).to.deep.equal([
            { type: "t:new:Cache", names: ["cache"] },
            { type: "t:new:Queue", names: ["emails", "jobs"] },
        ]);
        expect(() => indexComponents(b.plan(), TABLE)).to.throw(
            /COMPONENT_TIERS.*t:new:Cache \(cache\); t:new:Queue \(emails, jobs\)/,
        );
    });

    it("gives unique, safe ids even when names differ only in punctuation", () => {
        const b = new PlanBuilder();
        b.component("t:data:Db", "db-main");
        b.component("t:data:Db", "db.main");
        b.component("t:data:Db", "db main");
        const ids = indexComponents(b.plan(), TABLE).nodes.map((n) => n.id);
        expect(new Set(ids).size).to.equal(3);
        for (const id of ids) {
            expect(id).to.match(/^c_[A-Za-z0-9_]+$/);
        }
        expect(safeId("x", "10.0.0.0/8")).to.equal("x_10_0_0_0_8");
    });
});
