import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * What an institution adds to REDCap's image: External Modules and language files. The root file
 * system is read-only on Fargate, so REDCap cannot install modules or languages at run time; they
 * are copied into the image at build time, from folders named in stack config.
 */
export interface ImageExtras {
    /**
     * A folder whose subfolders are REDCap External Modules, each named as REDCap's module
     * repository names them, `<prefix>_v<version>` (e.g. `vizr_v1.2.3`), with its `config.json`.
     * Copied to REDCap's `modules/`.
     */
    externalModules?: string;
    /** A folder of REDCap language files (`<Language>.ini`), copied to REDCap's `languages/`. */
    languages?: string;
}

/** Where each kind goes, in the build context and under REDCap's web root. */
export const EXTRA_FOLDERS = { externalModules: "modules", languages: "languages" } as const;

const MODULE_FOLDER = /^[a-z0-9][a-z0-9_]*_v\d+\.\d+(\.\d+)?$/;
const LANGUAGE_FILE = /^[A-Za-z0-9][A-Za-z0-9 _().-]*\.ini$/;

/** What is wrong with a folder of External Modules (empty when nothing is). */
export function externalModulesProblems(dir: string): string[] {
    const entries = readFolder(dir);
    if (typeof entries === "string") {
        return [entries];
    }
    const problems: string[] = [];
    for (const entry of entries) {
        if (!entry.isDirectory()) {
            problems.push(`${entry.name} is not a folder; expected one folder per module`);
        } else if (!MODULE_FOLDER.test(entry.name)) {
            problems.push(
                `${entry.name} is not a module folder name; expected <prefix>_v<version> such as vizr_v1.2.3`,
            );
        } else if (!fs.existsSync(path.join(dir, entry.name, "config.json"))) {
            problems.push(`${entry.name} has no config.json; expected a REDCap External Module`);
        }
    }
    return problems;
}

/** What is wrong with a folder of language files (empty when nothing is). */
export function languagesProblems(dir: string): string[] {
    const entries = readFolder(dir);
    if (typeof entries === "string") {
        return [entries];
    }
    return entries
        .filter((entry) => !entry.isFile() || !LANGUAGE_FILE.test(entry.name))
        .map(
            (entry) =>
                `${entry.name} is not a language file; expected files named <Language>.ini and nothing else`,
        );
}

/** By code point, so the order (and the tag's digest) is the same in every locale. */
function byName(a: fs.Dirent, b: fs.Dirent): number {
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function readFolder(dir: string): fs.Dirent[] | string {
    try {
        return fs
            .readdirSync(dir, { withFileTypes: true })
            .filter((entry) => !entry.name.startsWith("."))
            .sort(byName);
    } catch {
        return `${dir} is not a readable folder`;
    }
}

/** Every file under `dir`, relative to it, sorted (dot files left out). */
export function filesUnder(dir: string, prefix = ""): string[] {
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => !entry.name.startsWith("."))
        .sort(byName)
        .flatMap((entry) =>
            entry.isDirectory()
                ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`)
                : [`${prefix}${entry.name}`],
        );
}

/** A digest of the extras' names and bytes, so changed modules or languages give a new image tag. */
export function extrasDigest(extras: ImageExtras): string {
    const hash = createHash("sha256");
    for (const [kind, folder] of Object.entries(EXTRA_FOLDERS)) {
        const source = extras[kind as keyof ImageExtras];
        for (const file of source ? filesUnder(source) : []) {
            hash.update(`${folder}/${file}\0`).update(fs.readFileSync(path.join(source!, file)));
        }
    }
    return hash.digest("hex");
}

/**
 * Puts the extras into the build context: `modules/` and `languages/` always exist (empty when
 * none is given, so the Dockerfile's COPY always has a source) and hold exactly the given files.
 */
export function copyExtras(contextDirectory: string, extras: ImageExtras): void {
    for (const [kind, folder] of Object.entries(EXTRA_FOLDERS)) {
        const target = path.join(contextDirectory, folder);
        fs.rmSync(target, { recursive: true, force: true });
        fs.mkdirSync(target, { recursive: true });
        const source = extras[kind as keyof ImageExtras];
        for (const file of source ? filesUnder(source) : []) {
            fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
            fs.copyFileSync(path.join(source!, file), path.join(target, file));
        }
    }
}
