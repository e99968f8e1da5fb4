import * as fs from "node:fs";
import * as path from "node:path";
import { CloudTrailClient, DescribeTrailsCommand } from "@aws-sdk/client-cloudtrail";
import {
    ConfigServiceClient,
    DescribeConfigurationRecordersCommand,
    DescribeDeliveryChannelsCommand,
} from "@aws-sdk/client-config-service";
import {
    GetAdministratorAccountCommand,
    GuardDutyClient,
    ListDetectorsCommand,
} from "@aws-sdk/client-guardduty";
import { GetRoleCommand, IAMClient, NoSuchEntityException } from "@aws-sdk/client-iam";
import {
    DescribeHubCommand,
    InvalidAccessException,
    SecurityHubClient,
} from "@aws-sdk/client-securityhub";
import { DescribeDocumentCommand, InvalidDocument, SSMClient } from "@aws-sdk/client-ssm";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { expect } from "chai";
import { CREATE_ALL } from "../../components/auditBaseline/accountSingletons";
import { type AccountState, createClients, inspectAccount, PREFLIGHT_PERMISSIONS } from "./inspect";
import { buildReport, exitCodeOf, renderReport, type StackIntent } from "./report";
import { PREFLIGHT_WRITE_PERMISSIONS } from "./serviceLinkedRoles";

const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const DETECTOR = "12abc34d567e8fa901bc2d34e56789f0";
const ORG_TRAIL = `arn:aws:cloudtrail:${REGION}:999988887777:trail/aws-controltower-BaselineCloudTrail`;
const OWNER: StackIntent = {
    stack: "prod",
    namespace: "redcap",
    accountBaseline: true,
    guardDuty: true,
    securityHub: false,
    singletons: CREATE_ALL,
};

const mocks = {
    sts: mockClient(STSClient),
    cloudTrail: mockClient(CloudTrailClient),
    config: mockClient(ConfigServiceClient),
    guardDuty: mockClient(GuardDutyClient),
    securityHub: mockClient(SecurityHubClient),
    ssm: mockClient(SSMClient),
    iam: mockClient(IAMClient),
};
const meta = { $metadata: {} };

/** An account with nothing: every read answers "none" the way each service does. */
function emptyAccount(): void {
    Object.values(mocks).forEach((m) => m.reset());
    mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
    mocks.cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [] });
    mocks.config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    mocks.config.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [] });
    mocks.guardDuty.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    mocks.securityHub
        .on(DescribeHubCommand)
        .rejects(new InvalidAccessException({ message: "not subscribed", ...meta }));
    mocks.ssm
        .on(DescribeDocumentCommand)
        .rejects(new InvalidDocument({ message: "no such document", ...meta }));
    mocks.iam
        .on(GetRoleCommand)
        .rejects(new NoSuchEntityException({ message: "no such role", ...meta }));
}

/** What Control Tower leaves in an enrolled account: organization trail, recorder, GuardDuty. */
function controlTowerAccount(): void {
    emptyAccount();
    mocks.cloudTrail.on(DescribeTrailsCommand).resolves({
        trailList: [
            {
                Name: "aws-controltower-BaselineCloudTrail",
                TrailARN: ORG_TRAIL,
                HomeRegion: REGION,
                IsOrganizationTrail: true,
            },
        ],
    });
    mocks.config.on(DescribeConfigurationRecordersCommand).resolves({
        ConfigurationRecorders: [{ name: "aws-controltower-BaselineConfigRecorder" }],
    });
    mocks.config.on(DescribeDeliveryChannelsCommand).resolves({
        DeliveryChannels: [{ name: "aws-controltower-BaselineConfigDeliveryChannel" }],
    });
    mocks.guardDuty.on(ListDetectorsCommand).resolves({ DetectorIds: [DETECTOR] });
    mocks.guardDuty
        .on(GetAdministratorAccountCommand)
        .resolves({ Administrator: { AccountId: "999988887777" } });
    mocks.iam.on(GetRoleCommand).resolves({});
}

const inspect = (): Promise<AccountState> => inspectAccount(createClients(REGION), REGION);
const levels = (state: AccountState, intent = OWNER) =>
    Object.fromEntries(buildReport(intent, state).findings.map((f) => [f.singleton, f.level]));

describe("preflight (AWS SDK clients mocked: no network)", () => {
    after(() => Object.values(mocks).forEach((m) => m.restore()));

    it("empty account: nothing exists, every singleton is created, the service-linked roles are missing", async () => {
        emptyAccount();
        const state = await inspect();
        expect(state).to.deep.include({
            accountId: ACCOUNT,
            trails: [],
            recorders: [],
            guardDutyDetectorIds: [],
            securityHubArn: undefined,
            sessionPreferencesExists: false,
            unreadable: [],
        });
        const report = buildReport(OWNER, state);
        expect(exitCodeOf(report)).to.equal(0);
        expect(report.findings.every((f) => f.level === "ok")).to.equal(true);
        expect(report.missingRoles.map((r) => r.command)).to.include(
            "aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com",
        );
        // Read-only: only Describe/List/Get calls went out.
        const names = Object.values(mocks).flatMap((m) =>
            m.calls().map((c) => (c.args[0] as object).constructor.name),
        );
        expect(
            names.every((n) => /^(Describe|List|Get)/.test(n)),
            names.join(),
        ).to.equal(true);
        expect(mocks.cloudTrail.commandCalls(DescribeTrailsCommand)[0].args[0].input).to.deep.equal(
            { includeShadowTrails: true },
        );
    });

    it("Control Tower account: flags the recorder and detector the stack would create, and says how to adopt or leave them", async () => {
        controlTowerAccount();
        const state = await inspect();
        expect(state.guardDutyAdministrator).to.equal("999988887777");
        expect(levels(state)).to.deep.equal({
            trail: "warning",
            configRecorder: "conflict",
            guardDutyDetector: "conflict",
            securityHubAccount: "ok",
            sessionPreferences: "ok",
        });
        const report = buildReport(OWNER, state);
        expect(exitCodeOf(report)).to.equal(1);
        expect(report.missingRoles).to.deep.equal([]);
        const text = renderReport(OWNER, state, report);
        for (const line of [
            "pulumi config set --stack prod --path 'redcap:audit.configRecorder.mode' 'adopt'",
            "pulumi config set --stack prod --path 'redcap:audit.configRecorder.id' 'aws-controltower-BaselineConfigRecorder'",
            "pulumi config set --stack prod --path 'redcap:audit.configRecorder.deliveryChannelId' 'aws-controltower-BaselineConfigDeliveryChannel'",
            `pulumi config set --stack prod --path 'redcap:audit.guardDutyDetector.id' '${DETECTOR}'`,
            "pulumi config set --stack prod --path 'redcap:audit.trail.mode' organization",
        ]) {
            expect(text).to.include(line);
        }
        // With the config that preflight printed, nothing conflicts any more.
        const settled: StackIntent = {
            ...OWNER,
            singletons: {
                ...CREATE_ALL,
                trail: { mode: "organization" },
                configRecorder: {
                    mode: "adopt",
                    id: "aws-controltower-BaselineConfigRecorder",
                    deliveryChannelId: "aws-controltower-BaselineConfigDeliveryChannel",
                },
                guardDutyDetector: { mode: "organization" },
            },
        };
        expect(exitCodeOf(buildReport(settled, state))).to.equal(0);
    });

    it("partial account: a session preferences document and Security Hub exist, a read is refused", async () => {
        emptyAccount();
        mocks.ssm.on(DescribeDocumentCommand).resolves({ Document: { Name: "x" } });
        mocks.securityHub.on(DescribeHubCommand).resolves({ HubArn: "arn:aws:securityhub:hub" });
        mocks.guardDuty
            .on(ListDetectorsCommand)
            .rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException" }));
        const state = await inspect();
        expect(state.unreadable).to.deep.equal(["guardduty:ListDetectors: AccessDeniedException"]);
        expect(levels(state, { ...OWNER, securityHub: true })).to.deep.include({
            securityHubAccount: "conflict",
            sessionPreferences: "conflict",
        });
        // Adopt with the wrong id, or adopt what is not there: both refused before pulumi up.
        const wrong: StackIntent = {
            ...OWNER,
            singletons: {
                ...CREATE_ALL,
                sessionPreferences: { mode: "adopt", id: "SSM-SessionManagerRunShell" },
                trail: { mode: "adopt", id: ORG_TRAIL },
            },
        };
        expect(levels(state, wrong)).to.deep.include({
            sessionPreferences: "ok",
            trail: "conflict",
        });
        // A stack that does not own the baseline declares none: nothing to flag.
        const levelsOfMember = levels(state, { ...OWNER, accountBaseline: false });
        expect(Object.values(levelsOfMember).every((l) => l === "ok")).to.equal(true);
    });
});

describe("preflight's documented permissions", () => {
    it("lists in the first-deployment runbook every call the preflight makes", () => {
        const runbook = fs.readFileSync(
            path.join(__dirname, "../../docs/runbooks/first-deployment.md"),
            "utf8",
        );
        const text = runbook.replace(/\s+/g, " ");
        for (const permission of [...PREFLIGHT_PERMISSIONS, ...PREFLIGHT_WRITE_PERMISSIONS]) {
            expect(text).to.include(`\`${permission}\``);
        }
    });
});
