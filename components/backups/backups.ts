import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKeys } from "../encryptionKeys";
import { serviceTrustPolicy } from "../iam/policyDocument";
import { requireWholeNumber } from "../validation";

/** AWS managed policies of the backup service role (S3 ones have no `service-role/` in their ARN). */
export const BACKUP_ROLE_POLICIES = [
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
    "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
];

export interface BackupsArgs {
    /** Key of the vault. (Aurora recovery points keep the cluster's own key; S3 ones use this.) */
    kmsKeyArn: pulumi.Input<string>;
    /** ARNs of what to back up: the Aurora cluster, the uploads bucket. */
    resourceArns: pulumi.Input<string>[];
    /** Days each daily recovery point is kept, 1 to 36500. */
    retentionDays: number;
    /** When the daily backup starts, as an AWS cron expression. Default `cron(0 5 * * ? *)` (05:00 UTC). */
    schedule?: string;
    /**
     * Vault lock: recovery points cannot be deleted before `retentionDays`, by anyone, once the
     * 3-day grace period has passed (then the lock itself cannot be removed). Default false.
     */
    vaultLock?: boolean;
    /** A copy of every recovery point in a vault of another region, kept as long. */
    copy?: {
        /** ARN of the destination vault (see BackupCopyVault). */
        vaultArn: pulumi.Input<string>;
    };
    /** Keep the vault and its recovery points when the stack is destroyed (prod). Default false. */
    protect?: boolean;
}

/**
 * AWS Backup for the stack's data: a vault encrypted with our key (optionally locked), a daily
 * plan with the stack's retention (optionally copied to another region), a selection of the
 * database cluster and the uploads bucket, and the service role Backup uses.
 */
export class Backups extends pulumi.ComponentResource {
    public readonly vaultName: pulumi.Output<string>;
    public readonly vaultArn: pulumi.Output<string>;
    public readonly planId: pulumi.Output<string>;

    constructor(name: string, args: BackupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:backup:Backups", name, {}, opts);
        const schedule = args.schedule ?? "cron(0 5 * * ? *)";
        const protect = args.protect ?? false;
        requireWholeNumber(
            `Backups ${name}`,
            "retentionDays",
            args.retentionDays,
            1,
            36500,
            "days",
        );
        if (!/^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/.test(schedule)) {
            throw new Error(
                `Backups ${name}: schedule "${schedule}" is not allowed; expected an AWS cron expression with six fields, e.g. cron(0 5 * * ? *)`,
            );
        }
        if (args.resourceArns.length === 0) {
            throw new Error(
                `Backups ${name}: resourceArns is empty; expected the ARNs of what to back up`,
            );
        }
        const parent = { parent: this };

        const vault = new aws.backup.Vault(
            `${name}-vault`,
            { kmsKeyArn: args.kmsKeyArn, forceDestroy: !protect },
            { parent: this, protect, retainOnDelete: protect },
        );
        if (args.vaultLock) {
            new aws.backup.VaultLockConfiguration(
                `${name}-vault-lock`,
                {
                    backupVaultName: vault.name,
                    minRetentionDays: args.retentionDays,
                    // Three days (AWS's minimum) to undo a mistake before the lock is permanent.
                    changeableForDays: 3,
                },
                { parent: this, protect, retainOnDelete: protect },
            );
        }

        const role = new aws.iam.Role(
            `${name}-service`,
            {
                description: "AWS Backup backs up and restores the stack's database and files",
                assumeRolePolicy: JSON.stringify(serviceTrustPolicy("backup.amazonaws.com")),
            },
            parent,
        );
        const attachments = BACKUP_ROLE_POLICIES.map(
            (policyArn) =>
                new aws.iam.RolePolicyAttachment(
                    `${name}-${policyArn.split("/").pop()}`,
                    { role: role.name, policyArn },
                    parent,
                ),
        );

        const plan = new aws.backup.Plan(
            `${name}-plan`,
            {
                rules: [
                    {
                        ruleName: "daily",
                        targetVaultName: vault.name,
                        schedule,
                        startWindow: 60,
                        completionWindow: 360,
                        lifecycle: { deleteAfter: args.retentionDays },
                        copyActions: args.copy
                            ? [
                                  {
                                      destinationVaultArn: args.copy.vaultArn,
                                      lifecycle: { deleteAfter: args.retentionDays },
                                  },
                              ]
                            : undefined,
                    },
                ],
            },
            parent,
        );
        new aws.backup.Selection(
            `${name}-data`,
            { planId: plan.id, iamRoleArn: role.arn, resources: args.resourceArns },
            { parent: this, dependsOn: attachments },
        );

        this.vaultName = vault.name;
        this.vaultArn = vault.arn;
        this.planId = plan.id;
        this.registerOutputs({
            vaultName: this.vaultName,
            vaultArn: this.vaultArn,
            planId: this.planId,
        });
    }
}

export interface BackupCopyVaultArgs {
    /** A provider for the copy's region. */
    provider: aws.Provider;
    /** Alias prefix of the copy's key, e.g. `redcap/prod/copy`. */
    aliasPrefix: string;
    /** Protect the copy vault and its key (prod). */
    protect?: boolean;
}

/**
 * The destination of cross-region copies: a vault in another region, encrypted with a backup key
 * of that region (copies are re-encrypted with the destination vault's key).
 */
export class BackupCopyVault extends pulumi.ComponentResource {
    public readonly vaultArn: pulumi.Output<string>;

    constructor(name: string, args: BackupCopyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:backup:BackupCopyVault", name, {}, { ...opts, providers: [args.provider] });
        const protect = args.protect ?? false;
        const keys = new EncryptionKeys(
            `${name}-keys`,
            { aliasPrefix: args.aliasPrefix, domains: ["backup"], protect },
            { parent: this },
        );
        const vault = new aws.backup.Vault(
            `${name}-vault`,
            { kmsKeyArn: keys.keyArn("backup"), forceDestroy: !protect },
            { parent: this, protect, retainOnDelete: protect },
        );
        this.vaultArn = vault.arn;
        this.registerOutputs({ vaultArn: this.vaultArn });
    }
}
