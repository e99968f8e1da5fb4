import { type PolicyDocument, serviceTrustPolicy } from "../iam/policyDocument";

/** Partition, region and account of an ARN (`arn:<partition>:<service>:<region>:<account>:…`). */
export function arnParts(arn: string): { partition: string; region: string; accountId: string } {
    const [prefix, partition, , region, accountId] = arn.split(":");
    if (prefix !== "arn" || !partition || !region || !/^\d{12}$/.test(accountId ?? "")) {
        throw new Error(`arnParts: ${arn} is not a regional ARN of an account`);
    }
    return { partition, region, accountId };
}

/**
 * The bastion's instance role: only what Session Manager needs (AWS Systems Manager User Guide,
 * "Create a custom IAM role for Session Manager", policy with CloudWatch Logs), not
 * AmazonSSMManagedInstanceCore (which adds Run Command, State Manager, Inventory and patching
 * through ec2messages and many ssm read and write actions). Dropped from the guide's policy: S3 (session logs
 * go to CloudWatch only) and kms:GenerateDataKey (for S3 logs). Log permissions are scoped to the
 * session log group; DescribeLogGroups (the agent checks the group is encrypted) cannot name one
 * group, so it is scoped to the account's log groups in the region.
 */
export function bastionInstancePolicy(args: {
    sessionsKmsKeyArn: string;
    logGroupArn: string;
}): PolicyDocument {
    const logGroups = args.logGroupArn.replace(/:log-group:.*$/, ":log-group:*");
    if (logGroups === args.logGroupArn) {
        throw new Error(`bastionInstancePolicy: ${args.logGroupArn} is not a log group ARN`);
    }
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "SessionManagerChannels",
                Effect: "Allow",
                // None of these has a resource type to scope to (Service Authorization Reference).
                Action: [
                    "ssm:UpdateInstanceInformation",
                    "ssmmessages:CreateControlChannel",
                    "ssmmessages:CreateDataChannel",
                    "ssmmessages:OpenControlChannel",
                    "ssmmessages:OpenDataChannel",
                ],
                Resource: "*",
            },
            {
                Sid: "DecryptSessionData",
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: args.sessionsKmsKeyArn,
            },
            {
                Sid: "WriteSessionLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                Resource: [args.logGroupArn, `${args.logGroupArn}:*`],
            },
            {
                Sid: "CheckSessionLogGroupEncryption",
                Effect: "Allow",
                Action: ["logs:DescribeLogGroups"],
                Resource: logGroups,
            },
        ],
    };
}

/**
 * Trust of the role EventBridge Scheduler assumes to start and stop the bastion: only the
 * scheduler, only for this account's bastion schedule group (confused-deputy guard). Since
 * September 2023 Scheduler presents the schedule group's ARN as aws:SourceArn (EventBridge
 * Scheduler User Guide, document history and "Troubleshooting quotas").
 */
export function schedulerTrustPolicy(args: {
    accountId: string;
    scheduleGroupArn: string;
}): PolicyDocument {
    return serviceTrustPolicy("scheduler.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": args.accountId },
        ArnEquals: { "aws:SourceArn": args.scheduleGroupArn },
    });
}

/**
 * What the schedules may do: start and stop this one instance. StartInstances of an instance whose
 * EBS volume is encrypted with a customer managed key also needs kms:CreateGrant for EC2 (AWS
 * re:Post knowledge center "kms-iam-ec2-permission": the principal calling StartInstances must be
 * able to create the grant that lets EC2 decrypt the volume's data key), limited to grants for AWS
 * resources as the EBS guide ("Requirements for Amazon EBS encryption") recommends.
 */
export function bastionSchedulePolicy(args: {
    instanceArn: string;
    sessionsKmsKeyArn: string;
}): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "StartAndStopTheBastion",
                Effect: "Allow",
                Action: ["ec2:StartInstances", "ec2:StopInstances"],
                Resource: args.instanceArn,
            },
            {
                Sid: "LetEc2DecryptItsVolume",
                Effect: "Allow",
                Action: ["kms:CreateGrant"],
                Resource: args.sessionsKmsKeyArn,
                Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
        ],
    };
}
