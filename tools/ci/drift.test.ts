import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import {
    driftReport,
    excludeFlags,
    issueBody,
    NotADigestError,
    UNREADABLE_WITH_PREVIEW_ROLE,
} from "./drift";

const ROOT = path.resolve(__dirname, "..", "..");

/** Pulumi's URN glob (deploy.UrnTargets): `*` within a `:`-free run, `**` anything. */
const urnGlob = (glob: string) =>
    new RegExp(
        "^" +
            glob
                .split("**")
                .map((part) =>
                    part
                        .split("*")
                        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
                        .join("[^:]*"),
                )
                .join(".*") +
            "$",
    );

const planUrns = (stack: string): string[] =>
    (
        JSON.parse(fs.readFileSync(path.join(ROOT, "test", "plans", `${stack}.json`), "utf8")) as {
            urn: string;
        }[]
    ).map((r) => r.urn);

const URN = (type: string, name: string) =>
    `urn:pulumi:prod::redcap::hipaa:storage:FileStore$${type}::${name}`;

describe("drift check (tools/ci/drift.ts)", () => {
    describe("driftReport", () => {
        it("no drift when every refreshed resource is the same", () => {
            const report = driftReport("prod", {
                steps: [{ op: "refresh", urn: URN("aws:s3/bucket:Bucket", "files") }],
                changeSummary: { same: 299 },
            });
            expect(report).to.deep.equal({
                stack: "prod",
                drifted: false,
                changes: {},
                resources: [],
            });
            expect(issueBody(report)).to.equal(
                "No drift in stack `prod`: every resource refreshed matches its state.\n",
            );
        });

        it("names changed and deleted resources and the changed properties, never a value", () => {
            const report = driftReport("prod", {
                steps: [
                    {
                        op: "refresh",
                        urn: URN("aws:s3/bucket:Bucket", "files"),
                        diffReasons: ["tags"],
                        detailedDiff: { "tags.owner": { kind: "update" } },
                        oldState: { outputs: { tags: { owner: "patient-123-value" } } },
                        newState: { outputs: { tags: { owner: "someone-else" } } },
                    },
                    {
                        op: "refresh",
                        urn: URN("aws:cloudwatch/metricAlarm:MetricAlarm", "alarms-5xx"),
                        oldState: { outputs: {} },
                    },
                    { op: "refresh", urn: URN("aws:kms/key:Key", "keys-files"), newState: {} },
                ],
                changeSummary: { same: 297, update: 1, delete: 1 },
            });
            expect(report.drifted).to.equal(true);
            expect(report.changes).to.deep.equal({ update: 1, delete: 1 });
            expect(report.resources).to.deep.equal([
                {
                    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                    name: "alarms-5xx",
                    change: "delete",
                    properties: [],
                },
                {
                    type: "aws:s3/bucket:Bucket",
                    name: "files",
                    change: "update",
                    properties: ["tags", "tags.owner"],
                },
            ]);
            const body = issueBody(report, "https://github.com/o/r/actions/runs/1");
            expect(body).to.include("`files` | `aws:s3/bucket:Bucket` | update | `tags`");
            expect(body).to.include("1 changed, 1 deleted");
            expect(body).to.include("https://github.com/o/r/actions/runs/1");
            expect(body).to.not.include("patient-123-value");
            expect(body).to.not.include("someone-else");
        });

        it("drift by the summary alone still says so, and points at the run", () => {
            const report = driftReport("dev", { changeSummary: { update: 2 } });
            expect(report.drifted).to.equal(true);
            expect(issueBody(report)).to.include("see the run's log");
        });

        it("refuses what is not a refresh digest (an error, not 'no drift')", () => {
            for (const notDigest of [null, {}, { steps: [] }, "error: access denied"]) {
                expect(() => driftReport("dev", notDigest)).to.throw(
                    NotADigestError,
                    "changeSummary",
                );
            }
        });

        it("keeps backticks and control characters of a name out of the Markdown", () => {
            const report = driftReport("dev", {
                steps: [
                    {
                        op: "refresh",
                        urn: URN("aws:s3/bucket:Bucket", "a`b\u001b[31m"),
                        diffReasons: ["x"],
                    },
                ],
                changeSummary: { update: 1 },
            });
            const body = issueBody(report);
            expect(body).to.include("`a?b?[31m`");
            expect(body).to.not.include("\u001b");
        });
    });

    describe("what the preview role cannot read is excluded", () => {
        const flags = excludeFlags();
        const globs = flags.map((f) => urnGlob(f.replace(/^--exclude=/, "")));
        const urns = [...planUrns("dev"), ...planUrns("prod")];

        it("excludes every secret version and object of the plans, and nothing else", () => {
            const excluded = urns.filter((u) => globs.some((g) => g.test(u)));
            const unreadable = urns.filter((u) =>
                /\$aws:(secretsmanager\/secretVersion|s3\/bucketObject(v2)?|s3\/objectCopy|ssm\/parameter):/.test(
                    u,
                ),
            );
            expect(unreadable.length).to.be.greaterThan(5);
            expect(excluded).to.deep.equal(unreadable);
        });

        it("each excluded type's read is denied by every stack's preview role policy", () => {
            const policies = fs
                .readdirSync(path.join(ROOT, "docs", "ci"))
                .filter((f) => f.endsWith("-preview-role-policy.json"));
            expect(policies.length).to.be.greaterThan(3);
            for (const file of policies) {
                const policy = JSON.parse(
                    fs.readFileSync(path.join(ROOT, "docs", "ci", file), "utf8"),
                ) as { Statement: { Effect: string; Action: string[] }[] };
                const denied = policy.Statement.filter((s) => s.Effect === "Deny").flatMap(
                    (s) => s.Action,
                );
                for (const { deniedAction } of UNREADABLE_WITH_PREVIEW_ROLE) {
                    const matches = denied.some((pattern) =>
                        urnGlob(pattern.replace(/\*/g, "**")).test(deniedAction),
                    );
                    expect(matches, `${file}: ${deniedAction}`).to.equal(true);
                }
            }
        });
    });
});
