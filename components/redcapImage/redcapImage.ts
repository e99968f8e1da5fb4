import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
// Only the ECR part of awsx: its package index loads every module (about 80 ms).
import * as awsxEcr from "@pulumi/awsx/ecr";
import * as pulumi from "@pulumi/pulumi";
import { requireWholeNumber } from "../validation";

export interface RedcapImageArgs {
    /** The REDCap version inside the zip, e.g. `15.0.1` (its folder is `redcap_v15.0.1`). */
    redcapVersion: string;
    /** Path of the REDCap zip downloaded from the REDCap consortium (never committed). */
    redcapZipPath?: string;
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
}

/** Files of this folder that go into every build. */
export const CONTEXT_FILES = [
    "Dockerfile",
    "rootfs/render-config.php",
    "rootfs/redcap-setup.php",
    "rootfs/entrypoint.sh",
    "rootfs/health.php",
    "rootfs/apache-redcap.conf",
    "rootfs/php-redcap.ini",
];

/**
 * Assembles the Docker build context: this folder's Dockerfile and scripts plus the user's REDCap
 * zip as `redcap.zip`. Returns the context folder. Copies only what changed.
 * @internal
 */
export function prepareBuildContext(zipPath: string, buildDirectory: string): string {
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
    return buildDirectory;
}

/**
 * The image tag: the REDCap version plus a digest of everything that goes into the build, so a
 * changed script or zip gets a new tag (tags are immutable) and the same inputs the same tag.
 */
export function imageTag(redcapVersion: string, contextDirectory: string, files: string[]): string {
    const hash = createHash("sha256");
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
        if (!args.redcapZipPath === !args.prebuiltImageUri) {
            throw new Error(
                `${where}: give exactly one of redcapZipPath (build the image) and prebuiltImageUri (use a ready one)`,
            );
        }
        requireWholeNumber(where, "keepImages", keep, 1, 1000);

        if (args.prebuiltImageUri) {
            this.imageUri = pulumi.output(args.prebuiltImageUri);
            this.repositoryArn = pulumi.output(undefined);
            this.registerOutputs({ imageUri: this.imageUri });
            return;
        }

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
        const context = zipExists
            ? prepareBuildContext(zipPath, args.buildDirectory)
            : args.buildDirectory;

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
                dockerfile: path.join(context, "Dockerfile"),
                platform: architecture === "ARM64" ? "linux/arm64" : "linux/amd64",
                imageTag: imageTag(
                    args.redcapVersion,
                    zipExists ? context : __dirname,
                    zipExists ? [...CONTEXT_FILES, "redcap.zip"] : CONTEXT_FILES,
                ),
                args: { REDCAP_VERSION: args.redcapVersion },
            },
            { parent: this },
        );
        this.imageUri = image.imageUri;
        this.repositoryArn = repository.arn;
        this.registerOutputs({ imageUri: this.imageUri, repositoryArn: this.repositoryArn });
    }
}
