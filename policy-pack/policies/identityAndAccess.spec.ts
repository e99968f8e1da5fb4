import { describeCases, R } from "../test/cases";
import { identityAndAccessPolicies } from "./identityAndAccess";

const doc = (...statements: Record<string, unknown>[]) =>
    JSON.stringify({ Version: "2012-10-17", Statement: statements });
const policy = (statement: Record<string, unknown>): R => ({
    type: "aws:iam/policy:Policy",
    name: "app",
    props: { policy: doc(statement) },
});
const SCOPED = {
    Sid: "ReadUploads",
    Effect: "Allow",
    Action: ["s3:GetObject", "s3:PutObject"],
    Resource: "arn:aws:s3:::uploads-1/*",
};
const READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
/** An inline policy resource of a role, user or group (RolePolicy, UserPolicy, GroupPolicy). */
const inline = (
    kind: "role" | "user" | "group",
    statement: Record<string, unknown>,
    name = `${kind}-inline`,
): R => ({
    type: `aws:iam/${kind}Policy:${kind[0].toUpperCase()}${kind.slice(1)}Policy`,
    name,
    props: { [kind]: `${kind}-1`, name, policy: doc(statement) },
});
const attachmentsExclusive = (policyArns: unknown[]): R => ({
    type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    name: "task-attachments",
    props: { roleName: "task-1", policyArns },
    deps: { roleName: ["task"] },
});
const policiesExclusive = (policyNames: unknown[]): R => ({
    type: "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
    name: "task-inline",
    props: { roleName: "task-1", policyNames },
    deps: { roleName: ["task"] },
});
const task = (environment: unknown[]): R => ({
    type: "aws:ecs/taskDefinition:TaskDefinition",
    name: "web",
    props: {
        containerDefinitions: JSON.stringify([
            {
                name: "redcap",
                environment,
                secrets: [
                    {
                        name: "DB_PASSWORD",
                        valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db",
                    },
                ],
            },
        ]),
    },
});
const secret: R = {
    type: "aws:secretsmanager/secret:Secret",
    name: "db",
    props: { kmsKeyId: "k" },
};
const rotation = (rules: Record<string, unknown>): R => ({
    type: "aws:secretsmanager/secretRotation:SecretRotation",
    name: "db-rotation",
    props: { secretId: "db-1", rotationRules: rules },
    deps: { secretId: ["db"] },
});
const STRONG = {
    minimumPasswordLength: 14,
    passwordReusePrevention: 24,
    maxPasswordAge: 90,
    requireLowercaseCharacters: true,
    requireUppercaseCharacters: true,
    requireNumbers: true,
    requireSymbols: true,
};

const trustRole = (name: string, statement: Record<string, unknown>): R => ({
    type: "aws:iam/role:Role",
    name,
    props: { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }) },
});

describe("policy pack: identity and access", () => {
    describeCases(identityAndAccessPolicies, {
        "iam-no-admin-statements": {
            compliant: [
                { stack: [policy(SCOPED)] },
                {
                    stack: [
                        inline("group", SCOPED),
                        {
                            type: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
                            name: "readers-attachments",
                            props: { groupName: "readers", policyArns: [READ_ONLY] },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                            name: "ro",
                            props: {
                                role: "r",
                                policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        policy({ Sid: "Colon", Effect: "Allow", Action: "*:*", Resource: "*" }),
                    ],
                    message: /statement "Colon" allows Action \* on Resource \*/,
                },
                {
                    stack: [
                        policy({
                            Sid: "AllBut",
                            Effect: "Allow",
                            NotAction: "iam:*",
                            Resource: "*",
                        }),
                    ],
                    message: /allows every action but iam:\* \(NotAction\) on Resource \*/,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                            name: "attach-admin",
                            props: {
                                role: "r",
                                policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
                            },
                        },
                    ],
                    message: /AdministratorAccess is attached/,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
                            name: "exclusive",
                            props: {
                                roleName: "r",
                                policyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
                            },
                        },
                    ],
                    message: /AdministratorAccess is attached/,
                    unknown: "exclusive:policyArns",
                },
                {
                    stack: [
                        policy({ Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" }),
                    ],
                    message: /statement "Everything" allows Action \* on Resource \*/,
                    unknown: "app:policy",
                },
                {
                    stack: [
                        {
                            type: "aws:iam/role:Role",
                            name: "admin",
                            props: {
                                managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
                            },
                        },
                    ],
                    message: /AdministratorAccess is attached/,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/role:Role",
                            name: "inline",
                            props: {
                                inlinePolicies: [
                                    {
                                        name: "all",
                                        policy: doc({
                                            Effect: "Allow",
                                            Action: ["*"],
                                            Resource: ["*"],
                                        }),
                                    },
                                ],
                            },
                        },
                    ],
                    message: /Action \*/,
                },
                // Inline policy resources of a role, a user and a group, one a JSON string, one
                // an object (aws.iam.PolicyDocument), as programs pass them.
                {
                    stack: [
                        inline("role", {
                            Sid: "RoleAll",
                            Effect: "Allow",
                            Action: "*",
                            Resource: "*",
                        }),
                    ],
                    message: /statement "RoleAll" allows Action \* on Resource \*/,
                    unknown: "role-inline:policy",
                    exemptable: false,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/userPolicy:UserPolicy",
                            name: "user-inline",
                            props: {
                                user: "ops",
                                policy: {
                                    Version: "2012-10-17",
                                    Statement: [
                                        {
                                            Sid: "UserAll",
                                            Effect: "Allow",
                                            Action: ["*:*"],
                                            Resource: ["*"],
                                        },
                                    ],
                                },
                            },
                        },
                    ],
                    message: /statement "UserAll" allows Action \* on Resource \*/,
                    exemptable: false,
                },
                {
                    stack: [
                        inline("group", {
                            Sid: "GroupAllBut",
                            Effect: "Allow",
                            NotAction: ["iam:*", "organizations:*"],
                            Resource: "*",
                        }),
                    ],
                    message:
                        /statement "GroupAllBut" allows every action but iam:\*, organizations:\* \(NotAction\) on Resource \*/,
                    exemptable: false,
                },
                // AdministratorAccess in every attachment form (none of them can carry tags).
                {
                    stack: [
                        {
                            type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
                            name: "ops-admin",
                            props: { user: "ops", policyArn: ADMIN },
                        },
                    ],
                    message: /AdministratorAccess is attached/,
                    unknown: "ops-admin:policyArn",
                    exemptable: false,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
                            name: "admins-admin",
                            props: { group: "admins", policyArn: ADMIN },
                        },
                    ],
                    message: /AdministratorAccess is attached/,
                    exemptable: false,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/policyAttachment:PolicyAttachment",
                            name: "admin-everywhere",
                            props: {
                                name: "admin-everywhere",
                                roles: ["deploy"],
                                groups: ["admins"],
                                policyArn: ADMIN,
                            },
                        },
                    ],
                    message: /AdministratorAccess is attached/,
                    exemptable: false,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
                            name: "ops-attachments",
                            props: { userName: "ops", policyArns: [READ_ONLY, ADMIN] },
                        },
                    ],
                    message: /AdministratorAccess is attached/,
                    unknown: "ops-attachments:policyArns",
                    exemptable: false,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
                            name: "admins-attachments",
                            props: { groupName: "admins", policyArns: [ADMIN] },
                        },
                    ],
                    message: /AdministratorAccess is attached/,
                    exemptable: false,
                },
            ],
        },
        "iam-no-service-wildcards": {
            compliant: [
                { stack: [policy(SCOPED)] },
                {
                    stack: [
                        inline("role", SCOPED),
                        {
                            type: "aws:iam/role:Role",
                            name: "task",
                            props: { inlinePolicies: [{ name: "read", policy: doc(SCOPED) }] },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        inline("role", {
                            Sid: "AllOfSqs",
                            Effect: "Allow",
                            Action: ["sqs:*"],
                            Resource: "arn:aws:sqs:us-east-1:123456789012:jobs",
                        }),
                    ],
                    message: /statement "AllOfSqs" allows sqs:\*/,
                    unknown: "role-inline:policy",
                    exemptable: false,
                },
                {
                    stack: [
                        inline("user", {
                            Effect: "Allow",
                            Action: ["s3:GetObject", "kms:*"],
                            Resource: "*",
                        }),
                    ],
                    message: /allows kms:\*/,
                    exemptable: false,
                },
                {
                    stack: [
                        inline("group", {
                            Effect: "Allow",
                            Action: "dynamodb:*",
                            Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/visits",
                        }),
                    ],
                    message: /allows dynamodb:\*/,
                    exemptable: false,
                },
                {
                    // A role's inline policy, declared on the role (which carries tags).
                    stack: [
                        {
                            type: "aws:iam/role:Role",
                            name: "task",
                            props: {
                                assumeRolePolicy: "{}",
                                inlinePolicies: [
                                    {
                                        name: "logs",
                                        policy: doc({
                                            Sid: "AllOfLogs",
                                            Effect: "Allow",
                                            Action: "logs:*",
                                            Resource: "*",
                                        }),
                                    },
                                ],
                            },
                        },
                    ],
                    message: /statement "AllOfLogs" allows logs:\*/,
                    unknown: "task:inlinePolicies",
                },
                {
                    stack: [
                        policy({
                            Effect: "Allow",
                            Action: ["s3:*"],
                            Resource: "arn:aws:s3:::uploads-1/*",
                        }),
                    ],
                    message: /allows s3:\*/,
                    unknown: "app:policy",
                },
            ],
        },
        "iam-no-kms-decrypt-all-keys": {
            compliant: [
                {
                    stack: [
                        policy({
                            Effect: "Allow",
                            Action: "kms:Decrypt",
                            Resource: "arn:aws:kms:us-east-1:123456789012:key/1",
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [policy({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" })],
                    message: /KMS decryption with every key/,
                    unknown: "app:policy",
                },
                {
                    stack: [
                        {
                            type: "aws:iam/rolePolicy:RolePolicy",
                            name: "rp",
                            props: {
                                policy: doc({
                                    Effect: "Allow",
                                    Action: "kms:ReEncrypt*",
                                    Resource: "*",
                                }),
                            },
                        },
                    ],
                    message: /every key/,
                },
                {
                    stack: [
                        inline("user", {
                            Sid: "DecryptAll",
                            Effect: "Allow",
                            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                            Resource: "*",
                        }),
                    ],
                    message: /statement "DecryptAll" allows KMS decryption with every key/,
                    unknown: "user-inline:policy",
                    exemptable: false,
                },
                {
                    stack: [inline("group", { Effect: "Allow", Action: "kms:*", Resource: ["*"] })],
                    message: /allows KMS decryption with every key \(Resource \*\)/,
                    exemptable: false,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/role:Role",
                            name: "task",
                            props: {
                                assumeRolePolicy: "{}",
                                inlinePolicies: [
                                    {
                                        name: "decrypt",
                                        policy: doc({
                                            Sid: "ReEncrypt",
                                            Effect: "Allow",
                                            Action: "kms:ReEncryptFrom",
                                            Resource: "*",
                                        }),
                                    },
                                ],
                            },
                        },
                    ],
                    message: /statement "ReEncrypt" allows KMS decryption with every key/,
                    unknown: "task:inlinePolicies",
                },
            ],
        },
        "iam-no-inline-policies": {
            compliant: [
                {
                    // An empty entry removes every inline policy.
                    stack: [
                        {
                            type: "aws:iam/role:Role",
                            name: "clean",
                            props: { inlinePolicies: [{}] },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:iam/role:Role",
                            name: "task",
                            props: { assumeRolePolicy: "{}" },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:iam/role:Role",
                            name: "task",
                            props: { inlinePolicies: [{ name: "x", policy: doc(SCOPED) }] },
                        },
                    ],
                    message: /declares inlinePolicies/,
                    unknown: "task:inlinePolicies",
                },
                {
                    stack: [
                        {
                            type: "aws:iam/rolePolicy:RolePolicy",
                            name: "rp",
                            props: { policy: doc(SCOPED) },
                        },
                    ],
                    message: /inline policy resource/,
                },
                {
                    stack: [inline("user", SCOPED)],
                    message: /^an inline policy resource is declared$/,
                    exemptable: false,
                },
                {
                    stack: [inline("group", SCOPED)],
                    message: /^an inline policy resource is declared$/,
                    exemptable: false,
                },
            ],
        },
        "iam-no-user-credentials": {
            compliant: [
                { stack: [{ type: "aws:iam/role:Role", name: "task", props: {} }] },
                {
                    stack: [
                        {
                            type: "aws:iam/user:User",
                            name: "smtp",
                            props: {
                                tags: {
                                    "compliance-exempt": "iam-no-user-credentials",
                                    "compliance-exempt-reason": "SES SMTP accepts only access keys",
                                },
                            },
                        },
                        {
                            type: "aws:iam/accessKey:AccessKey",
                            name: "smtp-key",
                            props: { user: "smtp" },
                            deps: { user: ["smtp"] },
                        },
                        {
                            type: "aws:iam/userLoginProfile:UserLoginProfile",
                            name: "smtp-console",
                            props: { user: "smtp" },
                            deps: { user: ["smtp"] },
                        },
                        {
                            type: "aws:iam/userPolicy:UserPolicy",
                            name: "smtp-send",
                            props: { user: "smtp", policy: doc(SCOPED) },
                            deps: { user: ["smtp"] },
                        },
                    ],
                },
                {
                    // Attachments, exclusive resources and certificates name their user by
                    // `user` or `userName`: they follow its exemption too.
                    stack: [
                        {
                            type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
                            name: "smtp-ses",
                            props: { user: "smtp", policyArn: READ_ONLY },
                            deps: { user: ["smtp"] },
                        },
                        {
                            type: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
                            name: "smtp-attachments",
                            props: { userName: "smtp", policyArns: [READ_ONLY] },
                            deps: { userName: ["smtp"] },
                        },
                        {
                            type: "aws:iam/userPoliciesExclusive:UserPoliciesExclusive",
                            name: "smtp-inline",
                            props: { userName: "smtp", policyNames: ["send"] },
                            deps: { userName: ["smtp"] },
                        },
                        {
                            type: "aws:iam/signingCertificate:SigningCertificate",
                            name: "smtp-cert",
                            props: {
                                userName: "smtp",
                                certificateBody: "-----BEGIN CERTIFICATE-----",
                            },
                            deps: { userName: ["smtp"] },
                        },
                        {
                            type: "aws:iam/user:User",
                            name: "smtp",
                            props: {
                                tags: {
                                    "compliance-exempt": "iam-no-user-credentials",
                                    "compliance-exempt-reason": "SES SMTP accepts only access keys",
                                },
                            },
                        },
                    ],
                },
            ],
            violating: [
                // Keys, attachments, exclusive resources and certificates cannot carry tags:
                // they follow their user's exemption (compliant stack above).
                {
                    stack: [
                        {
                            type: "aws:iam/accessKey:AccessKey",
                            name: "deploy-key",
                            props: { user: "deploy", status: "Active" },
                            deps: { user: ["deploy"] },
                        },
                        { type: "aws:iam/user:User", name: "deploy", props: { path: "/" } },
                    ],
                    message: /^AccessKey declared: long-lived user credentials/,
                    unknown: "deploy:tags",
                    exemptable: false,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
                            name: "alice-read",
                            props: { user: "alice", policyArn: READ_ONLY },
                        },
                    ],
                    message: /^UserPolicyAttachment declared/,
                    exemptable: false,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/signingCertificate:SigningCertificate",
                            name: "alice-cert",
                            props: {
                                userName: "alice",
                                certificateBody: "-----BEGIN CERTIFICATE-----",
                                status: "Active",
                            },
                        },
                    ],
                    message: /^SigningCertificate declared/,
                    exemptable: false,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/userPoliciesExclusive:UserPoliciesExclusive",
                            name: "alice-inline-set",
                            props: { userName: "alice", policyNames: ["alice-inline"] },
                        },
                    ],
                    message: /^UserPoliciesExclusive declared/,
                    exemptable: false,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
                            name: "alice-attachments",
                            props: { userName: "alice", policyArns: [READ_ONLY] },
                        },
                    ],
                    message: /^UserPolicyAttachmentsExclusive declared/,
                    exemptable: false,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/serviceSpecificCredential:ServiceSpecificCredential",
                            name: "git",
                            props: { serviceName: "codecommit.amazonaws.com", userName: "dev" },
                        },
                    ],
                    message: /ServiceSpecificCredential declared: long-lived user credentials/,
                    exemptable: false,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/sshKey:SshKey",
                            name: "ssh",
                            props: {
                                username: "dev",
                                encoding: "SSH",
                                publicKey: "ssh-ed25519 AAAA",
                            },
                        },
                    ],
                    message: /SshKey declared/,
                    exemptable: false,
                },
                {
                    stack: [
                        { type: "aws:iam/user:User", name: "deploy", props: { path: "/" } },
                        {
                            type: "aws:iam/accessKey:AccessKey",
                            name: "deploy-key",
                            props: { user: "deploy" },
                            deps: { user: ["deploy"] },
                        },
                    ],
                    message: /AccessKey declared/,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/policyAttachment:PolicyAttachment",
                            name: "att",
                            props: { users: ["alice"], policyArn: "arn" },
                        },
                    ],
                    message: /grants permissions to IAM users/,
                    unknown: "att:users",
                },
                // A bare user: no key, password or policy yet, but a long-lived identity.
                {
                    stack: [{ type: "aws:iam/user:User", name: "alice", props: {} }],
                    message: /^User declared: long-lived user credentials/,
                },
                // A console password and an inline user policy follow their user's exemption.
                {
                    stack: [
                        {
                            type: "aws:iam/userLoginProfile:UserLoginProfile",
                            name: "alice-console",
                            props: { user: "alice", passwordResetRequired: true },
                        },
                    ],
                    message: /UserLoginProfile declared/,
                    exemptable: false,
                },
                {
                    stack: [
                        {
                            type: "aws:iam/userPolicy:UserPolicy",
                            name: "alice-inline",
                            props: { user: "alice", policy: doc(SCOPED) },
                        },
                    ],
                    message: /UserPolicy declared/,
                    exemptable: false,
                },
            ],
        },
        "iam-role-no-policy-conflicts": {
            compliant: [
                // Exclusive resources listing every standalone policy: by value, or by the
                // resource whose output they list.
                {
                    stack: [
                        { type: "aws:iam/role:Role", name: "task", props: {} },
                        {
                            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                            name: "att",
                            props: { policyArn: READ_ONLY },
                            deps: { role: ["task"] },
                        },
                        {
                            type: "aws:iam/policy:Policy",
                            name: "app",
                            props: { policy: doc(SCOPED) },
                        },
                        {
                            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                            name: "att-app",
                            props: {},
                            deps: { role: ["task"], policyArn: ["app"] },
                        },
                        {
                            type: "aws:iam/rolePolicy:RolePolicy",
                            name: "write",
                            props: {},
                            deps: { role: ["task"] },
                        },
                        {
                            ...attachmentsExclusive([READ_ONLY]),
                            deps: { roleName: ["task"], policyArns: ["app"] },
                        },
                        {
                            ...policiesExclusive([]),
                            deps: { roleName: ["task"], policyNames: ["write"] },
                        },
                    ],
                },
                // Exclusive resources with nothing on the role and no standalone policies.
                {
                    stack: [
                        {
                            type: "aws:iam/role:Role",
                            name: "task",
                            props: { managedPolicyArns: [READ_ONLY] },
                        },
                        policiesExclusive([]),
                    ],
                },
                {
                    stack: [
                        { type: "aws:iam/role:Role", name: "task", props: {} },
                        {
                            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                            name: "att",
                            props: {},
                            deps: { role: ["task"] },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:iam/role:Role",
                            name: "task",
                            props: {
                                managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
                            },
                        },
                        {
                            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                            name: "att",
                            props: {},
                            deps: { role: ["task"] },
                        },
                    ],
                    message: /1 standalone attachment/,
                    unknown: "task:managedPolicyArns",
                },
                // inlinePolicies on the role and a standalone RolePolicy.
                {
                    stack: [
                        {
                            type: "aws:iam/role:Role",
                            name: "task",
                            props: { inlinePolicies: [{ name: "read", policy: doc(SCOPED) }] },
                        },
                        {
                            type: "aws:iam/rolePolicy:RolePolicy",
                            name: "write",
                            props: { name: "write", policy: doc(SCOPED) },
                            deps: { role: ["task"] },
                        },
                    ],
                    message: /1 standalone attachment/,
                },
                // managedPolicyArns on the role and RolePolicyAttachmentsExclusive.
                {
                    stack: [
                        {
                            type: "aws:iam/role:Role",
                            name: "task",
                            props: { managedPolicyArns: [READ_ONLY] },
                        },
                        attachmentsExclusive([READ_ONLY]),
                    ],
                    message:
                        /lists managedPolicyArns and RolePolicyAttachmentsExclusive task-attachments also manages them/,
                    unknown: "task:managedPolicyArns",
                },
                // inlinePolicies on the role and RolePoliciesExclusive.
                {
                    stack: [
                        {
                            type: "aws:iam/role:Role",
                            name: "task",
                            props: { inlinePolicies: [{ name: "read", policy: doc(SCOPED) }] },
                        },
                        policiesExclusive(["read"]),
                    ],
                    message:
                        /lists inlinePolicies and RolePoliciesExclusive task-inline also manages them/,
                },
                // An exclusive resource that leaves out a standalone attachment removes it.
                {
                    stack: [
                        { type: "aws:iam/role:Role", name: "task", props: {} },
                        {
                            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                            name: "att",
                            props: { policyArn: READ_ONLY },
                            deps: { role: ["task"] },
                        },
                        attachmentsExclusive([]),
                    ],
                    message:
                        /RolePolicyAttachmentsExclusive task-attachments does not list att in policyArns/,
                    unknown: "task-attachments:policyArns",
                },
                {
                    stack: [
                        { type: "aws:iam/role:Role", name: "task", props: {} },
                        {
                            type: "aws:iam/rolePolicy:RolePolicy",
                            name: "write",
                            props: { name: "write", policy: doc(SCOPED) },
                            deps: { role: ["task"] },
                        },
                        policiesExclusive(["read"]),
                    ],
                    message: /RolePoliciesExclusive task-inline does not list write in policyNames/,
                },
            ],
        },
        "secret-rotation": {
            compliant: [
                { stack: [secret, rotation({ automaticallyAfterDays: 30 })] },
                { stack: [secret, rotation({ scheduleExpression: "rate(30 days)" })] },
            ],
            violating: [
                { stack: [secret], message: /no SecretRotation/ },
                {
                    stack: [secret, rotation({ automaticallyAfterDays: 365 })],
                    message: /every 365 days \(> 90\)/,
                    unknown: "db-rotation:rotationRules",
                },
                {
                    stack: [secret, rotation({ scheduleExpression: "rate(365 days)" })],
                    message: /rotation rate\(365 days\) \(> 90 days\)/,
                },
                {
                    stack: [secret, rotation({})],
                    message: /neither automaticallyAfterDays nor scheduleExpression/,
                },
            ],
        },
        "rds-managed-master-password": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:rds/cluster:Cluster",
                            name: "db",
                            props: {
                                manageMasterUserPassword: true,
                                masterUserSecretKmsKeyId: "k",
                            },
                        },
                    ],
                },
                // These take their master user and password from the source.
                ...[
                    { globalClusterIdentifier: "global-1", engine: "aurora-mysql" },
                    { snapshotIdentifier: "snap-1" },
                    {
                        restoreToPointInTime: {
                            sourceClusterIdentifier: "db-source",
                            useLatestRestorableTime: true,
                        },
                    },
                    {
                        replicationSourceIdentifier:
                            "arn:aws:rds:us-west-2:123456789012:cluster:db",
                    },
                ].map((props) => ({
                    stack: [{ type: "aws:rds/cluster:Cluster", name: "db", props }],
                })),
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "mysql",
                            props: {
                                restoreToPointInTime: {
                                    sourceDbInstanceIdentifier: "mysql-source",
                                    useLatestRestorableTime: true,
                                },
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:rds/cluster:Cluster",
                            name: "db",
                            props: { masterPassword: "[secret]" },
                        },
                    ],
                    message: /master password is passed/,
                    unknown: "db:masterPassword",
                },
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "mysql",
                            props: { engine: "mysql" },
                        },
                    ],
                    message: /manageMasterUserPassword/,
                },
                // An S3 import creates a new master user: its password is judged.
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "mysql",
                            props: {
                                engine: "mysql",
                                username: "admin",
                                s3Import: {
                                    bucketName: "backups",
                                    ingestionRole: "arn:aws:iam::123456789012:role/import",
                                    sourceEngine: "mysql",
                                    sourceEngineVersion: "8.0.36",
                                },
                            },
                        },
                    ],
                    message: /manageMasterUserPassword is not true/,
                },
                // A restore takes the source's credentials, but a password given as input still
                // lands in state.
                {
                    stack: [
                        {
                            type: "aws:rds/cluster:Cluster",
                            name: "db",
                            props: { snapshotIdentifier: "snap-1", masterPassword: "[secret]" },
                        },
                    ],
                    message: /master password is passed/,
                },
                // A cluster joining a global database with its own master user is judged.
                {
                    stack: [
                        {
                            type: "aws:rds/cluster:Cluster",
                            name: "db",
                            props: { globalClusterIdentifier: "global-1", masterUsername: "admin" },
                        },
                    ],
                    message: /manageMasterUserPassword is not true/,
                    unknown: "db:masterUsername",
                },
            ],
        },
        "ecs-no-plaintext-secrets": {
            compliant: [
                {
                    stack: [
                        task([
                            { name: "DB_HOST", value: "db.internal" },
                            { name: "MAIL_FROM", value: "redcap@example.edu" },
                            // Not a password: a proxy setting.
                            { name: "SSL_PASSTHROUGH", value: "true" },
                            { name: "KEYCLOAK_URL", value: "https://sso.example.edu" },
                        ]),
                    ],
                },
            ],
            violating: [
                {
                    stack: [task([{ name: "DB_PASSWORD", value: "hunter2" }])],
                    message: /gets DB_PASSWORD in plain text/,
                    unknown: "web:containerDefinitions",
                },
                {
                    stack: [
                        task([
                            { name: "AWS_ACCESS_KEY_ID", value: "AKIA" },
                            { name: "REDCAP_SALT", value: "x" },
                        ]),
                    ],
                    message: /AWS_ACCESS_KEY_ID|REDCAP_SALT/,
                },
                {
                    stack: [task([{ name: "STRIPE_API_KEY", value: "sk_live" }])],
                    message: /gets STRIPE_API_KEY in plain text/,
                },
                {
                    stack: [task([{ name: "SMTP_PASS", value: "x" }])],
                    message: /gets SMTP_PASS in plain text/,
                },
            ],
        },
        "ec2-imdsv2": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "no-imds",
                            props: { subnetId: "s", metadataOptions: { httpEndpoint: "disabled" } },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/launchTemplate:LaunchTemplate",
                            name: "lt",
                            props: { metadataOptions: { httpTokens: "required" } },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "i",
                            props: { launchTemplate: { id: "lt-1" } },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
                            name: "spot",
                            props: {
                                spotPrice: "0.03",
                                metadataOptions: { httpTokens: "required" },
                            },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
                            name: "spot",
                            props: { launchTemplate: { id: "lt-1" } },
                        },
                    ],
                },
                // Spot Fleet instances from launch templates: the templates are judged.
                {
                    stack: [
                        {
                            type: "aws:ec2/spotFleetRequest:SpotFleetRequest",
                            name: "fleet",
                            props: {
                                targetCapacity: 2,
                                launchTemplateConfigs: [
                                    { launchTemplateSpecification: { id: "lt-1", version: "1" } },
                                ],
                            },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/launchConfiguration:LaunchConfiguration",
                            name: "lc",
                            props: {
                                imageId: "ami-1",
                                metadataOptions: { httpTokens: "required" },
                            },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "i",
                            props: { metadataOptions: { httpTokens: "optional" } },
                        },
                    ],
                    message: /httpTokens is optional/,
                    unknown: "i:metadataOptions",
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/launchTemplate:LaunchTemplate",
                            name: "lt",
                            props: { imageId: "ami-1" },
                        },
                    ],
                    message: /unset/,
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
                            name: "spot",
                            props: {
                                spotPrice: "0.03",
                                metadataOptions: { httpTokens: "optional" },
                            },
                        },
                    ],
                    message: /metadataOptions.httpTokens is optional, not required/,
                    unknown: "spot:metadataOptions.httpTokens",
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
                            name: "spot",
                            props: { spotPrice: "0.03" },
                        },
                    ],
                    message: /metadataOptions.httpTokens is unset, not required/,
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/spotFleetRequest:SpotFleetRequest",
                            name: "fleet",
                            props: {
                                targetCapacity: 2,
                                launchSpecifications: [{ ami: "ami-1", instanceType: "t3.micro" }],
                            },
                        },
                    ],
                    message: /launchSpecifications \(1\) cannot set metadataOptions.httpTokens/,
                    unknown: "fleet:launchSpecifications",
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/launchConfiguration:LaunchConfiguration",
                            name: "lc",
                            props: {
                                imageId: "ami-1",
                                metadataOptions: { httpTokens: "optional" },
                            },
                        },
                    ],
                    message: /httpTokens is optional/,
                },
            ],
        },
        "ec2-instance-profile": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "i",
                            props: { iamInstanceProfile: "bastion" },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "i",
                            props: { instanceType: "t4g.nano" },
                        },
                    ],
                    message: /iamInstanceProfile/,
                    unknown: "i:iamInstanceProfile",
                },
            ],
        },
        "iam-password-policy": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
                            name: "pw",
                            props: STRONG,
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
                            name: "pw",
                            props: { ...STRONG, minimumPasswordLength: 8, requireSymbols: false },
                        },
                    ],
                    message: /minimumPasswordLength < 14, requireSymbols not true/,
                    unknown: "pw:minimumPasswordLength",
                },
            ],
        },
        "iam-trust-no-public-principal": {
            compliant: [
                {
                    stack: [
                        trustRole("ci", {
                            Effect: "Allow",
                            Principal: { AWS: "arn:aws:iam::210987654321:root" },
                            Action: "sts:AssumeRole",
                        }),
                    ],
                },
                {
                    stack: [
                        trustRole("org", {
                            Effect: "Allow",
                            Principal: { AWS: "*" },
                            Action: "sts:AssumeRole",
                            Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        trustRole("open", {
                            Sid: "Anyone",
                            Effect: "Allow",
                            Principal: { AWS: "*" },
                            Action: "sts:AssumeRole",
                        }),
                    ],
                    message: /statement "Anyone" of the trust policy lets anyone assume the role/,
                    unknown: "open:assumeRolePolicy",
                },
                {
                    stack: [
                        trustRole("not", {
                            Effect: "Allow",
                            NotPrincipal: { AWS: "arn:aws:iam::210987654321:root" },
                            Action: "sts:AssumeRole",
                        }),
                    ],
                    message: /lets anyone assume the role/,
                },
            ],
        },
        "iam-trust-service-source-condition": {
            compliant: [
                {
                    stack: [
                        trustRole("task", {
                            Effect: "Allow",
                            Principal: { Service: "ecs-tasks.amazonaws.com" },
                            Action: "sts:AssumeRole",
                            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
                        }),
                    ],
                },
                {
                    // EC2 sends no source context for instance roles.
                    stack: [
                        trustRole("instance", {
                            Effect: "Allow",
                            Principal: { Service: "ec2.amazonaws.com" },
                            Action: "sts:AssumeRole",
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        trustRole("task", {
                            Sid: "Tasks",
                            Effect: "Allow",
                            Principal: { Service: "ecs-tasks.amazonaws.com" },
                            Action: "sts:AssumeRole",
                        }),
                    ],
                    message:
                        /statement "Tasks" of the trust policy lets ecs-tasks.amazonaws.com assume the role for any account/,
                    unknown: "task:assumeRolePolicy",
                },
            ],
        },
    });
});
