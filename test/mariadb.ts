import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as mysql from "mysql2/promise";

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

function runTool(command: string, args: string[], cwd?: string): void {
    const result = spawnSync(command, args, { cwd, encoding: "utf8" });
    if (result.error || result.status !== 0) {
        throw new Error(
            `${command} failed (${result.error?.message ?? result.stderr}); run tools/install.sh`,
        );
    }
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

/** A CA and a server certificate for localhost / 127.0.0.1, valid for a day. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    runTool(
        "openssl",
        [
            "req",
            "-x509",
            ...ec,
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "1",
            "-subj",
            "/CN=test database CA",
        ],
        dir,
    );
    runTool(
        "openssl",
        ["req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"],
        dir,
    );
    fs.writeFileSync(path.join(dir, "san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    runTool(
        "openssl",
        [
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "1",
            "-extfile",
            "san.ext",
        ],
        dir,
    );
    return {
        ca: path.join(dir, "ca.pem"),
        cert: path.join(dir, "server.pem"),
        key: path.join(dir, "server.key"),
    };
}

export async function startMariaDb(options: { tls?: boolean } = {}): Promise<MariaDb> {
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
        const certificates = makeCertificates(dir);
        port = await freePort();
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
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10000))]);
        server.kill("SIGKILL");
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    };
    return { socketPath, admin, port, caFile, stop };
}
