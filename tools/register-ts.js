"use strict";
/**
 * Runs TypeScript files in this project without a build step (npm test, npm run synth): strips
 * types with sucrase, which keeps line numbers, so stack traces point at the .ts source. The
 * output is cached in node_modules/.cache by content hash, so an unchanged file is never
 * transpiled twice and sucrase is not even loaded when everything is cached. Type-checking is
 * `npm run build`'s job (tsc), not this hook's.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { addHook } = require("pirates");

const OPTIONS = { transforms: ["imports", "typescript"] };
const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "register-ts");
const SALT = `${require("sucrase/package.json").version}:${JSON.stringify(OPTIONS)}`;

let transform;

function compile(code, filePath) {
    const key = crypto
        .createHash("sha256")
        .update(SALT)
        .update(filePath)
        .update(code)
        .digest("hex");
    const cached = path.join(CACHE_DIR, `${key}.js`);
    try {
        return fs.readFileSync(cached, "utf8");
    } catch {
        // not cached yet
    }
    transform = transform || require("sucrase").transform;
    const output = transform(code, { ...OPTIONS, filePath }).code;
    try {
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        const temp = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(temp, output);
        fs.renameSync(temp, cached);
    } catch {
        // a read-only checkout still works, just without the cache
    }
    return output;
}

addHook(compile, { exts: [".ts"], ignoreNodeModules: true });
