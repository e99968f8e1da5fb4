import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { InterfaceEndpointService } from "./options";

export interface VpcEndpointsArgs {
    vpcId: pulumi.Input<string>;
    vpcCidrBlock: string;
    region: pulumi.Input<string>;
    /** Route tables that get the S3 gateway endpoint (the private tier's). */
    routeTableIds: pulumi.Input<string>[];
    /** Subnets that hold the interface endpoints' network interfaces (one per AZ). */
    subnetIds: pulumi.Input<string>[];
    services: InterfaceEndpointService[];
}

/**
 * Private paths to AWS services: an S3 gateway endpoint on the private route tables (also how
 * ECR image layers arrive), and one interface endpoint per service behind a security group that
 * admits HTTPS from the VPC and nothing else (it has no egress rule: endpoints only answer).
 * Endpoint service names are built for the commercial and GovCloud partitions. Children of
 * `parent`; returns the endpoints' security group.
 * @internal
 */
export function createVpcEndpoints(
    name: string,
    args: VpcEndpointsArgs,
    parent: pulumi.Resource,
): aws.ec2.SecurityGroup {
    const serviceName = (service: string) =>
        pulumi.interpolate`com.amazonaws.${args.region}.${service}`;
    new aws.ec2.VpcEndpoint(
        `${name}-s3`,
        {
            vpcId: args.vpcId,
            vpcEndpointType: "Gateway",
            serviceName: serviceName("s3"),
            routeTableIds: args.routeTableIds,
            tags: { Name: `${name}-s3` },
        },
        { parent },
    );
    const securityGroup = new aws.ec2.SecurityGroup(
        `${name}-endpoints`,
        {
            vpcId: args.vpcId,
            description: `Interface endpoints of ${name}: HTTPS from inside the VPC only`,
            revokeRulesOnDelete: true,
            tags: { Name: `${name}-endpoints` },
        },
        { parent },
    );
    new aws.vpc.SecurityGroupIngressRule(
        `${name}-endpoints-https`,
        {
            securityGroupId: securityGroup.id,
            description: "HTTPS from the VPC",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: args.vpcCidrBlock,
        },
        { parent },
    );
    for (const service of args.services) {
        new aws.ec2.VpcEndpoint(
            `${name}-${service.replace(/\./g, "-")}`,
            {
                vpcId: args.vpcId,
                vpcEndpointType: "Interface",
                serviceName: serviceName(service),
                privateDnsEnabled: true,
                subnetIds: args.subnetIds,
                securityGroupIds: [securityGroup.id],
                tags: { Name: `${name}-${service}` },
            },
            { parent },
        );
    }
    return securityGroup;
}
