/**
 * Session Manager documents as pure data.
 *
 * Checked against:
 *  - AWS Systems Manager User Guide, "Session document schema" (session-manager-schema): schema
 *    version 1.0 only; `inputs` are the session preferences and are required for
 *    `Standard_Stream`; `idleSessionTimeout` is a String of minutes 1–60, `maxSessionDuration` a
 *    String of minutes 1–1440; `s3EncryptionEnabled`, `cloudWatchEncryptionEnabled`,
 *    `cloudWatchStreamingEnabled` and `runAsEnabled` are required Booleans.
 *  - Same guide, "Turn on KMS key encryption of session data": KMS encryption is available for
 *    the `Standard_Stream`, `InteractiveCommands` and `NonInteractiveCommands` session types,
 *    not `Port`; and "Logging session activity": port forwarding sessions are not logged.
 *  - aws/amazon-ssm-agent, agent/session/plugins/sessionplugin/sessionplugin.go
 *    (`isEncryptionEnabled`: `kmsKeyId != "" && pluginName != PluginNamePort`), and
 *    agent/session/plugins/port/port.go (`host`, `portNumber`, `type` properties; the port plugin
 *    disables smux keep-alives so that Session Manager's idle timeout still ends idle tunnels).
 * So the tunnel document carries the idle timeout and maximum duration but no `kmsKeyId`: the
 * agent would ignore it, and an audit reading the document would be misled. The tunnel's bytes
 * are still TLS-encrypted by Session Manager, and each StartSession call is in CloudTrail.
 */

/** The parameter/default of a Session document. */
interface DocumentParameter {
    type: "String";
    description: string;
    default: string;
    allowedPattern: string;
}

/** What a `Standard_Stream` (shell) session document says. */
export interface ShellDocumentSettings {
    /** Log group that receives every session's input and output, streamed as it happens. */
    logGroupName: string;
    /** KMS key (ARN or id) encrypting session data between the client and the instance. */
    kmsKeyId: string;
    idleTimeoutMinutes: number;
    maxSessionMinutes: number;
}

/**
 * A shell session document: logs streamed to an encrypted log group (Session Manager refuses to
 * start the session if the group is not encrypted), data encrypted with our key, sessions run as
 * ssm-user (no Run As), nothing sent to S3.
 */
export function shellDocument(settings: ShellDocumentSettings): Record<string, unknown> {
    return {
        schemaVersion: "1.0",
        description: "Shell session: logged to an encrypted log group, encrypted with a KMS key",
        sessionType: "Standard_Stream",
        inputs: {
            s3BucketName: "",
            s3KeyPrefix: "",
            s3EncryptionEnabled: true,
            cloudWatchLogGroupName: settings.logGroupName,
            cloudWatchEncryptionEnabled: true,
            cloudWatchStreamingEnabled: true,
            kmsKeyId: settings.kmsKeyId,
            runAsEnabled: false,
            runAsDefaultUser: "",
            idleSessionTimeout: String(settings.idleTimeoutMinutes),
            maxSessionDuration: String(settings.maxSessionMinutes),
            shellProfile: { windows: "", linux: "" },
        },
    };
}

/** The port patterns of AWS-StartPortForwardingSessionToRemoteHost (1–65535). */
const PORT_PATTERN =
    "^([1-9]|[1-9][0-9]{1,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$";
/** Its host pattern: a DNS name or address, without shell or JSON metacharacters. */
const HOST_PATTERN = "^[^,$^&\\(\\)!;'\"<>\\`{}\\[\\]\\|#=]{3,}$";

export interface TunnelDocumentSettings {
    /** Where the tunnel goes by default: the database endpoint. */
    host: string;
    /** Remote and local port by default: the database's. */
    port: number;
    idleTimeoutMinutes: number;
    maxSessionMinutes: number;
}

/**
 * A port-forwarding document equivalent to AWS-StartPortForwardingSessionToRemoteHost whose
 * defaults point at the database, with this stack's idle timeout and maximum duration.
 */
export function tunnelDocument(settings: TunnelDocumentSettings): Record<string, unknown> {
    const port = String(settings.port);
    const parameter = (description: string, value: string, pattern: string): DocumentParameter => ({
        type: "String",
        description,
        default: value,
        allowedPattern: pattern,
    });
    return {
        schemaVersion: "1.0",
        description: "Port forwarding to the database through the bastion",
        sessionType: "Port",
        parameters: {
            host: parameter(
                "Host to forward to (default: the database)",
                settings.host,
                HOST_PATTERN,
            ),
            portNumber: parameter("Port on the host (default: the database's)", port, PORT_PATTERN),
            localPortNumber: parameter("Port on your computer", port, PORT_PATTERN),
        },
        inputs: {
            idleSessionTimeout: String(settings.idleTimeoutMinutes),
            maxSessionDuration: String(settings.maxSessionMinutes),
        },
        properties: {
            type: "LocalPortForwarding",
            host: "{{ host }}",
            portNumber: "{{ portNumber }}",
            localPortNumber: "{{ localPortNumber }}",
        },
    };
}
