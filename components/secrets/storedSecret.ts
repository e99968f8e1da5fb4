import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import type * as pulumi from "@pulumi/pulumi";
import { exemptionTags } from "../tags";

export interface StoredSecretArgs {
    description: string;
    /** The customer-managed key the secret is encrypted with. */
    kmsKeyArn: pulumi.Input<string>;
    /** The value (a secret Output: masked in state, plans and logs). */
    value: pulumi.Input<string>;
    /** Keep the secret on destroy and give it AWS's longest recovery window (prod). */
    protect: boolean;
    /** Why the secret is not rotated by Secrets Manager, when it is not. */
    notRotatedBecause?: string;
}

/**
 * A Secrets Manager secret under our key, with its value. In prod it is protected, retained and
 * recoverable for 30 days after deletion; in dev it is deleted at once so a stack can be rebuilt.
 * @internal
 */
export function createStoredSecret(
    name: string,
    args: StoredSecretArgs,
    parent: pulumi.Resource,
): { secret: aws.secretsmanager.Secret; version: aws.secretsmanager.SecretVersion } {
    const secret = createSecret(name, args, parent);
    const version = new aws.secretsmanager.SecretVersion(
        name,
        { secretId: secret.id, secretString: args.value },
        { parent },
    );
    return { secret, version };
}

/**
 * A Secrets Manager secret under our key whose value an operator puts
 * (`aws secretsmanager put-secret-value`): a credential the stack cannot know, such as an
 * institution's directory password. Until then it holds a random placeholder, so tasks that read
 * it still start (ECS cannot start a task whose secret has no value) and only what needs the real
 * credential fails; no later `pulumi up` overwrites the operator's value. Protected as
 * createStoredSecret's are.
 * @internal
 */
export function createOperatorSecret(
    name: string,
    args: Omit<StoredSecretArgs, "value">,
    parent: pulumi.Resource,
): aws.secretsmanager.Secret {
    const secret = createSecret(name, args, parent);
    const placeholder = new random.RandomPassword(
        `${name}-placeholder`,
        { length: 32, special: false },
        { parent },
    );
    new aws.secretsmanager.SecretVersion(
        `${name}-placeholder`,
        { secretId: secret.id, secretString: placeholder.result },
        { parent, ignoreChanges: ["secretString", "versionStages"] },
    );
    return secret;
}

/** The secret itself, under our key, protected and retained in prod. */
function createSecret(
    name: string,
    args: Omit<StoredSecretArgs, "value">,
    parent: pulumi.Resource,
): aws.secretsmanager.Secret {
    return new aws.secretsmanager.Secret(
        name,
        {
            description: args.description,
            kmsKeyId: args.kmsKeyArn,
            recoveryWindowInDays: args.protect ? 30 : 0,
            tags: args.notRotatedBecause
                ? exemptionTags("secret-rotation", args.notRotatedBecause)
                : undefined,
        },
        { parent, protect: args.protect, retainOnDelete: args.protect },
    );
}
