import { expect } from "chai";
import type { PolicyDocument } from "../iam/policyDocument";
import type { Plan, PlanResource } from "../../tools/synth/plan";
import {
    companion,
    expectPrivateBucket,
    jsonInput,
    ofType,
    planComponent,
    planRefusal,
    resource,
} from "../../test/harness";
import { EXEMPTION_TAG } from "../tags";
import { DataBucket, type DataBucketArgs } from "./dataBucket";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/files";
const planBucket = (extra: Partial<DataBucketArgs> = {}) =>
    planComponent((opts) => new DataBucket("data", { kmsKeyArn: KEY, ...extra }, opts));

describe("DataBucket", () => {
    let plan: Plan;
    let data: PlanResource;
    let logs: PlanResource;
    before(async () => {
        plan = await planBucket();
        data = resource(plan, "aws:s3/bucket:Bucket", "data");
        logs = resource(plan, "aws:s3/bucket:Bucket", "data-access-logs");
    });

    it("encrypts with the given key and a bucket key, versions, and blocks every form of public access", () => {
        expect(
            companion(
                plan,
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                data,
            ).inputs.rules,
        ).to.deep.equal([
            {
                applyServerSideEncryptionByDefault: {
                    sseAlgorithm: "aws:kms",
                    kmsMasterKeyId: KEY,
                },
                bucketKeyEnabled: true,
            },
        ]);
        expect(
            companion(plan, "aws:s3/bucketVersioning:BucketVersioning", data).inputs
                .versioningConfiguration,
        ).to.deep.equal({ status: "Enabled" });
        for (const bucket of [data, logs]) expectPrivateBucket(plan, bucket);
    });

    it("grants nobody in its policy, which denies plain HTTP and TLS before 1.2", () => {
        const policy = jsonInput<PolicyDocument>(
            companion(plan, "aws:s3/bucketPolicy:BucketPolicy", data),
            "policy",
        );
        expect(policy.Statement.filter((s) => s.Effect === "Allow")).to.deep.equal([]);
        expect(policy.Statement.map((s) => s.Sid)).to.have.members([
            "DenyInsecureTransport",
            "DenyTlsOlderThan12",
        ]);
    });

    it("logs access to its own private log bucket, the only bucket exempt from the key", async () => {
        const custom = await planBucket({ accessLogRetentionDays: 90 });
        const up = resource(custom, "aws:s3/bucket:Bucket", "data");
        const lg = resource(custom, "aws:s3/bucket:Bucket", "data-access-logs");
        const logging = companion(custom, "aws:s3/bucketLogging:BucketLogging", up);
        expect(logging.propertyDependencies.targetBucket).to.deep.equal([lg.urn]);
        expect(logging.inputs.targetPrefix).to.equal("data/");
        const rules = companion(
            custom,
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            lg,
        ).inputs.rules as { id: string; expiration?: { days: number } }[];
        expect(rules.find((r) => r.id === "expire-objects")?.expiration).to.deep.equal({
            days: 90,
        });
        expect((up.inputs.tags as Record<string, string>)[EXEMPTION_TAG]).to.equal(undefined);
        expect((lg.inputs.tags as Record<string, string>)[EXEMPTION_TAG]).to.include(
            "s3-bucket-access-logging",
        );
        expect(ofType(custom, "aws:s3/bucketLogging:BucketLogging")).to.have.length(1);
    });

    it("in prod keeps both buckets through a destroy; in dev lets them go", async () => {
        const prod = await planBucket({ protect: true });
        for (const name of ["data", "data-access-logs"]) {
            expect(resource(prod, "aws:s3/bucket:Bucket", name).options).to.include({
                protect: true,
                retainOnDelete: true,
            });
            expect(resource(plan, "aws:s3/bucket:Bucket", name).inputs.forceDestroy).to.equal(true);
        }
    });

    for (const [extra, message] of [
        [{ noncurrentVersionRetentionDays: 0 }, "noncurrentVersionRetentionDays 0 is not allowed"],
        [{ accessLogRetentionDays: 4000 }, "accessLogRetentionDays 4000 is not allowed"],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)}`, async () => {
            const { message: refused } = await planRefusal((opts) => {
                new DataBucket("data", { kmsKeyArn: KEY, ...extra }, opts);
            });
            expect(refused).to.include(`DataBucket data: ${message}`);
        });
    }
});
