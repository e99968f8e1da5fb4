import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { parse } from "yaml";
import {
    deployWaves,
    NEUTRAL_PATHS,
    previewRoleVariable,
    previewTargets,
} from "../tools/ci/affectedStacks";
import { projectStacks, stackEnvironment, stackRegion } from "../tools/ci/cli";

/**
 * Bash as GitHub runs a step's script (`bash --noprofile --norc -eo pipefail {0}`): no startup
 * files, even when bash decides from a socket on stdin (as Node's pipes are) that a remote shell
 * daemon started it and would otherwise read ~/.bashrc.
 */
const GITHUB_BASH = ["--noprofile", "--norc"];
/**
 * The CI/CD workflows (.github/workflows) and the repository's YAML: yamllint with the repo's
 * config, then what the project relies on, read with the `yaml` parser: OIDC only, minimal
 * permissions, pinned actions, the policy pack on every preview and `up`, dev before prod behind
 * the `prod` environment, and every script, file, stack and variable they name actually existing
 * (and documented in docs/ci-cd.md).
 */

const ROOT = path.resolve(__dirname, "..");
const WORKFLOW_DIR = path.join(ROOT, ".github", "workflows");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

interface Step {
    name?: string;
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, unknown>;
    "working-directory"?: string;
}
interface Job {
    name?: string;
    needs?: string | string[];
    if?: string;
    environment?: string | { name: string };
    permissions?: Record<string, string> | string;
    concurrency?: { group: string; "cancel-in-progress": boolean };
    strategy?: { matrix?: unknown; "fail-fast"?: boolean };
    steps: Step[];
}
interface Workflow {
    name: string;
    on: Record<string, unknown>;
    permissions?: Record<string, string> | string;
    jobs: Record<string, Job>;
}

const workflowFiles = fs
    .readdirSync(WORKFLOW_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
const workflows: Record<string, Workflow> = Object.fromEntries(
    workflowFiles.map((f) => [f, parse(read(`.github/workflows/${f}`)) as Workflow]),
);
const allJobs = Object.entries(workflows).flatMap(([file, wf]) =>
    Object.entries(wf.jobs).map(([id, job]) => ({ file, id, job })),
);
const allSteps = allJobs.flatMap(({ file, id, job }) =>
    job.steps.map((step) => ({
        where: `${file} ${id} ${step.name ?? step.uses ?? ""}`,
        job,
        step,
    })),
);
const usesAction = (step: Step, action: string) => step.uses?.split("@")[0] === action;
const pkg = JSON.parse(read("package.json")) as {
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    engines: { node: string };
};
const doc = read("docs/ci-cd.md");

/** Every YAML file of the repository, outside dependencies and scratch space. */
function yamlFiles(dir = ROOT): string[] {
    const skip = new Set(["node_modules", ".git", "scratch", ".build"]);
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return skip.has(entry.name) ? [] : yamlFiles(full);
        }
        return /\.ya?ml$/.test(entry.name) ? [path.relative(ROOT, full)] : [];
    });
}

describe("CI/CD workflows", () => {
    it("has the pull-request, deploy, policy-pack, release and drift workflows", () => {
        expect(workflowFiles).to.include.members([
            "pull-request.yml",
            "deploy.yml",
            "publish-policy-pack.yml",
            "release.yml",
            "drift.yml",
        ]);
    });

    describe("yamllint (.yamllint.yaml)", () => {
        it("passes on the workflows and every other YAML file of the repository", () => {
            const files = yamlFiles();
            expect(files).to.include.members([
                ".github/workflows/deploy.yml",
                "Pulumi.yaml",
                "Pulumi.prod.yaml",
                "policy-pack/PulumiPolicy.yaml",
                ".yamllint.yaml",
            ]);
            const result = spawnSync(
                "yamllint",
                ["--strict", "-f", "parsable", "-c", ".yamllint.yaml", ...files],
                { cwd: ROOT, encoding: "utf8", timeout: 20000 },
            );
            if (result.error) {
                throw new Error(
                    `yamllint could not run (${result.error.message}); run bash tools/install.sh`,
                );
            }
            expect(result.stdout + result.stderr, "yamllint findings").to.equal("");
            expect(result.status).to.equal(0);
        });
    });

    describe("credentials: OIDC only", () => {
        it("never names long-lived AWS keys or a Pulumi token secret", () => {
            for (const file of workflowFiles) {
                const text = read(`.github/workflows/${file}`);
                expect(text, file).to.not.match(
                    /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key|secrets\.PULUMI_ACCESS_TOKEN/,
                );
            }
        });

        it("assumes AWS roles and gets Pulumi tokens only in jobs allowed an OIDC token", () => {
            const oidcSteps = allSteps.filter(
                ({ step }) =>
                    usesAction(step, "aws-actions/configure-aws-credentials") ||
                    usesAction(step, "pulumi/auth-actions"),
            );
            expect(oidcSteps.length).to.be.greaterThan(5);
            for (const { where, job, step } of oidcSteps) {
                expect(job.permissions, where).to.deep.include({ "id-token": "write" });
                if (usesAction(step, "aws-actions/configure-aws-credentials")) {
                    expect(step.with?.["role-to-assume"], where).to.match(/^\$\{\{ vars/);
                    expect(step.with?.["aws-region"], where).to.be.a("string").and.not.empty;
                }
            }
        });

        it("asks for an OIDC token only where a step uses one", () => {
            for (const { file, id, job } of allJobs) {
                const wantsToken =
                    typeof job.permissions === "object" && job.permissions["id-token"];
                const usesToken = job.steps.some(
                    (s) =>
                        usesAction(s, "aws-actions/configure-aws-credentials") ||
                        usesAction(s, "pulumi/auth-actions") ||
                        // npm's trusted publishing and provenance exchange the job's OIDC token.
                        /^npm publish .*--provenance/.test(s.run ?? ""),
                );
                expect(!!wantsToken, `${file} ${id}`).to.equal(usesToken);
            }
        });

        it("runs no untrusted pull request code with secrets (no pull_request_target, no workflow_run)", () => {
            for (const [file, wf] of Object.entries(workflows)) {
                expect(Object.keys(wf.on), file).to.not.include.members([
                    "pull_request_target",
                    "workflow_run",
                ]);
            }
        });

        it("previews with credentials only for pull requests from this repository", () => {
            const preview = workflows["pull-request.yml"].jobs.preview;
            expect(preview.if).to.include(
                "github.event.pull_request.head.repo.full_name == github.repository",
            );
            expect(preview.if).to.include("github.actor != 'dependabot[bot]'");
            expect(preview.needs).to.equal("check");
        });
    });

    describe("permissions", () => {
        const allowed: Record<string, string[]> = {
            contents: ["read", "write"],
            "id-token": ["write"],
            issues: ["write"],
            "pull-requests": ["write"],
        };

        it("grant nothing at the top level of any workflow", () => {
            for (const [file, wf] of Object.entries(workflows)) {
                expect(wf.permissions, file).to.deep.equal({});
            }
        });

        it("are declared per job, from a short list", () => {
            for (const { file, id, job } of allJobs) {
                expect(job.permissions, `${file} ${id}`).to.be.an("object");
                for (const [scope, level] of Object.entries(job.permissions as object)) {
                    expect(allowed[scope] ?? [], `${file} ${id}: ${scope}`).to.include(level);
                }
            }
        });

        it("write pull requests only in the job that comments on them", () => {
            const commenting = allJobs.filter(({ job }) =>
                job.steps.some((s) => s.with?.["comment-on-pr"] === true),
            );
            expect(commenting.map((j) => j.id)).to.deep.equal(["preview"]);
            for (const { file, id, job } of allJobs) {
                const writes = (job.permissions as Record<string, string>)["pull-requests"];
                expect(writes === "write", `${file} ${id}`).to.equal(
                    commenting.some((c) => c.job === job),
                );
            }
        });

        it("write contents only to create the GitHub release, and issues only for drift, without cloud credentials", () => {
            const writers = (scope: string) =>
                allJobs
                    .filter(
                        ({ job }) => (job.permissions as Record<string, string>)[scope] === "write",
                    )
                    .map(({ file, id }) => `${file} ${id}`);
            expect(writers("contents")).to.deep.equal(["release.yml github-release"]);
            expect(writers("issues")).to.deep.equal(["drift.yml issues"]);
            for (const { file, id, job } of allJobs) {
                const perms = job.permissions as Record<string, string>;
                if (perms.contents === "write" || perms.issues === "write") {
                    expect(perms["id-token"], `${file} ${id}`).to.equal(undefined);
                }
            }
        });
    });

    describe("actions", () => {
        it("are pinned to a full commit SHA, with the release it is in a comment", () => {
            for (const file of workflowFiles) {
                const lines = read(`.github/workflows/${file}`)
                    .split("\n")
                    .filter((l) => /^\s*(- )?uses:/.test(l));
                expect(lines.length, file).to.be.greaterThan(0);
                for (const line of lines) {
                    expect(line, file).to.match(
                        /uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/,
                    );
                }
            }
        });

        it("are pinned to the same commit wherever they are used", () => {
            const pins = new Map<string, Set<string>>();
            for (const { step } of allSteps.filter((s) => s.step.uses)) {
                const [action, ref] = step.uses!.split("@");
                pins.set(action, (pins.get(action) ?? new Set()).add(ref));
            }
            expect(pins.size).to.equal(7);
            for (const [action, refs] of pins) {
                expect([...refs], action).to.have.length(1);
            }
        });

        it("check out without leaving the token in the git config", () => {
            for (const { where, step } of allSteps.filter((s) =>
                usesAction(s.step, "actions/checkout"),
            )) {
                expect(step.with?.["persist-credentials"], where).to.equal(false);
            }
        });

        it("use one Node.js version, one the project supports", () => {
            const versions = new Set(
                allSteps
                    .filter((s) => usesAction(s.step, "actions/setup-node"))
                    .map((s) => String(s.step.with?.["node-version"])),
            );
            expect([...versions]).to.deep.equal(["22.x"]);
            expect(pkg.engines.node).to.include(">=22");
        });

        it("restore no dependency cache in jobs that hold cloud credentials", () => {
            for (const { where, job, step } of allSteps) {
                const privileged =
                    typeof job.permissions === "object" && job.permissions["id-token"] === "write";
                if (privileged && usesAction(step, "actions/setup-node")) {
                    expect(step.with?.["package-manager-cache"], where).to.equal(false);
                    expect(step.with?.cache, where).to.equal(undefined);
                }
            }
        });
    });

    describe("pulumi", () => {
        const pulumiSteps = allSteps.filter((s) => usesAction(s.step, "pulumi/actions"));
        const commandSteps = pulumiSteps.filter((s) => s.step.with?.command);

        it("installs the CLI of the SDK release package.json pins", () => {
            expect(pulumiSteps.length).to.be.greaterThan(3);
            for (const { where, step } of pulumiSteps) {
                expect(step.with?.["pulumi-version"], where).to.equal(
                    pkg.dependencies["@pulumi/pulumi"],
                );
            }
        });

        it("previews and updates only with the policy pack, installed from its lockfile first", () => {
            const commands = commandSteps.map((s) => s.step.with!.command);
            expect(commands).to.include.members(["preview", "up"]);
            for (const { where, job, step } of commandSteps) {
                expect(step.with?.policyPacks, where).to.equal("policy-pack");
                const before = job.steps.slice(0, job.steps.indexOf(step));
                expect(
                    before.some(
                        (s) =>
                            s.run?.includes("npm ci --no-audit --no-fund --prefix policy-pack") ||
                            s.run === "bash tools/install.sh",
                    ),
                    where,
                ).to.equal(true);
            }
        });

        it("comes after both credentials in the same job", () => {
            for (const { where, job, step } of commandSteps) {
                const before = job.steps.slice(0, job.steps.indexOf(step));
                expect(
                    before.some((s) => usesAction(s, "aws-actions/configure-aws-credentials")),
                    where,
                ).to.equal(true);
                expect(
                    before.some((s) => usesAction(s, "pulumi/auth-actions")),
                    where,
                ).to.equal(true);
            }
        });

        it("names stacks that have a stack file", () => {
            const stacks = projectStacks();
            for (const { where, step } of commandSteps) {
                const name = String(step.with?.["stack-name"]);
                expect(name, where).to.match(/^\$\{\{ vars\.PULUMI_ORG \}\}\//);
                const stack = name.split("/").pop()!;
                if (stack !== "${{ matrix.stack }}") {
                    expect(stacks, where).to.include(stack);
                }
            }
            for (const { where, step } of allSteps) {
                const run = step.run ?? "";
                for (const [, stack] of run.matchAll(
                    /tools\/ci\/cli\.ts stack-region ([\w.-]+)/g,
                )) {
                    expect(stacks, where).to.include(stack);
                }
            }
        });

        it("posts pull request previews as comments, never refreshing with the read-only role", () => {
            const preview = workflows["pull-request.yml"].jobs.preview.steps.find((s) =>
                usesAction(s, "pulumi/actions"),
            )!;
            expect(preview.with).to.deep.include({
                command: "preview",
                "comment-on-pr": true,
                refresh: false,
            });
        });
    });

    describe("deploy.yml", () => {
        const deploy = workflows["deploy.yml"];

        it("runs on pushes to main and by hand", () => {
            expect(deploy.on).to.have.keys(["push", "workflow_dispatch"]);
            expect((deploy.on.push as { branches: string[] }).branches).to.deep.equal(["main"]);
        });

        it("ignores exactly the paths tools/ci/affectedStacks.ts calls neutral", () => {
            expect((deploy.on.push as { "paths-ignore": string[] })["paths-ignore"]).to.deep.equal([
                ...NEUTRAL_PATHS,
            ]);
        });

        it("updates every other stack first, then each prod stack in its environment after a preview", () => {
            const { first, prod } = deploy.jobs;
            const preview = deploy.jobs["preview-prod"];
            for (const [job, wave] of [
                [first, "first"],
                [preview, "prod"],
                [prod, "prod"],
            ] as const) {
                expect(job.strategy?.matrix).to.deep.equal({
                    include: `\${{ fromJSON(needs.changes.outputs.${wave}) }}`,
                });
                expect(job.strategy?.["fail-fast"]).to.equal(false);
                // An empty matrix is an error in GitHub Actions: the job is skipped instead.
                expect(job.if).to.include(`needs.changes.outputs.${wave} != '[]'`);
            }
            expect(first.environment).to.equal("${{ matrix.stack }}");
            expect(prod.environment).to.equal("${{ matrix.stack }}");
            expect(preview.environment).to.equal(undefined);
            expect(prod.needs).to.include.members(["first", "preview-prod"]);
            expect(preview.needs).to.include("first");
            // prod may run when the first wave had nothing (skipped), never when it failed.
            for (const job of [preview, prod]) {
                expect(job.if).to.include(
                    `contains(fromJSON('["success", "skipped"]'), needs.first.result)`,
                );
            }
            expect(prod.if).to.include("needs.preview-prod.result == 'success'");
            for (const job of [first, prod]) {
                const up = job.steps.find((s) => usesAction(s, "pulumi/actions"))!;
                expect(up.with?.command).to.equal("up");
                expect(up.with?.["stack-name"]).to.equal(
                    "${{ vars.PULUMI_ORG }}/${{ matrix.stack }}",
                );
            }
        });

        it("puts every stack file in a wave: the prod stacks, by their environment key, last", () => {
            const run = deploy.jobs.changes.steps.map((s) => s.run ?? "").join("\n");
            expect(run).to.include("affected-stacks --waves");
            const waves = deployWaves(
                previewTargets(
                    projectStacks(),
                    Object.fromEntries(projectStacks().map((s) => [s, stackRegion(s)])),
                ),
                Object.fromEntries(projectStacks().map((s) => [s, stackEnvironment(s)])),
            );
            expect(waves.first.map((t) => t.stack)).to.include.members(["dev", "rstudio-dev"]);
            expect(waves.prod.map((t) => t.stack)).to.include.members(["prod", "rstudio-prod"]);
            expect(waves.first.length + waves.prod.length).to.equal(projectStacks().length);
        });

        it("never runs two updates of a stack at once, never cancels a running one", () => {
            for (const id of ["first", "prod"]) {
                const group = deploy.jobs[id].concurrency;
                expect(group?.group, id).to.equal("pulumi-up-${{ matrix.stack }}");
                expect(group?.["cancel-in-progress"], id).to.equal(false);
            }
        });

        it("deploys only from main", () => {
            expect(deploy.jobs.changes.if).to.equal("github.ref == 'refs/heads/main'");
            for (const id of ["first", "preview-prod", "prod"]) {
                expect(deploy.jobs[id].needs, id).to.include("changes");
            }
        });
    });

    describe("publish-policy-pack.yml", () => {
        const publish = workflows["publish-policy-pack.yml"];
        const job = publish.jobs.publish;

        it("runs on policy-pack-v* tags, in the policy-pack environment", () => {
            expect(publish.on).to.deep.equal({ push: { tags: ["policy-pack-v*"] } });
            expect(job.environment).to.equal("policy-pack");
        });

        it("checks the tag against the pack's version, type-checks and tests before publishing", () => {
            const runs = job.steps.map((s) => s.run ?? "");
            const at = (text: string) => runs.findIndex((r) => r.includes(text));
            const publishAt = at("pulumi policy publish");
            expect(runs[publishAt]).to.equal('pulumi policy publish "$PULUMI_ORG"');
            expect(job.steps[publishAt]["working-directory"]).to.equal("policy-pack");
            for (const before of [
                "policy-pack-v$(jq -r .version policy-pack/package.json)",
                "npm run -s build",
                "npm test",
            ]) {
                expect(at(before), before).to.be.within(0, publishAt - 1);
            }
        });

        it("the version check accepts the current version's tag and refuses another", () => {
            const check = job.steps.find((s) => s.run?.includes("expected="))!.run!;
            const version = (JSON.parse(read("policy-pack/package.json")) as { version: string })
                .version;
            const run = (tag: string) =>
                spawnSync("bash", [...GITHUB_BASH, "-c", check], {
                    cwd: ROOT,
                    env: { PATH: process.env.PATH, TAG: tag },
                    encoding: "utf8",
                }).status;
            expect(run(`policy-pack-v${version}`)).to.equal(0);
            expect(run(`policy-pack-v${version}.1`)).to.equal(1);
        });
    });

    describe("release.yml", () => {
        const release = workflows["release.yml"];
        const { check, publish } = release.jobs;
        const githubRelease = release.jobs["github-release"];
        const runs = (job: Job) => job.steps.map((s) => s.run ?? "");

        it("runs only on v* tags; publishes in the npm environment after the checks", () => {
            expect(release.on).to.deep.equal({ push: { tags: ["v*"] } });
            expect(publish.environment).to.equal("npm");
            expect(publish.needs).to.equal("check");
            expect(githubRelease.needs).to.equal("publish");
            expect(check.environment).to.equal(undefined);
            expect(githubRelease.environment).to.equal(undefined);
        });

        it("checks the tag and the changelog, type-checks and tests, then publishes with provenance", () => {
            const at = (text: string) => runs(check).findIndex((r) => r.includes(text));
            for (const step of [
                "expected=",
                "bash tools/install.sh",
                "tools/release/changelog.ts",
                "npm run -s build",
                "npm test",
                "npm run -s test:package",
            ]) {
                expect(at(step), step).to.be.at.least(0);
            }
            expect(at("expected=")).to.be.below(at("bash tools/install.sh"));
            const publishRuns = runs(publish);
            expect(publishRuns.at(-1)).to.equal(
                "npm publish .build/components-package --provenance --access public",
            );
            expect(publishRuns.indexOf("npm run -s package:components")).to.be.within(
                0,
                publishRuns.length - 2,
            );
            // Trusted publishing (OIDC), no token: npm 11.5.1 or later, no secret anywhere.
            expect(publish.permissions).to.deep.equal({ contents: "read", "id-token": "write" });
            const npm = publishRuns.find((r) => r.includes("--global"))!;
            const [major, minor] = /npm@(\d+)\.(\d+)\.\d+$/.exec(npm)!.slice(1).map(Number);
            expect(major > 11 || (major === 11 && minor >= 5), npm).to.equal(true);
            expect(read(".github/workflows/release.yml")).to.not.match(/secrets\.|NODE_AUTH_TOKEN/);
        });

        it("the version check accepts the current version's tag and refuses another or a version mismatch", () => {
            const script = check.steps.find((s) => s.run?.includes("expected="))!.run!;
            const version = (JSON.parse(read("package.json")) as { version: string }).version;
            const run = (tag: string, cwd = ROOT) =>
                spawnSync("bash", [...GITHUB_BASH, "-c", script], {
                    cwd,
                    env: { PATH: process.env.PATH, TAG: tag },
                    encoding: "utf8",
                }).status;
            expect(run(`v${version}`)).to.equal(0);
            expect(run(`v${version}.1`)).to.equal(1);
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "release-tag-"));
            try {
                fs.mkdirSync(path.join(dir, "packages", "components"), { recursive: true });
                fs.writeFileSync(path.join(dir, "package.json"), `{"version": "${version}"}`);
                fs.writeFileSync(
                    path.join(dir, "packages", "components", "package.json"),
                    `{"version": "${version}-other"}`,
                );
                expect(run(`v${version}`, dir)).to.equal(1);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("creates the GitHub release from the tag with the changelog's section", () => {
            const script = runs(githubRelease).find((r) => r.includes("gh release create"))!;
            expect(script).to.include('tools/release/changelog.ts "${TAG#v}"');
            expect(script).to.match(/gh release create "\$TAG" --verify-tag .*--notes-file/);
        });
    });

    describe("drift.yml", () => {
        const drift = workflows["drift.yml"];
        const { refresh, issues } = drift.jobs;

        it("runs nightly and by hand, never on pushes or pull requests", () => {
            expect(drift.on).to.have.keys(["schedule", "workflow_dispatch"]);
            const [{ cron }] = drift.on.schedule as { cron: string }[];
            // Once a day: fixed minute and hour, every day.
            expect(cron).to.match(/^\d{1,2} \d{1,2} \* \* \*$/);
        });

        it("refreshes every stack file with its read-only preview role, outside any environment", () => {
            const run = drift.jobs.stacks.steps.map((s) => s.run ?? "").join("\n");
            expect(run).to.include("tools/ci/cli.ts affected-stacks --all");
            expect(refresh.strategy?.matrix).to.deep.equal({
                include: "${{ fromJSON(needs.stacks.outputs.stacks) }}",
            });
            // The deploy roles trust only jobs in the stacks' environments; this job is in none.
            expect(refresh.environment).to.equal(undefined);
            const roles = refresh.steps
                .filter((s) => usesAction(s, "aws-actions/configure-aws-credentials"))
                .map((s) => s.with?.["role-to-assume"]);
            expect(roles).to.deep.equal(["${{ vars[matrix.roleVariable] }}"]);
            expect(read(".github/workflows/drift.yml")).to.not.include("AWS_DEPLOY_ROLE_ARN");
            const command = refresh.steps
                .map((s) => s.run ?? "")
                .find((r) => r.includes("pulumi refresh"))!;
            expect(command).to.include("--preview-only");
            expect(command).to.not.match(/--yes|-y\b|--skip-preview|pulumi up|--run-program/);
            expect(refresh.steps.filter((s) => s.with?.command)).to.deep.equal([]);
        });

        it("reports what the refresh found, excluding what the preview role may not read", () => {
            const step = refresh.steps.find((s) => s.run?.includes("pulumi refresh"))!;
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-refresh-"));
            try {
                // A stand-in pulumi: records its arguments, prints a digest with one drifted bucket.
                fs.mkdirSync(path.join(dir, "bin"));
                const digest = {
                    steps: [
                        {
                            op: "refresh",
                            urn: "urn:pulumi:dev::redcap::hipaa:storage:FileStore$aws:s3/bucket:Bucket::files",
                            diffReasons: ["versioning"],
                        },
                    ],
                    changeSummary: { same: 10, update: 1 },
                };
                fs.writeFileSync(
                    path.join(dir, "bin", "pulumi"),
                    `#!/usr/bin/env bash\nprintf '%s\\n' "$@" > "${dir}/args"\ncat <<'JSON'\n${JSON.stringify(digest)}\nJSON\n`,
                    { mode: 0o755 },
                );
                const result = spawnSync(
                    "bash",
                    [...GITHUB_BASH, "-eo", "pipefail", "-c", step.run!],
                    {
                        cwd: ROOT,
                        env: {
                            PATH: `${path.join(dir, "bin")}:${process.env.PATH}`,
                            RUNNER_TEMP: dir,
                            GITHUB_STEP_SUMMARY: path.join(dir, "summary"),
                            STACK: "dev",
                            PULUMI_ORG: "my-research-it",
                        },
                        encoding: "utf8",
                    },
                );
                expect(result.status, result.stderr).to.equal(0);
                const args = fs.readFileSync(path.join(dir, "args"), "utf8").split("\n");
                expect(args).to.include.members([
                    "refresh",
                    "my-research-it/dev",
                    "--preview-only",
                    "--json",
                    "--exclude=**aws:secretsmanager/secretVersion:SecretVersion::**",
                ]);
                expect(
                    JSON.parse(fs.readFileSync(path.join(dir, "drift", "dev.json"), "utf8")),
                ).to.deep.equal({
                    stack: "dev",
                    drifted: true,
                });
                expect(fs.readFileSync(path.join(dir, "summary"), "utf8")).to.include(
                    "`versioning`",
                );
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("opens an issue for a drifted stack, comments on its open one, closes it when drift is gone", () => {
            expect(issues.needs).to.equal("refresh");
            expect(issues.permissions).to.deep.equal({ issues: "write" });
            const script = issues.steps.find((s) => s.run?.includes("gh issue"))!.run!;
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-issues-"));
            try {
                fs.mkdirSync(path.join(dir, "bin"));
                fs.mkdirSync(path.join(dir, "drift"));
                const reports: [string, boolean][] = [
                    ["dev", true],
                    ["prod", true],
                    ["rstudio-dev", false],
                    ["rstudio-prod", false],
                ];
                for (const [stack, drifted] of reports) {
                    fs.writeFileSync(
                        path.join(dir, "drift", `${stack}.json`),
                        JSON.stringify({ stack, drifted }),
                    );
                    fs.writeFileSync(path.join(dir, "drift", `${stack}.md`), `body of ${stack}\n`);
                }
                // A stand-in gh: logs each call; `issue list` applies the script's --jq filter
                // to these open issues (one whose title only starts like dev's).
                const open = JSON.stringify([
                    { number: 7, title: "Drift in stack prod" },
                    { number: 9, title: "Drift in stack rstudio-dev" },
                    { number: 11, title: "Drift in stack dev (old)" },
                ]);
                fs.writeFileSync(
                    path.join(dir, "bin", "gh"),
                    [
                        "#!/usr/bin/env bash",
                        `printf '%s\\n' "$*" >> "${dir}/calls"`,
                        'if [ "$1 $2" = "issue list" ]; then',
                        '  while [ "$#" -gt 0 ] && [ "$1" != --jq ]; do shift; done',
                        `  jq -r "$2" <<< '${open}'`,
                        "fi",
                    ].join("\n") + "\n",
                    { mode: 0o755 },
                );
                const result = spawnSync(
                    "bash",
                    [...GITHUB_BASH, "-eo", "pipefail", "-c", script],
                    {
                        env: {
                            PATH: `${path.join(dir, "bin")}:${process.env.PATH}`,
                            RUNNER_TEMP: dir,
                            RUN_URL: "https://github.com/o/r/actions/runs/1",
                        },
                        encoding: "utf8",
                    },
                );
                expect(result.status, result.stderr).to.equal(0);
                const calls = fs
                    .readFileSync(path.join(dir, "calls"), "utf8")
                    .split("\n")
                    .filter((c) => c && !c.startsWith("issue list"));
                expect(calls).to.deep.equal([
                    `issue create --title Drift in stack dev --body-file ${dir}/drift/dev.md`,
                    `issue comment 7 --body-file ${dir}/drift/prod.md`,
                    "issue close 9 --comment No drift in stack rstudio-dev any more: https://github.com/o/r/actions/runs/1",
                ]);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });

    describe("dependabot.yml", () => {
        const config = parse(read(".github/dependabot.yml")) as {
            updates: {
                "package-ecosystem": string;
                directory: string;
                schedule: { interval: string };
                groups?: Record<string, { patterns: string[] }>;
            }[];
        };
        const of = (ecosystem: string) =>
            config.updates.filter((u) => u["package-ecosystem"] === ecosystem);

        it("updates npm weekly in the root and the policy pack, grouped, each folder with its lockfile", () => {
            expect(of("npm").map((u) => u.directory)).to.deep.equal(["/", "/policy-pack"]);
            for (const update of of("npm")) {
                expect(update.schedule.interval, update.directory).to.equal("weekly");
                const groups = Object.values(update.groups ?? {});
                expect(
                    groups.map((g) => g.patterns),
                    update.directory,
                ).to.deep.equal([["*"]]);
                expect(
                    fs.existsSync(path.join(ROOT, update.directory, "package-lock.json")),
                ).to.equal(true);
            }
        });

        it("keeps the actions and the image's base image updated", () => {
            expect(of("github-actions").map((u) => u.directory)).to.deep.equal(["/"]);
            expect(of("docker").map((u) => u.directory)).to.deep.equal(["/components/redcapImage"]);
        });
    });

    describe("schema (@action-validator/core: GitHub's workflow schema from SchemaStore)", () => {
        /** The validator's API (its package has types; this keeps the type-check free of it). */
        interface Validation {
            errors: { code: string; path?: string; title: string; detail?: string }[];
        }
        interface ActionValidator {
            validateWorkflow(source: string): Validation;
        }
        const validator = (): ActionValidator => {
            try {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                return require("@action-validator/core") as ActionValidator;
            } catch (e) {
                throw new Error(
                    `@action-validator/core is not installed (${String(e)}); run bash tools/install.sh`,
                );
            }
        };
        /** Validates, keeping the validator's notice that it skips glob patterns out of the output. */
        const validate = (source: string): Validation => {
            const warn = console.warn;
            console.warn = (...args: unknown[]) => {
                if (!String(args[0]).includes("Glob validation is not yet supported")) {
                    warn(...args);
                }
            };
            try {
                return validator().validateWorkflow(source);
            } finally {
                console.warn = warn;
            }
        };

        it("every workflow is valid", () => {
            for (const file of workflowFiles) {
                const { errors } = validate(read(`.github/workflows/${file}`));
                expect(errors, `${file}: ${JSON.stringify(errors, null, 1)}`).to.deep.equal([]);
            }
        });

        it("a misspelt key or a job that needs a missing job is refused", () => {
            const deployText = read(".github/workflows/deploy.yml");
            const environment = "    environment: ${{ matrix.stack }}\n";
            expect(deployText).to.include(environment);
            const misspelt = deployText.replace(
                environment,
                environment.replace("environment", "enviroment"),
            );
            expect(validate(misspelt).errors).to.not.be.empty;
            const dangling = deployText.replace(
                "needs: [changes, first, preview-prod]",
                "needs: [changes, first, preview-prd]",
            );
            expect(dangling).to.not.equal(deployText);
            expect(validate(dangling).errors.map((e) => e.code)).to.include("unresolved_job");
        });
    });

    describe("what the workflows run exists", () => {
        const runs = allSteps.map((s) => ({ where: s.where, run: s.step.run ?? "" }));

        it("run: scripts pass shellcheck, as GitHub runs them (bash -eo pipefail)", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-runs-"));
            try {
                const files = runs
                    .filter(({ run }) => run !== "")
                    .map(({ run }, i) => {
                        // A GitHub expression in a script is an injection risk: values go in env.
                        expect(run).to.not.include("${{");
                        const file = path.join(dir, `step-${i}.sh`);
                        fs.writeFileSync(file, `#!/usr/bin/env bash\nset -eo pipefail\n${run}`);
                        return file;
                    });
                expect(files.length).to.be.greaterThan(20);
                const result = spawnSync("shellcheck", files, { encoding: "utf8", timeout: 20000 });
                if (result.error) {
                    throw new Error(
                        `shellcheck could not run (${result.error.message}); run bash tools/install.sh`,
                    );
                }
                expect(result.stdout, "shellcheck findings").to.equal("");
                expect(result.status).to.equal(0);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("npm scripts are in package.json", () => {
            const used = runs.flatMap(({ run }) =>
                [...run.matchAll(/npm run (?:-s )?([\w:-]+)/g)].map((m) => m[1]),
            );
            expect(used).to.include.members(["lint", "build", "synth", "policy:check"]);
            for (const script of used) {
                expect(pkg.scripts, script).to.have.property(script);
            }
            expect(pkg.scripts).to.have.property("test");
        });

        it("files run with node or bash are in the repository", () => {
            const files = runs.flatMap(({ run }) => [
                ...[...run.matchAll(/node -r (\S+) (\S+\.ts)/g)].flatMap((m) => [m[1], m[2]]),
                ...[...run.matchAll(/\bbash (\S+\.sh)/g)].map((m) => m[1]),
            ]);
            expect(files).to.include.members(["tools/install.sh", "tools/ci/cli.ts"]);
            for (const file of files) {
                expect(fs.existsSync(path.join(ROOT, file)), file).to.equal(true);
            }
        });
    });

    describe("docs/ci-cd.md", () => {
        it("documents every variable and environment the workflows read", () => {
            const text = workflowFiles.map((f) => read(`.github/workflows/${f}`)).join("\n");
            const variables = new Set([...text.matchAll(/vars\.([A-Z0-9_]+)/g)].map((m) => m[1]));
            projectStacks().forEach((s) => variables.add(previewRoleVariable(s)));
            expect([...variables]).to.include.members([
                "PULUMI_ORG",
                "AWS_DEPLOY_ROLE_ARN",
                "AWS_PREVIEW_ROLE_ARN_DEV",
                "AWS_PREVIEW_ROLE_ARN_PROD",
            ]);
            for (const variable of variables) {
                expect(doc, variable).to.include(`\`${variable}\``);
            }
            // A job deploying a matrix of stacks runs in the environment named after each stack.
            const environments = allJobs
                .map(({ job }) => job.environment)
                .filter((e): e is string => typeof e === "string")
                .flatMap((e) => (e === "${{ matrix.stack }}" ? projectStacks() : [e]));
            expect(environments).to.include.members([
                "dev",
                "prod",
                "rstudio-dev",
                "rstudio-prod",
                "policy-pack",
            ]);
            for (const environment of environments) {
                expect(doc, environment).to.include(`\`${environment}\``);
            }
        });

        it("links the generated role policies that exist", () => {
            for (const stack of projectStacks()) {
                for (const role of ["deploy", "preview"]) {
                    const file = `docs/ci/${stack}-${role}-role-policy.json`;
                    expect(fs.existsSync(path.join(ROOT, file)), file).to.equal(true);
                }
            }
            expect(doc).to.include("ci/prod-deploy-role-policy.json");
        });
    });
});
