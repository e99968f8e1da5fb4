import { resourceRule } from "../lib/policy";
import { effectiveTags } from "../lib/tags";
import { UNKNOWN } from "../lib/unknown";
import taggable from "../lib/taggableTypes.json";

export const requiredTags = resourceRule<{ requiredTags: string[] }>({
    name: "required-tags",
    area: "tagging-and-approved-services",
    description:
        "Checks that every taggable AWS resource carries the required tags (own tags or the provider's defaultTags), so owner, environment and data classification are known for every resource holding PHI.",
    citation: "164.308(a)(1)(ii)(A), 164.310(d)(1)",
    awsConfig: "required-tags",
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set the tags once as the AWS provider's `defaultTags` (stack config `aws:defaultTags` or an explicit provider); add resource tags only for what differs.",
    config: {
        requiredTags: {
            description: "Tag keys every taggable resource must carry, with a non-empty value.",
            default: ["project", "environment", "owner", "data-classification", "cost-center"],
            schema: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 },
        },
    },
    types: taggable.types,
    check(props, { report, config, args }) {
        const tags = effectiveTags(props, args.provider);
        if (tags === UNKNOWN) return;
        const missing = config.requiredTags.filter(
            (k) => typeof tags[k] !== "string" || tags[k].trim() === "",
        );
        if (missing.length > 0) report(`missing required tag(s): ${missing.join(", ")}`);
    },
});

/** Services the pack has no rules for, or that have no place in a PHI web workload (catalogue §5.1). */
const NOT_APPROVED = [
    "aws:apigateway/stage:Stage",
    "aws:apigatewayv2/stage:Stage",
    "aws:dynamodb/table:Table",
    "aws:elasticsearch/domain:Domain",
    "aws:opensearch/domain:Domain",
    "aws:emr/cluster:Cluster",
    "aws:redshift/cluster:Cluster",
    "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
    "aws:sagemaker/notebookInstance:NotebookInstance",
    "aws:kinesis/stream:Stream",
    "aws:dms/replicationInstance:ReplicationInstance",
    "aws:elasticbeanstalk/environment:Environment",
    "aws:codebuild/project:Project",
    "aws:autoscaling/group:Group",
    "aws:ec2/launchConfiguration:LaunchConfiguration",
    "aws:ec2/vpnConnection:VpnConnection",
    "aws:lightsail/instance:Instance",
    "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
    "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2",
];

export const disallowedResourceTypes = resourceRule<{
    disallowedTypes: string[];
    allowedTypes: string[];
}>({
    name: "disallowed-resource-types",
    area: "tagging-and-approved-services",
    description:
        "Checks that the stack creates no resource type outside the services approved for PHI workloads (types this pack has no rules for).",
    citation: "164.308(a)(1)(ii)(B), 164.314(a)",
    awsConfig:
        "none (turns the conformance pack's not-applicable rules into an enforced assumption)",
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Use an approved service, or add the type to `allowedTypes` in this policy's config after a security review (and cover it with the conformance pack's rules for that service).",
    config: {
        disallowedTypes: {
            description: "Resource type tokens not approved for PHI workloads.",
            default: NOT_APPROVED,
            schema: { type: "array", items: { type: "string" } },
        },
        allowedTypes: {
            description: "Tokens approved after review, taken out of disallowedTypes.",
            default: [],
            schema: { type: "array", items: { type: "string" } },
        },
    },
    // Every resource: the list is configurable, so no token can be ruled out in advance.
    types: "*",
    check(_props, { report, config, args }) {
        if (config.disallowedTypes.includes(args.type) && !config.allowedTypes.includes(args.type))
            report(`${args.type} is not approved for PHI workloads`);
    },
});

export const taggingAndApprovedServicesPolicies = [requiredTags, disallowedResourceTypes];
