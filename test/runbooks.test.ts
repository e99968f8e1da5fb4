import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { z } from "zod";
import { RSTUDIO_CONFIG_KEYS } from "../stacks/rstudio/config";
import { SYSTEM_KEY, SYSTEMS } from "../stacks/system";
import { CONFIG_KEYS } from "../stacks/schema";
import { PROJECT_DIR } from "../tools/synth/planStack";
import { headingAnchor } from "../tools/markdownAnchor";
import {
    planAnyForStack,
    planForStack,
    planStackWithApp,
    SIGN_IN_WITH_LDAP,
    SIGN_IN_WITH_SAML,
} from "./harness";

/**
 * Keeps the documentation honest: every `pulumi stack output` a doc runs names an output (and jq
 * path) of the prod or dev plan, every `redcap:…`/`aws:…` config key it mentions is one the stack
 * config schema reads, and every relative Markdown link (and its #anchor) resolves. Scans
 * README.md and everything under docs/, so docs written later are held to the same rules.
 */

// ---------------------------------------------------------------- reading Markdown

interface Doc {
    /** Path relative to the project, for messages. */
    file: string;
    text: string;
}

interface Region {
    /** The language of a fenced block ("" when none), or undefined for prose. */
    fence?: string;
    text: string;
}

/** Splits Markdown into prose and fenced code blocks (``` or ~~~, possibly indented in lists). */
function regions(text: string): Region[] {
    const out: Region[] = [];
    let lines: string[] = [];
    let fence: { marker: string; lang: string } | undefined;
    for (const line of text.split("\n")) {
        const opening = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
        // A closing fence: only the opening's character, at least as many of them.
        const closes =
            fence !== undefined &&
            line.trim().startsWith(fence.marker) &&
            /^(`+|~+)$/.test(line.trim());
        if (!fence && opening) {
            out.push({ text: lines.join("\n") });
            fence = { marker: opening[1], lang: opening[2] };
            lines = [];
        } else if (fence && closes) {
            out.push({ fence: fence.lang, text: lines.join("\n") });
            fence = undefined;
            lines = [];
        } else {
            lines.push(line);
        }
    }
    out.push({ fence: fence?.lang, text: lines.join("\n") });
    return out;
}

/** The inline code spans of a piece of prose. */
function codeSpans(prose: string): string[] {
    return [...prose.matchAll(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g)].map((m) => m[2]);
}

/** Prose with its inline code spans blanked out (links inside code are not links). */
function withoutCodeSpans(prose: string): string {
    return prose.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (m) => " ".repeat(m.length));
}

// ---------------------------------------------------------------- stack outputs

interface OutputReference {
    name: string;
    /** jq path segments after the name: keys, or "[]" for any element. */
    path: string[];
    /** The text as written, for messages. */
    written: string;
}

/** `pulumi stack output <name>`, optionally `--json | jq [-r] <path>`. */
function outputReferences(text: string): OutputReference[] {
    const pattern =
        /pulumi stack output((?:\s+--[\w-]+)*)\s+([A-Za-z_]\w*)((?:\s+--[\w-]+)*)(\s*\|\s*jq(?:\s+-\w+)*\s+('[^']*'|"[^"]*"|[^\s`]+))?/g;
    return [...text.matchAll(pattern)].map((m) => {
        const filter = (m[5] ?? "").replace(/^['"]|['"]$/g, "");
        return { name: m[2], path: jqPath(filter), written: m[0].trim() };
    });
}

/** The leading path of a jq filter: `.a.b[0]` → ["a", "b", "[]"]; stops at the first non-path. */
function jqPath(filter: string): string[] {
    const lead = /^\.(?:[A-Za-z_]\w*|\[\d*\])?(?:\.[A-Za-z_]\w*|\[\d*\])*/.exec(filter.trim());
    if (!lead) {
        return [];
    }
    return [...lead[0].matchAll(/\.?([A-Za-z_]\w*)|\[\d*\]/g)].map((s) => s[1] ?? "[]");
}

/** Whether `path` exists in `value` (a "[]" step goes into every element of an array or object). */
function hasPath(value: unknown, segments: string[]): boolean {
    if (segments.length === 0) {
        return true;
    }
    const [head, ...rest] = segments;
    if (value === null || typeof value !== "object") {
        return false;
    }
    if (head === "[]") {
        return Object.values(value).some((v) => hasPath(v, rest));
    }
    return (
        !Array.isArray(value) &&
        head in value &&
        hasPath((value as Record<string, unknown>)[head], rest)
    );
}

/** Problems with the output references of `docs`, checked against the outputs of every plan. */
function outputProblems(docs: Doc[], outputs: Record<string, unknown>[]): string[] {
    const problems: string[] = [];
    for (const doc of docs) {
        for (const ref of outputReferences(doc.text)) {
            const resolves = outputs.some((o) => hasPath(o, [ref.name, ...ref.path]));
            if (!resolves) {
                const known = outputs.some((o) => ref.name in o)
                    ? `output "${ref.name}" has no ${ref.path.join(".")}`
                    : `no stack output "${ref.name}"`;
                problems.push(`${doc.file}: \`${ref.written}\`: ${known} in the prod or dev plan`);
            }
        }
    }
    return problems;
}

// ---------------------------------------------------------------- config keys

/** A character that, before `redcap:` or `aws:`, means it is part of something else (ARN, URN, URL). */
const NOT_A_KEY_BEFORE = String.raw`(?<![\w:/.@$-])`;
const REDCAP_KEY = new RegExp(
    `${NOT_A_KEY_BEFORE}(?:redcap|rstudio|platform):[A-Za-z][\\w-]*(?:\\.[A-Za-z][\\w-]*|\\[\\d+\\])*`,
    "g",
);
/** Every system's keys: REDCap's, RStudio's, and the key that says which system a stack is. */
const ALL_CONFIG_KEYS: Record<string, { schema: z.ZodType }> = {
    ...CONFIG_KEYS,
    ...RSTUDIO_CONFIG_KEYS,
    [SYSTEM_KEY]: { schema: z.enum(SYSTEMS) },
};
/** Pulumi's aws provider keys are lower camel case; `aws:SourceArn`-style IAM keys are not config. */
const AWS_KEY = new RegExp(`${NOT_A_KEY_BEFORE}aws:[a-z][A-Za-z0-9]*(?![\\w:/-])`, "g");
/** `aws:` values that are not config keys (S3's server-side encryption algorithm). */
const AWS_NOT_CONFIG = new Set(["aws:kms"]);

/** Config keys mentioned in a document: `redcap:` anywhere but program output, `aws:` in code. */
function configKeyMentions(text: string): string[] {
    const keys: string[] = [];
    for (const region of regions(text)) {
        if (region.fence === "console") {
            continue; // program output, e.g. the README's example of refused keys
        }
        keys.push(...(region.text.match(REDCAP_KEY) ?? []));
        const code = region.fence === undefined ? codeSpans(region.text) : [region.text];
        for (const snippet of code) {
            keys.push(...(snippet.match(AWS_KEY) ?? []).filter((k) => !AWS_NOT_CONFIG.has(k)));
        }
    }
    return keys;
}

interface ZodDefLike {
    type: string;
    shape?: Record<string, z.ZodType>;
    catchall?: z.ZodType;
    innerType?: z.ZodType;
    element?: z.ZodType;
    in?: z.ZodType;
}

function defOf(schema: z.ZodType): ZodDefLike {
    return (schema as unknown as { _zod: { def: ZodDefLike } })._zod.def;
}

/** The schema under optional/default/pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
    const def = defOf(schema);
    if (def.innerType) {
        return unwrap(def.innerType);
    }
    if (def.type === "pipe" && def.in) {
        return unwrap(def.in);
    }
    return schema;
}

/** Whether a key path (`redcap:app.adminCidrs[0]`) is one the stack config schema reads. */
function isConfigKey(key: string): boolean {
    const [, top, rest] = /^([a-z]+:[A-Za-z][\w-]*)(.*)$/.exec(key) ?? [];
    if (!top || !(top in ALL_CONFIG_KEYS)) {
        return false;
    }
    let schema = unwrap(ALL_CONFIG_KEYS[top].schema);
    for (const [, field, index] of rest.matchAll(/\.([A-Za-z][\w-]*)|(\[\d+\])/g)) {
        const def = defOf(schema);
        if (index !== undefined) {
            if (def.type !== "array" || !def.element) {
                return false;
            }
            schema = unwrap(def.element);
        } else if (def.type === "object" && def.shape && field in def.shape) {
            schema = unwrap(def.shape[field]);
        } else if (def.type === "object" && def.catchall && defOf(def.catchall).type !== "never") {
            schema = unwrap(def.catchall);
        } else {
            return false;
        }
    }
    return true;
}

function configKeyProblems(docs: Doc[]): string[] {
    return docs.flatMap((doc) =>
        [...new Set(configKeyMentions(doc.text))]
            .filter((key) => !isConfigKey(key))
            .map(
                (key) =>
                    `${doc.file}: \`${key}\` is not a key of any system's stack config schema (stacks/schema.ts, stacks/rstudio/config.ts)`,
            ),
    );
}

// ---------------------------------------------------------------- links

/** The anchors of a Markdown document's headings (outside code), with GitHub's -1, -2 suffixes. */
function anchorsOf(text: string): Set<string> {
    const anchors = new Set<string>();
    const seen = new Map<string, number>();
    for (const region of regions(text)) {
        if (region.fence !== undefined) {
            continue;
        }
        for (const [, heading] of region.text.matchAll(/^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/gm)) {
            const base = headingAnchor(heading);
            const count = seen.get(base) ?? 0;
            anchors.add(count === 0 ? base : `${base}-${count}`);
            seen.set(base, count + 1);
        }
    }
    return anchors;
}

/** Relative link targets of a document (inline and reference-style), outside code. */
function linkTargets(text: string): string[] {
    const targets: string[] = [];
    for (const region of regions(text)) {
        if (region.fence !== undefined) {
            continue;
        }
        const prose = withoutCodeSpans(region.text);
        for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
            targets.push(m[1]);
        }
        for (const m of prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) {
            targets.push(m[1]);
        }
    }
    return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

function linkProblems(docs: Doc[], projectDir: string): string[] {
    const problems: string[] = [];
    for (const doc of docs) {
        for (const target of linkTargets(doc.text)) {
            const [rawPath, anchor] = target.split("#", 2);
            const file = rawPath
                ? path.resolve(projectDir, path.dirname(doc.file), decodeURIComponent(rawPath))
                : path.resolve(projectDir, doc.file);
            if (!fs.existsSync(file)) {
                problems.push(
                    `${doc.file}: link (${target}): ${path.relative(projectDir, file)} does not exist`,
                );
            } else if (
                anchor &&
                file.endsWith(".md") &&
                !anchorsOf(fs.readFileSync(file, "utf8")).has(anchor)
            ) {
                problems.push(
                    `${doc.file}: link (${target}): ${path.relative(projectDir, file)} has no heading with anchor #${anchor}`,
                );
            }
        }
    }
    return problems;
}

// ---------------------------------------------------------------- the documents

function markdownUnder(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return markdownUnder(full);
        }
        return entry.name.endsWith(".md") ? [full] : [];
    });
}

function projectDocs(): Doc[] {
    const files = [
        path.join(PROJECT_DIR, "README.md"),
        ...markdownUnder(path.join(PROJECT_DIR, "docs")),
    ];
    return files.sort().map((file) => ({
        file: path.relative(PROJECT_DIR, file),
        text: fs.readFileSync(file, "utf8"),
    }));
}

const doc = (text: string, file = "docs/runbooks/example.md"): Doc => ({ file, text });

// ---------------------------------------------------------------- tests

describe("documentation checks (the checker itself)", () => {
    const outputs = [
        {
            url: "https://x",
            database: { clusterIdentifier: "redcap-prod" },
            alerts: { alarmNames: ["a"] },
        },
    ];

    it("reads stack outputs with flags and jq paths, and reports missing ones and missing fields", () => {
        const text = [
            "`pulumi stack output url`",
            "```sh",
            "pulumi stack output database --json | jq -r .clusterIdentifier",
            "pulumi stack output alerts --json | jq -r '.alarmNames[] | select(. == \"a\")'",
            "pulumi stack output --show-secrets database --json | jq -r .writerEndpoint",
            "pulumi stack output nope",
            "```",
        ].join("\n");
        expect(outputReferences(text).map((r) => [r.name, ...r.path].join("."))).to.deep.equal([
            "url",
            "database.clusterIdentifier",
            "alerts.alarmNames.[]",
            "database.writerEndpoint",
            "nope",
        ]);
        const problems = outputProblems([doc(text)], outputs);
        expect(problems).to.have.length(2);
        expect(problems[0]).to.contain('output "database" has no writerEndpoint');
        expect(problems[1]).to.contain('no stack output "nope"');
    });

    it("accepts config keys down to list items and tags, and refuses unknown ones in both namespaces", () => {
        for (const key of [
            "aws:region",
            "redcap:accountId",
            "redcap:app.adminCidrs[0]",
            "redcap:tags.cost-center",
            "redcap:tags.anything-else",
            "redcap:fileStore.objectLock.days",
            "redcap:database",
        ]) {
            expect(isConfigKey(key), key).to.equal(true);
        }
        for (const key of [
            "aws:allowedAccountIds",
            "redcap:app.nope",
            "redcap:network.natGateway",
            "redcap:fileStore.objectLock.mode.x",
            "redcap:alarms.emails.first",
            "redcap:nope",
        ]) {
            expect(isConfigKey(key), key).to.equal(false);
        }
    });

    it("finds config keys in prose and code but not in ARNs, URNs, type tokens, IAM keys or program output", () => {
        const text = [
            "Set `redcap:app.redcapZip` and `aws:region`; see redcap:database.readers.",
            "`arn:aws:kms:us-east-1:1:key/x`, `urn:pulumi:prod::redcap::hipaa:app:RedcapService`,",
            "`aws:s3/bucket:Bucket`, `aws:SourceArn`, `aws:kms`, image `repo/redcap:15.0.1`.",
            "```sh",
            "pulumi config set --path 'redcap:mail.fromAddress' x@y.edu",
            "pulumi config set aws:profile me",
            "```",
            "```console",
            "  - redcap:network.natGateway: unknown key",
            "```",
        ].join("\n");
        expect(configKeyMentions(text)).to.deep.equal([
            "redcap:app.redcapZip",
            "redcap:database.readers",
            "aws:region",
            "redcap:mail.fromAddress",
            "aws:profile",
        ]);
        expect(configKeyProblems([doc("`aws:defaultTags` and `redcap:app.cpus`")])).to.have.length(
            2,
        );
        // The RStudio stacks' keys are checked as strictly.
        expect(
            configKeyProblems([
                doc(
                    "`rstudio:users[0].uid`, `rstudio:rstudio.mode`, `rstudio:shiny.replicas`, `platform:system`",
                ),
            ]).map((p) => p.split("`")[1]),
        ).to.deep.equal(["rstudio:shiny.replicas"]);
    });

    it("resolves relative links and their anchors, and ignores external links and code", () => {
        const text = [
            "# Title",
            "## A section: with `code`",
            "[ok](../../README.md#stack-configuration) [self](#a-section-with-code)",
            "[web](https://example.edu/x.md) [mail](mailto:a@b.c) `[code](missing.md)`",
            "[gone](missing.md) [bad anchor](../../README.md#no-such-heading) [bad self](#nope)",
            "[ref]: ../../package.json",
            "```md",
            "[in a block](also-missing.md)",
            "```",
        ].join("\n");
        const file = "docs/runbooks/example.md";
        expect(linkTargets(text)).to.deep.equal([
            "../../README.md#stack-configuration",
            "#a-section-with-code",
            "missing.md",
            "../../README.md#no-such-heading",
            "#nope",
            "../../package.json",
        ]);
        // The checker reads link targets from disk: lay the example out in a temporary project.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runbooks-test-"));
        try {
            fs.mkdirSync(path.join(dir, "docs", "runbooks"), { recursive: true });
            fs.writeFileSync(path.join(dir, file), text);
            fs.copyFileSync(path.join(PROJECT_DIR, "README.md"), path.join(dir, "README.md"));
            fs.copyFileSync(path.join(PROJECT_DIR, "package.json"), path.join(dir, "package.json"));
            const problems = linkProblems([doc(text, file)], dir);
            expect(problems).to.have.length(3);
            expect(problems[0]).to.contain("docs/runbooks/missing.md does not exist");
            expect(problems[1]).to.contain("README.md has no heading with anchor #no-such-heading");
            expect(problems[2]).to.contain("has no heading with anchor #nope");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("computes GitHub's heading anchors", () => {
        expect(headingAnchor("1. Backtrack (prod, within 24 hours)")).to.equal(
            "1-backtrack-prod-within-24-hours",
        );
        expect(headingAnchor("REDCap's S3 access key")).to.equal("redcaps-s3-access-key");
        expect(headingAnchor("What `pulumi destroy` removes in dev")).to.equal(
            "what-pulumi-destroy-removes-in-dev",
        );
        expect(headingAnchor("164.308(a)(1)(ii)(A) Risk analysis")).to.equal(
            "164308a1iia-risk-analysis",
        );
    });
});

describe("documentation (README.md and docs/)", function () {
    this.timeout(60000);
    const docs = projectDocs();
    let outputs: Record<string, unknown>[] = [];

    before(async () => {
        outputs = [
            (await planForStack("prod")).plan.outputs,
            (await planForStack("dev")).plan.outputs,
            (await planAnyForStack("rstudio-prod")).plan.outputs,
            (await planAnyForStack("rstudio-dev")).plan.outputs,
            // Outputs that exist only with an optional feature turned on.
            (await planStackWithApp("dev", SIGN_IN_WITH_LDAP)).plan.outputs,
            (await planStackWithApp("dev", SIGN_IN_WITH_SAML)).plan.outputs,
        ];
    });

    it("scans the README and every runbook, and finds what it checks in them", () => {
        const files = docs.map((d) => d.file);
        for (const runbook of [
            "first-deployment",
            "restore",
            "rotation",
            "disaster-recovery",
            "teardown-dev",
            "README",
        ]) {
            expect(files).to.include(`docs/runbooks/${runbook}.md`);
        }
        expect(files).to.include("README.md");
        expect(docs.flatMap((d) => outputReferences(d.text))).to.have.length.above(30);
        expect(docs.flatMap((d) => configKeyMentions(d.text))).to.have.length.above(100);
        expect(docs.flatMap((d) => linkTargets(d.text))).to.have.length.above(30);
    });

    it("runs `pulumi stack output` only for outputs (and jq paths) the prod or dev plan has", () => {
        const problems = outputProblems(docs, outputs);
        expect(problems, problems.join("\n")).to.deep.equal([]);
    });

    it("mentions only config keys the stack config schema reads", () => {
        const problems = configKeyProblems(docs);
        expect(problems, problems.join("\n")).to.deep.equal([]);
    });

    it("links only to files and headings that exist", () => {
        const problems = linkProblems(docs, PROJECT_DIR);
        expect(problems, problems.join("\n")).to.deep.equal([]);
    });

    it("the README's code tree names every folder of components/ and stacks/", () => {
        const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
        const tree = readme.slice(readme.indexOf("The code:"));
        const folders = ["components", "stacks"].flatMap((dir) =>
            fs
                .readdirSync(path.join(PROJECT_DIR, dir), { withFileTypes: true })
                .filter((e) => e.isDirectory() && e.name !== "node_modules")
                .map((e) => e.name),
        );
        expect(folders).to.include.members(["fargateService", "redcap", "rstudio"]);
        const missing = folders.filter((f) => !new RegExp(`(^|[\\s,])${f}/`, "m").test(tree));
        expect(missing).to.deep.equal([]);
    });

    it("stack files and source comments name only documents that exist", () => {
        const sources = [
            ...fs.readdirSync(PROJECT_DIR).filter((f) => /^Pulumi\..*\.yaml$/.test(f)),
            "index.ts",
            ...["components", "stacks", "tools", "policy-pack"].flatMap((dir) =>
                fs
                    .readdirSync(path.join(PROJECT_DIR, dir), { recursive: true, encoding: "utf8" })
                    .filter(
                        (f) => /\.(ts|yaml)$/.test(f) && !/node_modules|\.(test|spec)\.ts$/.test(f),
                    )
                    .map((f) => path.join(dir, f)),
            ),
        ];
        const named = sources.flatMap((file) =>
            [
                ...fs
                    .readFileSync(path.join(PROJECT_DIR, file), "utf8")
                    .matchAll(/\b((?:docs|policy-pack)\/[\w./-]*\.md)\b/g),
            ].map((m) => ({ file, doc: m[1] })),
        );
        expect(named.length, "document names found").to.be.above(10);
        const missing = named.filter(({ doc }) => !fs.existsSync(path.join(PROJECT_DIR, doc)));
        expect(missing.map(({ file, doc }) => `${file}: ${doc}`)).to.deep.equal([]);
    });
});
