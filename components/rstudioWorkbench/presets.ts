import type * as pulumi from "@pulumi/pulumi";
import type { TaskContainer } from "../fargateService/taskDefinition";
import type { LoadBalancedApp } from "../publicLoadBalancer/publicLoadBalancer";
import type { AccessPointSpec } from "../sharedFileSystem/sharedFileSystem";

/**
 * What RStudio Server and Shiny Server need from the platform, as data: their ports, the folders
 * they write, the shared file system's layout and the load balancer's view of them. The images
 * themselves are the stack's (by digest); this is the contract they are run under.
 */

/** Where RStudio Server and Shiny Server listen (their defaults). */
export const RSTUDIO_PORT = 8787;
export const SHINY_PORT = 3838;

/**
 * The POSIX identity of the shared folder and the data folder: every user publishes into the
 * shared folder through its access point as this user and group, and Shiny Server runs as it.
 */
export const SHARED_UID = 9999;
/** The account of a shared RStudio container (mode `shared`), and its POSIX id. */
export const SHARED_ACCOUNT = "rstudio";
export const SHARED_ACCOUNT_UID = 9998;

/** Where things are mounted inside the containers. */
export const MOUNTS = {
    /** A user's home: `/home/<user>`. */
    home: (user: string) => `/home/${user}`,
    /** The apps RStudio users publish and Shiny Server serves. */
    shared: "/srv/shiny-server",
    /** The data feed's copy of the source bucket: read only. */
    data: "/data",
    /** A home folder restored from a backup, while it is being copied back: read only. */
    restored: "/restored",
} as const;

/** The ECS Exec agent's state and logs: on a read-only root it cannot start without them. */
const EXEC_AGENT_PATHS = {
    "exec-agent-state": "/var/lib/amazon",
    "exec-agent-logs": "/var/log/amazon",
};

/** RStudio Server writes only here besides the user's home (sessions, its database, sockets). */
export const RSTUDIO_WRITABLE_PATHS: Record<string, string> = {
    tmp: "/tmp",
    "rstudio-run": "/var/run/rstudio-server",
    "rstudio-lib": "/var/lib/rstudio-server",
    ...EXEC_AGENT_PATHS,
};

/** Shiny Server writes only here (app logs, bookmarks, sockets). */
export const SHINY_WRITABLE_PATHS: Record<string, string> = {
    tmp: "/tmp",
    "shiny-log": "/var/log/shiny-server",
    "shiny-lib": "/var/lib/shiny-server",
    ...EXEC_AGENT_PATHS,
};

/**
 * A home folder restored by AWS Backup (an item-level restore lands in
 * `/aws-backup-restore_<time>/home/<account>` at the file system's root), shown to its owner.
 */
export interface HomeRestore {
    account: string;
    /** The restore job's folder at the root, e.g. `/aws-backup-restore_2026-12-03T01-02-03-471Z`. */
    folder: string;
}

/** The access point of an account's restored home. */
export const restoreAccessPoint = (account: string) => `restore-${account}`;

/**
 * The shared file system's access points: a home per account, the shared folder, the data, and
 * each restored home (as its owner, so nobody else reads it).
 */
export function workbenchAccessPoints(
    accounts: { name: string; uid: number }[],
    restores: HomeRestore[] = [],
): Record<string, AccessPointSpec> {
    const uidOf = new Map(accounts.map((a) => [a.name, a.uid]));
    for (const r of restores) {
        if (!uidOf.has(r.account)) {
            throw new Error(
                `workbenchAccessPoints: restore of ${JSON.stringify(r.account)} is not allowed; expected one of the accounts ${accounts.map((a) => a.name).join(", ")}`,
            );
        }
        if (!/^\/aws-backup-restore_[0-9A-Za-z._-]+$/.test(r.folder)) {
            throw new Error(
                `workbenchAccessPoints: restore folder ${JSON.stringify(r.folder)} is not allowed; expected the restore job's folder at the root, such as /aws-backup-restore_2026-12-03T01-02-03-471Z`,
            );
        }
    }
    return {
        ...Object.fromEntries(
            restores.map((r): [string, AccessPointSpec] => {
                const uid = uidOf.get(r.account) as number;
                return [
                    restoreAccessPoint(r.account),
                    { path: `${r.folder}/home/${r.account}`, uid, gid: uid, permissions: "0700" },
                ];
            }),
        ),
        ...Object.fromEntries(
            accounts.map((a): [string, AccessPointSpec] => [
                `home-${a.name}`,
                // Only its owner reads a home.
                { path: `/home/${a.name}`, uid: a.uid, gid: a.uid, permissions: "0700" },
            ]),
        ),
        shared: { path: "/shared", uid: SHARED_UID, gid: SHARED_UID, permissions: "0755" },
        data: { path: "/data", uid: SHARED_UID, gid: SHARED_UID, permissions: "0755" },
    };
}

/** An RStudio container for one account: its home, the shared folder to publish to, the data. */
export function rstudioContainer(args: {
    image: string;
    account: { name: string; uid: number };
    passwordSecretArn: pulumi.Input<string>;
    /** Mount the account's restored home at /restored (read only). */
    restored?: boolean;
}): TaskContainer {
    const { name, uid } = args.account;
    return {
        name: "rstudio",
        image: args.image,
        // The account's own uid and group: RStudio Server runs the R session as it, no root.
        user: `${uid}:${uid}`,
        environment: { USER: name, HOME: MOUNTS.home(name), RSTUDIO_PORT: String(RSTUDIO_PORT) },
        // The image's sign-in checks the password against this (its PAM helper), then unsets it.
        secrets: { RSTUDIO_PASSWORD: { secretArn: args.passwordSecretArn } },
        writablePaths: RSTUDIO_WRITABLE_PATHS,
        fileSystemMounts: {
            home: { path: MOUNTS.home(name) },
            shared: { path: MOUNTS.shared },
            data: { path: MOUNTS.data, readOnly: true },
            ...(args.restored ? { restored: { path: MOUNTS.restored, readOnly: true } } : {}),
        },
        ports: [RSTUDIO_PORT],
        // An R session may hold unsaved work: give it time to save on SIGTERM.
        stopTimeoutSeconds: 120,
    };
}

/** Shiny Server: the shared folder's apps, read only, and the data. */
export function shinyContainer(image: string): TaskContainer {
    return {
        name: "shiny",
        image,
        user: `${SHARED_UID}:${SHARED_UID}`,
        environment: { SHINY_PORT: String(SHINY_PORT) },
        secrets: {},
        writablePaths: SHINY_WRITABLE_PATHS,
        fileSystemMounts: {
            shared: { path: MOUNTS.shared, readOnly: true },
            data: { path: MOUNTS.data, readOnly: true },
        },
        ports: [SHINY_PORT],
    };
}

/** RStudio behind the load balancer: one session lives in one task, so a browser stays on it. */
export function rstudioLoadBalancedApp(hostName: string): LoadBalancedApp {
    return {
        hostNames: [hostName],
        targetPort: RSTUDIO_PORT,
        // Inside the VPC, from the load balancer's group only: the images serve plain HTTP.
        targetProtocol: "HTTP",
        // The sign-in page answers 200; the root redirects to it.
        healthCheckPath: "/",
        healthCheckMatcher: "200-399",
        stickySessionSeconds: 86400,
        // Give an open session a minute to let go when its task is replaced.
        deregistrationDelaySeconds: 60,
    };
}

/**
 * Shiny behind the load balancer: an app's state lives in the R process that serves its
 * WebSocket, so a browser stays on its task; a task being replaced keeps its sessions 5 minutes.
 */
export function shinyLoadBalancedApp(hostName: string): LoadBalancedApp {
    return {
        hostNames: [hostName],
        targetPort: SHINY_PORT,
        targetProtocol: "HTTP",
        healthCheckPath: "/",
        healthCheckMatcher: "200-399",
        stickySessionSeconds: 86400,
        deregistrationDelaySeconds: 300,
    };
}
