import { describeCases, R } from "../test/cases";
import { publicEndpointPolicies } from "./publicEndpoints";

const lb = (props: Record<string, unknown> = {}): R => ({
    type: "aws:lb/loadBalancer:LoadBalancer",
    name: "web",
    props: { loadBalancerType: "application", internal: false, ...props },
});

/** A resource of the given type with these inputs (and propertyDependencies). */
const one = (type: string, name: string, props: Record<string, unknown>, deps?: R["deps"]): R => ({
    type,
    name,
    props,
    deps,
});
const EIP = "aws:ec2/eip:Eip";
const ENI = "aws:ec2/networkInterface:NetworkInterface";
const INSTANCE = "aws:ec2/instance:Instance";
const ecsNetwork = (assignPublicIp: unknown) => ({ subnets: ["subnet-1"], assignPublicIp });
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const SCHEDULE = "aws:scheduler/schedule:Schedule";
const PIPE = "aws:pipes/pipe:Pipe";
const NEPTUNE_INSTANCE = "aws:neptune/clusterInstance:ClusterInstance";
const SHARD_GROUP = "aws:rds/shardGroup:ShardGroup";
const GRAPH = "aws:neptunegraph/graph:Graph";
const MSK = "aws:msk/cluster:Cluster";
const MQ = "aws:mq/broker:Broker";
const TRANSFER = "aws:transfer/server:Server";
const EKS = "aws:eks/cluster:Cluster";
const SPOT = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
const SPOT_FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
/** An MSK cluster's broker settings with the given public access. */
const kafka = (publicAccess?: Record<string, unknown>) =>
    one(MSK, "kafka", {
        kafkaVersion: "3.6.0",
        numberOfBrokerNodes: 3,
        brokerNodeGroupInfo: {
            instanceType: "kafka.m7g.large",
            clientSubnets: ["a", "b", "c"],
            securityGroups: ["sg-1"],
            ...(publicAccess ? { connectivityInfo: { publicAccess } } : {}),
        },
    });
const eks = (vpcConfig: Record<string, unknown>) =>
    one(EKS, "k8s", { roleArn: "r", vpcConfig: { subnetIds: ["a", "b"], ...vpcConfig } });

describe("policy pack: public endpoints", () => {
    describeCases(publicEndpointPolicies, {
        "ecs-service-no-public-ip": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:ecs/service:Service",
                            name: "web",
                            props: {
                                networkConfiguration: {
                                    assignPublicIp: false,
                                    subnets: ["subnet-1"],
                                },
                            },
                        },
                    ],
                },
                {
                    // Tasks an EventBridge rule, a schedule or a pipe starts, in private subnets.
                    stack: [
                        one(EVENT_TARGET, "cron", {
                            rule: "cron",
                            arn: "arn:aws:ecs:us-east-1:123456789012:cluster/c",
                            ecsTarget: {
                                taskDefinitionArn: "td",
                                networkConfiguration: ecsNetwork(false),
                            },
                        }),
                        one(SCHEDULE, "cron-schedule", {
                            scheduleExpression: "rate(1 minute)",
                            flexibleTimeWindow: { mode: "OFF" },
                            target: {
                                arn: "arn:aws:ecs:us-east-1:123456789012:cluster/c",
                                roleArn: "r",
                                ecsParameters: {
                                    taskDefinitionArn: "td",
                                    networkConfiguration: ecsNetwork(false),
                                },
                            },
                        }),
                        one(PIPE, "pipe", {
                            source: "q",
                            target: "c",
                            roleArn: "r",
                            targetParameters: {
                                ecsTaskParameters: {
                                    taskDefinitionArn: "td",
                                    networkConfiguration: {
                                        awsVpcConfiguration: {
                                            subnets: ["s"],
                                            assignPublicIp: "DISABLED",
                                        },
                                    },
                                },
                            },
                        }),
                        // A target that starts no task.
                        one(EVENT_TARGET, "notify", {
                            rule: "findings",
                            arn: "arn:aws:sns:us-east-1:1:t",
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        one(EVENT_TARGET, "cron", {
                            rule: "cron",
                            arn: "arn:aws:ecs:us-east-1:123456789012:cluster/c",
                            ecsTarget: {
                                taskDefinitionArn: "td",
                                networkConfiguration: ecsNetwork(true),
                            },
                        }),
                    ],
                    message: /ecsTarget.networkConfiguration.assignPublicIp is true/,
                    unknown: "cron:ecsTarget",
                },
                {
                    stack: [
                        one(SCHEDULE, "cron-schedule", {
                            scheduleExpression: "rate(1 minute)",
                            flexibleTimeWindow: { mode: "OFF" },
                            target: {
                                arn: "arn:aws:ecs:us-east-1:123456789012:cluster/c",
                                roleArn: "r",
                                ecsParameters: {
                                    taskDefinitionArn: "td",
                                    networkConfiguration: ecsNetwork(true),
                                },
                            },
                        }),
                    ],
                    message: /target.ecsParameters.networkConfiguration.assignPublicIp is true/,
                    unknown: "cron-schedule:target",
                },
                {
                    stack: [
                        one(PIPE, "pipe", {
                            source: "q",
                            target: "c",
                            roleArn: "r",
                            targetParameters: {
                                ecsTaskParameters: {
                                    taskDefinitionArn: "td",
                                    networkConfiguration: {
                                        awsVpcConfiguration: {
                                            subnets: ["s"],
                                            assignPublicIp: "ENABLED",
                                        },
                                    },
                                },
                            },
                        }),
                    ],
                    message:
                        /awsVpcConfiguration.assignPublicIp is ENABLED \(allowed: "DISABLED"\)/,
                    unknown: "pipe:targetParameters",
                },
                {
                    stack: [
                        {
                            type: "aws:ecs/taskSet:TaskSet",
                            name: "canary",
                            props: {
                                service: "web",
                                cluster: "c",
                                taskDefinition: "td",
                                networkConfiguration: { subnets: ["s"], assignPublicIp: true },
                            },
                        },
                    ],
                    message: /assignPublicIp is true/,
                    unknown: "canary:networkConfiguration",
                },
                {
                    stack: [
                        {
                            type: "aws:ecs/service:Service",
                            name: "web",
                            props: {
                                networkConfiguration: {
                                    assignPublicIp: true,
                                    subnets: ["subnet-1"],
                                },
                            },
                        },
                    ],
                    message: /assignPublicIp is true/,
                    unknown: "web:networkConfiguration",
                },
            ],
        },
        "rds-not-public": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:rds/clusterInstance:ClusterInstance",
                            name: "db-1",
                            props: { publiclyAccessible: false },
                        },
                    ],
                },
                { stack: [one(NEPTUNE_INSTANCE, "graph-1", { clusterIdentifier: "graph" })] },
                {
                    stack: [
                        one(SHARD_GROUP, "shards", {
                            dbClusterIdentifier: "limitless",
                            dbShardGroupIdentifier: "shards",
                            maxAcu: 768,
                            publiclyAccessible: false,
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:rds/clusterInstance:ClusterInstance",
                            name: "db-1",
                            props: { publiclyAccessible: true },
                        },
                    ],
                    message: /publiclyAccessible is true/,
                    unknown: "db-1:publiclyAccessible",
                },
                {
                    stack: [
                        {
                            type: "aws:rds/instance:Instance",
                            name: "mysql",
                            props: { publiclyAccessible: true },
                        },
                    ],
                    message: /publiclyAccessible/,
                },
                {
                    stack: [
                        one(NEPTUNE_INSTANCE, "graph-1", {
                            clusterIdentifier: "graph",
                            publiclyAccessible: true,
                        }),
                    ],
                    message: /publiclyAccessible is true/,
                    unknown: "graph-1:publiclyAccessible",
                },
                {
                    stack: [
                        one(SHARD_GROUP, "shards", {
                            dbClusterIdentifier: "limitless",
                            dbShardGroupIdentifier: "shards",
                            maxAcu: 768,
                        }),
                    ],
                    message: /publiclyAccessible is unset on a shard group \(allowed: false\)/,
                    unknown: "shards:publiclyAccessible",
                },
            ],
        },
        "service-endpoint-not-public": {
            compliant: [
                { stack: [kafka()] },
                { stack: [kafka({ type: "DISABLED" })] },
                {
                    stack: [
                        one(MQ, "broker", { engineType: "RabbitMQ", publiclyAccessible: false }),
                    ],
                },
                { stack: [one(MQ, "broker", { engineType: "ActiveMQ" })] },
                {
                    stack: [
                        one(TRANSFER, "sftp", {
                            endpointType: "VPC",
                            endpointDetails: {
                                vpcId: "vpc-1",
                                subnetIds: ["a"],
                                addressAllocationIds: ["eipalloc-1"],
                            },
                        }),
                    ],
                },
                { stack: [eks({ endpointPublicAccess: false, endpointPrivateAccess: true })] },
                { stack: [one(GRAPH, "graph", { provisionedMemory: 16 })] },
                // With allowRestrictedEksPublicEndpoint, named ranges suffice: the API server still
                // authenticates every caller.
                {
                    stack: [
                        eks({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }),
                    ],
                    config: { allowRestrictedEksPublicEndpoint: true },
                },
                {
                    stack: [eks({ publicAccessCidrs: ["198.51.100.7/32", "2001:db8::/32"] })],
                    config: { allowRestrictedEksPublicEndpoint: true },
                },
            ],
            violating: [
                {
                    stack: [kafka({ type: "SERVICE_PROVIDED_EIPS" })],
                    message:
                        /brokerNodeGroupInfo.connectivityInfo.publicAccess.type is SERVICE_PROVIDED_EIPS \(allowed: "DISABLED"\)/,
                    unknown: "kafka:brokerNodeGroupInfo",
                },
                {
                    stack: [
                        one(MQ, "broker", { engineType: "ActiveMQ", publiclyAccessible: true }),
                    ],
                    message:
                        /publiclyAccessible is true: the broker is reachable from outside its VPC/,
                    unknown: "broker:publiclyAccessible",
                },
                {
                    stack: [
                        one(GRAPH, "graph", { provisionedMemory: 16, publicConnectivity: true }),
                    ],
                    message: /publicConnectivity is true/,
                    unknown: "graph:publicConnectivity",
                },
                {
                    stack: [one(TRANSFER, "sftp", { protocols: ["SFTP"] })],
                    message: /endpointType is unset, which defaults to PUBLIC \(allowed: VPC\)/,
                    unknown: "sftp:endpointType",
                },
                {
                    stack: [one(TRANSFER, "sftp", { endpointType: "PUBLIC" })],
                    message: /endpointType is PUBLIC \(allowed: VPC\)/,
                },
                {
                    // EKS's defaults: a public endpoint open to 0.0.0.0/0.
                    stack: [eks({})],
                    message:
                        /vpcConfig.endpointPublicAccess is unset, which defaults to true \(allowed: false, with endpointPrivateAccess true\)/,
                    unknown: "k8s:vpcConfig",
                },
                {
                    // By default (AWS Config eks-endpoint-no-public-access), named ranges fail too.
                    stack: [
                        eks({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }),
                    ],
                    message: /vpcConfig.endpointPublicAccess is true \(allowed: false/,
                    unknown: "k8s:vpcConfig.endpointPublicAccess",
                },
                {
                    stack: [eks({ publicAccessCidrs: ["198.51.100.7/32"] })],
                    message: /vpcConfig.endpointPublicAccess is unset, which defaults to true/,
                    config: { allowRestrictedEksPublicEndpoint: false },
                },
                {
                    stack: [eks({})],
                    message:
                        /endpointPublicAccess is unset, which defaults to true and publicAccessCidrs is unset, which EKS takes as 0.0.0.0\/0/,
                    config: { allowRestrictedEksPublicEndpoint: true },
                },
                {
                    stack: [eks({ endpointPublicAccess: true, publicAccessCidrs: [] })],
                    message: /endpointPublicAccess is true and publicAccessCidrs is unset/,
                    unknown: "k8s:vpcConfig.publicAccessCidrs",
                    config: { allowRestrictedEksPublicEndpoint: true },
                },
                {
                    stack: [
                        eks({
                            endpointPublicAccess: true,
                            publicAccessCidrs: ["203.0.113.0/24", "::/0"],
                        }),
                    ],
                    message: /vpcConfig.publicAccessCidrs contains ::\/0/,
                    unknown: "k8s:vpcConfig.publicAccessCidrs",
                    config: { allowRestrictedEksPublicEndpoint: true },
                },
                {
                    stack: [eks({ publicAccessCidrs: ["0.0.0.0/0"] })],
                    message: /vpcConfig.publicAccessCidrs contains 0.0.0.0\/0/,
                    config: { allowRestrictedEksPublicEndpoint: true },
                },
            ],
        },
        "alb-waf-associated": {
            compliant: [
                {
                    stack: [
                        lb(),
                        {
                            type: "aws:wafv2/webAclAssociation:WebAclAssociation",
                            name: "waf",
                            props: {},
                            deps: { resourceArn: ["web"] },
                        },
                    ],
                },
                { stack: [lb({ internal: true })] },
            ],
            violating: [
                { stack: [lb()], message: /no WAFv2 web ACL/, unknown: "web:internal" },
                {
                    stack: [{ ...lb(), type: "aws:alb/loadBalancer:LoadBalancer" }],
                    message: /no WAFv2/,
                },
            ],
        },
        "cloudfront-waf-associated": {
            compliant: [
                {
                    stack: [
                        one(DISTRIBUTION, "cdn", {
                            enabled: true,
                            webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/1",
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [one(DISTRIBUTION, "cdn", { enabled: true })],
                    message: /webAclId is not set/,
                    unknown: "cdn:webAclId",
                },
                {
                    stack: [
                        one(
                            "aws:cloudfront/multitenantDistribution:MultitenantDistribution",
                            "saas",
                            {
                                enabled: true,
                            },
                        ),
                    ],
                    message: /webAclId is not set/,
                },
            ],
        },
        "no-classic-elb": {
            compliant: [{ stack: [lb()] }],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:elb/loadBalancer:LoadBalancer",
                            name: "legacy",
                            props: { name: "legacy" },
                        },
                    ],
                    message: /Classic Load Balancer legacy/,
                    unknown: "legacy:name",
                },
            ],
        },
        "ec2-no-public-ip": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "bastion",
                            props: { subnetId: "subnet-1" },
                        },
                        { type: "aws:ec2/eip:Eip", name: "nat", props: { domain: "vpc" } },
                    ],
                },
                {
                    // An interface no instance uses (a NAT gateway's, say), and one the stack
                    // does not declare, which cannot be traced.
                    stack: [
                        one(
                            EIP,
                            "eip",
                            { domain: "vpc", networkInterface: "eni-1" },
                            { networkInterface: ["eni"] },
                        ),
                        one(ENI, "eni", { subnetId: "subnet-1" }),
                        one("aws:ec2/eipAssociation:EipAssociation", "assoc", {
                            allocationId: "eipalloc-1",
                            networkInterfaceId: "eni-0abc",
                        }),
                    ],
                },
                {
                    stack: [
                        one(SPOT, "spot", {
                            subnetId: "subnet-1",
                            associatePublicIpAddress: false,
                        }),
                        one(SPOT_FLEET, "fleet", {
                            iamFleetRole: "arn:aws:iam::123456789012:role/fleet",
                            targetCapacity: 2,
                            launchSpecifications: [
                                { ami: "ami-1", instanceType: "m7g.large", subnetId: "subnet-1" },
                                {
                                    ami: "ami-1",
                                    instanceType: "m7g.large",
                                    associatePublicIpAddress: false,
                                },
                            ],
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        one(SPOT, "spot", {
                            subnetId: "subnet-1",
                            associatePublicIpAddress: true,
                        }),
                    ],
                    message: /^associatePublicIpAddress is true/,
                    unknown: "spot:associatePublicIpAddress",
                },
                {
                    stack: [
                        one(SPOT_FLEET, "fleet", {
                            iamFleetRole: "arn:aws:iam::123456789012:role/fleet",
                            targetCapacity: 2,
                            launchSpecifications: [
                                { ami: "ami-1", instanceType: "m7g.large", subnetId: "subnet-1" },
                                {
                                    ami: "ami-1",
                                    instanceType: "m7g.large",
                                    associatePublicIpAddress: true,
                                },
                            ],
                        }),
                    ],
                    message: /^launchSpecifications\[1\].associatePublicIpAddress is true/,
                    unknown: "fleet:launchSpecifications",
                },
                {
                    // The primary interface of a Spot Instance.
                    stack: [
                        one(
                            "aws:ec2/eipAssociation:EipAssociation",
                            "assoc",
                            { allocationId: "eipalloc-1", networkInterfaceId: "eni-1" },
                            { networkInterfaceId: ["spot"] },
                        ),
                        one(SPOT, "spot", { subnetId: "subnet-1" }),
                    ],
                    message:
                        /attached \(networkInterfaceId\) to the primary network interface of instance spot/,
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "bastion",
                            props: { associatePublicIpAddress: true },
                        },
                    ],
                    message: /associatePublicIpAddress is true/,
                    unknown: "bastion:associatePublicIpAddress",
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/launchTemplate:LaunchTemplate",
                            name: "lt",
                            props: { networkInterfaces: [{ associatePublicIpAddress: "true" }] },
                        },
                    ],
                    message: /network interface/,
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/eip:Eip",
                            name: "eip",
                            props: { domain: "vpc" },
                            deps: { instance: ["bastion"] },
                        },
                        { type: "aws:ec2/instance:Instance", name: "bastion", props: {} },
                    ],
                    message: /Elastic IP is attached/,
                },
                {
                    // On an interface the instance's own attachments name.
                    stack: [
                        one(
                            EIP,
                            "eip",
                            { domain: "vpc", networkInterface: "eni-1" },
                            { networkInterface: ["eni"] },
                        ),
                        one(
                            ENI,
                            "eni",
                            {
                                subnetId: "subnet-1",
                                attachments: [{ instance: "i-1", deviceIndex: 1 }],
                            },
                            { attachments: ["bastion"] },
                        ),
                        one(INSTANCE, "bastion", { subnetId: "subnet-1" }),
                    ],
                    message:
                        /an Elastic IP is attached \(networkInterface\) to network interface eni, which an instance uses/,
                    unknown: "eni:attachments",
                },
                {
                    // Associated with an interface that a NetworkInterfaceAttachment attaches.
                    stack: [
                        one(
                            "aws:ec2/eipAssociation:EipAssociation",
                            "assoc",
                            { allocationId: "eipalloc-1", networkInterfaceId: "eni-1" },
                            { networkInterfaceId: ["eni"] },
                        ),
                        one(ENI, "eni", { subnetId: "subnet-1" }),
                        one(
                            "aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment",
                            "attach",
                            { instanceId: "i-1", networkInterfaceId: "eni-1", deviceIndex: 1 },
                            { networkInterfaceId: ["eni"], instanceId: ["bastion"] },
                        ),
                        one(INSTANCE, "bastion", { subnetId: "subnet-1" }),
                    ],
                    message:
                        /attached \(networkInterfaceId\) to network interface eni, which an instance uses/,
                },
                {
                    // On an interface an instance names as its primary one.
                    stack: [
                        one(
                            EIP,
                            "eip",
                            { domain: "vpc", networkInterface: "eni-1" },
                            { networkInterface: ["eni"] },
                        ),
                        one(ENI, "eni", { subnetId: "subnet-1" }),
                        one(
                            INSTANCE,
                            "bastion",
                            { primaryNetworkInterface: { networkInterfaceId: "eni-1" } },
                            { primaryNetworkInterface: ["eni"] },
                        ),
                    ],
                    message: /network interface eni, which an instance uses/,
                },
                {
                    // The instance's own primary interface (`instance.primaryNetworkInterfaceId`).
                    stack: [
                        one(
                            EIP,
                            "eip",
                            { domain: "vpc", networkInterface: "eni-1" },
                            { networkInterface: ["bastion"] },
                        ),
                        one(INSTANCE, "bastion", { subnetId: "subnet-1" }),
                    ],
                    message: /the primary network interface of instance bastion/,
                },
            ],
        },
        "ec2-in-vpc": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "eni",
                            props: { primaryNetworkInterface: { networkInterfaceId: "eni-1" } },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "bastion",
                            props: { subnetId: "subnet-1" },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "bastion",
                            props: { launchTemplate: { id: "lt-1" } },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ec2/instance:Instance",
                            name: "bastion",
                            props: { instanceType: "t4g.nano" },
                        },
                    ],
                    message: /default VPC/,
                    unknown: "bastion:subnetId",
                },
            ],
        },
    });
});
