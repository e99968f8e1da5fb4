import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { requireWholeNumber } from "../validation";
import { fileSystemPolicy } from "./fileSystemPolicy";

/** Where one kind of client lands in the file system, and as whom. */
export interface AccessPointSpec {
    /**
     * The folder the client sees as its root, e.g. `/home/alice` or `/shared/apps`. EFS creates it,
     * owned by `uid`:`gid` with `permissions`, the first time a client mounts it.
     */
    path: string;
    /** The POSIX user every file operation runs as, whatever the client's own (not 0: no root). */
    uid: number;
    /** The POSIX group every file operation runs as. */
    gid: number;
    /** More groups, e.g. a group shared by everyone who publishes into one folder. */
    secondaryGids?: number[];
    /** The folder's mode when EFS creates it, in octal. Default `0750`; never writable by others. */
    permissions?: string;
}

export interface SharedFileSystemArgs {
    vpcId: pulumi.Input<string>;
    /** One subnet per Availability Zone (the private tier): a mount target in each. */
    subnetIds: pulumi.Input<string>[];
    /** The customer-managed key the file system is encrypted with (the `sharedFiles` domain). */
    kmsKeyArn: pulumi.Input<string>;
    /** Access points by name (lower case, digits, -): one per purpose and one per user. */
    accessPoints: Record<string, AccessPointSpec>;
    /**
     * Days a file goes unread before it moves to the cheaper Infrequent Access class (it moves
     * back on first access). Default 30; one of 1, 7, 14, 30, 60, 90, 180, 270, 365.
     */
    infrequentAccessAfterDays?: number;
    /** Default `elastic` (throughput follows the load, paid per use); `bursting` for steady small use. */
    throughputMode?: "elastic" | "bursting";
    /**
     * Who backs the file system up. Default `stack-plan`: EFS's own automatic backups are off and
     * the caller adds `fileSystemArn` to the stack's AWS Backup plan (its vault, key, retention
     * and copies). `efs-automatic`: EFS's daily backups into AWS Backup's default EFS vault.
     */
    backups?: "stack-plan" | "efs-automatic";
    /** Keep the file system through `pulumi destroy` and if removed from the program (prod). Default false. */
    protect?: boolean;
}

const ACCESS_POINT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const FOLDER = /^(\/[A-Za-z0-9._-]+)+$/;
const IA_DAYS = [1, 7, 14, 30, 60, 90, 180, 270, 365];
/** The largest POSIX id EFS takes (2^32 - 2). */
const MAX_POSIX_ID = 4294967294;

/**
 * An encrypted shared file system (Amazon EFS) for containers: encrypted at rest with a customer
 * key, a mount target in each private subnet reachable only from members of
 * `clientSecurityGroupId`, access points that pin each client to its folder and POSIX user, a
 * file-system policy that refuses NFS without TLS, anonymous clients and root access, backups, and
 * lifecycle to Infrequent Access. Clients (ECS tasks) mount an access point with TLS and IAM
 * authorization; `efsClientStatement` is what their role needs.
 */
export class SharedFileSystem extends pulumi.ComponentResource {
    /** The file system (read-only: change it through the args). */
    public readonly fileSystem: aws.efs.FileSystem;
    public readonly fileSystemId: pulumi.Output<string>;
    public readonly fileSystemArn: pulumi.Output<string>;
    /** The access points by name. */
    public readonly accessPoints: Readonly<Record<string, aws.efs.AccessPoint>>;
    /** Attach to whatever should mount the file system (NFS, port 2049, to the mount targets). */
    public readonly clientSecurityGroupId: pulumi.Output<string>;

    constructor(name: string, args: SharedFileSystemArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:storage:SharedFileSystem", name, {}, opts);
        const where = `SharedFileSystem ${name}`;
        const iaDays = args.infrequentAccessAfterDays ?? 30;
        const throughputMode = args.throughputMode ?? "elastic";
        const backups = args.backups ?? "stack-plan";
        const protect = args.protect ?? false;
        if (args.subnetIds.length === 0) {
            throw new Error(
                `${where}: subnetIds is empty; expected one private subnet per Availability Zone`,
            );
        }
        if (!IA_DAYS.includes(iaDays)) {
            throw new Error(
                `${where}: infrequentAccessAfterDays ${iaDays} is not allowed; expected one of ${IA_DAYS.join(", ")}`,
            );
        }
        if (!["elastic", "bursting"].includes(throughputMode)) {
            throw new Error(
                `${where}: throughputMode "${throughputMode}" is not allowed; expected "elastic" or "bursting"`,
            );
        }
        if (!["stack-plan", "efs-automatic"].includes(backups)) {
            throw new Error(
                `${where}: backups "${backups}" is not allowed; expected "stack-plan" or "efs-automatic"`,
            );
        }
        const names = Object.keys(args.accessPoints);
        if (names.length === 0) {
            throw new Error(`${where}: accessPoints is empty; expected one per purpose or user`);
        }
        for (const [point, spec] of Object.entries(args.accessPoints)) {
            accessPointProblems(`${where}: accessPoints.${point}`, point, spec);
        }
        const parent = { parent: this };
        const dataOpts = { parent: this, protect, retainOnDelete: protect };

        const fileSystem = new aws.efs.FileSystem(
            name,
            {
                encrypted: true,
                kmsKeyId: args.kmsKeyArn,
                performanceMode: "generalPurpose",
                throughputMode,
                lifecyclePolicies: [
                    { transitionToIa: `AFTER_${iaDays}_DAY${iaDays === 1 ? "" : "S"}` },
                    { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" },
                ],
                tags: { Name: name },
            },
            dataOpts,
        );
        new aws.efs.BackupPolicy(
            name,
            {
                fileSystemId: fileSystem.id,
                backupPolicy: { status: backups === "efs-automatic" ? "ENABLED" : "DISABLED" },
            },
            parent,
        );

        // ---- network: members of the client group reach the mount targets on NFS, nothing else does
        const clients = new aws.ec2.SecurityGroup(
            `${name}-clients`,
            {
                vpcId: args.vpcId,
                description: "Members may mount the shared file system",
                revokeRulesOnDelete: true,
                tags: { Name: `${name}-clients` },
            },
            parent,
        );
        const mountTargets = new aws.ec2.SecurityGroup(
            `${name}-mount-targets`,
            {
                vpcId: args.vpcId,
                description: "The shared file system's mount targets: NFS from its clients only",
                revokeRulesOnDelete: true,
                tags: { Name: `${name}-mount-targets` },
            },
            parent,
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-nfs-from-clients`,
            {
                securityGroupId: mountTargets.id,
                description:
                    "NFS (TLS through the EFS mount helper) from the file system's clients",
                ipProtocol: "tcp",
                fromPort: 2049,
                toPort: 2049,
                referencedSecurityGroupId: clients.id,
            },
            parent,
        );
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-clients-to-nfs`,
            {
                securityGroupId: clients.id,
                description: "To the shared file system's mount targets, NFS only",
                ipProtocol: "tcp",
                fromPort: 2049,
                toPort: 2049,
                referencedSecurityGroupId: mountTargets.id,
            },
            parent,
        );
        args.subnetIds.forEach(
            (subnetId, i) =>
                new aws.efs.MountTarget(
                    `${name}-${i}`,
                    { fileSystemId: fileSystem.id, subnetId, securityGroups: [mountTargets.id] },
                    parent,
                ),
        );

        // ---- access points: each client lands in its folder as its POSIX user
        const accessPoints: Record<string, aws.efs.AccessPoint> = {};
        for (const [point, spec] of Object.entries(args.accessPoints)) {
            accessPoints[point] = new aws.efs.AccessPoint(
                `${name}-${point}`,
                {
                    fileSystemId: fileSystem.id,
                    posixUser: {
                        uid: spec.uid,
                        gid: spec.gid,
                        ...(spec.secondaryGids?.length
                            ? { secondaryGids: spec.secondaryGids }
                            : {}),
                    },
                    rootDirectory: {
                        path: spec.path,
                        creationInfo: {
                            ownerUid: spec.uid,
                            ownerGid: spec.gid,
                            permissions: spec.permissions ?? "0750",
                        },
                    },
                    tags: { Name: `${name}-${point}` },
                },
                parent,
            );
        }

        const account = aws.getCallerIdentityOutput({}, parent).accountId;
        const partition = aws.getPartitionOutput({}, parent).partition;
        new aws.efs.FileSystemPolicy(
            name,
            {
                fileSystemId: fileSystem.id,
                policy: pulumi
                    .all([
                        fileSystem.arn,
                        pulumi.all(names.map((point) => accessPoints[point].arn)),
                        account,
                        partition,
                    ])
                    .apply(([fileSystemArn, accessPointArns, accountId, partitionName]) =>
                        JSON.stringify(
                            fileSystemPolicy({
                                fileSystemArn,
                                accessPointArns,
                                accountId,
                                partition: partitionName,
                            }),
                        ),
                    ),
            },
            parent,
        );

        this.fileSystem = fileSystem;
        this.fileSystemId = fileSystem.id;
        this.fileSystemArn = fileSystem.arn;
        this.accessPoints = accessPoints;
        this.clientSecurityGroupId = clients.id;
        this.registerOutputs({
            fileSystemId: this.fileSystemId,
            fileSystemArn: this.fileSystemArn,
            clientSecurityGroupId: this.clientSecurityGroupId,
        });
    }
}

/** Throws, naming the access point and the field, when a spec cannot work or is unsafe. */
function accessPointProblems(where: string, name: string, spec: AccessPointSpec): void {
    if (!ACCESS_POINT_NAME.test(name)) {
        throw new Error(
            `${where}: the name "${name}" is not allowed; expected lower-case letters, digits and -`,
        );
    }
    if (
        !FOLDER.test(spec.path) ||
        spec.path.split("/").some((part) => part === "." || part === "..")
    ) {
        throw new Error(
            `${where}.path ${JSON.stringify(spec.path)} is not allowed; expected an absolute folder below the root, such as /home/alice (never / itself)`,
        );
    }
    requireWholeNumber(where, "uid", spec.uid, 1, MAX_POSIX_ID);
    requireWholeNumber(where, "gid", spec.gid, 1, MAX_POSIX_ID);
    for (const gid of spec.secondaryGids ?? []) {
        requireWholeNumber(where, "secondaryGids", gid, 1, MAX_POSIX_ID);
    }
    const mode = spec.permissions ?? "0750";
    if (!/^0?[0-7]{3}$/.test(mode) || (Number.parseInt(mode, 8) & 0o002) !== 0) {
        throw new Error(
            `${where}.permissions "${mode}" is not allowed; expected an octal mode such as 0750 that others cannot write`,
        );
    }
}
