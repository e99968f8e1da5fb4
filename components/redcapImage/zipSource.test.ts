import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { fakeZipStore } from "./testdata/fakeZipStore";
import { cachedZip, parseS3Uri, s3ZipInput } from "./zipSource";

describe("REDCap zip from S3", () => {
    it("reads s3://bucket/key.zip and refuses anything else", () => {
        expect(parseS3Uri("s3://research-it-artifacts/redcap/redcap15.0.1.zip")).to.deep.equal({
            bucket: "research-it-artifacts",
            key: "redcap/redcap15.0.1.zip",
        });
        for (const bad of [
            "s3://Bucket/redcap.zip",
            "s3://bucket/redcap.tar.gz",
            "s3://bucket/",
            "s3://a..b/redcap.zip",
            "https://bucket.s3.amazonaws.com/redcap.zip",
        ]) {
            expect(parseS3Uri(bad), bad).to.deep.equal({
                error: "expected s3://<bucket>/<key>.zip",
            });
        }
    });

    it("downloads once per version of the object, and again when its ETag changes", async () => {
        const cache = fs.mkdtempSync(path.join(os.tmpdir(), "zip-cache-"));
        const { store, state } = fakeZipStore();
        const where = { bucket: "b", key: "redcap.zip" };
        const first = await cachedZip(where, state.etag, cache, store);
        expect(await cachedZip(where, state.etag, cache, store)).to.equal(first);
        expect(state.downloads).to.equal(1);
        expect(fs.readFileSync(first, "utf8")).to.equal("zip bytes v1");
        state.content = "zip bytes v2";
        state.etag = '"etag-2"';
        const second = await cachedZip(where, state.etag, cache, store);
        expect(second).not.to.equal(first);
        expect(fs.readFileSync(second, "utf8")).to.equal("zip bytes v2");
        expect(state.downloads).to.equal(2);
    });

    it("never keeps an interrupted download", async () => {
        const cache = fs.mkdtempSync(path.join(os.tmpdir(), "zip-cache-"));
        const { store, state } = fakeZipStore();
        state.fail = true;
        let error: unknown;
        try {
            await cachedZip({ bucket: "b", key: "redcap.zip" }, '"etag-1"', cache, store);
        } catch (e) {
            error = e;
        }
        expect(String(error)).to.include("connection reset");
        expect(fs.readdirSync(cache)).to.deep.equal([]);
    });

    it("fails pulumi up, naming the object, when it cannot be read; a preview only warns", async () => {
        const { store, state } = fakeZipStore();
        state.fail = true;
        const uri = "s3://b/redcap.zip";
        const warnings: string[] = [];
        const options = {
            cacheDirectory: fs.mkdtempSync(path.join(os.tmpdir(), "zip-cache-")),
            warn: (message: string) => warnings.push(message),
        };
        const where = { bucket: "b", key: "redcap.zip" };
        expect(await s3ZipInput(uri, where, store, { ...options, preview: true })).to.deep.equal({
            path: undefined,
            id: `${uri}#unknown`,
        });
        expect(warnings).to.deep.equal([
            "cannot read s3://b/redcap.zip (Error: AccessDenied); pulumi up will need it",
        ]);
        let error: unknown;
        try {
            await s3ZipInput(uri, where, store, { ...options, preview: false });
        } catch (e) {
            error = e;
        }
        expect(String(error)).to.equal("Error: cannot read s3://b/redcap.zip: Error: AccessDenied");
    });
});
