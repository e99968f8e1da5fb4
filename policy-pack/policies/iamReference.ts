import { statementProblems } from "../lib/iamReference";
import { resourceRule } from "../lib/policy";
import { statementsOf } from "../lib/policyDocuments";
import { IAM_POLICY_HOLDERS, S3_BUCKET, S3_POLICY } from "../lib/tokens";
import { POLICY_HOLDERS } from "./resourcePolicies";

/**
 * Whether the names in policies are real: IAM stores a policy with a misspelled action or
 * condition key and then never matches it, so a grant silently grants nothing and, worse, a Deny
 * silently denies nothing.
 */

const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";

/** Where each type holds its policy documents (a role: its trust policy and inline policies). */
const DOCUMENT_INPUTS: Readonly<Record<string, readonly string[]>> = {
    ...Object.fromEntries(IAM_POLICY_HOLDERS.map((t) => [t, ["policy"]])),
    "aws:iam/role:Role": ["assumeRolePolicy", "inlinePolicies"],
    "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": ["inlinePolicy"],
    ...Object.fromEntries([...S3_POLICY, ...S3_BUCKET].map((t) => [t, ["policy"]])),
    ...Object.fromEntries(Object.entries(POLICY_HOLDERS).map(([t, { input }]) => [t, [input]])),
};

/** The documents of one input: a role's `inlinePolicies` is a list of `{ name, policy }`. */
function documents(input: string, value: unknown): unknown[] {
    if (value === undefined || value === null) return [];
    return input === "inlinePolicies"
        ? (value as { policy?: unknown }[]).map((p) => p.policy)
        : [value];
}

export const iamActionsAndKeysExist = resourceRule({
    name: "iam-actions-and-keys-exist",
    area: "identity-and-access",
    description:
        "Checks that every action (a wildcard must match at least one) and every condition key of a policy document (IAM, trust, resource and key policies, function permissions) exists in AWS's Service Authorization Reference.",
    citation: "164.308(a)(4)(ii)(B), 164.312(a)(1)",
    awsConfig: "none (IAM Access Analyzer's policy validation reports the same)",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Correct the name from the service's page of the Service Authorization Reference (actions and condition keys are case-insensitive, but must be spelt exactly); for a Deny, a misspelling means it denies nothing.",
    types: [...Object.keys(DOCUMENT_INPUTS), LAMBDA_PERMISSION],
    check(props, { report, args }) {
        if (args.type === LAMBDA_PERMISSION) {
            for (const problem of statementProblems(
                statementsOf({ Statement: [{ Action: props.action }] }) ?? [],
            ))
                report(`action: ${problem}`);
            return;
        }
        for (const input of DOCUMENT_INPUTS[args.type]) {
            for (const document of documents(input, props[input])) {
                for (const problem of statementProblems(statementsOf(document) ?? []))
                    report(`${input}: ${problem}`);
            }
        }
    },
});

export const iamReferencePolicies = [iamActionsAndKeysExist];
