import { expect } from "chai";
import * as mysql from "mysql2/promise";
import { type MariaDb, startMariaDb } from "../../../test/mariadb";
import { redcapUsers } from "./databaseUsers";
import { bootstrap, type BootstrapEvent } from "./handler";

/**
 * The bootstrap's SQL against a real MySQL-compatible server: Debian's MariaDB, started in a
 * temporary folder on a Unix socket (no network), installed by tools/install.sh. MariaDB is not
 * Aurora MySQL 8, but these statements are the same in both.
 */
describe("the user bootstrap against a real MariaDB server", function () {
    this.timeout(60000);
    let db: MariaDb;
    let socketPath: string;
    let admin: mysql.Connection;

    before(async () => {
        db = await startMariaDb();
        ({ socketPath, admin } = db);
    });

    after(() => db?.stop());

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
