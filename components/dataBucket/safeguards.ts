import type { ComponentSafeguards } from "../safeguards";

const FILE = "components/dataBucket/dataBucket.test.ts";

export const dataBucketSafeguards: ComponentSafeguards = {
    component: "hipaa:storage:DataBucket",
    source: "components/dataBucket/dataBucket.ts",
    features: [
        {
            cites: "164.312(a)(2)(iv), 164.312(c)(1), 164.312(a)(1)",
            feature:
                "Data encrypted with a customer key (SSE-KMS, bucket key), versioned, no public access in any form, ACLs disabled",
            tests: [
                {
                    file: FILE,
                    it: "encrypts with the given key and a bucket key, versions, and blocks every form of public access",
                },
            ],
        },
        {
            cites: "164.312(e)(1), 164.312(e)(2)(ii), 164.308(a)(4)",
            feature:
                "Plain HTTP and TLS below 1.2 denied; the bucket policy grants nobody (access only through this account's IAM policies)",
            tests: [
                {
                    file: FILE,
                    it: "grants nobody in its policy, which denies plain HTTP and TLS before 1.2",
                },
            ],
        },
        {
            cites: "164.312(b)",
            feature: "Server access logs in a separate private log bucket",
            tests: [
                {
                    file: FILE,
                    it: "logs access to its own private log bucket, the only bucket exempt from the key",
                },
            ],
        },
        {
            cites: "164.308(a)(7)(ii)(A), 164.310(d)(2)(iv)",
            feature: "In prod both buckets survive a `pulumi destroy`",
            tests: [
                {
                    file: FILE,
                    it: "in prod keeps both buckets through a destroy; in dev lets them go",
                },
            ],
        },
    ],
};
