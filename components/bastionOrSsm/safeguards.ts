import type { ComponentSafeguards } from "../safeguards";

const ACCESS = "components/bastionOrSsm/bastionOrSsm.test.ts";

export const bastionOrSsmSafeguards: ComponentSafeguards = {
    component: "hipaa:access:BastionOrSsm",
    source: "components/bastionOrSsm/bastionOrSsm.ts",
    features: [
        {
            cites: "164.312(a)(1)",
            feature:
                "Operators get in without any open port: ECS Exec, or a bastion with no inbound rule reached only through Session Manager",
            tests: [
                {
                    file: ACCESS,
                    it: "declares no instance, no security group, nothing in EC2 at all",
                },
                { file: ACCESS, it: "admits nothing inbound, in any form" },
            ],
        },
        {
            cites: "164.312(b), 164.312(a)(2)(i)",
            feature:
                "Every shell session is tied to the operator's IAM identity, streamed to an encrypted log group and encrypted with the sessions key",
            tests: [
                {
                    file: ACCESS,
                    it: "keeps session logs in a KMS-encrypted log group with the stack's retention",
                },
                {
                    file: ACCESS,
                    it: "creates the stack's own shell document: logged to that group, encrypted, timed out",
                },
            ],
        },
        {
            cites: "164.312(a)(2)(iii)",
            feature:
                "Idle sessions end after `idleTimeoutMinutes` (default 20) and none lasts over 8 hours",
            tests: [
                {
                    file: "components/bastionOrSsm/accessSettings.test.ts",
                    it: "defaults to Session Manager only, 20-minute idle timeout, 8-hour sessions, t4g.nano",
                },
            ],
        },
        {
            cites: "164.312(a)(2)(iv)",
            feature: "The bastion's disk is encrypted with the sessions key",
            tests: [{ file: ACCESS, it: "encrypts its disk with the sessions key" }],
        },
        {
            cites: "164.312(a)(1), 164.308(a)(4)",
            feature:
                "The bastion has IMDSv2 only, no key pair, no public address, and a role with only Session Manager's actions",
            tests: [
                {
                    file: ACCESS,
                    it: "runs in the first private subnet with no public IP, no key pair, IMDSv2 only, detailed monitoring",
                },
                {
                    file: ACCESS,
                    it: "gives the instance a role with exactly Session Manager's actions, on its key and log group",
                },
            ],
        },
    ],
};
