import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { expect } from "chai";
import { createMocks } from "./mocks";
import { SECRET, type Plan } from "./plan";
import { ProgramError, recordPlan, urnOf } from "./recorder";

const mocks = createMocks({ region: "eu-west-2", accountId: "210987654321" });
const record = (
    program: () => unknown,
    config: Record<string, string> = {},
    secretKeys: string[] = [],
) =>
    recordPlan(program, {
        project: "proj",
        stack: "test",
        config,
        secretKeys,
        mocks,
    });
const find = (plan: Plan, name: string) => {
    const found = plan.resources.find((r) => r.name === name);
    if (!found) {
        throw new Error(`no resource ${name}`);
    }
    return found;
};

class Group extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Group", name, {}, opts);
        new aws.ssm.Parameter(`${name}-param`, { type: "String", value: "v" }, { parent: this });
        this.registerOutputs({});
    }
}

describe("recordPlan", () => {
    it("resolves each alias to the URN the engine would move the resource from", async () => {
        const plan = await record(() => {
            const outer = new Group("outer");
            new Group("inner", { parent: outer });
            new aws.ssm.Parameter(
                "moved",
                { type: "String", value: "v" },
                {
                    parent: outer,
                    aliases: [
                        { parent: pulumi.rootStackResource },
                        { name: "old-name" },
                        { type: "aws:ssm/parameter:OldType", parent: undefined },
                        "urn:pulumi:test::proj::aws:ssm/parameter:Parameter::literal",
                    ],
                },
            );
        });
        const stack = "urn:pulumi:test::proj::";
        expect(find(plan, "moved").options.aliases).to.deep.equal([
            `${stack}aws:ssm/parameter:OldType::moved`,
            `${stack}aws:ssm/parameter:Parameter::literal`,
            `${stack}aws:ssm/parameter:Parameter::moved`,
            `${stack}test:index:Group$aws:ssm/parameter:Parameter::old-name`,
        ]);
        expect(find(plan, "outer").options).not.to.have.property("aliases");
        // urnOf builds every URN of the plan exactly as the engine did.
        const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
        for (const r of plan.resources.filter((r) => r.type !== "pulumi:pulumi:Stack")) {
            expect(
                urnOf({
                    stack: "test",
                    project: "proj",
                    type: r.type,
                    name: r.name,
                    parentUrn: r.parent ?? undefined,
                }),
                r.name,
            ).to.equal(r.urn);
            expect(r.parent === null || byUrn.has(r.parent)).to.equal(true);
        }
    });

    it("masks config secrets, pulumi.secret values and generated passwords everywhere", async () => {
        const plan = await record(
            () => {
                const config = new pulumi.Config("app");
                const password = new random.RandomPassword("password", { length: 40 });
                const secret = new aws.secretsmanager.Secret("secret", {});
                new aws.secretsmanager.SecretVersion("version", {
                    secretId: secret.id,
                    secretString: password.result,
                });
                new aws.ssm.Parameter("token", {
                    type: "SecureString",
                    value: config.requireSecret("token"),
                });
                new aws.ssm.Parameter("literal", {
                    type: "SecureString",
                    value: pulumi.secret("sentinel-literal"),
                });
                return {
                    token: config.requireSecret("token"),
                    password: password.result,
                    plain: "visible",
                };
            },
            { "app:token": "sentinel-config-token" },
            ["app:token"],
        );
        const text = JSON.stringify(plan);
        expect(text).not.to.include("sentinel-config-token");
        expect(text).not.to.include("sentinel-literal");
        const generated = (
            (await mocks.newResource({
                type: "random:index/randomPassword:RandomPassword",
                name: "password",
                inputs: { length: 40 },
                custom: true,
            })) as unknown as { state: { result: string } }
        ).state.result;
        expect(generated).to.have.length(40);
        expect(text).not.to.include(generated);
        expect(find(plan, "version").inputs.secretString).to.equal(SECRET);
        expect(find(plan, "token").inputs.value).to.equal(SECRET);
        expect(find(plan, "literal").inputs.value).to.equal(SECRET);
        expect(plan.outputs).to.deep.equal({ token: SECRET, password: SECRET, plain: "visible" });
    });

    it("records resource options, provider, parent, dependencies and property dependencies", async () => {
        const plan = await record(() => {
            const provider = new aws.Provider("explicit", { region: "eu-west-2" });
            const bucket = new aws.s3.Bucket(
                "bucket",
                {},
                { provider, protect: true, retainOnDelete: true },
            );
            const marker = new aws.ssm.Parameter(
                "marker",
                { type: "String", value: "m" },
                { provider },
            );
            new aws.s3.BucketVersioning(
                "versioning",
                { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
                {
                    provider,
                    dependsOn: [marker],
                    deleteBeforeReplace: true,
                    ignoreChanges: ["expectedBucketOwner"],
                },
            );
        });
        const bucket = find(plan, "bucket");
        const versioning = find(plan, "versioning");
        expect(bucket.options).to.include({ protect: true, retainOnDelete: true });
        expect(bucket.provider).to.equal("urn:pulumi:test::proj::pulumi:providers:aws::explicit");
        expect(versioning.propertyDependencies.bucket).to.deep.equal([bucket.urn]);
        expect(versioning.dependencies).to.have.members([bucket.urn, find(plan, "marker").urn]);
        expect(versioning.options).to.deep.equal({
            protect: false,
            retainOnDelete: false,
            deleteBeforeReplace: true,
            ignoreChanges: ["expectedBucketOwner"],
            dependsOn: [find(plan, "marker").urn],
            // @pulumi/aws v7's own alias: BucketVersioning was BucketVersioningV2.
            aliases: [
                "urn:pulumi:test::proj::aws:s3/bucketVersioningV2:BucketVersioningV2::versioning",
            ],
        });
        expect(versioning.inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
        expect(versioning.inputs.bucket).to.match(/^bucket-[0-9a-f]{7}$/);
    });

    it("writes URNs the way the engine does: the parent's type chain, without the stack", async () => {
        const plan = await record(() => {
            const outer = new Group("outer");
            new Group("inner", { parent: outer });
        });
        expect(find(plan, "outer").urn).to.equal("urn:pulumi:test::proj::test:index:Group::outer");
        expect(find(plan, "inner").urn).to.equal(
            "urn:pulumi:test::proj::test:index:Group$test:index:Group::inner",
        );
        expect(find(plan, "inner-param").urn).to.equal(
            "urn:pulumi:test::proj::test:index:Group$test:index:Group$aws:ssm/parameter:Parameter::inner-param",
        );
        expect(find(plan, "inner-param").parent).to.equal(find(plan, "inner").urn);
        const stack = plan.resources.find((r) => r.type === "pulumi:pulumi:Stack");
        expect(stack?.urn).to.equal("urn:pulumi:test::proj::pulumi:pulumi:Stack::proj-test");
        expect(find(plan, "outer").parent).to.equal(stack?.urn);
    });

    it("fails when the program throws, with the program's message", async () => {
        let error: unknown;
        try {
            await record(() => {
                throw new Error("bad argument x");
            });
        } catch (e) {
            error = e;
        }
        expect(String(error)).to.include("bad argument x");
    });

    it("fails when an apply callback throws, instead of returning a partial plan", async () => {
        let error: unknown;
        try {
            await record(() => {
                const value = pulumi.output("x").apply((): string => {
                    throw new Error("apply broke");
                });
                new aws.ssm.Parameter("late", { type: "String", value });
            });
        } catch (e) {
            error = e;
        }
        expect(error).to.be.instanceOf(Error);
        expect(String(error instanceof ProgramError ? error.message : error)).to.include(
            "apply broke",
        );
    });
});
