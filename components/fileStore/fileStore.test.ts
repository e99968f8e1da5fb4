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
    statementsBySid,
} from "../../test/harness";
import { EXEMPTION_TAG } from "../tags";
import { FileStore, type FileStoreArgs } from "./fileStore";

const FILES_KEY = "arn:aws:kms:us-east-1:123456789012:key/files";
const SECRETS_KEY = "arn:aws:kms:us-east-1:123456789012:key/secrets";

const planStore = (extra: Partial<FileStoreArgs> = {}) =>
    planComponent(
        (opts) =>
            new FileStore(
                "files",
                { kmsKeyArn: FILES_KEY, secretsKmsKeyArn: SECRETS_KEY, ...extra },
                opts,
            ),
    );

describe("FileStore", () => {
    let plan: Plan;
    let uploads: PlanResource;
    let logs: PlanResource;
    before(async () => {
        plan = await planStore();
        uploads = resource(plan, "aws:s3/bucket:Bucket", "files-uploads");
        logs = resource(plan, "aws:s3/bucket:Bucket", "files-access-logs");
    });

    it("encrypts uploads with the files key and a bucket key, and versions them", () => {
        const sse = companion(
            plan,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            uploads,
        );
        expect(sse.inputs.rules).to.deep.equal([
            {
                applyServerSideEncryptionByDefault: {
                    sseAlgorithm: "aws:kms",
                    kmsMasterKeyId: FILES_KEY,
                },
                bucketKeyEnabled: true,
            },
        ]);
        const versioning = companion(plan, "aws:s3/bucketVersioning:BucketVersioning", uploads);
        expect(versioning.inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
    });

    it("blocks every form of public access and disables ACLs on both buckets", () => {
        for (const bucket of [uploads, logs]) expectPrivateBucket(plan, bucket);
    });

    it("denies plain HTTP and old TLS, and grants objects only to REDCap's user", () => {
        const policy = jsonInput<PolicyDocument>(
            companion(plan, "aws:s3/bucketPolicy:BucketPolicy", uploads),
            "policy",
        );
        const bySid = statementsBySid(policy);
        expect(bySid.DenyInsecureTransport.Condition).to.deep.equal({
            Bool: { "aws:SecureTransport": "false" },
        });
        expect(bySid.DenyTlsOlderThan12.Effect).to.equal("Deny");
        const allowed = policy.Statement.filter((s) => s.Effect === "Allow");
        expect(allowed).to.have.length(2);
        for (const statement of allowed) {
            const principals = (statement.Principal as { AWS: string[] }).AWS;
            expect(principals).to.have.length(1);
            expect(principals[0]).to.match(
                /^arn:aws:iam::123456789012:user\/redcap\/files-redcap-[0-9a-f]{7}$/,
            );
            expect(statement.Action).not.to.include("s3:*");
        }
    });

    it("expires noncurrent versions after the retention and logs access to a private SSE-S3 log bucket", async () => {
        const custom = await planStore({
            noncurrentVersionRetentionDays: 90,
            accessLogRetentionDays: 731,
        });
        const up = resource(custom, "aws:s3/bucket:Bucket", "files-uploads");
        const lg = resource(custom, "aws:s3/bucket:Bucket", "files-access-logs");
        const rules = companion(
            custom,
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            up,
        ).inputs.rules as {
            id: string;
            noncurrentVersionExpiration?: { noncurrentDays: number };
        }[];
        expect(
            rules.find((r) => r.id === "expire-noncurrent-versions")?.noncurrentVersionExpiration,
        ).to.deep.equal({ noncurrentDays: 90 });
        const logRules = companion(
            custom,
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            lg,
        ).inputs.rules as {
            id: string;
            expiration?: { days: number };
        }[];
        expect(logRules.find((r) => r.id === "expire-objects")?.expiration).to.deep.equal({
            days: 731,
        });
        const logging = companion(custom, "aws:s3/bucketLogging:BucketLogging", up);
        expect(logging.propertyDependencies.targetBucket).to.deep.equal([lg.urn]);
        expect(logging.inputs.targetPrefix).to.equal("uploads/");
        const sse = companion(
            custom,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            lg,
        );
        expect(sse.inputs.rules).to.deep.equal([
            { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ]);
        expect((lg.inputs.tags as Record<string, string>)[EXEMPTION_TAG]).to.equal(
            "s3-bucket-kms-default-encryption s3-bucket-access-logging",
        );
        const logPolicy = jsonInput<PolicyDocument>(
            companion(custom, "aws:s3/bucketPolicy:BucketPolicy", lg),
            "policy",
        );
        const delivery = logPolicy.Statement.find((s) => s.Sid === "S3ServerAccessLogsDelivery");
        expect(delivery?.Principal).to.deep.equal({ Service: "logging.s3.amazonaws.com" });
        expect(delivery?.Condition?.StringEquals).to.deep.equal({
            "aws:SourceAccount": "123456789012",
        });
        expect(ofType(custom, "aws:s3/bucketPolicy:BucketPolicy")).to.have.length(2);
    });

    it("limits REDCap's user to its bucket and key, and keeps its key in an encrypted secret", () => {
        const policy = jsonInput<PolicyDocument>(
            resource(plan, "aws:iam/policy:Policy", "files-redcap"),
            "policy",
        );
        const [bucketArn] = policy.Statement.map((s) => String(s.Resource));
        expect(bucketArn).to.match(/^arn:aws:s3:::files-uploads-[0-9a-f]{7}$/);
        expect(policy.Statement.map((s) => s.Resource)).to.deep.equal([
            bucketArn,
            `${bucketArn}/*`,
            FILES_KEY,
        ]);
        const secret = resource(plan, "aws:secretsmanager/secret:Secret", "files-s3-access-key");
        expect(secret.inputs.kmsKeyId).to.equal(SECRETS_KEY);
        const version = resource(
            plan,
            "aws:secretsmanager/secretVersion:SecretVersion",
            "files-s3-access-key",
        );
        expect(version.inputs.secretString).to.equal("[secret]");
        expect(ofType(plan, "aws:iam/accessKey:AccessKey").map((k) => k.name)).to.deep.equal([
            "files-redcap-key-1",
        ]);
    });

    it("rotates the access key by generation: a new key resource replaces the old one", async () => {
        const rotated = await planStore({ accessKeyGeneration: 2 });
        expect(ofType(rotated, "aws:iam/accessKey:AccessKey").map((k) => k.name)).to.deep.equal([
            "files-redcap-key-2",
        ]);
        const version = resource(
            rotated,
            "aws:secretsmanager/secretVersion:SecretVersion",
            "files-s3-access-key",
        );
        const key = resource(rotated, "aws:iam/accessKey:AccessKey", "files-redcap-key-2");
        expect(version.propertyDependencies.secretString).to.include(key.urn);
    });

    it("in prod keeps both buckets and the secret through a destroy; in dev lets them go", async () => {
        const prod = await planStore({ protect: true });
        for (const name of ["files-uploads", "files-access-logs"]) {
            const bucket = resource(prod, "aws:s3/bucket:Bucket", name);
            expect(bucket.options).to.include({ protect: true, retainOnDelete: true });
            expect(bucket.inputs.forceDestroy).to.equal(false);
            const devBucket = resource(plan, "aws:s3/bucket:Bucket", name);
            expect(devBucket.options).to.include({ protect: false, retainOnDelete: false });
            expect(devBucket.inputs.forceDestroy).to.equal(true);
        }
        expect(
            resource(prod, "aws:secretsmanager/secret:Secret", "files-s3-access-key").inputs
                .recoveryWindowInDays,
        ).to.equal(30);
        expect(
            resource(plan, "aws:secretsmanager/secret:Secret", "files-s3-access-key").inputs
                .recoveryWindowInDays,
        ).to.equal(0);
    });

    it("adds object lock with the chosen mode only when asked", async () => {
        expect(
            ofType(plan, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"),
        ).to.have.length(0);
        const locked = await planStore({ objectLock: { mode: "GOVERNANCE", days: 30 } });
        const up = resource(locked, "aws:s3/bucket:Bucket", "files-uploads");
        expect(up.inputs.objectLockEnabled).to.equal(true);
        expect(
            companion(
                locked,
                "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
                up,
            ).inputs.rule,
        ).to.deep.equal({
            defaultRetention: { mode: "GOVERNANCE", days: 30 },
        });
    });

    for (const [extra, message] of [
        [
            { noncurrentVersionRetentionDays: 0 },
            "noncurrentVersionRetentionDays 0 is not allowed; expected a whole number from 1 to 3650",
        ],
        [{ accessLogRetentionDays: 1.5 }, "accessLogRetentionDays 1.5 is not allowed"],
        [{ accessKeyGeneration: 0 }, "accessKeyGeneration 0 is not allowed"],
        [
            { objectLock: { mode: "LEGAL", days: 1 } },
            'objectLock.mode "LEGAL" is not allowed; expected "GOVERNANCE" or "COMPLIANCE"',
        ],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)}`, async () => {
            const { message: refused } = await planRefusal((opts) => {
                new FileStore(
                    "files",
                    {
                        kmsKeyArn: FILES_KEY,
                        secretsKmsKeyArn: SECRETS_KEY,
                        ...(extra as Partial<FileStoreArgs>),
                    },
                    opts,
                );
            });
            expect(refused).to.include(message);
        });
    }
});
