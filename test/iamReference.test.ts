import { expect } from "chai";
import {
    actionProblem,
    conditionKeyProblem,
    statementProblems,
} from "../policy-pack/lib/iamReference";
import { statementsOf } from "../policy-pack/lib/policyDocuments";
import { ruleTypes } from "../policy-pack/lib/policy";
import { iamActionsAndKeysExist } from "../policy-pack/policies/iamReference";
import type { PlanResource } from "../tools/synth/plan";
import { planAnyForStack } from "./harness";

/**
 * IAM takes a policy with a misspelled action or condition key and then silently grants nothing
 * through it. Every action (a wildcard must match at least one) and every condition key of every
 * policy document of every stack must exist in AWS's Service Authorization Reference.
 */

const STACKS = ["dev", "prod", "rstudio-dev", "rstudio-prod"];

interface Found {
    /** `<resource name> <input path>` */
    where: string;
    type: string;
    statements: NonNullable<ReturnType<typeof statementsOf>>;
}

const looksLikeDocument = (value: unknown) =>
    (typeof value === "string" && /^\s*\{[\s\S]*"Statement"/.test(value)) ||
    (typeof value === "object" && value !== null && "Statement" in value);

/**
 * Every policy document anywhere in a resource's inputs (whatever the input is called: policy,
 * assumeRolePolicy, inlinePolicies[].policy, policyDocument...), so a new kind is never missed.
 */
function documentsIn(r: PlanResource): Found[] {
    const found: Found[] = [];
    const walk = (value: unknown, at: string) => {
        if (looksLikeDocument(value)) {
            const statements = statementsOf(value);
            if (!statements)
                throw new Error(`${r.name} ${at}: a policy document that does not parse`);
            found.push({ where: `${r.name} ${at}`, type: r.type, statements });
        } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`));
        else if (typeof value === "object" && value !== null)
            for (const [k, v] of Object.entries(value)) walk(v, at ? `${at}.${k}` : k);
    };
    walk(r.inputs, "");
    // A function permission names one action, not a document.
    if (r.type === "aws:lambda/permission:Permission")
        found.push({
            where: `${r.name} action`,
            type: r.type,
            statements: statementsOf({ Statement: [{ Action: r.inputs.action }] })!,
        });
    return found;
}

describe("every IAM action and condition key of every plan exists (Service Authorization Reference)", () => {
    for (const stack of STACKS) {
        it(`${stack}: no unknown action or condition key, and the pack's rule reads every document`, async () => {
            const { plan } = await planAnyForStack(stack);
            const found = plan.resources.flatMap(documentsIn);
            expect(found.length, "documents found").to.be.greaterThan(20);
            const problems = found.flatMap((d) =>
                statementProblems(d.statements).map((p) => `${d.where}: ${p}`),
            );
            expect(problems).to.deep.equal([]);
            // The policy pack's advisory judges each type that holds a document here.
            const judged = ruleTypes(iamActionsAndKeysExist);
            const unjudged = [...new Set(found.map((d) => d.type))].filter(
                (t) => judged !== "*" && !judged.includes(t),
            );
            expect(unjudged, "types with documents the pack's rule does not read").to.deep.equal(
                [],
            );
        });
    }

    it("finds a misspelled action, a wildcard that matches nothing and unknown condition keys", () => {
        const [statements] = [
            statementsOf({
                Statement: [
                    {
                        Effect: "Allow",
                        Action: ["s3:GetObjet", "s3:GetObject", "kms:Decrypt*", "s3:Fetch*"],
                        Resource: "*",
                        Condition: {
                            StringEquals: { "aws:SourceAcount": "1", "kms:ViaServices": "x" },
                            ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn" },
                        },
                    },
                ],
            })!,
        ];
        expect(statementProblems(statements)).to.deep.equal([
            'action "s3:GetObjet" is not an action of s3',
            'action "s3:Fetch*" matches no action of s3',
            'condition key "aws:SourceAcount" is not a global (aws:) condition key',
            'condition key "kms:ViaServices" is not a condition key of kms',
        ]);
    });

    it("knows actions and keys case-insensitively, with variables, tags and identity providers", () => {
        for (const action of ["*", "*:*", "SNS:Publish", "s3:*", "sq?:Get*", "logs:PutLogEvents"])
            expect(actionProblem(action), action).to.equal(undefined);
        expect(actionProblem("s4:GetObject")).to.match(/no AWS service has the prefix "s4"/);
        expect(actionProblem("GetObject")).to.match(/not of the form service:Action/);
        for (const key of [
            "aws:PrincipalTag/team",
            "aws:ResourceTag/compliance-exempt",
            "kms:EncryptionContext:aws:cloudtrail:arn",
            "s3:x-amz-acl",
            "iam:PassedToService",
            "token.actions.githubusercontent.com:sub",
            "elasticfilesystem:AccessedViaMountTarget",
        ])
            expect(conditionKeyProblem(key), key).to.equal(undefined);
        expect(conditionKeyProblem("aws:PrincipalTag/")).to.match(/not a global/);
    });
});
