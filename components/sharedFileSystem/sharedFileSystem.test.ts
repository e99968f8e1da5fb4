import { expect } from "chai";
import type { Plan } from "../../tools/synth/plan";
import {
    jsonInput,
    ofType,
    planComponent,
    planRefusal,
    resource,
    statementsBySid,
} from "../../test/harness";
import { evaluatePolicies, mandatoryViolations } from "../../policy-pack/evaluate/evaluate";
import { policies } from "../../policy-pack/registry";
import { Backups } from "../backups";
import type { PolicyDocument } from "../iam/policyDocument";
import { SharedFileSystem, type SharedFileSystemArgs } from "./sharedFileSystem";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/shared-files";
const BASE: SharedFileSystemArgs = {
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-private-a", "subnet-private-b"],
    kmsKeyArn: KEY,
    accessPoints: {
        "home-alice": { path: "/home/alice", uid: 2001, gid: 2001 },
        shared: { path: "/shared/apps", uid: 3000, gid: 3000, permissions: "0770" },
    },
};
const planFs = (extra: Partial<SharedFileSystemArgs> = {}) =>
    planComponent((opts) => new SharedFileSystem("files", { ...BASE, ...extra }, opts));

describe("SharedFileSystem", () => {
    let plan: Plan;
    before(async () => {
        plan = await planFs();
    });

    it("encrypts the file system with the given key and moves files unread for 30 days to Infrequent Access", () => {
        const fs = resource(plan, "aws:efs/fileSystem:FileSystem", "files");
        expect(fs.inputs).to.deep.include({
            encrypted: true,
            kmsKeyId: KEY,
            performanceMode: "generalPurpose",
            throughputMode: "elastic",
        });
        expect(fs.inputs.lifecyclePolicies).to.deep.equal([
            { transitionToIa: "AFTER_30_DAYS" },
            { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" },
        ]);
    });

    it("puts a mount target in each subnet, reachable on NFS only from members of the client group", () => {
        const targets = ofType(plan, "aws:efs/mountTarget:MountTarget");
        expect(targets.map((t) => t.inputs.subnetId)).to.deep.equal(BASE.subnetIds);
        const clients = resource(plan, "aws:ec2/securityGroup:SecurityGroup", "files-clients");
        const mountSg = resource(
            plan,
            "aws:ec2/securityGroup:SecurityGroup",
            "files-mount-targets",
        );
        for (const target of targets) {
            expect(target.propertyDependencies.securityGroups).to.deep.equal([mountSg.urn]);
        }
        const ingress = ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        expect(ingress).to.have.length(1);
        expect(ingress[0].inputs).to.include({ ipProtocol: "tcp", fromPort: 2049, toPort: 2049 });
        expect(ingress[0].propertyDependencies.securityGroupId).to.deep.equal([mountSg.urn]);
        expect(ingress[0].propertyDependencies.referencedSecurityGroupId).to.deep.equal([
            clients.urn,
        ]);
        expect(ingress[0].inputs).not.to.have.property("cidrIpv4");
        const egress = ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        expect(egress.map((e) => e.inputs.fromPort)).to.deep.equal([2049]);
    });

    it("pins each access point to its folder and POSIX user, creating the folder with owner-only or given permissions", () => {
        const alice = resource(plan, "aws:efs/accessPoint:AccessPoint", "files-home-alice");
        expect(alice.inputs.posixUser).to.deep.equal({ uid: 2001, gid: 2001 });
        expect(alice.inputs.rootDirectory).to.deep.equal({
            path: "/home/alice",
            creationInfo: { ownerUid: 2001, ownerGid: 2001, permissions: "0750" },
        });
        const shared = resource(plan, "aws:efs/accessPoint:AccessPoint", "files-shared");
        expect((shared.inputs.rootDirectory as { creationInfo: object }).creationInfo).to.include({
            permissions: "0770",
        });
    });

    it("refuses NFS without TLS to anyone, and lets this account mount only through its access points, never as root or anonymously", () => {
        const policy = resource(plan, "aws:efs/fileSystemPolicy:FileSystemPolicy", "files");
        const statements = statementsBySid(jsonInput<PolicyDocument>(policy, "policy"));
        expect(statements.DenyNfsWithoutTls).to.deep.include({
            Effect: "Deny",
            Principal: { AWS: "*" },
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
        const allow = statements.AccountMountsThroughAccessPointsOnly;
        expect(allow.Principal).to.deep.equal({ AWS: "arn:aws:iam::123456789012:root" });
        expect(allow.Action).to.deep.equal([
            "elasticfilesystem:ClientMount",
            "elasticfilesystem:ClientWrite",
        ]);
        expect(allow.Condition!.Bool).to.deep.equal({
            "elasticfilesystem:AccessedViaMountTarget": "true",
        });
        expect(allow.Condition!.StringEquals["elasticfilesystem:AccessPointArn"]).to.have.length(2);
        expect(Object.keys(statements)).to.have.members([
            "DenyNfsWithoutTls",
            "AccountMountsThroughAccessPointsOnly",
        ]);
        expect(JSON.stringify(statements)).not.to.include("ClientRootAccess");
    });

    it("leaves backups to the stack's plan by default (EFS's own off), or turns EFS's on when asked", async () => {
        const policy = resource(plan, "aws:efs/backupPolicy:BackupPolicy", "files");
        expect(policy.inputs.backupPolicy).to.deep.equal({ status: "DISABLED" });
        const automatic = await planFs({ backups: "efs-automatic" });
        expect(
            resource(automatic, "aws:efs/backupPolicy:BackupPolicy", "files").inputs.backupPolicy,
        ).to.deep.equal({ status: "ENABLED" });
    });

    it("keeps the file system through a destroy in prod, and lets it go in dev", async () => {
        const fs = resource(plan, "aws:efs/fileSystem:FileSystem", "files");
        expect(fs.options).to.include({ protect: false, retainOnDelete: false });
        const prod = await planFs({ protect: true });
        expect(resource(prod, "aws:efs/fileSystem:FileSystem", "files").options).to.include({
            protect: true,
            retainOnDelete: true,
        });
    });

    it("passes the policy pack once the stack's backup plan selects it, and not before", async () => {
        // Tags come from the program's provider (its defaultTags), which this test does not make.
        const violations = (p: Plan) =>
            mandatoryViolations(evaluatePolicies(policies, p.resources))
                .map((f) => f.policy)
                .filter((policy) => policy !== "required-tags");
        expect(violations(plan)).to.deep.equal(["efs-in-backup-plan"]);
        const composed = await planComponent((opts) => {
            const files = new SharedFileSystem("files", BASE, opts);
            new Backups(
                "backups",
                { kmsKeyArn: KEY, resourceArns: [files.fileSystemArn], retentionDays: 35 },
                opts,
            );
        });
        expect(violations(composed)).to.deep.equal([]);
    });

    for (const [extra, message] of [
        [{ subnetIds: [] }, "subnetIds is empty"],
        [{ accessPoints: {} }, "accessPoints is empty"],
        [{ infrequentAccessAfterDays: 45 }, "infrequentAccessAfterDays 45 is not allowed"],
        [{ throughputMode: "provisioned" }, 'throughputMode "provisioned" is not allowed'],
        [
            { accessPoints: { Alice: { path: "/home/alice", uid: 1, gid: 1 } } },
            'accessPoints.Alice: the name "Alice" is not allowed',
        ],
        [
            { accessPoints: { all: { path: "/", uid: 1, gid: 1 } } },
            'accessPoints.all.path "/" is not allowed',
        ],
        [
            { accessPoints: { up: { path: "/home/../etc", uid: 1, gid: 1 } } },
            'accessPoints.up.path "/home/../etc" is not allowed',
        ],
        [
            { accessPoints: { root: { path: "/r", uid: 0, gid: 0 } } },
            "accessPoints.root: uid 0 is not allowed",
        ],
        [
            { accessPoints: { open: { path: "/o", uid: 5, gid: 5, permissions: "0777" } } },
            'accessPoints.open.permissions "0777" is not allowed',
        ],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)}`, async () => {
            const { message: refused } = await planRefusal((opts) => {
                new SharedFileSystem(
                    "files",
                    { ...BASE, ...(extra as Partial<SharedFileSystemArgs>) },
                    opts,
                );
            });
            expect(refused).to.include(message);
        });
    }
});
