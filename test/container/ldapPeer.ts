import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { makeCertificates } from "../certificates";

/**
 * A real directory for the container tests: Debian's OpenLDAP server (slapd), listening only on
 * ldaps:// on 127.0.0.1 with a certificate for the given names, holding one service account and
 * the given users (loaded offline with slapadd). Stands in for an institution's directory.
 */
export interface LdapPeer {
    /** The CA that signed the server's certificate. */
    caFile: string;
    stop(): Promise<void>;
}

export interface LdapPeerOptions {
    port: number;
    hostNames: string[];
    /** The suffix, e.g. dc=example,dc=edu. */
    suffix: string;
    /** The service account's DN and password. */
    service: { dn: string; password: string };
    /** People: `uid` → password, under `people`. */
    people: { dn: string; uid: string; password: string }[];
}

const SCHEMAS = ["core", "cosine", "inetorgperson"];

function ldif(options: LdapPeerOptions): string {
    const rdn = (dn: string) => dn.split(",")[0].split("=");
    const entries = [
        [
            `dn: ${options.suffix}`,
            "objectClass: dcObject",
            "objectClass: organization",
            `dc: ${rdn(options.suffix)[1]}`,
            "o: Test institution",
        ],
    ];
    const parents = new Set<string>();
    for (const dn of [options.service.dn, ...options.people.map((p) => p.dn)]) {
        parents.add(dn.split(",").slice(1).join(","));
    }
    for (const parent of [...parents].filter((p) => p !== options.suffix)) {
        entries.push([`dn: ${parent}`, "objectClass: organizationalUnit", `ou: ${rdn(parent)[1]}`]);
    }
    entries.push([
        `dn: ${options.service.dn}`,
        "objectClass: person",
        `cn: ${rdn(options.service.dn)[1]}`,
        "sn: service",
        `userPassword: ${options.service.password}`,
    ]);
    for (const person of options.people) {
        entries.push([
            `dn: ${person.dn}`,
            "objectClass: inetOrgPerson",
            `uid: ${person.uid}`,
            `cn: ${person.uid}`,
            `sn: ${person.uid}`,
            `mail: ${person.uid}@example.edu`,
            `userPassword: ${person.password}`,
        ]);
    }
    return entries.map((lines) => lines.join("\n")).join("\n\n") + "\n";
}

export async function startLdapPeer(options: LdapPeerOptions): Promise<LdapPeer> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ldap-peer-"));
    const tls = makeCertificates(dir, options.hostNames);
    fs.mkdirSync(path.join(dir, "data"));
    const config = path.join(dir, "slapd.conf");
    fs.writeFileSync(
        config,
        [
            ...SCHEMAS.map((schema) => `include /etc/ldap/schema/${schema}.schema`),
            `pidfile ${dir}/slapd.pid`,
            "modulepath /usr/lib/ldap",
            "moduleload back_mdb",
            `TLSCACertificateFile ${tls.ca}`,
            `TLSCertificateFile ${tls.cert}`,
            `TLSCertificateKeyFile ${tls.key}`,
            // Anyone may bind (that is how passwords are checked); only bound users read entries.
            "access to attrs=userPassword by anonymous auth by self write by * none",
            "access to * by users read by anonymous auth",
            "database mdb",
            `suffix "${options.suffix}"`,
            `directory ${dir}/data`,
            "",
        ].join("\n"),
    );
    fs.writeFileSync(path.join(dir, "data.ldif"), ldif(options));
    const loaded = spawnSync("slapadd", ["-f", config, "-l", path.join(dir, "data.ldif")], {
        encoding: "utf8",
    });
    if (loaded.error || loaded.status !== 0) {
        throw new Error(
            `slapadd failed (${loaded.error?.message ?? loaded.stderr}); run tools/install.sh`,
        );
    }
    const server: ChildProcess = spawn(
        "slapd",
        ["-f", config, "-h", `ldaps://127.0.0.1:${options.port}/`, "-d", "0"],
        { stdio: "ignore" },
    );
    const deadline = Date.now() + 15000;
    while (!(await listening(options.port))) {
        if (server.exitCode !== null || Date.now() > deadline) {
            server.kill("SIGKILL");
            throw new Error(`slapd did not listen on 127.0.0.1:${options.port}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return {
        caFile: tls.ca,
        async stop() {
            const exited = new Promise((resolve) =>
                server.exitCode !== null ? resolve(undefined) : server.once("exit", resolve),
            );
            server.kill("SIGTERM");
            await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
            server.kill("SIGKILL");
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}

function listening(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = net.connect(port, "127.0.0.1");
        socket.once("connect", () => {
            socket.destroy();
            resolve(true);
        });
        socket.once("error", () => resolve(false));
    });
}
