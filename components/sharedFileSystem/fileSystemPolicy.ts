import type { PolicyDocument, PolicyStatement } from "../iam/policyDocument";

/** EFS's client actions: mount (read), write, and root access (never granted here). */
export const EFS_CLIENT_MOUNT = "elasticfilesystem:ClientMount";
export const EFS_CLIENT_WRITE = "elasticfilesystem:ClientWrite";

/**
 * The file system's resource policy: no NFS without TLS, for anyone; principals of this account
 * may mount and write only through one of the file system's access points (which fix the POSIX
 * user and the folder) and a mount target, and only when IAM also allows them. Root access is
 * never granted, and nothing is granted to anonymous clients, so a client that mounts without
 * IAM authorization is refused.
 */
export function fileSystemPolicy(args: {
    fileSystemArn: string;
    accessPointArns: string[];
    accountId: string;
    partition: string;
}): PolicyDocument {
    if (args.accessPointArns.length === 0) {
        throw new Error("fileSystemPolicy: accessPointArns is empty; expected at least one");
    }
    const statements: PolicyStatement[] = [
        {
            Sid: "DenyNfsWithoutTls",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: ["*"],
            Resource: args.fileSystemArn,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "AccountMountsThroughAccessPointsOnly",
            Effect: "Allow",
            Principal: { AWS: `arn:${args.partition}:iam::${args.accountId}:root` },
            Action: [EFS_CLIENT_MOUNT, EFS_CLIENT_WRITE],
            Resource: args.fileSystemArn,
            Condition: {
                Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" },
                StringEquals: {
                    "elasticfilesystem:AccessPointArn": [...args.accessPointArns].sort(),
                },
            },
        },
    ];
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * What a client's role (an ECS task role) needs to mount one access point: mount, and write
 * unless read-only, on the file system through that access point only.
 */
export function efsClientStatement(args: {
    sid: string;
    fileSystemArn: string;
    accessPointArn: string;
    readOnly?: boolean;
}): PolicyStatement {
    return {
        Sid: args.sid,
        Effect: "Allow",
        Action: args.readOnly ? [EFS_CLIENT_MOUNT] : [EFS_CLIENT_MOUNT, EFS_CLIENT_WRITE],
        Resource: args.fileSystemArn,
        Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": args.accessPointArn } },
    };
}
