import type { ComponentSafeguards } from "../safeguards";

const FILE = "components/fargateCluster/fargateCluster.test.ts";

export const fargateClusterSafeguards: ComponentSafeguards = {
    component: "hipaa:compute:FargateCluster",
    source: "components/fargateCluster/fargateCluster.ts",
    features: [
        {
            cites: "164.312(b), 164.312(e)(2)(ii), 164.308(a)(1)(ii)(D)",
            feature:
                "Operators' shell sessions into containers (ECS Exec) encrypted with the sessions key and logged whole to an encrypted log group",
            tests: [
                {
                    file: FILE,
                    it: "encrypts ECS Exec sessions with the sessions key and logs each one whole to a log group under the logs key",
                },
            ],
        },
    ],
};
