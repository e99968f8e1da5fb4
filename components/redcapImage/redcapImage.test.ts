import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { ofType, planComponent, planRefusal, resource } from "../../test/harness";
import { CONTEXT_FILES, imageTag, RedcapImage, type RedcapImageArgs } from "./redcapImage";
import { fakeZipStore } from "./testdata/fakeZipStore";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/images";

function fakeZip(): string {
    // Stands in for the REDCap zip (licensed, never in the repository): only its bytes matter here.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redcap-zip-"));
    const zip = path.join(dir, "redcap15.0.1.zip");
    fs.writeFileSync(zip, "not really a zip");
    return zip;
}

const build = (extra: Partial<RedcapImageArgs> = {}) => {
    const buildDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "redcap-build-"));
    return {
        buildDirectory,
        plan: planComponent(
            (opts) =>
                new RedcapImage(
                    "image",
                    {
                        redcapVersion: "15.0.1",
                        imagesKmsKeyArn: KEY,
                        buildDirectory,
                        redcapZipPath: fakeZip(),
                        ...extra,
                    },
                    opts,
                ),
        ),
    };
};

describe("RedcapImage", () => {
    it("builds into a KMS-encrypted, scanned, immutable repository that keeps the last images", async () => {
        const { plan, buildDirectory } = build({ keepImages: 5 });
        const p = await plan;
        const repo = resource(p, "aws:ecr/repository:Repository", "image-repo");
        expect(repo.inputs).to.deep.include({
            imageTagMutability: "IMMUTABLE",
            imageScanningConfiguration: { scanOnPush: true },
            encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY }],
        });
        const lifecycle = JSON.parse(
            resource(p, "aws:ecr/lifecyclePolicy:LifecyclePolicy", "image-repo").inputs
                .policy as string,
        );
        expect(lifecycle.rules[0].selection).to.deep.equal({
            tagStatus: "any",
            countType: "imageCountMoreThan",
            countNumber: 5,
        });
        const image = resource(p, "awsx:ecr:Image", "image-image");
        expect(image.inputs).to.deep.include({
            context: buildDirectory,
            platform: "linux/amd64",
            args: { REDCAP_VERSION: "15.0.1" },
        });
        expect(String(image.inputs.imageTag)).to.match(/^15\.0\.1-[0-9a-f]{12}$/);
        expect(image.propertyDependencies.repositoryUrl).to.deep.equal([repo.urn]);
        for (const file of [...CONTEXT_FILES, "redcap.zip"]) {
            expect(fs.existsSync(path.join(buildDirectory, file)), file).to.equal(true);
        }
    });

    it("tags by content: the same inputs give the same tag, a changed file a new one", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tag-"));
        fs.writeFileSync(path.join(dir, "a"), "1");
        fs.writeFileSync(path.join(dir, "b"), "2");
        const first = imageTag("15.0.1", dir, ["a", "b"]);
        expect(imageTag("15.0.1", dir, ["b", "a"])).to.equal(first);
        fs.writeFileSync(path.join(dir, "b"), "3");
        expect(imageTag("15.0.1", dir, ["a", "b"])).not.to.equal(first);
        expect(imageTag("15.0.2", dir, ["a", "b"]).startsWith("15.0.2-")).to.equal(true);
    });

    it("builds a new image when a rebuild is asked for or an External Module changes, and the same one otherwise", async () => {
        const tagOf = async (extra: Partial<RedcapImageArgs>) =>
            String(
                resource(await build(extra).plan, "awsx:ecr:Image", "image-image").inputs.imageTag,
            );
        const first = await tagOf({});
        expect(await tagOf({ rebuild: 1 })).to.equal(first);
        const rebuilt = await tagOf({ rebuild: 2 });
        expect(rebuilt).to.not.equal(first);
        const modules = fs.mkdtempSync(path.join(os.tmpdir(), "modules-"));
        fs.mkdirSync(path.join(modules, "vizr_v1.2.3"));
        fs.writeFileSync(path.join(modules, "vizr_v1.2.3", "config.json"), "{}");
        const withModule = await tagOf({ extras: { externalModules: modules } });
        expect([first, rebuilt]).not.to.include(withModule);
        fs.writeFileSync(path.join(modules, "vizr_v1.2.3", "config.json"), '{"v":2}');
        expect(await tagOf({ extras: { externalModules: modules } })).to.not.equal(withModule);
    });

    it("refuses a missing zip on pulumi up, and only warns in a preview (the build needs it, the plan does not)", async () => {
        let error: unknown;
        const missing = {
            redcapVersion: "15.0.1",
            imagesKmsKeyArn: KEY,
            buildDirectory: os.tmpdir(),
            redcapZipPath: "/nonexistent/redcap.zip",
        };
        await planComponent(
            (opts) => {
                try {
                    new RedcapImage("image", missing, opts);
                } catch (e) {
                    error = e;
                }
            },
            { preview: false },
        );
        expect(String(error)).to.include("redcapZipPath /nonexistent/redcap.zip does not exist");
        const preview = await planComponent((opts) => new RedcapImage("image", missing, opts));
        expect(ofType(preview, "awsx:ecr:Image")).to.have.length(1);
    });

    describe("with the zip in S3", () => {
        const URI = "s3://research-it-artifacts/redcap/redcap15.0.1.zip";
        const plan = (fake: ReturnType<typeof fakeZipStore>, preview: boolean) => {
            const buildDirectory = path.join(
                fs.mkdtempSync(path.join(os.tmpdir(), "redcap-build-")),
                "stack",
            );
            const args: RedcapImageArgs = {
                redcapVersion: "15.0.1",
                imagesKmsKeyArn: KEY,
                buildDirectory,
                redcapZipS3Uri: URI,
                s3: { region: "us-east-1", store: fake.store },
            };
            return {
                buildDirectory,
                plan: planComponent((opts) => new RedcapImage("image", args, opts), { preview }),
            };
        };
        const tagFor = (etag: string) =>
            imageTag("15.0.1", __dirname, CONTEXT_FILES, `${URI}#${etag}`);

        it("downloads the zip in a preview too (the image builds there), with the tag pulumi up will push", async () => {
            const fake = fakeZipStore();
            const { plan: preview, buildDirectory } = plan(fake, true);
            const image = resource(await preview, "awsx:ecr:Image", "image-image");
            expect(fake.state.downloads).to.equal(1);
            expect(fs.existsSync(path.join(buildDirectory, "redcap.zip"))).to.equal(true);
            expect(image.inputs.imageTag).to.equal(tagFor('"etag-1"'));
        });

        it("downloads the zip into the build on pulumi up, and a new object version gets a new tag", async () => {
            const fake = fakeZipStore();
            const { plan: up, buildDirectory } = plan(fake, false);
            const image = resource(await up, "awsx:ecr:Image", "image-image");
            expect(fake.state.downloads).to.equal(1);
            expect(image.inputs.imageTag).to.equal(tagFor('"etag-1"'));
            expect(fs.readFileSync(path.join(buildDirectory, "redcap.zip"), "utf8")).to.equal(
                "zip bytes v1",
            );
            expect(tagFor('"etag-2"')).not.to.equal(tagFor('"etag-1"'));
        });

        it("only warns when a preview cannot read the object", async () => {
            const fake = fakeZipStore();
            fake.state.fail = true;
            const preview = await plan(fake, true).plan;
            expect(ofType(preview, "awsx:ecr:Image")).to.have.length(1);
            expect(fake.state.downloads).to.equal(0);
        });
    });

    it("uses a prebuilt image without creating a repository", async () => {
        const { plan } = build({
            redcapZipPath: undefined,
            prebuiltImageUri: "registry.example.edu/redcap:15.0.1",
        });
        const p = await plan;
        expect(ofType(p, "aws:ecr/repository:Repository")).to.have.length(0);
        expect(ofType(p, "awsx:ecr:Image")).to.have.length(0);
    });

    for (const [extra, message] of [
        [
            { redcapVersion: "15" },
            'redcapVersion "15" is not allowed; expected a version such as 15.0.1',
        ],
        [{ prebuiltImageUri: "x/y:1" }, "give exactly one of redcapZipPath"],
        [
            {
                redcapZipPath: undefined,
                redcapZipS3Uri: "s3://b/redcap",
                s3: { region: "us-east-1" },
            },
            'redcapZipS3Uri "s3://b/redcap" is not allowed; expected s3://<bucket>/<key>.zip',
        ],
        [
            { redcapZipPath: undefined, redcapZipS3Uri: "s3://bucket/redcap.zip" },
            "redcapZipS3Uri needs s3 (the region to download from)",
        ],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)}`, async () => {
            const { message: refused } = await planRefusal((opts) => {
                new RedcapImage(
                    "image",
                    {
                        ...{
                            redcapVersion: "15.0.1",
                            imagesKmsKeyArn: KEY,
                            buildDirectory: os.tmpdir(),
                        },
                        redcapZipPath: fakeZip(),
                        ...(extra as Partial<RedcapImageArgs>),
                    },
                    opts,
                );
            });
            expect(refused).to.include(message);
        });
    }
});
