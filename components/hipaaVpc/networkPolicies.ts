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
/** Rules a network ACL takes per direction (AWS's default quota). */
export const MAX_ACL_RULES = 20;

export function isolatedTierAcl(
    applicationCidrs: string[],
    databasePorts: number[],
): { ingress: AclEntry[]; egress: AclEntry[] } {
    if (applicationCidrs.length === 0) {
        throw new Error("isolatedTierAcl: applicationCidrs is empty");
    }
    if (databasePorts.length === 0) {
        // Nothing to admit: the ACL's default deny is the whole of it.
        return { ingress: [], egress: [] };
    }
    for (const port of databasePorts) {
        if (!Number.isInteger(port) || port < 1 || port > 65535) {
            throw new Error(`isolatedTierAcl: databasePort ${port} is not a port number`);
        }
    }
    if (applicationCidrs.length * databasePorts.length > MAX_ACL_RULES) {
        throw new Error(
            `isolatedTierAcl: ${databasePorts.length} ports from ${applicationCidrs.length} subnets need ${applicationCidrs.length * databasePorts.length} rules; a network ACL takes ${MAX_ACL_RULES} per direction`,
        );
    }
    const entries = (ranges: [number, number][]): AclEntry[] =>
        ranges.flatMap(([fromPort, toPort], r) =>
            applicationCidrs.map((cidrBlock, i) => ({
                ruleNo: 100 + (r * applicationCidrs.length + i) * 10,
                action: "allow",
                protocol: "tcp",
                cidrBlock,
                fromPort,
                toPort,
            })),
        );
    return {
        ingress: entries(databasePorts.map((port): [number, number] => [port, port])),
        egress: entries([[1024, 65535]]),
    };
}
