import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { REDCAP_KEY_DOMAINS } from "../stacks/redcap/program";
import { SAML_SESSION_LIFETIME_SECONDS } from "../components/redcapService/signIn";
import { SAML_RESPONSE_PATH } from "../components/redcapService/firewallPreset";
import { SECURITY_ALARMS } from "../components/auditBaseline/securityAlarms";
import { REQUIRED_TAG_KEYS } from "../components/tags";
import { ConfigError } from "../stacks";
import { SECRET, type Plan, type PlanResource } from "../tools/synth/plan";
import { SecurityGroupIndex } from "../tools/diagram/securityGroups";
import { createMocks } from "../tools/synth/mocks";
import { PROJECT_DIR, planStack, type StackPlan } from "../tools/synth/planStack";
import { readStackFile, SECRET_PLACEHOLDER } from "../tools/synth/stackFile";
import {
    BROKEN_STACK,
    ofType,
    planForStack,
    planStackWithApp,
    SIGN_IN_WITH_LDAP,
    SIGN_IN_WITH_SAML,
} from "./harness";
import { isTaggableAwsType } from "./tagging";

const FIXTURES = path.join(__dirname, "fixtures");
const RUNBOOKS = path.join(PROJECT_DIR, "docs", "runbooks");

/** Input keys whose string values must never be in plain text, wherever they appear. */
const SECRET_LIKE_KEY =
    /(password|passphrase|secretString|secretBinary|privateKey|secretAccessKey|token|salt)$/i;

function secretLikeValues(value: unknown, at: string, found: string[]): string[] {
    if (Array.isArray(value)) {
        value.forEach((v, i) => secretLikeValues(v, `${at}[${i}]`, found));
    } else if (value !== null && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
            if (SECRET_LIKE_KEY.test(k) && typeof v === "string" && v !== SECRET) {
                found.push(`${at}.${k}`);
            }
            secretLikeValues(v, `${at}.${k}`, found);
        }
    }
    return found;
}

/** Resources that exist once per account and region: only the baseline's stack may declare them. */
const ACCOUNT_LEVEL_TYPES = [
    "aws:cloudtrail/trail:Trail",
    "aws:cfg/recorder:Recorder",
    "aws:cfg/deliveryChannel:DeliveryChannel",
    "aws:cfg/recorderStatus:RecorderStatus",
    "aws:cfg/conformancePack:ConformancePack",
    "aws:guardduty/detector:Detector",
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    "aws:ebs/encryptionByDefault:EncryptionByDefault",
];

const awsResources = (plan: Plan) =>
    plan.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
const count = (plan: Plan, type: string) => plan.resources.filter((r) => r.type === type).length;
const only = (plan: Plan, type: string) => {
    const found = plan.resources.filter((r) => r.type === type);
    expect(found, type).to.have.length(1);
    return found[0];
};

for (const stack of ["dev", "prod"]) {
    describe(`whole program: ${stack} stack`, () => {
        let result: StackPlan;
        let plan: Plan;
        before(async () => {
            result = await planForStack(stack);
            plan = result.plan;
        });

        it("creates what the stack's configuration asks for", () => {
            const net = result.config.network;
            const natCount =
                net.natGateways === "perAz" ? net.azCount : net.natGateways === "single" ? 1 : 0;
            const tiers = net.publicSubnets ? 3 : 2;
            expect(count(plan, "pulumi:providers:aws")).to.equal(1);
            // One key per data domain, plus the audit key in the stack owning the account baseline.
            const keys = REDCAP_KEY_DOMAINS.length - (result.config.audit.accountBaseline ? 0 : 1);
            expect(count(plan, "aws:kms/key:Key")).to.equal(keys);
            expect(count(plan, "aws:kms/alias:Alias")).to.equal(keys);
            expect(count(plan, "aws:ec2/vpc:Vpc")).to.equal(1);
            expect(count(plan, "aws:ec2/subnet:Subnet")).to.equal(tiers * net.azCount);
            expect(count(plan, "aws:ec2/natGateway:NatGateway")).to.equal(natCount);
            expect(count(plan, "aws:ec2/eip:Eip")).to.equal(natCount);
            expect(count(plan, "aws:ec2/flowLog:FlowLog")).to.equal(1);
            expect(count(plan, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")).to.equal(1);
            expect(count(plan, "aws:ec2/vpcEndpoint:VpcEndpoint")).to.equal(
                1 + net.interfaceEndpoints.length,
            );
            expect(count(plan, "aws:ec2/networkAcl:NetworkAcl")).to.equal(1);
        });

        it("gives every resource a unique name within its type and a unique URN", () => {
            const seen = new Map<string, PlanResource>();
            for (const r of plan.resources) {
                const key = `${r.type}::${r.name}`;
                expect(seen.has(key), `duplicate ${key}`).to.equal(false);
                seen.set(key, r);
            }
            expect(new Set(plan.resources.map((r) => r.urn)).size).to.equal(plan.resources.length);
        });

        it("declares every AWS resource through the one explicit provider", () => {
            const [provider] = plan.resources.filter((r) => r.type === "pulumi:providers:aws");
            expect(provider.inputs.region).to.equal(result.config.region);
            for (const r of awsResources(plan)) {
                expect(r.provider, r.urn).to.equal(provider.urn);
            }
        });

        it("disables the default AWS provider in the stack file, so a forgotten provider fails loudly", () => {
            const file = readStackFile(PROJECT_DIR, stack);
            expect(JSON.parse(file.config["pulumi:disable-default-providers"])).to.include("aws");
        });

        it("reads every data source through the explicit provider too (default providers are disabled)", () => {
            const [provider] = plan.resources.filter((r) => r.type === "pulumi:providers:aws");
            expect(result.calls.length).to.be.greaterThan(0);
            for (const call of result.calls) {
                // A provider reference is "<urn>::<id>"; the mock monitor's URN form differs from
                // the engine's only in the type chain, so compare the provider's type and name.
                const urn = call.provider.split("::").slice(0, -1).join("::");
                expect(urn, call.token).to.match(
                    new RegExp(`[:$]pulumi:providers:aws::${provider.name}$`),
                );
            }
        });

        it("covers every taggable resource with every required tag", () => {
            const [provider] = plan.resources.filter((r) => r.type === "pulumi:providers:aws");
            const defaultTags = (
                JSON.parse(provider.inputs.defaultTags as string) as {
                    tags: Record<string, string>;
                }
            ).tags;
            for (const key of REQUIRED_TAG_KEYS) {
                expect(defaultTags[key], key).to.be.a("string").and.not.equal("");
            }
            expect(defaultTags).to.deep.equal(result.config.tags);
            const taggable = awsResources(plan).filter((r) => isTaggableAwsType(r.type));
            expect(taggable.length).to.be.greaterThan(20);
            for (const r of taggable) {
                const own = (r.inputs.tags ?? {}) as Record<string, string>;
                for (const key of REQUIRED_TAG_KEYS) {
                    // The provider's default tags apply unless the resource overrides the key.
                    expect(own[key] ?? defaultTags[key], `${r.urn} ${key}`)
                        .to.be.a("string")
                        .and.not.equal("");
                }
            }
        });

        it("has nothing secret in plain text in inputs or outputs", () => {
            expect(
                secretLikeValues(
                    plan.resources.map((r) => r.inputs),
                    "inputs",
                    [],
                ),
            ).to.deep.equal([]);
            expect(secretLikeValues(plan.outputs, "outputs", [])).to.deep.equal([]);
            expect(JSON.stringify(plan)).not.to.match(/AKIA[0-9A-Z]{16}|BEGIN [A-Z ]*PRIVATE KEY/);
        });

        it("never shows a generated password, in any resource or output", async () => {
            const generators = plan.resources.filter(
                (r) => r.type === "random:index/randomPassword:RandomPassword",
            );
            expect(generators.length).to.be.greaterThan(0);
            const mocks = createMocks({ region: result.config.region });
            const text = JSON.stringify(plan);
            for (const generator of generators) {
                // The value the mocks generated for this resource, as the program received it.
                const made = (await mocks.newResource({
                    type: generator.type,
                    name: generator.name,
                    inputs: generator.inputs,
                    custom: true,
                })) as unknown as { state: { result: string } };
                expect(made.state.result.length).to.equal(generator.inputs.length);
                expect(text).not.to.include(made.state.result);
            }
        });

        it("exports the network and key identifiers", () => {
            expect(plan.outputs.vpcId).to.match(/^vpc-[0-9a-f]{17}$/);
            expect(plan.outputs.privateSubnetIds).to.have.length(result.config.network.azCount);
            expect(plan.outputs.isolatedSubnetIds).to.have.length(result.config.network.azCount);
            expect(plan.outputs.endpointSecurityGroupId).to.match(/^sg-/);
            expect(Object.keys(plan.outputs.keyArns as object)).to.have.length(
                count(plan, "aws:kms/key:Key"),
            );
        });

        it("exports every stack output the runbooks read (those of optional features with the feature on)", async () => {
            // Outputs that exist only with an optional feature, and a plan with it turned on (the
            // dev stack's: the feature's outputs do not depend on the environment).
            const withLdap = (await planStackWithApp("dev", SIGN_IN_WITH_LDAP)).plan;
            const withSaml = (await planStackWithApp("dev", SIGN_IN_WITH_SAML)).plan;
            const optional: Record<string, Plan> = {
                ldapBindSecretArn: withLdap,
                samlServiceProviderSecretArn: withSaml,
            };
            for (const name of Object.keys(optional)) {
                expect(plan.outputs).not.to.have.property(name);
            }
            // rstudio*.md are the RStudio stacks' (stacks/rstudio/program.test.ts checks them).
            for (const runbook of fs
                .readdirSync(RUNBOOKS)
                .filter((f) => !f.startsWith("rstudio"))) {
                const text = fs.readFileSync(path.join(RUNBOOKS, runbook), "utf8");
                // `pulumi stack output name`, and `... output name --json | jq -r .field`
                for (const [, name, field] of text.matchAll(
                    /pulumi stack output (\w+)(?: --json \| jq -r \.(\w+))?/g,
                )) {
                    const outputs = (optional[name] ?? plan).outputs;
                    expect(outputs, `${runbook}: ${name}`).to.have.property(name);
                    if (field) {
                        expect(outputs[name], `${runbook}: ${name}.${field}`).to.have.property(
                            field,
                        );
                    }
                }
            }
        });

        it(`gives operators the ${stack === "prod" ? "ssm" : "bastion"} way in, with no inbound port but the load balancer's`, () => {
            const mode = result.config.access.mode;
            expect(mode).to.equal(stack === "prod" ? "ssm" : "bastion");
            expect((plan.outputs.access as { mode: string }).mode).to.equal(mode);
            expect(count(plan, "aws:ec2/instance:Instance")).to.equal(mode === "bastion" ? 1 : 0);
            const alb = only(plan, "aws:lb/loadBalancer:LoadBalancer");
            const albGroups = new Set(alb.propertyDependencies.securityGroups);
            // Every ingress rule, in all three forms (read as the diagram reads them): from an
            // address range only into the load balancer's group, on 80 and 443; everything else
            // only from other security groups.
            const rules = new SecurityGroupIndex(plan).rules.filter(
                (r) => r.direction === "ingress",
            );
            expect(rules.length).to.be.greaterThan(0);
            const vpcCidr = result.config.network.cidr;
            for (const rule of rules) {
                if (rule.peer.kind !== "cidr") {
                    continue;
                }
                const ports = [rule.fromPort, rule.toPort];
                if (albGroups.has(rule.group ?? "")) {
                    expect(
                        [
                            [80, 80],
                            [443, 443],
                        ],
                        rule.group,
                    ).to.deep.include(ports);
                } else {
                    // Inside the VPC only (the interface endpoints admit HTTPS from the VPC).
                    expect(rule.peer.cidr, rule.group).to.equal(vpcCidr);
                    expect(ports, rule.group).to.deep.equal([443, 443]);
                }
            }
            for (const instance of plan.resources.filter(
                (r) => r.type === "aws:ec2/instance:Instance",
            )) {
                expect(instance.inputs.associatePublicIpAddress).to.equal(false);
                expect(instance.inputs.keyName).to.equal(undefined);
            }
        });

        it("wires every alarm, alarm and OK, to the one KMS-encrypted alert topic", () => {
            const topic = plan.resources.find(
                (r) => r.type === "aws:sns/topic:Topic" && r.name === "alerts",
            )!;
            const alertsKey = plan.resources.find(
                (r) => r.type === "aws:kms/key:Key" && r.name === "keys-alerts",
            )!;
            expect(topic.propertyDependencies.kmsMasterKeyId).to.deep.equal([alertsKey.urn]);
            const alarms = plan.resources.filter(
                (r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm",
            );
            // The stack's service alarms, the site-down alarm, and the security alarms where the
            // baseline is.
            const outputs = plan.outputs.alerts as {
                alarmNames: string[];
                siteDownAlarmName?: string;
            };
            expect(alarms.length).to.equal(
                outputs.alarmNames.length +
                    (outputs.siteDownAlarmName ? 1 : 0) +
                    (result.config.audit.accountBaseline ? SECURITY_ALARMS.length : 0),
            );
            // Event rules and the budget notify the same topic.
            const targets = plan.resources.filter(
                (r) => r.type === "aws:cloudwatch/eventTarget:EventTarget",
            );
            expect(targets.length).to.be.greaterThan(0);
            for (const target of targets) {
                expect(target.propertyDependencies.arn, target.urn).to.deep.equal([topic.urn]);
            }
            const budget = plan.resources.find((r) => r.type === "aws:budgets/budget:Budget")!;
            expect(budget.propertyDependencies.notifications).to.deep.equal([topic.urn]);
            for (const alarm of alarms) {
                expect(alarm.inputs.actionsEnabled, alarm.urn).not.to.equal(false);
                expect(alarm.propertyDependencies.alarmActions, alarm.urn).to.deep.equal([
                    topic.urn,
                ]);
                expect(alarm.propertyDependencies.okActions, alarm.urn).to.deep.equal([topic.urn]);
                expect(alarm.inputs.alarmActions, alarm.urn).to.have.length(1);
                expect(alarm.inputs.okActions, alarm.urn).to.have.length(1);
            }
            expect(count(plan, "aws:cloudwatch/dashboard:Dashboard")).to.equal(1);
        });

        it(
            stack === "prod"
                ? "owns the account's audit baseline: each account-level resource once"
                : "leaves the account's audit baseline to another stack: nothing account-level",
            () => {
                const owns = result.config.audit.accountBaseline;
                expect(owns).to.equal(stack === "prod");
                for (const type of ACCOUNT_LEVEL_TYPES) {
                    expect(count(plan, type), type).to.equal(owns ? 1 : 0);
                }
                const preferences = plan.resources.filter(
                    (r) =>
                        r.type === "aws:ssm/document:Document" &&
                        r.inputs.name === "SSM-SessionManagerRunShell",
                );
                expect(preferences).to.have.length(owns ? 1 : 0);
                expect(count(plan, "aws:cloudwatch/logMetricFilter:LogMetricFilter")).to.equal(
                    owns ? SECURITY_ALARMS.length : 0,
                );
                expect(Object.keys(plan.outputs)).to.have.length.above(10);
                expect("audit" in plan.outputs).to.equal(owns);
                if (owns) {
                    const trail = only(plan, "aws:cloudtrail/trail:Trail");
                    const uploads = plan.resources.find(
                        (r) => r.type === "aws:s3/bucket:Bucket" && r.name === "files-uploads",
                    )!;
                    expect(trail.propertyDependencies.advancedEventSelectors).to.include(
                        uploads.urn,
                    );
                }
            },
        );

        it("protects keys exactly when the stack protects data", () => {
            for (const key of plan.resources.filter((r) => r.type === "aws:kms/key:Key")) {
                expect(key.options.protect, key.name).to.equal(result.config.protectData);
                expect(key.options.retainOnDelete, key.name).to.equal(result.config.protectData);
            }
        });

        it("creates the data tier the configuration asks for, and backs up the database and the uploads", () => {
            const db = result.config.database;
            expect(count(plan, "aws:rds/cluster:Cluster")).to.equal(1);
            expect(count(plan, "aws:rds/clusterInstance:ClusterInstance")).to.equal(db.readers + 1);
            expect(count(plan, "aws:s3/bucket:Bucket")).to.equal(
                2 + (result.config.app ? 1 : 0) + (result.config.audit.accountBaseline ? 1 : 0),
            );
            expect(count(plan, "aws:backup/vault:Vault")).to.equal(
                result.config.backup.copyToRegion ? 2 : 1,
            );
            expect(
                count(plan, "aws:backup/vaultLockConfiguration:VaultLockConfiguration"),
            ).to.equal(result.config.backup.vaultLock ? 1 : 0);
            const cluster = only(plan, "aws:rds/cluster:Cluster");
            const uploads = plan.resources.find(
                (r) => r.type === "aws:s3/bucket:Bucket" && r.name === "files-uploads",
            );
            const selection = only(plan, "aws:backup/selection:Selection");
            expect(selection.propertyDependencies.resources).to.have.members([
                cluster.urn,
                uploads?.urn,
            ]);
            expect(cluster.inputs).to.include({
                backupRetentionPeriod: db.backupRetentionDays,
                storageEncrypted: true,
            });
        });

        it(
            stack === "prod"
                ? "keeps the database, the uploads and the backups through a mistaken pulumi destroy"
                : "can be destroyed cleanly, data stores included",
            () => {
                const keep = stack === "prod";
                expect(result.config.protectData).to.equal(keep);
                const cluster = only(plan, "aws:rds/cluster:Cluster");
                expect(cluster.inputs).to.include({
                    deletionProtection: keep,
                    skipFinalSnapshot: !keep,
                });
                expect(cluster.inputs.finalSnapshotIdentifier).to.equal(
                    keep ? "redcap-prod-final" : undefined,
                );
                const dataStores = plan.resources.filter((r) =>
                    [
                        "aws:rds/cluster:Cluster",
                        "aws:s3/bucket:Bucket",
                        "aws:backup/vault:Vault",
                        "aws:kms/key:Key",
                    ].includes(r.type),
                );
                expect(dataStores.length).to.be.greaterThan(10);
                for (const r of dataStores) {
                    expect(r.options, r.urn).to.include({ protect: keep, retainOnDelete: keep });
                }
                for (const r of plan.resources.filter(
                    (x) => x.type === "aws:s3/bucket:Bucket" || x.type === "aws:backup/vault:Vault",
                )) {
                    expect(r.inputs.forceDestroy, r.urn).to.equal(!keep);
                }
            },
        );

        it("serves REDCap only over HTTPS with TLS 1.2+, behind the firewall, from private tasks with secrets only in valueFrom", () => {
            const app = result.config.app;
            expect(app, "the example stacks configure the app tier").to.not.equal(undefined);
            const listeners = plan.resources.filter((r) => r.type === "aws:lb/listener:Listener");
            expect(listeners.map((l) => [l.inputs.port, l.inputs.protocol])).to.have.deep.members([
                [443, "HTTPS"],
                [80, "HTTP"],
            ]);
            for (const listener of listeners) {
                const actions = listener.inputs.defaultActions as {
                    type: string;
                    redirect?: { protocol: string };
                }[];
                if (listener.inputs.protocol === "HTTP") {
                    expect(actions).to.deep.equal([
                        {
                            type: "redirect",
                            redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
                        },
                    ]);
                } else {
                    expect(listener.inputs.sslPolicy).to.equal(app!.sslPolicy);
                }
            }
            const alb = only(plan, "aws:lb/loadBalancer:LoadBalancer");
            const association = only(plan, "aws:wafv2/webAclAssociation:WebAclAssociation");
            expect(association.propertyDependencies.resourceArn).to.deep.equal([alb.urn]);
            for (const service of plan.resources.filter(
                (r) => r.type === "aws:ecs/service:Service",
            )) {
                expect(
                    (service.inputs.networkConfiguration as { assignPublicIp: boolean })
                        .assignPublicIp,
                    service.urn,
                ).to.equal(false);
            }
            for (const task of plan.resources.filter(
                (r) => r.type === "aws:ecs/taskDefinition:TaskDefinition",
            )) {
                for (const container of JSON.parse(task.inputs.containerDefinitions as string) as {
                    environment: { name: string; value: string }[];
                    secrets: { valueFrom: string }[];
                }[]) {
                    for (const { name, value } of container.environment) {
                        expect(name, task.urn).not.to.match(/PASSWORD|SECRET|SALT|TOKEN/i);
                        expect(value, `${task.urn} ${name}`).not.to.match(
                            /^arn:aws:secretsmanager/,
                        );
                    }
                    expect(container.secrets.length).to.be.greaterThan(0);
                    for (const secret of container.secrets) {
                        expect(secret.valueFrom).to.match(/^arn:aws:secretsmanager:/);
                    }
                }
            }
        });

        it(
            stack === "prod"
                ? "keeps full capacity during deployments and protects the load balancer"
                : "lets dev deploy at half capacity",
            () => {
                const keep = stack === "prod";
                const web = plan.resources.find(
                    (r) => r.type === "aws:ecs/service:Service" && r.name === "app-web",
                )!;
                expect(web.inputs.deploymentMinimumHealthyPercent).to.equal(keep ? 100 : 50);
                expect(
                    only(plan, "aws:lb/loadBalancer:LoadBalancer").inputs.enableDeletionProtection,
                ).to.equal(keep);
                // The web service's own target (a sleeping dev's cron runner has one too).
                const scaling = plan.resources.find(
                    (r) => r.type === "aws:appautoscaling/target:Target" && r.name === "app-web",
                )!;
                expect(scaling.inputs).to.include({
                    minCapacity: result.config.app!.minTasks,
                    maxCapacity: result.config.app!.maxTasks,
                });
            },
        );

        it(
            stack === "prod"
                ? "never sleeps: no scheduled actions, no alarm silencing"
                : "sleeps outside its hours, silencing only alarms the plan has",
            () => {
                const actions = plan.resources.filter(
                    (r) => r.type === "aws:appautoscaling/scheduledAction:ScheduledAction",
                );
                const schedules = plan.resources.filter(
                    (r) =>
                        r.type === "aws:scheduler/schedule:Schedule" && r.name.startsWith("sleep-"),
                );
                if (stack === "prod") {
                    expect(actions).to.deep.equal([]);
                    expect(schedules).to.deep.equal([]);
                    return;
                }
                expect(actions.map((a) => a.name).sort()).to.deep.equal([
                    "app-cron-sleep",
                    "app-cron-wake",
                    "app-web-sleep",
                    "app-web-wake",
                ]);
                // The silenced names are built from alarm ids: each must be an alarm of the plan.
                const alarmNames = new Set(
                    plan.resources
                        .filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")
                        .map((r) => r.inputs.name),
                );
                const silence = schedules.find((s) => s.name === "sleep-silence-alarms")!;
                const silenced = JSON.parse((silence.inputs.target as { input: string }).input)
                    .AlarmNames as string[];
                expect(silenced).to.have.length(4);
                for (const name of silenced) {
                    expect(alarmNames, name).to.include(name);
                }
            },
        );

        it("creates the database users, then runs REDCap's setup, then rolls out the services", () => {
            const invocation = (name: string) =>
                plan.resources.find(
                    (r) => r.type === "aws:lambda/invocation:Invocation" && r.name === name,
                )!;
            const bootstrap = invocation("database-user-bootstrap");
            const setup = invocation("app-setup");
            expect(setup.options.dependsOn).to.include(bootstrap.urn);
            for (const service of plan.resources.filter(
                (r) => r.type === "aws:ecs/service:Service",
            )) {
                expect(service.options.dependsOn, service.name).to.include(setup.urn);
            }
        });

        it("runs REDCap's setup again when its S3 key rotates, so REDCap gets the new key", () => {
            const keyVersion = plan.resources.find(
                (r) =>
                    r.type === "aws:secretsmanager/secretVersion:SecretVersion" &&
                    r.name === "files-s3-access-key",
            )!;
            for (const name of ["app-setup", "app-setup-finish"]) {
                const run = plan.resources.find(
                    (r) => r.type === "aws:lambda/invocation:Invocation" && r.name === name,
                )!;
                expect(run.propertyDependencies.triggers, name).to.include(keyVersion.urn);
            }
        });

        it("plans the same thing every time, so plan diffs in pull requests show only real changes", async () => {
            const again = await planStack(stack);
            expect(JSON.stringify(again.plan)).to.equal(JSON.stringify(plan));
        });
    });
}

describe("whole program: prod differs from dev where the environments differ", () => {
    it("prod spreads over 3 AZs with a NAT gateway each and keeps AWS traffic on private endpoints", async () => {
        const prod = (await planForStack("prod")).plan;
        const dev = (await planForStack("dev")).plan;
        expect(count(prod, "aws:ec2/natGateway:NatGateway")).to.equal(3);
        expect(count(dev, "aws:ec2/natGateway:NatGateway")).to.equal(1);
        expect(count(prod, "aws:ec2/vpcEndpoint:VpcEndpoint")).to.be.greaterThan(
            count(dev, "aws:ec2/vpcEndpoint:VpcEndpoint"),
        );
        const [provider] = prod.resources.filter((r) => r.type === "pulumi:providers:aws");
        // Provider settings reach the engine JSON-encoded.
        expect(JSON.parse(provider.inputs.allowedAccountIds as string)).to.deep.equal([
            "123456789012",
        ]);
    });

    it("dev has Container Insights off and watches its cron runner through ECS's own metrics; prod keeps Container Insights", async () => {
        const cronAlarm = (plan: StackPlan["plan"]) =>
            plan.resources.find(
                (r) =>
                    r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" &&
                    r.name === "alarms-cron-not-running",
            )?.inputs;
        const insights = (plan: StackPlan["plan"]) =>
            plan.resources.find((r) => r.type === "aws:ecs/cluster:Cluster")?.inputs.settings;
        const dev = (await planForStack("dev")).plan;
        const prod = (await planForStack("prod")).plan;
        expect(insights(dev)).to.deep.equal([{ name: "containerInsights", value: "disabled" }]);
        expect(insights(prod)).to.deep.equal([{ name: "containerInsights", value: "enabled" }]);
        expect(cronAlarm(dev)).to.deep.include({
            namespace: "AWS/ECS",
            metricName: "CPUUtilization",
            statistic: "SampleCount",
            treatMissingData: "breaching",
        });
        expect(cronAlarm(prod)).to.deep.include({
            namespace: "ECS/ContainerInsights",
            metricName: "RunningTaskCount",
            statistic: "Minimum",
        });
    });

    it("names nothing AWS keeps unique per account and region the same in dev and prod, so they can share an account", async () => {
        const prod = (await planForStack("prod")).plan;
        const dev = (await planForStack("dev")).plan;
        // Inputs that set a physical name AWS requires unique in the account and region. A
        // parameter group's `family` is the engine's, not a name; references ("[...]" or ids the
        // mocks derive from Pulumi names) are auto-named with a random suffix by the engine.
        const NAME_INPUTS = [
            "name",
            "family",
            "clusterIdentifier",
            "identifier",
            "alarmName",
            "dashboardName",
        ];
        const named = (plan: typeof prod) =>
            new Set(
                plan.resources.flatMap((r) =>
                    NAME_INPUTS.filter(
                        (k) =>
                            typeof r.inputs[k] === "string" &&
                            !(k === "family" && /ParameterGroup$/.test(r.type)),
                    ).map((k) => `${r.type} ${k}=${String(r.inputs[k])}`),
                ),
            );
        const inProd = named(prod);
        const shared = [...named(dev)].filter((n) => inProd.has(n));
        expect(named(dev).size).to.be.greaterThan(20);
        expect(shared).to.deep.equal([]);
    });
});

describe("whole program: SAML sign-in (redcap:app.signIn.method saml)", function () {
    this.timeout(60000);

    it("changes only what SAML needs: the web and setup tasks, the operator's secret, stickiness on the target group and the firewall's body-size exception", async () => {
        const dev = (await planForStack("dev")).plan;
        const saml = (await planStackWithApp("dev", SIGN_IN_WITH_SAML)).plan;
        const byUrn = (plan: Plan) => new Map(plan.resources.map((r) => [r.urn, r]));
        const before = byUrn(dev);
        const after = byUrn(saml);
        const added = [...after.keys()].filter((urn) => !before.has(urn));
        const removed = [...before.keys()].filter((urn) => !after.has(urn));
        const changed = [...after.keys()].filter(
            (urn) =>
                before.has(urn) &&
                JSON.stringify(before.get(urn)!.inputs) !== JSON.stringify(after.get(urn)!.inputs),
        );
        const names = (urns: string[]) => urns.map((urn) => after.get(urn)?.name ?? urn).sort();
        expect(removed).to.deep.equal([]);
        expect(names(added)).to.deep.equal([
            "app-saml-sp",
            "app-saml-sp-placeholder",
            "app-saml-sp-placeholder",
        ]);
        // The web task (SAML settings and secret) and the setup task (sign-in method), the
        // execution role's policy (it reads the new secret), the target group and the firewall.
        expect(names(changed)).to.deep.equal([
            "app-execution",
            "app-setup",
            "app-web",
            "firewall",
            "web-redcap",
        ]);
        const targetGroup = ofType(saml, "aws:lb/targetGroup:TargetGroup")[0];
        expect(targetGroup.inputs.stickiness).to.deep.equal({
            type: "lb_cookie",
            enabled: true,
            cookieDuration: SAML_SESSION_LIFETIME_SECONDS,
        });
        const acl = ofType(saml, "aws:wafv2/webAcl:WebAcl")[0];
        expect(JSON.stringify(acl.inputs.rules)).to.include(
            JSON.stringify(SAML_RESPONSE_PATH).slice(1, -1),
        );
        expect(saml.outputs.samlServiceProviderSecretArn).to.be.a("string");
    });
});

describe("whole program: configuration problems and secrets", () => {
    it("refuses a broken stack file, listing every problem, before any resource exists", async () => {
        let error: unknown;
        try {
            await planStack("broken", { stackFile: path.join(PROJECT_DIR, BROKEN_STACK.file) });
        } catch (e) {
            error = e;
        }
        expect(error).to.be.instanceOf(ConfigError);
        expect((error as ConfigError).problems.map((p) => p.key)).to.deep.equal(
            BROKEN_STACK.problemKeys,
        );
    });

    it("refuses a secret where the program would use it in plain text, never showing the value", async () => {
        let error: unknown;
        try {
            await planStack("with-secret", {
                stackFile: path.join(FIXTURES, "Pulumi.with-secret.yaml"),
            });
        } catch (e) {
            error = e;
        }
        expect(error).to.be.instanceOf(ConfigError);
        expect((error as ConfigError).problems.map((p) => p.key)).to.deep.equal(["redcap:tags"]);
        expect((error as ConfigError).message).not.to.include(SECRET_PLACEHOLDER);
    });
});
