/**
 * The permission policies of the two roles CI assumes in a stack's AWS account, derived from what
 * the stack's offline plan declares (resource types, invokes, the roles it passes to services)
 * and its configuration (regions, the S3 zip), never from a guess:
 *
 * - the **deploy** role (`pulumi up`, GitHub environment of the stack): manages every service the
 *   plan uses, service-wide, in the stack's regions only; IAM action by action; passes roles only
 *   to the services that trust them; never opens a shell in a task or reads recorded logs;
 * - the **preview** role (`pulumi preview` of pull requests, read-only): Describe/Get/List of the
 *   same services, no secret values, no object data but the REDCap zip, no log contents.
 *
 * Pure: `tools/ci/cli.ts role-policies` plans the stacks and writes the documents to `docs/ci/`;
 * a test fails when they are stale or when a plan uses a type this file does not map.
 */
import { actionProblem } from "../../policy-pack/lib/iamReference";
import { actionMatches } from "../../policy-pack/lib/policyDocuments";
import type { AnyStackConfig } from "../../stacks/system";
import type { StackPlan } from "../synth/planStack";

export interface IamStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Action: string[];
    Resource?: string | string[];
    NotResource?: string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export interface IamPolicy {
    Version: "2012-10-17";
    Statement: IamStatement[];
}

/** What the generator reads of one stack (a subset of `planStack`'s result). */
export interface StackFacts {
    stack: string;
    /** The stack's region and any other region it deploys to (a backup copy region). */
    regions: string[];
    /** Custom resources' type tokens and inputs (components are not AWS calls). */
    resources: { type: string; custom: boolean; inputs: Record<string, unknown> }[];
    /** Invoke tokens (data sources) the program calls. */
    invokes: string[];
    /** `redcap:app.redcapZip` when it is an `s3://` URI. */
    redcapZipS3Uri?: string;
}

/** The facts of a planned stack (`planStack` / the tests' `planForStack`). */
export function stackFacts({ config, plan, calls }: StackPlan<AnyStackConfig>): StackFacts {
    const zip = config.system === "redcap" ? config.app?.redcapZip : undefined;
    return {
        stack: config.stack,
        // Resources placed in another region by their own `region` input count too (an alarm
        // on Route 53's us-east-1 metrics).
        regions: [
            ...new Set(
                [
                    config.region,
                    config.backup.copyToRegion,
                    ...plan.resources.map((r) => r.inputs.region),
                ].filter((r): r is string => typeof r === "string" && r !== ""),
            ),
        ],
        resources: plan.resources,
        invokes: calls.map((c) => c.token),
        redcapZipS3Uri: zip?.startsWith("s3://") ? zip : undefined,
    };
}

/**
 * IAM service prefixes per `@pulumi/aws` module (the part of the token before `/`). A module
 * whose resources belong to several services is mapped per token below instead.
 */
const SERVICES_BY_MODULE: Record<string, string[]> = {
    acm: ["acm"],
    appautoscaling: ["application-autoscaling"],
    // Creating a vault needs backup-storage:MountCapsule besides backup:CreateBackupVault.
    backup: ["backup", "backup-storage"],
    budgets: ["budgets"],
    cfg: ["config"],
    cloudtrail: ["cloudtrail"],
    ebs: ["ec2"],
    ec2: ["ec2"],
    ecr: ["ecr"],
    datasync: ["datasync"],
    ecs: ["ecs"],
    efs: ["elasticfilesystem"],
    guardduty: ["guardduty"],
    iam: ["iam"],
    kms: ["kms"],
    lambda: ["lambda"],
    lb: ["elasticloadbalancing"],
    alb: ["elasticloadbalancing"],
    rds: ["rds"],
    route53: ["route53"],
    s3: ["s3"],
    scheduler: ["scheduler"],
    secretsmanager: ["secretsmanager"],
    securityhub: ["securityhub"],
    ses: ["ses"],
    sesv2: ["ses"],
    sns: ["sns"],
    ssm: ["ssm"],
    vpc: ["ec2"],
    wafv2: ["wafv2"],
};

/** Tokens whose module spans services, and the tokens that are not AWS resources at all. */
const SERVICES_BY_TOKEN: Record<string, string[]> = {
    "aws:cloudwatch/logGroup:LogGroup": ["logs"],
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": ["logs"],
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": ["logs"],
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": ["logs"],
    "aws:cloudwatch/metricAlarm:MetricAlarm": ["cloudwatch"],
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": ["cloudwatch"],
    "aws:cloudwatch/dashboard:Dashboard": ["cloudwatch"],
    "aws:cloudwatch/eventRule:EventRule": ["events"],
    "aws:cloudwatch/eventTarget:EventTarget": ["events"],
    // awsx builds the image with Docker and pushes it with an ECR authorization token.
    "awsx:ecr:Image": ["ecr"],
    // The provider resolves the account (sts:GetCallerIdentity needs no permission).
    "pulumi:providers:aws": [],
    "aws:index/getCallerIdentity:getCallerIdentity": [],
    "aws:index/getPartition:getPartition": [],
    "aws:index/getRegion:getRegion": [],
    "aws:index/getAvailabilityZones:getAvailabilityZones": ["ec2"],
};

/** Token prefixes that never call AWS (generated passwords, the stack itself). */
const NOT_AWS = ["random:", "pulumi:pulumi:"];

/** Services whose API is global: `aws:RequestedRegion` is us-east-1 for them, whatever the stack. */
export const GLOBAL_SERVICES = new Set([
    "iam",
    "route53",
    "cloudfront",
    "organizations",
    "budgets",
]);

/**
 * The IAM service prefixes a resource or invoke token calls, [] when it calls none, undefined
 * when this file does not know it (the generator refuses to guess).
 */
export function servicesOf(token: string): string[] | undefined {
    if (token in SERVICES_BY_TOKEN) {
        return SERVICES_BY_TOKEN[token];
    }
    if (NOT_AWS.some((prefix) => token.startsWith(prefix))) {
        return [];
    }
    const module = /^aws:([A-Za-z0-9]+)\//.exec(token)?.[1];
    return module === undefined ? undefined : SERVICES_BY_MODULE[module];
}

/**
 * IAM is the one service not granted service-wide (its `*` would let CI write any policy
 * anywhere): reads are `iam:Get*`/`iam:List*`; writes are these, per resource type the plan has.
 * Deleting a role also removes its inline policies, attachments and instance profiles.
 */
const IAM_WRITE_ACTIONS: Record<string, string[]> = {
    "aws:iam/role:Role": [
        "iam:CreateRole",
        "iam:DeleteRole",
        "iam:UpdateRole",
        "iam:UpdateRoleDescription",
        "iam:UpdateAssumeRolePolicy",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:DeleteRolePolicy",
        "iam:DetachRolePolicy",
        "iam:RemoveRoleFromInstanceProfile",
    ],
    "aws:iam/policy:Policy": [
        "iam:CreatePolicy",
        "iam:DeletePolicy",
        "iam:CreatePolicyVersion",
        "iam:DeletePolicyVersion",
        "iam:TagPolicy",
        "iam:UntagPolicy",
    ],
    "aws:iam/rolePolicy:RolePolicy": ["iam:PutRolePolicy", "iam:DeleteRolePolicy"],
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": [
        "iam:AttachRolePolicy",
        "iam:DetachRolePolicy",
    ],
    "aws:iam/user:User": [
        "iam:CreateUser",
        "iam:DeleteUser",
        "iam:UpdateUser",
        "iam:TagUser",
        "iam:UntagUser",
    ],
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": [
        "iam:AttachUserPolicy",
        "iam:DetachUserPolicy",
    ],
    "aws:iam/accessKey:AccessKey": [
        "iam:CreateAccessKey",
        "iam:DeleteAccessKey",
        "iam:UpdateAccessKey",
    ],
    "aws:iam/instanceProfile:InstanceProfile": [
        "iam:CreateInstanceProfile",
        "iam:DeleteInstanceProfile",
        "iam:AddRoleToInstanceProfile",
        "iam:RemoveRoleFromInstanceProfile",
        "iam:TagInstanceProfile",
        "iam:UntagInstanceProfile",
    ],
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": [
        "iam:UpdateAccountPasswordPolicy",
        "iam:DeleteAccountPasswordPolicy",
    ],
};

/**
 * Service-linked roles AWS creates the first time a service is used in an account, by service
 * prefix of the plan: the deploy role may create exactly these (`iam:AWSServiceName`).
 */
const SERVICE_LINKED_ROLES: Record<string, string[]> = {
    ecs: ["ecs.amazonaws.com"],
    // Mount targets need AWSServiceRoleForAmazonElasticFileSystem.
    elasticfilesystem: ["elasticfilesystem.amazonaws.com"],
    "application-autoscaling": ["ecs.application-autoscaling.amazonaws.com"],
    elasticloadbalancing: ["elasticloadbalancing.amazonaws.com"],
    rds: ["rds.amazonaws.com"],
    guardduty: ["guardduty.amazonaws.com"],
    // Conformance packs run under AWSServiceRoleForConfigConforms.
    config: ["config-conforms.amazonaws.com"],
    securityhub: ["securityhub.amazonaws.com"],
};

/** Actions neither role ever needs that would reach data (shells in tasks, recorded logs). */
const INTERACTIVE_ACTIONS = [
    "ecs:ExecuteCommand",
    "ssm:ResumeSession",
    "ssm:SendCommand",
    "ssm:StartSession",
];
const RECORDED_DATA_ACTIONS = [
    "logs:FilterLogEvents",
    "logs:GetLogEvents",
    "logs:GetLogRecord",
    "logs:GetQueryResults",
    "logs:StartLiveTail",
    "logs:StartQuery",
    "wafv2:GetSampledRequests",
];
/** Reads a preview never needs and that would return secrets (Get* would otherwise allow them). */
const SECRET_READ_ACTIONS = [
    // The bastion's console output and (Windows) password data: no preview reads them.
    "ec2:GetConsoleOutput",
    "ec2:GetConsoleScreenshot",
    "ec2:GetPasswordData",
    "secretsmanager:GetSecretValue",
    "ssm:GetCommandInvocation",
    "ssm:GetParameter",
    "ssm:GetParameterHistory",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
];

/**
 * `iam:PassedToService` is the service that receives the role in the API call, which is not
 * always the principal the role trusts: RDS takes the enhanced-monitoring role in
 * CreateDBInstance, so both names are allowed for it (AWS's examples use either; we could not
 * confirm which one IAM evaluates).
 */
const PASSED_TO_SERVICE_ALIASES: Record<string, string[]> = {
    "monitoring.rds.amazonaws.com": ["rds.amazonaws.com"],
};

/** A Route 53 hosted zone id as AWS writes it (the `Z...` form, no `/hostedzone/` prefix). */
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/** What a stack's plan and config ask of AWS. */
export interface StackNeeds {
    /** IAM service prefixes, sorted. */
    services: string[];
    /** IAM resource types the plan declares, sorted. */
    iamTypes: string[];
    /** Service principals of the roles the plan creates: where the deploy role passes roles. */
    passedToServices: string[];
    /** Regions the deploy talks to, sorted. */
    regions: string[];
    /** The REDCap zip as an S3 object ARN, when the stack downloads it from S3. */
    zipObjectArns: string[];
    /** awsx builds an image (the preview pulls its build cache from ECR). */
    buildsImage: boolean;
    /**
     * The hosted zones the stack writes records in, when every record names its zone by a literal
     * id (from config); undefined when a zone is created or looked up by the stack, and Route 53
     * then stays service-wide.
     */
    hostedZones: string[] | undefined;
    partition: string;
}

/** The AWS partition of a region: aws, aws-cn or aws-us-gov. */
export function partitionOfRegion(region: string): string {
    if (region.startsWith("cn-")) {
        return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/** The service principals a trust policy (a JSON string) lets assume the role. */
export function trustedServices(assumeRolePolicy: unknown, where: string): string[] {
    if (typeof assumeRolePolicy !== "string") {
        throw new Error(`${where}: assumeRolePolicy is not known offline; cannot derive PassRole`);
    }
    const doc = JSON.parse(assumeRolePolicy) as {
        Statement: { Effect: string; Principal?: { Service?: string | string[] } }[];
    };
    return doc.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => {
        const service = s.Principal?.Service;
        return service === undefined ? [] : Array.isArray(service) ? service : [service];
    });
}

/** Parses `s3://bucket/key.zip` into the object's ARN. */
export function s3ObjectArn(uri: string, partition: string): string {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (!match) {
        throw new Error(`not an s3:// URI: ${uri}`);
    }
    return `arn:${partition}:s3:::${match[1]}/${match[2]}`;
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/**
 * Everything a stack's plan asks of AWS. Throws, listing them, on tokens this file does not map:
 * a new resource type must be given its service here before CI's roles can be trusted to cover it.
 */
export function stackNeeds(facts: StackFacts): StackNeeds {
    const services = new Set<string>();
    const unknown = new Set<string>();
    const iamTypes = new Set<string>();
    const passed = new Set<string>();
    const tokens = [
        ...facts.resources.filter((r) => r.custom).map((r) => r.type),
        ...facts.invokes,
    ];
    for (const token of tokens) {
        const found = servicesOf(token);
        if (found === undefined) {
            unknown.add(token);
            continue;
        }
        found.forEach((s) => services.add(s));
        if (token.startsWith("aws:iam/")) {
            if (!(token in IAM_WRITE_ACTIONS)) {
                unknown.add(token);
            }
            iamTypes.add(token);
        }
    }
    if (unknown.size > 0) {
        throw new Error(
            `stack ${facts.stack}: no IAM mapping for ${sorted(unknown).join(", ")}; add them to tools/ci/rolePolicies.ts`,
        );
    }
    for (const r of facts.resources) {
        if (r.type === "aws:iam/role:Role") {
            for (const service of trustedServices(
                r.inputs.assumeRolePolicy,
                `stack ${facts.stack}`,
            )) {
                passed.add(service);
                (PASSED_TO_SERVICE_ALIASES[service] ?? []).forEach((alias) => passed.add(alias));
            }
        }
    }
    const records = facts.resources.filter((r) => r.type === "aws:route53/record:Record");
    const zoneIds = records.map((r) => r.inputs.zoneId);
    const literalZones =
        zoneIds.every((z): z is string => typeof z === "string" && HOSTED_ZONE_ID.test(z)) &&
        !facts.resources.some((r) => r.type === "aws:route53/zone:Zone");
    const partition = partitionOfRegion(facts.regions[0]);
    return {
        services: sorted(services),
        iamTypes: sorted(iamTypes),
        passedToServices: sorted(passed),
        regions: sorted(facts.regions),
        zipObjectArns: facts.redcapZipS3Uri ? [s3ObjectArn(facts.redcapZipS3Uri, partition)] : [],
        buildsImage: facts.resources.some((r) => r.type === "awsx:ecr:Image"),
        hostedZones: literalZones ? sorted(zoneIds) : undefined,
        partition,
    };
}

const inRegions = (regions: string[]) => ({
    StringEquals: { "aws:RequestedRegion": regions },
});

/** Only the actions of services the stack uses (a Deny of an unused service's action is noise). */
const ofServices = (actions: string[], services: string[]) =>
    actions.filter((a) => services.includes(a.split(":")[0]));

/** The deploy role's permission policy for one stack. */
export function deployRolePolicy(needs: StackNeeds): IamPolicy {
    const regional = needs.services.filter((s) => !GLOBAL_SERVICES.has(s));
    // IAM and, when the zones are known, Route 53 get statements of their own below.
    const scopedDns = needs.hostedZones !== undefined;
    const global = needs.services.filter(
        (s) => GLOBAL_SERVICES.has(s) && s !== "iam" && !(scopedDns && s === "route53"),
    );
    const statements: IamStatement[] = [
        {
            Sid: "ManageStackServicesInStackRegions",
            Effect: "Allow",
            Action: regional.map((s) => `${s}:*`),
            Resource: "*",
            Condition: inRegions(needs.regions),
        },
    ];
    if (global.length > 0) {
        statements.push({
            Sid: "ManageGlobalStackServices",
            Effect: "Allow",
            Action: global.map((s) => `${s}:*`),
            Resource: "*",
        });
    }
    if (needs.services.includes("route53") && needs.hostedZones !== undefined) {
        statements.push({
            Sid: "ReadDns",
            Effect: "Allow",
            Action: ["route53:Get*", "route53:List*"],
            Resource: "*",
        });
        if (needs.hostedZones.length > 0) {
            // Records change only in the zones the stack's config names (redcap:app.hostedZoneId).
            statements.push({
                Sid: "ChangeRecordsInStackZones",
                Effect: "Allow",
                Action: ["route53:ChangeResourceRecordSets"],
                Resource: needs.hostedZones.map(
                    (zone) => `arn:${needs.partition}:route53:::hostedzone/${zone}`,
                ),
            });
        }
    }
    if (needs.services.includes("iam")) {
        statements.push(
            {
                Sid: "ReadIdentities",
                Effect: "Allow",
                Action: ["iam:Get*", "iam:List*"],
                Resource: "*",
            },
            {
                Sid: "ManageStackIdentities",
                Effect: "Allow",
                Action: sorted(needs.iamTypes.flatMap((t) => IAM_WRITE_ACTIONS[t])),
                Resource: "*",
            },
        );
    }
    if (needs.passedToServices.length > 0) {
        statements.push({
            Sid: "PassRolesOnlyToTheServicesThatTrustThem",
            Effect: "Allow",
            Action: ["iam:PassRole"],
            Resource: `arn:${needs.partition}:iam::*:role/*`,
            Condition: { StringEquals: { "iam:PassedToService": needs.passedToServices } },
        });
    }
    const linked = sorted(needs.services.flatMap((s) => SERVICE_LINKED_ROLES[s] ?? []));
    if (linked.length > 0) {
        statements.push({
            Sid: "CreateServiceLinkedRolesOfStackServices",
            Effect: "Allow",
            Action: ["iam:CreateServiceLinkedRole"],
            Resource: `arn:${needs.partition}:iam::*:role/aws-service-role/*`,
            Condition: { StringEquals: { "iam:AWSServiceName": linked } },
        });
    }
    const denied = ofServices([...INTERACTIVE_ACTIONS, ...RECORDED_DATA_ACTIONS], needs.services);
    if (denied.length > 0) {
        statements.push({
            Sid: "NeverShellsOrRecordedData",
            Effect: "Deny",
            Action: denied,
            Resource: "*",
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** Reads whose action is not named Describe/Get/List (DescribeBudget(s) is budgets:ViewBudget). */
const OTHER_READ_ACTIONS: Record<string, string[]> = { budgets: ["budgets:ViewBudget"] };

/**
 * A service's read actions: its Describe*, Get* and List* families that exist (a pattern matching
 * no action grants nothing and only misleads a reader of the policy), and its other reads.
 */
const readActions = (services: string[]) =>
    services.flatMap((s) => [
        ...[`${s}:Describe*`, `${s}:Get*`, `${s}:List*`].filter((a) => !actionProblem(a)),
        ...(OTHER_READ_ACTIONS[s] ?? []),
    ]);

/** The preview role's permission policy for one stack: read-only, and not even all reads. */
export function previewRolePolicy(needs: StackNeeds): IamPolicy {
    const regional = needs.services.filter((s) => !GLOBAL_SERVICES.has(s));
    const global = needs.services.filter((s) => GLOBAL_SERVICES.has(s));
    const statements: IamStatement[] = [
        {
            Sid: "ReadStackServicesInStackRegions",
            Effect: "Allow",
            Action: readActions(regional),
            Resource: "*",
            Condition: inRegions(needs.regions),
        },
    ];
    if (global.length > 0) {
        statements.push({
            Sid: "ReadGlobalStackServices",
            Effect: "Allow",
            Action: readActions(global),
            Resource: "*",
        });
    }
    if (needs.buildsImage) {
        // The image is built during previews too (docker-build's default); its cache comes from ECR.
        statements.push({
            Sid: "PullImageBuildCache",
            Effect: "Allow",
            Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage"],
            Resource: "*",
            Condition: inRegions(needs.regions),
        });
    }
    const denied = ofServices(
        [...INTERACTIVE_ACTIONS, ...RECORDED_DATA_ACTIONS, ...SECRET_READ_ACTIONS],
        needs.services,
    );
    if (denied.length > 0) {
        statements.push({
            Sid: "NeverSecretsShellsOrRecordedData",
            Effect: "Deny",
            Action: denied,
            Resource: "*",
        });
    }
    if (needs.services.includes("s3")) {
        // Object data is never needed, except the REDCap zip, whose ETag names the image.
        statements.push({
            Sid: "NoObjectDataButTheRedcapZip",
            Effect: "Deny",
            Action: ["s3:GetObject*"],
            ...(needs.zipObjectArns.length > 0
                ? { NotResource: needs.zipObjectArns }
                : { Resource: "*" }),
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** Every action pattern an Allow statement of a policy grants. */
export function allowedActions(policy: IamPolicy): string[] {
    return policy.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action);
}

/**
 * True when a policy's Allow statements grant the action: exact match, or an action pattern
 * with `*` (IAM matches action names case-insensitively).
 */
export function allows(policy: IamPolicy, action: string): boolean {
    return allowedActions(policy).some((pattern) => actionMatches(pattern, action));
}

/**
 * IAM's limit for a customer-managed policy is 6,144 characters, whitespace not counted: a
 * policy over it cannot be created.
 */
export const MANAGED_POLICY_MAX_CHARS = 6144;

export function policySize(policy: IamPolicy): number {
    return JSON.stringify(policy).replace(/\s/g, "").length;
}
