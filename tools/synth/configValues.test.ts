import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { ConfigError } from "../../stacks";
import { readConfigValues } from "./configValues";
import { planAnyStack, readStackConfigOffline } from "./planStack";
import { SECRET_PLACEHOLDER, StackFileError } from "./stackFile";

const ESC_STACK = "test/fixtures/Pulumi.esc.yaml";
const PULUMI_CONFIG = "test/fixtures/esc/pulumi-config.json";
const ESC_OPEN = "test/fixtures/esc/env-open.json";
const SECRET = "esc-secret-never-printed";

function valuesFile(content: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "values-")), "values.json");
    fs.writeFileSync(file, content);
    return file;
}

async function failure(run: () => Promise<unknown>): Promise<Error> {
    try {
        await run();
    } catch (e) {
        return e as Error;
    }
    throw new Error("expected a failure");
}

describe("planning a stack whose values come from Pulumi ESC (--config-values)", () => {
    it("without the values, lists what is missing and how to supply it", async () => {
        const e = await failure(() => planAnyStack("esc", { stackFile: ESC_STACK }));
        expect(e).to.be.instanceOf(ConfigError);
        expect((e as ConfigError).problems.map((p) => p.key)).to.deep.equal([
            "aws:region",
            "redcap:tags",
            "redcap:network",
            "environment",
        ]);
        expect(e.message).to.include(
            "environment: redcap/dev (Pulumi ESC) cannot be opened offline, so the values it provides are missing here; expected them from --config-values <file>",
        );
    });

    it("plans with the output of `pulumi config --show-secrets --json`, keeping secrets secret", async () => {
        const { config, plan } = await planAnyStack("esc", {
            stackFile: ESC_STACK,
            configValues: PULUMI_CONFIG,
        });
        expect(config).to.include({ region: "us-east-2", environment: "dev" });
        expect(config.system === "redcap" && config.network.cidr).to.equal("10.60.0.0/16");
        expect(JSON.stringify(plan)).not.to.include(SECRET);
        const values = readConfigValues(PULUMI_CONFIG, "redcap");
        expect(values.secretKeys).to.deep.equal(["ops:pagerToken"]);
        expect(values.config["pulumi:disable-default-providers"]).to.equal('["aws"]');
    });

    it("reads the output of `esc env open`, its pulumiConfig", () => {
        const { config, file } = readStackConfigOffline("esc", {
            stackFile: ESC_STACK,
            configValues: ESC_OPEN,
        });
        // The stack file's own value stays where the values file has none.
        expect(file.config["redcap:environment"]).to.equal("dev");
        expect(config.region).to.equal("us-west-2");
        expect(config.system === "redcap" && config.network.azCount).to.equal(3);
        expect(readConfigValues(ESC_OPEN, "redcap").hiddenKeys).to.include("ops:pagerToken");
    });

    it("never shows a value from a values file in an error: secret ones, or any of ESC's", async () => {
        const secretTags = valuesFile(
            JSON.stringify({
                "aws:region": { value: "us-east-2", secret: false },
                "redcap:tags": { value: `{"owner":"${SECRET}"}`, secret: true },
                "redcap:network": { value: `{"cidr":"${SECRET}"}`, secret: false },
            }),
        );
        const e1 = await failure(() =>
            planAnyStack("esc", { stackFile: ESC_STACK, configValues: secretTags }),
        );
        expect(e1.message).to.include("redcap:tags: [secret] is not allowed");
        expect(e1.message).to.include(`redcap:network.cidr: "${SECRET}" is not allowed`);
        const escBad = valuesFile(
            JSON.stringify({ pulumiConfig: { "aws:region": SECRET, "redcap:network": "x" } }),
        );
        const e2 = await failure(() =>
            planAnyStack("esc", { stackFile: ESC_STACK, configValues: escBad }),
        );
        expect(e2.message).to.include("aws:region: [secret] is not allowed");
        expect(e2.message).not.to.include(SECRET);
    });

    it("stands a placeholder in for a secret printed without --show-secrets", () => {
        const blinded = valuesFile(JSON.stringify({ "ops:token": { secret: true } }));
        const values = readConfigValues(blinded, "redcap");
        expect(values.config["ops:token"]).to.equal(SECRET_PLACEHOLDER);
        expect(values.secretKeys).to.deep.equal(["ops:token"]);
    });

    it("refuses a values file of neither shape, naming the file and the key", () => {
        const cases: [string, RegExp][] = [
            [
                "not json",
                /values\.json cannot be read: 1 problem:\n {2}- not JSON; expected the JSON that `pulumi config/,
            ],
            [
                '{"aws:region": "us-east-1"}',
                /- aws:region: is not \{"value": \.\.\., "secret": true\|false\}/,
            ],
            ['{"aws:region": {"secret": false}}', /- aws:region: has no "value"/],
            ['{"pulumiConfig": []}', /- pulumiConfig: is not a mapping/],
            ["[1]", /- expected the JSON that/],
        ];
        for (const [content, message] of cases) {
            expect(() => readConfigValues(valuesFile(content), "redcap"), content)
                .to.throw(StackFileError)
                .with.property("message")
                .that.matches(message);
        }
    });
});
