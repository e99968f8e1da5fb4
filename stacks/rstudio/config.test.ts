import { expect } from "chai";
import { readStackFile } from "../../tools/synth/stackFile";
import { PROJECT_DIR } from "../../tools/synth/planStack";
import { configTester } from "../../test/configTester";
import { parseAnyStackConfig, systemOf } from "../system";
import { parseRstudioConfig } from "./config";

const DIGEST = "a".repeat(64);
const IMAGE = (name: string) =>
    `123456789012.dkr.ecr.us-east-1.amazonaws.com/${name}@sha256:${DIGEST}`;

/** A valid dev configuration in the flat form Pulumi hands the program. */
const BASE: Record<string, string> = {
    "platform:system": "rstudio",
    "aws:region": "us-east-1",
    "rstudio:environment": "dev",
    "rstudio:tags": JSON.stringify({ owner: "research-it@example.edu", "cost-center": "RIT-1001" }),
    "rstudio:domainName": "research.example.edu",
    "rstudio:hostedZoneId": "Z0123456789ABC",
    "rstudio:network": JSON.stringify({ cidr: "10.50.0.0/16" }),
    "rstudio:users": JSON.stringify([
        { name: "alice", email: "alice@example.edu", uid: 10001 },
        { name: "bob", email: "bob@example.edu", uid: 10002 },
    ]),
    "rstudio:rstudio": JSON.stringify({ image: IMAGE("rstudio") }),
    "rstudio:shiny": JSON.stringify({ image: IMAGE("shiny") }),
    "rstudio:allowedCidrs": JSON.stringify(["192.0.2.0/24"]),
};

const { parse, problems } = configTester(BASE, parseRstudioConfig, {
    stack: "rstudio-dev",
    project: "redcap",
});

describe("RStudio stack configuration", () => {
    it("reads the real stack files as RStudio stacks, with every default applied", () => {
        for (const stack of ["rstudio-dev", "rstudio-prod"]) {
            const file = readStackFile(PROJECT_DIR, stack);
            const config = parseAnyStackConfig(file.config, { stack, project: file.project });
            expect(config.system, stack).to.equal("rstudio");
        }
        const dev = parse({});
        expect(dev.rstudio).to.deep.equal({
            image: IMAGE("rstudio"),
            mode: "perUser",
            cpu: 1024,
            memory: 4096,
        });
        expect(dev.shiny).to.deep.include({ minTasks: 1, maxTasks: 2 });
        expect(dev.tags).to.deep.include({
            environment: "dev",
            "data-classification": "phi",
            project: "redcap",
        });
        expect(dev.alertEmails).to.deep.equal(["research-it@example.edu"]);
        expect(dev.protectData).to.equal(false);
        const prod = parse({ "rstudio:environment": "prod" });
        expect(prod.protectData).to.equal(true);
        expect(prod.shiny).to.deep.include({ minTasks: 2, maxTasks: 6 });
    });

    it("tells REDCap and RStudio stacks apart by platform:system, and refuses another system", () => {
        expect(systemOf({}, "dev")).to.equal("redcap");
        expect(systemOf({ "platform:system": "rstudio" }, "x")).to.equal("rstudio");
        expect(() => systemOf({ "platform:system": "jupyter" }, "x")).to.throw(
            'platform:system: "jupyter" is not allowed; expected one of "redcap", "rstudio"',
        );
    });

    const refusals: [string, Record<string, unknown>, string][] = [
        [
            "an image by tag",
            { "rstudio:rstudio": { image: "rocker/rstudio:4.4.1" } },
            'rstudio:rstudio.image: "rocker/rstudio:4.4.1" is not allowed; expected an image URI pinned by digest',
        ],
        [
            "a user name that is no Linux name",
            { "rstudio:users": [{ name: "Alice Smith", email: "a@example.edu", uid: 10001 }] },
            'rstudio:users[0].name: "Alice Smith" is not allowed; expected a Linux user name',
        ],
        [
            "a uid in the range images use",
            { "rstudio:users": [{ name: "alice", email: "a@example.edu", uid: 1000 }] },
            "rstudio:users[0].uid: 1000 is not allowed; expected a whole number from 10000",
        ],
        [
            "two users with one uid",
            {
                "rstudio:users": [
                    { name: "alice", email: "a@example.edu", uid: 10001 },
                    { name: "bob", email: "b@example.edu", uid: 10001 },
                ],
            },
            'rstudio:users[1].uid: "10001" is not allowed; expected a uid no other user has',
        ],
        [
            "no address allow-list",
            { "rstudio:allowedCidrs": [] },
            "rstudio:allowedCidrs: [] is not allowed; expected at least one CIDR",
        ],
        [
            "an allow-list open to the whole internet",
            { "rstudio:allowedCidrs": ["192.0.2.0/24", "0.0.0.0/0"] },
            `rstudio:allowedCidrs[1]: "0.0.0.0/0" is not allowed; expected an IPv4 CIDR block of the users' network, such as 192.0.2.0/24 (0.0.0.0/0 is the whole internet; list the networks that should get in)`,
        ],
        [
            "a mistyped region",
            { "aws:region": "us-west-3" },
            'aws:region: "us-west-3" is not allowed; expected an AWS region code such as us-east-1 (did you mean "us-west-1"?)',
        ],
        [
            "a zone and a certificate",
            { "rstudio:certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/0a1b" },
            "rstudio:certificateArn: is set together with rstudio:hostedZoneId",
        ],
        [
            "a REDCap key",
            { "redcap:app": { redcapVersion: "15.0.1" } },
            "redcap:app: is a REDCap stack's key; this is an RStudio stack",
        ],
        [
            "a misspelled key",
            { "rstudio:user": [] },
            "rstudio:user: unknown key; the keys read in the rstudio namespace are",
        ],
        [
            "a size Fargate does not run",
            { "rstudio:shiny": { image: IMAGE("shiny"), cpu: 512, memory: 512 } },
            "rstudio:shiny: memory 512 is not allowed with cpu 512",
        ],
        [
            "unprotected data in prod",
            { "rstudio:environment": "prod", "rstudio:protectData": false },
            'rstudio:protectData: false is not allowed when rstudio:environment is "prod"',
        ],
        [
            "a restore for someone who is no user",
            {
                "rstudio:restores": [
                    { user: "carol", folder: "/aws-backup-restore_2026-12-03T01-02-03-471Z" },
                ],
            },
            'rstudio:restores[0].user: "carol" is not allowed; expected one of alice, bob',
        ],
        [
            "a restore folder that is no restore job's",
            { "rstudio:restores": [{ user: "alice", folder: "/home/bob" }] },
            'rstudio:restores[0].folder: "/home/bob" is not allowed',
        ],
        [
            "a source account for the stack's own bucket",
            { "rstudio:dataFeed": { sourceAccountId: "444455556666" } },
            "rstudio:dataFeed.sourceAccountId: is set without sourceBucketArn",
        ],
        [
            "a data bucket that is no bucket ARN",
            { "rstudio:dataFeed": { sourceBucketArn: "central-research-data" } },
            'rstudio:dataFeed.sourceBucketArn: "central-research-data" is not allowed; expected an S3 bucket ARN',
        ],
        [
            "fewer tasks at most than at least",
            { "rstudio:shiny": { image: IMAGE("shiny"), minTasks: 3, maxTasks: 2 } },
            "rstudio:shiny.maxTasks: 2 is not allowed; expected at least minTasks (3)",
        ],
    ];
    for (const [what, patch, message] of refusals) {
        it(`refuses ${what}, naming the key and what is allowed`, () => {
            expect(problems(patch).join("\n")).to.include(message);
        });
    }

    it("budgets each environment by default and refuses a budget that is not dollars and cents", () => {
        expect(parse({}).monthlyBudgetUsd).to.equal(400);
        expect(parse({ "rstudio:monthlyBudgetUsd": 250 }).monthlyBudgetUsd).to.equal(250);
        expect(problems({ "rstudio:monthlyBudgetUsd": 0.001 })).to.deep.equal([
            "rstudio:monthlyBudgetUsd: 0.001 is not allowed; expected US dollars from 1 to 1000000, at most 2 decimals",
        ]);
    });

    it("never echoes a value set as a secret", () => {
        const lines = problems({ "rstudio:domainName": "s3cr3t value" }, ["rstudio:domainName"]);
        expect(lines.join("\n")).to.include("rstudio:domainName: [secret]");
        expect(lines.join("\n")).not.to.include("s3cr3t");
    });

    it("lists every problem at once", () => {
        const lines = problems({ "rstudio:allowedCidrs": ["campus"], "rstudio:users": undefined });
        expect(lines.length).to.be.greaterThanOrEqual(2);
    });

    it("takes a mode per account-level singleton only in the stack owning the baseline", () => {
        const audit = parse({
            "rstudio:audit": { accountBaseline: true, guardDutyDetector: { mode: "organization" } },
        }).audit;
        expect(audit).to.deep.include({
            accountBaseline: true,
            trail: { mode: "create" },
            guardDutyDetector: { mode: "organization" },
        });
        expect(
            problems({
                "rstudio:audit": {
                    accountBaseline: true,
                    sessionPreferences: { mode: "adopt", id: "my-prefs" },
                },
            }),
        ).to.deep.equal([
            'rstudio:audit.sessionPreferences: id "my-prefs" is not allowed; expected the document name, SSM-SessionManagerRunShell',
        ]);
        expect(problems({ "rstudio:audit": { trail: { mode: "organization" } } })).to.deep.equal([
            "rstudio:audit.trail: is not allowed without rstudio:audit.accountBaseline true; expected it only in the stack that owns the account's audit baseline",
        ]);
    });
});
