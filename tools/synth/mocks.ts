import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

/**
 * The one mocks module shared by every test and by `npm run synth`. It answers like AWS would for
 * the configured region and a fixed account: ids with the right prefixes, ARNs in the right
 * partition, AZ names of the region. Values are derived from the resource name, so every run of
 * the same program gives the same plan.
 */

export interface MockEnvironment {
    region: string;
    /** Default 123456789012 (the account id AWS documentation uses). */
    accountId?: string;
}

export const MOCK_ACCOUNT_ID = "123456789012";

export function partitionOf(region: string): {
    partition: string;
    dnsSuffix: string;
    reverseDnsPrefix: string;
} {
    if (region.startsWith("cn-")) {
        return {
            partition: "aws-cn",
            dnsSuffix: "amazonaws.com.cn",
            reverseDnsPrefix: "cn.com.amazonaws",
        };
    }
    if (region.startsWith("us-gov-")) {
        return {
            partition: "aws-us-gov",
            dnsSuffix: "amazonaws.com",
            reverseDnsPrefix: "com.amazonaws",
        };
    }
    return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
}

function hex(seed: string, length: number): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

function uuid(seed: string): string {
    const h = hex(seed, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** EC2 id prefixes by type token. */
const EC2_ID_PREFIX: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/natGateway:NatGateway": "nat",
    "aws:ec2/eip:Eip": "eipalloc",
    "aws:ec2/routeTable:RouteTable": "rtb",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
    "aws:ec2/securityGroup:SecurityGroup": "sg",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
    "aws:ec2/flowLog:FlowLog": "fl",
    "aws:ec2/networkAcl:NetworkAcl": "acl",
    "aws:ec2/instance:Instance": "i",
};

/** The resource part of an ARN, by type token, given the physical name and id. */
function arnResource(
    type: string,
    physicalName: string,
    id: string,
    seed: string,
): string | undefined {
    switch (type) {
        case "aws:kms/key:Key":
            return `key/${id}`;
        case "aws:kms/alias:Alias":
            return physicalName;
        case "aws:cloudwatch/logGroup:LogGroup":
            return `log-group:${physicalName}`;
        case "aws:iam/role:Role":
            return `role/${physicalName}`;
        case "aws:iam/user:User":
            return `user/${physicalName}`;
        case "aws:iam/policy:Policy":
            return `policy/${physicalName}`;
        case "aws:secretsmanager/secret:Secret":
            // Secrets Manager appends six random characters to a secret's name in its ARN.
            return `secret:${physicalName}-${hex(seed, 6)}`;
        case "aws:rds/cluster:Cluster":
            return `cluster:${physicalName}`;
        case "aws:rds/clusterInstance:ClusterInstance":
            return `db:${physicalName}`;
        case "aws:rds/clusterParameterGroup:ClusterParameterGroup":
            return `cluster-pg:${physicalName}`;
        case "aws:rds/subnetGroup:SubnetGroup":
            return `subgrp:${physicalName}`;
        case "aws:backup/vault:Vault":
            return `backup-vault:${physicalName}`;
        case "aws:backup/plan:Plan":
            return `backup-plan:${id}`;
        case "aws:lambda/function:Function":
            return `function:${physicalName}`;
        case "aws:sesv2/emailIdentity:EmailIdentity":
            return `identity/${physicalName}`;
        case "aws:sesv2/configurationSet:ConfigurationSet":
            return `configuration-set/${physicalName}`;
        case "aws:sns/topic:Topic":
            return physicalName;
        case "aws:lb/loadBalancer:LoadBalancer":
            return `loadbalancer/app/${physicalName}/${id}`;
        case "aws:lb/targetGroup:TargetGroup":
            return `targetgroup/${physicalName}/${id}`;
        case "aws:acm/certificate:Certificate":
            return `certificate/${id}`;
        case "aws:ecr/repository:Repository":
            return `repository/${physicalName}`;
        default:
            return EC2_ID_PREFIX[type] ? `${EC2_ID_PREFIX[type]}/${id}` : undefined;
    }
}

/** The AWS service of a type token (`aws:ec2/vpc:Vpc` → `ec2`), as it appears in ARNs. */
function serviceOf(type: string): string {
    const module = type.split(":")[1]?.split("/")[0] ?? "unknown";
    const renamed: Record<string, string> = {
        cloudwatch: "logs",
        vpc: "ec2",
        alb: "elasticloadbalancing",
        lb: "elasticloadbalancing",
        sesv2: "ses",
        cfg: "config",
    };
    return type === "aws:cloudwatch/logGroup:LogGroup" ? "logs" : (renamed[module] ?? module);
}

const GLOBAL_SERVICES = new Set(["iam"]);
/** Physical-name inputs by type, where the resource's name is not in `name`. */
const NAME_INPUT: Record<string, string> = {
    "aws:sesv2/emailIdentity:EmailIdentity": "emailIdentity",
    "aws:sesv2/configurationSet:ConfigurationSet": "configurationSetName",
    "aws:s3/bucket:Bucket": "bucket",
    "aws:rds/cluster:Cluster": "clusterIdentifier",
    "aws:rds/clusterInstance:ClusterInstance": "identifier",
    "aws:lambda/function:Function": "name",
};

/** One invoke the program made, with the provider reference it went through ("" = default provider). */
export interface RecordedCall {
    token: string;
    provider: string;
}

/** Mocks, plus the invokes they answered (so tests can check every invoke used the explicit provider). */
export interface RecordingMocks extends pulumi.runtime.Mocks {
    calls: RecordedCall[];
}

export function createMocks(env: MockEnvironment): RecordingMocks {
    const account = env.accountId ?? MOCK_ACCOUNT_ID;
    const { partition, dnsSuffix, reverseDnsPrefix } = partitionOf(env.region);
    // Each explicit provider may target its own region (e.g. a backup copy region): remember
    // providers' regions by the id this mock gives them, and answer in the caller's region.
    const providerRegions = new Map<string, string>();
    const regionOf = (providerRef: string | undefined) =>
        providerRegions.get(providerRef?.split("::").pop() ?? "") ?? env.region;
    let region = env.region;
    const arn = (service: string, resource: string) =>
        `arn:${partition}:${service}:${GLOBAL_SERVICES.has(service) ? "" : region}:${account}:${resource}`;

    const calls: RecordedCall[] = [];
    return {
        calls,
        newResource(args: pulumi.runtime.MockResourceArgs): {
            id: string;
            state: Record<string, unknown>;
        } {
            const inputs = args.inputs as Record<string, unknown>;
            if (args.type.startsWith("pulumi:providers:")) {
                const id = `${args.name}-provider-id`;
                if (typeof inputs.region === "string") {
                    providerRegions.set(id, inputs.region);
                }
                return { id, state: inputs };
            }
            region = regionOf(args.provider);
            const seed = `${args.type}::${args.name}`;
            if (args.type === "awsx:ecr:Image") {
                // A remote component: the mock stands in for what the awsx plugin would build.
                const digest = hex(`${seed}:${String(inputs.imageTag)}`, 64);
                return {
                    id: args.name,
                    state: {
                        ...inputs,
                        imageUri: `${String(inputs.repositoryUrl)}@sha256:${digest}`,
                    },
                };
            }
            if (args.type.startsWith("random:")) {
                // A stand-in of the requested length; the provider marks `result` secret.
                const length = typeof inputs.length === "number" ? inputs.length : 16;
                const result = hex(`${seed}:result`, 64).repeat(4).slice(0, length);
                return {
                    id: args.name,
                    state: { ...inputs, result, bcryptHash: `$2a$10$${hex(seed, 53)}` },
                };
            }
            const nameInput = inputs[NAME_INPUT[args.type] ?? "name"];
            const physicalName =
                typeof nameInput === "string" ? nameInput : `${args.name}-${hex(seed, 7)}`;
            const prefix = EC2_ID_PREFIX[args.type];
            const id =
                args.type === "aws:kms/key:Key"
                    ? uuid(seed)
                    : prefix
                      ? `${prefix}-${hex(seed, 17)}`
                      : physicalName;
            const resource =
                arnResource(args.type, physicalName, id, seed) ??
                `${args.type.split(":").pop()?.toLowerCase()}/${id}`;
            const state: Record<string, unknown> = {
                ...inputs,
                id,
                arn: arn(serviceOf(args.type), resource),
                name: physicalName,
            };
            switch (args.type) {
                case "aws:kms/key:Key":
                    state.keyId = id;
                    break;
                case "aws:s3/bucket:Bucket":
                    // Bucket ARNs have no region or account; the id is the bucket's name.
                    state.id = physicalName;
                    state.arn = `arn:${partition}:s3:::${physicalName}`;
                    state.bucket = physicalName;
                    state.bucketRegionalDomainName = `${physicalName}.s3.${region}.${dnsSuffix}`;
                    return { id: physicalName, state };
                case "aws:iam/user:User":
                case "aws:iam/role:Role": {
                    const iamPath = typeof inputs.path === "string" ? inputs.path : "/";
                    const kind = args.type === "aws:iam/user:User" ? "user" : "role";
                    state.arn = `arn:${partition}:iam::${account}:${kind}${iamPath}${physicalName}`;
                    state.uniqueId = `${kind === "user" ? "AIDA" : "AROA"}${hex(seed, 17).toUpperCase()}`;
                    return { id: physicalName, state };
                }
                case "aws:iam/accessKey:AccessKey":
                    state.id = `AKIA${hex(seed, 16).toUpperCase()}`.slice(0, 20);
                    state.secret = hex(`${seed}:secret`, 40);
                    state.sesSmtpPasswordV4 = `B${hex(`${seed}:smtp`, 43)}`;
                    return { id: state.id as string, state };
                case "aws:rds/cluster:Cluster":
                    state.endpoint = `${physicalName}.cluster-${hex(account, 12)}.${region}.rds.${dnsSuffix}`;
                    state.readerEndpoint = `${physicalName}.cluster-ro-${hex(account, 12)}.${region}.rds.${dnsSuffix}`;
                    state.port = inputs.port ?? 3306;
                    state.clusterResourceId = `cluster-${hex(seed, 26).toUpperCase()}`;
                    if (inputs.manageMasterUserPassword) {
                        state.masterUserSecrets = [
                            {
                                secretArn: arn(
                                    "secretsmanager",
                                    `secret:rds!cluster-${uuid(seed)}-${hex(seed, 6)}`,
                                ),
                                kmsKeyId: inputs.masterUserSecretKmsKeyId,
                                secretStatus: "active",
                            },
                        ];
                    }
                    break;
                case "aws:ecr/repository:Repository":
                    state.repositoryUrl = `${account}.dkr.ecr.${region}.${dnsSuffix}/${physicalName}`;
                    state.registryId = account;
                    break;
                case "aws:lb/loadBalancer:LoadBalancer":
                case "aws:lb/targetGroup:TargetGroup":
                    // ELB ids are hex; the ARN suffix is what CloudWatch metrics use.
                    state.arnSuffix = (state.arn as string)
                        .split(":")
                        .pop()!
                        .replace(/^loadbalancer\//, "");
                    state.dnsName = `${physicalName}-${hex(seed, 10)}.${region}.elb.${dnsSuffix}`;
                    state.zoneId = "Z35SXDOTRQ7X7K";
                    break;
                case "aws:acm/certificate:Certificate":
                    // As ACM answers: one entry per name; a wildcard shares its base's record.
                    state.domainValidationOptions = [
                        inputs.domainName,
                        ...((inputs.subjectAlternativeNames as unknown[] | undefined) ?? []),
                    ].map((name) => {
                        const base = String(name).replace(/^\*\./, "");
                        // The subject's own seed unchanged, so existing plans keep their values.
                        const key = base === inputs.domainName ? seed : `${seed}:${base}`;
                        return {
                            domainName: name,
                            resourceRecordName: `_${hex(key, 32)}.${base}.`,
                            resourceRecordType: "CNAME",
                            resourceRecordValue: `_${hex(`${key}:v`, 32)}.acm-validations.aws.`,
                        };
                    });
                    break;
                case "aws:acm/certificateValidation:CertificateValidation":
                    state.certificateArn = inputs.certificateArn;
                    break;
                case "aws:route53/record:Record":
                    state.fqdn = String(inputs.name).replace(/\.$/, "");
                    break;
                case "aws:sesv2/emailIdentity:EmailIdentity":
                    state.dkimSigningAttributes = {
                        status: "PENDING",
                        tokens: [1, 2, 3].map((n) => hex(`${seed}:dkim${n}`, 32)),
                    };
                    break;
                case "aws:lambda/function:Function":
                    state.sourceCodeHash = Buffer.from(hex(`${seed}:code`, 32), "hex").toString(
                        "base64",
                    );
                    state.invokeArn = `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${state.arn as string}/invocations`;
                    break;
                case "aws:secretsmanager/secretVersion:SecretVersion":
                    state.versionId = uuid(`${seed}:version`);
                    break;
                case "aws:rds/clusterInstance:ClusterInstance":
                    state.endpoint = `${physicalName}.${hex(account, 12)}.${region}.rds.${dnsSuffix}`;
                    break;
                case "aws:ec2/vpc:Vpc":
                    state.defaultSecurityGroupId = `sg-${hex(`${seed}:sg`, 17)}`;
                    state.defaultNetworkAclId = `acl-${hex(`${seed}:acl`, 17)}`;
                    state.mainRouteTableId = `rtb-${hex(`${seed}:rtb`, 17)}`;
                    state.defaultRouteTableId = state.mainRouteTableId;
                    break;
                case "aws:ec2/eip:Eip":
                    state.allocationId = id;
                    // 203.0.113.0/24 is TEST-NET-3: documentation addresses, never routable.
                    state.publicIp = `203.0.113.${(parseInt(hex(seed, 2), 16) % 254) + 1}`;
                    break;
            }
            return { id, state };
        },

        call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
            calls.push({ token: args.token, provider: args.provider ?? "" });
            region = regionOf(args.provider);
            switch (args.token) {
                case "aws:index/getCallerIdentity:getCallerIdentity":
                    return {
                        id: account,
                        accountId: account,
                        arn: `arn:${partition}:sts::${account}:assumed-role/deployer/synth`,
                        userId: "AROAEXAMPLEDEPLOYER:synth",
                    };
                case "aws:index/getRegion:getRegion":
                    return {
                        id: region,
                        region: region,
                        name: region,
                        endpoint: `ec2.${region}.${dnsSuffix}`,
                        description: region,
                    };
                case "aws:index/getPartition:getPartition":
                    return { id: partition, partition, dnsSuffix, reverseDnsPrefix };
                case "aws:index/getAvailabilityZones:getAvailabilityZones": {
                    const letters = ["a", "b", "c", "d"];
                    return {
                        id: region,
                        names: letters.map((l) => `${region}${l}`),
                        zoneIds: letters.map(
                            (_, i) => `${region.replace(/-/g, "").slice(0, 4)}-az${i + 1}`,
                        ),
                        groupNames: [region],
                        state: "available",
                    };
                }
                default:
                    throw new Error(
                        `the offline plan has no mock for the invoke ${args.token}; add one to tools/synth/mocks.ts`,
                    );
            }
        },
    };
}
