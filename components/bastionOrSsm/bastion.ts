import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../iam/policyDocument";
import { createRoleWithPolicy } from "../iam/serviceRole";
import {
    arnParts,
    bastionInstancePolicy,
    bastionSchedulePolicy,
    schedulerTrustPolicy,
} from "./accessPolicies";
import { amazonLinuxImage, type BastionSchedule } from "./args";

export interface BastionArgs {
    namePrefix: string;
    vpcId: pulumi.Input<string>;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The database's client group, when there is a database to reach. */
    databaseClientSecurityGroupId?: pulumi.Input<string>;
    sessionsKmsKeyArn: pulumi.Input<string>;
    sessionLogGroupArn: pulumi.Input<string>;
    instanceType: string;
    architecture: "arm64" | "x86_64";
    schedule?: BastionSchedule;
}

/**
 * The bastion: one private instance reachable only through Session Manager. No key pair, no public
 * address, no inbound rule; IMDSv2 only; its disk encrypted with the sessions key; an instance
 * role with Session Manager's permissions only. Optionally started and stopped by EventBridge
 * Scheduler. Children of `parent`.
 * @internal
 */
export function createBastion(
    name: string,
    args: BastionArgs,
    parent: pulumi.Resource,
): aws.ec2.Instance {
    const opts = { parent };
    const where = `BastionOrSsm ${name}`;

    // No ingress rule at all: Session Manager connects outbound from the agent. HTTPS out reaches
    // the SSM endpoints (through NAT or interface endpoints). No database rule here: the database
    // client group the instance joins already allows the database port out to the database's own
    // group, which is narrower than the whole VPC (and a tunnel's `host` can be overridden).
    const securityGroup = new aws.ec2.SecurityGroup(
        `${name}-bastion`,
        {
            vpcId: args.vpcId,
            description: "Bastion: no inbound; HTTPS out to Session Manager",
            revokeRulesOnDelete: true,
            tags: { Name: `${args.namePrefix}-bastion` },
        },
        opts,
    );
    new aws.vpc.SecurityGroupEgressRule(
        `${name}-bastion-https`,
        {
            securityGroupId: securityGroup.id,
            description: "HTTPS to Session Manager, KMS and CloudWatch Logs endpoints",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
        },
        opts,
    );

    const { role, attachment } = createRoleWithPolicy(
        `${name}-bastion`,
        {
            description: "Bastion: Session Manager only",
            trustPolicy: JSON.stringify(serviceTrustPolicy("ec2.amazonaws.com")),
            policy: pulumi
                .all([args.sessionsKmsKeyArn, args.sessionLogGroupArn])
                .apply(([sessionsKmsKeyArn, logGroupArn]) =>
                    JSON.stringify(bastionInstancePolicy({ sessionsKmsKeyArn, logGroupArn })),
                ),
        },
        parent,
    );
    const profile = new aws.iam.InstanceProfile(`${name}-bastion`, { role: role.name }, opts);

    // EC2 resolves the public parameter to the newest Amazon Linux 2023 AMI at launch: no lookup
    // in the plan. "$Latest" makes the provider replace the instance when the template changes
    // (an architecture change), never when AWS publishes a new AMI.
    const template = new aws.ec2.LaunchTemplate(
        `${name}-bastion`,
        {
            description: "Bastion image: the newest Amazon Linux 2023 at launch",
            imageId: amazonLinuxImage(args.architecture),
            // The instance sets these too; the template carries them so nothing launched from it
            // elsewhere falls back to IMDSv1.
            metadataOptions: {
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
                httpEndpoint: "enabled",
            },
        },
        opts,
    );
    const instance = new aws.ec2.Instance(
        `${name}-bastion`,
        {
            launchTemplate: { id: template.id, version: "$Latest" },
            instanceType: args.instanceType,
            subnetId: pulumi.output(args.subnetIds).apply((ids) => {
                if (!ids[0]) {
                    throw new Error(`${where}: subnetIds is empty; the bastion needs a subnet`);
                }
                return ids[0];
            }),
            vpcSecurityGroupIds: [
                securityGroup.id,
                ...(args.databaseClientSecurityGroupId ? [args.databaseClientSecurityGroupId] : []),
            ],
            associatePublicIpAddress: false,
            iamInstanceProfile: profile.name,
            monitoring: true,
            metadataOptions: {
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
                instanceMetadataTags: "disabled",
            },
            rootBlockDevice: {
                encrypted: true,
                kmsKeyId: args.sessionsKmsKeyArn,
                volumeType: "gp3",
                volumeSize: 8, // Amazon Linux 2023's snapshot size
                deleteOnTermination: true,
                tags: { Name: `${args.namePrefix}-bastion` },
            },
            tags: { Name: `${args.namePrefix}-bastion` },
        },
        // The agent registers at boot: its permissions must already be attached.
        { parent, dependsOn: [attachment] },
    );

    if (args.schedule) {
        createBastionSchedule(name, args, args.schedule, instance, parent);
    }
    return instance;
}

/** EventBridge Scheduler starts and stops the bastion, in its own schedule group. */
function createBastionSchedule(
    name: string,
    args: BastionArgs,
    schedule: BastionSchedule,
    instance: aws.ec2.Instance,
    parent: pulumi.Resource,
): void {
    const opts = { parent };
    const groupName = `${args.namePrefix}-bastion`;
    const group = new aws.scheduler.ScheduleGroup(`${name}-bastion`, { name: groupName }, opts);
    const parts = instance.arn.apply(arnParts);
    // Since September 2023 Scheduler presents the schedule group's ARN as aws:SourceArn.
    const trust = parts.apply(({ partition, region, accountId }) =>
        JSON.stringify(
            schedulerTrustPolicy({
                accountId,
                scheduleGroupArn: `arn:${partition}:scheduler:${region}:${accountId}:schedule-group/${groupName}`,
            }),
        ),
    );
    const { role, attachment } = createRoleWithPolicy(
        `${name}-bastion-schedule`,
        {
            description: "EventBridge Scheduler starts and stops the bastion",
            trustPolicy: trust,
            policy: pulumi
                .all([instance.arn, args.sessionsKmsKeyArn])
                .apply(([instanceArn, sessionsKmsKeyArn]) =>
                    JSON.stringify(bastionSchedulePolicy({ instanceArn, sessionsKmsKeyArn })),
                ),
        },
        parent,
    );
    for (const [action, expression] of [
        ["start", schedule.start],
        ["stop", schedule.stop],
    ] as const) {
        new aws.scheduler.Schedule(
            `${name}-bastion-${action}`,
            {
                name: `${args.namePrefix}-bastion-${action}`,
                groupName: group.name,
                description: `${action === "start" ? "Start" : "Stop"} the bastion`,
                scheduleExpression: expression,
                scheduleExpressionTimezone: schedule.timezone,
                flexibleTimeWindow: { mode: "OFF" },
                state: "ENABLED",
                target: {
                    // Universal target: the EC2 API action itself, no Lambda in between.
                    arn: parts.apply(
                        ({ partition }) =>
                            `arn:${partition}:scheduler:::aws-sdk:ec2:${action}Instances`,
                    ),
                    roleArn: role.arn,
                    input: instance.id.apply((id) => JSON.stringify({ InstanceIds: [id] })),
                },
            },
            { parent, dependsOn: [attachment] },
        );
    }
}
