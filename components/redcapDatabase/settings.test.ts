import { expect } from "chai";
import { APP_PRIVILEGES, redcapUsers, userStatements } from "./databaseUsers";
import {
    backtrackAvailableIn,
    checkBackupWindow,
    checkMaintenanceWindow,
    clusterParameters,
    EXPORTED_LOGS,
    parseEngineVersion,
    windowsOverlap,
} from "./settings";

describe("database settings", () => {
    it("parses Aurora MySQL 3 engine versions and nothing else", () => {
        expect(parseEngineVersion("8.0.mysql_aurora.3.10.4")).to.deep.equal({
            minor: 10,
            patch: 4,
        });
        expect(parseEngineVersion("8.0.mysql_aurora.3.08.0")).to.deep.equal({ minor: 8, patch: 0 });
        for (const bad of [
            "5.7.mysql_aurora.2.11.2",
            "8.0.mysql_aurora.3.8.0",
            "3.10.4",
            "8.0.36",
            "8.0.mysql_aurora.3.10",
        ]) {
            expect(parseEngineVersion(bad), bad).to.equal(undefined);
        }
    });

    it("requires TLS, REDCap's sizes and auditing without data statements in the parameter group", () => {
        const params = Object.fromEntries(clusterParameters().map((p) => [p.name, p.value]));
        expect(params).to.include({
            require_secure_transport: "ON",
            max_allowed_packet: "134217728",
            read_rnd_buffer_size: "262144",
            sort_buffer_size: "2097152",
            server_audit_logging: "1",
        });
        const events = params.server_audit_events.split(",");
        expect(events).to.have.members(["CONNECT", "QUERY_DCL", "QUERY_DDL"]);
        expect(events).not.to.include.members(["QUERY", "QUERY_DML"]);
        expect(EXPORTED_LOGS).to.deep.equal(["audit", "error", "slowquery"]);
    });

    it("checks backup and maintenance windows as RDS does", () => {
        expect(checkBackupWindow("07:00-08:00")).to.equal(undefined);
        expect(checkBackupWindow("23:45-00:15")).to.equal(undefined);
        expect(checkBackupWindow("07:00-07:20")).to.equal("shorter than 30 minutes");
        expect(checkBackupWindow("7:00-8:00")).to.equal("");
        expect(checkMaintenanceWindow("sun:08:30-sun:09:30")).to.equal(undefined);
        expect(checkMaintenanceWindow("sat:23:30-sun:00:30")).to.equal(undefined);
        expect(checkMaintenanceWindow("sunday:08:30-sunday:09:30")).to.equal("");
        expect(checkMaintenanceWindow("sun:08:30-sun:08:45")).to.equal("shorter than 30 minutes");
    });

    it("finds overlaps between the daily backup window and the weekly maintenance window", () => {
        expect(windowsOverlap("07:00-08:00", "sun:08:30-sun:09:30")).to.equal(false);
        expect(windowsOverlap("07:00-08:00", "wed:07:30-wed:08:30")).to.equal(true);
        expect(windowsOverlap("23:30-00:30", "tue:00:00-tue:01:00")).to.equal(true);
        expect(windowsOverlap("23:30-00:30", "tue:01:00-tue:02:00")).to.equal(false);
    });

    it("knows where backtrack is not offered", () => {
        expect(backtrackAvailableIn("us-east-1")).to.equal(true);
        expect(backtrackAvailableIn("eu-north-1")).to.equal(false);
        expect(backtrackAvailableIn("cn-north-1")).to.equal(false);
    });
});

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
        expect(userStatements("redcap", [{ user: app, password: "pa:ss-word" }])).to.deep.equal([
            "CREATE DATABASE IF NOT EXISTS `redcap` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
            "CREATE USER IF NOT EXISTS 'redcap_app'@'%' IDENTIFIED BY 'pa:ss-word' REQUIRE SSL",
            "ALTER USER 'redcap_app'@'%' IDENTIFIED BY 'pa:ss-word' REQUIRE SSL",
            "REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'redcap_app'@'%'",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON `redcap`.* TO 'redcap_app'@'%'",
        ]);
    });

    it("quotes passwords and refuses identifiers that could inject SQL", () => {
        const [app] = redcapUsers();
        const [, create] = userStatements("redcap", [{ user: app, password: "it's\\x" }]);
        expect(create).to.include("IDENTIFIED BY 'it''s\\\\x'");
        expect(() => userStatements("redcap`; DROP", [])).to.throw(
            '"redcap`; DROP" is not a plain lower-case identifier',
        );
        expect(() =>
            userStatements("redcap", [{ user: { ...app, username: "x'@'%" }, password: "p" }]),
        ).to.throw("is not a plain lower-case identifier");
    });
});
