import { expect } from "chai";
import type { Plan, PlanResource } from "../../tools/synth/plan";
import {
    jsonInput,
    ofType,
    planComponent,
    planRefusal,
    resource,
    statementsBySid,
} from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import type { BastionOrSsmArgs } from "./args";
import { BastionOrSsm } from "./bastionOrSsm";

const SESSIONS_KEY = "arn:aws:kms:us-east-1:123456789012:key/sessions";
const BASE: BastionOrSsmArgs = {
    namePrefix: "redcap-test",
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-private-a", "subnet-private-b"],
    database: {
        host: "redcap.cluster-x.us-east-1.rds.amazonaws.com",
        port: 3306,
        clientSecurityGroupId: "sg-db-clients",
    },
    sessionsKmsKeyArn: SESSIONS_KEY,
    logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs",
    logRetentionDays: 365,
};
const SCHEDULE = {
    timezone: "America/Chicago",
    start: "cron(0 7 ? * MON-FRI *)",
    stop: "cron(0 19 ? * MON-FRI *)",
};

const planAccess = (extra: Partial<BastionOrSsmArgs> = {}) =>
    planComponent((opts) => new BastionOrSsm("access", { ...BASE, ...extra }, opts));

/** Every resource of an AWS EC2/VPC type: instances, templates, groups, rules, addresses. */
const ec2Resources = (plan: Plan) => plan.resources.filter((r) => /^aws:(ec2|vpc)\//.test(r.type));

/** The managed policy attached to a role, as a document. */
function policyOfRole(plan: Plan, role: PlanResource): PolicyDocument {
    const attachment = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").find((a) =>
        a.propertyDependencies.role?.includes(role.urn),
    );
    const policyUrn = attachment!.propertyDependencies.policyArn[0];
    return jsonInput<PolicyDocument>(
        plan.resources.find((r) => r.urn === policyUrn)!,
        "policy",
    );
}

describe("BastionOrSsm", () => {
    describe("both modes", () => {
        it("keeps session logs in a KMS-encrypted log group with the stack's retention", async () => {
            const plan = await planAccess();
            const group = resource(plan, "aws:cloudwatch/logGroup:LogGroup", "access-sessions");
            expect(group.inputs).to.include({
                name: "/redcap-test/sessions",
                kmsKeyId: BASE.logsKmsKeyArn,
                retentionInDays: 365,
            });
        });

        it("creates the stack's own shell document: logged to that group, encrypted, timed out", async () => {
            const plan = await planAccess({ idleTimeoutMinutes: 15, maxSessionMinutes: 240 });
            const shell = resource(plan, "aws:ssm/document:Document", "access-shell");
            expect(shell.inputs).to.include({
                name: "redcap-test-shell",
                documentType: "Session",
                documentFormat: "JSON",
            });
            expect(shell.options.deleteBeforeReplace).to.equal(true);
            const content = jsonInput<Record<string, any>>(shell, "content");
            expect(content.sessionType).to.equal("Standard_Stream");
            expect(content.inputs).to.deep.include({
                cloudWatchLogGroupName: "/redcap-test/sessions",
                cloudWatchEncryptionEnabled: true,
                cloudWatchStreamingEnabled: true,
                kmsKeyId: SESSIONS_KEY,
                idleSessionTimeout: "15",
                maxSessionDuration: "240",
                runAsEnabled: false,
                s3BucketName: "",
            });
        });
    });

    describe("ssm mode (the default)", () => {
        it("declares no instance, no security group, nothing in EC2 at all", async () => {
            const plan = await planAccess();
            expect(ec2Resources(plan).map((r) => r.type)).to.deep.equal([]);
            expect(ofType(plan, "aws:iam/role:Role")).to.have.length(0);
            expect(ofType(plan, "aws:ssm/document:Document").map((d) => d.name)).to.deep.equal([
                "access-shell",
            ]);
            expect(
                plan.resources.filter((r) => r.type.startsWith("aws:scheduler/")),
            ).to.have.length(0);
        });
    });

    describe("bastion mode", () => {
        let plan: Plan;
        let instance: PlanResource;
        before(async () => {
            plan = await planAccess({ mode: "bastion" });
            instance = resource(plan, "aws:ec2/instance:Instance", "access-bastion");
        });

        it("admits nothing inbound, in any form", () => {
            for (const group of ofType(plan, "aws:ec2/securityGroup:SecurityGroup")) {
                expect(group.inputs.ingress ?? [], group.name).to.deep.equal([]);
            }
            expect(
                ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
            ).to.have.length(0);
            const ruleTypes = ofType(plan, "aws:ec2/securityGroupRule:SecurityGroupRule").map(
                (r) => r.inputs.type,
            );
            expect(ruleTypes).not.to.include("ingress");
        });

        it("lets it out on HTTPS only, and to the database only through the database client group", () => {
            const group = resource(plan, "aws:ec2/securityGroup:SecurityGroup", "access-bastion");
            expect(group.inputs.egress ?? []).to.deep.equal([]);
            const egress = ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
            expect(egress.map((r) => r.inputs)).to.deep.equal([
                {
                    securityGroupId: egress[0].inputs.securityGroupId,
                    description: "HTTPS to Session Manager, KMS and CloudWatch Logs endpoints",
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrIpv4: "0.0.0.0/0",
                },
            ]);
            expect(egress[0].propertyDependencies.securityGroupId).to.deep.equal([group.urn]);
            expect(instance.inputs.vpcSecurityGroupIds).to.have.length(2);
            expect(instance.inputs.vpcSecurityGroupIds).to.include("sg-db-clients");
            expect(instance.propertyDependencies.vpcSecurityGroupIds).to.deep.equal([group.urn]);
        });

        it("runs in the first private subnet with no public IP, no key pair, IMDSv2 only, detailed monitoring", () => {
            expect(instance.inputs).to.include({
                subnetId: "subnet-private-a",
                associatePublicIpAddress: false,
                monitoring: true,
                instanceType: "t4g.nano",
            });
            expect(instance.inputs).not.to.have.property("keyName");
            expect(instance.inputs.metadataOptions).to.include({
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
            });
            expect(instance.inputs.tags).to.deep.equal({ Name: "redcap-test-bastion" });
        });

        it("encrypts its disk with the sessions key", () => {
            expect(instance.inputs.rootBlockDevice).to.include({
                encrypted: true,
                kmsKeyId: SESSIONS_KEY,
                volumeType: "gp3",
                deleteOnTermination: true,
            });
        });

        it("boots the newest Amazon Linux 2023 of the type's architecture, resolved by EC2 at launch", () => {
            const template = resource(
                plan,
                "aws:ec2/launchTemplate:LaunchTemplate",
                "access-bastion",
            );
            expect(template.inputs.imageId).to.equal(
                "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
            );
            expect(instance.inputs).not.to.have.property("ami");
            expect(instance.inputs.launchTemplate).to.deep.include({ version: "$Latest" });
            expect(instance.propertyDependencies.launchTemplate).to.deep.equal([template.urn]);
        });

        it("gives the instance a role with exactly Session Manager's actions, on its key and log group", () => {
            const profile = resource(
                plan,
                "aws:iam/instanceProfile:InstanceProfile",
                "access-bastion",
            );
            expect(instance.propertyDependencies.iamInstanceProfile).to.deep.equal([profile.urn]);
            const role = resource(plan, "aws:iam/role:Role", "access-bastion");
            expect(profile.propertyDependencies.role).to.deep.equal([role.urn]);
            expect(
                jsonInput<PolicyDocument>(role, "assumeRolePolicy").Statement[0].Principal,
            ).to.deep.equal({ Service: "ec2.amazonaws.com" });
            const policy = policyOfRole(plan, role);
            expect([...new Set(policy.Statement.flatMap((s) => s.Action))].sort()).to.deep.equal([
                "kms:Decrypt",
                "logs:CreateLogStream",
                "logs:DescribeLogGroups",
                "logs:DescribeLogStreams",
                "logs:PutLogEvents",
                "ssm:UpdateInstanceInformation",
                "ssmmessages:CreateControlChannel",
                "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel",
                "ssmmessages:OpenDataChannel",
            ]);
            const bySid = statementsBySid(policy);
            expect(bySid.DecryptSessionData.Resource).to.equal(SESSIONS_KEY);
            expect(bySid.WriteSessionLogs.Resource).to.deep.equal([
                "arn:aws:logs:us-east-1:123456789012:log-group:/redcap-test/sessions",
                "arn:aws:logs:us-east-1:123456789012:log-group:/redcap-test/sessions:*",
            ]);
            // No AWS managed policy (AmazonSSMManagedInstanceCore) anywhere.
            for (const attachment of ofType(
                plan,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            )) {
                expect(String(attachment.inputs.policyArn)).not.to.match(/:aws:policy\//);
            }
            // The agent registers at boot: the instance waits for its permissions.
            const attachment = ofType(
                plan,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            ).find((a) => a.propertyDependencies.role?.includes(role.urn))!;
            expect(instance.options.dependsOn).to.include(attachment.urn);
        });

        it("creates a tunnel document that defaults to the database and carries the timeouts", () => {
            const tunnel = resource(plan, "aws:ssm/document:Document", "access-database-tunnel");
            expect(tunnel.inputs).to.include({
                name: "redcap-test-database-tunnel",
                documentType: "Session",
                documentFormat: "JSON",
            });
            const content = jsonInput<Record<string, any>>(tunnel, "content");
            expect(content.sessionType).to.equal("Port");
            expect(content.parameters.host.default).to.equal(BASE.database!.host);
            expect(content.parameters.portNumber.default).to.equal("3306");
            expect(content.inputs).to.deep.equal({
                idleSessionTimeout: "20",
                maxSessionDuration: "480",
            });
        });

        it("without a database, is a shell only: no database group, no tunnel document", async () => {
            const shellOnly = await planAccess({ mode: "bastion", database: undefined });
            const instance = resource(shellOnly, "aws:ec2/instance:Instance", "access-bastion");
            expect(instance.inputs.vpcSecurityGroupIds).to.have.length(1);
            expect(JSON.stringify(instance.inputs)).not.to.include("sg-db-clients");
            expect(
                ofType(shellOnly, "aws:ssm/document:Document").map((d) => d.name),
            ).not.to.include("access-database-tunnel");
        });

        it("runs around the clock without a schedule", () => {
            expect(
                plan.resources.filter((r) => r.type.startsWith("aws:scheduler/")),
            ).to.have.length(0);
            expect(ofType(plan, "aws:iam/role:Role").map((r) => r.name)).to.deep.equal([
                "access-bastion",
            ]);
        });

        it("picks the x86_64 image for an x86 instance type", async () => {
            const x86 = await planAccess({ mode: "bastion", instanceType: "t3.micro" });
            expect(
                resource(x86, "aws:ec2/launchTemplate:LaunchTemplate", "access-bastion").inputs
                    .imageId,
            ).to.equal(
                "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
            );
        });
    });

    describe("bastion with a working-hours schedule", () => {
        let plan: Plan;
        let instance: PlanResource;
        /** The instance ids the start and stop schedules target. */
        const targetedIds = () =>
            new Set(
                ofType(plan, "aws:scheduler/schedule:Schedule").map(
                    (s) =>
                        (
                            JSON.parse((s.inputs.target as { input: string }).input) as {
                                InstanceIds: string[];
                            }
                        ).InstanceIds[0],
                ),
            );
        before(async () => {
            plan = await planAccess({ mode: "bastion", schedule: SCHEDULE });
            instance = resource(plan, "aws:ec2/instance:Instance", "access-bastion");
        });

        it("starts and stops the instance with EC2's own API through Scheduler's universal target", () => {
            const group = resource(
                plan,
                "aws:scheduler/scheduleGroup:ScheduleGroup",
                "access-bastion",
            );
            expect(group.inputs.name).to.equal("redcap-test-bastion");
            for (const [action, expression] of [
                ["start", SCHEDULE.start],
                ["stop", SCHEDULE.stop],
            ]) {
                const schedule = resource(
                    plan,
                    "aws:scheduler/schedule:Schedule",
                    `access-bastion-${action}`,
                );
                expect(schedule.inputs).to.deep.include({
                    name: `redcap-test-bastion-${action}`,
                    scheduleExpression: expression,
                    scheduleExpressionTimezone: "America/Chicago",
                    flexibleTimeWindow: { mode: "OFF" },
                    state: "ENABLED",
                });
                expect(schedule.propertyDependencies.groupName).to.deep.equal([group.urn]);
                const target = schedule.inputs.target as Record<string, string>;
                expect(target.arn).to.equal(`arn:aws:scheduler:::aws-sdk:ec2:${action}Instances`);
                expect(target.input).to.match(/^\{"InstanceIds":\["i-[0-9a-f]{17}"\]\}$/);
                expect(schedule.propertyDependencies.target).to.include(instance.urn);
            }
        });

        it("lets the schedule role start and stop that one instance, and nothing else", () => {
            const role = resource(plan, "aws:iam/role:Role", "access-bastion-schedule");
            const trust = jsonInput<PolicyDocument>(role, "assumeRolePolicy").Statement[0];
            expect(trust.Principal).to.deep.equal({ Service: "scheduler.amazonaws.com" });
            expect(trust.Condition).to.deep.equal({
                StringEquals: { "aws:SourceAccount": "123456789012" },
                ArnEquals: {
                    "aws:SourceArn":
                        "arn:aws:scheduler:us-east-1:123456789012:schedule-group/redcap-test-bastion",
                },
            });
            const bySid = statementsBySid(policyOfRole(plan, role));
            expect(Object.keys(bySid)).to.have.members([
                "StartAndStopTheBastion",
                "LetEc2DecryptItsVolume",
            ]);
            expect(bySid.StartAndStopTheBastion.Action).to.deep.equal([
                "ec2:StartInstances",
                "ec2:StopInstances",
            ]);
            // The very instance both schedules target.
            const ids = [...targetedIds()];
            expect(ids).to.have.length(1);
            // The instance's own ARN (the offline mocks spell its resource part "i/", AWS
            // "instance/"; the policy takes whatever the provider returns).
            const resourceArn = String(bySid.StartAndStopTheBastion.Resource);
            expect(resourceArn.startsWith("arn:aws:ec2:us-east-1:123456789012:")).to.equal(true);
            expect(resourceArn.endsWith(`/${ids[0]}`)).to.equal(true);
            expect(role.propertyDependencies.assumeRolePolicy).to.deep.equal([instance.urn]);
            expect(bySid.LetEc2DecryptItsVolume).to.deep.include({
                Resource: SESSIONS_KEY,
                Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
            });
        });
    });

    for (const [extra, message] of [
        [{ schedule: SCHEDULE }, 'schedule is not allowed with mode "ssm"'],
        [{ mode: "jump-host" }, 'mode "jump-host" is not allowed; expected "ssm" or "bastion"'],
        [{ idleTimeoutMinutes: 90 }, "idleTimeoutMinutes 90 is not allowed"],
        [{ maxSessionMinutes: 2000 }, "maxSessionMinutes 2000 is not allowed"],
        [{ logRetentionDays: 366 }, "logRetentionDays 366 is not allowed"],
        [{ namePrefix: "amazon-redcap" }, 'namePrefix "amazon-redcap" is not allowed'],
        [{ mode: "bastion", instanceType: "T4G.NANO" }, 'instanceType "T4G.NANO" is not allowed'],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)} before declaring anything`, async () => {
            const { message: refused, plan } = await planRefusal((opts) => {
                new BastionOrSsm(
                    "access",
                    { ...BASE, ...(extra as Partial<BastionOrSsmArgs>) },
                    opts,
                );
            });
            expect(refused).to.include(`BastionOrSsm access: ${message}`);
            expect(
                plan.resources.filter((r) => r.type.startsWith("aws:") && r.custom),
            ).to.have.length(0);
            expect(plan.resources.map((r) => r.type)).not.to.include("hipaa:access:BastionOrSsm");
        });
    }
});
