import type { PolicyResource } from "@pulumi/policy";
import { exemptionOf } from "../lib/exemptions";
import { resourceRule, stackRule } from "../lib/policy";
import {
    actionMatches,
    grantsEveryone,
    label,
    restrictsPrincipals,
    type Statement,
    statementsOf,
} from "../lib/policyDocuments";
import { known, UNKNOWN } from "../lib/unknown";

/**
 * Who outside the account can use a resource: resource-based policies, function permissions, and
 * snapshots and documents shared with every AWS account.
 */

const ACCESS =
    "164.308(a)(3)(i), 164.308(a)(4)(ii)(B), 164.308(a)(4)(ii)(C), 164.312(a)(1), 164.312(e)(1)";

const ACCESS_POINT = "aws:s3/accessPoint:AccessPoint";
const ACCESS_POINT_POLICY = "aws:s3control/accessPointPolicy:AccessPointPolicy";

/**
 * Where each type holds its resource-based policy and, for a companion that cannot carry tags, the
 * input naming the resource whose exemption it follows.
 */
export const POLICY_HOLDERS: Readonly<Record<string, { input: string; owner?: string }>> = {
    "aws:sqs/queue:Queue": { input: "policy" },
    "aws:sqs/queuePolicy:QueuePolicy": { input: "policy", owner: "queueUrl" },
    "aws:sns/topic:Topic": { input: "policy" },
    "aws:sns/topicPolicy:TopicPolicy": { input: "policy", owner: "arn" },
    "aws:ecr/repositoryPolicy:RepositoryPolicy": { input: "policy", owner: "repository" },
    "aws:ecr/registryPolicy:RegistryPolicy": { input: "policy" },
    "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate": {
        input: "repositoryPolicy",
    },
    "aws:secretsmanager/secret:Secret": { input: "policy" },
    "aws:secretsmanager/secretPolicy:SecretPolicy": { input: "policy", owner: "secretArn" },
    "aws:kms/key:Key": { input: "policy" },
    "aws:kms/keyPolicy:KeyPolicy": { input: "policy", owner: "keyId" },
    "aws:kms/replicaKey:ReplicaKey": { input: "policy" },
    "aws:kms/externalKey:ExternalKey": { input: "policy" },
    "aws:kms/replicaExternalKey:ReplicaExternalKey": { input: "policy" },
    "aws:efs/fileSystemPolicy:FileSystemPolicy": { input: "policy", owner: "fileSystemId" },
    "aws:backup/vaultPolicy:VaultPolicy": { input: "policy", owner: "backupVaultName" },
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": {
        input: "policyDocument",
        owner: "resourceArn",
    },
    "aws:cloudwatch/eventBusPolicy:EventBusPolicy": { input: "policy", owner: "eventBusName" },
    "aws:glacier/vault:Vault": { input: "accessPolicy" },
    "aws:glacier/vaultLock:VaultLock": { input: "policy", owner: "vaultName" },
    "aws:msk/clusterPolicy:ClusterPolicy": { input: "policy", owner: "clusterArn" },
    "aws:dynamodb/resourcePolicy:ResourcePolicy": { input: "policy", owner: "resourceArn" },
    "aws:kinesis/resourcePolicy:ResourcePolicy": { input: "policy", owner: "resourceArn" },
    [ACCESS_POINT]: { input: "policy" },
    [ACCESS_POINT_POLICY]: { input: "policy", owner: "accessPointArn" },
    // The Data Catalog's one policy: no resource to follow, so it cannot be exempted.
    "aws:glue/resourcePolicy:ResourcePolicy": { input: "policy" },
    "aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy": {
        input: "accessPolicy",
        owner: "destinationName",
    },
    "aws:codeartifact/domainPermissions:DomainPermissions": {
        input: "policyDocument",
        owner: "domain",
    },
    "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy": {
        input: "policyDocument",
        owner: "repository",
    },
    "aws:apigateway/restApi:RestApi": { input: "policy" },
    "aws:apigateway/restApiPolicy:RestApiPolicy": { input: "policy", owner: "restApiId" },
    "aws:opensearch/domain:Domain": { input: "accessPolicies" },
    "aws:opensearch/domainPolicy:DomainPolicy": { input: "accessPolicies", owner: "domainName" },
    "aws:elasticsearch/domain:Domain": { input: "accessPolicies" },
    "aws:elasticsearch/domainPolicy:DomainPolicy": {
        input: "accessPolicies",
        owner: "domainName",
    },
    "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy": {
        input: "resourcePolicy",
        owner: "modelPackageGroupName",
    },
};

/**
 * Service condition keys that limit who a statement grants to, besides the global keys
 * `restrictsPrincipals` knows: the caller's account for KMS (AWS's own key policies use it), and
 * for EFS access through a mount target, which exists only in the owner's VPC subnets behind their
 * security groups (the EFS console's own policies grant Principal * with it).
 */
const SERVICE_RESTRICTING: Readonly<Record<string, (key: string, value: unknown) => boolean>> = {
    kms: (key) => key === "kms:calleraccount",
    efs: (key, value) =>
        key === "elasticfilesystem:accessedviamounttarget" && String(value) === "true",
};

function restrictedByService(type: string, statement: Statement): boolean {
    const restricting = SERVICE_RESTRICTING[type.split(/[:/]/)[1]];
    return (
        restricting !== undefined &&
        Object.values(statement.condition ?? {}).some((block) =>
            Object.entries(block ?? {}).some(([key, value]) =>
                restricting(key.toLowerCase(), value),
            ),
        )
    );
}

/**
 * Whether a Deny statement of the same document limits an Allow for everyone: it denies everyone
 * (Principal *) the same actions on the same resources unless a restricting key matches (a negated
 * operator, e.g. StringNotEquals aws:SourceVpce), as API Gateway's private API and IP-range
 * policies do. Wildcards in the Allow are covered only by a Deny pattern that matches them.
 */
function deniedUnlessRestricted(allow: Statement, statements: Statement[]): boolean {
    const covers = (patterns: string[], values: string[]) =>
        patterns.includes("*") ||
        (values.length > 0 && values.every((v) => patterns.some((p) => actionMatches(p, v))));
    return statements.some(
        (d) =>
            d.effect === "Deny" &&
            d.principals.includes("*") &&
            restrictsPrincipals({
                ...d,
                condition: Object.fromEntries(
                    Object.entries(d.condition ?? {}).filter(([op]) => /not/i.test(op)),
                ),
            }) &&
            allow.notActions.length === 0 &&
            covers(d.actions, allow.actions) &&
            (d.resources.length === 0 ||
                covers(d.resources, allow.resources.length === 0 ? ["*"] : allow.resources)),
    );
}

/**
 * An S3 access point with a VPC network origin (`vpcConfiguration`) takes requests only from that
 * VPC, whatever its policy grants (IAM Access Analyzer does not count it as public).
 */
function vpcOnlyAccessPoint(r: PolicyResource): boolean | typeof UNKNOWN {
    const points = r.type === ACCESS_POINT ? [r] : (r.propertyDependencies.accessPointArn ?? []);
    const verdicts = points
        .filter((p) => p.type === ACCESS_POINT)
        .map((p) => known(() => Boolean((p.props.vpcConfiguration as { vpcId?: string })?.vpcId)));
    if (verdicts.includes(true)) return true;
    return verdicts.includes(UNKNOWN) ? UNKNOWN : false;
}

const RESOURCE_POLICY_NOT_PUBLIC = "resource-policy-not-public";
/** One statement of an event bus's policy, as its own resource (principal, action, condition). */
const EVENT_PERMISSION = "aws:cloudwatch/eventPermission:EventPermission";

export const resourcePolicyNotPublic = stackRule({
    name: RESOURCE_POLICY_NOT_PUBLIC,
    area: "network-exposure",
    description:
        "Checks that no resource-based policy (queues, topics, repositories and their creation templates, secrets, keys, file systems, backup and Glacier vaults, log resource policies and log destinations, event buses, MSK clusters, DynamoDB tables, Kinesis streams, S3 access points, the Glue Data Catalog, CodeArtifact domains and repositories, API Gateway REST APIs, OpenSearch and Elasticsearch domains, SageMaker model package groups), inline or a policy resource, allows everyone (Principal * or NotPrincipal) without a condition limiting the caller's source, network, account or organization, or a Deny of everyone else.",
    citation: ACCESS,
    awsConfig: "none (IAM Access Analyzer reports such resources as public)",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Name the principals (the account root, roles, or a service principal with aws:SourceArn or aws:SourceAccount), or add a condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce or aws:SourceAccount (kms:CallerAccount in key policies).",
    judges: [...Object.keys(POLICY_HOLDERS), EVENT_PERMISSION],
    check(stack) {
        stack.each(stack.subjects([...Object.keys(POLICY_HOLDERS), EVENT_PERMISSION]), (r) => {
            if (r.type === EVENT_PERMISSION) {
                // Its only condition key is aws:PrincipalOrgID, which limits the caller.
                if (r.props.principal === "*" && !r.props.condition)
                    stack.report(
                        "principal is * without a condition: every AWS account can put events on the bus (allowed: an account ID, or a condition on aws:PrincipalOrgID)",
                        r,
                    );
                return;
            }
            const { input, owner } = POLICY_HOLDERS[r.type];
            // A policy resource follows the exemption (with a reason) of the queue, topic, key
            // or other resource it belongs to: it cannot carry tags.
            const owners = owner ? (r.propertyDependencies[owner] ?? []) : [];
            const exemptions = owners.map((o) =>
                exemptionOf(o.props, RESOURCE_POLICY_NOT_PUBLIC, stack.config),
            );
            if (exemptions.some((e) => e && e !== UNKNOWN && e.reason)) return;
            if (exemptions.includes(UNKNOWN)) return stack.undecided(r);
            if (r.type === ACCESS_POINT || r.type === ACCESS_POINT_POLICY) {
                const vpcOnly = vpcOnlyAccessPoint(r);
                if (vpcOnly === UNKNOWN) return stack.undecided(r);
                if (vpcOnly) return;
            }
            // Unset: the service's default policy, which grants the owning account only (an
            // OpenSearch domain without access policies admits no one; a REST API without a
            // policy is left to its authorizers, which the policy does not replace).
            const statements = statementsOf(r.props[input]) ?? [];
            for (const s of statements) {
                if (
                    grantsEveryone(s) &&
                    !restrictedByService(r.type, s) &&
                    !deniedUnlessRestricted(s, statements)
                )
                    stack.report(
                        `${input}: ${label(s)} allows everyone (${s.notPrincipals.length > 0 ? "NotPrincipal" : "Principal *"}) without a condition limiting the source, network, account or organization`,
                        r,
                    );
            }
        });
    },
});

export const ssmDocumentNotPublic = resourceRule({
    name: "ssm-document-not-public",
    area: "network-exposure",
    description:
        'Checks that no Systems Manager document is shared with every AWS account (`permissions` type Share with account IDs "All").',
    citation: ACCESS,
    awsConfig: "ssm-document-not-public",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Share documents with named account IDs only (`permissions: { type: "Share", account_ids: "<id>,<id>" }`), or not at all; also turn on the account\'s block for public document sharing.',
    types: ["aws:ssm/document:Document"],
    check(props, { report }) {
        // Default: not shared. `permissions` is a map whose keys reach the provider as written,
        // and the provider reads `type` and `account_ids` (a comma-separated list; "All", in any
        // case, is public); `accountIds` is read too, since it is what a TypeScript author writes.
        const permissions = props.permissions as Record<string, string> | undefined;
        const accounts = [permissions?.account_ids, permissions?.accountIds]
            .filter((ids) => ids !== undefined)
            .flatMap((ids) => String(ids).split(","));
        if (
            permissions &&
            String(permissions.type).toLowerCase() === "share" &&
            accounts.some((id) => id.trim().toLowerCase() === "all")
        )
            report('permissions share the document with "All" accounts: anyone can run or read it');
    },
});

/** An AWS service principal, such as s3.amazonaws.com. */
const SERVICE_PRINCIPAL = /\.amazonaws\.com(\.cn)?$/;

export const lambdaNoPublicAccess = resourceRule({
    name: "lambda-no-public-access",
    area: "network-exposure",
    description:
        "Checks that Lambda functions cannot be invoked by anyone: a permission for everyone (*) or for an AWS service carries a source condition (for S3 the source account, since bucket ARNs name none), and function URLs require IAM auth.",
    citation: ACCESS,
    awsConfig: "lambda-function-public-access-prohibited",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Grant `lambda:InvokeFunction` to a service principal with `sourceArn` or `sourceAccount`; give function URLs `authorizationType: "AWS_IAM"`.',
    types: [
        "aws:lambda/permission:Permission",
        "aws:lambda/functionUrl:FunctionUrl",
        "aws:lambda/resourcePolicy:ResourcePolicy",
    ],
    check(props, { report, args }) {
        if (args.type === "aws:lambda/resourcePolicy:ResourcePolicy") {
            // The whole resource policy at once: each Allow statement as a permission would be.
            for (const s of statementsOf(props.policy) ?? []) {
                if (grantsEveryone(s)) report(`${label(s)} allows everyone to invoke the function`);
                else if (
                    s.effect === "Allow" &&
                    s.principals.some((p) => SERVICE_PRINCIPAL.test(p)) &&
                    !restrictsPrincipals(s)
                )
                    report(
                        `${label(s)} lets an AWS service invoke the function without aws:SourceArn or aws:SourceAccount`,
                    );
            }
        } else if (args.type === "aws:lambda/functionUrl:FunctionUrl") {
            if (props.authorizationType === "NONE")
                report("authorizationType is NONE: anyone on the internet can invoke the function");
        } else if (props.principal === "*") {
            if (!props.sourceArn && !props.sourceAccount && !props.principalOrgId)
                report("principal is * without sourceArn, sourceAccount or principalOrgId");
        } else if (SERVICE_PRINCIPAL.test(String(props.principal))) {
            // A service acts for any account unless the permission names the source: the
            // confused deputy (Security Hub Lambda.1).
            if (!props.sourceArn && !props.sourceAccount)
                report(
                    `principal ${String(props.principal)} without sourceArn or sourceAccount: any account's resources of that service could invoke the function`,
                );
            else if (props.principal === "s3.amazonaws.com" && !props.sourceAccount)
                report(
                    "principal s3.amazonaws.com without sourceAccount: a bucket ARN names no account, so a bucket of that name in another account could invoke the function",
                );
        }
    },
});

export const rdsSnapshotNotPublic = resourceRule({
    name: "rds-snapshot-not-public",
    area: "network-exposure",
    description:
        "Checks that database snapshots and snapshot copies the stack creates are not shared publicly.",
    citation: "164.308(a)(1)(ii)(B), 164.308(a)(3)(i), 164.312(a)(1)",
    awsConfig: "rds-snapshots-public-prohibited",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: 'Remove "all" from `sharedAccounts`; share with named accounts only.',
    // Copies are refused by disallowed-resource-types by default; once a team allows them, they
    // are judged like the snapshots they copy. Default: shared with no one.
    types: [
        "aws:rds/clusterSnapshot:ClusterSnapshot",
        "aws:rds/snapshot:Snapshot",
        "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
        "aws:rds/snapshotCopy:SnapshotCopy",
    ],
    check(props, { report }) {
        if (
            ((props.sharedAccounts ?? []) as unknown[]).some(
                (a) => String(a).toLowerCase() === "all",
            )
        )
            report('sharedAccounts contains "all": anyone can restore the snapshot');
    },
});

export const resourcePolicyPolicies = [
    resourcePolicyNotPublic,
    lambdaNoPublicAccess,
    rdsSnapshotNotPublic,
    ssmDocumentNotPublic,
];
