import type { ComponentSafeguards } from "../safeguards";

const SERVICE = "components/redcapService/redcapService.test.ts";

export const redcapServiceSafeguards: ComponentSafeguards = {
    component: "hipaa:app:RedcapService",
    source: "components/redcapService/redcapService.ts",
    features: [
        {
            cites: "164.312(a)(1)",
            feature:
                "REDCap runs in private subnets without a public IP, reachable only from the load balancer; the cron runner from nothing",
            tests: [
                {
                    file: SERVICE,
                    it: "runs the service in private subnets with no public IP, behind the load balancer, with rollback and ECS Exec",
                },
                {
                    file: SERVICE,
                    it: "runs exactly one cron runner, never two at once, unreachable from the load balancer",
                },
            ],
        },
        {
            cites: "164.312(a)(2)(iv)",
            feature:
                "Secrets reach containers only through `valueFrom`, never in their environment",
            tests: [
                {
                    file: SERVICE,
                    it: "passes secrets only through valueFrom, never in environment",
                },
                {
                    file: "components/fargateService/containerDefinition.test.ts",
                    it: "refuses a secret-looking variable in the environment and a root user, naming them",
                },
            ],
        },
        {
            cites: "164.308(a)(4)",
            feature:
                "Each task gets exactly the secrets it uses, and the task role only its bucket, its key and ECS Exec",
            tests: [
                {
                    file: SERVICE,
                    it: "gives each task exactly the secrets it uses: the schema user, S3 key and first administrator only to setup",
                },
                {
                    file: SERVICE,
                    it: "gives the task role its bucket, its key and ECS Exec, nothing else",
                },
            ],
        },
        {
            cites: "164.312(c)(1)",
            feature: "Read-only root filesystem, with task-local volumes only where REDCap writes",
            tests: [
                {
                    file: SERVICE,
                    it: "runs a Fargate task of the configured size with a read-only root filesystem and writable volumes",
                },
            ],
        },
        {
            cites: "164.312(b), 164.312(a)(2)(i)",
            feature:
                "ECS Exec sessions encrypted with the sessions key and recorded in an encrypted log group",
            tests: [
                {
                    file: SERVICE,
                    it: "encrypts ECS Exec sessions with the sessions key, audits them into an encrypted log group, and keeps the salt in prod",
                },
            ],
        },
        {
            cites: "164.308(a)(7)(ii)(C)",
            feature:
                "Tasks spread over the AZs, scaled on CPU and requests, and a failed deployment rolled back by the circuit breaker",
            tests: [
                { file: SERVICE, it: "scales between min and max on CPU and on requests per task" },
                {
                    file: SERVICE,
                    it: "runs the service in private subnets with no public IP, behind the load balancer, with rollback and ECS Exec",
                },
            ],
        },
        {
            cites: "164.312(d)",
            feature:
                "The first administrator's password is a generated temporary one, in an encrypted secret",
            tests: [
                {
                    file: SERVICE,
                    it: "generates the first administrator's temporary password into an encrypted secret",
                },
            ],
        },
    ],
};
