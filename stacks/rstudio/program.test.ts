import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { PROJECT_DIR } from "../../tools/synth/planStack";
import type { PlanResource } from "../../tools/synth/plan";
import { ofType, planAnyForStack } from "../../test/harness";
import type { RstudioStackConfig } from "./config";
import { RSTUDIO_KEY_DOMAINS, workbenchHosts } from "./program";

const aws = (resources: PlanResource[]) =>
    resources.filter(
        (r) => r.custom && !r.type.startsWith("pulumi:providers:") && r.type.startsWith("aws:"),
    );

for (const stack of ["rstudio-dev", "rstudio-prod"]) {
    describe(`the RStudio program on ${stack} (offline plan)`, function () {
        this.timeout(60000);
        let plan: Awaited<ReturnType<typeof planAnyForStack>>["plan"];
        let config: RstudioStackConfig;
        let calls: Awaited<ReturnType<typeof planAnyForStack>>["calls"];
        before(async () => {
            const planned = await planAnyForStack(stack);
            if (planned.config.system !== "rstudio") {
                throw new Error(`${stack} is not an RStudio stack`);
            }
            ({ plan, calls } = planned);
            config = planned.config;
        });
        const ownBucket = () => config.dataFeed !== undefined && !config.dataFeed.sourceBucketArn;

        it("declares every AWS resource and reads every data source through the one explicit provider, with the stack's tags", () => {
            const [provider] = ofType(plan, "pulumi:providers:aws");
            expect(provider.inputs.region).to.equal(config.region);
            for (const r of aws(plan.resources)) {
                expect(r.provider, r.urn).to.equal(provider.urn);
            }
            for (const call of calls) {
                expect(call.provider, call.token).to.match(/pulumi:providers:aws::aws::/);
            }
            const defaultTags = (
                JSON.parse(provider.inputs.defaultTags as string) as { tags: object }
            ).tags;
            expect(defaultTags).to.deep.equal(config.tags);
        });

        it("runs RStudio for each user at their own host and Shiny at its own, behind the firewall's allow-list", () => {
            const hosts = workbenchHosts(config.domainName);
            const services = ofType(plan, "aws:ecs/service:Service")
                .map((s) => s.name)
                .sort();
            expect(services).to.deep.equal(
                [...config.users.map((u) => `workbench-u-${u.name}`), "workbench-shiny"].sort(),
            );
            const hostRules = ofType(plan, "aws:lb/listenerRule:ListenerRule").flatMap(
                (r) =>
                    (r.inputs.conditions as { hostHeader?: { values: string[] } }[])[0].hostHeader
                        ?.values ?? [],
            );
            expect(hostRules.sort()).to.deep.equal(
                [...config.users.map((u) => hosts.user(u.name)), hosts.shiny].sort(),
            );
            const urls = plan.outputs.urls as { rstudio: Record<string, string>; shiny: string };
            expect(urls.shiny).to.equal(`https://${hosts.shiny}`);
            expect(Object.keys(urls.rstudio).sort()).to.deep.equal(
                config.users.map((u) => u.name).sort(),
            );
            const ips = ofType(plan, "aws:wafv2/ipSet:IpSet");
            expect(ips.map((s) => s.inputs.addresses)).to.deep.equal([config.allowedCidrs]);
        });

        it("keeps a key per data domain it has, a home per user on the encrypted shared file system, and backs it up", () => {
            const aliases = ofType(plan, "aws:kms/alias:Alias").map((a) =>
                String(a.inputs.name).split("/").pop(),
            );
            expect(aliases.sort()).to.deep.equal(
                [
                    ...RSTUDIO_KEY_DOMAINS,
                    ...(config.audit.accountBaseline ? ["audit"] : []),
                    ...(ownBucket() ? ["files"] : []),
                ].sort(),
            );
            const points = ofType(plan, "aws:efs/accessPoint:AccessPoint")
                .map((p) => p.name)
                .sort();
            expect(points).to.deep.equal(
                [
                    ...config.users.map((u) => `files-home-${u.name}`),
                    "files-data",
                    "files-shared",
                ].sort(),
            );
            const [fs] = ofType(plan, "aws:efs/fileSystem:FileSystem");
            expect(fs.inputs.encrypted).to.equal(true);
            expect(fs.options.protect).to.equal(config.protectData);
            const selection = ofType(plan, "aws:backup/selection:Selection")[0];
            expect(selection.propertyDependencies.resources).to.include(fs.urn);
            // No database, no uploads bucket: what REDCap has and this system does not.
            expect(ofType(plan, "aws:rds/cluster:Cluster")).to.deep.equal([]);
            expect(
                ofType(plan, "aws:s3/bucket:Bucket")
                    .map((b) => b.name)
                    .sort(),
            ).to.deep.equal(
                ["web-access-logs", ...(ownBucket() ? ["data", "data-access-logs"] : [])].sort(),
            );
        });

        it("feeds /data from the stack's own bucket (its files key, backed up) or from the bucket it names", () => {
            const [source] = ofType(plan, "aws:datasync/s3Location:S3Location");
            expect(source, "a data feed").to.not.equal(undefined);
            const notifications = ofType(plan, "aws:s3/bucketNotification:BucketNotification");
            if (!ownBucket()) {
                expect(source.inputs.s3BucketArn).to.equal(config.dataFeed?.sourceBucketArn);
                expect(notifications).to.deep.equal([]);
                expect(plan.outputs).to.not.have.property("dataBucketName");
                return;
            }
            const bucket = ofType(plan, "aws:s3/bucket:Bucket").find((b) => b.name === "data");
            expect(bucket?.options.protect).to.equal(config.protectData);
            expect(source.propertyDependencies.s3BucketArn).to.deep.equal([bucket?.urn]);
            expect(notifications.map((n) => n.propertyDependencies.bucket)).to.deep.equal([
                [bucket?.urn],
            ]);
            const selection = ofType(plan, "aws:backup/selection:Selection")[0];
            expect(selection.propertyDependencies.resources).to.include(bucket?.urn);
            const sse = ofType(
                plan,
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            ).find((r) => r.name === "data");
            const filesKey = ofType(plan, "aws:kms/key:Key").find((k) => k.name.endsWith("files"));
            expect(sse?.propertyDependencies.rules).to.deep.equal([filesKey?.urn]);
            expect(plan.outputs).to.have.property("dataBucketName");
        });

        it("leaves the account's audit baseline to the stack that owns it", () => {
            expect(config.audit.accountBaseline).to.equal(false);
            for (const type of [
                "aws:cloudtrail/trail:Trail",
                "aws:guardduty/detector:Detector",
                "aws:cfg/recorder:Recorder",
            ]) {
                expect(ofType(plan, type), type).to.deep.equal([]);
            }
        });

        it("keeps users' passwords out of the plan: only their secrets' ARNs are outputs", () => {
            const versions = ofType(plan, "aws:secretsmanager/secretVersion:SecretVersion");
            expect(versions).to.have.length(config.users.length);
            for (const v of versions) {
                expect(v.inputs.secretString).to.equal("[secret]");
            }
            const arns = plan.outputs.passwordSecretArns as Record<string, string>;
            expect(Object.keys(arns).sort()).to.deep.equal(config.users.map((u) => u.name).sort());
            for (const arn of Object.values(arns)) {
                expect(arn).to.match(/^arn:aws:secretsmanager:/);
            }
        });

        it("exports every stack output its runbook reads", () => {
            const runbook = path.join(PROJECT_DIR, "docs", "runbooks", "rstudio.md");
            const text = fs.readFileSync(runbook, "utf8");
            const read = [
                ...text.matchAll(
                    /pulumi stack output (\w+)(?: --json(?: -s [\w-]+)? \| jq -r \.(\w+))?/g,
                ),
            ];
            expect(read.length).to.be.greaterThan(2);
            // Outputs of an optional feature, and whether this stack has it.
            const optional: Record<string, boolean> = { dataBucketName: ownBucket() };
            for (const [, name, field] of read) {
                if (optional[name] === false) {
                    expect(plan.outputs, name).to.not.have.property(name);
                    continue;
                }
                expect(plan.outputs, name).to.have.property(name);
                if (field && name !== "passwordSecretArns") {
                    expect(plan.outputs[name], `${name}.${field}`).to.have.property(field);
                }
            }
            // The users' passwords are keyed by name, as the runbook reads them.
            const arns = plan.outputs.passwordSecretArns as Record<string, string>;
            expect(arns).to.have.property(config.users[0].name);
        });

        it("pages for each user's RStudio on its own, and for Shiny", () => {
            const alarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) =>
                String(a.inputs.name),
            );
            for (const user of config.users) {
                expect(
                    alarms.some((a) => a.endsWith(`-rstudio-${user.name}-no-healthy-targets`)),
                    user.name,
                ).to.equal(true);
                expect(
                    alarms.some((a) => a.endsWith(`-rstudio-${user.name}-memory-high`)),
                    user.name,
                ).to.equal(true);
            }
            expect(alarms.some((a) => a.endsWith("-shiny-5xx"))).to.equal(true);
        });
    });
}
