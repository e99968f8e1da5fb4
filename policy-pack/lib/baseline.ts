import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";

/**
 * Account-level singletons. A stack that declares any of them owns the account's security
 * baseline, and the baseline rules (trail, GuardDuty, Config, account settings) apply to it;
 * workload stacks leave those to the AWS Config conformance pack, which detects after the fact.
 */
export const ACCOUNT_BASELINE_TYPES = [
    "aws:cloudtrail/trail:Trail",
    "aws:cfg/recorder:Recorder",
    "aws:guardduty/detector:Detector",
    "aws:securityhub/account:Account",
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    "aws:ebs/encryptionByDefault:EncryptionByDefault",
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
];

export function ownsAccountBaseline(resources: readonly PolicyResource[]): boolean {
    return resources.some((r) => ACCOUNT_BASELINE_TYPES.includes(r.type));
}

const NOT_BASELINE_STACK =
    "this stack declares no account-level resource (trail, Config recorder, GuardDuty, account settings), so it does not own the account baseline";

/** Stops a baseline-existence check (not applicable) in a stack that does not own the baseline. */
export function requireBaselineStack(stack: {
    resources: readonly PolicyResource[];
    args: StackValidationArgs;
}): void {
    if (!ownsAccountBaseline(stack.resources)) stack.args.notApplicable(NOT_BASELINE_STACK);
}
