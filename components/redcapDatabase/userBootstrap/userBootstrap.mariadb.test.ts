import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import * as mysql from "mysql2/promise";
import { redcapUsers } from "./databaseUsers";
import { bootstrap, type BootstrapEvent } from "./handler";

/**
 * The bootstrap's SQL against a real MySQL-compatible server: Debian's MariaDB, started in a
 * temporary folder on a Unix socket (no network), installed by tools/install.sh. MariaDB is not
 * Aurora MySQL 8, but these statements are the same in both.
 */
describe("the user bootstrap against a real MariaDB server", function () {
    this.timeout(60000);
    let dir: string;
    let server: ChildProcess;
    let socketPath: string;
    let admin: mysql.Connection;

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "redcap-mariadb-"));
        socketPath = path.join(dir, "sock");
        const user = process.getuid?.() === 0 ? ["--user=root"] : [];
        const init = spawnSync(
            "mariadb-install-db",
            [
                "--no-defaults",
                `--datadir=${dir}/data`,
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                ...user,
            ],
            { encoding: "utf8" },
        );
        if (init.error || init.status !== 0) {
            throw new Error(
                `mariadb-install-db failed (${init.error?.message ?? init.stderr}); run tools/install.sh`,
            );
        }
        server = spawn(
            "mariadbd",
            [
                "--no-defaults",
                `--datadir=${dir}/data`,
                `--socket=${socketPath}`,
                "--skip-networking",
                "--skip-log-bin",
                ...user,
            ],
            {
                stdio: "ignore",
            },
        );
        const deadline = Date.now() + 20000;
        for (;;) {
            try {
                admin = await mysql.createConnection({ socketPath, user: "root" });
                break;
            } catch (e) {
                if (Date.now() > deadline) {
                    throw e;
                }
                await new Promise((resolve) => setTimeout(resolve, 200));
            }
        }
    });

    after(async () => {
        const exited = new Promise((resolve) =>
            server.exitCode !== null ? resolve(undefined) : server.once("exit", resolve),
        );
        await admin?.query("SHUTDOWN").catch(() => undefined);
        await admin?.end().catch(() => undefined);
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10000))]);
        server.kill("SIGKILL");
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    });

    const secrets: Record<string, Record<string, unknown>> = {
        master: { username: "root", password: "" },
        app: { username: "redcap_app", password: "first-app-password" },
        schema: { username: "redcap_schema", password: "first-schema-password" },
    };
    const users = redcapUsers();
    const event: BootstrapEvent = {
        host: "localhost",
        port: 3306,
        database: "redcap",
        masterSecretArn: "master",
        users: [
            { secretArn: "app", privileges: users[0].privileges },
            { secretArn: "schema", privileges: users[1].privileges },
        ],
    };
    const run = () =>
        bootstrap(event, {
            getSecret: (arn) => Promise.resolve(secrets[arn]),
            connect: ({ user, password }) => mysql.createConnection({ socketPath, user, password }),
        });
    const grants = async (user: string) => {
        const [rows] = await admin.query(`SHOW GRANTS FOR '${user}'@'%'`);
        return (rows as Record<string, string>[]).map((row) => Object.values(row)[0]);
    };

    it("creates the schema and both users with exactly REDCap's privileges, TLS required", async () => {
        expect(await run()).to.deep.include({
            database: "redcap",
            users: ["redcap_app", "redcap_schema"],
        });
        const [schemas] = await admin.query(
            "SELECT DEFAULT_CHARACTER_SET_NAME AS cs FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'redcap'",
        );
        expect(schemas).to.deep.equal([{ cs: "utf8mb4" }]);
        const app = await grants("redcap_app");
        expect(app[0]).to.match(
            /^GRANT USAGE ON \*\.\* TO `redcap_app`@`%` IDENTIFIED BY PASSWORD '\*[0-9A-F]{40}' REQUIRE SSL$/,
        );
        expect(app[1]).to.equal(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON `redcap`.* TO `redcap_app`@`%`",
        );
        const schema = await grants("redcap_schema");
        expect(schema[1]).to.equal(
            "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, REFERENCES, ALTER ON `redcap`.* TO `redcap_schema`@`%`",
        );
    });

    it("is idempotent: a second run applies a new password and removes privileges granted by hand", async () => {
        const before = (await grants("redcap_app"))[0];
        await admin.query("GRANT DROP ON `redcap`.* TO 'redcap_app'@'%'");
        secrets.app = { username: "redcap_app", password: "rotated-app-password" };
        await run();
        const after = await grants("redcap_app");
        expect(after[0]).not.to.equal(before);
        expect(after[1]).to.equal(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON `redcap`.* TO `redcap_app`@`%`",
        );
    });
});
