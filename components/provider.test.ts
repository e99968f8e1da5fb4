import { expect } from "chai";
import { ofType } from "../test/harness";
import { createMocks } from "../tools/synth/mocks";
import { recordPlan } from "../tools/synth/recorder";
import { createAwsProvider } from "./provider";
import { REQUIRED_TAG_KEYS } from "./tags";

const TAGS = {
    project: "redcap",
    environment: "prod",
    owner: "research-it@example.edu",
    "data-classification": "phi",
    "cost-center": "RIT-1001",
};

const planProvider = (declare: () => unknown) =>
    recordPlan(declare, {
        project: "p",
        stack: "s",
        mocks: createMocks({ region: "us-west-2" }),
    });

describe("createAwsProvider", () => {
    it("sets the region, the required tags as default tags and the account guard", async () => {
        const plan = await planProvider(() =>
            createAwsProvider("aws", {
                region: "us-west-2",
                tags: TAGS,
                accountId: "210987654321",
                profile: "research",
            }),
        );
        const [provider] = ofType(plan, "pulumi:providers:aws");
        expect(provider.inputs.region).to.equal("us-west-2");
        expect(provider.inputs.profile).to.equal("research");
        expect(JSON.parse(provider.inputs.defaultTags as string)).to.deep.equal({ tags: TAGS });
        expect(JSON.parse(provider.inputs.allowedAccountIds as string)).to.deep.equal([
            "210987654321",
        ]);
    });

    it("leaves the account unguarded and the profile to the credential chain when not given", async () => {
        const plan = await planProvider(() =>
            createAwsProvider("aws", { region: "us-west-2", tags: TAGS }),
        );
        const [provider] = ofType(plan, "pulumi:providers:aws");
        expect(provider.inputs).not.to.have.property("allowedAccountIds");
        expect(provider.inputs).not.to.have.property("profile");
    });

    it("refuses tags that miss a required key or leave it empty", () => {
        const { owner: _owner, ...withoutOwner } = TAGS;
        expect(() =>
            createAwsProvider("aws", { region: "us-west-2", tags: withoutOwner }),
        ).to.throw("createAwsProvider: tags is missing required keys owner");
        expect(() =>
            createAwsProvider("aws", { region: "us-west-2", tags: { ...TAGS, "cost-center": "" } }),
        ).to.throw("missing required keys cost-center");
    });

    it("requires exactly the five tag keys the design names (the policy pack's default list)", () => {
        expect([...REQUIRED_TAG_KEYS]).to.deep.equal([
            "project",
            "environment",
            "owner",
            "data-classification",
            "cost-center",
        ]);
    });
});
