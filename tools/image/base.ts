import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PODMAN_GLOBAL_FLAGS, podman } from "./podman";

/**
 * The base image for builds on machines that cannot pull from a registry: the same Debian
 * release as the Dockerfile's pinned public base, made from Debian's own packages with
 * debootstrap and imported into podman. Built once and kept in podman's storage.
 */

/** The Dockerfile's default base: `debian:<release>-slim@sha256:<digest>`, for users' builds. */
export interface PinnedBase {
    reference: string;
    release: string;
    digest: string;
}

/** Reads the Dockerfile's `ARG BASE_IMAGE=` default; throws when it is not a pinned Debian slim image. */
export function pinnedBase(dockerfile: string): PinnedBase {
    const match = /^ARG BASE_IMAGE=(\S+)$/m.exec(dockerfile);
    if (!match) {
        throw new Error("the Dockerfile has no `ARG BASE_IMAGE=<default>` line");
    }
    const reference = match[1];
    const parts =
        /^(?:docker\.io\/)?(?:library\/)?debian:([a-z]+)-slim@(sha256:[0-9a-f]{64})$/.exec(
            reference,
        );
    if (!parts) {
        throw new Error(
            `BASE_IMAGE default "${reference}" is not allowed; expected debian:<release>-slim@sha256:<64 hex digits>`,
        );
    }
    return { reference, release: parts[1], digest: parts[2] };
}

/** The local stand-in for the pinned base. */
export function localBaseReference(release: string): string {
    return `localhost/debian:${release}-slim`;
}

/** APT sources as Debian's official slim image has them: the release, its updates and security. */
export function aptSources(release: string): string {
    return [
        "Types: deb",
        "URIs: http://deb.debian.org/debian",
        `Suites: ${release} ${release}-updates`,
        "Components: main",
        "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg",
        "",
        "Types: deb",
        "URIs: http://deb.debian.org/debian-security",
        `Suites: ${release}-security`,
        "Components: main",
        "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg",
        "",
    ].join("\n");
}

/**
 * Makes sure the local base exists (debootstrap, about 80 s, then `podman import`), or rebuilds
 * it with `refresh`. Returns its reference.
 */
export function ensureLocalBase(
    release: string,
    options: { refresh?: boolean; log?: (line: string) => void } = {},
): string {
    const log = options.log ?? (() => undefined);
    const reference = localBaseReference(release);
    const exists = podman(["image", "exists", reference]).status === 0;
    if (exists && !options.refresh) {
        log(`base: ${reference} (cached; --refresh-base rebuilds it)`);
        return reference;
    }
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `debian-${release}-`));
    // mkdtemp makes the folder 0700, and it becomes the image's "/": non-root users could not
    // reach anything (podman's init at /run/podman-init included).
    fs.chmodSync(root, 0o755);
    try {
        log(`base: debootstrap --variant=minbase ${release} (about 80 s)`);
        const bootstrap = spawnSync(
            "debootstrap",
            ["--variant=minbase", release, root, "http://deb.debian.org/debian"],
            { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
        );
        if (bootstrap.error || bootstrap.status !== 0) {
            const why =
                bootstrap.error?.message ??
                bootstrap.stderr.trim().split("\n").slice(-5).join("\n");
            throw new Error(`debootstrap ${release} failed (run tools/install.sh): ${why}`);
        }
        fs.rmSync(path.join(root, "etc", "apt", "sources.list"), { force: true });
        fs.writeFileSync(
            path.join(root, "etc", "apt", "sources.list.d", "debian.sources"),
            aptSources(release),
        );
        // As the official slim images: no apt lists, no package caches.
        fs.rmSync(path.join(root, "var", "lib", "apt", "lists"), { recursive: true, force: true });
        fs.mkdirSync(path.join(root, "var", "lib", "apt", "lists", "partial"), { recursive: true });
        fs.rmSync(path.join(root, "var", "cache", "apt", "archives"), {
            recursive: true,
            force: true,
        });
        fs.mkdirSync(path.join(root, "var", "cache", "apt", "archives", "partial"), {
            recursive: true,
        });
        const tar = spawnSync("tar", ["-C", root, "-c", "."], { maxBuffer: 1024 * 1024 * 1024 });
        if (tar.status !== 0) {
            throw new Error(`tar of the ${release} root failed: ${tar.stderr.toString()}`);
        }
        const imported = spawnSync(
            "podman",
            [...PODMAN_GLOBAL_FLAGS, "import", "--change", 'CMD ["bash"]', "-", reference],
            { input: tar.stdout, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
        );
        if (imported.status !== 0) {
            throw new Error(`podman import failed: ${imported.stderr}`);
        }
        log(`base: ${reference} built from Debian ${release}`);
        return reference;
    } finally {
        fs.rmSync(root, { recursive: true, force: true });
    }
}
