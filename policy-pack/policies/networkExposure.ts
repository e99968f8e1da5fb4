import { grantsEveryone, label, restrictsPrincipals, statementsOf } from "../lib/policyDocuments";
import { resourceRule, stackRule } from "../lib/policy";
import { admitsPort, describeIngress, ingressOf, isWorldOpen } from "../lib/securityGroups";
import {
    CLASSIC_ELB,
    EC2_INSTANCE,
    LAUNCH_TEMPLATE,
    LOAD_BALANCER,
    RDS_CLUSTER_INSTANCE,
    RDS_INSTANCE,
    SECURITY_GROUP,
    SECURITY_GROUP_RULE,
    SECURITY_GROUP_RULE_FORMS,
    SG_EGRESS_RULE,
    SG_INGRESS_RULE,
} from "../lib/tokens";
import { known, UNKNOWN } from "../lib/unknown";

const ACCESS =
    "164.308(a)(3)(i), 164.308(a)(4)(ii)(B), 164.308(a)(4)(ii)(C), 164.312(a)(1), 164.312(e)(1)";
const SG_ACCESS =
    "164.308(a)(3)(i), 164.308(a)(3)(ii)(B), 164.308(a)(4)(i), 164.308(a)(4)(ii)(B)-(C), 164.312(a)(1), 164.312(e)(1)";
const SG_REMEDIATION =
    "Admit only the load balancer's or a peer's security group (`referencedSecurityGroupId`/`sourceSecurityGroupId`) or a private range; operators reach hosts through SSM Session Manager, not open ports.";

export const sgNoWorldSsh = resourceRule({
    name: "sg-no-world-ssh",
    area: "network-exposure",
    description:
        "Checks that no security-group rule, in any of the three forms, admits SSH (port 22) from the whole internet.",
    citation: SG_ACCESS,
    awsConfig: "restricted-ssh",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: SG_REMEDIATION,
    types: SECURITY_GROUP_RULE_FORMS,
    check(props, { report, args }) {
        for (const rule of ingressOf(args.type, props).filter(
            (r) => isWorldOpen(r) && admitsPort(r, 22),
        )) {
            report(`ingress ${describeIngress(rule)} opens SSH to the internet`);
        }
    },
});

export const sgRestrictedCommonPorts = resourceRule<{ blockedPorts: number[] }>({
    name: "sg-restricted-common-ports",
    area: "network-exposure",
    description:
        "Checks that no security-group rule admits the configured sensitive ports (FTP, RDP, databases, NFS, Redis by default) from the whole internet.",
    citation: SG_ACCESS,
    awsConfig: "restricted-common-ports",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: SG_REMEDIATION,
    config: {
        blockedPorts: {
            description: "Ports that must never be open to 0.0.0.0/0 or ::/0.",
            default: [20, 21, 3389, 3306, 4333, 5432, 1433, 2049, 6379, 11211, 9200, 27017],
            schema: { type: "array", items: { type: "integer", minimum: 0, maximum: 65535 } },
        },
    },
    types: SECURITY_GROUP_RULE_FORMS,
    check(props, { report, config, args }) {
        for (const rule of ingressOf(args.type, props).filter(isWorldOpen)) {
            const open = config.blockedPorts.filter((p) => admitsPort(rule, p));
            if (open.length > 0)
                report(
                    `ingress ${describeIngress(rule)} opens blocked port(s) ${open.join(", ")} to the internet`,
                );
        }
    },
});

export const sgWorldOpenAuthorizedPortsOnly = resourceRule<{ authorizedPorts: number[] }>({
    name: "sg-world-open-authorized-ports-only",
    area: "network-exposure",
    description:
        "Checks that rules open to the whole internet admit only TCP ports on the allowlist (443 and 80 by default, for the public load balancer); all-protocol rules fail.",
    citation: "164.308(a)(1)(ii)(B)",
    awsConfig: "vpc-sg-open-only-to-authorized-ports",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Open only tcp 443 (and 80 for the redirect) to the internet, on the load balancer's group; never protocol -1.",
    config: {
        authorizedPorts: {
            description: "TCP ports that may be open to 0.0.0.0/0 or ::/0.",
            default: [443, 80],
            schema: { type: "array", items: { type: "integer", minimum: 0, maximum: 65535 } },
        },
    },
    types: SECURITY_GROUP_RULE_FORMS,
    check(props, { report, config, args }) {
        for (const rule of ingressOf(args.type, props).filter(isWorldOpen)) {
            const authorized =
                rule.protocol === "tcp" &&
                rule.fromPort === rule.toPort &&
                config.authorizedPorts.includes(rule.fromPort);
            if (!authorized)
                report(
                    `ingress ${describeIngress(rule)} is open to the internet; allowed: tcp ${config.authorizedPorts.join(", ")}`,
                );
        }
    },
});

export const sgNoRuleManagementConflict = stackRule({
    name: "sg-no-rule-management-conflict",
    area: "network-exposure",
    description:
        "Checks that a security group with inline rules is not also the target of standalone rule resources (they overwrite each other on every update).",
    citation: "",
    awsConfig: "none (AwsGuard security-group-no-rule-management-conflicts)",
    severity: "low",
    enforcementLevel: "advisory",
    remediationSteps:
        "Declare a group's rules either inline or as standalone rule resources, not both.",
    check(stack) {
        stack.each(stack.subjects([SECURITY_GROUP]), (sg) => {
            // Even an empty inline list (`ingress: []`) makes the group manage its rules itself,
            // removing any declared on their own.
            const inline = sg.props.ingress !== undefined || sg.props.egress !== undefined;
            const standalone = stack.linked(
                sg,
                [SECURITY_GROUP_RULE, SG_INGRESS_RULE, SG_EGRESS_RULE],
                "securityGroupId",
            );
            if (inline && standalone.length > 0)
                stack.report(
                    `inline rules and ${standalone.length} standalone rule resource(s) both manage this group`,
                    sg,
                );
        });
    },
});

export const vpcDefaultSgClosed = stackRule({
    name: "vpc-default-sg-closed",
    area: "network-exposure",
    description:
        "Checks that every VPC's default security group is adopted and left without rules.",
    citation: "164.312(e)(1)",
    awsConfig: "vpc-default-security-group-closed",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Declare `new aws.ec2.DefaultSecurityGroup(..., { vpcId: vpc.id })` with no `ingress` or `egress`: a new VPC's default group allows all traffic between its members and all egress.",
    check(stack) {
        const defaults = stack.subjects(["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"]);
        stack.each(defaults, (sg) => {
            const rules =
                ((sg.props.ingress ?? []) as unknown[]).length +
                ((sg.props.egress ?? []) as unknown[]).length;
            if (rules > 0) stack.report(`the default security group keeps ${rules} rule(s)`, sg);
            // Rules declared on their own still open the default group.
            const standalone = stack.linked(
                sg,
                [SECURITY_GROUP_RULE, SG_INGRESS_RULE, SG_EGRESS_RULE],
                "securityGroupId",
            );
            if (standalone.length > 0)
                stack.report(
                    `${standalone.length} security group rule(s) declared on their own open the default security group`,
                    sg,
                );
        });
        for (const vpc of stack.subjects(["aws:ec2/vpc:Vpc"])) {
            if (
                !defaults.some((sg) =>
                    (sg.propertyDependencies.vpcId ?? []).some((v) => v.urn === vpc.urn),
                )
            ) {
                stack.report(
                    "no aws.ec2.DefaultSecurityGroup adopts this VPC's default group, which allows all traffic",
                    vpc,
                );
            }
        }
    },
});

export const subnetNoAutoPublicIp = resourceRule({
    name: "subnet-no-auto-public-ip",
    area: "network-exposure",
    description: "Checks that subnets do not give launched instances public IP addresses.",
    citation: ACCESS,
    awsConfig: "subnet-auto-assign-public-ip-disabled",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Leave `mapPublicIpOnLaunch` unset or false; load balancers and NAT gateways do not need it (awsx.ec2.Vpc sets it on public subnets).",
    types: ["aws:ec2/subnet:Subnet", "aws:ec2/defaultSubnet:DefaultSubnet"],
    check(props, { report, args }) {
        if (props.mapPublicIpOnLaunch === true) report("mapPublicIpOnLaunch is true");
        // A default subnet maps public addresses unless told otherwise.
        else if (
            args.type === "aws:ec2/defaultSubnet:DefaultSubnet" &&
            props.mapPublicIpOnLaunch !== false
        )
            report("mapPublicIpOnLaunch is unset on a default subnet, which maps public IPs");
    },
});

export const noWorldRouteToIgw = stackRule({
    name: "no-world-route-to-igw",
    area: "network-exposure",
    description:
        "Checks that default routes (0.0.0.0/0, ::/0) to an internet gateway exist only in route tables exempted as public (load balancer and NAT subnets).",
    citation: "164.312(e)(1)",
    awsConfig: "no-unrestricted-route-to-igw",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Route private subnets through NAT; tag the public route table `compliance-exempt=no-world-route-to-igw` with a reason.",
    check(stack) {
        const tables = stack.subjects([
            "aws:ec2/routeTable:RouteTable",
            "aws:ec2/defaultRouteTable:DefaultRouteTable",
        ]);
        const isIgw = (sources: { type: string }[] | undefined, id: unknown) =>
            (sources ?? []).some((s) => s.type === "aws:ec2/internetGateway:InternetGateway") ||
            (typeof id === "string" && id.startsWith("igw-"));
        const world = (r: {
            destinationCidrBlock?: string;
            cidrBlock?: string;
            destinationIpv6CidrBlock?: string;
            ipv6CidrBlock?: string;
        }) =>
            [r.destinationCidrBlock, r.cidrBlock].includes("0.0.0.0/0") ||
            [r.destinationIpv6CidrBlock, r.ipv6CidrBlock].includes("::/0");
        stack.each(tables, (table) => {
            const inline = (table.props.routes ?? []) as {
                gatewayId?: string;
                cidrBlock?: string;
                ipv6CidrBlock?: string;
            }[];
            if (
                inline.some(
                    (r) => world(r) && isIgw(table.propertyDependencies.routes, r.gatewayId),
                )
            )
                stack.report("an inline default route goes to an internet gateway", table);
        });
        // A route follows its table's exemption (subjects): routes cannot carry tags.
        stack.each(stack.subjects(["aws:ec2/route:Route"]), (route) => {
            if (
                world(route.props) &&
                isIgw(route.propertyDependencies.gatewayId, route.props.gatewayId)
            ) {
                stack.report(
                    "a default route goes to an internet gateway from a route table not exempted as public",
                    route,
                );
            }
        });
    },
});

export const igwAuthorizedVpcOnly = stackRule<{ authorizedVpcTag: string }>({
    name: "igw-authorized-vpc-only",
    area: "network-exposure",
    description:
        "Checks that internet gateways attach only to VPCs tagged as authorized for internet access.",
    citation: "164.308(a)(1)(ii)(B)",
    awsConfig: "internet-gateway-authorized-vpc-only",
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Tag the VPC that hosts the public load balancer with the configured tag (default `internet-facing=true`), or remove the gateway.",
    config: {
        authorizedVpcTag: {
            description: 'Tag key (value "true") marking VPCs allowed an internet gateway.',
            default: "internet-facing",
            schema: { type: "string" },
        },
    },
    check(stack) {
        stack.each(
            stack.subjects([
                "aws:ec2/internetGateway:InternetGateway",
                "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
            ]),
            (igw) => {
                for (const vpc of (igw.propertyDependencies.vpcId ?? []).filter(
                    (v) => v.type === "aws:ec2/vpc:Vpc",
                )) {
                    const authorized = known(
                        () =>
                            (vpc.props.tags as Record<string, string> | undefined)?.[
                                stack.config.authorizedVpcTag
                            ] === "true",
                    );
                    if (authorized === UNKNOWN) stack.undecided(igw);
                    else if (authorized === false)
                        stack.report(
                            `the gateway attaches to VPC ${vpc.name}, which is not tagged ${stack.config.authorizedVpcTag}=true`,
                            igw,
                        );
                }
            },
        );
    },
});

export const ecsServiceNoPublicIp = resourceRule({
    name: "ecs-service-no-public-ip",
    area: "network-exposure",
    description: "Checks that ECS services do not give tasks public IP addresses.",
    citation: ACCESS,
    awsConfig: "none (checkov CKV_AWS_333; like ec2-instance-no-public-ip)",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Run tasks in private subnets with `assignPublicIp: false` and reach AWS APIs through NAT or VPC endpoints.",
    types: ["aws:ecs/service:Service", "aws:ecs/taskSet:TaskSet"],
    check(props, { report }) {
        if (props.networkConfiguration?.assignPublicIp === true)
            report("networkConfiguration.assignPublicIp is true");
    },
});

export const rdsNotPublic = resourceRule({
    name: "rds-not-public",
    area: "network-exposure",
    description: "Checks that database instances are not publicly accessible.",
    citation: ACCESS,
    awsConfig: "rds-instance-public-access-check",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: "Set `publiclyAccessible: false` and place the database in private subnets.",
    types: [RDS_INSTANCE, RDS_CLUSTER_INSTANCE],
    check(props, { report }) {
        if (props.publiclyAccessible === true)
            report("publiclyAccessible is true: the database gets a public DNS name and address");
    },
});

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

export const ec2NoPublicIp = stackRule({
    name: "ec2-no-public-ip",
    area: "network-exposure",
    description:
        "Checks that EC2 instances and launch templates get no public IP address and no Elastic IP.",
    citation: ACCESS,
    awsConfig: "ec2-instance-no-public-ip",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Launch instances in private subnets with `associatePublicIpAddress: false`; reach them with SSM Session Manager.",
    check(stack) {
        stack.each(stack.subjects([EC2_INSTANCE]), (i) => {
            if (i.props.associatePublicIpAddress === true)
                stack.report("associatePublicIpAddress is true", i);
        });
        stack.each(stack.subjects([LAUNCH_TEMPLATE]), (t) => {
            for (const nic of (t.props.networkInterfaces ?? []) as {
                associatePublicIpAddress?: unknown;
            }[]) {
                if (String(nic.associatePublicIpAddress) === "true")
                    stack.report("a network interface has associatePublicIpAddress true", t);
            }
        });
        stack.each(
            stack.subjects(["aws:ec2/eip:Eip", "aws:ec2/eipAssociation:EipAssociation"]),
            (eip) => {
                if (
                    eip.props.instance ||
                    (eip.propertyDependencies.instance ?? []).length > 0 ||
                    (eip.propertyDependencies.instanceId ?? []).length > 0 ||
                    eip.props.instanceId
                ) {
                    stack.report("an Elastic IP is attached to an instance", eip);
                }
            },
        );
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

/** An AWS service principal, such as s3.amazonaws.com. */
const SERVICE_PRINCIPAL = /\.amazonaws\.com(\.cn)?$/;

export const lambdaNoPublicAccess = resourceRule({
    name: "lambda-no-public-access",
    area: "network-exposure",
    description:
        "Checks that Lambda functions cannot be invoked by anyone: a permission for everyone (*) or for an AWS service carries a source condition (for S3 the source account, since bucket ARNs name none), and function URLs require IAM auth.",
    citation: ACCESS,
    awsConfig: "lambda-function-public-access-prohibited",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Grant `lambda:InvokeFunction` to a service principal with `sourceArn` or `sourceAccount`; give function URLs `authorizationType: "AWS_IAM"`.',
    types: [
        "aws:lambda/permission:Permission",
        "aws:lambda/functionUrl:FunctionUrl",
        "aws:lambda/resourcePolicy:ResourcePolicy",
    ],
    check(props, { report, args }) {
        if (args.type === "aws:lambda/resourcePolicy:ResourcePolicy") {
            // The whole resource policy at once: each Allow statement as a permission would be.
            for (const s of statementsOf(props.policy) ?? []) {
                if (grantsEveryone(s)) report(`${label(s)} allows everyone to invoke the function`);
                else if (
                    s.effect === "Allow" &&
                    s.principals.some((p) => SERVICE_PRINCIPAL.test(p)) &&
                    !restrictsPrincipals(s)
                )
                    report(
                        `${label(s)} lets an AWS service invoke the function without aws:SourceArn or aws:SourceAccount`,
                    );
            }
        } else if (args.type === "aws:lambda/functionUrl:FunctionUrl") {
            if (props.authorizationType === "NONE")
                report("authorizationType is NONE: anyone on the internet can invoke the function");
        } else if (props.principal === "*") {
            if (!props.sourceArn && !props.sourceAccount && !props.principalOrgId)
                report("principal is * without sourceArn, sourceAccount or principalOrgId");
        } else if (SERVICE_PRINCIPAL.test(String(props.principal))) {
            // A service acts for any account unless the permission names the source: the
            // confused deputy (Security Hub Lambda.1).
            if (!props.sourceArn && !props.sourceAccount)
                report(
                    `principal ${String(props.principal)} without sourceArn or sourceAccount: any account's resources of that service could invoke the function`,
                );
            else if (props.principal === "s3.amazonaws.com" && !props.sourceAccount)
                report(
                    "principal s3.amazonaws.com without sourceAccount: a bucket ARN names no account, so a bucket of that name in another account could invoke the function",
                );
        }
    },
});

export const rdsSnapshotNotPublic = resourceRule({
    name: "rds-snapshot-not-public",
    area: "network-exposure",
    description: "Checks that database snapshots the stack creates are not shared publicly.",
    citation: "164.308(a)(1)(ii)(B), 164.308(a)(3)(i), 164.312(a)(1)",
    awsConfig: "rds-snapshots-public-prohibited",
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps: 'Remove "all" from `sharedAccounts`; share with named accounts only.',
    types: ["aws:rds/clusterSnapshot:ClusterSnapshot", "aws:rds/snapshot:Snapshot"],
    check(props, { report }) {
        if (((props.sharedAccounts ?? []) as string[]).includes("all"))
            report('sharedAccounts contains "all": anyone can restore the snapshot');
    },
});

export const networkExposurePolicies = [
    sgNoWorldSsh,
    sgRestrictedCommonPorts,
    sgWorldOpenAuthorizedPortsOnly,
    sgNoRuleManagementConflict,
    vpcDefaultSgClosed,
    subnetNoAutoPublicIp,
    noWorldRouteToIgw,
    igwAuthorizedVpcOnly,
    ecsServiceNoPublicIp,
    rdsNotPublic,
    albWafAssociated,
    noClassicElb,
    ec2NoPublicIp,
    ec2InVpc,
    lambdaNoPublicAccess,
    rdsSnapshotNotPublic,
];
