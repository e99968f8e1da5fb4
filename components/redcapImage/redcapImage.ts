import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
// Only the ECR part of awsx: its package index loads every module (about 80 ms).
import * as awsxEcr from "@pulumi/awsx/ecr";
import * as pulumi from "@pulumi/pulumi";
import { requireWholeNumber } from "../validation";
import {
    copyExtras,
    extrasDigest,
    externalModulesProblems,
    type ImageExtras,
    languagesProblems,
} from "./imageExtras";
import { parseS3Uri, s3ZipInput, s3ZipStore, type ZipStore } from "./zipSource";

export { REDCAP_HTTPS_PORT, REDCAP_USER } from "./imageContract";

export interface RedcapImageArgs {
    /** The REDCap version inside the zip, e.g. `15.0.1` (its folder is `redcap_v15.0.1`). */
    redcapVersion: string;
    /** Path of the REDCap zip downloaded from the REDCap consortium (never committed). */
    redcapZipPath?: string;
    /**
     * Or the zip as an S3 object, `s3://bucket/key.zip`: `pulumi up` downloads it (once per
     * version of the object) with the stack's credentials; the image tag follows its ETag.
     */
    redcapZipS3Uri?: string;
    /** Region and profile the S3 download uses; required with redcapZipS3Uri. */
    s3?: { region: string; profile?: string; store?: ZipStore };
    /** A ready image instead of a build (e.g. built by your own pipeline); no repository is created. */
    prebuiltImageUri?: string;
    /** Key that encrypts the images in ECR. */
    imagesKmsKeyArn: pulumi.Input<string>;
    /** CPU architecture to build for. Default X86_64. */
    architecture?: "X86_64" | "ARM64";
    /** Images kept in the repository; older ones expire. Default 10. */
    keepImages?: number;
    /** Folder where the build context is assembled (Dockerfile, scripts, the zip). */
    buildDirectory: string;
    /** Keep the repository and its images when the stack is destroyed. Default false. */
    protect?: boolean;
    /**
     * Raise it to rebuild the image with Debian's latest security updates although nothing else
     * changed (every build installs them; the tag, and so a rebuild, follows the build's inputs
     * only). Default 1; docs/runbooks/image-updates.md says when.
     */
    rebuild?: number;
    /**
     * External Modules and language files built into the image (the root file system is
     * read-only, so REDCap cannot add them at run time). Not with prebuiltImageUri.
     */
    extras?: ImageExtras;
}

/** Files of this folder that go into every build: the Dockerfile and everything under rootfs/. */
export const CONTEXT_FILES = [
    "Dockerfile",
    ...fs
        .readdirSync(path.join(__dirname, "rootfs"))
        .sort()
        .map((file) => `rootfs/${file}`),
];

/**
 * Assembles the Docker build context: this folder's Dockerfile and scripts plus the user's REDCap
 * zip as `redcap.zip`. Returns the context folder. Copies only what changed.
 * @internal
 */
export function prepareBuildContext(
    zipPath: string,
    buildDirectory: string,
    extras: ImageExtras = {},
): string {
    fs.mkdirSync(path.join(buildDirectory, "rootfs"), { recursive: true });
    const copy = (from: string, to: string) => {
        const target = path.join(buildDirectory, to);
        const fresh = fs.readFileSync(from);
        if (!fs.existsSync(target) || !fs.readFileSync(target).equals(fresh)) {
            fs.writeFileSync(target, fresh, { mode: fs.statSync(from).mode });
        }
    };
    for (const file of CONTEXT_FILES) {
        copy(path.join(__dirname, file), file);
    }
    copy(zipPath, "redcap.zip");
    copyExtras(buildDirectory, extras);
    return buildDirectory;
}

/**
 * The image tag: the REDCap version plus a digest of everything that goes into the build, so a
 * changed script or zip gets a new tag (tags are immutable) and the same inputs the same tag.
 */
export function imageTag(
    redcapVersion: string,
    contextDirectory: string,
    files: string[],
    /** Identifies an input that is not a file here (the S3 zip: its URI and ETag). */
    extra = "",
): string {
    const hash = createHash("sha256").update(extra);
    for (const file of [...files].sort()) {
        hash.update(file)
            .update("\0")
            .update(fs.readFileSync(path.join(contextDirectory, file)));
    }
    return `${redcapVersion}-${hash.digest("hex").slice(0, 12)}`;
}

/**
 * REDCap's container image: built at deploy time from this folder's Dockerfile and the user's
 * REDCap zip into an ECR repository encrypted with our key (scan on push, immutable tags, the
 * last N images kept), or a prebuilt image URI given by config. The tag is the REDCap version plus
 * a digest of the build's inputs, so changing the version (or a script) builds a new image and
 * rolls the service.
 */
export class RedcapImage extends pulumi.ComponentResource {
    public readonly imageUri: pulumi.Output<string>;
    /** The repository, when this component builds the image. */
    public readonly repositoryArn: pulumi.Output<string | undefined>;

    constructor(name: string, args: RedcapImageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:app:RedcapImage", name, {}, opts);
        const where = `RedcapImage ${name}`;
        const keep = args.keepImages ?? 10;
        const architecture = args.architecture ?? "X86_64";
        const protect = args.protect ?? false;
        if (!/^\d+\.\d+\.\d+$/.test(args.redcapVersion)) {
            throw new Error(
                `${where}: redcapVersion "${args.redcapVersion}" is not allowed; expected a version such as 15.0.1`,
            );
        }
        const sources = [args.redcapZipPath, args.redcapZipS3Uri, args.prebuiltImageUri];
        if (sources.filter(Boolean).length !== 1) {
            throw new Error(
                `${where}: give exactly one of redcapZipPath or redcapZipS3Uri (build the image) and prebuiltImageUri (use a ready one)`,
            );
        }
        const s3Location = args.redcapZipS3Uri ? parseS3Uri(args.redcapZipS3Uri) : undefined;
        if (s3Location && "error" in s3Location) {
            throw new Error(
                `${where}: redcapZipS3Uri "${args.redcapZipS3Uri}" is not allowed; ${s3Location.error}`,
            );
        }
        if (s3Location && !args.s3) {
            throw new Error(`${where}: redcapZipS3Uri needs s3 (the region to download from)`);
        }
        requireWholeNumber(where, "keepImages", keep, 1, 1000);
        const rebuild = args.rebuild ?? 1;
        requireWholeNumber(where, "rebuild", rebuild, 1, 1_000_000);
        const extras = args.extras ?? {};
        if (args.prebuiltImageUri && (extras.externalModules || extras.languages)) {
            throw new Error(
                `${where}: extras are not allowed with prebuiltImageUri; expected them built into your own image`,
            );
        }
        for (const [arg, dir, check] of [
            ["extras.externalModules", extras.externalModules, externalModulesProblems],
            ["extras.languages", extras.languages, languagesProblems],
        ] as const) {
            const problems = dir ? check(dir) : [];
            if (problems.length > 0) {
                throw new Error(`${where}: ${arg} ${dir}: ${problems.join("; ")}`);
            }
        }

        if (args.prebuiltImageUri) {
            this.imageUri = pulumi.output(args.prebuiltImageUri);
            this.repositoryArn = pulumi.output(undefined);
            this.registerOutputs({ imageUri: this.imageUri });
            return;
        }

        // The build's inputs: the zip (once it is here) and what identifies it in the tag.
        let zip: pulumi.Output<{ path?: string; id: string }>;
        if (s3Location) {
            zip = pulumi.output(
                s3ZipInput(
                    args.redcapZipS3Uri!,
                    s3Location,
                    args.s3!.store ?? s3ZipStore(args.s3!.region, args.s3!.profile),
                    {
                        preview: pulumi.runtime.isDryRun(),
                        cacheDirectory: path.join(args.buildDirectory, "..", "zips"),
                        warn: (message) => void pulumi.log.warn(`${where}: ${message}`, this),
                    },
                ).catch((e: unknown) => {
                    throw new Error(`${where}: ${e instanceof Error ? e.message : String(e)}`);
                }),
            );
        } else {
            const zipPath = args.redcapZipPath!;
            const zipExists = fs.existsSync(zipPath);
            if (!zipExists && !pulumi.runtime.isDryRun()) {
                throw new Error(
                    `${where}: redcapZipPath ${zipPath} does not exist; download REDCap from the REDCap consortium and point to its zip`,
                );
            }
            if (!zipExists) {
                void pulumi.log.warn(
                    `${where}: ${zipPath} not found; the image cannot be built until it is there`,
                    this,
                );
            }
            zip = pulumi.output({ path: zipExists ? zipPath : undefined, id: "" });
        }
        const context = zip.apply((z) =>
            z.path ? prepareBuildContext(z.path, args.buildDirectory, extras) : args.buildDirectory,
        );
        // A local zip is identified by its bytes, an S3 one by its URI and ETag (the same in
        // preview and up, so a preview shows the tag pulumi up will push).
        // The extras are in the tag by digest, whichever way the zip comes, and so is a rebuild
        // asked for (the first, 1, adds nothing, so existing tags stay as they were).
        const extrasId =
            (extras.externalModules || extras.languages ? extrasDigest(extras) : "") +
            (rebuild > 1 ? `#rebuild-${rebuild}` : "");
        const tag = zip.apply((z) =>
            z.path && !z.id
                ? imageTag(
                      args.redcapVersion,
                      args.buildDirectory,
                      [...CONTEXT_FILES, "redcap.zip"],
                      extrasId,
                  )
                : imageTag(args.redcapVersion, __dirname, CONTEXT_FILES, z.id + extrasId),
        );

        const repository = new aws.ecr.Repository(
            `${name}-repo`,
            {
                imageTagMutability: "IMMUTABLE",
                imageScanningConfiguration: { scanOnPush: true },
                encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.imagesKmsKeyArn }],
                forceDelete: !protect,
            },
            { parent: this, protect, retainOnDelete: protect },
        );
        new aws.ecr.LifecyclePolicy(
            `${name}-repo`,
            {
                repository: repository.name,
                policy: JSON.stringify({
                    rules: [
                        {
                            rulePriority: 1,
                            description: `Keep the last ${keep} images`,
                            selection: {
                                tagStatus: "any",
                                countType: "imageCountMoreThan",
                                countNumber: keep,
                            },
                            action: { type: "expire" },
                        },
                    ],
                }),
            },
            { parent: this },
        );
        const image = new awsxEcr.Image(
            `${name}-image`,
            {
                repositoryUrl: repository.repositoryUrl,
                context,
                dockerfile: context.apply((dir) => path.join(dir, "Dockerfile")),
                platform: architecture === "ARM64" ? "linux/arm64" : "linux/amd64",
                imageTag: tag,
                args: { REDCAP_VERSION: args.redcapVersion },
            },
            { parent: this },
        );
        this.imageUri = image.imageUri;
        this.repositoryArn = repository.arn;
        this.registerOutputs({ imageUri: this.imageUri, repositoryArn: this.repositoryArn });
    }
}
