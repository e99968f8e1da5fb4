import {
    ACCOUNT_SINGLETONS,
    type AccountSingleton,
    type SingletonSetting,
} from "../../components/auditBaseline/accountSingletons";
import { type AccountState, SERVICE_LINKED_ROLES } from "./inspect";

/** What the stack's config says about the account baseline (from its validated config). */
export interface StackIntent {
    stack: string;
    /** The config namespace, e.g. `redcap`. */
    namespace: string;
    accountBaseline: boolean;
    guardDuty: boolean;
    securityHub: boolean;
    singletons: Record<AccountSingleton, SingletonSetting>;
}

export interface Finding {
    singleton: AccountSingleton;
    /** What exists in the account, in words, or "nothing". */
    found: string;
    /** What the stack would do. */
    plan: string;
    /** conflict: `pulumi up` would fail or take over something it should not; warning: worth a look. */
    level: "ok" | "warning" | "conflict";
    advice: string[];
}

export interface Report {
    findings: Finding[];
    /** Missing service-linked roles, with the command that creates each. */
    missingRoles: { role: string; service: string; command: string }[];
    unreadable: string[];
}

/** What exists of one singleton: its import id(s), and a description. */
interface Existing {
    id?: string;
    deliveryChannelId?: string;
    description: string;
    /** Run by the organization (an organization trail, a delegated administrator). */
    organization: boolean;
}

function existingOf(which: AccountSingleton, state: AccountState): Existing | undefined {
    switch (which) {
        case "trail": {
            const orgTrail = state.trails.find((t) => t.organization);
            const trail = orgTrail ?? state.trails[0];
            return trail
                ? {
                      id: trail.arn,
                      description: `${state.trails.length} trail(s): ${state.trails
                          .map((t) => `${t.name}${t.organization ? " (organization trail)" : ""}`)
                          .join(", ")}`,
                      organization: orgTrail !== undefined,
                  }
                : undefined;
        }
        case "configRecorder":
            return state.recorders.length > 0
                ? {
                      id: state.recorders[0],
                      deliveryChannelId: state.deliveryChannels[0],
                      description: `recorder ${state.recorders[0]}, delivery channel ${state.deliveryChannels[0] ?? "none"}`,
                      organization: state.recorders[0].startsWith("aws-controltower"),
                  }
                : undefined;
        case "guardDutyDetector":
            return state.guardDutyDetectorIds.length > 0
                ? {
                      id: state.guardDutyDetectorIds[0],
                      description: `detector ${state.guardDutyDetectorIds[0]}${
                          state.guardDutyAdministrator
                              ? `, administered by account ${state.guardDutyAdministrator}`
                              : ""
                      }`,
                      organization: state.guardDutyAdministrator !== undefined,
                  }
                : undefined;
        case "securityHubAccount":
            return state.securityHubArn
                ? {
                      id: state.accountId,
                      description: `hub ${state.securityHubArn}`,
                      organization: false,
                  }
                : undefined;
        case "sessionPreferences":
            return state.sessionPreferencesExists
                ? {
                      id: "SSM-SessionManagerRunShell",
                      description: "document SSM-SessionManagerRunShell",
                      organization: false,
                  }
                : undefined;
    }
}

/** `pulumi config set` commands that adopt what exists. */
function adoptCommands(intent: StackIntent, which: AccountSingleton, existing: Existing): string[] {
    const key = `${intent.namespace}:audit.${which}`;
    const set = (path: string, value: string) =>
        `pulumi config set --stack ${intent.stack} --path '${key}.${path}' '${value}'`;
    return [
        set("mode", "adopt"),
        ...(existing.id ? [set("id", existing.id)] : []),
        ...(existing.deliveryChannelId
            ? [set("deliveryChannelId", existing.deliveryChannelId)]
            : []),
    ];
}

function organizationCommand(intent: StackIntent, which: AccountSingleton): string {
    return `pulumi config set --stack ${intent.stack} --path '${intent.namespace}:audit.${which}.mode' organization`;
}

/** Whether the stack declares the singleton at all (GuardDuty and Security Hub can be off). */
function wanted(intent: StackIntent, which: AccountSingleton): boolean {
    if (!intent.accountBaseline) return false;
    if (which === "guardDutyDetector") return intent.guardDuty;
    if (which === "securityHubAccount") return intent.securityHub;
    return true;
}

function judge(intent: StackIntent, which: AccountSingleton, state: AccountState): Finding {
    const spec = ACCOUNT_SINGLETONS[which];
    const existing = existingOf(which, state);
    const setting = intent.singletons[which];
    const found = existing?.description ?? "nothing";
    const base = { singleton: which, found };
    if (!wanted(intent, which)) {
        return { ...base, plan: "not declared by this stack", level: "ok", advice: [] };
    }
    const plan =
        setting.mode === "adopt"
            ? `adopt ${setting.id ?? "?"}`
            : setting.mode === "create"
              ? "create"
              : "leave to the organization";
    if (setting.mode === "create" && existing) {
        // CloudTrail allows several trails: a second one is no failure, but records twice.
        const level = which === "trail" ? "warning" : "conflict";
        const why =
            which === "trail"
                ? "a second trail records (and bills) management events twice"
                : `${spec.title} exists once per account and region: creating another fails`;
        return {
            ...base,
            plan,
            level,
            advice: [
                `${why}; either adopt it:`,
                ...adoptCommands(intent, which, existing),
                existing.organization
                    ? "or, as the organization runs it (recommended):"
                    : "or leave it to whoever made it:",
                organizationCommand(intent, which),
            ],
        };
    }
    if (setting.mode === "adopt") {
        if (!existing) {
            return {
                ...base,
                plan,
                level: "conflict",
                advice: [`nothing to adopt: set mode create, or check the account and region`],
            };
        }
        const mismatched =
            existing.id !== setting.id ||
            (which === "configRecorder" &&
                existing.deliveryChannelId !== setting.deliveryChannelId);
        if (mismatched) {
            return {
                ...base,
                plan,
                level: "conflict",
                advice: [
                    `the config's id does not match what exists; set:`,
                    ...adoptCommands(intent, which, existing),
                ],
            };
        }
        return { ...base, plan, level: "ok", advice: [] };
    }
    if (setting.mode === "organization" && !existing) {
        return {
            ...base,
            plan,
            level: "warning",
            advice: [
                `nothing found: the organization does not run it in this account and region (yet); ` +
                    `without it there is no ${spec.title}: set mode create if the organization will not`,
            ],
        };
    }
    return { ...base, plan, level: "ok", advice: [] };
}

export function buildReport(intent: StackIntent, state: AccountState): Report {
    return {
        findings: (Object.keys(ACCOUNT_SINGLETONS) as AccountSingleton[]).map((which) =>
            judge(intent, which, state),
        ),
        missingRoles: SERVICE_LINKED_ROLES.filter(
            ({ role }) => !state.serviceLinkedRoles[role],
        ).map(({ role, service }) => ({
            role,
            service,
            command: `aws iam create-service-linked-role --aws-service-name ${service}`,
        })),
        unreadable: state.unreadable,
    };
}

/** Exit status: 1 when `pulumi up` would meet a conflict, else 0. */
export function exitCodeOf(report: Report): number {
    return report.findings.some((f) => f.level === "conflict") ? 1 : 0;
}

export function renderReport(intent: StackIntent, state: AccountState, report: Report): string {
    const lines = [
        `preflight of stack ${intent.stack} in account ${state.accountId}, region ${state.region}` +
            (intent.accountBaseline ? " (this stack owns the account baseline)" : ""),
        "",
    ];
    for (const f of report.findings) {
        lines.push(`${f.level.toUpperCase().padEnd(8)} ${ACCOUNT_SINGLETONS[f.singleton].title}`);
        lines.push(`         found: ${f.found}`);
        lines.push(`         stack: ${f.plan}`);
        for (const a of f.advice) lines.push(`           ${a}`);
    }
    lines.push("");
    if (report.missingRoles.length > 0) {
        lines.push(
            "Service-linked roles missing (create them before the first pulumi up, or run the preflight with --create-service-linked-roles):",
        );
        for (const r of report.missingRoles) lines.push(`  ${r.role}: ${r.command}`);
    } else {
        lines.push("Service-linked roles: all present.");
    }
    if (report.unreadable.length > 0) {
        lines.push("", "Not readable with these credentials (their state is unknown):");
        for (const u of report.unreadable) lines.push(`  ${u}`);
    }
    return lines.join("\n");
}
