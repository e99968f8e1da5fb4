import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { expect } from "chai";
import { selfSignedPem } from "../../test/certificates";
import { runScript } from "../../test/scripts";
import { pinnedBase } from "../../tools/image/base";
import { WRITABLE_PATHS } from "../redcapService/taskSettings";
import { REDCAP_HTTPS_PORT, REDCAP_USER } from "./imageContract";

/**
 * The container's scripts, run for real with Debian's php-cli, bash and shellcheck (Docker cannot
 * run here). `.ci/run` installs them; see the README.
 */

const ROOTFS = path.join(__dirname, "rootfs");
const RENDER = path.join(ROOTFS, "render-config.php");
const FAKE_SETUP = path.join(__dirname, "testdata", "print-environment.php");

/** Values that would break naive quoting, and that must never be printed. */
const SECRETS = {
    REDCAP_DB_PASSWORD: "pa'ss\"word$with\\chars-SENTINEL1",
    REDCAP_SALT: "salt-SENTINEL2",
    SMTP_USERNAME: "AKIASMTPSENTINEL3",
    SMTP_PASSWORD: "BPx+smtp/SENTINEL4=",
};
const PLAIN = {
    REDCAP_DB_HOST: "redcap-prod.cluster-abc.us-east-1.rds.amazonaws.com",
    REDCAP_DB_NAME: "redcap",
    REDCAP_DB_USERNAME: "redcap_app",
    SMTP_HOST: "email-smtp.us-east-1.amazonaws.com",
    MAIL_FROM: "redcap@example.edu",
};

const run = runScript;

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "redcap-config-"));
const expectNoSecret = (text: string) => {
    for (const secret of Object.values(SECRETS)) {
        expect(text).not.to.include(secret);
        expect(text).not.to.include(secret.slice(-9));
    }
};

describe("REDCap image: render-config.php", () => {
    it("renders database.php with TLS verification, readable only by owner and group, printing no value", () => {
        const dir = tempDir();
        const rendered = run("php", [RENDER, dir], { ...PLAIN, ...SECRETS });
        expect(rendered.code, rendered.stderr).to.equal(0);
        expect(rendered.stdout).to.equal(
            `render-config: wrote database.php, ldap_config.php and msmtprc to ${dir}\n`,
        );
        expectNoSecret(rendered.stdout + rendered.stderr);

        const file = path.join(dir, "database.php");
        expect(fs.statSync(file).mode & 0o777).to.equal(0o640);
        // Load the file the way REDCap does and read back every variable.
        const read = run(
            "php",
            [
                "-r",
                `require ${JSON.stringify(file)}; echo json_encode(compact("hostname","db","username","password","salt","db_ssl_ca","db_ssl_verify_server_cert"));`,
            ],
            {},
        );
        expect(read.code, read.stderr).to.equal(0);
        expect(JSON.parse(read.stdout)).to.deep.equal({
            hostname: PLAIN.REDCAP_DB_HOST,
            db: "redcap",
            username: "redcap_app",
            password: SECRETS.REDCAP_DB_PASSWORD,
            salt: SECRETS.REDCAP_SALT,
            db_ssl_ca: "/etc/ssl/rds/global-bundle.pem",
            db_ssl_verify_server_cert: true,
        });
    });

    it("renders msmtp's configuration for SES with STARTTLS on 587", () => {
        const dir = tempDir();
        expect(run("php", [RENDER, dir], { ...PLAIN, ...SECRETS }).code).to.equal(0);
        const lines = fs.readFileSync(path.join(dir, "msmtprc"), "utf8").split("\n");
        expect(lines).to.include.members([
            "auth on",
            "tls on",
            "tls_starttls on",
            "tls_trust_file /etc/ssl/certs/ca-certificates.crt",
            "host email-smtp.us-east-1.amazonaws.com",
            "port 587",
            "from redcap@example.edu",
            `user ${SECRETS.SMTP_USERNAME}`,
            `password ${SECRETS.SMTP_PASSWORD}`,
            "account default : ses",
        ]);
        // msmtp refuses a password file that anyone but its owner can read.
        expect(fs.statSync(path.join(dir, "msmtprc")).mode & 0o777).to.equal(0o600);
    });

    it("renders REDCap's LDAP configuration with the bind password, and an empty one without LDAP", () => {
        const dir = tempDir();
        const ldap = {
            LDAP_URL: "ldaps://ldap.example.edu",
            LDAP_BASE_DN: "ou=people,dc=example,dc=edu",
            LDAP_USER_ATTRIBUTE: "uid",
            LDAP_BIND_DN: "cn=redcap,ou=services,dc=example,dc=edu",
            LDAP_BIND_PASSWORD: "bind'pass\\-SENTINEL9",
        };
        const rendered = run("php", [RENDER, dir], { ...PLAIN, ...SECRETS, ...ldap });
        expect(rendered.code, rendered.stderr).to.equal(0);
        expect(rendered.stdout + rendered.stderr).not.to.include("SENTINEL9");
        const file = path.join(dir, "ldap_config.php");
        expect(fs.statSync(file).mode & 0o777).to.equal(0o640);
        const read = run(
            "php",
            ["-r", `require ${JSON.stringify(file)}; echo json_encode($GLOBALS["ldapdsn"]);`],
            {},
        );
        expect(JSON.parse(read.stdout)).to.deep.equal({
            url: "ldaps://ldap.example.edu",
            version: 3,
            basedn: "ou=people,dc=example,dc=edu",
            userattr: "uid",
            referrals: false,
            start_tls: false,
            binddn: "cn=redcap,ou=services,dc=example,dc=edu",
            bindpw: ldap.LDAP_BIND_PASSWORD,
        });
        const none = tempDir();
        expect(run("php", [RENDER, none], { ...PLAIN, ...SECRETS }).code).to.equal(0);
        const empty = run(
            "php",
            [
                "-r",
                `require ${JSON.stringify(path.join(none, "ldap_config.php"))}; var_export(isset($GLOBALS["ldapdsn"]));`,
            ],
            {},
        );
        expect(empty.stdout).to.equal("false");
    });

    it("refuses LDAP with a bind DN but no password, or over plain ldap://, printing no value", () => {
        const base = { ...PLAIN, ...SECRETS, LDAP_BASE_DN: "dc=example,dc=edu" };
        const noPassword = run("php", [RENDER, tempDir()], {
            ...base,
            LDAP_URL: "ldaps://ldap.example.edu",
            LDAP_BIND_DN: "cn=redcap,dc=example,dc=edu",
        });
        expect(noPassword.code).to.equal(1);
        expect(noPassword.stderr).to.include("missing environment variables: LDAP_BIND_PASSWORD");
        const plain = run("php", [RENDER, tempDir()], {
            ...base,
            LDAP_URL: "ldap://ldap.example.edu",
        });
        expect(plain.code).to.equal(1);
        expect(plain.stderr).to.equal("render-config: LDAP_URL must be ldaps://host[:port]\n");
    });

    describe("SAML sign-in (render-saml.php)", () => {
        const credential = selfSignedPem("sp");
        const SAML = {
            SAML_IDP_ENTITY_ID: "https://idp.example.edu/idp/shibboleth",
            SAML_IDP_METADATA_URL: "https://idp.example.edu/idp/shibboleth?a=1&b=<2>",
            SAML_SP_ENTITY_ID: 'https://redcap.example.edu/shibboleth"><x y="',
            SAML_USER_ATTRIBUTE: "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",
            SAML_SESSION_LIFETIME_SECONDS: "28800",
            SAML_SP_CREDENTIALS: credential.key + credential.cert,
        };
        const render = (extra: Record<string, string>) => {
            const dir = tempDir();
            return { dir, result: run("php", [RENDER, dir], { ...PLAIN, ...SECRETS, ...extra }) };
        };

        it("renders the service provider with the key (owner only), values escaped, and marks SAML on, printing no key", () => {
            const { dir, result } = render(SAML);
            expect(result.code, result.stderr).to.equal(0);
            expect(result.stdout).to.include("SAML sign-in is on");
            expect(result.stdout + result.stderr).not.to.include(credential.key.split("\n")[1]);
            const shib = path.join(dir, "shibboleth");
            expect(fs.statSync(path.join(shib, "sp-key.pem")).mode & 0o777).to.equal(0o600);
            expect(fs.readFileSync(path.join(shib, "sp-cert.pem"), "utf8")).to.equal(
                credential.cert,
            );
            expect(fs.existsSync(path.join(dir, "saml-sign-in"))).to.equal(true);
            const xml = fs.readFileSync(path.join(shib, "shibboleth2.xml"), "utf8");
            // Well-formed, with the hostile values as attribute values, not markup.
            const errors: string[] = [];
            const doc = new DOMParser({
                errorHandler: (level, message) => {
                    errors.push(`${level}: ${message}`);
                },
            }).parseFromString(xml, "text/xml");
            expect(errors).to.deep.equal([]);
            expect(doc.getElementsByTagName("x").length).to.equal(0);
            expect(xml).to.include(
                'entityID="https://redcap.example.edu/shibboleth&quot;&gt;&lt;x y=&quot;"',
            );
            expect(xml).to.include(
                'url="https://idp.example.edu/idp/shibboleth?a=1&amp;b=&lt;2&gt;"',
            );
            expect(xml).to.include(
                '<SSO entityID="https://idp.example.edu/idp/shibboleth">SAML2</SSO>',
            );
            expect(xml).to.include('policyId="blockUnsolicited"');
            expect(xml).to.include('lifetime="28800"');
            expect(xml).to.include(
                '<TransportOption provider="CURL" option="64">1</TransportOption>',
            );
            expect(xml).not.to.include('type="Signature"');
            expect(fs.readFileSync(path.join(shib, "attribute-map.xml"), "utf8")).to.include(
                '<Attribute name="urn:oid:1.3.6.1.4.1.5923.1.1.1.6" id="redcap-username"/>',
            );
        });

        it("checks the metadata's signature when the stack gives its signer's certificate", () => {
            const { dir, result } = render({
                ...SAML,
                SAML_IDP_METADATA_SIGNING_CERTIFICATE: credential.cert,
            });
            expect(result.code, result.stderr).to.equal(0);
            const xml = fs.readFileSync(path.join(dir, "shibboleth", "shibboleth2.xml"), "utf8");
            expect(xml).to.include(
                `<MetadataFilter type="Signature" certificate="${dir}/shibboleth/idp-metadata-signer.pem"`,
            );
        });

        it("leaves SAML off, saying why and where to put the key, while the secret holds the placeholder or a key without its certificate", () => {
            for (const credentials of [
                "Xq3placeholderplaceholder0",
                credential.key,
                credential.cert,
            ]) {
                const { dir, result } = render({ ...SAML, SAML_SP_CREDENTIALS: credentials });
                expect(result.code, result.stderr).to.equal(0);
                expect(result.stderr).to.include("SAML sign-in is OFF");
                expect(result.stderr).to.include("samlServiceProviderSecretArn");
                expect(result.stderr).not.to.include(credentials.slice(5, 25));
                expect(fs.existsSync(path.join(dir, "saml-sign-in"))).to.equal(false);
                expect(fs.existsSync(path.join(dir, "shibboleth", "sp-key.pem"))).to.equal(false);
            }
        });

        it("refuses metadata over http, a control character or a missing setting, naming the variable", () => {
            for (const [extra, message] of [
                [
                    { SAML_IDP_METADATA_URL: "http://idp.example.edu/m" },
                    "SAML_IDP_METADATA_URL must be an https:// URL",
                ],
                [
                    { SAML_USER_ATTRIBUTE: "uid\nx" },
                    "SAML_USER_ATTRIBUTE contains control characters",
                ],
                [{ SAML_SP_ENTITY_ID: "" }, "missing environment variables: SAML_SP_ENTITY_ID"],
                [
                    { SAML_SESSION_LIFETIME_SECONDS: "8h" },
                    "SAML_SESSION_LIFETIME_SECONDS must be a whole number",
                ],
            ] as const) {
                const { result } = render({ ...SAML, ...extra });
                expect(result.code, JSON.stringify(extra)).to.equal(1);
                expect(result.stderr).to.include(message);
            }
        });
    });

    it("names every missing variable and writes nothing", () => {
        const dir = tempDir();
        const { REDCAP_SALT: _salt, SMTP_PASSWORD: _smtp, ...partial } = SECRETS;
        const rendered = run("php", [RENDER, dir], { ...PLAIN, ...partial });
        expect(rendered.code).to.equal(1);
        expect(rendered.stderr).to.equal(
            "render-config: missing environment variables: REDCAP_SALT, SMTP_PASSWORD\n",
        );
        expect(fs.readdirSync(dir)).to.deep.equal([]);
        expectNoSecret(rendered.stdout + rendered.stderr);
    });

    it("refuses a value msmtp would misread, naming the variable and not the value", () => {
        const rendered = run("php", [RENDER, tempDir()], {
            ...PLAIN,
            ...SECRETS,
            SMTP_PASSWORD: "has space SENTINEL4",
        });
        expect(rendered.code).to.equal(1);
        expect(rendered.stderr).to.include("SMTP_PASSWORD contains whitespace");
        expect(rendered.stderr).not.to.include("SENTINEL4");
    });

    it("refuses a sender that is not an email address", () => {
        const rendered = run("php", [RENDER, tempDir()], {
            ...PLAIN,
            ...SECRETS,
            MAIL_FROM: "REDCap",
        });
        expect(rendered.code).to.equal(1);
        expect(rendered.stderr).to.equal("render-config: MAIL_FROM must be an email address\n");
    });
});

describe("REDCap image: entrypoint.sh", () => {
    const entrypoint = path.join(ROOTFS, "entrypoint.sh");

    it("is shellcheck-clean", () => {
        const result = run("shellcheck", [entrypoint], {});
        expect(result.code, result.stdout).to.equal(0);
    });

    /** The secrets setup writes into REDCap; only the setup modes keep them. */
    const SETUP_SECRETS = {
        S3_ACCESS_KEY_ID: "AKIAS3SENTINEL7",
        S3_SECRET_ACCESS_KEY: "s3-secret-SENTINEL8",
        REDCAP_ADMIN_PASSWORD: "first-admin-SENTINEL9",
    };
    const start = (args: string[], dir = tempDir()) =>
        run("bash", ["--noprofile", "--norc", entrypoint, ...args], {
            ...PLAIN,
            ...SECRETS,
            ...SETUP_SECRETS,
            REDCAP_CONFIG_DIR: dir,
            REDCAP_RENDER_SCRIPT: RENDER,
            // A stand-in for redcap-setup.php: prints its arguments and its environment's names.
            REDCAP_SETUP_SCRIPT: FAKE_SETUP,
        });
    const names = (output: string) =>
        output
            .split("\n")
            .filter((line) => /^[A-Z0-9_]+=/.test(line))
            .map((line) => line.split("=")[0]);

    it("renders the configuration, then runs the command without any secret in its environment", () => {
        const dir = tempDir();
        const result = start(["env"], dir);
        expect(result.code, result.stderr).to.equal(0);
        expect(fs.existsSync(path.join(dir, "database.php"))).to.equal(true);
        expect(result.stdout).to.include(`REDCAP_DB_HOST=${PLAIN.REDCAP_DB_HOST}`);
        expect(names(result.stdout)).not.to.include.any.members([
            "REDCAP_DB_USERNAME", // from Secrets Manager too
            ...Object.keys(SECRETS),
            ...Object.keys(SETUP_SECRETS),
        ]);
        expectNoSecret(result.stdout + result.stderr);
        expect(result.stdout).not.to.include("SENTINEL");
    });

    for (const mode of ["setup", "finish"]) {
        it(`runs redcap-setup.php ${mode} with only the S3 key and the admin password of the secrets`, () => {
            const result = start([mode]);
            expect(result.code, result.stderr).to.equal(0);
            expect(result.stdout).to.match(new RegExp(`^args: ${mode}$`, "m"));
            const kept = names(result.stdout);
            expect(kept).to.include.members(Object.keys(SETUP_SECRETS));
            expect(kept).not.to.include.any.members(Object.keys(SECRETS));
        });
    }

    it("stops, starting nothing, when the configuration cannot be rendered", () => {
        const result = run("bash", ["--noprofile", "--norc", entrypoint, "echo", "STARTED"], {
            ...PLAIN,
            REDCAP_CONFIG_DIR: tempDir(),
            REDCAP_RENDER_SCRIPT: RENDER,
        });
        expect(result.code).to.equal(1);
        expect(result.stdout).not.to.include("STARTED");
        expect(result.stderr).to.include(
            "missing environment variables: REDCAP_DB_PASSWORD, REDCAP_SALT",
        );
    });
});

describe("REDCap image: health.php", () => {
    it("answers unavailable, with no detail, when the database does not answer", () => {
        const dir = tempDir();
        run("php", [RENDER, dir], { ...PLAIN, ...SECRETS, REDCAP_DB_HOST: "127.0.0.1" });
        const result = run("php", [path.join(ROOTFS, "health.php")], { REDCAP_CONFIG_DIR: dir });
        expect(result.stdout).to.equal('{"status":"unavailable"}\n');
        expectNoSecret(result.stdout + result.stderr);
    });
});

describe("REDCap image: Dockerfile and server configuration", () => {
    const dockerfile = fs.readFileSync(path.join(__dirname, "Dockerfile"), "utf8");
    const apache = fs.readFileSync(path.join(ROOTFS, "apache-redcap.conf"), "utf8");
    const php = fs.readFileSync(path.join(ROOTFS, "php-redcap.ini"), "utf8");

    it("builds on Debian's slim image pinned by digest, from Debian's packages only, with no build tools", () => {
        const base = pinnedBase(dockerfile);
        expect(base.release).to.equal("trixie");
        expect(dockerfile).to.match(/^FROM \$\{BASE_IMAGE\}$/m);
        expect(dockerfile).to.match(/^ARG PHP_VERSION=8\.4$/m);
        // Nothing compiled: no compiler, no headers, no PECL or docker-php-ext builds.
        expect(dockerfile).not.to.match(/-dev\b|build-essential|\bgcc\b|\bpecl\b|docker-php-ext/);
        for (const pkg of [
            "ghostscript",
            "librsvg2-bin",
            "unzip",
            "mariadb-client",
            "msmtp",
            "php-imagick",
            "php-apcu",
        ]) {
            expect(dockerfile).to.match(new RegExp(`\\s${pkg}\\s`));
        }
    });

    it("declares a VOLUME at every writable path of the task definitions", () => {
        const volumes = /^VOLUME (\[.*\])$/m.exec(dockerfile);
        expect(volumes, "VOLUME [...]").to.not.equal(null);
        expect(JSON.parse(volumes![1])).to.have.members(Object.values(WRITABLE_PATHS));
    });

    it("runs as the user and serves on the port the task definitions name", () => {
        expect(dockerfile).to.match(new RegExp(`^USER ${REDCAP_USER}$`, "m"));
        expect(dockerfile).to.match(new RegExp(`^EXPOSE ${REDCAP_HTTPS_PORT}$`, "m"));
        expect(dockerfile).to.include(`REDCAP_HTTPS_PORT=${REDCAP_HTTPS_PORT}`);
    });

    it("has a health check, the entrypoint, and no secret baked in", () => {
        expect(dockerfile).to.match(/^HEALTHCHECK .*\n?.*health\.php/m);
        expect(dockerfile).to.include('ENTRYPOINT ["/usr/local/bin/redcap-entrypoint"]');
        expect(dockerfile).not.to.match(/^(ENV|ARG)[^\n]*(PASSWORD|SECRET|SALT|TOKEN)/im);
        expect(dockerfile).to.include("ln -s /run/redcap/database.php /var/www/html/database.php");
    });

    it("hardens Apache: no version banner, no .ht files, no cron, install or upgrade page over HTTP, TLS only", () => {
        expect(apache).to.match(/^ServerTokens Prod$/m);
        expect(apache).to.match(/^ServerSignature Off$/m);
        expect(apache).to.match(/<FilesMatch "\^\\\.ht">\s*Require all denied/);
        expect(apache).to.match(
            /<FilesMatch "\^\(cron\|install\|upgrade\)\\\.php\$">\s*Require all denied/,
        );
        expect(apache).to.match(/^\s*SSLEngine on$/m);
        expect(apache).to.include("RemoteIPHeader X-Forwarded-For");
        expect(apache).to.include(
            'RewriteRule "^/redcap_v\\d+\\.\\d+\\.\\d+/(.*)$" "/redcap_v${REDCAP_VERSION}/$1" [R=302,L]',
        );
    });

    it("sets the PHP values REDCap's configuration check asks for", () => {
        expect(php).to.match(/^max_input_vars = 100000$/m);
        expect(php).to.match(/^session\.cookie_secure = On$/m);
        expect(php).to.match(/^error_log = \/dev\/stderr$/m);
        expect(php).to.match(/^opcache\.validate_timestamps = 0$/m);
        expect(php).to.match(/^sendmail_path = .*msmtp/m);
        expect(php).to.match(/^date\.timezone = \$\{PHP_TIMEZONE\}$/m);
    });

    it("keeps REDCap itself out of the repository", () => {
        expect(fs.existsSync(path.join(__dirname, "redcap.zip"))).to.equal(false);
        const ignore = fs.readFileSync(path.join(__dirname, "..", "..", ".gitignore"), "utf8");
        expect(ignore).to.match(/redcap\*\.zip/);
    });
});
