import * as fs from "node:fs";
import * as path from "node:path";
import { argsInterfaceOf, AWS_ROOT, awsResourceModules, awsVersion } from "./taggableTypes";

/**
 * The inventory of @pulumi/aws resource types that can hold or expose data, generated from the
 * program's pinned SDK into `lib/dataTypes.json`:
 * - `stores`: every type whose inputs offer encryption at rest (a KMS key, an encryption flag or
 *   block), which is how the SDK marks a data store, plus the few whose setting is nested;
 * - `endpoints`: every type whose inputs decide how clients reach data over a network (public
 *   reachability, TLS policy, transit encryption, client authentication), plus the few whose
 *   setting is nested in a required block.
 * `dataTypes.spec.ts` fails when the list is stale, and when an approved type is not judged, or
 * explained, for each of encryption at rest, encryption in transit, public access and logging
 * (`lib/dataTypeCoverage.ts`, `lib/exposureCoverage.ts`).
 *
 *     node -r ../tools/register-ts.js tools/dataTypes.ts --write
 */

/** Top-level inputs that offer encryption at rest. */
const ENCRYPTION_INPUTS =
    /\n {4}(kmsKeyId|kmsKeyArn|kmsKey|kmsMasterKeyId|kmsKeyIdentifier|encrypted|storageEncrypted|encryptionConfiguration|encryptionConfigurations|encryptionConfig|serverSideEncryption|serverSideEncryptionConfiguration|sseSpecification|encryptionAtRest|encryptAtRest|encryptionInfo|encryptionKey|encryptionKeyArn|atRestEncryptionEnabled|encryptionOptions|kmsArn|sseKmsKeyId|encryptionSpecification|kmsEncryptionKeyArn|encryptionType|keyId)\?: /;

/** Top-level inputs that decide how clients reach a service's data. */
const EXPOSURE_INPUTS =
    /\n {4}(publiclyAccessible|publicAccess|publicConnectivity|endpointPublicAccess|endpointType|transitEncryptionEnabled|transitEncryptionMode|tlsEnabled|encryptionInTransit|sslPolicy|securityPolicy|securityPolicyName|minimumProtocolVersion|viewerCertificate|domainEndpointOptions|tlsPolicy|requireTls|authToken|authorizationType|clientAuthentication)\??: /;

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

/** Endpoints whose exposure is set inside a nested block the pattern cannot see. */
const ALSO_ENDPOINTS = ["aws:eks/cluster:Cluster", "aws:msk/cluster:Cluster"];

export interface DataTypes {
    version: string;
    /** Types that hold data at rest. */
    stores: string[];
    /** Types that serve or move data to clients over a network. */
    endpoints: string[];
}

export function dataTypes(awsRoot: string): DataTypes {
    const stores = new Set<string>();
    const endpoints = new Set<string>();
    const tokens = new Set<string>();
    for (const { token, jsFile } of awsResourceModules(awsRoot)) {
        tokens.add(token);
        const args = argsInterfaceOf(token, jsFile);
        if (args && ENCRYPTION_INPUTS.test(args)) stores.add(token);
        if (args && EXPOSURE_INPUTS.test(args)) endpoints.add(token);
    }
    for (const [list, also] of [
        [stores, ALSO_DATA],
        [endpoints, ALSO_ENDPOINTS],
    ] as const) {
        for (const token of also) {
            if (!tokens.has(token)) throw new Error(`${token} is not a type of this @pulumi/aws`);
            list.add(token);
        }
    }
    return {
        version: awsVersion(awsRoot),
        stores: [...stores].sort(),
        endpoints: [...endpoints].sort(),
    };
}

export const DATA_TYPES_FILE = path.join(__dirname, "..", "lib", "dataTypes.json");

if (require.main === module && process.argv.includes("--write")) {
    fs.writeFileSync(DATA_TYPES_FILE, `${JSON.stringify(dataTypes(AWS_ROOT), null, 2)}\n`);
    console.log(`wrote ${DATA_TYPES_FILE}`);
}
