import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import {
    copyExtras,
    extrasDigest,
    externalModulesProblems,
    filesUnder,
    languagesProblems,
} from "./imageExtras";

const TESTDATA = path.join(__dirname, "testdata");
const temp = () => fs.mkdtempSync(path.join(os.tmpdir(), "image-extras-"));
const write = (file: string, content = "x") => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
};

describe("RedcapImage: External Modules and language files built into the image", () => {
    it("accepts a folder of modules named <prefix>_v<version>, each with its config.json", () => {
        expect(externalModulesProblems(path.join(TESTDATA, "external-modules"))).to.deep.equal([]);
        expect(languagesProblems(path.join(TESTDATA, "languages"))).to.deep.equal([]);
    });

    it("names each module folder that is not one, and why", () => {
        const dir = temp();
        write(path.join(dir, "vizr_v1.2.3", "config.json"));
        write(path.join(dir, "Bad Name", "config.json"));
        write(path.join(dir, "no_config_v1.0.0", "Module.php"));
        write(path.join(dir, "stray.zip"));
        expect(externalModulesProblems(dir)).to.deep.equal([
            "Bad Name is not a module folder name; expected <prefix>_v<version> such as vizr_v1.2.3",
            "no_config_v1.0.0 has no config.json; expected a REDCap External Module",
            "stray.zip is not a folder; expected one folder per module",
        ]);
    });

    it("names each file that is not a language file, and a folder that does not exist", () => {
        const dir = temp();
        write(path.join(dir, "Français.ini"));
        write(path.join(dir, "Deutsch.ini"));
        write(path.join(dir, "notes.txt"));
        expect(languagesProblems(dir)).to.deep.equal([
            "Français.ini is not a language file; expected files named <Language>.ini and nothing else",
            "notes.txt is not a language file; expected files named <Language>.ini and nothing else",
        ]);
        expect(languagesProblems(path.join(dir, "missing"))).to.deep.equal([
            `${path.join(dir, "missing")} is not a readable folder`,
        ]);
    });

    it("puts exactly the given files into the build context, and empty folders when none are given", () => {
        const context = temp();
        write(path.join(context, "modules", "old_module_v0.1.0", "config.json"));
        copyExtras(context, {
            externalModules: path.join(TESTDATA, "external-modules"),
            languages: path.join(TESTDATA, "languages"),
        });
        expect(filesUnder(path.join(context, "modules"))).to.deep.equal([
            "example_module_v1.0.0/ExampleModule.php",
            "example_module_v1.0.0/config.json",
        ]);
        expect(filesUnder(path.join(context, "languages"))).to.deep.equal(["Deutsch.ini"]);
        copyExtras(context, {});
        expect(fs.readdirSync(path.join(context, "modules"))).to.deep.equal([]);
        expect(fs.readdirSync(path.join(context, "languages"))).to.deep.equal([]);
    });

    it("gives a new digest (so a new image tag) when a module's file changes, the same for the same files", () => {
        const modules = temp();
        write(path.join(modules, "vizr_v1.2.3", "config.json"), "{}");
        const before = extrasDigest({ externalModules: modules });
        expect(extrasDigest({ externalModules: modules })).to.equal(before);
        write(path.join(modules, "vizr_v1.2.3", "config.json"), '{"changed":true}');
        expect(extrasDigest({ externalModules: modules })).to.not.equal(before);
        // The same files as languages are a different input.
        expect(extrasDigest({ languages: modules })).to.not.equal(
            extrasDigest({ externalModules: modules }),
        );
    });
});
