import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { type MariaDb, startMariaDb } from "../../test/mariadb";
import { runScript, runScriptAsync, type ScriptResult } from "../../test/scripts";

/**
 * redcap-setup.php, run for real with php-cli against a real MariaDB that, like Aurora here,
 * accepts only TLS connections, with the schema user's production privileges, and a stand-in
 * for REDCap's installer and upgrader (testdata/README.md: REDCap itself is never committed).
 */

const ROOTFS = path.join(__dirname, "rootfs");
const SETUP = path.join(ROOTFS, "redcap-setup.php");
const FAKE = path.join(__dirname, "testdata", "fake-redcap");

const SECRETS = {
    REDCAP_DB_PASSWORD: "schema-pass-SENTINEL1",
    REDCAP_SALT: "salt-SENTINEL2",
    SMTP_PASSWORD: "smtp-SENTINEL3",
    S3_SECRET_ACCESS_KEY: "s3-secret-SENTINEL4",
    REDCAP_ADMIN_PASSWORD: "first-admin-password-SENTINEL5",
};
const expectNoSecret = (result: ScriptResult) => {
    for (const secret of Object.values(SECRETS)) {
        expect(result.stdout + result.stderr).not.to.include(secret);
    }
};

describe("REDCap image: redcap-setup.php's rules", () => {
    // Loads the script's functions without running its main part (it runs only as the script itself).
    const call = (code: string, env: Record<string, string> = {}) =>
        runScript("php", ["-r", `require ${JSON.stringify(SETUP)}; ${code}`], env);
    const settingsEnv = {
        REDCAP_BASE_URL: "https://redcap.example.edu",
        REDCAP_S3_BUCKET: "files-uploads-0123456",
        REDCAP_S3_REGION: "us-east-1",
        S3_ACCESS_KEY_ID: "AKIAEXAMPLE",
        S3_SECRET_ACCESS_KEY: "SENTINEL5",
        MAIL_FROM: "redcap@redcap.example.edu",
    };

    it("decides REDCap's file storage and base URL from the task's environment", () => {
        const result = call("echo json_encode(infrastructureSettings(getenv()));", settingsEnv);
        expect(result.code, result.stderr).to.equal(0);
        expect(JSON.parse(result.stdout)).to.deep.equal({
            redcap_base_url: "https://redcap.example.edu/",
            from_email: "redcap@redcap.example.edu",
            edoc_storage_option: "2",
            amazon_s3_bucket: "files-uploads-0123456",
            amazon_s3_endpoint: "us-east-1",
            amazon_s3_key: "AKIAEXAMPLE",
            amazon_s3_secret: "SENTINEL5",
        });
    });

    it("sets REDCap's sign-in method only when the stack decides one", () => {
        const decided = call("echo json_encode(infrastructureSettings(getenv()));", {
            ...settingsEnv,
            REDCAP_AUTH_METHOD: "ldap_table",
        });
        expect(JSON.parse(decided.stdout)).to.include({ auth_meth_global: "ldap_table" });
        const shibboleth = call("echo json_encode(infrastructureSettings(getenv()));", {
            ...settingsEnv,
            REDCAP_AUTH_METHOD: "shibboleth_table",
        });
        // The username is REMOTE_USER, which only mod_shib sets; signing out ends Shibboleth's session.
        expect(JSON.parse(shibboleth.stdout)).to.include({
            auth_meth_global: "shibboleth_table",
            shibboleth_username_field: "REMOTE_USER",
            shibboleth_logout: "/Shibboleth.sso/Logout",
        });
        expect(JSON.parse(decided.stdout)).not.to.have.property("shibboleth_username_field");
        const left = call("echo json_encode(infrastructureSettings(getenv()));", settingsEnv);
        expect(JSON.parse(left.stdout)).not.to.have.property("auth_meth_global");
    });

    it("names a missing setting without printing any value", () => {
        const result = call("infrastructureSettings(getenv());", {
            REDCAP_BASE_URL: "https://x.example.edu",
            S3_SECRET_ACCESS_KEY: "SENTINEL6",
        });
        expect(result.code).to.equal(1);
        expect(result.stderr).to.equal(
            "redcap-setup: missing environment variable REDCAP_S3_BUCKET\n",
        );
        expect(result.stdout + result.stderr).not.to.include("SENTINEL6");
    });

    it("gives REDCap's installer a first administrator, so login is never left off", () => {
        const result = call(
            "echo json_encode(installerForm(getenv(), infrastructureSettings(getenv())));",
            {
                ...settingsEnv,
                REDCAP_ADMIN_USERNAME: "redcap_admin",
                REDCAP_ADMIN_EMAIL: "research-it@example.edu",
                REDCAP_ADMIN_PASSWORD: "a-long-first-password",
            },
        );
        expect(result.code, result.stderr).to.equal(0);
        expect(JSON.parse(result.stdout)).to.deep.include({
            first_username: "redcap_admin",
            first_password: "a-long-first-password",
            first_email: "research-it@example.edu",
            redcap_base_url: "https://redcap.example.edu/",
            system_offline: "0",
        });
    });

    for (const [name, value, message] of [
        [
            "REDCAP_ADMIN_USERNAME",
            "admin'; drop",
            'REDCAP_ADMIN_USERNAME "admin\'; drop" is not allowed',
        ],
        ["REDCAP_ADMIN_EMAIL", "not-an-email", 'REDCAP_ADMIN_EMAIL "not-an-email" is not an email'],
        ["REDCAP_ADMIN_PASSWORD", "short-SENTINEL", "REDCAP_ADMIN_PASSWORD is shorter than 16"],
    ]) {
        it(`refuses ${name} ${JSON.stringify(value)}, naming it (never a password)`, () => {
            const result = call("installerForm(getenv(), ['redcap_base_url' => 'x']);", {
                REDCAP_ADMIN_USERNAME: "redcap_admin",
                REDCAP_ADMIN_EMAIL: "a@example.edu",
                REDCAP_ADMIN_PASSWORD: "a-long-first-password",
                [name]: value,
            });
            expect(result.code).to.equal(1);
            expect(result.stderr).to.include(message);
            expect(result.stderr).not.to.include("SENTINEL");
        });
    }

    it("compares REDCap versions as REDCap does", () => {
        const result = call(
            'echo versionNumber("15.7.6"), " ", versionNumber("13.11.00"), " ", versionNumber("9.10.0");',
        );
        expect(result.stdout).to.equal("150706 131100 91000");
    });

    it("calls an upgrade fast only when every version with an upgrade script is in REDCap's fast list", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redcap-sql-"));
        for (const file of ["upgrade_15.1.0.sql", "upgrade_15.2.0.php", "upgrade_15.4.0.sql"]) {
            fs.writeFileSync(path.join(dir, file), "");
        }
        fs.writeFileSync(path.join(dir, "upgrade_fast_versions.txt"), "15.1.0\r\n15.02.00\n");
        const fast = (from: string, to: string) =>
            call(
                `echo isFastUpgrade(${JSON.stringify(dir)}, "${from}", "${to}") ? "fast" : "slow";`,
            ).stdout;
        expect(fast("15.0.0", "15.3.0")).to.equal("fast");
        expect(fast("15.0.0", "15.4.0")).to.equal("slow");
        expect(fast("15.3.0", "15.5.0")).to.equal("slow");
        expect(fast("15.4.0", "15.5.0")).to.equal("fast");
        fs.rmSync(path.join(dir, "upgrade_fast_versions.txt"));
        expect(fast("15.4.0", "15.5.0")).to.equal("slow");
    });

    it("points operators at a runbook that exists", () => {
        const cited = /const RUNBOOK = '([^']+)'/.exec(fs.readFileSync(SETUP, "utf8"));
        expect(cited, "RUNBOOK constant").not.to.equal(null);
        expect(fs.existsSync(path.join(__dirname, "..", "..", cited![1]))).to.equal(true);
    });

    it("refuses an unknown mode before connecting", () => {
        const result = runScript("php", [SETUP, "migrate"], { REDCAP_VERSION: "15.0.1" });
        expect(result.code).to.equal(2);
        expect(result.stderr).to.equal(
            'redcap-setup: mode "migrate" is not allowed; expected setup or finish\n',
        );
    });
});

describe("REDCap image: redcap-setup.php against a TLS-only MariaDB", function () {
    this.timeout(60000);
    let server: MariaDb;
    let webroot: string;
    let configDir: string;

    /** A REDCap version folder in the stand-in web root, with its upgrade scripts. */
    const addVersion = (
        version: string,
        upgrades: Record<string, string> = {},
        fastVersions: string[] = [],
    ) => {
        const sqlDir = path.join(webroot, `redcap_v${version}`, "Resources", "sql");
        fs.mkdirSync(sqlDir, { recursive: true });
        fs.copyFileSync(
            path.join(FAKE, "upgrade.php"),
            path.join(webroot, `redcap_v${version}`, "upgrade.php"),
        );
        for (const [file, sql] of Object.entries(upgrades)) {
            fs.writeFileSync(path.join(sqlDir, file), sql);
        }
        fs.writeFileSync(
            path.join(sqlDir, "upgrade_fast_versions.txt"),
            fastVersions.join("\n") + "\n",
        );
    };
    const env = (imageVersion: string) => ({
        ...SECRETS,
        REDCAP_VERSION: imageVersion,
        REDCAP_CONFIG_DIR: configDir,
        REDCAP_WEBROOT: webroot,
        REDCAP_BASE_URL: "https://redcap.example.edu",
        REDCAP_S3_BUCKET: "files-uploads-0123456",
        REDCAP_S3_REGION: "us-east-1",
        S3_ACCESS_KEY_ID: "AKIAEXAMPLE",
        REDCAP_ADMIN_USERNAME: "redcap_admin",
        REDCAP_ADMIN_EMAIL: "research-it@example.edu",
        MAIL_FROM: "redcap@redcap.example.edu",
    });
    const setup = (imageVersion: string, mode = "setup") =>
        runScript("php", [SETUP, mode], env(imageVersion));
    const config = async (field: string) => {
        const [rows] = await server.admin.query(
            "SELECT value FROM redcap.redcap_config WHERE field_name = ?",
            [field],
        );
        return (rows as { value: string }[])[0]?.value;
    };

    before(async () => {
        server = await startMariaDb({ tls: true });
        await server.admin.query("CREATE DATABASE redcap CHARACTER SET utf8mb4");
        // The schema user as the bootstrap creates it in AWS: REDCap's privileges, TLS required.
        await server.admin.query("CREATE USER 'redcap_schema'@'%' IDENTIFIED BY ? REQUIRE SSL", [
            SECRETS.REDCAP_DB_PASSWORD,
        ]);
        await server.admin.query(
            "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, REFERENCES ON redcap.* TO 'redcap_schema'@'%'",
        );
        webroot = fs.mkdtempSync(path.join(os.tmpdir(), "redcap-webroot-"));
        configDir = fs.mkdtempSync(path.join(os.tmpdir(), "redcap-config-"));
        for (const file of ["install.php", "fake-db.php"]) {
            fs.copyFileSync(path.join(FAKE, file), path.join(webroot, file));
        }
        addVersion("15.0.1");
        // database.php as the container renders it, then linked into the web root as the image does.
        const rendered = runScript("php", [path.join(ROOTFS, "render-config.php"), configDir], {
            ...SECRETS,
            REDCAP_DB_HOST: `127.0.0.1:${server.port}`,
            REDCAP_DB_NAME: "redcap",
            REDCAP_DB_USERNAME: "redcap_schema",
            REDCAP_DB_CA_BUNDLE: server.caFile,
            SMTP_HOST: "email-smtp.us-east-1.amazonaws.com",
            SMTP_USERNAME: "AKIASMTP",
            MAIL_FROM: "redcap@example.edu",
        });
        expect(rendered.code, rendered.stderr).to.equal(0);
        fs.symlinkSync(path.join(configDir, "database.php"), path.join(webroot, "database.php"));
    });

    after(() => server?.stop());

    it("installs REDCap once, with a super user and table-based login, when two setups start together", async () => {
        const runs = await Promise.all(
            [1, 2].map(() => runScriptAsync("php", [SETUP, "setup"], env("15.0.1"))),
        );
        for (const result of runs) {
            expect(result.code, result.stderr).to.equal(0);
            expectNoSecret(result);
        }
        const installs = runs.filter((r) => r.stdout.includes("installing REDCap"));
        expect(installs).to.have.length(1);
        expect(await config("redcap_version")).to.equal("15.0.1");
        expect(await config("auth_meth_global")).to.equal("table");
        const [users] = await server.admin.query(
            "SELECT u.super_user, u.user_email, a.temp_pwd FROM redcap.redcap_user_information u JOIN redcap.redcap_auth a USING (username) WHERE username = 'redcap_admin'",
        );
        expect(users).to.deep.equal([
            { super_user: 1, user_email: "research-it@example.edu", temp_pwd: 1 },
        ]);
    });

    it("applies the infrastructure's settings on every run", async () => {
        await server.admin.query(
            "UPDATE redcap.redcap_config SET value = '0' WHERE field_name = 'edoc_storage_option'",
        );
        const result = setup("15.0.1");
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).not.to.include("installing");
        expect(await config("edoc_storage_option")).to.equal("2");
        expect(await config("amazon_s3_secret")).to.equal(SECRETS.S3_SECRET_ACCESS_KEY);
        expect(await config("redcap_base_url")).to.equal("https://redcap.example.edu/");
    });

    it("runs a fast upgrade with REDCap's own SQL and keeps REDCap online", async () => {
        addVersion(
            "15.1.0",
            { "upgrade_15.1.0.sql": "CREATE TABLE redcap_fast_change (id int);\n" },
            ["15.1.0"],
        );
        const result = setup("15.1.0");
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.include(
            "upgrading the database from REDCap 15.0.1 to 15.1.0 (a fast upgrade: REDCap stays online)",
        );
        expect(await config("redcap_version")).to.equal("15.1.0");
        expect(await config("system_offline")).to.equal("0");
        const [tables] = await server.admin.query(
            "SHOW TABLES IN redcap LIKE 'redcap_fast_change'",
        );
        expect(tables).to.have.length(1);
    });

    it("takes REDCap offline for a slow upgrade until finish runs on the new version", async () => {
        addVersion("15.2.0", {
            "upgrade_15.2.0.sql": "ALTER TABLE redcap_fast_change ADD note varchar(10);\n",
        });
        const result = setup("15.2.0");
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.include(
            "REDCap is offline for users until the web service runs 15.2.0",
        );
        expect(await config("redcap_version")).to.equal("15.2.0");
        expect(await config("system_offline")).to.equal("1");
        expect(await config("system_offline_message")).to.match(
            /^REDCap is being upgraded to version 15\.2\.0\./,
        );

        const finished = setup("15.2.0", "finish");
        expect(finished.code, finished.stderr).to.equal(0);
        expect(finished.stdout).to.include("REDCap 15.2.0 is back online");
        expect(await config("system_offline")).to.equal("0");
        expect(await config("system_offline_message")).to.equal("");
    });

    it("leaves an administrator's own offline switch alone", async () => {
        await server.admin.query(
            "UPDATE redcap.redcap_config SET value = IF(field_name = 'system_offline', '1', 'Maintenance until 5 pm') WHERE field_name IN ('system_offline', 'system_offline_message')",
        );
        const result = setup("15.2.0", "finish");
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.include("nothing to finish");
        expect(await config("system_offline")).to.equal("1");
        await server.admin.query(
            "UPDATE redcap.redcap_config SET value = IF(field_name = 'system_offline', '0', '') WHERE field_name IN ('system_offline', 'system_offline_message')",
        );
    });

    it("refuses an image older than the database, changing nothing", async () => {
        const result = setup("15.1.0");
        expect(result.code).to.equal(3);
        expect(result.stderr).to.include(
            "the database is at REDCap 15.2.0, newer than this image's 15.1.0, and REDCap cannot go back a version",
        );
        expect(await config("redcap_version")).to.equal("15.2.0");
    });

    it("stops with REDCap's own words when its upgrade.php refuses", async () => {
        addVersion("15.3.0", { "upgrade_15.3.0.sql": "CREATE TABLE redcap_never (id int);\n" });
        fs.writeFileSync(path.join(webroot, "redcap_v15.3.0", "refuse"), "");
        const result = setup("15.3.0");
        expect(result.code).to.equal(1);
        expect(result.stderr).to.include(
            "REDCap's upgrade.php gave no upgrade SQL (exit status 0): ERROR: You may not upgrade to REDCap 15.6.0",
        );
        expect(await config("redcap_version")).to.equal("15.2.0");
        fs.rmSync(path.join(webroot, "redcap_v15.3.0"), { recursive: true });
    });

    it("fails the deploy when a statement of the upgrade fails, and REDCap stays offline", async () => {
        addVersion("15.4.0", {
            "upgrade_15.4.0.sql":
                "CREATE TABLE redcap_partial (id int);\nALTER TABLE redcap_missing ADD x int;\n",
        });
        const result = setup("15.4.0");
        expect(result.code).to.equal(1);
        expect(result.stderr).to.match(
            /database error 1146: Table 'redcap\.redcap_missing' doesn't exist/,
        );
        expectNoSecret(result);
        expect(await config("redcap_version")).to.equal("15.2.0");
        expect(await config("system_offline")).to.equal("1");
        const finish = setup("15.4.0", "finish");
        expect(finish.code).to.equal(1);
        expect(finish.stderr).to.include("REDCap stays offline: the database is at 15.2.0");
    });

    it("verifies the database server's certificate", () => {
        const wrongCa = path.join(os.tmpdir(), "redcap-wrong-ca.pem");
        fs.writeFileSync(wrongCa, fs.readFileSync("/etc/ssl/certs/ca-certificates.crt"));
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redcap-config-"));
        const database = fs
            .readFileSync(path.join(configDir, "database.php"), "utf8")
            .replace(server.caFile!, wrongCa);
        fs.writeFileSync(path.join(dir, "database.php"), database);
        const result = runScript("php", [SETUP, "finish"], {
            ...env("15.4.0"),
            REDCAP_CONFIG_DIR: dir,
        });
        expect(result.code).to.equal(1);
        expect(result.stderr).to.match(/redcap-setup: database error 2002/);
        expectNoSecret(result);
    });
});
