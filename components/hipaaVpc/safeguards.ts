import type { ComponentSafeguards } from "../safeguards";

const VPC = "components/hipaaVpc/hipaaVpc.test.ts";

export const hipaaVpcSafeguards: ComponentSafeguards = {
    component: "hipaa:network:HipaaVpc",
    source: "components/hipaaVpc/hipaaVpc.ts",
    features: [
        {
            cites: "164.312(a)(1), 164.312(e)(1)",
            feature:
                "Three subnet tiers that never assign public IPs; the database tier has no route out of the VPC and an ACL admitting only the database port from the app tier",
            tests: [
                {
                    file: VPC,
                    it: "lays out three tiers across the AZs of the provider's region, never assigning public IPs",
                },
                {
                    file: VPC,
                    it: "gives the isolated tier no route at all and an ACL that admits only the database port from the app tier",
                },
            ],
        },
        {
            cites: "164.312(a)(1)",
            feature: "The default security group is adopted with no rules",
            tests: [{ file: VPC, it: "adopts the default security group with no rules" }],
        },
        {
            cites: "164.312(b), 164.308(a)(1)(ii)(D)",
            feature:
                "Flow logs of all traffic to a KMS-encrypted log group, through a role that can write only there",
            tests: [
                {
                    file: VPC,
                    it: "sends flow logs of all traffic to an encrypted log group through a least-privilege role",
                },
                {
                    file: "components/hipaaVpc/networkPolicies.test.ts",
                    it: "the role writes to its one log group and nothing else",
                },
            ],
        },
        {
            cites: "164.312(e)(1)",
            feature:
                "AWS API traffic stays inside the VPC: an S3 gateway endpoint, and interface endpoints behind a group open to 443 from the VPC only",
            tests: [
                {
                    file: VPC,
                    it: "adds an S3 gateway endpoint on the private route tables and interface endpoints behind a 443-only group",
                },
            ],
        },
    ],
};
