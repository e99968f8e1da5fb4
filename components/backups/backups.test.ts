import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { jsonInput, ofType, planComponent, planRefusal, resource } from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import { BACKUP_ROLE_POLICIES, BackupCopyVault, Backups, type BackupsArgs } from "./backups";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/backup";
const CLUSTER = "arn:aws:rds:us-east-1:123456789012:cluster:redcap-test";
const BUCKET = "arn:aws:s3:::files-uploads-0123456";
const BASE: BackupsArgs = { kmsKeyArn: KEY, resourceArns: [CLUSTER, BUCKET], retentionDays: 35 };

const planBackups = (extra: Partial<BackupsArgs> = {}) =>
    planComponent((opts) => new Backups("backups", { ...BASE, ...extra }, opts));

describe("Backups", () => {
    it("backs up the cluster and the bucket daily into a vault under our key, kept for the retention", async () => {
        const plan = await planBackups();
        expect(resource(plan, "aws:backup/vault:Vault", "backups-vault").inputs.kmsKeyArn).to.equal(
            KEY,
        );
        const rules = resource(plan, "aws:backup/plan:Plan", "backups-plan").inputs.rules as {
            schedule: string;
            lifecycle: { deleteAfter: number };
            copyActions?: unknown[];
        }[];
        expect(rules).to.have.length(1);
        expect(rules[0].schedule).to.equal("cron(0 5 * * ? *)");
        expect(rules[0].lifecycle).to.deep.equal({ deleteAfter: 35 });
        expect(rules[0].copyActions).to.equal(undefined);
        const selection = resource(plan, "aws:backup/selection:Selection", "backups-data");
        expect(selection.inputs.resources).to.deep.equal([CLUSTER, BUCKET]);
        const role = resource(plan, "aws:iam/role:Role", "backups-service");
        expect(selection.propertyDependencies.iamRoleArn).to.deep.equal([role.urn]);
        const attached = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map(
            (a) => a.inputs.policyArn,
        );
        expect(attached).to.have.members(BACKUP_ROLE_POLICIES);
        expect(
            jsonInput<PolicyDocument>(role, "assumeRolePolicy").Statement[0].Principal,
        ).to.deep.equal({
            Service: "backup.amazonaws.com",
        });
    });

    it("in prod locks the vault for the retention and keeps it through a destroy", async () => {
        const plan = await planBackups({ vaultLock: true, protect: true });
        const vault = resource(plan, "aws:backup/vault:Vault", "backups-vault");
        expect(vault.options).to.include({ protect: true, retainOnDelete: true });
        expect(vault.inputs.forceDestroy).to.equal(false);
        expect(
            resource(
                plan,
                "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
                "backups-vault-lock",
            ).inputs,
        ).to.include({
            minRetentionDays: 35,
            changeableForDays: 3,
        });
    });

    it("in dev has no lock and can be destroyed with its recovery points", async () => {
        const plan = await planBackups({ retentionDays: 7 });
        expect(
            ofType(plan, "aws:backup/vaultLockConfiguration:VaultLockConfiguration"),
        ).to.have.length(0);
        const vault = resource(plan, "aws:backup/vault:Vault", "backups-vault");
        expect(vault.inputs.forceDestroy).to.equal(true);
        expect(vault.options.protect).to.equal(false);
    });

    it("copies every recovery point to the copy vault when one is given", async () => {
        const plan = await planComponent((opts) => {
            const copy = new BackupCopyVault("copy", {
                provider: new aws.Provider("west", { region: "us-west-2" }),
                aliasPrefix: "redcap/prod/copy",
                protect: true,
            });
            new Backups("backups", { ...BASE, copy: { vaultArn: copy.vaultArn } }, opts);
        });
        const copyVault = resource(plan, "aws:backup/vault:Vault", "copy-vault");
        const west = resource(plan, "pulumi:providers:aws", "west");
        expect(copyVault.provider).to.equal(west.urn);
        expect(resource(plan, "aws:kms/key:Key", "copy-keys-backup").provider).to.equal(west.urn);
        const plan0 = resource(plan, "aws:backup/plan:Plan", "backups-plan");
        expect(plan0.propertyDependencies.rules).to.include(copyVault.urn);
        const rules = plan0.inputs.rules as {
            copyActions: { destinationVaultArn: string; lifecycle: unknown }[];
        }[];
        expect(rules[0].copyActions[0].lifecycle).to.deep.equal({ deleteAfter: 35 });
        expect(rules[0].copyActions[0].destinationVaultArn).to.match(
            /^arn:aws:backup:us-west-2:123456789012:backup-vault:/,
        );
    });

    for (const [extra, message] of [
        [{ retentionDays: 0 }, "retentionDays 0 is not allowed"],
        [{ schedule: "daily" }, 'schedule "daily" is not allowed; expected an AWS cron expression'],
        [{ resourceArns: [] }, "resourceArns is empty"],
    ] as const) {
        it(`refuses ${JSON.stringify(extra)}`, async () => {
            const { message: refused } = await planRefusal((opts) => {
                new Backups("backups", { ...BASE, ...(extra as Partial<BackupsArgs>) }, opts);
            });
            expect(refused).to.include(message);
        });
    }
});
