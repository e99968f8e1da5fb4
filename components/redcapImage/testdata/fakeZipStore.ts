import * as fs from "node:fs";
import type { S3Location, ZipStore } from "../zipSource";

/** A stand-in for S3: one object whose ETag and bytes the test sets, counting downloads. */
export function fakeZipStore(content = "zip bytes v1", etag = '"etag-1"') {
    const state = { content, etag, downloads: 0, fail: false };
    const store: ZipStore = {
        etag: () =>
            state.fail ? Promise.reject(new Error("AccessDenied")) : Promise.resolve(state.etag),
        download: (_location: S3Location, destination: string) => {
            state.downloads += 1;
            fs.writeFileSync(destination, state.content.slice(0, 4));
            if (state.fail) {
                return Promise.reject(new Error("connection reset"));
            }
            fs.writeFileSync(destination, state.content);
            return Promise.resolve();
        },
    };
    return { store, state };
}
