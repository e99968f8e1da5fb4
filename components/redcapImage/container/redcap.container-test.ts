import * as fs from "node:fs";
import * as path from "node:path";
import autocannon from "autocannon";
import { expect } from "chai";
import type { FargateContainer } from "../../../test/container/fargateContainer";
import { multipartFile, peerCertificate, request } from "../../../test/container/httpsClient";
import {
    STAND_IN_PREVIOUS_VERSION,
    STAND_IN_UPGRADE_TABLE,
    STAND_IN_VERSION,
} from "../../../tools/image/standInRedcap";
import { SIGN_IN_FORM_FIELD } from "../../redcapService/firewallPreset";
import { WORKER_MEMORY_MIB } from "../../redcapService/webServerSizing";
import { type LdapPeer, startLdapPeer } from "../../../test/container/ldapPeer";
import { plannedContainer } from "../../../test/container/plannedTask";
import { SIGN_IN_WITH_LDAP } from "../../../test/harness";
import type { Plan } from "../../../tools/synth/plan";
import { type ContainerFixture, startFixture } from "./fixture";
import { minimalPdf, processMemoryKiB, waitUntil } from "./helpers";

/** The web server's processes: Apache's and PHP-FPM's. */
const WEB_SERVER = /^(apache2|php-fpm)/;

/**
 * REDCap's image, built by `npm run image:build`, run with podman exactly as the dev stack's
 * offline plan says Fargate runs it (test/container/fargateContainer.ts), against real peers on
 * loopback (./fixture.ts). The setup task runs first, as the setup runner runs it before the
 * services roll out; the web and cron containers then run against the database it installed.
 */
describe("REDCap's image, run as the plan's task definitions say", function () {
    this.timeout(180000);
    let fixture: ContainerFixture;
    const config = async (field: string) => {
        const [rows] = await fixture.db.admin.query(
            "SELECT value FROM redcap.redcap_config WHERE field_name = ?",
            [field],
        );
        return (rows as { value: string }[])[0]?.value;
    };
    /** No value Secrets Manager handed out appears in `text`. */
    const expectNoSecret = (text: string, where: string) => {
        for (const secret of fixture.secrets.allValues()) {
            expect(text.includes(secret), `a secret in ${where}`).to.equal(false);
        }
    };

    before(async () => {
        fixture = await startFixture();
    });
    after(async () => {
        await fixture?.stop();
    });

    describe("the setup task", () => {
        it("installs REDCap into the empty database, with the stack's SES identity as REDCap's sender", async () => {
            const setup = fixture.start("setup");
            const code = await setup.waitForExit(120000);
            const logs = setup.logs();
            expect(code, logs).to.equal(0);
            expect(logs).to.include("installing REDCap");
            expect(await config("redcap_version")).to.equal(STAND_IN_VERSION);
            expect(await config("auth_meth_global")).to.equal("table");
            expect(await config("from_email")).to.equal(fixture.environment("setup", "MAIL_FROM"));
            expectNoSecret(logs, "the setup task's output");
        });

        it("upgrades the database with REDCap's own SQL, then brings REDCap back online with finish", async () => {
            await fixture.db.admin.query(
                "UPDATE redcap.redcap_config SET value = ? WHERE field_name = 'redcap_version'",
                [STAND_IN_PREVIOUS_VERSION],
            );
            const setup = fixture.start("setup");
            expect(await setup.waitForExit(120000), setup.logs()).to.equal(0);
            expect(setup.logs()).to.include(
                `upgrading the database from REDCap ${STAND_IN_PREVIOUS_VERSION} to ${STAND_IN_VERSION}`,
            );
            expect(await config("redcap_version")).to.equal(STAND_IN_VERSION);
            expect(await config("system_offline")).to.equal("1");
            const [tables] = await fixture.db.admin.query(
                `SHOW TABLES IN redcap LIKE '${STAND_IN_UPGRADE_TABLE}'`,
            );
            expect(tables).to.have.length(1);

            const finish = fixture.start("setup", { command: ["finish"] });
            expect(await finish.waitForExit(120000), finish.logs()).to.equal(0);
            expect(finish.logs()).to.include(`REDCap ${STAND_IN_VERSION} is back online`);
            expect(await config("system_offline")).to.equal("0");
            expectNoSecret(setup.logs() + finish.logs(), "the setup task's output");
        });
    });

    describe("the web container", () => {
        let web: FargateContainer;
        let port: number;
        let ca: string;
        const get = (pathName: string) => request(port, ca, pathName);

        before(async () => {
            web = fixture.start("web");
            port = web.container.portMappings![0].containerPort;
            const certificate = path.join(web.volumes["/run/redcap"], "tls", "cert.pem");
            await waitUntil(
                () => fs.existsSync(certificate) || !web.state().running,
                30000,
                () => web.logs(),
            );
            ca = fs.readFileSync(certificate, "utf8");
        });
        // Another web container (LDAP sign-in below) takes the same port.
        after(() => web?.stop());

        it("becomes healthy by the task definition's own health-check command within 30 s", async () => {
            const started = Date.now();
            await waitUntil(
                () => web.healthCheckPasses(),
                30000,
                () => web.logs(),
            );
            expect(Date.now() - started).to.be.below(30000);
        });

        it("serves HTTPS on the plan's port with a certificate made at start, and the target group speaks HTTPS to that port", async () => {
            const { authorized, protocol, certificate } = await peerCertificate(port, ca);
            expect(authorized).to.equal(true);
            expect(["TLSv1.2", "TLSv1.3"]).to.include(protocol);
            expect(Date.now() - Date.parse(certificate.valid_from)).to.be.below(10 * 60 * 1000);
            // No key or certificate in the image: the config volume starts empty.
            expect(web.exec(["ls", "-A", "/usr/local/lib/redcap"]).stdout).not.to.match(/\.pem/);
            const targetGroups = fixture.plan.resources.filter(
                (r) => r.type === "aws:lb/targetGroup:TargetGroup",
            );
            expect(targetGroups).to.have.length(1);
            expect(targetGroups[0].inputs).to.deep.include({ protocol: "HTTPS", port });
            expect(targetGroups[0].inputs.healthCheck).to.deep.include({ protocol: "HTTPS" });
            // Plain HTTP on that port is refused (Apache: "speaking plain HTTP to an SSL port").
            const plain = await fetch(`http://127.0.0.1:${port}/health.php`).then(
                (response) => response.status,
                () => 0,
            );
            expect(plain).to.be.oneOf([0, 400]);
        });

        it("has every PHP extension REDCap's requirement check lists, and ldap, in the web server's PHP and the command line's", async () => {
            const wanted = fs
                .readFileSync(path.join(__dirname, "..", "rootfs", "php-extensions.txt"), "utf8")
                .split("\n")
                .map((line) => line.trim())
                .filter((line) => line && !line.startsWith("#"));
            expect(wanted).to.include.members(["mysqli", "imagick", "ldap", "Zend OPcache"]);
            const reply = await get("/probes/extensions.php");
            expect(reply.status, reply.body).to.equal(200);
            const apache = JSON.parse(reply.body) as { sapi: string; extensions: string[] };
            expect(apache.sapi).to.equal("fpm-fcgi");
            const lower = (list: string[]) => list.map((e) => e.toLowerCase());
            expect(lower(apache.extensions)).to.include.members(lower(wanted));
            const cli = web.exec(["php", "-m"]);
            expect(cli.code, cli.stderr).to.equal(0);
            expect(lower(cli.stdout.split("\n").map((l) => l.trim()))).to.include.members(
                lower(wanted.filter((e) => e !== "Zend OPcache")),
            );
            expect(cli.stderr + cli.stdout).not.to.match(/Unable to load|Warning/i);
        });

        it("connects a page to the database over verified TLS as the app user", async () => {
            const reply = await get("/probes/db.php");
            expect(reply.status, reply.body).to.equal(200);
            const db = JSON.parse(reply.body) as {
                cipher: string;
                tls_version: string;
                user: string;
            };
            expect(db.cipher).to.not.equal("");
            expect(db.tls_version).to.match(/^TLSv1\.[23]$/);
            expect(db.user).to.equal(`${fixture.secret("web", "REDCAP_DB_USERNAME")}@%`);
        });

        it("sends PHP's mail as the web user through SMTP with STARTTLS and the configured credentials, from the stack's SES identity", async () => {
            const to = `web-${Date.now()}@example.org`;
            const reply = await get(`/probes/mail.php?to=${encodeURIComponent(to)}`);
            expect(reply.status, reply.body).to.equal(200);
            expect(JSON.parse(reply.body), web.logs()).to.deep.include({
                sent: true,
                user: web.container.user,
            });
            const mail = await fixture.smtp.waitFor((m) => m.to.includes(to), 20000);
            expect(mail.secure, "STARTTLS before the message").to.equal(true);
            expect(mail.user).to.equal(fixture.secret("web", "SMTP_USERNAME"));
            const sender = fixture.environment("web", "MAIL_FROM");
            expect(mail.from).to.equal(sender);
            expect(mail.headerFrom).to.include(sender);
            const identities = fixture.plan.resources
                .filter((r) => r.type === "aws:sesv2/emailIdentity:EmailIdentity")
                .map((r) => String(r.inputs.emailIdentity));
            expect(identities).to.include(sender.split("@")[1]);
            expect(fixture.smtp.failedLogins).to.equal(0);
        });

        it("stores an uploaded file where REDCap keeps its files, reads it back and deletes it, as the web user", async () => {
            const content = Buffer.from(`upload ${Date.now()} `.repeat(5000));
            const { body, contentType } = multipartFile("file", "data.csv", content);
            const reply = await request(port, ca, "/probes/upload.php", {
                method: "POST",
                body,
                headers: { "Content-Type": contentType },
            });
            expect(reply.status, reply.body).to.equal(200);
            const { createHash } = await import("node:crypto");
            expect(JSON.parse(reply.body)).to.deep.equal({
                stored: true,
                sha256: createHash("sha256").update(content).digest("hex"),
                owner: "www-data",
                deleted: true,
            });
        });

        it("converts a PDF to an image and resizes an image", async () => {
            const reply = await request(port, ca, "/probes/convert.php", {
                method: "POST",
                body: `pdf=${encodeURIComponent(minimalPdf().toString("base64"))}`,
                headers: { "Content-Type": "application/x-www-form-urlencoded" },
            });
            expect(reply.status, reply.body).to.equal(200);
            const result = JSON.parse(reply.body) as {
                pdf_to_png: { magic: string; width: number };
                resize_to_jpeg: { magic: string; width: number };
            };
            expect(result.pdf_to_png.magic).to.equal("504e47"); // "PNG"
            expect(result.pdf_to_png.width).to.equal(200);
            expect(result.resize_to_jpeg).to.deep.equal({ width: 40, magic: "ffd8" });
        });

        it("refuses cron.php, install.php and upgrade.php itself, whatever the firewall in front does", async () => {
            for (const page of [
                "/cron.php",
                "/install.php",
                "/install.php?auto=1&sql=1",
                `/redcap_v${STAND_IN_VERSION}/upgrade.php`,
                `/redcap_v${STAND_IN_VERSION}/upgrade.php?sql=1`,
            ]) {
                expect((await get(page)).status, page).to.equal(403);
            }
            expect((await get("/index.php")).status).to.equal(200);
        });

        it("refuses a sign-in post over 8 KB, which the firewall cannot read past, and nothing else", async () => {
            const post = (body: string) =>
                request(port, ca, "/index.php", {
                    method: "POST",
                    body,
                    headers: { "Content-Type": "application/x-www-form-urlencoded" },
                });
            const padding = `notes=${"a".repeat(9000)}`;
            const signIn = `username=alice&password=secret&${SIGN_IN_FORM_FIELD}=token`;
            const padded = await post(`${padding}&${signIn}`);
            expect(padded.status).to.equal(413);
            expect(padded.body).to.include("Sign-in requests over 8 KB are refused");
            // Without REDCap's hidden field, a padded username and password still count as a sign-in.
            expect((await post(`${padding}&username=alice&password=secret`)).status).to.equal(413);
            // A small sign-in, and a large form that is no sign-in (data entry, imports), go on to
            // REDCap's page.
            for (const body of [signIn, `${padding}&record=1&field=value`]) {
                const reply = await post(body);
                expect(reply.status).not.to.equal(413);
                expect(reply.body).to.include("REDCap stand-in");
            }
        });

        it("keeps every secret out of the web server's processes' environments and out of its logs", async () => {
            await get("/index.php");
            const apache = web.processes().filter((p) => WEB_SERVER.test(p.name));
            expect(apache.filter((p) => p.name === "apache2").length).to.be.at.least(2);
            expect(apache.filter((p) => p.name.startsWith("php-fpm")).length).to.be.at.least(2);
            const secretNames = (web.container.secrets ?? []).map((s) => s.name);
            for (const process of apache) {
                expect(Object.keys(process.environment)).not.to.include.any.members(secretNames);
                expectNoSecret(Object.values(process.environment).join("\n"), `pid ${process.pid}`);
            }
            expectNoSecret(web.logs(), "the web container's output");
        });

        it("refuses writes outside the declared volumes and runs every process as the task definition's user", () => {
            for (const where of ["/var/www/html/x", "/etc/x", "/usr/local/lib/redcap/x", "/x"]) {
                const write = web.exec(["touch", where]);
                expect(write.code, where).to.not.equal(0);
                expect(write.stderr).to.include("Read-only file system");
            }
            for (const mount of web.container.mountPoints ?? []) {
                const write = web.exec(["touch", `${mount.containerPath}/.probe`]);
                expect(write.code, `${mount.containerPath}: ${write.stderr}`).to.equal(0);
            }
            const uid = Number(web.exec(["id", "-u", web.container.user!]).stdout.trim());
            expect(uid).to.be.greaterThan(0);
            const processes = web.processes();
            expect(processes.length).to.be.at.least(3);
            for (const process of processes) {
                expect(process.uid, `${process.name} (${process.commandLine})`).to.equal(uid);
            }
        });

        it("carries the configured External Modules and language files, readable and read-only", () => {
            for (const file of [
                "/var/www/html/modules/example_module_v1.0.0/config.json",
                "/var/www/html/modules/example_module_v1.0.0/ExampleModule.php",
                "/var/www/html/languages/Deutsch.ini",
            ]) {
                const read = web.exec(["cat", file]);
                expect(read.code, `${file}: ${read.stderr}`).to.equal(0);
                expect(read.stdout).to.include("stand-in");
                expect(web.exec(["touch", file]).code, file).to.not.equal(0);
            }
            const installed = web.exec([
                "php",
                "-r",
                'echo json_encode(scandir("/var/www/html/modules"));',
            ]);
            expect(JSON.parse(installed.stdout)).to.include("example_module_v1.0.0");
        });

        it("gives ECS Exec's agent the writable paths it needs on the read-only root", () => {
            const paths = (web.container.mountPoints ?? []).map((m) => m.containerPath);
            expect(paths).to.include.members(["/var/lib/amazon", "/var/log/amazon"]);
            const agent = web.exec([
                "sh",
                "-c",
                "mkdir -p /var/lib/amazon/ssm/ipc /var/log/amazon/ssm && echo ok > /var/log/amazon/ssm/agent.log",
            ]);
            expect(agent.code, agent.stderr).to.equal(0);
        });

        it("serves a bounded concurrent load without errors, within the task's memory and its workers' budget", async () => {
            const limits = {
                workers: Number(fixture.environment("web", "PHP_FPM_MAX_CHILDREN")),
                memoryMiB: web.task.memory,
            };
            let peakWorkerKiB = 0;
            let peakTotalKiB = 0;
            let peakWorkers = 0;
            const sample = () => {
                if (!web.state().running) {
                    return;
                }
                const processes = web.processes();
                // PHP-FPM's workers call themselves "php-fpm: pool <name>"; its master does not.
                const workers = processes.filter((p) => p.commandLine.startsWith("php-fpm: pool"));
                peakWorkers = Math.max(peakWorkers, workers.length);
                peakWorkerKiB = Math.max(
                    peakWorkerKiB,
                    ...workers.map((p) => processMemoryKiB(p.pid)),
                );
                peakTotalKiB = Math.max(
                    peakTotalKiB,
                    processes.map((p) => processMemoryKiB(p.pid)).reduce((a, b) => a + b, 0),
                );
            };
            const sampler = setInterval(sample, 250);
            const failures = new Map<string, number>();
            const result = await new Promise<autocannon.Result>((resolve, reject) => {
                const run = autocannon(
                    {
                        url: `https://127.0.0.1:${port}/index.php`,
                        connections: limits.workers + 8,
                        amount: 3000,
                        timeout: 30,
                        tlsOptions: { ca, servername: "localhost" },
                    },
                    (error: unknown, done) =>
                        error
                            ? reject(
                                  error instanceof Error
                                      ? error
                                      : new Error(`autocannon: ${JSON.stringify(error)}`),
                              )
                            : resolve(done),
                );
                run.on("reqError", (error: Error) =>
                    failures.set(error.message, (failures.get(error.message) ?? 0) + 1),
                );
            });
            clearInterval(sampler);
            sample();
            const summary = {
                requests: result.requests.total,
                requestsPerSecond: Math.round(result.requests.average),
                p99Ms: result.latency.p99,
                errors: result.errors + result.timeouts + result.non2xx,
                workers: `${peakWorkers} of ${limits.workers}`,
                peakWorkerMiB: Math.round(peakWorkerKiB / 1024),
                peakContainerMiB: Math.round(peakTotalKiB / 1024),
                failures: Object.fromEntries(failures),
            };
            console.log(`      load: ${JSON.stringify(summary)}`);
            expect(summary.errors).to.equal(0);
            // autocannon stops once it has sent `amount`; only requests still in flight may be
            // missing from its count of answers.
            expect(result.requests.sent).to.equal(3000);
            expect(result["2xx"]).to.be.at.least(3000 - (limits.workers + 8));
            expect(peakWorkers).to.be.at.most(limits.workers);
            expect(peakWorkerKiB / 1024).to.be.at.most(WORKER_MEMORY_MIB);
            expect(peakTotalKiB / 1024).to.be.below(limits.memoryMiB);
        });
    });

    describe("the web container with LDAP sign-in (redcap:app.signIn)", () => {
        // The directory the shared LDAP sign-in settings name (test/harness.ts), stood up here.
        const settings = SIGN_IN_WITH_LDAP.signIn.ldap;
        const directory = {
            host: new URL(settings.url).hostname,
            suffix: settings.baseDn.replace(/^ou=people,/, ""),
            service: { dn: settings.bindDn, password: "" },
            person: { dn: `uid=alice,${settings.baseDn}`, uid: "alice", password: "" },
        };
        let plan: Plan;
        let ldap: LdapPeer;
        let web: FargateContainer;
        let port: number;
        let ca: string;
        const signIn = (username: string, password: string) =>
            request(port, ca, "/probes/ldap.php", {
                method: "POST",
                body: new URLSearchParams({ username, password }).toString(),
                headers: { "Content-Type": "application/x-www-form-urlencoded" },
            });

        before(async () => {
            plan = await fixture.planWithApp(SIGN_IN_WITH_LDAP);
            const planned = plannedContainer(plan, "web").container;
            const bindSecret = planned.secrets?.find((s) => s.name === "LDAP_BIND_PASSWORD");
            expect(
                bindSecret,
                "the web task reads the bind password from Secrets Manager",
            ).to.not.equal(undefined);
            // The operator puts the service account's password into that secret.
            directory.service.password = fixture.secrets.read(bindSecret!.valueFrom);
            directory.person.password = `alice-${Date.now()}-SENTINELpw`;
            ldap = await startLdapPeer({
                port: 636,
                hostNames: [directory.host],
                suffix: directory.suffix,
                service: directory.service,
                people: [directory.person],
            });
            fixture.addHost(directory.host);
            fixture.trust(ldap.caFile);
            web = fixture.start("web", { plan });
            port = planned.portMappings![0].containerPort;
            const certificate = path.join(web.volumes["/run/redcap"], "tls", "cert.pem");
            await waitUntil(
                () => web.healthCheckPasses(),
                30000,
                () => web.logs(),
            );
            ca = fs.readFileSync(certificate, "utf8");
        });
        after(async () => {
            web?.stop();
            await ldap?.stop();
        });

        it("signs a directory user in over ldaps:// with the service account from Secrets Manager, and refuses a wrong or empty password", async () => {
            const good = await signIn("alice", directory.person.password);
            expect(good.status, good.body).to.equal(200);
            expect(JSON.parse(good.body)).to.deep.equal({
                service_bind: true,
                found: true,
                authenticated: true,
            });
            for (const password of ["wrong-password", ""]) {
                expect(JSON.parse((await signIn("alice", password)).body)).to.deep.include({
                    found: true,
                    authenticated: false,
                });
            }
            expect(JSON.parse((await signIn("mallory", "x")).body)).to.deep.include({
                found: false,
            });
        });

        it("keeps the bind password out of Apache's environment and the container's output", async () => {
            await signIn("alice", directory.person.password);
            for (const process of web.processes().filter((p) => WEB_SERVER.test(p.name))) {
                expect(Object.keys(process.environment)).not.to.include("LDAP_BIND_PASSWORD");
                expectNoSecret(Object.values(process.environment).join("\n"), `pid ${process.pid}`);
            }
            expectNoSecret(web.logs(), "the web container's output");
            expect(web.logs()).not.to.include(directory.person.password);
        });

        it("sets REDCap to LDAP and table-based sign-in when the setup task runs", async () => {
            const setup = fixture.start("setup", { plan });
            expect(await setup.waitForExit(120000), setup.logs()).to.equal(0);
            expect(await config("auth_meth_global")).to.equal("ldap_table");
            await fixture.db.admin.query(
                "UPDATE redcap.redcap_config SET value = 'table' WHERE field_name = 'auth_meth_global'",
            );
        });
    });

    describe("the cron container", () => {
        it("runs cron.php as its user and sends its mail through SMTP with STARTTLS and the configured credentials", async () => {
            const cron = fixture.start("cron");
            const mail = await fixture.smtp.waitFor(
                (m) => m.raw.includes("Subject: REDCap cron"),
                60000,
            );
            expect(mail.secure).to.equal(true);
            expect(mail.user).to.equal(fixture.secret("cron", "SMTP_USERNAME"));
            expect(mail.from).to.equal(fixture.environment("cron", "MAIL_FROM"));
            await waitUntil(
                () => cron.logs().includes('"cron":"ran"'),
                20000,
                () => cron.logs(),
            );
            const line = cron
                .logs()
                .split("\n")
                .find((l) => l.includes('"cron":"ran"'))!;
            expect(JSON.parse(line)).to.deep.equal({
                cron: "ran",
                db_tls: true,
                mail_sent: true,
                user: cron.container.user,
            });
            expectNoSecret(cron.logs(), "the cron container's output");
        });
    });
});
