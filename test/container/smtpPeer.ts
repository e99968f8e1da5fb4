import * as fs from "node:fs";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

/**
 * A real SMTP submission server for the container tests (the `smtp-server` library): STARTTLS
 * with a certificate for the given names, and AUTH only after TLS with one set of credentials, as
 * SES's SMTP endpoint behaves. Keeps every message it accepts with how it arrived.
 */

export interface ReceivedMail {
    /** Envelope sender (MAIL FROM). */
    from: string;
    to: string[];
    /** The connection was encrypted (STARTTLS) when the message was sent. */
    secure: boolean;
    /** The user the client authenticated as. */
    user: string;
    raw: string;
    /** The message's From header. */
    headerFrom: string;
}

export interface SmtpPeer {
    received: ReceivedMail[];
    /** Failed AUTH attempts (wrong credentials). */
    failedLogins: number;
    /** Resolves with the next message for which `match` holds (or one already received). */
    waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs: number): Promise<ReceivedMail>;
    stop(): Promise<void>;
}

export async function startSmtpPeer(options: {
    port: number;
    cert: string;
    key: string;
    username: string;
    password: string;
}): Promise<SmtpPeer> {
    const received: ReceivedMail[] = [];
    const waiters: {
        match: (mail: ReceivedMail) => boolean;
        resolve: (m: ReceivedMail) => void;
    }[] = [];
    const peer = { received, failedLogins: 0 };
    const address = (a: SMTPServerAddress | false) => (a ? a.address : "");
    const server = new SMTPServer({
        secure: false,
        key: fs.readFileSync(options.key),
        cert: fs.readFileSync(options.cert),
        authMethods: ["PLAIN", "LOGIN"],
        allowInsecureAuth: false, // AUTH is offered only after STARTTLS
        disabledCommands: [],
        logger: false,
        onAuth(auth, _session, callback) {
            if (auth.username === options.username && auth.password === options.password) {
                callback(null, { user: auth.username });
            } else {
                peer.failedLogins += 1;
                callback(new Error("Invalid credentials"));
            }
        },
        onData(stream, session, callback) {
            const chunks: Buffer[] = [];
            stream.on("data", (chunk: Buffer) => chunks.push(chunk));
            stream.on("end", () => {
                const raw = Buffer.concat(chunks).toString("utf8");
                const headers = raw.split(/\r?\n\r?\n/)[0];
                const mail: ReceivedMail = {
                    from: address(session.envelope.mailFrom),
                    to: session.envelope.rcptTo.map((r) => r.address),
                    secure: session.secure,
                    user: String(session.user ?? ""),
                    raw,
                    headerFrom: /^From:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? "",
                };
                received.push(mail);
                for (const waiter of [...waiters]) {
                    if (waiter.match(mail)) {
                        waiters.splice(waiters.indexOf(waiter), 1);
                        waiter.resolve(mail);
                    }
                }
                callback();
            });
        },
    });
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port, "127.0.0.1", () => resolve());
    });
    return {
        received,
        get failedLogins() {
            return peer.failedLogins;
        },
        waitFor(match, timeoutMs) {
            const already = received.find(match);
            if (already) {
                return Promise.resolve(already);
            }
            return new Promise((resolve, reject) => {
                const waiter = { match, resolve };
                waiters.push(waiter);
                setTimeout(() => {
                    const at = waiters.indexOf(waiter);
                    if (at >= 0) {
                        waiters.splice(at, 1);
                        reject(
                            new Error(
                                `no matching mail within ${timeoutMs} ms (${received.length} received)`,
                            ),
                        );
                    }
                }, timeoutMs);
            });
        },
        stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}
