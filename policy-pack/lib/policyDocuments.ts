/**
 * IAM-style policy documents (IAM, bucket, key, topic policies) as inputs hold them: a JSON string
 * or an object, with one or many statements and single values or lists.
 */

export interface Statement {
    sid: string | undefined;
    effect: "Allow" | "Deny";
    actions: string[];
    notActions: string[];
    resources: string[];
    principals: string[];
    /** `NotPrincipal`: an Allow with it grants everyone but those named. */
    notPrincipals: string[];
    condition: Record<string, Record<string, unknown>> | undefined;
}

const list = (value: unknown): string[] =>
    value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => String(v));

function principals(principal: unknown): string[] {
    if (principal === undefined) {
        return [];
    }
    if (typeof principal === "string") {
        return [principal];
    }
    return Object.values(principal as Record<string, unknown>).flatMap(list);
}

/** The statements of a document; `undefined` when the input is not a parseable policy. */
export function statementsOf(document: unknown): Statement[] | undefined {
    let doc = document;
    if (typeof doc === "string") {
        try {
            doc = JSON.parse(doc);
        } catch {
            return undefined;
        }
    }
    if (doc === null || typeof doc !== "object") {
        return undefined;
    }
    const raw = (doc as { Statement?: unknown }).Statement;
    // Actions and resources are read when a rule asks for them: a document written as an object
    // may hold values unknown at preview (a queue's ARN), and a rule about principals should
    // not stop on them.
    return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(
        (s: Record<string, unknown>): Statement => ({
            sid: typeof s.Sid === "string" ? s.Sid : undefined,
            effect: s.Effect === "Deny" ? "Deny" : "Allow",
            get actions() {
                return list(s.Action);
            },
            get notActions() {
                return list(s.NotAction);
            },
            get resources() {
                return list(s.Resource);
            },
            principals: principals(s.Principal),
            notPrincipals: principals(s.NotPrincipal),
            condition: s.Condition as Statement["condition"],
        }),
    );
}

/** A policy wildcard pattern (`*` any run of characters, `?` one) as a whole-string regular expression. */
export function wildcard(pattern: string, flags = ""): RegExp {
    return new RegExp(
        `^${pattern
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
        flags,
    );
}

/** Whether `pattern` (an IAM action with wildcards) matches `action`, case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
    return wildcard(pattern, "i").test(action);
}

export function label(statement: Statement): string {
    return statement.sid ? `statement "${statement.sid}"` : "a statement";
}

/**
 * Condition keys that limit who a statement grants to: the caller's source, network or
 * organization. A condition on anything else (aws:SecureTransport, a tag) still grants everyone.
 */
const RESTRICTING_KEYS = [
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:userid",
];

/** Whether the statement's condition limits its principals (by a restricting key). */
export function restrictsPrincipals(statement: Statement): boolean {
    return Object.values(statement.condition ?? {}).some((block) =>
        Object.keys(block ?? {}).some((key) => RESTRICTING_KEYS.includes(key.toLowerCase())),
    );
}

/** Whether an Allow statement grants everyone: Principal *, or NotPrincipal, without a restricting condition. */
export function grantsEveryone(statement: Statement): boolean {
    return (
        statement.effect === "Allow" &&
        (statement.principals.includes("*") || statement.notPrincipals.length > 0) &&
        !restrictsPrincipals(statement)
    );
}
