import { describeCases, R } from "../test/cases";
import { networkExposurePolicies } from "./networkExposure";

const sg = (ingress: unknown[], name = "web-sg"): R => ({
    type: "aws:ec2/securityGroup:SecurityGroup",
    name,
    props: { vpcId: "vpc-1", description: "web", ingress, egress: [] },
});
const classicRule = (props: Record<string, unknown>): R => ({
    type: "aws:ec2/securityGroupRule:SecurityGroupRule",
    name: "rule",
    props: { securityGroupId: "sg-1", type: "ingress", ...props },
});
const vpcRule = (props: Record<string, unknown>): R => ({
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    name: "vpc-rule",
    props: { securityGroupId: "sg-1", ...props },
});
const https = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] };
const vpc: R = {
    type: "aws:ec2/vpc:Vpc",
    name: "vpc",
    props: { cidrBlock: "10.0.0.0/16", tags: { "internet-facing": "true" } },
};
const lb = (props: Record<string, unknown> = {}): R => ({
    type: "aws:lb/loadBalancer:LoadBalancer",
    name: "web",
    props: { loadBalancerType: "application", internal: false, ...props },
});

/** A function's whole resource policy (aws.lambda.ResourcePolicy) with one statement. */
const functionPolicy = (statement: Record<string, unknown>): R => ({
    type: "aws:lambda/resourcePolicy:ResourcePolicy",
    name: "fn-policy",
    props: {
        resourceArn: "arn:aws:lambda:us-east-1:123456789012:function:f",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
    },
});

describe("policy pack: network exposure", () => {
    describeCases(networkExposurePolicies, {
        "sg-no-world-ssh": {
            compliant: [
                {
                    stack: [
                        sg([
                            https,
                            {
                                protocol: "tcp",
                                fromPort: 22,
                                toPort: 22,
                                cidrBlocks: ["10.0.0.0/16"],
                            },
                        ]),
                    ],
                },
                {
                    stack: [
                        vpcRule({
                            ipProtocol: "tcp",
                            fromPort: 22,
                            toPort: 22,
                            referencedSecurityGroupId: "sg-2",
                        }),
                    ],
                },
            ],
            violating: [
                {
                    // The VPC's default group, adopted with SSH open: the same inline shape.
                    stack: [
                        {
                            type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                            name: "default-sg",
                            props: {
                                vpcId: "vpc-1",
                                ingress: [
                                    {
                                        protocol: "tcp",
                                        fromPort: 22,
                                        toPort: 22,
                                        cidrBlocks: ["0.0.0.0/0"],
                                    },
                                ],
                            },
                        },
                    ],
                    message: /SSH/,
                    unknown: "default-sg:ingress",
                },
                {
                    stack: [
                        sg([
                            {
                                protocol: "tcp",
                                fromPort: 22,
                                toPort: 22,
                                cidrBlocks: ["0.0.0.0/0"],
                            },
                        ]),
                    ],
                    message: /tcp 22 from 0.0.0.0\/0 opens SSH/,
                    unknown: "web-sg:ingress",
                },
                {
                    stack: [
                        classicRule({
                            protocol: "-1",
                            fromPort: 0,
                            toPort: 0,
                            cidrBlocks: ["0.0.0.0/0"],
                        }),
                    ],
                    message: /all traffic/,
                },
                {
                    stack: [
                        vpcRule({ ipProtocol: "6", fromPort: 1, toPort: 1024, cidrIpv6: "::/0" }),
                    ],
                    message: /tcp 1-1024 from ::\/0/,
                },
            ],
        },
        "sg-restricted-common-ports": {
            compliant: [
                { stack: [sg([https])] },
                {
                    stack: [
                        classicRule({
                            protocol: "tcp",
                            fromPort: 3306,
                            toPort: 3306,
                            cidrBlocks: ["10.0.0.0/16"],
                        }),
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        vpcRule({
                            ipProtocol: "tcp",
                            fromPort: 3389,
                            toPort: 3389,
                            cidrIpv4: "0.0.0.0/0",
                        }),
                    ],
                    message: /blocked port\(s\) 3389/,
                    unknown: "vpc-rule:cidrIpv4",
                },
                {
                    stack: [
                        classicRule({
                            protocol: "tcp",
                            fromPort: 8000,
                            toPort: 8000,
                            cidrBlocks: ["0.0.0.0/0"],
                        }),
                    ],
                    message: /8000/,
                    config: { blockedPorts: [8000] },
                },
            ],
        },
        "sg-world-open-authorized-ports-only": {
            compliant: [
                { stack: [sg([https, { ...https, fromPort: 80, toPort: 80 }])] },
                {
                    stack: [
                        vpcRule({
                            ipProtocol: "tcp",
                            fromPort: 8443,
                            toPort: 8443,
                            cidrIpv4: "0.0.0.0/0",
                        }),
                    ],
                    config: { authorizedPorts: [8443] },
                },
            ],
            violating: [
                {
                    stack: [
                        sg([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]),
                    ],
                    message: /all traffic from 0.0.0.0\/0 is open/,
                    unknown: "web-sg:ingress",
                },
                {
                    stack: [
                        vpcRule({
                            ipProtocol: "tcp",
                            fromPort: 8080,
                            toPort: 8080,
                            cidrIpv4: "0.0.0.0/0",
                        }),
                    ],
                    message: /tcp 8080/,
                },
                {
                    stack: [
                        classicRule({
                            protocol: "udp",
                            fromPort: 443,
                            toPort: 443,
                            ipv6CidrBlocks: ["::/0"],
                        }),
                    ],
                    message: /udp 443/,
                },
            ],
        },
        "sg-no-rule-management-conflict": {
            compliant: [
                {
                    stack: [
                        { ...sg([]), props: { vpcId: "vpc-1" } },
                        {
                            ...vpcRule({
                                ipProtocol: "tcp",
                                fromPort: 443,
                                toPort: 443,
                                cidrIpv4: "10.0.0.0/8",
                            }),
                            deps: { securityGroupId: ["web-sg"] },
                        },
                    ],
                },
            ],
            violating: [
                {
                    // An empty inline list still takes the group's rules over.
                    stack: [
                        {
                            type: "aws:ec2/securityGroup:SecurityGroup",
                            name: "web-sg",
                            props: { ingress: [] },
                        },
                        {
                            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                            name: "in",
                            props: {
                                ipProtocol: "tcp",
                                fromPort: 443,
                                toPort: 443,
                                cidrIpv4: "10.0.0.0/8",
                            },
                            deps: { securityGroupId: ["web-sg"] },
                        },
                    ],
                    message: /both manage this group/,
                },
                {
                    stack: [
                        sg([https]),
                        {
                            ...vpcRule({
                                ipProtocol: "tcp",
                                fromPort: 80,
                                toPort: 80,
                                cidrIpv4: "10.0.0.0/8",
                            }),
                            deps: { securityGroupId: ["web-sg"] },
                        },
                    ],
                    message: /inline rules and 1 standalone/,
                    unknown: "web-sg:ingress",
                },
            ],
        },
        "vpc-default-sg-closed": {
            compliant: [
                {
                    stack: [
                        vpc,
                        {
                            type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                            name: "default",
                            props: { vpcId: "vpc-1" },
                            deps: { vpcId: ["vpc"] },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                            name: "default-sg",
                            props: { vpcId: "vpc-1" },
                            deps: { vpcId: ["vpc"] },
                        },
                        vpc,
                        {
                            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                            name: "default-in",
                            props: { ipProtocol: "-1", referencedSecurityGroupId: "sg-1" },
                            deps: { securityGroupId: ["default-sg"] },
                        },
                    ],
                    message:
                        /1 security group rule\(s\) declared on their own open the default security group/,
                },
                { stack: [vpc], message: /no aws.ec2.DefaultSecurityGroup adopts/ },
                {
                    stack: [
                        {
                            type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                            name: "default",
                            props: {
                                vpcId: "vpc-1",
                                egress: [
                                    {
                                        protocol: "-1",
                                        fromPort: 0,
                                        toPort: 0,
                                        cidrBlocks: ["0.0.0.0/0"],
                                    },
                                ],
                            },
                            deps: { vpcId: ["vpc"] },
                        },
                        vpc,
                    ],
                    message: /keeps 1 rule/,
                    unknown: "default:egress",
                },
            ],
        },
        "subnet-no-auto-public-ip": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:ec2/defaultSubnet:DefaultSubnet",
                            name: "default-a",
                            props: { availabilityZone: "us-east-1a", mapPublicIpOnLaunch: false },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/subnet:Subnet",
                            name: "public-a",
                            props: { cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: false },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ec2/defaultSubnet:DefaultSubnet",
                            name: "default-a",
                            props: { availabilityZone: "us-east-1a" },
                        },
                    ],
                    message: /unset on a default subnet/,
                    unknown: "default-a:mapPublicIpOnLaunch",
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/subnet:Subnet",
                            name: "public-a",
                            props: { cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: true },
                        },
                    ],
                    message: /mapPublicIpOnLaunch is true/,
                    unknown: "public-a:mapPublicIpOnLaunch",
                },
            ],
        },
        "no-world-route-to-igw": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:ec2/routeTable:RouteTable",
                            name: "public",
                            props: {
                                tags: {
                                    "compliance-exempt": "no-world-route-to-igw",
                                    "compliance-exempt-reason":
                                        "public subnets of the load balancer",
                                },
                            },
                        },
                        { type: "aws:ec2/internetGateway:InternetGateway", name: "igw" },
                        {
                            type: "aws:ec2/route:Route",
                            name: "public-default",
                            props: { destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" },
                            deps: { routeTableId: ["public"], gatewayId: ["igw"] },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/route:Route",
                            name: "private-default",
                            props: { destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ec2/defaultRouteTable:DefaultRouteTable",
                            name: "default-rt",
                            props: {
                                defaultRouteTableId: "rtb-1",
                                routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }],
                            },
                        },
                    ],
                    message: /inline default route goes to an internet gateway/,
                    unknown: "default-rt:routes",
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/route:Route",
                            name: "default",
                            props: { destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0abc" },
                        },
                    ],
                    message: /default route goes to an internet gateway/,
                    unknown: "default:destinationCidrBlock",
                },
                {
                    stack: [
                        {
                            type: "aws:ec2/routeTable:RouteTable",
                            name: "rt",
                            props: { routes: [{ ipv6CidrBlock: "::/0", gatewayId: "igw-0abc" }] },
                        },
                    ],
                    message: /inline default route/,
                },
            ],
        },
        "igw-authorized-vpc-only": {
            compliant: [
                {
                    stack: [
                        vpc,
                        {
                            type: "aws:ec2/internetGateway:InternetGateway",
                            name: "igw",
                            props: { vpcId: "vpc-1" },
                            deps: { vpcId: ["vpc"] },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:ec2/internetGateway:InternetGateway",
                            name: "igw",
                            props: { vpcId: "vpc-1" },
                            deps: { vpcId: ["vpc"] },
                        },
                        { ...vpc, props: { cidrBlock: "10.0.0.0/16" } },
                    ],
                    message: /not tagged internet-facing=true/,
                    unknown: "vpc:tags",
                },
            ],
        },
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
            ],
            violating: [
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
            ],
            violating: [
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
        "lambda-no-public-access": {
            compliant: [
                {
                    stack: [
                        functionPolicy({
                            Effect: "Allow",
                            Principal: { Service: "s3.amazonaws.com" },
                            Action: "lambda:InvokeFunction",
                            Resource: "*",
                            Condition: {
                                StringEquals: {
                                    "aws:SourceAccount": "123456789012",
                                },
                            },
                        }),
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:lambda/permission:Permission",
                            name: "events",
                            props: {
                                action: "lambda:InvokeFunction",
                                principal: "events.amazonaws.com",
                                sourceArn: "arn:aws:events:us-east-1:123456789012:rule/x",
                            },
                        },
                    ],
                },
                {
                    stack: [
                        {
                            type: "aws:lambda/permission:Permission",
                            name: "s3",
                            props: {
                                action: "lambda:InvokeFunction",
                                principal: "s3.amazonaws.com",
                                sourceArn: "arn:aws:s3:::uploads",
                                sourceAccount: "123456789012",
                            },
                        },
                    ],
                },
                {
                    // A named account is not "anyone".
                    stack: [
                        {
                            type: "aws:lambda/permission:Permission",
                            name: "partner",
                            props: { action: "lambda:InvokeFunction", principal: "210987654321" },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        functionPolicy({
                            Sid: "Anyone",
                            Effect: "Allow",
                            Principal: "*",
                            Action: "lambda:InvokeFunction",
                            Resource: "*",
                        }),
                    ],
                    message: /statement "Anyone" allows everyone to invoke the function/,
                    unknown: "fn-policy:policy",
                },
                {
                    stack: [
                        functionPolicy({
                            Sid: "S3",
                            Effect: "Allow",
                            Principal: { Service: "s3.amazonaws.com" },
                            Action: "lambda:InvokeFunction",
                            Resource: "*",
                        }),
                    ],
                    message:
                        /statement "S3" lets an AWS service invoke the function without aws:SourceArn/,
                },
                {
                    stack: [
                        {
                            type: "aws:lambda/permission:Permission",
                            name: "events",
                            props: {
                                action: "lambda:InvokeFunction",
                                principal: "events.amazonaws.com",
                            },
                        },
                    ],
                    message: /principal events.amazonaws.com without sourceArn or sourceAccount/,
                    unknown: "events:principal",
                },
                {
                    stack: [
                        {
                            type: "aws:lambda/permission:Permission",
                            name: "s3",
                            props: {
                                action: "lambda:InvokeFunction",
                                principal: "s3.amazonaws.com",
                                sourceArn: "arn:aws:s3:::uploads",
                            },
                        },
                    ],
                    message: /s3.amazonaws.com without sourceAccount/,
                    unknown: "s3:sourceAccount",
                },
                {
                    stack: [
                        {
                            type: "aws:lambda/permission:Permission",
                            name: "open",
                            props: { action: "lambda:InvokeFunction", principal: "*" },
                        },
                    ],
                    message: /principal is \*/,
                    unknown: "open:principal",
                },
                {
                    stack: [
                        {
                            type: "aws:lambda/functionUrl:FunctionUrl",
                            name: "url",
                            props: { authorizationType: "NONE" },
                        },
                    ],
                    message: /authorizationType is NONE/,
                },
            ],
        },
        "rds-snapshot-not-public": {
            compliant: [
                {
                    stack: [
                        {
                            type: "aws:rds/clusterSnapshot:ClusterSnapshot",
                            name: "snap",
                            props: { sharedAccounts: ["210987654321"] },
                        },
                    ],
                },
            ],
            violating: [
                {
                    stack: [
                        {
                            type: "aws:rds/snapshot:Snapshot",
                            name: "snap",
                            props: { sharedAccounts: ["all"] },
                        },
                    ],
                    message: /contains "all"/,
                    unknown: "snap:sharedAccounts",
                },
            ],
        },
    });
});
