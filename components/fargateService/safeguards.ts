import type { ComponentSafeguards } from "../safeguards";

const FILE = "components/fargateService/fargateService.test.ts";
const CONTAINER = "components/fargateService/containerDefinition.test.ts";

export const fargateServiceSafeguards: ComponentSafeguards = {
    component: "hipaa:compute:FargateService",
    source: "components/fargateService/fargateService.ts",
    features: [
        {
            cites: "164.312(a)(1), 164.312(e)(1)",
            feature:
                "Tasks in private subnets with no public IP, in a group whose only rules are the declared ports out; reachable only from the load balancer they register with",
            tests: [
                {
                    file: FILE,
                    it: "runs tasks privately with no public IP, in an egress-only group, rolled back on failure, with audited ECS Exec",
                },
                {
                    file: FILE,
                    it: "registers with the load balancer and scales on CPU and on requests per task; the autoscaler owns the count",
                },
            ],
        },
        {
            cites: "164.312(a)(2)(iv), 164.312(c)(1)",
            feature:
                "Every container non-root and unprivileged on a read-only root, writable only at declared paths, secrets only by reference",
            tests: [
                {
                    file: CONTAINER,
                    it: "always runs read-only, unprivileged, with an init process, writable only at the declared paths",
                },
                {
                    file: CONTAINER,
                    it: "refuses a secret-looking variable in the environment and a root user, naming them",
                },
            ],
        },
        {
            cites: "164.308(a)(4), 164.312(a)(1)",
            feature:
                "An execution role that reads exactly the containers' secrets, and a task role with only the caller's grants, its mounts and ECS Exec",
            tests: [
                {
                    file: FILE,
                    it: "makes an execution role that reads exactly the containers' secrets, and a task role with the caller's grants, the mounts and ECS Exec",
                },
            ],
        },
        {
            cites: "164.312(e)(2)(ii), 164.312(a)(1)",
            feature:
                "Shared file systems mounted only through their access points, with TLS and IAM authorization; logs under the logs key",
            tests: [
                {
                    file: FILE,
                    it: "mounts shared file systems through their access points with TLS and IAM authorization, and logs under the logs key",
                },
            ],
        },
        {
            cites: "164.308(a)(7)(ii)(C)",
            feature:
                "A failed deployment rolled back by the circuit breaker; `pulumi up` waits for healthy tasks; tasks autoscaled on CPU and requests",
            tests: [
                {
                    file: FILE,
                    it: "runs tasks privately with no public IP, in an egress-only group, rolled back on failure, with audited ECS Exec",
                },
                {
                    file: FILE,
                    it: "registers with the load balancer and scales on CPU and on requests per task; the autoscaler owns the count",
                },
            ],
        },
    ],
};
