import { expect } from "chai";
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument, PolicyStatement } from "../components/iam/policyDocument";
import { createMocks, MOCK_ACCOUNT_ID } from "../tools/synth/mocks";
import type { Plan, PlanResource } from "../tools/synth/plan";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { AnyStackConfig } from "../stacks/system";
import { PROJECT_DIR, planAnyStack, planStack, type StackPlan } from "../tools/synth/planStack";
import { recordPlan } from "../tools/synth/recorder";

/**
 * Test helpers. Components and the whole program run through the same recorder and mocks as
 * `npm run synth`, so a test sees exactly what a reviewer of the offline plan sees.
 */

export const TEST_REGION = "us-east-1";

/** A stack file with seven mistakes (test/fixtures/Pulumi.broken.yaml) and the keys they are in. */
export const BROKEN_STACK = {
    file: "test/fixtures/Pulumi.broken.yaml",
    problemKeys: [
        "aws:region",
        "redcap:environment",
        "redcap:tags.owner",
        "redcap:network.cidr",
        "redcap:network.azCount",
        "redcap:network.natGateway",
        "redcap:logRetentionDays",
    ],
};

const stackPlans = new Map<string, Promise<StackPlan<AnyStackConfig>>>();

/** The offline plan of a real stack file of any system (cached: each is planned once per run). */
export function planAnyForStack(stack: string): Promise<StackPlan<AnyStackConfig>> {
    let plan = stackPlans.get(stack);
    if (!plan) {
        plan = planAnyStack(stack);
        stackPlans.set(stack, plan);
    }
    return plan;
}

/** The offline plan of a real REDCap stack file (cached). */
export async function planForStack(stack: string): Promise<StackPlan> {
    const planned = await planAnyForStack(stack);
    if (planned.config.system !== "redcap") {
        throw new Error(`stack ${stack} is an ${planned.config.system} stack, not a REDCap one`);
    }
    return { ...planned, config: planned.config };
}

/** Optional features turned on over a real stack, for what only exists with them. */
export const SIGN_IN_WITH_LDAP = {
    signIn: {
        method: "ldap",
        ldap: {
            url: "ldaps://ldap.example.edu",
            baseDn: "ou=people,dc=example,dc=edu",
            bindDn: "cn=redcap,ou=services,dc=example,dc=edu",
        },
    },
};

export const SIGN_IN_WITH_SAML = {
    signIn: {
        method: "saml",
        saml: {
            idpEntityId: "https://idp.example.edu/idp/shibboleth",
            idpMetadataUrl: "https://idp.example.edu/idp/shibboleth/metadata",
        },
    },
};

const variantPlans = new Map<string, Promise<StackPlan>>();

/**
 * The offline plan of a real stack file with `appChanges` merged into its `redcap:app`, e.g. a
 * sign-in method a team may turn on (the changed file is written to a temporary folder). Cached
 * like planForStack: each variant is planned once per test run.
 */
export function planStackWithApp(
    stack: string,
    appChanges: Record<string, unknown>,
): Promise<StackPlan> {
    const key = `${stack}\0${JSON.stringify(appChanges)}`;
    let plan = variantPlans.get(key);
    if (!plan) {
        plan = planVariant(stack, appChanges);
        variantPlans.set(key, plan);
    }
    return plan;
}

async function planVariant(stack: string, appChanges: Record<string, unknown>): Promise<StackPlan> {
    const source = path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`);
    const doc = parseYaml(fs.readFileSync(source, "utf8")) as {
        config: Record<string, Record<string, unknown>>;
    };
    doc.config["redcap:app"] = { ...doc.config["redcap:app"], ...appChanges };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stack-${stack}-`));
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    fs.writeFileSync(file, stringifyYaml(doc));
    try {
        return await planStack(stack, { stackFile: file });
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * Runs `declare` inside a stack under the mocks, with an explicit provider passed to it (as
 * index.ts does), and returns the recorded plan.
 */
export async function planComponent(
    declare: (opts: pulumi.ComponentResourceOptions) => unknown,
    options: { region?: string; stack?: string; accountId?: string; preview?: boolean } = {},
): Promise<Plan> {
    const region = options.region ?? TEST_REGION;
    return recordPlan(
        () => {
            const provider = new aws.Provider("aws", { region: region as aws.Region });
            declare({ providers: [provider] });
        },
        {
            project: "test",
            stack: options.stack ?? "unit",
            preview: options.preview,
            mocks: createMocks({ region, accountId: options.accountId ?? MOCK_ACCOUNT_ID }),
        },
    );
}

/**
 * Plans `declare` expecting it to throw (a refused argument); returns the error's message and
 * what was registered before it, so a test can check that nothing was.
 */
export async function planRefusal(
    declare: (opts: pulumi.ComponentResourceOptions) => unknown,
    options: { region?: string; stack?: string; accountId?: string; preview?: boolean } = {},
): Promise<{ message: string; plan: Plan }> {
    let error: unknown;
    const plan = await planComponent((opts) => {
        try {
            declare(opts);
        } catch (e) {
            error = e;
        }
    }, options);
    if (error === undefined) {
        throw new Error("expected the declaration to be refused, and it was not");
    }
    return { message: error instanceof Error ? error.toString() : JSON.stringify(error), plan };
}

export function ofType(plan: Plan, type: string): PlanResource[] {
    return plan.resources.filter((r) => r.type === type);
}

/** The one resource of a type and name; fails loudly when absent or ambiguous. */
export function resource(plan: Plan, type: string, name: string): PlanResource {
    const found = plan.resources.filter((r) => r.type === type && r.name === name);
    if (found.length !== 1) {
        throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
    }
    return found[0];
}

/** A policy document's statements by Sid. */
export function statementsBySid(doc: PolicyDocument): Record<string, PolicyStatement> {
    return Object.fromEntries(
        doc.Statement.map((s): [string, PolicyStatement] => [s.Sid ?? "", s]),
    );
}

/** Parses a JSON-string input such as an IAM or key policy. */
export function jsonInput<T = unknown>(r: PlanResource, key: string): T {
    const value = r.inputs[key];
    if (typeof value !== "string") {
        throw new Error(`${r.urn}: input ${key} is not a JSON string: ${JSON.stringify(value)}`);
    }
    return JSON.parse(value) as T;
}

/** The side-by-side resource of `type` (encryption, policy, logging…) that configures `bucket`. */
export function companion(plan: Plan, type: string, bucket: PlanResource): PlanResource {
    const found = ofType(plan, type).filter((r) =>
        r.propertyDependencies.bucket?.includes(bucket.urn),
    );
    expect(found, `${type} for ${bucket.name}`).to.have.length(1);
    return found[0];
}

/** Asserts that `bucket` blocks every form of public access and has ACLs disabled (its companions). */
export function expectPrivateBucket(plan: Plan, bucket: PlanResource): void {
    expect(
        companion(plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", bucket).inputs,
        bucket.name,
    ).to.include({
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    });
    expect(
        companion(plan, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", bucket).inputs
            .rule,
        bucket.name,
    ).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
}
