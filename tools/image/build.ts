import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import {
    CONTEXT_FILES,
    imageTag,
    prepareBuildContext,
} from "../../components/redcapImage/redcapImage";
import { extrasDigest, type ImageExtras } from "../../components/redcapImage/imageExtras";
import { ensureLocalBase, pinnedBase } from "./base";
import { podman, podmanStreaming, ULIMIT_FLAGS } from "./podman";
import { STAND_IN_VERSION, writeStandInZip } from "./standInRedcap";

/**
 * Builds REDCap's image here, with podman, from the real Dockerfile and the real build context:
 * the context is assembled by the same prepareBuildContext that RedcapImage (awsx.ecr.Image) uses
 * for `pulumi up`, with the stand-in REDCap zip in place of the consortium's, and the image is
 * tagged as RedcapImage would tag it. Only the base (a local Debian of the Dockerfile's release)
 * and the RDS certificate bundle (AWS's download is not reachable here; the container tests mount
 * their own CA over it) differ from a user's build.
 */

export const PROJECT_DIR = path.resolve(__dirname, "..", "..");
export const BUILD_DIR = path.join(PROJECT_DIR, ".build", "image");
export const IMAGE_REPOSITORY = "localhost/redcap";
const DOCKERFILE = path.join(PROJECT_DIR, "components", "redcapImage", "Dockerfile");
const TESTDATA = path.join(PROJECT_DIR, "components", "redcapImage", "testdata");

/** An External Module and a language file, built in as an institution's would be. */
export const STAND_IN_EXTRAS: ImageExtras = {
    externalModules: path.join(TESTDATA, "external-modules"),
    languages: path.join(TESTDATA, "languages"),
};

/** Assembles the build context (stand-in zip included) and returns it with the image's reference. */
export function prepareLocalContext(): { context: string; reference: string } {
    fs.mkdirSync(BUILD_DIR, { recursive: true });
    const zip = writeStandInZip(path.join(BUILD_DIR, "redcap-stand-in.zip"), BUILD_DIR);
    const context = prepareBuildContext(zip, path.join(BUILD_DIR, "context"), STAND_IN_EXTRAS);
    const tag = imageTag(
        STAND_IN_VERSION,
        context,
        [...CONTEXT_FILES, "redcap.zip"],
        extrasDigest(STAND_IN_EXTRAS),
    );
    return { context, reference: `${IMAGE_REPOSITORY}:${tag}` };
}

/** Serves one file over loopback HTTP while `work` runs (the build's ADD of the RDS bundle). */
async function servingFile<T>(file: string, work: (url: string) => Promise<T>): Promise<T> {
    const server = http.createServer((_request, response) => {
        response.writeHead(200, { "Content-Type": "application/x-pem-file" });
        response.end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
        const { port } = server.address() as AddressInfo;
        return await work(`http://127.0.0.1:${port}/global-bundle.pem`);
    } finally {
        await new Promise((resolve) => server.close(resolve));
    }
}

export interface BuildOptions {
    /** Rebuild the local Debian base (e.g. for Debian's latest security updates). */
    refreshBase?: boolean;
    /** Build even when an image with this reference exists. */
    force?: boolean;
    log?: (line: string) => void;
}

/** Builds the image (or finds it built from the same inputs) and returns its local reference. */
export async function buildImage(options: BuildOptions = {}): Promise<string> {
    const log = options.log ?? ((line: string) => console.log(line));
    const base = pinnedBase(fs.readFileSync(DOCKERFILE, "utf8"));
    const localBase = ensureLocalBase(base.release, { refresh: options.refreshBase, log });
    const { context, reference } = prepareLocalContext();
    if (
        !options.force &&
        !options.refreshBase &&
        podman(["image", "exists", reference]).status === 0
    ) {
        log(`image: ${reference} is already built from these inputs (--force rebuilds it)`);
        return reference;
    }
    log(
        `image: building ${reference} from ${path.relative(PROJECT_DIR, context)} (about 5 minutes)`,
    );
    const code = await servingFile("/etc/ssl/certs/ca-certificates.crt", (bundleUrl) =>
        podmanStreaming([
            "build",
            "--format",
            "docker", // podman's OCI format drops HEALTHCHECK, which the tests run
            "--network",
            "host",
            ...ULIMIT_FLAGS,
            "--platform",
            "linux/amd64",
            "--build-arg",
            `BASE_IMAGE=${localBase}`,
            "--build-arg",
            `REDCAP_VERSION=${STAND_IN_VERSION}`,
            "--build-arg",
            `RDS_CA_BUNDLE_URL=${bundleUrl}`,
            "--file",
            path.join(context, "Dockerfile"),
            "--tag",
            reference,
            context,
        ]),
    );
    if (code !== 0) {
        throw new Error(`podman build failed (exit ${code}); its output is above`);
    }
    return reference;
}
