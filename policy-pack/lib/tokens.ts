/**
 * Type tokens checked by more than one policy. Each list holds every token a program can create
 * the same AWS thing with: @pulumi/aws v7 keeps the deprecated S3 `…V2` classes under their old
 * tokens, and `aws.lb.*` and `aws.alb.*` register different tokens for the same load balancers.
 * A policy that matched only one of them would miss resources (`tokens.spec.ts` checks every token
 * exists in @pulumi/aws).
 */

const s3 = (name: string): string[] => [
    `aws:s3/${lower(name)}:${name}`,
    `aws:s3/${lower(name)}V2:${name}V2`,
];
const lbAndAlb = (name: string): string[] => [
    `aws:lb/${lower(name)}:${name}`,
    `aws:alb/${lower(name)}:${name}`,
];

function lower(name: string): string {
    return name[0].toLowerCase() + name.slice(1);
}

export const S3_BUCKET = s3("Bucket");
export const S3_ENCRYPTION = s3("BucketServerSideEncryptionConfiguration");
export const S3_VERSIONING = s3("BucketVersioning");
export const S3_LOGGING = s3("BucketLogging");
export const S3_LIFECYCLE = s3("BucketLifecycleConfiguration");
export const S3_ACL = s3("BucketAcl");
export const S3_OBJECT_LOCK = s3("BucketObjectLockConfiguration");
export const S3_POLICY = ["aws:s3/bucketPolicy:BucketPolicy"];
export const S3_PUBLIC_ACCESS_BLOCK = ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"];
export const S3_OWNERSHIP = ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"];
export const S3_REPLICATION = ["aws:s3/bucketReplicationConfig:BucketReplicationConfig"];
export const S3_NOTIFICATION = ["aws:s3/bucketNotification:BucketNotification"];

export const LOAD_BALANCER = lbAndAlb("LoadBalancer");
export const LISTENER = lbAndAlb("Listener");
export const LISTENER_RULE = lbAndAlb("ListenerRule");
export const LISTENER_CERTIFICATE = lbAndAlb("ListenerCertificate");
export const CLASSIC_ELB = ["aws:elb/loadBalancer:LoadBalancer"];

export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
/** A VPC's default group, adopted: its inline `ingress` has the same shape as a group's. */
export const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const SG_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const SG_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
/** Every way to write a security-group rule: inline (also on the default group), the classic rule and the VPC rule. */
export const SECURITY_GROUP_RULE_FORMS = [
    SECURITY_GROUP,
    DEFAULT_SECURITY_GROUP,
    SECURITY_GROUP_RULE,
    SG_INGRESS_RULE,
];

export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

export const EC2_INSTANCE = "aws:ec2/instance:Instance";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

export const IAM_POLICY_HOLDERS = [
    "aws:iam/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
    "aws:iam/role:Role",
];
