import {
    CreateServiceLinkedRoleCommand,
    GetRoleCommand,
    type IAMClient,
} from "@aws-sdk/client-iam";
import { awsErrorLine } from "../awsErrors";

/** The one write the preflight makes, and only with `--create-service-linked-roles`. */
export const PREFLIGHT_WRITE_PERMISSIONS = ["iam:CreateServiceLinkedRole"] as const;

export interface RoleToCreate {
    role: string;
    /** The owning service's principal, e.g. ecs.amazonaws.com. */
    service: string;
}

export interface RoleCreation extends RoleToCreate {
    outcome: "created" | "existed" | "failed";
    /** For `failed`: the error, on one line. */
    detail?: string;
}

export interface CreateOptions {
    sleep: (ms: number) => Promise<void>;
    /** GetRole polls after each creation until the role reads back (IAM is eventually consistent). */
    pollMs: number;
    attempts: number;
}

export const DEFAULT_CREATE_OPTIONS: CreateOptions = {
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    pollMs: 2000,
    attempts: 15,
};

/**
 * Creates each missing service-linked role, then waits until IAM reads it back. Created minutes
 * before the first `pulumi up` instead of by the first service's call, a role has time to
 * propagate, so ECS is unlikely to answer "Unable to assume the service linked role"; reading it
 * back proves IAM holds it, not that every service already sees it (a `pulumi up` started at once
 * may still need a retry). A role someone created meanwhile counts as present: IAM answers
 * InvalidInput "has been taken in this account".
 */
export async function createServiceLinkedRoles(
    iam: IAMClient,
    roles: readonly RoleToCreate[],
    options: CreateOptions = DEFAULT_CREATE_OPTIONS,
): Promise<RoleCreation[]> {
    const results: RoleCreation[] = [];
    for (const r of roles) {
        try {
            await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: r.service }));
        } catch (e) {
            const { name, message } = e as { name?: string; message?: string };
            if (name === "InvalidInputException" && /has been taken/i.test(message ?? "")) {
                results.push({ ...r, outcome: "existed" });
            } else {
                results.push({ ...r, outcome: "failed", detail: awsErrorLine(e) });
            }
            continue;
        }
        results.push(await readBack(iam, r, options));
    }
    return results;
}

async function readBack(
    iam: IAMClient,
    r: RoleToCreate,
    options: CreateOptions,
): Promise<RoleCreation> {
    for (let attempt = 1; attempt <= options.attempts; attempt++) {
        try {
            await iam.send(new GetRoleCommand({ RoleName: r.role }));
            return { ...r, outcome: "created" };
        } catch (e) {
            const { name } = e as { name?: string };
            if (name !== "NoSuchEntityException" && name !== "NoSuchEntity") {
                return {
                    ...r,
                    outcome: "failed",
                    detail: `created, but not read back: ${awsErrorLine(e)}`,
                };
            }
        }
        await options.sleep(options.pollMs);
    }
    const waited = (options.attempts * options.pollMs) / 1000;
    return {
        ...r,
        outcome: "failed",
        detail: `created, but IAM did not read it back within ${waited} s; run the preflight again before pulumi up`,
    };
}

export function renderCreations(results: readonly RoleCreation[]): string {
    if (results.length === 0) return "Service-linked roles: nothing to create.";
    return [
        "Service-linked roles:",
        ...results.map(
            (r) =>
                `  ${r.role}: ${r.outcome === "created" ? "created" : r.outcome === "existed" ? "already exists (created meanwhile)" : `NOT created (${r.detail})`}`,
        ),
    ].join("\n");
}
