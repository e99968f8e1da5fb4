import type { PolicyStatement } from "../iam/policyDocument";

/**
 * The Elastic Load Balancing account of each region that predates the log-delivery service
 * principal (AWS docs, "Enable access logs for your Application Load Balancer"). Newer regions
 * are served by `logdelivery.elasticloadbalancing.amazonaws.com` only.
 */
export const ELB_ACCOUNT_BY_REGION: Record<string, string> = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-south-1": "718504428378",
    "ap-northeast-1": "582318560864",
    "ap-northeast-2": "600734575887",
    "ap-northeast-3": "383597477331",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-southeast-3": "589379963580",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-west-3": "009996457667",
    "eu-south-1": "635631232127",
    "eu-north-1": "897822967062",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
    "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635",
};

/** Lets the load balancer deliver its access logs under `prefix/AWSLogs/<account>/` and nowhere else. */
export function albLogDeliveryStatements(args: {
    logBucketArn: string;
    prefix: string;
    accountId: string;
    region: string;
    partition: string;
}): PolicyStatement[] {
    const resource = `${args.logBucketArn}/${args.prefix}/AWSLogs/${args.accountId}/*`;
    const statements: PolicyStatement[] = [
        {
            Sid: "AlbLogDeliveryService",
            Effect: "Allow",
            Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
            Action: ["s3:PutObject"],
            Resource: resource,
        },
    ];
    const elbAccount = ELB_ACCOUNT_BY_REGION[args.region];
    if (elbAccount) {
        statements.push({
            Sid: "AlbLogDeliveryRegionalAccount",
            Effect: "Allow",
            Principal: { AWS: `arn:${args.partition}:iam::${elbAccount}:root` },
            Action: ["s3:PutObject"],
            Resource: resource,
        });
    }
    return statements;
}
