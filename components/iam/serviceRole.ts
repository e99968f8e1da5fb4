import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type PolicyStatement, serviceTrustPolicy } from "./policyDocument";

export interface ServiceRoleArgs {
    /** The service principal that assumes the role, e.g. `config.amazonaws.com`. */
    service: string;
    /** This account's id: the role trusts the service only on behalf of this account. */
    accountId: pulumi.Input<string>;
    description: string;
    /** The role's own permissions, as one customer-managed policy. */
    statements: pulumi.Input<PolicyStatement[]>;
    /** AWS-managed policies the service documents as its baseline (e.g. AWS_ConfigRole). */
    awsManagedPolicyArns?: pulumi.Input<string>[];
}

export interface ServiceRole {
    role: aws.iam.Role;
    /** The attachments: depend on them so the service never acts before it may. */
    ready: pulumi.Resource[];
}

/**
 * A role one AWS service assumes for this account only (aws:SourceAccount against the confused
 * deputy), with a customer-managed policy (not an inline one, so it shows in IAM's policy views).
 * @internal
 */
export function createServiceRole(
    name: string,
    args: ServiceRoleArgs,
    parent: pulumi.Resource,
): ServiceRole {
    const opts = { parent };
    const role = new aws.iam.Role(
        name,
        {
            description: args.description,
            assumeRolePolicy: pulumi.output(args.accountId).apply((accountId) =>
                JSON.stringify(
                    serviceTrustPolicy(args.service, {
                        StringEquals: { "aws:SourceAccount": accountId },
                    }),
                ),
            ),
        },
        opts,
    );
    const policy = new aws.iam.Policy(
        name,
        {
            description: args.description,
            policy: pulumi
                .output(args.statements)
                .apply((statements) =>
                    JSON.stringify({ Version: "2012-10-17", Statement: statements }),
                ),
        },
        opts,
    );
    const ready: pulumi.Resource[] = [
        new aws.iam.RolePolicyAttachment(name, { role: role.name, policyArn: policy.arn }, opts),
    ];
    (args.awsManagedPolicyArns ?? []).forEach((policyArn, i) =>
        ready.push(
            new aws.iam.RolePolicyAttachment(
                `${name}-managed-${i + 1}`,
                { role: role.name, policyArn },
                opts,
            ),
        ),
    );
    return { role, ready };
}
