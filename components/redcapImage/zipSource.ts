import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** The REDCap zip as an object in S3 (`s3://bucket/key.zip`). */
export interface S3Location {
    bucket: string;
    key: string;
}

/** Bucket names as S3 allows them; the key must name a zip. */
export function parseS3Uri(uri: string): S3Location | { error: string } {
    const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+\.zip)$/.exec(uri);
    if (!match || match[1].includes("..")) {
        return { error: "expected s3://<bucket>/<key>.zip" };
    }
    return { bucket: match[1], key: match[2] };
}

/** What the build needs from S3: the object's version tag and its bytes. */
export interface ZipStore {
    etag(location: S3Location): Promise<string>;
    download(location: S3Location, destination: string): Promise<void>;
}

/** The real store: AWS's S3 client, with the stack's region and profile. */
export function s3ZipStore(region: string, profile?: string): ZipStore {
    // The SDK loads only when a stack fetches its zip from S3, keeping other plans fast.
    const sdk = import("@aws-sdk/client-s3").then((s3) => ({
        s3,
        client: new s3.S3Client({ region, profile }),
    }));
    return {
        async etag({ bucket, key }) {
            const { s3, client } = await sdk;
            const head = await client.send(new s3.HeadObjectCommand({ Bucket: bucket, Key: key }));
            return head.ETag ?? "";
        },
        async download({ bucket, key }, destination) {
            const { s3, client } = await sdk;
            const object = await client.send(new s3.GetObjectCommand({ Bucket: bucket, Key: key }));
            await pipeline(object.Body as Readable, fs.createWriteStream(destination));
        },
    };
}

/**
 * The zip's local copy in `cacheDirectory`, named after the object and its ETag: fetched once
 * per version of the object, written under a temporary name and renamed, so an interrupted
 * download is never taken for a complete one.
 */
export async function cachedZip(
    location: S3Location,
    etag: string,
    cacheDirectory: string,
    store: ZipStore,
): Promise<string> {
    const id = createHash("sha256")
        .update(`${location.bucket}/${location.key}\0${etag}`)
        .digest("hex")
        .slice(0, 16);
    const target = path.join(cacheDirectory, `redcap-${id}.zip`);
    if (!fs.existsSync(target)) {
        fs.mkdirSync(cacheDirectory, { recursive: true });
        const partial = `${target}.${process.pid}.partial`;
        try {
            await store.download(location, partial);
            fs.renameSync(partial, target);
        } finally {
            fs.rmSync(partial, { force: true });
        }
    }
    return target;
}

/**
 * The S3 zip as a build input: its local copy and what identifies it. Previews download it too:
 * awsx's image (docker-build, `buildOnPreview` on) builds during every preview once the
 * repository exists, and needs the zip in its context. A preview that cannot read the object
 * warns and goes on without it; `pulumi up` fails, naming the object. `id` names the object's
 * version for the image tag, so previews show the tag `pulumi up` pushes.
 */
export async function s3ZipInput(
    uri: string,
    location: S3Location,
    store: ZipStore,
    options: { preview: boolean; cacheDirectory: string; warn: (message: string) => void },
): Promise<{ path?: string; id: string }> {
    try {
        const etag = await store.etag(location);
        return {
            path: await cachedZip(location, etag, options.cacheDirectory, store),
            id: `${uri}#${etag}`,
        };
    } catch (e) {
        if (!options.preview) {
            throw new Error(`cannot read ${uri}: ${String(e)}`);
        }
        options.warn(`cannot read ${uri} (${String(e)}); pulumi up will need it`);
        return { path: undefined, id: `${uri}#unknown` };
    }
}
