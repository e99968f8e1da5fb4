import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as mysql from "mysql2/promise";
import { makeCertificates, runTool } from "./certificates";

/**
 * A real MySQL-compatible server for tests: Debian's MariaDB (installed by tools/install.sh),
 * started in a temporary folder. Always on a private Unix socket for the test's own admin
 * connection; with `tls`, also on 127.0.0.1 with a throwaway CA and `require_secure_transport`,
 * as Aurora is configured, so clients are tested the way they connect in AWS.
 */
export interface MariaDb {
    socketPath: string;
    /** Root on the socket. */
    admin: mysql.Connection;
    /** With `tls`: the TCP port and the CA file that verifies the server's certificate. */
    port?: number;
    caFile?: string;
    stop(): Promise<void>;
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

export interface MariaDbOptions {
    /** Listen on 127.0.0.1 with TLS required (as Aurora is configured here). */
    tls?: boolean;
    /** The TCP port (default: a free one), e.g. 3306 where a client cannot be told another. */
    port?: number;
    /** More names the server's certificate is valid for (e.g. a cluster endpoint mapped to 127.0.0.1). */
    hostNames?: string[];
}

export async function startMariaDb(options: MariaDbOptions = {}): Promise<MariaDb> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redcap-mariadb-"));
    const socketPath = path.join(dir, "sock");
    const user = process.getuid?.() === 0 ? ["--user=root"] : [];
    runTool("mariadb-install-db", [
        "--no-defaults",
        `--datadir=${dir}/data`,
        "--auth-root-authentication-method=normal",
        "--skip-test-db",
        ...user,
    ]);
    let network = ["--skip-networking"];
    let port: number | undefined;
    let caFile: string | undefined;
    if (options.tls) {
        const certificates = makeCertificates(dir, options.hostNames ?? []);
        port = options.port ?? (await freePort());
        caFile = certificates.ca;
        network = [
            "--bind-address=127.0.0.1",
            `--port=${port}`,
            `--ssl-ca=${certificates.ca}`,
            `--ssl-cert=${certificates.cert}`,
            `--ssl-key=${certificates.key}`,
            "--require-secure-transport=ON",
        ];
    }
    const server: ChildProcess = spawn(
        "mariadbd",
        [
            "--no-defaults",
            `--datadir=${dir}/data`,
            `--socket=${socketPath}`,
            "--skip-log-bin",
            ...network,
            ...user,
        ],
        { stdio: "ignore" },
    );
    const deadline = Date.now() + 20000;
    let admin: mysql.Connection;
    for (;;) {
        try {
            admin = await mysql.createConnection({ socketPath, user: "root" });
            break;
        } catch (e) {
            if (Date.now() > deadline) {
                server.kill("SIGKILL");
                throw e;
            }
            await new Promise((resolve) => setTimeout(resolve, 200));
        }
    }
    const stop = async () => {
        const exited = new Promise((resolve) =>
            server.exitCode !== null ? resolve(undefined) : server.once("exit", resolve),
        );
        await admin.query("SHUTDOWN").catch(() => undefined);
        await admin.end().catch(() => undefined);
        // Wait for a clean shutdown, at most 10 s; the timer must not keep the process alive.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
            exited,
            new Promise((resolve) => (timer = setTimeout(resolve, 10000))),
        ]);
        clearTimeout(timer);
        server.kill("SIGKILL");
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    };
    return { socketPath, admin, port, caFile, stop };
}
