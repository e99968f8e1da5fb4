import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planOf } from "../test/cases";
import { main } from "./cli";

describe("policy pack: npm run policy:check", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-check-"));
    const write = (name: string, value: unknown) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, JSON.stringify(value));
        return file;
    };
    const openSsh = write("ssh.plan.json", {
        resources: planOf([
            {
                type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                name: "ssh",
                props: { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" },
            },
        ]),
    });
    let out = "";
    const capture = (run: () => number) => {
        const original = process.stdout.write.bind(process.stdout);
        out = "";
        process.stdout.write = (chunk: string) => ((out += chunk), true);
        try {
            return run();
        } finally {
            process.stdout.write = original;
        }
    };

    it("exits 1 on a mandatory violation and names policy, level, URN and message", () => {
        expect(capture(() => main([openSsh]))).to.equal(1);
        expect(out).to.match(
            /mandatory +sg-no-world-ssh +urn:pulumi:test::hipaa::aws:vpc\/securityGroupIngressRule:SecurityGroupIngressRule::ssh/,
        );
        expect(out).to.match(/tcp 22 from 0.0.0.0\/0 opens SSH to the internet/);
    });

    it("exits 0 when the config turns the violated policies advisory, and prints JSON on --json", () => {
        const config = write("config.json", {
            all: "advisory",
            "sg-no-world-ssh": "advisory",
            "sg-world-open-authorized-ports-only": "advisory",
            "required-tags": "advisory",
        });
        expect(capture(() => main([openSsh, "--config", config, "--json"]))).to.equal(0);
        const findings = (
            JSON.parse(out) as { findings: { policy: string; enforcementLevel: string }[] }
        ).findings;
        expect(findings.find((f) => f.policy === "sg-no-world-ssh")?.enforcementLevel).to.equal(
            "advisory",
        );
    });

    it("refuses unreadable plans, unknown policies in the config and bad arguments with exit 2", () => {
        expect(capture(() => main([path.join(dir, "missing.json")]))).to.equal(2);
        expect(
            capture(() =>
                main([openSsh, "--config", write("typo.json", { "sg-no-world-shh": "advisory" })]),
            ),
        ).to.equal(2);
        expect(capture(() => main([write("not-a-plan.json", { stack: "x" })]))).to.equal(2);
        expect(
            capture(() =>
                main([openSsh, "--config", write("level.json", { "sg-no-world-ssh": "mandtory" })]),
            ),
        ).to.equal(2);
        expect(capture(() => main([write("bad-resource.json", { resources: [7] })]))).to.equal(2);
        expect(capture(() => main([]))).to.equal(2);
        expect(capture(() => main([openSsh, "--verbose"]))).to.equal(2);
    });
});
