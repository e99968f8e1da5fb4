import { describeCases, R } from "../test/cases";
import { s3PublicAccessPolicies } from "./s3PublicAccess";

const bucket: R = { type: "aws:s3/bucket:Bucket", name: "uploads", props: { forceDestroy: false } };
/** The same bucket declared with the deprecated aws.s3.BucketV2 class (its own type token). */
const bucketV2 = (props: Record<string, unknown> = {}): R => ({
    ...bucket,
    type: "aws:s3/bucketV2:BucketV2",
    props: { bucket: "uploads-1", forceDestroy: false, ...props },
});
const block = (flags: Record<string, boolean>): R => ({
    type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    name: "uploads-pab",
    props: {
        bucket: "uploads-1",
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
        ...flags,
    },
    deps: { bucket: ["uploads"] },
});
const ownership = (objectOwnership: string): R => ({
    type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    name: "uploads-owner",
    props: { bucket: "uploads-1", rule: { objectOwnership } },
    deps: { bucket: ["uploads"] },
});
const policy = (statement: Record<string, unknown>): R => ({
    type: "aws:s3/bucketPolicy:BucketPolicy",
    name: "uploads-policy",
    props: {
        bucket: "uploads-1",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
    },
    deps: { bucket: ["uploads"] },
});
const account = (flags: Record<string, boolean>): R => ({
    type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    name: "account-pab",
    props: {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
        ...flags,
    },
});

describe("policy pack: S3 public access", () => {
    describeCases(s3PublicAccessPolicies, {
        "s3-bucket-public-access-block": {
            compliant: [{ stack: [bucket, block({})] }],
            violating: [
                { stack: [bucket], message: /no BucketPublicAccessBlock/ },
                {
                    stack: [block({ restrictPublicBuckets: false }), bucket],
                    message: /leaves restrictPublicBuckets off/,
                    unknown: "uploads-pab:restrictPublicBuckets",
                    exemptable: false,
                },
                {
                    stack: [{ ...bucket, type: "aws:s3/bucketV2:BucketV2" }],
                    message: /no BucketPublicAccessBlock/,
                },
            ],
        },
        "s3-no-public-acl-or-policy": {
            compliant: [
                // A BucketV2 with a private canned ACL and a policy naming the account.
                {
                    stack: [
                        bucketV2({
                            acl: "private",
                            policy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [
                                    {
                                        Effect: "Allow",
                                        Principal: { AWS: "arn:aws:iam::123456789012:root" },
                                        Action: "s3:GetObject",
                                        Resource: "arn:aws:s3:::uploads-1/*",
                                    },
                                ],
                            }),
                        }),
                    ],
                },
                {
                    // Everyone, but only from this organization.
                    stack: [
                        bucket,
                        policy({
                            Effect: "Allow",
                            Principal: "*",
                            Action: "s3:GetObject",
                            Resource: "arn:aws:s3:::uploads/*",
                            Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
                        }),
                    ],
                },
                {
                    stack: [
                        bucket,
                        policy({
                            Effect: "Allow",
                            Principal: { Service: "logging.s3.amazonaws.com" },
                            Action: "s3:PutObject",
                            Resource: "arn:aws:s3:::logs/*",
                            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
                        }),
                    ],
                },
                {
                    stack: [
                        policy({
                            Effect: "Deny",
                            Principal: "*",
                            Action: "s3:*",
                            Resource: "*",
                            Condition: { Bool: { "aws:SecureTransport": "false" } },
                        }),
                        bucket,
                    ],
                },
            ],
            violating: [
                {
                    // A condition that limits nothing about who asks: still everyone.
                    stack: [
                        bucket,
                        policy({
                            Sid: "TlsOnlyButPublic",
                            Effect: "Allow",
                            Principal: "*",
                            Action: "s3:GetObject",
                            Resource: "arn:aws:s3:::uploads/*",
                            Condition: { Bool: { "aws:SecureTransport": "true" } },
                        }),
                    ],
                    message: /statement "TlsOnlyButPublic" allows everyone \(Principal \*\)/,
                    unknown: "uploads-policy:policy",
                },
                {
                    stack: [
                        bucket,
                        policy({
                            Sid: "AllButOne",
                            Effect: "Allow",
                            NotPrincipal: { AWS: "arn:aws:iam::123456789012:role/blocked" },
                            Action: "s3:GetObject",
                            Resource: "arn:aws:s3:::uploads/*",
                        }),
                    ],
                    message: /allows everyone \(NotPrincipal\)/,
                },
                {
                    stack: [{ ...bucket, props: { acl: "public-read" } }],
                    message: /canned ACL public-read/,
                    unknown: "uploads:acl",
                },
                {
                    stack: [
                        {
                            type: "aws:s3/bucketAclV2:BucketAclV2",
                            name: "acl",
                            props: {
                                accessControlPolicy: {
                                    grants: [
                                        {
                                            grantee: {
                                                type: "Group",
                                                uri: "http://acs.amazonaws.com/groups/global/AllUsers",
                                            },
                                            permission: "READ",
                                        },
                                    ],
                                },
                            },
                        },
                    ],
                    message: /AllUsers/,
                },
                {
                    stack: [
                        policy({
                            Sid: "Public",
                            Effect: "Allow",
                            Principal: "*",
                            Action: "s3:GetObject",
                            Resource: "arn:aws:s3:::uploads-1/*",
                        }),
                        bucket,
                    ],
                    message: /statement "Public" allows everyone/,
                    unknown: "uploads-policy:policy",
                    exemptable: false,
                },
                // The bucket's inline forms: grants, and the deprecated inline policy.
                {
                    stack: [
                        {
                            ...bucket,
                            props: {
                                grants: [
                                    {
                                        type: "Group",
                                        uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
                                        permissions: ["READ"],
                                    },
                                ],
                            },
                        },
                    ],
                    message: /an ACL grant names the AllUsers or AuthenticatedUsers group/,
                    unknown: "uploads:grants",
                },
                {
                    stack: [
                        {
                            type: "aws:s3/bucketAcl:BucketAcl",
                            name: "acl",
                            props: { bucket: "uploads-1", acl: "authenticated-read" },
                        },
                    ],
                    message: /canned ACL authenticated-read makes the bucket public/,
                    unknown: "acl:acl",
                },
                {
                    stack: [
                        {
                            ...bucket,
                            props: {
                                policy: JSON.stringify({
                                    Version: "2012-10-17",
                                    Statement: [
                                        {
                                            Sid: "InlinePublic",
                                            Effect: "Allow",
                                            Principal: { AWS: "*" },
                                            Action: "s3:GetObject",
                                            Resource: "arn:aws:s3:::uploads-1/*",
                                        },
                                    ],
                                }),
                            },
                        },
                    ],
                    message: /statement "InlinePublic" allows everyone \(Principal \*\)/,
                    unknown: "uploads:policy",
                },
                // A BucketV2 in each inline form: canned ACL, grants, policy.
                {
                    stack: [bucketV2({ acl: "public-read-write" })],
                    message: /^canned ACL public-read-write makes the bucket public$/,
                    unknown: "uploads:acl",
                },
                {
                    stack: [
                        bucketV2({
                            grants: [
                                {
                                    type: "Group",
                                    uri: "http://acs.amazonaws.com/groups/global/AllUsers",
                                    permissions: ["READ"],
                                },
                            ],
                        }),
                    ],
                    message: /an ACL grant names the AllUsers or AuthenticatedUsers group/,
                },
                {
                    stack: [
                        bucketV2({
                            policy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [
                                    {
                                        Sid: "V2Public",
                                        Effect: "Allow",
                                        Principal: "*",
                                        Action: "s3:GetObject",
                                        Resource: "arn:aws:s3:::uploads-1/*",
                                    },
                                ],
                            }),
                        }),
                    ],
                    message: /statement "V2Public" allows everyone \(Principal \*\)/,
                },
            ],
        },
        "s3-acls-disabled": {
            compliant: [
                { stack: [bucket, ownership("BucketOwnerEnforced")] },
                { stack: [bucketV2(), ownership("BucketOwnerEnforced")] },
                {
                    // The ACL resource follows the exemption (with a reason) of its bucket.
                    stack: [
                        bucketV2({
                            tags: {
                                "compliance-exempt": "s3-acls-disabled",
                                "compliance-exempt-reason": "CloudFront standard logs need ACLs",
                            },
                        }),
                        {
                            type: "aws:s3/bucketAclV2:BucketAclV2",
                            name: "uploads-acl",
                            props: { bucket: "uploads-1", acl: "log-delivery-write" },
                            deps: { bucket: ["uploads"] },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [bucketV2(), ownership("BucketOwnerPreferred")],
                    message: /^object ownership is BucketOwnerPreferred, not BucketOwnerEnforced$/,
                    unknown: "uploads-owner:rule.objectOwnership",
                },
                {
                    stack: [
                        bucketV2({ acl: "log-delivery-write" }),
                        ownership("BucketOwnerEnforced"),
                    ],
                    message: /^the bucket sets acl or grants$/,
                    unknown: "uploads:acl",
                },
                {
                    // An ACL resource cannot carry tags: it follows its bucket's exemption.
                    stack: [
                        {
                            type: "aws:s3/bucketAclV2:BucketAclV2",
                            name: "uploads-acl",
                            props: { bucket: "uploads-1", acl: "private" },
                            deps: { bucket: ["uploads"] },
                        },
                        bucketV2(),
                        ownership("BucketOwnerPreferred"),
                    ],
                    message:
                        /^a bucket ACL resource is declared: manage access with bucket policies$/,
                    unknown: "uploads:tags",
                    exemptable: false,
                },
                {
                    stack: [bucket, ownership("ObjectWriter")],
                    message: /object ownership is ObjectWriter/,
                    unknown: "uploads-owner:rule",
                },
                { stack: [bucket], message: /no BucketOwnershipControls/ },
                {
                    stack: [
                        {
                            type: "aws:s3/bucketAcl:BucketAcl",
                            name: "acl",
                            props: { acl: "private" },
                        },
                    ],
                    message: /bucket ACL resource is declared/,
                },
                // ACLs set inline on the bucket, even with ownership enforced.
                {
                    stack: [
                        { ...bucket, props: { acl: "private" } },
                        ownership("BucketOwnerEnforced"),
                    ],
                    message: /the bucket sets acl or grants/,
                    unknown: "uploads:acl",
                },
                {
                    stack: [
                        {
                            ...bucket,
                            props: {
                                grants: [
                                    {
                                        type: "CanonicalUser",
                                        id: "abc123",
                                        permissions: ["FULL_CONTROL"],
                                    },
                                ],
                            },
                        },
                        ownership("BucketOwnerEnforced"),
                    ],
                    message: /the bucket sets acl or grants/,
                    unknown: "uploads:grants",
                },
            ],
        },
        "s3-account-public-access-block": {
            compliant: [{ stack: [account({})] }, { stack: [bucket] }],
            violating: [
                {
                    stack: [account({ blockPublicPolicy: false })],
                    message: /leaves blockPublicPolicy off/,
                    unknown: "account-pab:blockPublicPolicy",
                },
                {
                    stack: [{ type: "aws:cloudtrail/trail:Trail", name: "trail", props: {} }],
                    message: /no aws.s3.AccountPublicAccessBlock/,
                    exemptable: false,
                },
            ],
        },
    });
});
