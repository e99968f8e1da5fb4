import { expect } from "chai";
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
