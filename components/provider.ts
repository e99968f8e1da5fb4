import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { REQUIRED_TAG_KEYS } from "./tags";

/** Arguments of the one explicit AWS provider of a stack. */
export interface AwsProviderArgs {
    /** AWS region of every resource, e.g. `us-east-1`. */
    region: string;
    /** Tags applied to every taggable resource; must contain every key of REQUIRED_TAG_KEYS. */
    tags: Record<string, string>;
    /** When set, the provider refuses to run against any other account (guards prod from a wrong profile). */
    accountId?: string;
    /** AWS CLI profile to use; when unset the standard credential chain applies. */
    profile?: string;
}

/**
 * Creates the stack's explicit AWS provider. Every component receives it, so region, account guard
 * and required tags are decided once; `pulumi:disable-default-providers` in the stack files makes
 * any resource that forgets it fail instead of silently using ambient credentials and no tags.
 */
export function createAwsProvider(
    name: string,
    args: AwsProviderArgs,
    opts?: pulumi.CustomResourceOptions,
): aws.Provider {
    const missing = REQUIRED_TAG_KEYS.filter((k) => !args.tags[k]);
    if (missing.length > 0) {
        throw new Error(`createAwsProvider: tags is missing required keys ${missing.join(", ")}`);
    }
    return new aws.Provider(
        name,
        {
            region: args.region as aws.Region,
            profile: args.profile,
            allowedAccountIds: args.accountId ? [args.accountId] : undefined,
            defaultTags: { tags: args.tags },
        },
        opts,
    );
}
