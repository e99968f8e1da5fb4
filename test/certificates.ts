import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Runs a system tool the tests need, or throws naming it and the install script. */
export function runTool(command: string, args: string[], cwd?: string): void {
    const result = spawnSync(command, args, { cwd, encoding: "utf8" });
    if (result.error || result.status !== 0) {
        throw new Error(
            `${command} failed (${result.error?.message ?? result.stderr}); run tools/install.sh`,
        );
    }
}

/**
 * A throwaway CA and a server certificate it signs for localhost, 127.0.0.1 and `names`, valid for
 * a day, in `dir` (for the test peers that speak TLS: MariaDB, SMTP).
 */
export function makeCertificates(
    dir: string,
    names: string[] = [],
): { ca: string; cert: string; key: string } {
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
            "/CN=test CA",
        ],
        dir,
    );
    runTool(
        "openssl",
        ["req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"],
        dir,
    );
    const sans = ["DNS:localhost", "IP:127.0.0.1", ...names.map((name) => `DNS:${name}`)];
    fs.writeFileSync(path.join(dir, "san.ext"), `subjectAltName=${sans.join(",")}\n`);
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

/**
 * A self-signed RSA key and certificate for `/CN=<name>`, valid for a day, written to `dir` as
 * `<name>.key` and `<name>.pem` (the shape of a SAML signing or service-provider credential).
 * Returns their paths.
 */
export function makeSelfSignedCredential(dir: string, name: string): { key: string; cert: string } {
    const key = path.join(dir, `${name}.key`);
    const cert = path.join(dir, `${name}.pem`);
    runTool(
        "openssl",
        [
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            `/CN=${name}`,
        ].concat(["-keyout", key, "-out", cert]),
        dir,
    );
    return { key, cert };
}

/** makeSelfSignedCredential's PEM texts, made in a temporary folder that is removed again. */
export function selfSignedPem(name: string): { key: string; cert: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "credential-"));
    try {
        const files = makeSelfSignedCredential(dir, name);
        return {
            key: fs.readFileSync(files.key, "utf8"),
            cert: fs.readFileSync(files.cert, "utf8"),
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
