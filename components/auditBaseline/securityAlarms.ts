/**
 * Security alarms on the account trail's CloudWatch log group, as pure data. The first seven are
 * the AWS HIPAA Quick Start's metric filters with their filter patterns verbatim
 * (quickstart-compliance-hipaa, templates/compliance-hipaa-logging.template.yaml); console sign-in
 * failures and KMS keys disabled or scheduled for deletion are CIS AWS Foundations 4.6 and 4.7
 * (a disabled key makes every backup it encrypts unreadable: a ransomware path). HIPAA 164.308(a)(1)(ii)(D) information system
 * activity review, 164.308(a)(5)(ii)(C) log-in monitoring, 164.308(a)(6) incident response.
 */

export interface SecurityAlarmSpec {
    /** Short name: the alarm is `<prefix>-<name>`, the metric filter the same. */
    name: string;
    /** The Quick Start's metric name (namespace CloudTrailMetrics). */
    metricName: string;
    pattern: string;
    /** Events in 5 minutes that raise the alarm. */
    threshold: number;
    /** What the alarm means and what to look at first. */
    description: string;
}

export const SECURITY_METRIC_NAMESPACE = "CloudTrailMetrics";

export const SECURITY_ALARMS: readonly SecurityAlarmSpec[] = [
    {
        name: "cloudtrail-change",
        metricName: "CloudTrailChangeCount",
        pattern:
            "{($.eventSource = cloudtrail.amazonaws.com) && (($.eventName != Describe*) && ($.eventName != Get*) && ($.eventName != Lookup*) && ($.eventName != List*))}",
        threshold: 1,
        description:
            "The CloudTrail configuration changed (a trail stopped, deleted or altered). Check who did it in the trail's event history; audit logging may be off.",
    },
    {
        name: "iam-create-access-key",
        metricName: "NewAccessKeyCreated",
        pattern: "{($.eventName=CreateAccessKey)}",
        threshold: 1,
        description:
            "An IAM access key was created. People should use SSO and workloads roles: confirm the key is expected, otherwise deactivate it.",
    },
    {
        name: "iam-policy-change",
        metricName: "IAMPolicyEventCount",
        pattern:
            "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}",
        threshold: 1,
        description:
            "An IAM policy was created, changed or attached. Expected during pulumi up; otherwise find the change in CloudTrail and review it.",
    },
    {
        name: "root-activity",
        metricName: "RootUserPolicyEventCount",
        pattern:
            '{($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent")}',
        threshold: 1,
        description:
            "The root user was used. Nobody should need it day to day: confirm with the account owner at once; if unknown, treat it as an incident.",
    },
    {
        name: "network-acl-change",
        metricName: "NetworkAclEventCount",
        pattern:
            "{($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation)}",
        threshold: 1,
        description:
            "A network ACL changed. Expected during pulumi up of the network; otherwise review the change in CloudTrail.",
    },
    {
        name: "security-group-change",
        metricName: "SecurityGroupEventCount",
        pattern:
            "{($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup)}",
        threshold: 1,
        description:
            "A security group changed. Expected during pulumi up; otherwise check that no port was opened to the internet.",
    },
    {
        name: "unauthorized-api-calls",
        metricName: "UnauthorizedAttemptCount",
        pattern: "{($.errorCode=AccessDenied) || ($.errorCode=UnauthorizedOperation)}",
        // The Quick Start alarms on one; a single denied call is routine (consoles probe), a burst
        // is someone trying what they may not.
        threshold: 5,
        description:
            "Repeated API calls were denied. Find the principal in CloudTrail (errorCode AccessDenied): a misconfigured role, or someone probing.",
    },
    {
        name: "console-sign-in-failures",
        metricName: "ConsoleSignInFailureCount",
        pattern: '{($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication")}',
        threshold: 3,
        description:
            "Several console sign-ins failed. Check the user names and source IPs in CloudTrail (ConsoleLogin) for password guessing.",
    },
    {
        name: "kms-key-disabled-or-deleted",
        metricName: "KmsKeyDisableOrDeletionCount",
        pattern:
            "{($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion))}",
        threshold: 1,
        description:
            "A KMS key was disabled or scheduled for deletion: data and backups it encrypts become unreadable. Find the key and principal in CloudTrail; cancel with aws kms cancel-key-deletion / enable-key unless the change is intended.",
    },
];
