import { stackRule } from "../lib/policy";
import { requireBaselineStack } from "../lib/baseline";
import { grantsEveryone, label, statementsOf } from "../lib/policyDocuments";
import { S3_ACL, S3_BUCKET, S3_OWNERSHIP, S3_POLICY, S3_PUBLIC_ACCESS_BLOCK } from "../lib/tokens";
import { known, UNKNOWN } from "../lib/unknown";

const PUBLIC =
    "164.308(a)(3)(i), 164.308(a)(4)(ii)(B), 164.308(a)(4)(ii)(C), 164.312(a)(1), 164.312(e)(1)";
const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GRANTEES = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;

export const s3BucketPublicAccessBlock = stackRule({
    name: "s3-bucket-public-access-block",
    area: "network-exposure",
    description: "Checks that every S3 bucket has a public access block with all four settings on.",
    citation: PUBLIC,
    awsConfig:
        "s3-bucket-level-public-access-prohibited (proxy for s3-bucket-public-read-prohibited, s3-bucket-public-write-prohibited)",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Add `aws.s3.BucketPublicAccessBlock` for the bucket with `blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls` and `restrictPublicBuckets` all true.",
    judges: [...S3_BUCKET, ...S3_PUBLIC_ACCESS_BLOCK],
    check(stack) {
        const buckets = stack.subjects(S3_BUCKET);
        stack.each(stack.subjects(S3_PUBLIC_ACCESS_BLOCK), (block) => {
            const off = FLAGS.filter((f) => block.props[f] !== true);
            if (off.length > 0)
                stack.report(`public access block leaves ${off.join(", ")} off`, block);
        });
        for (const bucket of buckets) {
            if (stack.linked(bucket, S3_PUBLIC_ACCESS_BLOCK, "bucket").length === 0)
                stack.report("no BucketPublicAccessBlock targets this bucket", bucket);
        }
    },
});

export const s3NoPublicAclOrPolicy = stackRule({
    name: "s3-no-public-acl-or-policy",
    area: "network-exposure",
    description:
        "Checks that no bucket ACL, grant or bucket policy makes objects readable or writable by everyone.",
    citation: PUBLIC,
    awsConfig: "s3-bucket-public-read-prohibited, s3-bucket-public-write-prohibited",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Remove public canned ACLs and AllUsers/AuthenticatedUsers grants; give `Allow` statements a named principal or a restricting condition (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID).",
    judges: [...S3_BUCKET, ...S3_ACL, ...S3_POLICY],
    check(stack) {
        stack.each(stack.subjects([...S3_BUCKET, ...S3_ACL]), (r) => {
            const acl = r.props.acl as string | undefined;
            const grants = [
                ...((r.props.grants ?? []) as { uri?: string }[]),
                ...(
                    (r.props.accessControlPolicy?.grants ?? []) as { grantee?: { uri?: string } }[]
                ).map((g) => g.grantee ?? {}),
            ];
            if (acl && PUBLIC_ACLS.includes(acl))
                stack.report(`canned ACL ${acl} makes the bucket public`, r);
            if (grants.some((g) => PUBLIC_GRANTEES.test(g.uri ?? "")))
                stack.report("an ACL grant names the AllUsers or AuthenticatedUsers group", r);
        });
        stack.each(stack.subjects([...S3_POLICY, ...S3_BUCKET]), (r) => {
            for (const s of statementsOf(r.props.policy) ?? []) {
                if (grantsEveryone(s))
                    stack.report(
                        `${label(s)} allows everyone (${s.notPrincipals.length > 0 ? "NotPrincipal" : "Principal *"}) without a condition limiting the source, network or organization`,
                        r,
                    );
            }
        });
    },
});

export const s3AclsDisabled = stackRule({
    name: "s3-acls-disabled",
    area: "network-exposure",
    description:
        "Checks that every S3 bucket disables ACLs (object ownership BucketOwnerEnforced) and that no ACL resource is declared.",
    citation: "164.308(a)(3)(i), 164.312(a)(1)",
    awsConfig: "s3-bucket-acl-prohibited",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Add `aws.s3.BucketOwnershipControls` with `rule.objectOwnership: "BucketOwnerEnforced"` and grant access with policies instead of ACLs.',
    judges: [...S3_BUCKET, ...S3_ACL],
    check(stack) {
        for (const acl of stack.subjects(S3_ACL))
            stack.report(
                "a bucket ACL resource is declared: manage access with bucket policies",
                acl,
            );
        stack.each(stack.subjects(S3_BUCKET), (bucket) => {
            if (bucket.props.acl || ((bucket.props.grants ?? []) as unknown[]).length > 0)
                stack.report("the bucket sets acl or grants", bucket);
            const controls = stack.linked(bucket, S3_OWNERSHIP, "bucket");
            const enforced = controls.map((c) =>
                known(() => c.props.rule?.objectOwnership as unknown),
            );
            if (enforced.includes("BucketOwnerEnforced")) return;
            if (enforced.includes(UNKNOWN)) return stack.undecided(bucket);
            stack.report(
                controls.length === 0
                    ? "no BucketOwnershipControls targets this bucket, so ACLs stay enabled"
                    : `object ownership is ${String(enforced[0])}, not BucketOwnerEnforced`,
                bucket,
            );
        });
    },
});

export const s3AccountPublicAccessBlock = stackRule({
    name: "s3-account-public-access-block",
    area: "network-exposure",
    description:
        "Checks that the stack owning the account baseline blocks public S3 access account-wide, with all four settings on.",
    citation: PUBLIC,
    awsConfig: "s3-account-level-public-access-blocks-periodic",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Declare `aws.s3.AccountPublicAccessBlock` with all four flags true in the baseline stack.",
    judges: ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"],
    check(stack) {
        const blocks = stack.subjects(["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"]);
        stack.each(blocks, (block) => {
            const off = FLAGS.filter((f) => block.props[f] !== true);
            if (off.length > 0)
                stack.report(`the account public access block leaves ${off.join(", ")} off`, block);
        });
        requireBaselineStack(stack);
        if (blocks.length === 0)
            stack.report("the account baseline has no aws.s3.AccountPublicAccessBlock");
    },
});

export const s3PublicAccessPolicies = [
    s3BucketPublicAccessBlock,
    s3NoPublicAclOrPolicy,
    s3AclsDisabled,
    s3AccountPublicAccessBlock,
];
