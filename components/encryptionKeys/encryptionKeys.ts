import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { KEY_DOMAIN_SPECS, KEY_DOMAINS, type KeyDomain, keyPolicyDocument } from "./keyPolicy";

/** AWS's maximum waiting period: the longest window to notice and cancel a scheduled deletion. */
export const KEY_DELETION_WINDOW_DAYS = 30;

export interface EncryptionKeysArgs {
    /**
     * Prefix of every alias: `alias/<aliasPrefix>/<domain>`. Include the project and stack so two
     * stacks in one account never collide, e.g. `redcap/prod`.
     */
    aliasPrefix: string;
    /** Data domains that get a key. Default: every domain in KEY_DOMAINS. */
    domains?: KeyDomain[];
    /**
     * Protect keys from `pulumi destroy` and keep them in AWS if removed from the program. Default
     * false; true in prod, because data encrypted under a deleted key is lost for good.
     */
    protect?: boolean;
}

/**
 * Customer-managed KMS keys, one per data domain (see keyPolicy.ts for why), each with yearly
 * automatic rotation, a 30-day deletion window, an alias and a key policy that lets only the
 * domain's AWS service use it.
 */
export class EncryptionKeys extends pulumi.ComponentResource {
    /** The keys by domain. */
    public readonly keys: Partial<Record<KeyDomain, aws.kms.Key>>;
    /** Key ARNs by domain, for `kmsKeyId` / `kmsKeyArn` inputs. */
    public readonly keyArns: Partial<Record<KeyDomain, pulumi.Output<string>>>;

    constructor(name: string, args: EncryptionKeysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa:security:EncryptionKeys", name, {}, opts);

        const domains = args.domains ?? [...KEY_DOMAINS];
        const protect = args.protect ?? false;
        if (!/^[A-Za-z0-9/_-]+$/.test(args.aliasPrefix) || /^aws(\/|$)/i.test(args.aliasPrefix)) {
            throw new Error(
                `EncryptionKeys ${name}: aliasPrefix "${args.aliasPrefix}" is not allowed; expected letters, ` +
                    `digits, / _ - and not starting with "aws"`,
            );
        }
        const unknown = domains.filter((d) => !KEY_DOMAINS.includes(d));
        if (
            unknown.length > 0 ||
            domains.length === 0 ||
            new Set(domains).size !== domains.length
        ) {
            throw new Error(
                `EncryptionKeys ${name}: domains ${JSON.stringify(domains)} is not allowed; expected a ` +
                    `non-empty list without repeats drawn from ${KEY_DOMAINS.join(", ")}`,
            );
        }

        const invokeOpts = { parent: this };
        const account = aws.getCallerIdentityOutput({}, invokeOpts);
        const region = aws.getRegionOutput({}, invokeOpts);
        const partition = aws.getPartitionOutput({}, invokeOpts);
        const dataOpts: pulumi.CustomResourceOptions = {
            parent: this,
            protect,
            retainOnDelete: protect,
        };

        this.keys = {};
        this.keyArns = {};
        for (const domain of domains) {
            const policy = pulumi
                .all([account.accountId, region.region, partition.partition, partition.dnsSuffix])
                .apply(([accountId, regionName, partitionName, dnsSuffix]) =>
                    JSON.stringify(
                        keyPolicyDocument(domain, {
                            accountId,
                            region: regionName,
                            partition: partitionName,
                            dnsSuffix,
                        }),
                    ),
                );
            const key = new aws.kms.Key(
                `${name}-${domain}`,
                {
                    description: `${args.aliasPrefix} ${domain}: ${KEY_DOMAIN_SPECS[domain].purpose}`,
                    keyUsage: "ENCRYPT_DECRYPT",
                    customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                    enableKeyRotation: true,
                    deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
                    policy,
                },
                dataOpts,
            );
            new aws.kms.Alias(
                `${name}-${domain}`,
                { name: `alias/${args.aliasPrefix}/${domain}`, targetKeyId: key.keyId },
                { parent: this },
            );
            this.keys[domain] = key;
            this.keyArns[domain] = key.arn;
        }

        this.registerOutputs({ keyArns: this.keyArns });
    }

    /** The ARN of one domain's key; throws if this component was not asked to create it. */
    public keyArn(domain: KeyDomain): pulumi.Output<string> {
        const arn = this.keyArns[domain];
        if (!arn) {
            throw new Error(`EncryptionKeys has no "${domain}" key; add it to args.domains`);
        }
        return arn;
    }
}
