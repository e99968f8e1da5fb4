import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { expect } from "chai";
import { jsonInput, planComponent, planRefusal, resource } from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import { DataFeed, type DataFeedArgs } from "./dataFeed";
import { START_SYNC_HANDLER } from "./dataFeedPolicies";

const BASE: DataFeedArgs = {
    namePrefix: "rstudio-prod",
    source: {
        bucketArn: "arn:aws:s3:::central-research-data",
        prefix: "cohort-2026/",
        kmsKeyArn: "arn:aws:kms:us-east-1:444455556666:key/0a1b2c3d-0000-4000-8000-000000000000",
        accountId: "444455556666",
    },
    destination: {
        fileSystemArn: "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1",
        accessPointArn: "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1",
        subnetId: "subnet-a",
        securityGroupIds: ["sg-clients"],
    },
    logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs",
    logRetentionDays: 365,
};
const plan = (args: DataFeedArgs = BASE) =>
    planComponent((opts) => new DataFeed("feed", args, opts));

describe("DataFeed", () => {
    it("mirrors the bucket's prefix into the access point over TLS with IAM authorization, hourly, logging errors only", async () => {
        const p = await plan();
        const task = resource(p, "aws:datasync/task:Task", "feed");
        expect(task.inputs.schedule).to.deep.equal({ scheduleExpression: "cron(0 * * * ? *)" });
        expect(task.inputs.options).to.deep.include({
            preserveDeletedFiles: "REMOVE",
            verifyMode: "ONLY_FILES_TRANSFERRED",
            logLevel: "BASIC",
            uid: "NONE",
            gid: "NONE",
        });
        const logs = resource(p, "aws:cloudwatch/logGroup:LogGroup", "feed");
        expect(task.propertyDependencies.cloudwatchLogGroupArn).to.deep.equal([logs.urn]);
        expect(logs.inputs.kmsKeyId).to.equal(BASE.logsKmsKeyArn);
        const efs = resource(p, "aws:datasync/efsLocation:EfsLocation", "feed-destination");
        expect(efs.inputs).to.deep.include({
            inTransitEncryption: "TLS1_2",
            accessPointArn: BASE.destination.accessPointArn,
        });
        expect(efs.inputs.ec2Config).to.deep.equal({
            subnetArn: "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-a",
            securityGroupArns: ["arn:aws:ec2:us-east-1:123456789012:security-group/sg-clients"],
        });
        expect(
            resource(p, "aws:datasync/s3Location:S3Location", "feed-source").inputs,
        ).to.deep.include({
            subdirectory: "/cohort-2026/",
        });
        const logPolicy = jsonInput<PolicyDocument>(
            resource(p, "aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "feed"),
            "policyDocument",
        );
        expect(logPolicy.Statement[0].Condition).to.deep.equal({
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: { "aws:SourceArn": "arn:aws:datasync:us-east-1:123456789012:task/*" },
        });
    });

    it("reads only the source prefix, with roles only this account's DataSync may assume", async () => {
        const p = await plan();
        const read = jsonInput<PolicyDocument>(
            resource(p, "aws:iam/policy:Policy", "feed-source"),
            "policy",
        );
        const bySid = Object.fromEntries(read.Statement.map((s) => [s.Sid, s]));
        expect(bySid.ReadSourceObjects.Resource).to.equal(
            "arn:aws:s3:::central-research-data/cohort-2026/*",
        );
        expect(
            (bySid.ReadSourceObjects.Action as string[]).every((a) => a.startsWith("s3:Get")),
        ).to.equal(true);
        expect(bySid.DecryptSourceObjects.Resource).to.equal(BASE.source.kmsKeyArn);
        const write = jsonInput<PolicyDocument>(
            resource(p, "aws:iam/policy:Policy", "feed-destination"),
            "policy",
        );
        expect(write.Statement[0].Condition).to.deep.equal({
            StringEquals: { "elasticfilesystem:AccessPointArn": BASE.destination.accessPointArn },
        });
        for (const role of ["feed-source", "feed-destination"]) {
            const trust = jsonInput<PolicyDocument>(
                resource(p, "aws:iam/role:Role", role),
                "assumeRolePolicy",
            );
            expect(trust.Statement[0].Principal).to.deep.equal({
                Service: "datasync.amazonaws.com",
            });
            expect(trust.Statement[0].Condition).to.deep.equal({
                StringEquals: { "aws:SourceAccount": "123456789012" },
                ArnLike: { "aws:SourceArn": "arn:aws:datasync:us-east-1:123456789012:*" },
            });
        }
    });

    it("starts a sync when files arrive: only S3, for this bucket and its owner, may invoke; the function may only start this task", async () => {
        const p = await plan();
        const permission = resource(p, "aws:lambda/permission:Permission", "feed-start-sync");
        expect(permission.inputs).to.deep.include({
            principal: "s3.amazonaws.com",
            sourceArn: BASE.source.bucketArn,
            sourceAccount: "444455556666",
        });
        const fnPolicy = jsonInput<PolicyDocument>(
            resource(p, "aws:iam/policy:Policy", "feed-start-sync"),
            "policy",
        );
        expect(
            fnPolicy.Statement.map((s) => s.Action)
                .flat()
                .sort(),
        ).to.deep.equal([
            "datasync:StartTaskExecution",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
        ]);
        const fn = resource(p, "aws:lambda/function:Function", "feed-start-sync");
        expect(fn.inputs).to.deep.include({
            reservedConcurrentExecutions: 1,
            runtime: "nodejs24.x",
        });
    });

    it("sends the bucket's object events to the function only for a bucket this stack owns", async () => {
        const central = await plan();
        expect(
            central.resources.filter(
                (r) => r.type === "aws:s3/bucketNotification:BucketNotification",
            ),
        ).to.deep.equal([]);
        const own = await plan({
            ...BASE,
            source: {
                bucketArn: "arn:aws:s3:::rstudio-prod-data-1234567",
                prefix: "incoming/",
                sendEvents: true,
            },
        });
        const notification = resource(
            own,
            "aws:s3/bucketNotification:BucketNotification",
            "feed-start-sync",
        );
        const fn = resource(own, "aws:lambda/function:Function", "feed-start-sync");
        const permission = resource(own, "aws:lambda/permission:Permission", "feed-start-sync");
        expect(notification.inputs.bucket).to.equal("rstudio-prod-data-1234567");
        const targets = notification.inputs.lambdaFunctions as Record<string, unknown>[];
        expect(targets.map(({ events, filterPrefix }) => ({ events, filterPrefix }))).to.deep.equal(
            [{ events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"], filterPrefix: "incoming/" }],
        );
        expect(notification.propertyDependencies.lambdaFunctions).to.deep.equal([fn.urn]);
        // S3 checks its permission to invoke when the configuration is saved.
        expect(notification.dependencies).to.include(permission.urn);
        expect(permission.inputs.sourceAccount).to.equal("123456789012");
    });

    it("runs the start-sync handler: starts the task, lets a running sync absorb a burst, and fails on anything else", () => {
        // The handler runs as Lambda runs it, against a stand-in of the SDK's DataSync client.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "start-sync-"));
        try {
            const sdk = path.join(dir, "node_modules", "@aws-sdk", "client-datasync");
            fs.mkdirSync(sdk, { recursive: true });
            fs.writeFileSync(
                path.join(sdk, "package.json"),
                JSON.stringify({
                    name: "@aws-sdk/client-datasync",
                    type: "module",
                    exports: "./index.js",
                }),
            );
            fs.writeFileSync(
                path.join(sdk, "index.js"),
                `export class StartTaskExecutionCommand { constructor(input) { this.input = input; } }
export class DataSyncClient {
  async send(command) {
    globalThis.sent.push(command.input);
    if (globalThis.failWith) { const e = new Error("no"); e.name = globalThis.failWith; throw e; }
    return { TaskExecutionArn: command.input.TaskArn + "/execution/exec-1" };
  }
}`,
            );
            fs.writeFileSync(path.join(dir, "index.mjs"), START_SYNC_HANDLER);
            // Node runs the handler as an ES module, as Lambda does, and reports what happened.
            fs.writeFileSync(
                path.join(dir, "drive.mjs"),
                `globalThis.sent = [];
const { handler } = await import("./index.mjs");
const outcome = async (failWith) => {
  globalThis.failWith = failWith;
  try { await handler({ Records: [{}, {}] }); return "ok"; } catch (e) { return e.name; }
};
const results = [await outcome(undefined), await outcome("InvalidRequestException"), await outcome("AccessDeniedException")];
process.stdout.write(JSON.stringify({ sent: globalThis.sent, results }));`,
            );
            const taskArn = "arn:aws:datasync:us-east-1:123456789012:task/task-1";
            const out = execFileSync(process.execPath, [path.join(dir, "drive.mjs")], {
                env: { ...process.env, TASK_ARN: taskArn },
                encoding: "utf8",
            });
            const { sent, results } = JSON.parse(out.slice(out.indexOf('{"sent"'))) as {
                sent: unknown[];
                results: string[];
            };
            expect(results).to.deep.equal(["ok", "ok", "AccessDeniedException"]);
            expect(sent).to.deep.equal([
                { TaskArn: taskArn },
                { TaskArn: taskArn },
                { TaskArn: taskArn },
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    const refusals: [string, (a: DataFeedArgs) => DataFeedArgs, string][] = [
        [
            "a bucket that is no bucket ARN",
            (a) => ({ ...a, source: { ...a.source, bucketArn: "central-research-data" } }),
            'source.bucketArn "central-research-data" is not allowed',
        ],
        [
            "a prefix without its slash",
            (a) => ({ ...a, source: { ...a.source, prefix: "cohort" } }),
            'source.prefix "cohort" is not allowed',
        ],
        [
            "a schedule more often than hourly",
            (a) => ({ ...a, schedule: "rate(5 minutes)" }),
            'schedule "rate(5 minutes)" is not allowed',
        ],
        [
            "an owner that is no account",
            (a) => ({ ...a, source: { ...a.source, accountId: "central" } }),
            'source.accountId "central" is not allowed',
        ],
    ];
    for (const [what, change, message] of refusals) {
        it(`refuses ${what}, before declaring anything`, async () => {
            const { message: got, plan: p } = await planRefusal(
                (opts) => new DataFeed("feed", change(BASE), opts),
            );
            expect(got).to.include(`DataFeed feed: ${message}`);
            expect(
                p.resources.filter((r) => r.custom && r.type !== "pulumi:providers:aws"),
            ).to.deep.equal([]);
        });
    }
});
