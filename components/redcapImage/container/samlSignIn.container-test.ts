import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import type { FargateContainer } from "../../../test/container/fargateContainer";
import { type Reply, request } from "../../../test/container/httpsClient";
import { plannedContainer } from "../../../test/container/plannedTask";
import {
    type SamlIdentityProvider,
    startSamlIdentityProvider,
} from "../../../test/container/samlIdentityProvider";
import { makeSelfSignedCredential } from "../../../test/certificates";
import { SIGN_IN_WITH_SAML } from "../../../test/harness";
import { SAML_SERVICE_PROVIDER_MIB } from "../../redcapService/webServerSizing";
import type { Plan } from "../../../tools/synth/plan";
import { type ContainerFixture, startFixture } from "./fixture";
import { processMemoryKiB, waitUntil } from "./helpers";

/**
 * SAML sign-in (redcap:app.signIn.method "saml"): the dev stack's plan with SAML turned on, run as
 * its task definitions say, against an identity provider on loopback at the address the plan
 * names (test/container/samlIdentityProvider.ts). Requests reach the container as the load
 * balancer forwards them: to the task's port, with the site's host name and no port in Host.
 */
describe("REDCap's image with SAML sign-in, run as the plan's task definitions say", function () {
    this.timeout(180000);
    let fixture: ContainerFixture;
    let plan: Plan;
    let idp: SamlIdentityProvider;
    let web: FargateContainer;
    let port: number;
    let ca: string;
    let site: URL;
    let credentialsArn: string;
    const credentialDir = fs.mkdtempSync(path.join(os.tmpdir(), "saml-sp-"));
    const sp = makeSelfSignedCredential(credentialDir, "sp");
    /** What the operator puts in the secret: the service provider's key, then its certificate. */
    const credentials = fs.readFileSync(sp.key, "utf8") + fs.readFileSync(sp.cert, "utf8");
    const user = { username: "Alice@Example.edu", mail: "alice.smith@example.edu" };

    /** A browser's request to the site through the load balancer. */
    const browse = (
        pathName: string,
        options: { method?: string; body?: string; headers?: Record<string, string> } = {},
    ) =>
        request(port, ca, pathName, {
            ...options,
            headers: { Host: site.host, ...options.headers },
        });
    const cookiesOf = (reply: Reply) =>
        ([] as string[])
            .concat(reply.headers["set-cookie"] ?? [])
            .map((cookie) => cookie.split(";")[0])
            .filter((cookie) => !cookie.endsWith("="));
    /** Starts a sign-in and returns the identity provider's answer with the browser's cookies. */
    const signIn = async (answer: { inResponseTo?: string } = {}) => {
        const login = await browse("/Shibboleth.sso/Login?target=/probes/signed-in-user.php");
        expect(login.status, login.body).to.equal(302);
        const form = await idp.answer(String(login.headers.location), user, {
            encryptFor: fs.readFileSync(sp.cert, "utf8"),
            ...answer,
        });
        return { form, cookies: cookiesOf(login), location: String(login.headers.location) };
    };
    const post = (action: string, fields: Record<string, string>, cookies: string[]) =>
        browse(new URL(action).pathname, {
            method: "POST",
            body: new URLSearchParams(fields).toString(),
            headers: {
                "Content-Type": "application/x-www-form-urlencoded",
                Cookie: cookies.join("; "),
            },
        });
    const startWeb = async () => {
        const started = fixture.start("web", { plan });
        await waitUntil(
            () => started.healthCheckPasses(),
            30000,
            () => started.logs(),
        );
        // Each container makes its own certificate at start.
        ca = fs.readFileSync(path.join(started.volumes["/run/redcap"], "tls", "cert.pem"), "utf8");
        return started;
    };

    before(async () => {
        fixture = await startFixture();
        plan = await fixture.planWithApp(SIGN_IN_WITH_SAML);
        const planned = plannedContainer(plan, "web").container;
        const env = (name: string) => planned.environment?.find((e) => e.name === name)?.value;
        site = new URL(env("REDCAP_BASE_URL")!);
        const secret = planned.secrets?.find((s) => s.name === "SAML_SP_CREDENTIALS");
        expect(
            secret,
            "the web task reads the service provider's key from Secrets Manager",
        ).to.not.equal(undefined);
        credentialsArn = secret!.valueFrom;
        idp = await startSamlIdentityProvider({
            entityId: env("SAML_IDP_ENTITY_ID")!,
            metadataUrl: env("SAML_IDP_METADATA_URL")!,
        });
        fixture.addHost(new URL(idp.metadataUrl).hostname);
        fixture.trust(idp.caFile);
        // REDCap installed and set to Shibboleth & Table-based by the setup task, as on a deploy.
        const setup = fixture.start("setup", { plan });
        expect(await setup.waitForExit(120000), setup.logs()).to.equal(0);
        // The operator has put the service provider's key and certificate in its secret.
        fixture.secrets.set(credentialsArn, credentials);
        web = await startWeb();
        port = planned.portMappings![0].containerPort;
    });
    after(async () => {
        web?.stop();
        await idp?.stop();
        await fixture?.stop();
        fs.rmSync(credentialDir, { recursive: true, force: true });
    });

    it("sets REDCap to Shibboleth and table-based sign-in, the username from REMOTE_USER", async () => {
        const [rows] = await fixture.db.admin.query(
            "SELECT field_name, value FROM redcap.redcap_config WHERE field_name IN ('auth_meth_global', 'shibboleth_username_field', 'shibboleth_logout')",
        );
        expect(
            Object.fromEntries(
                (rows as { field_name: string; value: string }[]).map((r) => [
                    r.field_name,
                    r.value,
                ]),
            ),
        ).to.deep.equal({
            auth_meth_global: "shibboleth_table",
            shibboleth_username_field: "REMOTE_USER",
            shibboleth_logout: "/Shibboleth.sso/Logout",
        });
    });

    it("signs a user in at the identity provider: the encrypted assertion becomes REDCap's username, at the site's public address", async () => {
        expect(idp.metadataFetches(), "metadata fetched at start").to.be.greaterThan(0);
        const { form, cookies, location } = await signIn();
        // The request names the site's own address (as the load balancer serves it), not the
        // container's port: that is where the identity provider posts its answer.
        expect(form.action).to.equal(`${site.origin}/Shibboleth.sso/SAML2/POST`);
        expect(location.startsWith(`${new URL(idp.metadataUrl).origin}/sso?`)).to.equal(true);
        const consumed = await post(form.action, form.fields, cookies);
        expect(consumed.status, consumed.body).to.equal(302);
        expect(consumed.headers.location).to.equal(`${site.origin}/probes/signed-in-user.php`);
        const session = cookiesOf(consumed).filter((c) => c.startsWith("_shibsession_"));
        expect(session).to.have.length(1);
        // Whatever Host a client sends, the identity provider is told to answer the site.
        const spoofed = await request(port, ca, "/Shibboleth.sso/Login?target=/", {
            headers: { Host: "attacker.example:8443" },
        });
        expect((await idp.answer(String(spoofed.headers.location), user)).action).to.equal(
            form.action,
        );
        const page = await browse("/probes/signed-in-user.php", {
            headers: { Cookie: session.join("; ") },
        });
        expect(page.status, page.body).to.equal(200);
        expect(JSON.parse(page.body)).to.deep.include({
            field: "REMOTE_USER",
            username: "alice@example.edu",
        });
    });

    it("serves pages without a session, and a request header cannot pose as the signed-in user", async () => {
        const health = await browse("/health.php");
        expect(health.status).to.equal(200);
        // Shibboleth's access rule replaces Apache's "Require all granted", never the denials.
        for (const closed of ["/cron.php", "/install.php", "/upgrade.php", "/.htaccess"]) {
            expect((await browse(closed)).status, closed).to.equal(403);
        }
        const page = await browse("/probes/signed-in-user.php", {
            headers: { "Remote-User": "mallory", REMOTE_USER: "mallory" },
        });
        expect(page.status, page.body).to.equal(200);
        expect(JSON.parse(page.body)).to.deep.equal({
            field: "REMOTE_USER",
            username: null,
            header: "mallory",
        });
    });

    it("refuses a response that answers no request of this site, and the same response twice", async () => {
        const unsolicited = await signIn({ inResponseTo: "_not-a-request-of-this-site" });
        const refused = await post(
            unsolicited.form.action,
            unsolicited.form.fields,
            unsolicited.cookies,
        );
        expect(refused.status).to.equal(500);
        expect(cookiesOf(refused).filter((c) => c.startsWith("_shibsession_"))).to.deep.equal([]);

        const { form, cookies } = await signIn();
        expect((await post(form.action, form.fields, cookies)).status).to.equal(302);
        const replayed = await post(form.action, form.fields, cookies);
        expect(replayed.status).to.equal(500);
        expect(cookiesOf(replayed).filter((c) => c.startsWith("_shibsession_"))).to.deep.equal([]);
    });

    it("runs shibd as the task's user and keeps the service provider's key out of every environment and the container's output", () => {
        const processes = web.processes();
        const shibd = processes.filter((p) => p.name === "shibd");
        expect(shibd).to.have.length(1);
        // shibd fits the memory the task's sizing sets aside for it (measured: about 44 MiB).
        expect(processMemoryKiB(shibd[0].pid) / 1024).to.be.below(SAML_SERVICE_PROVIDER_MIB);
        const apache = processes.find((p) => p.name.startsWith("apache2"))!;
        expect(shibd[0].uid).to.equal(apache.uid);
        expect(shibd[0].uid).not.to.equal(0);
        const keyLine = credentials.split("\n")[1];
        // The processes that serve requests (the init process keeps what ECS started the
        // container with: see the README's "Container image" section).
        for (const process of processes.filter((p) => /^(apache2|php-fpm|shibd)/.test(p.name))) {
            expect(Object.keys(process.environment)).not.to.include("SAML_SP_CREDENTIALS");
            expect(Object.values(process.environment).join("\n")).not.to.include(keyLine);
        }
        expect(web.logs()).not.to.include(keyLine);
        // Sign-ins are logged (Shibboleth's transaction log: who, from which identity provider),
        // with the names of the attributes received but never their values.
        const signIns = web
            .logs()
            .split("\n")
            .filter((line) => line.includes("Shibboleth-TRANSACTION"));
        expect(signIns.join("\n")).to.include(plannedEnvironment("SAML_IDP_ENTITY_ID"));
        expect(web.logs()).not.to.include(user.mail);
    });

    it("serves REDCap's own sign-in, saying why, while the secret still holds its placeholder", async () => {
        web.stop();
        fixture.secrets.set(credentialsArn, "Xq3placeholderplaceholder0placeh");
        try {
            web = await startWeb();
            expect(web.logs()).to.include("SAML sign-in is OFF");
            expect(web.processes().filter((p) => p.name === "shibd")).to.deep.equal([]);
            expect((await browse("/Shibboleth.sso/Login")).status).to.equal(404);
            expect((await browse("/index.php")).status).to.equal(200);
        } finally {
            web.stop();
            fixture.secrets.set(credentialsArn, credentials);
        }
    });

    it("fetches the identity provider's metadata only over TLS it can verify", async () => {
        // An impostor at the identity provider's address, with a certificate no trusted CA signed.
        await idp.stop();
        idp = await startSamlIdentityProvider({
            entityId: plannedEnvironment("SAML_IDP_ENTITY_ID"),
            metadataUrl: plannedEnvironment("SAML_IDP_METADATA_URL"),
        });
        web = await startWeb();
        const login = await browse("/Shibboleth.sso/Login?target=/index.php");
        expect(idp.metadataFetches()).to.equal(0);
        expect(login.status).not.to.equal(302);
        expect(web.logs()).to.match(/metadata|SSL|certificate/i);
    });

    function plannedEnvironment(name: string): string {
        return plannedContainer(plan, "web").container.environment!.find((e) => e.name === name)!
            .value;
    }
});
