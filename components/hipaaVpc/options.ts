/** The choices a HipaaVpc offers, as closed lists shared by the component and the stack config schema. */

/**
 * Internet egress of the private tier: none, one NAT gateway (cheaper; its AZ is a single point
 * of failure for egress) or one per AZ.
 */
export const NAT_STRATEGIES = ["none", "single", "perAz"] as const;
export type NatStrategy = (typeof NAT_STRATEGIES)[number];

/**
 * AWS services a HipaaVpc can reach through interface endpoints (PrivateLink), by the suffix of
 * their endpoint service name (`com.amazonaws.<region>.<suffix>`). The list is closed so a typo in
 * stack config fails validation instead of failing halfway through `pulumi up`.
 */
export const INTERFACE_ENDPOINT_SERVICES = [
    "backup",
    "ec2",
    "ec2messages",
    "ecr.api",
    "ecr.dkr",
    "ecs",
    "ecs-agent",
    "ecs-telemetry",
    "elasticfilesystem",
    "email-smtp",
    "events",
    "kms",
    "logs",
    "monitoring",
    "rds",
    "secretsmanager",
    "sns",
    "sqs",
    "ssm",
    "ssmmessages",
    "sts",
] as const;

export type InterfaceEndpointService = (typeof INTERFACE_ENDPOINT_SERVICES)[number];

/**
 * What a Fargate task needs to start and run with no route to the internet: pull its image
 * (ECR API and registry; layers come through the S3 gateway endpoint), write its logs and read
 * its secrets.
 */
export const ENDPOINTS_REQUIRED_WITHOUT_NAT: readonly InterfaceEndpointService[] = [
    "ecr.api",
    "ecr.dkr",
    "logs",
    "secretsmanager",
];
