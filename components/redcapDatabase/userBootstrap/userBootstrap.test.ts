import { expect } from "chai";
import { APP_PRIVILEGES, redcapUsers, userStatements } from "./databaseUsers";
import { bootstrap, type BootstrapEvent, type Dependencies } from "./handler";

describe("REDCap's database users", () => {
    it("gives the everyday user data access only and the schema user what REDCap's upgrades check for", () => {
        const [app, schema] = redcapUsers();
        expect(app.privileges).to.deep.equal(APP_PRIVILEGES);
        expect(schema.privileges).to.deep.equal([
            "SELECT",
            "INSERT",
            "UPDATE",
            "DELETE",
            "CREATE",
            "DROP",
            "ALTER",
            "REFERENCES",
        ]);
        for (const user of [app, schema]) {
            expect(user.privileges).not.to.include.members([
                "ALL",
                "GRANT OPTION",
                "SUPER",
                "FILE",
                "PROCESS",
            ]);
        }
    });

    it("writes idempotent SQL that requires TLS and grants on REDCap's schema only", () => {
        const [app] = redcapUsers();
        expect(userStatements("redcap", [{ ...app, password: "pa:ss-word" }])).to.deep.equal([
            "CREATE DATABASE IF NOT EXISTS `redcap` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
            "CREATE USER IF NOT EXISTS 'redcap_app'@'%' IDENTIFIED BY 'pa:ss-word' REQUIRE SSL",
            "ALTER USER 'redcap_app'@'%' IDENTIFIED BY 'pa:ss-word' REQUIRE SSL",
            "REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'redcap_app'@'%'",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON `redcap`.* TO 'redcap_app'@'%'",
        ]);
    });

    it("quotes passwords and refuses identifiers that could inject SQL", () => {
        const [app] = redcapUsers();
        const [, create] = userStatements("redcap", [{ ...app, password: "it's\\x" }]);
        expect(create).to.include("IDENTIFIED BY 'it''s\\\\x'");
        expect(() => userStatements("redcap`; DROP", [])).to.throw(
            '"redcap`; DROP" is not a plain lower-case identifier',
        );
        expect(() =>
            userStatements("redcap", [{ ...app, username: "x'@'%", password: "p" }]),
        ).to.throw("is not a plain lower-case identifier");
    });
});

describe("the user bootstrap Lambda", () => {
    const EVENT: BootstrapEvent = {
        host: "redcap.cluster-abc.us-east-1.rds.amazonaws.com",
        port: 3306,
        database: "redcap",
        masterSecretArn: "arn:master",
        users: redcapUsers().map((u) => ({
            secretArn: `arn:${u.username}`,
            privileges: u.privileges,
        })),
    };
    const SECRETS: Record<string, Record<string, unknown>> = {
        "arn:master": { username: "redcap_admin", password: "master-sentinel" },
        "arn:redcap_app": { username: "redcap_app", password: "app-sentinel" },
        "arn:redcap_schema": { username: "redcap_schema", password: "schema-sentinel" },
    };

    function fakes(failOn?: string) {
        const executed: string[] = [];
        const log = { connectedAs: "", ended: false };
        const deps: Dependencies = {
            getSecret: (arn) => Promise.resolve(SECRETS[arn]),
            connect: (options) => {
                log.connectedAs = `${options.user}@${options.host}:${options.port}`;
                return Promise.resolve({
                    query: (sql: string) => {
                        if (failOn && sql.startsWith(failOn)) {
                            return Promise.reject(new Error("boom"));
                        }
                        executed.push(sql);
                        return Promise.resolve([]);
                    },
                    end: () => {
                        log.ended = true;
                        return Promise.resolve();
                    },
                });
            },
        };
        return { deps, executed, log };
    }

    it("connects as the master user and creates both users with their own passwords", async () => {
        const { deps, executed, log } = fakes();
        const result = await bootstrap(EVENT, deps);
        expect(log.connectedAs).to.equal(
            "redcap_admin@redcap.cluster-abc.us-east-1.rds.amazonaws.com:3306",
        );
        expect(executed).to.have.length(1 + 2 * 4);
        expect(executed).to.include(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON `redcap`.* TO 'redcap_app'@'%'",
        );
        expect(executed.join("\n")).to.include("IDENTIFIED BY 'schema-sentinel' REQUIRE SSL");
        expect(log.ended).to.equal(true);
        expect(JSON.stringify(result)).not.to.match(/sentinel/);
        expect(result).to.deep.equal({
            database: "redcap",
            users: ["redcap_app", "redcap_schema"],
            statements: 9,
        });
    });

    it("closes the connection when a statement fails, and fails the deploy", async () => {
        const { deps, log } = fakes("GRANT");
        let error: unknown;
        try {
            await bootstrap(EVENT, deps);
        } catch (e) {
            error = e;
        }
        expect(String(error)).to.include("boom");
        expect(log.ended).to.equal(true);
    });
});
