import * as fs from "node:fs";
import * as path from "node:path";
import { isMap, parseDocument } from "yaml";
import { stackNames } from "../synth/stackFile";

/**
 * Asks for a rebuild of REDCap's image in every stack that builds one: raises
 * `redcap:app.imageRebuild` by one in each `Pulumi.<stack>.yaml` whose `redcap:app` has a zip to
 * build from, keeping the files' comments and layout. The weekly image workflow runs it after the
 * image built with Debian's latest security updates passed the container tests, and proposes the
 * change as a pull request; merging it deploys the rebuilt image (dev, then prod after review).
 */

/** The stack file's text with imageRebuild raised, or undefined when it builds no image. */
export function raiseImageRebuild(text: string, file: string): string | undefined {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) {
        throw new Error(`${file}: not valid YAML (${doc.errors[0].message})`);
    }
    const app = doc.getIn(["config", "redcap:app"]);
    if (!isMap(app) || app.get("redcapZip") === undefined) {
        return undefined;
    }
    const current = app.get("imageRebuild") ?? 1;
    if (typeof current !== "number" || !Number.isInteger(current) || current < 1) {
        throw new Error(
            `${file}: redcap:app.imageRebuild ${JSON.stringify(current)} is not allowed; expected a whole number from 1`,
        );
    }
    app.set("imageRebuild", current + 1);
    return doc.toString();
}

/** Raises imageRebuild in every stack file of `projectDir`; returns the stacks changed. */
export function raiseImageRebuildEverywhere(projectDir: string): string[] {
    const changed: string[] = [];
    for (const stack of stackNames(projectDir)) {
        const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
        const raised = raiseImageRebuild(fs.readFileSync(file, "utf8"), file);
        if (raised !== undefined) {
            fs.writeFileSync(file, raised);
            changed.push(stack);
        }
    }
    return changed;
}

if (require.main === module) {
    const changed = raiseImageRebuildEverywhere(path.resolve(__dirname, "..", ".."));
    console.log(changed.length > 0 ? changed.join(" ") : "no stack builds an image");
}
