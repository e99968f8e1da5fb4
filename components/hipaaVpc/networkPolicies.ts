import { type PolicyDocument, serviceTrustPolicy } from "../iam/policyDocument";

/** Who the flow-log role trusts: the VPC Flow Logs service, for this account's flow logs only. */
export function flowLogsTrustPolicy(ctx: {
    accountId: string;
    region: string;
    partition: string;
}): PolicyDocument {
    return serviceTrustPolicy("vpc-flow-logs.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": ctx.accountId },
        ArnLike: {
            "aws:SourceArn": `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:vpc-flow-log/*`,
        },
    });
}

/** What the flow-log role may do: write streams of its one log group, nothing else. */
export function flowLogsWritePolicy(logGroupArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "WriteFlowLogsToOneLogGroup",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                Resource: [logGroupArn, `${logGroupArn}:*`],
            },
        ],
    };
}

/** One network ACL entry, in the shape of `aws.ec2.NetworkAcl` inline `ingress` / `egress`. */
export interface AclEntry {
    ruleNo: number;
    action: "allow" | "deny";
    protocol: "tcp";
    cidrBlock: string;
    fromPort: number;
    toPort: number;
}

/**
 * The database tier's network ACL: the database port in from the application subnets, and replies
 * out to their ephemeral ports (ACLs are stateless). Everything else is denied by the ACL's final
 * rule, so even a misconfigured security group cannot expose the database to another tier.
 */
export function isolatedTierAcl(
    applicationCidrs: string[],
    databasePort: number,
): { ingress: AclEntry[]; egress: AclEntry[] } {
    if (applicationCidrs.length === 0) {
        throw new Error("isolatedTierAcl: applicationCidrs is empty");
    }
    if (!Number.isInteger(databasePort) || databasePort < 1 || databasePort > 65535) {
        throw new Error(`isolatedTierAcl: databasePort ${databasePort} is not a port number`);
    }
    const entries = (fromPort: number, toPort: number): AclEntry[] =>
        applicationCidrs.map((cidrBlock, i) => ({
            ruleNo: 100 + i * 10,
            action: "allow",
            protocol: "tcp",
            cidrBlock,
            fromPort,
            toPort,
        }));
    return { ingress: entries(databasePort, databasePort), egress: entries(1024, 65535) };
}
