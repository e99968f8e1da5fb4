import * as fs from "node:fs";
import * as path from "node:path";
import { argsInterfaceOf, AWS_ROOT, awsResourceModules, awsVersion } from "./taggableTypes";

/**
 * The inventory of @pulumi/aws resource types that can hold data at rest: every type whose inputs
 * offer encryption at rest (a KMS key, an encryption flag or block), which is how the SDK marks a
 * data store, plus the few stores whose encryption setting is nested or implicit. Generated from
 * the program's pinned SDK into `lib/dataTypes.json`; `dataTypes.spec.ts` fails when the list is
 * stale, and when a type in it is neither judged by an encryption-at-rest rule, refused by
 * `disallowed-resource-types`, nor classified in `lib/dataTypeCoverage.ts` with a reason.
 *
 *     node -r ../tools/register-ts.js tools/dataTypes.ts --write
 */

/** Top-level inputs that offer encryption at rest. */
const ENCRYPTION_INPUTS =
    /\n {4}(kmsKeyId|kmsKeyArn|kmsKey|kmsMasterKeyId|kmsKeyIdentifier|encrypted|storageEncrypted|encryptionConfiguration|encryptionConfigurations|encryptionConfig|serverSideEncryption|serverSideEncryptionConfiguration|sseSpecification|encryptionAtRest|encryptAtRest|encryptionInfo|encryptionKey|encryptionKeyArn|atRestEncryptionEnabled|encryptionOptions|kmsArn|sseKmsKeyId|encryptionSpecification|kmsEncryptionKeyArn|encryptionType|keyId)\?: /;

/** Stores whose encryption setting the pattern cannot see (nested in a block, or always on). */
const ALSO_DATA = [
    "aws:athena/workgroup:Workgroup",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:ec2/instance:Instance",
    "aws:rds/clusterInstance:ClusterInstance",
    "aws:elasticache/cluster:Cluster",
    "aws:elasticsearch/domain:Domain",
    "aws:opensearch/domain:Domain",
];

export function dataTypes(awsRoot: string): { version: string; types: string[] } {
    const types = new Set<string>();
    const tokens = new Set<string>();
    for (const { token, jsFile } of awsResourceModules(awsRoot)) {
        tokens.add(token);
        const args = argsInterfaceOf(token, jsFile);
        if (args && ENCRYPTION_INPUTS.test(args)) types.add(token);
    }
    for (const token of ALSO_DATA) {
        if (!tokens.has(token)) throw new Error(`${token} is not a type of this @pulumi/aws`);
        types.add(token);
    }
    return { version: awsVersion(awsRoot), types: [...types].sort() };
}

export const DATA_TYPES_FILE = path.join(__dirname, "..", "lib", "dataTypes.json");

if (require.main === module && process.argv.includes("--write")) {
    fs.writeFileSync(DATA_TYPES_FILE, `${JSON.stringify(dataTypes(AWS_ROOT), null, 2)}\n`);
    console.log(`wrote ${DATA_TYPES_FILE}`);
}
