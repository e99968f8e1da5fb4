/** The AWS-managed port-forwarding document, for when a stack has no tunnel document of its own. */
export const AWS_REMOTE_PORT_FORWARDING = "AWS-StartPortForwardingSessionToRemoteHost";

/** REDCap's web container in RedcapService's task definition (the cron task's is `cron`). */
export const REDCAP_CONTAINER = "redcap";

export interface AccessCommandsInput {
    /** ECS cluster of REDCap (RedcapService's clusterName). */
    cluster: string;
    /** Task to open a shell in; default the placeholder `<task-id>` (see `aws ecs list-tasks`). */
    taskId?: string;
    /** Container to open a shell in. Default `redcap`. */
    container?: string;
    /** The bastion's instance id; without it there is no bastion shell or tunnel. */
    instanceId?: string;
    /** The stack's shell session document (logged and encrypted). */
    shellDocumentName: string;
    /** The stack's tunnel document; default AWS-StartPortForwardingSessionToRemoteHost. */
    tunnelDocumentName?: string;
    databaseHost: string;
    /** Database port, also the local port. Default 3306. */
    databasePort?: number;
    /** Appended as `--region` when given. */
    region?: string;
}

export interface AccessCommands {
    /** A shell in a REDCap task through ECS Exec (audited into the cluster's exec log group). */
    ecsShell: string;
    /** A shell on the bastion through the stack's logged, encrypted shell document. */
    bastionShell?: string;
    /** Port forwarding from this computer to the database through the bastion. */
    databaseTunnel?: string;
}

/**
 * The exact AWS CLI commands operators run to get in (the runbook prints them). Pure: the values
 * are plain strings, e.g. from `pulumi stack output`.
 */
export function accessCommands(input: AccessCommandsInput): AccessCommands {
    const region = input.region ? ` --region ${input.region}` : "";
    const port = input.databasePort ?? 3306;
    const ecsShell =
        `aws ecs execute-command --cluster ${input.cluster} --task ${input.taskId ?? "<task-id>"}` +
        ` --container ${input.container ?? REDCAP_CONTAINER} --interactive --command /bin/bash${region}`;
    if (!input.instanceId) {
        return { ecsShell };
    }
    const session = `aws ssm start-session --target ${input.instanceId}`;
    return {
        ecsShell,
        bastionShell: `${session} --document-name ${input.shellDocumentName}${region}`,
        databaseTunnel:
            `${session} --document-name ${input.tunnelDocumentName ?? AWS_REMOTE_PORT_FORWARDING}` +
            ` --parameters host=${input.databaseHost},portNumber=${port},localPortNumber=${port}${region}`,
    };
}
