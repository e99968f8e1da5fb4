import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * A zip shaped like the REDCap consortium's (`redcap/` with `redcap_vX.Y.Z/`), holding the
 * stand-in REDCap of components/redcapImage/testdata (REDCap itself is licensed and never here),
 * so the image builds and runs exactly as it does for users, from the same Dockerfile and build
 * context.
 */

export const STAND_IN_DIR = path.join(
    __dirname,
    "..",
    "..",
    "components",
    "redcapImage",
    "testdata",
    "fake-redcap",
);

/** The version the stand-in claims to be, and the one its upgrade goes from. */
export const STAND_IN_VERSION = "15.0.1";
export const STAND_IN_PREVIOUS_VERSION = "15.0.0";

/** A table the stand-in's upgrade SQL creates, so a test can see that the upgrade ran. */
export const STAND_IN_UPGRADE_TABLE = "redcap_upgrade_marker";

/** Same bytes for the same sources: fixed timestamps, no extra attributes, sorted entries. */
const FIXED_TIME = new Date("2026-01-01T00:00:00Z");

function setTimes(dir: string): void {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const target = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            setTimes(target);
        }
        fs.utimesSync(target, FIXED_TIME, FIXED_TIME);
    }
}

/** Writes the stand-in zip to `zipPath` (replacing it) from a scratch folder under `workDir`. */
export function writeStandInZip(zipPath: string, workDir: string): string {
    const tree = path.join(workDir, "stand-in");
    fs.rmSync(tree, { recursive: true, force: true });
    const root = path.join(tree, "redcap");
    const versionDir = path.join(root, `redcap_v${STAND_IN_VERSION}`);
    // Everything but upgrade.php, which lives in the version's folder, as in REDCap's zip.
    const versionUpgrade = path.join(STAND_IN_DIR, "upgrade.php");
    fs.cpSync(STAND_IN_DIR, root, {
        recursive: true,
        filter: (source) => source !== versionUpgrade,
    });
    const sql = path.join(versionDir, "Resources", "sql");
    fs.mkdirSync(sql, { recursive: true });
    fs.copyFileSync(versionUpgrade, path.join(versionDir, "upgrade.php"));
    fs.writeFileSync(
        path.join(sql, `upgrade_${STAND_IN_VERSION}.sql`),
        `CREATE TABLE ${STAND_IN_UPGRADE_TABLE} (id int);\n`,
    );
    // No fast versions: the upgrade takes REDCap offline until `finish`, the longer path.
    fs.writeFileSync(path.join(sql, "upgrade_fast_versions.txt"), "");
    setTimes(tree);
    fs.rmSync(zipPath, { force: true });
    const zipped = spawnSync("zip", ["-q", "-r", "-X", zipPath, "redcap"], {
        cwd: tree,
        encoding: "utf8",
    });
    if (zipped.error || zipped.status !== 0) {
        throw new Error(
            `zip failed (run tools/install.sh): ${zipped.error?.message ?? zipped.stderr}`,
        );
    }
    return zipPath;
}
