import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The nightly drift check (.github/workflows/drift.yml): which resources `pulumi refresh
 * --preview-only` may not read with a stack's read-only preview role, and what a refresh preview's
 * JSON digest (`--json`) says has drifted. The issue the workflow opens names resources and the
 * properties that changed, never a value: values can be secrets (or worse, data).
 */

const USAGE = `usage: node -r ./tools/register-ts.js tools/ci/drift.ts <command>

  excludes                          print the --exclude flags of the refresh, one per line
  report <stack> <digest.json> <dir>
                                    read a \`pulumi refresh --preview-only --json\` digest; write
                                    <dir>/<stack>.json ({"stack","drifted"}) and <dir>/<stack>.md
                                    (the issue body); exit 2 when the digest is not one`;

/**
 * Resource types whose read needs an action the preview role denies (tools/ci/rolePolicies.ts),
 * so refreshing them with that role fails. They are left out of the nightly check; the deploys
 * refresh them (`refresh: true`) with the deploy role.
 */
export const UNREADABLE_WITH_PREVIEW_ROLE: readonly {
    type: string;
    deniedAction: string;
    why: string;
}[] = [
    {
        type: "aws:secretsmanager/secretVersion:SecretVersion",
        deniedAction: "secretsmanager:GetSecretValue",
        why: "reading a secret version reads the secret",
    },
    {
        type: "aws:s3/bucketObjectv2:BucketObjectv2",
        deniedAction: "s3:GetObject",
        why: "reading an object's metadata (HeadObject) needs s3:GetObject; its tags s3:GetObjectTagging",
    },
    {
        type: "aws:ssm/parameter:Parameter",
        deniedAction: "ssm:GetParameter",
        why: "reading a parameter reads its value",
    },
];

/**
 * `--exclude` globs for those types. Pulumi's URN globs: `*` stays within a `:`-delimited part,
 * `**` matches anything; the type is last in the qualified type, after any parents' types.
 */
export function excludeFlags(): string[] {
    return UNREADABLE_WITH_PREVIEW_ROLE.map(({ type }) => `--exclude=**${type}::**`);
}

/** The parts of a refresh preview's JSON digest this check reads (Pulumi's PreviewDigest). */
interface Digest {
    steps?: {
        op?: string;
        urn?: string;
        diffReasons?: string[] | null;
        detailedDiff?: Record<string, unknown> | null;
        oldState?: unknown;
        newState?: unknown;
    }[];
    changeSummary?: Record<string, number>;
}

export interface DriftedResource {
    type: string;
    name: string;
    /** `update` (changed outside Pulumi) or `delete` (gone). */
    change: string;
    /** Names of the changed properties (never their values). */
    properties: string[];
}

export interface DriftReport {
    stack: string;
    drifted: boolean;
    /** Counts by change, as the CLI prints them after a refresh (`update`, `delete`). */
    changes: Record<string, number>;
    resources: DriftedResource[];
}

export class NotADigestError extends Error {}

/** `urn:pulumi:<stack>::<project>::<parent types$>type::<name>` → its own type and name. */
function typeAndName(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    const qualified = parts[2] ?? urn;
    return { type: qualified.split("$").pop()!, name: parts.slice(3).join("::") };
}

/**
 * What a refresh preview found. Drift is decided by the change summary, which counts each
 * refreshed resource by its result (`same`, `update`, `delete`) exactly as `--expect-no-changes`
 * would; the steps name the resources.
 */
export function driftReport(stack: string, digest: unknown): DriftReport {
    const d = digest as Digest;
    if (
        typeof d !== "object" ||
        d === null ||
        typeof d.changeSummary !== "object" ||
        d.changeSummary === null
    ) {
        throw new NotADigestError(
            `the refresh output of ${stack} has no changeSummary: not the JSON of \`pulumi refresh --preview-only --json\``,
        );
    }
    const changes = Object.fromEntries(
        Object.entries(d.changeSummary).filter(([op, n]) => op !== "same" && n > 0),
    );
    const resources: DriftedResource[] = [];
    for (const step of d.steps ?? []) {
        if (!step.urn || step.op === "same" || step.op === "read") {
            continue;
        }
        const properties = [
            ...new Set([...(step.diffReasons ?? []), ...Object.keys(step.detailedDiff ?? {})]),
        ].sort();
        // A refresh step's result: gone (no new state), changed (properties differ), or same.
        const gone = step.oldState !== undefined && step.oldState !== null && !step.newState;
        const change =
            step.op === "refresh" ? (gone ? "delete" : properties.length ? "update" : "") : step.op;
        if (change) {
            resources.push({ ...typeAndName(step.urn), change, properties });
        }
    }
    resources.sort((a, b) => (a.type + a.name).localeCompare(b.type + b.name));
    return { stack, drifted: Object.keys(changes).length > 0, changes, resources };
}

/** Backticks and control characters out of a name shown in Markdown code. */
const code = (text: string) => `\`${text.replace(/[`\u0000-\u001f\u007f]/g, "?")}\``;

/** The issue body: what drifted, where to look, what to do. */
export function issueBody(report: DriftReport, runUrl?: string): string {
    if (!report.drifted) {
        return `No drift in stack ${code(report.stack)}: every resource refreshed matches its state.\n`;
    }
    const counts = Object.entries(report.changes)
        .map(([op, n]) => `${n} ${op === "delete" ? "deleted" : op === "update" ? "changed" : op}`)
        .join(", ");
    const lines = [
        `\`pulumi refresh --preview-only\` of stack ${code(report.stack)} found resources that ` +
            `differ from its Pulumi state: ${counts}.`,
        "",
    ];
    if (report.resources.length > 0) {
        lines.push("| resource | type | change | properties |", "| --- | --- | --- | --- |");
        for (const r of report.resources) {
            const props = r.properties.map(code).join(", ") || "(see the run)";
            lines.push(`| ${code(r.name)} | ${code(r.type)} | ${r.change} | ${props} |`);
        }
    } else {
        lines.push("The digest named no resource: see the run's log for the refresh's output.");
    }
    lines.push(
        "",
        "Values are never shown here. Find who changed what in CloudTrail, then either undo the " +
            "change by deploying (`pulumi up` refreshes first and restores the program's " +
            'settings) or make it part of the program. See docs/ci-cd.md, "Drift".',
    );
    if (runUrl) {
        lines.push("", `Run: ${runUrl}`);
    }
    return lines.join("\n") + "\n";
}

function main(argv: string[]): number {
    const [command, ...rest] = argv;
    if (command === "excludes" && rest.length === 0) {
        console.log(excludeFlags().join("\n"));
        return 0;
    }
    if (command === "report" && rest.length === 3) {
        const [stack, digestFile, dir] = rest;
        if (!/^[A-Za-z0-9._-]+$/.test(stack)) {
            console.error(`drift: stack name ${JSON.stringify(stack)} is not a stack file's name`);
            return 2;
        }
        let report: DriftReport;
        try {
            report = driftReport(stack, JSON.parse(fs.readFileSync(digestFile, "utf8")));
        } catch (e) {
            if (e instanceof NotADigestError || e instanceof SyntaxError) {
                console.error(`drift: ${digestFile}: ${e.message}`);
                return 2;
            }
            throw e;
        }
        fs.mkdirSync(dir, { recursive: true });
        const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = process.env;
        const runUrl =
            GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
                ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
                : undefined;
        fs.writeFileSync(
            path.join(dir, `${stack}.json`),
            JSON.stringify({ stack, drifted: report.drifted }) + "\n",
        );
        fs.writeFileSync(path.join(dir, `${stack}.md`), issueBody(report, runUrl));
        console.log(
            report.drifted
                ? `${stack}: drifted (${report.resources.length} resources)`
                : `${stack}: no drift`,
        );
        return 0;
    }
    console.error(USAGE);
    return 2;
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
