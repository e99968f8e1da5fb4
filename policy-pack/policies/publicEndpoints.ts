import type { PolicyResource } from "@pulumi/policy";
import { resourceRule, stackRule } from "../lib/policy";
import {
    CLASSIC_ELB,
    EC2_INSTANCE,
    LAUNCH_TEMPLATE,
    LOAD_BALANCER,
    RDS_CLUSTER_INSTANCE,
    RDS_INSTANCE,
} from "../lib/tokens";
import { ACCESS, WORLD_RANGES } from "./networkExposure";

/**
 * Public endpoints: whether a resource can be reached from the internet, as networkExposure's
 * security-group, ACL, subnet and route rules judge the network around it. ECS tasks, EC2
 * instances and databases without public addresses, managed service endpoints (MSK, MQ, Neptune
 * Analytics, Transfer Family, EKS) kept private, WAF in front of internet-facing load balancers
 * and CloudFront, and no Classic Load Balancer. Their area is network-exposure, like
 * networkExposure's.
 */

const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const SCHEDULE = "aws:scheduler/schedule:Schedule";
const PIPE = "aws:pipes/pipe:Pipe";

export const ecsServiceNoPublicIp = resourceRule({
    name: "ecs-service-no-public-ip",
    area: "network-exposure",
    description:
        "Checks that ECS tasks get no public IP address, whether a service or task set runs them or an EventBridge rule, EventBridge Scheduler schedule or pipe starts them.",
    citation: ACCESS,
    awsConfig: "none (checkov CKV_AWS_333; like ec2-instance-no-public-ip)",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Run tasks in private subnets with `assignPublicIp: false` (a pipe: `"DISABLED"`) and reach AWS APIs through NAT or VPC endpoints.',
    types: ["aws:ecs/service:Service", "aws:ecs/taskSet:TaskSet", EVENT_TARGET, SCHEDULE, PIPE],
    check(props, { report, args }) {
        // Every form defaults to no public IP (DISABLED).
        if (args.type === EVENT_TARGET) {
            if (props.ecsTarget?.networkConfiguration?.assignPublicIp === true)
                report(
                    "ecsTarget.networkConfiguration.assignPublicIp is true: the tasks the rule starts get public IPs",
                );
        } else if (args.type === SCHEDULE) {
            if (props.target?.ecsParameters?.networkConfiguration?.assignPublicIp === true)
                report(
                    "target.ecsParameters.networkConfiguration.assignPublicIp is true: the tasks the schedule starts get public IPs",
                );
        } else if (args.type === PIPE) {
            const vpc =
                props.targetParameters?.ecsTaskParameters?.networkConfiguration
                    ?.awsVpcConfiguration;
            if (String(vpc?.assignPublicIp).toUpperCase() === "ENABLED")
                report(
                    'targetParameters.ecsTaskParameters.networkConfiguration.awsVpcConfiguration.assignPublicIp is ENABLED (allowed: "DISABLED"): the tasks the pipe starts get public IPs',
                );
        } else if (props.networkConfiguration?.assignPublicIp === true)
            report("networkConfiguration.assignPublicIp is true");
    },
});

const SHARD_GROUP = "aws:rds/shardGroup:ShardGroup";

export const rdsNotPublic = resourceRule({
    name: "rds-not-public",
    area: "network-exposure",
    description:
        "Checks that database instances (RDS, Aurora and its Limitless shard groups, and Neptune, which uses the same setting) are not publicly accessible.",
    citation: ACCESS,
    awsConfig: "rds-instance-public-access-check",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: "Set `publiclyAccessible: false` and place the database in private subnets.",
    // The provider sends false when unset for instances (Neptune's too). A shard group of Aurora
    // Limitless leaves it to AWS, which makes it public when its VPC has an internet gateway.
    types: [
        RDS_INSTANCE,
        RDS_CLUSTER_INSTANCE,
        SHARD_GROUP,
        "aws:neptune/clusterInstance:ClusterInstance",
    ],
    check(props, { report, args }) {
        if (props.publiclyAccessible === true)
            report("publiclyAccessible is true: the database gets a public DNS name and address");
        else if (args.type === SHARD_GROUP && props.publiclyAccessible !== false)
            report(
                "publiclyAccessible is unset on a shard group (allowed: false): AWS makes it public when its VPC has an internet gateway",
            );
    },
});

const EKS_CLUSTER = "aws:eks/cluster:Cluster";
const MSK_CLUSTER = "aws:msk/cluster:Cluster";
const MQ_BROKER = "aws:mq/broker:Broker";
const TRANSFER_SERVER = "aws:transfer/server:Server";
const NEPTUNE_GRAPH = "aws:neptunegraph/graph:Graph";

export const serviceEndpointNotPublic = resourceRule<{ allowRestrictedEksPublicEndpoint: boolean }>(
    {
        name: "service-endpoint-not-public",
        area: "network-exposure",
        description:
            "Checks that managed services holding or moving data offer no endpoint on the internet: MSK brokers without public access, Amazon MQ brokers not publicly accessible, Neptune Analytics graphs without public connectivity, Transfer Family servers on a VPC endpoint, and EKS API servers private (a public endpoint limited to named CIDR ranges only when allowRestrictedEksPublicEndpoint is set).",
        citation: ACCESS,
        awsConfig:
            "msk-cluster-public-access-disabled, mq-no-public-access, eks-endpoint-no-public-access",
        severity: "high",
        enforcementLevel: "mandatory",
        remediationSteps:
            'MSK: leave `connectivityInfo.publicAccess.type` "DISABLED". MQ: `publiclyAccessible: false`. Neptune Analytics: `publicConnectivity: false` with a private graph endpoint. Transfer: `endpointType: "VPC"` (Elastic IPs in `endpointDetails` with a security group admitting partners, if they connect from the internet). EKS: `vpcConfig.endpointPublicAccess: false` with `endpointPrivateAccess: true` (reach the API from the VPC, a VPN or SSM); where a public endpoint is approved, set `allowRestrictedEksPublicEndpoint` and name your networks in `publicAccessCidrs`.',
        config: {
            allowRestrictedEksPublicEndpoint: {
                description:
                    "Accept an EKS cluster whose public API endpoint is limited to publicAccessCidrs that are set and contain neither 0.0.0.0/0 nor ::/0 (AWS Config eks-endpoint-no-public-access, checkov CKV_AWS_39 and cdk-nag EKS1 fail any public endpoint).",
                default: false,
                schema: { type: "boolean" },
            },
        },
        types: [EKS_CLUSTER, MSK_CLUSTER, MQ_BROKER, TRANSFER_SERVER, NEPTUNE_GRAPH],
        check(props, { report, config, args }) {
            switch (args.type) {
                case MSK_CLUSTER:
                    // Default DISABLED.
                    if (
                        props.brokerNodeGroupInfo?.connectivityInfo?.publicAccess?.type ===
                        "SERVICE_PROVIDED_EIPS"
                    )
                        report(
                            'brokerNodeGroupInfo.connectivityInfo.publicAccess.type is SERVICE_PROVIDED_EIPS (allowed: "DISABLED"): the brokers get public addresses',
                        );
                    break;
                case NEPTUNE_GRAPH:
                    // Default false (a private graph endpoint in the VPC).
                    if (props.publicConnectivity === true)
                        report(
                            "publicConnectivity is true: the graph's endpoint resolves to a public address on the internet",
                        );
                    break;
                case MQ_BROKER:
                    // Default false.
                    if (props.publiclyAccessible === true)
                        report(
                            "publiclyAccessible is true: the broker is reachable from outside its VPC",
                        );
                    break;
                case TRANSFER_SERVER: {
                    // Default PUBLIC: an endpoint on the internet that takes no security group. A VPC
                    // endpoint with Elastic IPs faces the internet too, but behind security groups,
                    // which the sg- rules judge.
                    const type = props.endpointType as string | undefined;
                    if (type === undefined || type.toUpperCase() === "PUBLIC")
                        report(
                            `endpointType is ${type === undefined ? "unset, which defaults to PUBLIC" : type} (allowed: VPC): anyone on the internet can reach the server, and no security group can limit who`,
                        );
                    break;
                }
                case EKS_CLUSTER: {
                    const vpc = props.vpcConfig ?? {};
                    // AWS defaults: endpointPublicAccess true, publicAccessCidrs ["0.0.0.0/0"]. By
                    // default any public endpoint fails, as AWS Config's eks-endpoint-no-public-access
                    // does: named ranges still put the API server on the internet. With
                    // allowRestrictedEksPublicEndpoint, named ranges suffice: the API server still
                    // authenticates every caller (IAM, then Kubernetes RBAC), and the ranges keep the
                    // rest of the internet from reaching it at all.
                    if (vpc.endpointPublicAccess === false) break;
                    const state =
                        vpc.endpointPublicAccess === true
                            ? "true"
                            : "unset, which defaults to true";
                    if (!config.allowRestrictedEksPublicEndpoint) {
                        report(
                            `vpcConfig.endpointPublicAccess is ${state} (allowed: false, with endpointPrivateAccess true): the Kubernetes API server has an endpoint on the internet`,
                        );
                        break;
                    }
                    const cidrs = (vpc.publicAccessCidrs ?? []) as string[];
                    const open = cidrs.filter((c) => WORLD_RANGES.includes(c));
                    if (cidrs.length === 0)
                        report(
                            `vpcConfig.endpointPublicAccess is ${state} and publicAccessCidrs is unset, which EKS takes as 0.0.0.0/0: the Kubernetes API server is open to the internet`,
                        );
                    else if (open.length > 0)
                        report(
                            `vpcConfig.publicAccessCidrs contains ${open.join(" and ")}: the public Kubernetes API endpoint is open to the internet (allowed: endpointPublicAccess false, or named ranges)`,
                        );
                    break;
                }
            }
        },
    },
);

export const albWafAssociated = stackRule({
    name: "alb-waf-associated",
    area: "network-exposure",
    description:
        "Checks that every internet-facing application load balancer is protected by a WAFv2 web ACL.",
    citation: "164.308(a)(1)(ii)(B), 164.312(e)(1)",
    awsConfig: "alb-waf-enabled",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Associate a regional `aws.wafv2.WebAcl` (AWS managed rule groups) with the load balancer through `aws.wafv2.WebAclAssociation`.",
    judges: LOAD_BALANCER,
    check(stack) {
        stack.each(stack.subjects(LOAD_BALANCER), (lb) => {
            if (
                lb.props.internal === true ||
                (lb.props.loadBalancerType ?? "application") !== "application"
            )
                return;
            if (
                stack.linked(lb, ["aws:wafv2/webAclAssociation:WebAclAssociation"], "resourceArn")
                    .length === 0
            ) {
                stack.report("internet-facing load balancer has no WAFv2 web ACL association", lb);
            }
        });
    },
});

export const cloudfrontWafAssociated = resourceRule({
    name: "cloudfront-waf-associated",
    area: "network-exposure",
    description:
        "Checks that every CloudFront distribution is protected by a web ACL (`webAclId`), as alb-waf-associated requires of load balancers.",
    citation: "164.308(a)(1)(ii)(B), 164.312(e)(1)",
    awsConfig: "cloudfront-associated-with-waf",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Create an `aws.wafv2.WebAcl` with `scope: "CLOUDFRONT"` (in us-east-1, AWS managed rule groups) and set the distribution\'s `webAclId` to its ARN; a WebAclAssociation cannot target a distribution.',
    types: [
        "aws:cloudfront/distribution:Distribution",
        "aws:cloudfront/multitenantDistribution:MultitenantDistribution",
    ],
    check(props, { report }) {
        if (!props.webAclId)
            report(
                "webAclId is not set: the distribution serves the internet without a WAF web ACL",
            );
    },
});

export const noClassicElb = resourceRule({
    name: "no-classic-elb",
    area: "network-exposure",
    description:
        "Checks that no Classic Load Balancer is created (use an application load balancer, which the other rules check).",
    citation: "164.312(a)(2)(iv), 164.312(e)(1), 164.312(e)(2)(i), 164.312(e)(2)(ii)",
    awsConfig:
        "elb-acm-certificate-required, elb-tls-https-listeners-only, elb-predefined-security-policy-ssl-check",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Replace the Classic Load Balancer with `aws.lb.LoadBalancer` (application) and HTTPS listeners.",
    types: CLASSIC_ELB,
    check(props, { report }) {
        report(
            `Classic Load Balancer${props.name ? ` ${props.name}` : ""}: its listeners cannot be held to the TLS, certificate and WAF rules`,
        );
    },
});

const EIP = "aws:ec2/eip:Eip";
const EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation";
const ENI = "aws:ec2/networkInterface:NetworkInterface";
const ENI_ATTACHMENT = "aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment";
const SPOT_INSTANCE = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
const SPOT_FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest";
/** What launches instances and names their network interfaces: instances and Spot Instance requests. */
const INSTANCES = [EC2_INSTANCE, SPOT_INSTANCE];

export const ec2NoPublicIp = stackRule({
    name: "ec2-no-public-ip",
    area: "network-exposure",
    description:
        "Checks that EC2 instances, Spot Instance requests, Spot Fleet launch specifications and launch templates get no public IP address, and instances no Elastic IP, on the instance or on a network interface an instance uses.",
    citation: ACCESS,
    awsConfig: "ec2-instance-no-public-ip",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Launch instances in private subnets with `associatePublicIpAddress: false`; reach them with SSM Session Manager.",
    judges: [...INSTANCES, SPOT_FLEET, LAUNCH_TEMPLATE, EIP, EIP_ASSOCIATION],
    check(stack) {
        // Unset, an instance (or Spot Instance) takes its subnet's mapPublicIpOnLaunch, which
        // subnet-no-auto-public-ip judges.
        stack.each(stack.subjects(INSTANCES), (i) => {
            if (i.props.associatePublicIpAddress === true)
                stack.report("associatePublicIpAddress is true", i);
        });
        // A Spot Fleet's launchSpecifications are judged like instances; its launchTemplateConfigs
        // name launch templates, judged below.
        stack.each(stack.subjects([SPOT_FLEET]), (f) => {
            ((f.props.launchSpecifications ?? []) as { associatePublicIpAddress?: unknown }[])
                .map((spec, n) => [spec, n] as const)
                .filter(([spec]) => spec.associatePublicIpAddress === true)
                .forEach(([, n]) =>
                    stack.report(`launchSpecifications[${n}].associatePublicIpAddress is true`, f),
                );
        });
        stack.each(stack.subjects([LAUNCH_TEMPLATE]), (t) => {
            for (const nic of (t.props.networkInterfaces ?? []) as {
                associatePublicIpAddress?: unknown;
            }[]) {
                if (String(nic.associatePublicIpAddress) === "true")
                    stack.report("a network interface has associatePublicIpAddress true", t);
            }
        });
        // An ENI belongs to an instance when an attachment, an instance or a launch template
        // names it, or its own `attachments` do (read last: the one input that may be unknown).
        const instanceEni = (eni: PolicyResource) =>
            stack.linked(eni, [ENI_ATTACHMENT], "networkInterfaceId").length > 0 ||
            ["networkInterfaces", "primaryNetworkInterface", "secondaryNetworkInterfaces"].some(
                (input) => stack.linked(eni, [...INSTANCES, LAUNCH_TEMPLATE], input).length > 0,
            ) ||
            ((eni.props.attachments ?? []) as unknown[]).length > 0;
        stack.each(stack.subjects([EIP, EIP_ASSOCIATION]), (eip) => {
            const deps = eip.propertyDependencies;
            // Dependencies first: an instance's ID is unknown until it exists.
            if (
                (deps.instance ?? []).length > 0 ||
                (deps.instanceId ?? []).length > 0 ||
                eip.props.instance ||
                eip.props.instanceId
            ) {
                stack.report("an Elastic IP is attached to an instance", eip);
                return;
            }
            // On a network interface (`networkInterface`, `networkInterfaceId`): an instance's
            // own (`instance.primaryNetworkInterfaceId`) or a declared interface an instance uses.
            // An interface the stack does not declare (a literal eni- ID) cannot be traced.
            const input = eip.type === EIP ? "networkInterface" : "networkInterfaceId";
            const enis = deps[input] ?? [];
            const eni = enis.find(
                (r) => INSTANCES.includes(r.type) || (r.type === ENI && instanceEni(r)),
            );
            if (eni)
                stack.report(
                    `an Elastic IP is attached (${input}) to ${INSTANCES.includes(eni.type) ? `the primary network interface of instance ${eni.name}` : `network interface ${eni.name}, which an instance uses`}`,
                    eip,
                );
        });
    },
});

export const ec2InVpc = resourceRule({
    name: "ec2-in-vpc",
    area: "network-exposure",
    description:
        "Checks that EC2 instances are launched into a VPC subnet (directly or through their launch template).",
    citation: ACCESS,
    awsConfig: "ec2-instances-in-vpc",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set `subnetId` (a private subnet) on the instance or `networkInterfaces[].subnetId` in its launch template.",
    types: [EC2_INSTANCE],
    check(props, { report }) {
        if (
            !props.subnetId &&
            !props.launchTemplate &&
            !props.networkInterfaces &&
            !props.primaryNetworkInterface
        )
            report("subnetId is not set: the instance would land in the default VPC");
    },
});

export const publicEndpointPolicies = [
    ecsServiceNoPublicIp,
    rdsNotPublic,
    serviceEndpointNotPublic,
    albWafAssociated,
    cloudfrontWafAssociated,
    noClassicElb,
    ec2NoPublicIp,
    ec2InVpc,
];
