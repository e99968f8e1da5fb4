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

/** A role with exactly one customer-managed policy; the attachment is what users of it wait for. */
export interface RoleWithPolicy {
    role: aws.iam.Role;
    attachment: aws.iam.RolePolicyAttachment;
}

/**
 * The project's one recipe for a role: role, customer-managed policy (not inline, so it shows in
 * IAM's policy views) and attachment, all named `name`.
 * @internal
 */
export function createRoleWithPolicy(
    name: string,
    args: {
        description: pulumi.Input<string>;
        /** The policy's description; default the role's. */
        policyDescription?: pulumi.Input<string>;
        trustPolicy: pulumi.Input<string>;
        policy: pulumi.Input<string>;
    },
    parent: pulumi.Resource,
): RoleWithPolicy {
    const opts = { parent };
    const role = new aws.iam.Role(
        name,
        { description: args.description, assumeRolePolicy: args.trustPolicy },
        opts,
    );
    const managed = new aws.iam.Policy(
        name,
        { description: args.policyDescription ?? args.description, policy: args.policy },
        opts,
    );
    const attachment = new aws.iam.RolePolicyAttachment(
        name,
        { role: role.name, policyArn: managed.arn },
        opts,
    );
    return { role, attachment };
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
    const { role, attachment } = createRoleWithPolicy(
        name,
        {
            description: args.description,
            trustPolicy: pulumi.output(args.accountId).apply((accountId) =>
                JSON.stringify(
                    serviceTrustPolicy(args.service, {
                        StringEquals: { "aws:SourceAccount": accountId },
                    }),
                ),
            ),
            policy: pulumi
                .output(args.statements)
                .apply((statements) =>
                    JSON.stringify({ Version: "2012-10-17", Statement: statements }),
                ),
        },
        parent,
    );
    const ready: pulumi.Resource[] = [attachment];
    (args.awsManagedPolicyArns ?? []).forEach((policyArn, i) =>
        ready.push(
            new aws.iam.RolePolicyAttachment(
                `${name}-managed-${i + 1}`,
                { role: role.name, policyArn },
                { parent },
            ),
        ),
    );
    return { role, ready };
}
