import { expect } from "chai";
import { statementsBySid } from "../../test/harness";
import { accessCommands } from "./accessCommands";
import {
    arnParts,
    bastionInstancePolicy,
    bastionSchedulePolicy,
    schedulerTrustPolicy,
} from "./accessPolicies";
import {
    amazonLinuxImage,
    type BastionOrSsmArgs,
    instanceArchitecture,
    resolveAccessArgs,
} from "./args";
import { shellDocument, tunnelDocument } from "./sessionDocuments";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/sessions";
const GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/redcap-test/sessions";
const ARGS: BastionOrSsmArgs = {
    namePrefix: "redcap-test",
    vpcId: "vpc-1",
    subnetIds: ["subnet-a"],
    database: { host: "db.example", port: 3306, clientSecurityGroupId: "sg-db-clients" },
    sessionsKmsKeyArn: KEY,
    logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs",
    logRetentionDays: 365,
};
const SCHEDULE = {
    timezone: "America/Chicago",
    start: "cron(0 7 ? * MON-FRI *)",
    stop: "cron(0 19 ? * MON-FRI *)",
};

describe("instanceArchitecture", () => {
    it("picks arm64 for Graviton families (a g right after the generation) and a1", () => {
        for (const type of [
            "t4g.nano",
            "m7g.large",
            "c6gn.xlarge",
            "x2gd.medium",
            "is4gen.large",
        ]) {
            expect(instanceArchitecture(type), type).to.equal("arm64");
        }
        expect(instanceArchitecture("a1.medium")).to.equal("arm64");
    });

    it("picks x86_64 for everything else, including g-named GPU families", () => {
        for (const type of [
            "t3.micro",
            "m5zn.large",
            "g4dn.xlarge",
            "m7i-flex.large",
            "c7a.large",
        ]) {
            expect(instanceArchitecture(type), type).to.equal("x86_64");
        }
    });

    it("names the public AL2023 parameter of that architecture, for EC2 to resolve at launch", () => {
        expect(amazonLinuxImage("arm64")).to.equal(
            "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
        );
    });
});

describe("resolveAccessArgs", () => {
    it("defaults to Session Manager only, 20-minute idle timeout, 8-hour sessions, t4g.nano", () => {
        expect(resolveAccessArgs("a", ARGS)).to.deep.equal({
            mode: "ssm",
            idleTimeoutMinutes: 20,
            maxSessionMinutes: 480,
            instanceType: "t4g.nano",
            architecture: "arm64",
            schedule: undefined,
        });
    });

    it("accepts a working-hours schedule for a bastion", () => {
        const resolved = resolveAccessArgs("a", {
            ...ARGS,
            mode: "bastion",
            instanceType: "t3.micro",
            schedule: SCHEDULE,
        });
        expect(resolved).to.deep.include({ architecture: "x86_64", schedule: SCHEDULE });
    });

    for (const [extra, message] of [
        [{ mode: "ssh" }, 'mode "ssh" is not allowed; expected "ssm" or "bastion"'],
        [{ namePrefix: "aws-redcap" }, 'namePrefix "aws-redcap" is not allowed'],
        [{ namePrefix: "redcap prod" }, 'namePrefix "redcap prod" is not allowed'],
        [{ logRetentionDays: 10 }, "logRetentionDays 10 is not allowed; expected one of 0, 1, 3"],
        [
            { idleTimeoutMinutes: 61 },
            "idleTimeoutMinutes 61 is not allowed; expected a whole number of minutes from 1 to 60",
        ],
        [
            { maxSessionMinutes: 0 },
            "maxSessionMinutes 0 is not allowed; expected a whole number of minutes from 1 to 1440",
        ],
        [{ instanceType: "nano" }, 'instanceType "nano" is not allowed'],
        [{ subnetIds: [] }, "subnetIds [] is not allowed"],
        [
            { database: { ...ARGS.database, port: 70000 } },
            "database.port 70000 is not allowed; expected a whole number from 1 to 65535",
        ],
        [{ schedule: SCHEDULE }, 'schedule is not allowed with mode "ssm"'],
        [
            { mode: "bastion", schedule: { ...SCHEDULE, start: "0 7 * * MON-FRI" } },
            'schedule.start "0 7 * * MON-FRI" is not allowed; expected an EventBridge Scheduler cron',
        ],
        [
            { mode: "bastion", schedule: { ...SCHEDULE, timezone: "Central Time" } },
            'schedule.timezone "Central Time" is not allowed',
        ],
        [
            { mode: "bastion", schedule: { ...SCHEDULE, stop: SCHEDULE.start } },
            'schedule.stop "cron(0 7 ? * MON-FRI *)" is not allowed; it must differ from schedule.start',
        ],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)}`, () => {
            expect(() =>
                resolveAccessArgs("a", { ...ARGS, ...(extra as Partial<BastionOrSsmArgs>) }),
            ).to.throw(`BastionOrSsm a: ${message}`);
        });
    }
});

describe("session documents", () => {
    it("shell: streams to the encrypted log group, encrypts with the key, no Run As, no S3", () => {
        const doc = shellDocument({
            logGroupName: "/redcap-test/sessions",
            kmsKeyId: KEY,
            idleTimeoutMinutes: 15,
            maxSessionMinutes: 240,
        });
        expect(doc).to.deep.include({ schemaVersion: "1.0", sessionType: "Standard_Stream" });
        expect(doc.inputs).to.deep.equal({
            s3BucketName: "",
            s3KeyPrefix: "",
            s3EncryptionEnabled: true,
            cloudWatchLogGroupName: "/redcap-test/sessions",
            cloudWatchEncryptionEnabled: true,
            cloudWatchStreamingEnabled: true,
            kmsKeyId: KEY,
            runAsEnabled: false,
            runAsDefaultUser: "",
            // The schema types both timeouts as strings of minutes.
            idleSessionTimeout: "15",
            maxSessionDuration: "240",
            shellProfile: { windows: "", linux: "" },
        });
    });

    it("tunnel: AWS's remote-host forwarding with the database as default and the timeouts, no KMS key (the agent ignores it for Port sessions)", () => {
        const doc = tunnelDocument({
            host: "db.example",
            port: 3306,
            idleTimeoutMinutes: 20,
            maxSessionMinutes: 480,
        }) as Record<string, any>;
        expect(doc.sessionType).to.equal("Port");
        expect(doc.properties).to.deep.equal({
            type: "LocalPortForwarding",
            host: "{{ host }}",
            portNumber: "{{ portNumber }}",
            localPortNumber: "{{ localPortNumber }}",
        });
        expect(doc.parameters.host.default).to.equal("db.example");
        expect(doc.parameters.portNumber.default).to.equal("3306");
        expect(doc.parameters.localPortNumber.default).to.equal("3306");
        expect(doc.inputs).to.deep.equal({ idleSessionTimeout: "20", maxSessionDuration: "480" });
        const port = new RegExp(doc.parameters.portNumber.allowedPattern as string);
        expect(["1", "3306", "65535"].every((p) => port.test(p))).to.equal(true);
        expect(["0", "65536", "3306;id"].some((p) => port.test(p))).to.equal(false);
        const host = new RegExp(doc.parameters.host.allowedPattern as string);
        expect(host.test("db.example")).to.equal(true);
        expect(host.test("db.example;curl x")).to.equal(false);
    });
});

describe("access policies", () => {
    it("bastion role: Session Manager's channels, the sessions key, the session log group, nothing else", () => {
        const policy = bastionInstancePolicy({ sessionsKmsKeyArn: KEY, logGroupArn: GROUP });
        expect(policy.Statement.flatMap((s) => s.Action)).to.have.members([
            "ssm:UpdateInstanceInformation",
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
            "kms:Decrypt",
            "logs:CreateLogStream",
            "logs:DescribeLogStreams",
            "logs:PutLogEvents",
            "logs:DescribeLogGroups",
        ]);
        const bySid = statementsBySid(policy);
        expect(bySid.DecryptSessionData.Resource).to.equal(KEY);
        expect(bySid.WriteSessionLogs.Resource).to.deep.equal([GROUP, `${GROUP}:*`]);
        expect(bySid.CheckSessionLogGroupEncryption.Resource).to.equal(
            "arn:aws:logs:us-east-1:123456789012:log-group:*",
        );
        expect(policy.Statement.every((s) => s.Effect === "Allow")).to.equal(true);
        expect(() => bastionInstancePolicy({ sessionsKmsKeyArn: KEY, logGroupArn: KEY })).to.throw(
            "is not a log group ARN",
        );
    });

    it("schedule role: start and stop one instance, grants on the key only for AWS resources", () => {
        const instance = "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc";
        const bySid = statementsBySid(
            bastionSchedulePolicy({ instanceArn: instance, sessionsKmsKeyArn: KEY }),
        );
        expect(bySid.StartAndStopTheBastion).to.deep.include({
            Action: ["ec2:StartInstances", "ec2:StopInstances"],
            Resource: instance,
        });
        expect(bySid.LetEc2DecryptItsVolume).to.deep.include({
            Action: ["kms:CreateGrant"],
            Resource: KEY,
            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        });
        const trust = schedulerTrustPolicy({
            accountId: "123456789012",
            scheduleGroupArn: "arn:aws:scheduler:us-east-1:123456789012:schedule-group/x",
        }).Statement[0];
        expect(trust.Principal).to.deep.equal({ Service: "scheduler.amazonaws.com" });
        expect(trust.Condition).to.deep.equal({
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnEquals: {
                "aws:SourceArn": "arn:aws:scheduler:us-east-1:123456789012:schedule-group/x",
            },
        });
    });

    it("reads partition, region and account from an ARN, refusing anything else", () => {
        expect(
            arnParts("arn:aws-us-gov:ec2:us-gov-west-1:123456789012:instance/i-1"),
        ).to.deep.equal({
            partition: "aws-us-gov",
            region: "us-gov-west-1",
            accountId: "123456789012",
        });
        expect(() => arnParts("arn:aws:s3:::bucket")).to.throw("is not a regional ARN");
    });
});

describe("accessCommands", () => {
    it("gives the exact ECS Exec, bastion shell and database tunnel commands", () => {
        const commands = accessCommands({
            cluster: "app-cluster",
            taskId: "0123abcd",
            instanceId: "i-0abc",
            shellDocumentName: "redcap-test-shell",
            tunnelDocumentName: "redcap-test-database-tunnel",
            databaseHost: "db.example",
        });
        expect(commands).to.deep.equal({
            ecsShell:
                "aws ecs execute-command --cluster app-cluster --task 0123abcd --container redcap --interactive --command /bin/bash",
            bastionShell: "aws ssm start-session --target i-0abc --document-name redcap-test-shell",
            databaseTunnel:
                "aws ssm start-session --target i-0abc --document-name redcap-test-database-tunnel --parameters host=db.example,portNumber=3306,localPortNumber=3306",
        });
    });

    it("without a bastion gives only ECS Exec; without a tunnel document uses AWS's", () => {
        expect(
            accessCommands({ cluster: "c", shellDocumentName: "s", databaseHost: "h" }),
        ).to.deep.equal({
            ecsShell:
                "aws ecs execute-command --cluster c --task <task-id> --container redcap --interactive --command /bin/bash",
        });
        const tunnel = accessCommands({
            cluster: "c",
            instanceId: "i-1",
            shellDocumentName: "s",
            databaseHost: "h",
            databasePort: 3307,
            region: "us-east-2",
        }).databaseTunnel;
        expect(tunnel).to.equal(
            "aws ssm start-session --target i-1 --document-name AWS-StartPortForwardingSessionToRemoteHost --parameters host=h,portNumber=3307,localPortNumber=3307 --region us-east-2",
        );
    });
});
