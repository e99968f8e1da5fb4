import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AccessMode, type BastionOrSsmArgs, resolveAccessArgs } from "./args";
import { createBastion } from "./bastion";
import { shellDocument, tunnelDocument } from "./sessionDocuments";

/**
 * How operators and database administrators get in, with no open port and a record of every
 * session (HIPAA 164.312(a)(1) access control, 164.312(b) audit controls).
 *
 * Both modes: an encrypted session log group and this stack's shell session document (sessions
 * streamed to that group, encrypted end to end with the sessions key, idle and maximum timeouts).
 * `ssm` adds nothing else: operators open shells in REDCap's tasks with ECS Exec. `bastion` adds a
 * private instance reached only through Session Manager, and a tunnel document whose defaults
 * point at the database; optionally it runs only in working hours. Operators' IAM policies should
 * allow ssm:StartSession only with these documents (see `accessCommands` for the commands).
 */
export class BastionOrSsm extends pulumi.ComponentResource {
    public readonly mode: AccessMode;
    public readonly sessionLogGroupName: pulumi.Output<string>;
    /** Pass as `--document-name` to `aws ssm start-session` for a logged, encrypted shell. */
    public readonly shellDocumentName: pulumi.Output<string>;
    /** Bastion mode only. */
    public readonly instanceId?: pulumi.Output<string>;
    /** Bastion mode only: port forwarding to the database. */
    public readonly databaseTunnelDocumentName?: pulumi.Output<string>;

    constructor(name: string, args: BastionOrSsmArgs, opts?: pulumi.ComponentResourceOptions) {
        // Refused args fail before anything, this component included, is registered.
        const a = resolveAccessArgs(name, args);
        super("hipaa:access:BastionOrSsm", name, {}, opts);
        const parent = { parent: this };

        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-sessions`,
            {
                name: `/${args.namePrefix}/sessions`,
                kmsKeyId: args.logsKmsKeyArn,
                retentionInDays: args.logRetentionDays,
            },
            parent,
        );

        // Document names are account- and region-wide; a changed document type or format replaces
        // the document under the same name, so the old one must go first.
        const document = (suffix: string, documentType: string, content: pulumi.Input<string>) =>
            new aws.ssm.Document(
                `${name}-${suffix}`,
                {
                    name: `${args.namePrefix}-${suffix}`,
                    documentType,
                    documentFormat: "JSON",
                    content,
                },
                { parent: this, deleteBeforeReplace: true },
            );
        const shell = document(
            "shell",
            "Session",
            pulumi.all([logGroup.name, args.sessionsKmsKeyArn]).apply(([logGroupName, kmsKeyId]) =>
                JSON.stringify(
                    shellDocument({
                        logGroupName,
                        kmsKeyId,
                        idleTimeoutMinutes: a.idleTimeoutMinutes,
                        maxSessionMinutes: a.maxSessionMinutes,
                    }),
                ),
            ),
        );

        this.mode = a.mode;
        this.sessionLogGroupName = logGroup.name;
        this.shellDocumentName = shell.name;
        if (a.mode === "bastion") {
            const instance = createBastion(
                name,
                {
                    namePrefix: args.namePrefix,
                    vpcId: args.vpcId,
                    subnetIds: args.subnetIds,
                    databaseClientSecurityGroupId: args.database?.clientSecurityGroupId,
                    sessionsKmsKeyArn: args.sessionsKmsKeyArn,
                    sessionLogGroupArn: logGroup.arn,
                    instanceType: a.instanceType,
                    architecture: a.architecture,
                    schedule: a.schedule,
                },
                this,
            );
            const database = args.database;
            const tunnel = database
                ? document(
                      "database-tunnel",
                      "Session",
                      pulumi.output(database.host).apply((host) =>
                          JSON.stringify(
                              tunnelDocument({
                                  host,
                                  port: database.port,
                                  idleTimeoutMinutes: a.idleTimeoutMinutes,
                                  maxSessionMinutes: a.maxSessionMinutes,
                              }),
                          ),
                      ),
                  )
                : undefined;
            this.instanceId = instance.id;
            this.databaseTunnelDocumentName = tunnel?.name;
        }
        this.registerOutputs({
            mode: this.mode,
            sessionLogGroupName: this.sessionLogGroupName,
            shellDocumentName: this.shellDocumentName,
            instanceId: this.instanceId,
            databaseTunnelDocumentName: this.databaseTunnelDocumentName,
        });
    }
}
