/**
 * Which stacks a change can affect, so a pull request previews only those (with AWS credentials)
 * and a push of documentation alone deploys nothing. Pure: the CLI (`tools/ci/cli.ts`) feeds it
 * the changed paths and the stack files it finds.
 */

/**
 * Paths that cannot change what `pulumi preview` or `pulumi up` does: documentation, tests and
 * formatter/linter settings. GitHub's filter-pattern syntax, so the deploy workflow's
 * `paths-ignore` is exactly this list (a test compares them). Anything not listed here affects
 * every stack, except a stack's own file, which affects only that stack: unknown means previewed.
 */
export const NEUTRAL_PATHS = [
    "**/*.md",
    "docs/**",
    "LICENSE",
    "**/*.test.ts",
    "**/*.spec.ts",
    "test/**",
    "scratch/**",
    ".gitignore",
    ".prettierignore",
    ".prettierrc.json",
    ".yamllint.yaml",
    ".mocharc.json",
    "eslint.config.mjs",
] as const;

/**
 * A GitHub filter pattern as a regular expression: `*` stays within one folder, `**` crosses
 * folders, and `**` followed by a slash may also match no folder at all, as in GitHub's
 * documentation (the pattern for Markdown files anywhere matches `README.md` at the root too).
 */
export function globToRegExp(pattern: string): RegExp {
    let source = "";
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === "*" && pattern[i + 1] === "*") {
            if (pattern[i + 2] === "/") {
                source += "(?:.*/)?";
                i += 2;
            } else {
                source += ".*";
                i += 1;
            }
        } else if (c === "*") {
            source += "[^/]*";
        } else if (c === "?") {
            source += "[^/]";
        } else {
            source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
        }
    }
    return new RegExp(`^${source}$`);
}

const NEUTRAL = NEUTRAL_PATHS.map(globToRegExp);

/** True when a path (relative to the repository root, `/`-separated) cannot affect any stack. */
export function isNeutralPath(file: string): boolean {
    return NEUTRAL.some((pattern) => pattern.test(file));
}

/** The stack a root-level `Pulumi.<stack>.yaml` configures, or undefined for any other path. */
export function stackOfFile(file: string): string | undefined {
    return /^Pulumi\.([^/]+)\.yaml$/.exec(file)?.[1];
}

/**
 * The stacks (in the order given) that the changed files can affect: a stack's own file affects
 * that stack; neutral paths affect none; everything else (program, components, lockfiles, the
 * policy pack, `Pulumi.yaml`, workflows) affects them all. A stack file of a stack that is not
 * in `stacks` (deleted, or not deployed from here) affects nothing.
 */
export function affectedStacks(
    changedFiles: readonly string[],
    stacks: readonly string[],
): string[] {
    const affected = new Set<string>();
    for (const raw of changedFiles) {
        const file = raw.trim().replace(/^\.\//, "");
        if (file === "" || isNeutralPath(file)) {
            continue;
        }
        const stack = stackOfFile(file);
        if (stack === undefined) {
            return [...stacks];
        }
        if (stacks.includes(stack)) {
            affected.add(stack);
        }
    }
    return stacks.filter((s) => affected.has(s));
}

/** Stacks in deployment order: dev, then prod, then any other in alphabetical order. */
export function deploymentOrder(stacks: readonly string[]): string[] {
    const rank = (s: string) => {
        const known = ["dev", "prod"].indexOf(s);
        return known === -1 ? 2 : known;
    };
    return [...stacks].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * The repository variable holding a stack's read-only preview role (GitHub variable names are
 * letters, digits and underscores): `AWS_PREVIEW_ROLE_ARN_DEV` for `dev`.
 */
export function previewRoleVariable(stack: string): string {
    return `AWS_PREVIEW_ROLE_ARN_${stack.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** One entry of the preview job's matrix. */
export interface PreviewTarget {
    stack: string;
    /** The stack file's `aws:region`: where the role's credentials are asked for. */
    region: string;
    /** Name of the repository variable with the stack's preview role ARN. */
    roleVariable: string;
}

/** The preview matrix for the affected stacks; every stack must have a region. */
export function previewTargets(
    affected: readonly string[],
    regions: Readonly<Record<string, string | undefined>>,
): PreviewTarget[] {
    return affected.map((stack) => {
        const region = regions[stack];
        if (!region) {
            throw new Error(`Pulumi.${stack}.yaml has no aws:region; a preview needs one`);
        }
        return { stack, region, roleVariable: previewRoleVariable(stack) };
    });
}

/** The deploy workflow's two waves: every other stack first, then the prod stacks, approved. */
export interface DeployWaves {
    /** Updated at once, each in its GitHub environment named after the stack. */
    first: PreviewTarget[];
    /** Previewed read-only, then updated once a reviewer of the stack's environment approves. */
    prod: PreviewTarget[];
}

/**
 * Splits the affected stacks by their stack file's `<system>:environment`: prod stacks wait for
 * every other affected stack to deploy the commit. A stack file without one is refused, so a prod
 * stack never slips into the unreviewed wave.
 */
export function deployWaves(
    targets: readonly PreviewTarget[],
    environments: Readonly<Record<string, string | undefined>>,
): DeployWaves {
    const waves: DeployWaves = { first: [], prod: [] };
    for (const target of targets) {
        const environment = environments[target.stack];
        if (environment === undefined) {
            throw new Error(
                `Pulumi.${target.stack}.yaml has no <system>:environment (such as redcap:environment); a deploy needs it to know whether the stack is prod`,
            );
        }
        (environment === "prod" ? waves.prod : waves.first).push(target);
    }
    return waves;
}
