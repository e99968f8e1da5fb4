import { expect } from "chai";
import {
    affectedStacks,
    deploymentOrder,
    deployWaves,
    globToRegExp,
    isNeutralPath,
    previewRoleVariable,
    previewTargets,
} from "./affectedStacks";

const STACKS = ["dev", "prod"];

describe("affectedStacks", () => {
    const cases: [string, string[], string[]][] = [
        ["only the dev stack file", ["Pulumi.dev.yaml"], ["dev"]],
        ["only the prod stack file", ["Pulumi.prod.yaml"], ["prod"]],
        ["both stack files", ["Pulumi.prod.yaml", "Pulumi.dev.yaml"], ["dev", "prod"]],
        ["the program", ["index.ts"], ["dev", "prod"]],
        ["a component", ["components/hipaaVpc/hipaaVpc.ts"], ["dev", "prod"]],
        ["the image's Dockerfile", ["components/redcapImage/Dockerfile"], ["dev", "prod"]],
        ["the lockfile", ["package-lock.json"], ["dev", "prod"]],
        ["the policy pack", ["policy-pack/policies/encryption.ts"], ["dev", "prod"]],
        ["the policy pack's lockfile", ["policy-pack/package-lock.json"], ["dev", "prod"]],
        ["the project file", ["Pulumi.yaml"], ["dev", "prod"]],
        ["a workflow", [".github/workflows/deploy.yml"], ["dev", "prod"]],
        ["docs only", ["README.md", "docs/ci-cd.md", "docs/ci/dev-deploy-role-policy.json"], []],
        ["tests only", ["components/hipaaVpc/subnetPlan.test.ts", "test/harness.ts"], []],
        ["policy specs only", ["policy-pack/policies/encryption.spec.ts"], []],
        ["docs and the dev stack file", ["README.md", "Pulumi.dev.yaml"], ["dev"]],
        ["a stack file and code", ["Pulumi.dev.yaml", "stacks/schema.ts"], ["dev", "prod"]],
        ["a stack file of a stack not deployed from here", ["Pulumi.sandbox.yaml"], []],
        ["a stack file in a subfolder (a fixture)", ["test/fixtures/Pulumi.broken.yaml"], []],
        ["nothing", [], []],
        ["blank lines and ./ prefixes", ["", "./Pulumi.prod.yaml", "  "], ["prod"]],
    ];
    for (const [what, changed, expected] of cases) {
        it(`${what} → ${expected.join(", ") || "no stack"}`, () => {
            expect(affectedStacks(changed, STACKS)).to.deep.equal(expected);
        });
    }

    it("keeps the order of the stacks given, not of the changes", () => {
        expect(
            affectedStacks(["Pulumi.prod.yaml", "Pulumi.dev.yaml"], ["prod", "dev"]),
        ).to.deep.equal(["prod", "dev"]);
    });
});

describe("globToRegExp (GitHub filter patterns)", () => {
    it("`*` stays within a folder, `**` crosses folders", () => {
        expect(globToRegExp("docs/*").test("docs/a.md")).to.equal(true);
        expect(globToRegExp("docs/*").test("docs/ci/a.json")).to.equal(false);
        expect(globToRegExp("docs/**").test("docs/ci/a.json")).to.equal(true);
    });

    it("a leading `**` and slash also match files at the root", () => {
        expect(globToRegExp("**/*.md").test("README.md")).to.equal(true);
        expect(globToRegExp("**/*.md").test("policy-pack/README.md")).to.equal(true);
        expect(globToRegExp("**/*.md").test("README.mdx")).to.equal(false);
    });

    it("dots are literal", () => {
        expect(globToRegExp(".gitignore").test("xgitignore")).to.equal(false);
        expect(isNeutralPath(".gitignore")).to.equal(true);
    });
});

describe("deploymentOrder", () => {
    it("puts dev first, prod second, then the rest alphabetically", () => {
        expect(deploymentOrder(["staging", "prod", "alpha", "dev"])).to.deep.equal([
            "dev",
            "prod",
            "alpha",
            "staging",
        ]);
    });
});

describe("deployWaves", () => {
    const targets = previewTargets(["dev", "rstudio-dev", "prod", "rstudio-prod"], {
        dev: "us-east-1",
        "rstudio-dev": "us-east-1",
        prod: "us-east-1",
        "rstudio-prod": "eu-west-1",
    });

    it("deploys prod stacks, by their environment key, after every other stack", () => {
        const waves = deployWaves(targets, {
            dev: "dev",
            "rstudio-dev": "dev",
            prod: "prod",
            "rstudio-prod": "prod",
        });
        expect(waves.first.map((t) => t.stack)).to.deep.equal(["dev", "rstudio-dev"]);
        expect(waves.prod.map((t) => t.stack)).to.deep.equal(["prod", "rstudio-prod"]);
        expect(waves.prod[1]).to.deep.equal({
            stack: "rstudio-prod",
            region: "eu-west-1",
            roleVariable: "AWS_PREVIEW_ROLE_ARN_RSTUDIO_PROD",
        });
    });

    it("goes by the environment, not the stack's name", () => {
        const waves = deployWaves(targets, {
            dev: "prod",
            "rstudio-dev": "dev",
            prod: "dev",
            "rstudio-prod": "dev",
        });
        expect(waves.prod.map((t) => t.stack)).to.deep.equal(["dev"]);
    });

    it("refuses a stack without an environment", () => {
        expect(() => deployWaves(targets, { dev: "dev" })).to.throw(
            /Pulumi.rstudio-dev.yaml has no <system>:environment/,
        );
    });
});

describe("previewTargets", () => {
    it("names each stack's preview role variable and region", () => {
        expect(previewTargets(["dev"], { dev: "eu-west-1" })).to.deep.equal([
            { stack: "dev", region: "eu-west-1", roleVariable: "AWS_PREVIEW_ROLE_ARN_DEV" },
        ]);
    });

    it("turns characters GitHub variable names refuse into underscores", () => {
        expect(previewRoleVariable("qa-east.2")).to.equal("AWS_PREVIEW_ROLE_ARN_QA_EAST_2");
    });

    it("refuses a stack without a region", () => {
        expect(() => previewTargets(["dev"], {})).to.throw(/Pulumi.dev.yaml has no aws:region/);
    });
});
