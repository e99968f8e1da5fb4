import type * as aws from "@pulumi/aws";

/**
 * A small model of how AWS WAF evaluates a web ACL's rules behind a load balancer, for tests that
 * check what a rule set lets through, request by request. Managed rule groups are modelled by the
 * managed rules a request trips (the test says which); everything else is evaluated as AWS WAF
 * documents it: rules in priority order, a counted managed rule adds its label and goes on, a
 * block ends evaluation, and only the body's first 8 KB is inspected (AWS WAF Developer Guide,
 * "Oversize web request components": 8 KB for Application Load Balancers).
 */

type Rule = aws.types.input.wafv2.WebAclRule;
type Statement = aws.types.input.wafv2.WebAclRuleStatement;

export const ALB_BODY_INSPECTION_LIMIT = 8 * 1024;

export interface ModelRequest {
    path: string;
    /** The Host header. */
    host?: string;
    query?: string;
    body?: string;
    ip?: string;
    country?: string;
    /** Managed rules the request trips, as `<group>:<rule>`, e.g. `AWSManagedRulesSQLiRuleSet:SQLi_BODY`. */
    trips?: string[];
    /** The labels those managed rules add, by rule name. */
    labelsOf?: Record<string, string>;
}

export interface Verdict {
    action: "allow" | "block";
    /** The rule that blocked, if any. */
    by?: string;
}

function transform(value: string, transforms: { type: string }[] | undefined): string {
    let v = value;
    for (const t of transforms ?? []) {
        if (t.type === "URL_DECODE") {
            try {
                v = decodeURIComponent(v.replace(/\+/g, " "));
            } catch {
                // AWS WAF leaves undecodable sequences as they are.
            }
        } else if (t.type === "LOWERCASE") {
            v = v.toLowerCase();
        } else if (t.type === "NORMALIZE_PATH") {
            const parts: string[] = [];
            for (const part of v.replace(/\/+/g, "/").split("/")) {
                if (part === "..") {
                    parts.pop();
                } else if (part !== ".") {
                    parts.push(part);
                }
            }
            v = parts.join("/") || "/";
        } else if (t.type !== "NONE") {
            throw new Error(`wafEvaluator: transformation ${t.type} is not modelled`);
        }
    }
    return v;
}

function field(request: ModelRequest, fieldToMatch: Record<string, unknown>): string {
    if ("singleHeader" in fieldToMatch) {
        const header = (fieldToMatch.singleHeader as { name: string }).name;
        if (header !== "host") {
            throw new Error(`wafEvaluator: header ${header} is not modelled`);
        }
        return request.host ?? "";
    }
    if ("uriPath" in fieldToMatch) {
        return request.path;
    }
    if ("queryString" in fieldToMatch) {
        return request.query ?? "";
    }
    if ("body" in fieldToMatch) {
        return (request.body ?? "").slice(0, ALB_BODY_INSPECTION_LIMIT);
    }
    throw new Error(`wafEvaluator: field ${JSON.stringify(fieldToMatch)} is not modelled`);
}

function matches(
    s: Statement,
    request: ModelRequest,
    labels: Set<string>,
    ipSets: Record<string, string[]>,
): boolean {
    const any = s as Record<string, any>;
    if (any.andStatement) {
        return any.andStatement.statements.every((x: Statement) =>
            matches(x, request, labels, ipSets),
        );
    }
    if (any.orStatement) {
        return any.orStatement.statements.some((x: Statement) =>
            matches(x, request, labels, ipSets),
        );
    }
    if (any.notStatement) {
        return !matches(any.notStatement.statement, request, labels, ipSets);
    }
    if (any.labelMatchStatement) {
        return labels.has(any.labelMatchStatement.key);
    }
    if (any.regexMatchStatement) {
        const m = any.regexMatchStatement;
        return new RegExp(m.regexString).test(
            transform(field(request, m.fieldToMatch), m.textTransformations),
        );
    }
    if (any.byteMatchStatement) {
        const m = any.byteMatchStatement;
        if (m.positionalConstraint !== "CONTAINS") {
            throw new Error(`wafEvaluator: ${m.positionalConstraint} is not modelled`);
        }
        return transform(field(request, m.fieldToMatch), m.textTransformations).includes(
            m.searchString,
        );
    }
    if (any.ipSetReferenceStatement) {
        const set = ipSets[any.ipSetReferenceStatement.arn] ?? [];
        return request.ip !== undefined && set.includes(request.ip);
    }
    if (any.geoMatchStatement) {
        return any.geoMatchStatement.countryCodes.includes(request.country);
    }
    if (any.rateBasedStatement) {
        return false; // one request never exceeds a rate
    }
    throw new Error(`wafEvaluator: statement ${Object.keys(any).join(", ")} is not modelled`);
}

/** What the web ACL does with one request. `ipSets`: addresses of each IP set, by ARN. */
export function evaluate(
    rules: Rule[],
    request: ModelRequest,
    ipSets: Record<string, string[]> = {},
): Verdict {
    const labels = new Set<string>();
    const ordered = [...rules].sort((a, b) => Number(a.priority) - Number(b.priority));
    for (const rule of ordered) {
        // Rules built from plain data: their names are strings.
        const name = rule.name as string;
        const statement = rule.statement as Record<string, any>;
        if (statement.managedRuleGroupStatement) {
            const group = statement.managedRuleGroupStatement;
            const counted = new Set(
                (group.ruleActionOverrides ?? []).map((o: { name: string }) => o.name),
            );
            for (const trip of request.trips ?? []) {
                const [groupName, ruleName] = trip.split(":");
                if (groupName !== group.name) {
                    continue;
                }
                if (!counted.has(ruleName)) {
                    return { action: "block", by: `${name}:${ruleName}` };
                }
                const label = request.labelsOf?.[ruleName];
                if (!label) {
                    throw new Error(`wafEvaluator: no label given for ${ruleName}`);
                }
                labels.add(label);
            }
            continue;
        }
        if (matches(rule.statement as Statement, request, labels, ipSets)) {
            const action = rule.action as Record<string, unknown>;
            if (action.block) {
                return { action: "block", by: name };
            }
        }
    }
    return { action: "allow" };
}
