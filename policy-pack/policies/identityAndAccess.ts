import type { PolicyResource } from "@pulumi/policy";
import { resourceRule, stackRule } from "../lib/policy";
import { containersOf } from "../lib/containers";
import {
    actionMatches,
    grantsEveryone,
    label,
    restrictsPrincipals,
    Statement,
    statementsOf,
} from "../lib/policyDocuments";
import {
    EC2_INSTANCE,
    IAM_POLICY_HOLDERS,
    LAUNCH_TEMPLATE,
    RDS_CLUSTER,
    RDS_INSTANCE,
} from "../lib/tokens";
import { known, UNKNOWN } from "../lib/unknown";

const ACCESS =
    "164.308(a)(3)(i), 164.308(a)(3)(ii)(A), 164.308(a)(3)(ii)(B), 164.308(a)(4)(i), 164.308(a)(4)(ii)(B)-(C), 164.312(a)(1)";
const ADMIN_POLICY = /^arn:aws[-a-z]*:iam::aws:policy\/AdministratorAccess$/;

/** Every policy document a resource declares: `policy`, or a role's `inlinePolicies[].policy`. */

function documentsOf(type: string, props: any): Statement[] {
    const documents =
        type === "aws:iam/role:Role"
            ? ((props.inlinePolicies ?? []) as { policy?: unknown }[]).map((p) => p.policy)
            : [props.policy];
    return documents.flatMap((d) => statementsOf(d) ?? []);
}

const allows = (s: Statement) => s.effect === "Allow";
const onEverything = (s: Statement) => s.resources.includes("*");

export const iamNoAdminStatements = resourceRule({
    name: "iam-no-admin-statements",
    area: "identity-and-access",
    description:
        "Checks that no IAM policy allows every action on every resource (Action * or *:*, or NotAction on Resource *), and that AdministratorAccess is never attached, in any attachment form.",
    citation: ACCESS,
    awsConfig: "iam-policy-no-statements-with-admin-access",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Grant the specific actions on the specific resources the role needs; people get administrative access through SSO permission sets, not stack-managed policies.",
    types: [
        ...IAM_POLICY_HOLDERS,
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
        "aws:iam/policyAttachment:PolicyAttachment",
        "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
        "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
        "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
    ],
    check(props, { report, args }) {
        for (const s of documentsOf(args.type, props).filter((s) => allows(s) && onEverything(s))) {
            if (s.actions.some((a) => a === "*" || a === "*:*"))
                report(`${label(s)} allows Action * on Resource *`);
            else if (s.notActions.length > 0)
                report(
                    `${label(s)} allows every action but ${s.notActions.join(", ")} (NotAction) on Resource *`,
                );
        }
        const arns = [
            props.policyArn,
            ...((props.managedPolicyArns ?? []) as unknown[]),
            ...((props.policyArns ?? []) as unknown[]),
        ];
        if (arns.some((a) => typeof a === "string" && ADMIN_POLICY.test(a)))
            report("AdministratorAccess is attached");
    },
});

export const iamNoServiceWildcards = resourceRule({
    name: "iam-no-service-wildcards",
    area: "identity-and-access",
    description:
        "Checks that IAM policies do not allow every action of a service (`s3:*`, `kms:*`).",
    citation: ACCESS,
    awsConfig: "iam-policy-no-statements-with-full-access",
    severity: "high",
    enforcementLevel: "advisory",
    remediationSteps:
        "List the actions the role uses (e.g. s3:GetObject, s3:PutObject) instead of `<service>:*`.",
    types: IAM_POLICY_HOLDERS,
    check(props, { report, args }) {
        for (const s of documentsOf(args.type, props).filter(allows)) {
            const wild = s.actions.filter((a) => /^[a-z0-9-]+:\*$/i.test(a));
            if (wild.length > 0) report(`${label(s)} allows ${wild.join(", ")}`);
        }
    },
});

export const iamNoKmsDecryptAllKeys = resourceRule({
    name: "iam-no-kms-decrypt-all-keys",
    area: "identity-and-access",
    description:
        "Checks that IAM policies do not allow decrypting (or re-encrypting) with every KMS key in the account.",
    citation: "164.312(a)(2)(iv)",
    awsConfig: "iam-customer-policy-blocked-kms-actions, iam-inline-policy-blocked-kms-actions",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Name the key ARNs in `Resource` for kms:Decrypt and kms:ReEncrypt*.",
    types: IAM_POLICY_HOLDERS,
    check(props, { report, args }) {
        for (const s of documentsOf(args.type, props).filter((s) => allows(s) && onEverything(s))) {
            if (
                s.actions.some((a) =>
                    ["kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo"].some((k) =>
                        actionMatches(a, k),
                    ),
                )
            )
                report(`${label(s)} allows KMS decryption with every key (Resource *)`);
        }
    },
});

export const iamNoInlinePolicies = resourceRule({
    name: "iam-no-inline-policies",
    area: "identity-and-access",
    description: "Checks that permissions are granted with managed policies, not inline policies.",
    citation: ACCESS,
    awsConfig: "iam-no-inline-policy-check",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Create an `aws.iam.Policy` and attach it with `aws.iam.RolePolicyAttachment`.",
    types: [
        "aws:iam/rolePolicy:RolePolicy",
        "aws:iam/userPolicy:UserPolicy",
        "aws:iam/groupPolicy:GroupPolicy",
        "aws:iam/role:Role",
    ],
    check(props, { report, args }) {
        if (args.type !== "aws:iam/role:Role") report("an inline policy resource is declared");
        // `inlinePolicies: [{}]` is how a program removes every inline policy: not one itself.
        else if (((props.inlinePolicies ?? []) as { policy?: unknown }[]).some((p) => p.policy))
            report("the role declares inlinePolicies");
    },
});

const USER_CREDENTIALS = [
    "aws:iam/user:User",
    "aws:iam/userLoginProfile:UserLoginProfile",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/accessKey:AccessKey",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
    "aws:iam/sshKey:SshKey",
    "aws:iam/serviceSpecificCredential:ServiceSpecificCredential",
    "aws:iam/signingCertificate:SigningCertificate",
    "aws:iam/userPoliciesExclusive:UserPoliciesExclusive",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
];

export const iamNoUserCredentials = stackRule({
    name: "iam-no-user-credentials",
    area: "identity-and-access",
    description:
        "Checks that the stack creates no IAM users, access keys, console passwords or user policies: people sign in through SSO, workloads use roles.",
    citation: ACCESS,
    awsConfig:
        "iam-user-no-policies-check (preventive proxy for access-keys-rotated, iam-user-mfa-enabled)",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Use roles (task, instance, service) and IAM Identity Center. Where an AWS feature only accepts static keys (SES SMTP), tag the user `compliance-exempt=iam-no-user-credentials` with the reason and rotate its key; its keys and attachments follow the user's exemption.",
    judges: USER_CREDENTIALS,
    check(stack) {
        // Keys, login profiles and attachments cannot carry tags: they follow their user's exemption.
        stack.each(stack.subjects(USER_CREDENTIALS), (r) => {
            if (r.type !== "aws:iam/policyAttachment:PolicyAttachment") {
                stack.report(`${r.type.split(":").pop()} declared: long-lived user credentials`, r);
            } else if (((r.props.users ?? []) as unknown[]).length > 0) {
                stack.report("the policy attachment grants permissions to IAM users", r);
            }
        });
    },
});

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ROLE_POLICIES_EXCLUSIVE = "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive";
const ROLE_ATTACHMENTS_EXCLUSIVE =
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";

/**
 * Whether an exclusive resource lists a standalone policy or attachment: by the value it names
 * (`values` holds the exclusive's policyNames or policyArns, `value` the standalone's name or
 * policyArn), or by the resource that feeds both (a policy's ARN, a RolePolicy's name output).
 */
function lists(
    exclusive: PolicyResource,
    listInput: string,
    standalone: PolicyResource,
    valueInput: string,
): boolean {
    // Dependencies first: at preview the names and ARNs are usually unknown, the links are not.
    const feeding = new Set((exclusive.propertyDependencies[listInput] ?? []).map((d) => d.urn));
    // A RolePolicy's name is its own output; an attachment's policyArn comes from the policy.
    if (valueInput === "name" && feeding.has(standalone.urn)) return true;
    if ((standalone.propertyDependencies[valueInput] ?? []).some((d) => feeding.has(d.urn)))
        return true;
    const values = (exclusive.props[listInput] ?? []) as unknown[];
    const value = standalone.props[valueInput] as unknown;
    return typeof value === "string" && values.includes(value);
}

export const iamRoleNoPolicyConflicts = stackRule({
    name: "iam-role-no-policy-conflicts",
    area: "identity-and-access",
    description:
        "Checks that each set of a role's policies has one owner: a role listing `managedPolicyArns` or `inlinePolicies` is not also the target of standalone attachments or of the exclusive resources (RolePolicyAttachmentsExclusive, RolePoliciesExclusive), and an exclusive resource lists every standalone attachment or policy of its role (it removes the others).",
    citation: "",
    awsConfig: "none (AwsGuard iam-role-no-policy-management-conflicts)",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Manage a role's policies either on the role or as attachment resources, not both; with `aws.iam.RolePolicyAttachmentsExclusive` / `aws.iam.RolePoliciesExclusive`, list every `RolePolicyAttachment` / `RolePolicy` of the role in `policyArns` / `policyNames`.",
    judges: ["aws:iam/role:Role"],
    check(stack) {
        stack.each(stack.subjects(["aws:iam/role:Role"]), (role) => {
            const managed = ((role.props.managedPolicyArns ?? []) as unknown[]).length > 0;
            const inline = ((role.props.inlinePolicies ?? []) as unknown[]).length > 0;
            const attachments = stack.linked(role, [ROLE_POLICY_ATTACHMENT], "role");
            const policies = stack.linked(role, [ROLE_POLICY], "role");
            const standalone = attachments.length + policies.length;
            if ((managed || inline) && standalone > 0)
                stack.report(
                    `the role lists its policies and ${standalone} standalone attachment(s) also target it`,
                    role,
                );
            const exclusives: [string, boolean, string, PolicyResource[], string, string][] = [
                [
                    ROLE_ATTACHMENTS_EXCLUSIVE,
                    managed,
                    "managedPolicyArns",
                    attachments,
                    "policyArns",
                    "policyArn",
                ],
                [
                    ROLE_POLICIES_EXCLUSIVE,
                    inline,
                    "inlinePolicies",
                    policies,
                    "policyNames",
                    "name",
                ],
            ];
            for (const [type, onRole, roleInput, members, listInput, valueInput] of exclusives) {
                const kind = type.split(":").pop()!;
                for (const exclusive of stack.linked(role, [type], "roleName")) {
                    if (onRole)
                        stack.report(
                            `the role lists ${roleInput} and ${kind} ${exclusive.name} also manages them`,
                            role,
                        );
                    const unlisted = members.filter(
                        (m) => !lists(exclusive, listInput, m, valueInput),
                    );
                    if (unlisted.length > 0)
                        stack.report(
                            `${kind} ${exclusive.name} does not list ${unlisted.map((m) => m.name).join(", ")} in ${listInput}: it removes them from the role on every update`,
                            role,
                        );
                }
            }
        });
    },
});

export const secretRotation = stackRule<{ maximumRotationDays: number }>({
    name: "secret-rotation",
    area: "identity-and-access",
    description:
        "Checks that every Secrets Manager secret rotates at least every N days (values that can never change, like REDCap's salt, are exempted by tag).",
    citation: "164.308(a)(4)(ii)(B), 164.308(a)(5)(ii)(D)",
    awsConfig: "secretsmanager-rotation-enabled-check",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Add `aws.secretsmanager.SecretRotation` with `rotationRules.automaticallyAfterDays` ≤ 90 (or let RDS manage the master password), or tag the secret exempt with the reason it cannot rotate.",
    config: {
        maximumRotationDays: {
            description: "Longest acceptable rotation interval.",
            default: 90,
            schema: { type: "integer", minimum: 1 },
        },
    },
    judges: ["aws:secretsmanager/secret:Secret"],
    check(stack) {
        stack.each(stack.subjects(["aws:secretsmanager/secret:Secret"]), (secret) => {
            const rotations = stack.linked(
                secret,
                ["aws:secretsmanager/secretRotation:SecretRotation"],
                "secretId",
            );
            if (rotations.length === 0) {
                stack.report("no SecretRotation rotates this secret", secret);
                return;
            }
            for (const r of rotations) {
                const days = known(
                    () => r.props.rotationRules?.automaticallyAfterDays as number | undefined,
                );
                const schedule = known(() => r.props.rotationRules?.scheduleExpression as unknown);
                if (days === UNKNOWN || schedule === UNKNOWN) {
                    stack.undecided(secret);
                    continue;
                }
                // A schedule written as a rate counts in days too: rate(365 days) is a year.
                const rate = /^rate\((\d+)\s+(hours?|days?)\)$/.exec(
                    (typeof schedule === "string" ? schedule : "").trim(),
                );
                const scheduledDays = rate
                    ? Number(rate[1]) / (rate[2].startsWith("hour") ? 24 : 1)
                    : undefined;
                if (scheduledDays !== undefined && scheduledDays > stack.config.maximumRotationDays)
                    stack.report(
                        `rotation ${String(schedule)} (> ${stack.config.maximumRotationDays} days)`,
                        secret,
                    );
                if (typeof days === "number" && days > stack.config.maximumRotationDays)
                    stack.report(
                        `rotation every ${days} days (> ${stack.config.maximumRotationDays})`,
                        secret,
                    );
                if (days === undefined && schedule === undefined)
                    stack.report(
                        "the rotation has neither automaticallyAfterDays nor scheduleExpression",
                        secret,
                    );
            }
        });
    },
});

export const rdsManagedMasterPassword = resourceRule({
    name: "rds-managed-master-password",
    area: "identity-and-access",
    description:
        "Checks that database master passwords are generated, stored and rotated by RDS in Secrets Manager, never passed as input (replicas, global secondaries and snapshot or point-in-time restores take the source's credentials).",
    citation: "164.308(a)(4)(ii)(B), 164.308(a)(5)(ii)(D)",
    awsConfig: "none (supports secretsmanager-rotation-enabled-check)",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Set `manageMasterUserPassword: true` (with `masterUserSecretKmsKeyId`) and drop `masterPassword`.",
    types: [RDS_CLUSTER, RDS_INSTANCE],
    check(props, { report }) {
        // A password given as an input lands in state, whatever the database is created from.
        if (props.masterPassword || props.password)
            report("a master password is passed as an input: it lands in state and never rotates");
        // These copy their master user and password from the source: a read replica, a secondary
        // cluster joining a global database (it sets no masterUsername), a restore from a snapshot
        // or to a point in time. An S3 import (s3Import) creates a new master user: judged.
        else if (
            props.replicateSourceDb ||
            props.replicationSourceIdentifier ||
            props.snapshotIdentifier ||
            props.restoreToPointInTime ||
            (props.globalClusterIdentifier && !props.masterUsername && !props.username)
        )
            return;
        else if (props.manageMasterUserPassword !== true)
            report("manageMasterUserPassword is not true");
    },
});

/** Names of secrets: passwords, secrets, tokens, salts, API and private keys, AWS keys (not PASSTHROUGH). */
const SECRET_NAME =
    /PASSW(OR)?D|PASSPHRASE|(^|_)PASS($|_)|SECRET|TOKEN|SALT|(API|PRIVATE|SECRET|ENCRYPTION|SIGNING|ACCESS)_?KEY|^AWS_ACCESS_KEY_ID$/i;

export const ecsNoPlaintextSecrets = resourceRule({
    name: "ecs-no-plaintext-secrets",
    area: "identity-and-access",
    description:
        "Checks that no container receives a password, token, salt, key or AWS credential as a plain environment variable.",
    citation: "164.308(a)(3)(i), 164.308(a)(4)(ii)(B), 164.308(a)(4)(ii)(C), 164.312(a)(1)",
    awsConfig: "none (like codebuild-project-envvar-awscred-check; cdk-nag ECS2)",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Move the value to Secrets Manager (or SSM SecureString) and reference it in the container's `secrets[].valueFrom`.",
    types: ["aws:ecs/taskDefinition:TaskDefinition"],
    check(props, { report }) {
        for (const c of containersOf(props.containerDefinitions)) {
            for (const e of (c.environment ?? []).filter((e) => SECRET_NAME.test(e.name ?? "")))
                report(
                    `container ${c.name ?? "?"} gets ${e.name} in plain text: use secrets[].valueFrom`,
                );
        }
    },
});

const SPOT_INSTANCE_REQUEST = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
const SPOT_FLEET_REQUEST = "aws:ec2/spotFleetRequest:SpotFleetRequest";
const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";

/** What is wrong with a `metadataOptions` block, or undefined when it requires IMDSv2 tokens. */
function imdsProblem(options: { httpEndpoint?: string; httpTokens?: string } | undefined) {
    // No metadata service at all: nothing to steal credentials from.
    if (options?.httpEndpoint === "disabled") return undefined;
    // Unset, EC2 applies the AMI's ImdsSupport or the account's default, which allow IMDSv1.
    return options?.httpTokens === "required"
        ? undefined
        : `metadataOptions.httpTokens is ${options?.httpTokens ?? "unset"}, not required`;
}

export const ec2Imdsv2 = resourceRule({
    name: "ec2-imdsv2",
    area: "identity-and-access",
    description:
        "Checks that EC2 instances, Spot Instance requests, Spot Fleet requests, launch templates and launch configurations require IMDSv2 session tokens (blocks SSRF theft of the instance role).",
    citation: ACCESS,
    awsConfig: "ec2-imdsv2-check",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Set `metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 }`; a Spot Fleet request takes its instances from `launchTemplateConfigs` (templates that require IMDSv2), since `launchSpecifications` cannot set metadata options.',
    types: [
        EC2_INSTANCE,
        SPOT_INSTANCE_REQUEST,
        LAUNCH_TEMPLATE,
        LAUNCH_CONFIGURATION,
        SPOT_FLEET_REQUEST,
    ],
    check(props, { report, args }) {
        if (args.type === SPOT_FLEET_REQUEST) {
            // Instances of launchTemplateConfigs take the templates' options (judged there);
            // launchSpecifications have no metadataOptions, so they get the AMI's or account's default.
            const specs = (props.launchSpecifications ?? []) as unknown[];
            if (specs.length > 0)
                report(
                    `launchSpecifications (${specs.length}) cannot set metadataOptions.httpTokens: their instances accept IMDSv1 unless the AMI or account says otherwise; use launchTemplateConfigs`,
                );
            return;
        }
        if (
            (args.type === EC2_INSTANCE || args.type === SPOT_INSTANCE_REQUEST) &&
            props.launchTemplate &&
            props.metadataOptions === undefined
        )
            return; // the template decides
        const problem = imdsProblem(props.metadataOptions);
        if (problem) report(problem);
    },
});

export const ec2InstanceProfile = resourceRule({
    name: "ec2-instance-profile",
    area: "identity-and-access",
    description:
        "Checks that EC2 instances run with an instance profile (a role), not keys on disk.",
    citation: ACCESS,
    awsConfig: "ec2-instance-profile-attached",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps: "Set `iamInstanceProfile` on the instance or in its launch template.",
    types: [EC2_INSTANCE],
    check(props, { report }) {
        if (!props.iamInstanceProfile && !props.launchTemplate)
            report("iamInstanceProfile is not set");
    },
});

const PASSWORD_POLICY = {
    minimumPasswordLength: 14,
    passwordReusePrevention: 24,
    maxPasswordAge: 90,
};

export const iamPasswordPolicy = resourceRule({
    name: "iam-password-policy",
    area: "identity-and-access",
    description:
        "Checks that the account password policy meets the HIPAA conformance pack's values (14 characters, four classes, 24 remembered, 90 days).",
    citation: "164.308(a)(4)(ii)(C), 164.308(a)(5)(ii)(D), 164.312(d)",
    awsConfig: "iam-password-policy",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set minimumPasswordLength ≥ 14, passwordReusePrevention ≥ 24, maxPasswordAge ≤ 90 and require lowercase, uppercase, numbers and symbols.",
    types: ["aws:iam/accountPasswordPolicy:AccountPasswordPolicy"],
    check(props, { report }) {
        const weak: string[] = [];
        if (!(Number(props.minimumPasswordLength) >= PASSWORD_POLICY.minimumPasswordLength))
            weak.push("minimumPasswordLength < 14");
        if (!(Number(props.passwordReusePrevention) >= PASSWORD_POLICY.passwordReusePrevention))
            weak.push("passwordReusePrevention < 24");
        if (!(
            Number(props.maxPasswordAge) > 0 &&
            Number(props.maxPasswordAge) <= PASSWORD_POLICY.maxPasswordAge
        ))
            weak.push("maxPasswordAge not 1-90");
        for (const flag of [
            "requireLowercaseCharacters",
            "requireUppercaseCharacters",
            "requireNumbers",
            "requireSymbols",
        ]) {
            if (props[flag] !== true) weak.push(`${flag} not true`);
        }
        if (weak.length > 0)
            report(`the password policy is weaker than the HIPAA pack's: ${weak.join(", ")}`);
    },
});

/** The statements of a role's trust policy that let someone assume it. */
const trustStatements = (props: any): Statement[] =>
    (statementsOf(props.assumeRolePolicy) ?? []).filter(
        (s) => s.effect === "Allow" && s.actions.some((a) => /^sts:(AssumeRole|\*)|^\*$/i.test(a)),
    );

export const iamTrustNoPublicPrincipal = resourceRule({
    name: "iam-trust-no-public-principal",
    area: "identity-and-access",
    description:
        "Checks that no role's trust policy lets everyone assume it (Principal * or NotPrincipal) without a condition limiting the caller's account, organization or source.",
    citation: "164.308(a)(4)(ii)(B), 164.312(a)(1)",
    awsConfig: "none (IAM Access Analyzer flags such roles as public)",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Name the principals that may assume the role (an account, a role, a service), or add a condition such as aws:PrincipalOrgID.",
    types: ["aws:iam/role:Role"],
    check(props, { report }) {
        for (const s of trustStatements(props).filter(grantsEveryone))
            report(`${label(s)} of the trust policy lets anyone assume the role`);
    },
});

export const iamTrustServiceSourceCondition = resourceRule<{
    servicesWithoutSourceContext: string[];
}>({
    name: "iam-trust-service-source-condition",
    area: "identity-and-access",
    description:
        "Checks that a role an AWS service assumes names the account or resource it acts for (aws:SourceAccount or aws:SourceArn), against the confused deputy, except for services that send no such context.",
    citation: "164.308(a)(4)(ii)(B), 164.312(a)(1)",
    awsConfig: "none",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        'Add `Condition: { StringEquals: { "aws:SourceAccount": "<account>" } }` (and `ArnLike` on `aws:SourceArn` where the service documents it) to the trust statement.',
    config: {
        servicesWithoutSourceContext: {
            description:
                "Service principals that assume roles without sending aws:SourceAccount or aws:SourceArn (EC2 instance roles).",
            default: ["ec2.amazonaws.com"],
            schema: { type: "array", items: { type: "string" } },
        },
    },
    types: ["aws:iam/role:Role"],
    check(props, { report, config }) {
        for (const s of trustStatements(props)) {
            const services = s.principals.filter(
                (p) =>
                    /\.amazonaws\.com(\.cn)?$/.test(p) &&
                    !config.servicesWithoutSourceContext.includes(p),
            );
            if (services.length > 0 && !restrictsPrincipals(s))
                report(
                    `${label(s)} of the trust policy lets ${services.join(", ")} assume the role for any account`,
                );
        }
    },
});

export const identityAndAccessPolicies = [
    iamNoAdminStatements,
    iamNoServiceWildcards,
    iamNoKmsDecryptAllKeys,
    iamNoInlinePolicies,
    iamNoUserCredentials,
    iamRoleNoPolicyConflicts,
    secretRotation,
    rdsManagedMasterPassword,
    ecsNoPlaintextSecrets,
    ec2Imdsv2,
    ec2InstanceProfile,
    iamPasswordPolicy,
    iamTrustNoPublicPrincipal,
    iamTrustServiceSourceCondition,
];
