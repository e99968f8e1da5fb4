import type { ComponentSafeguards } from "../safeguards";

const FILES = "components/fileStore/fileStore.test.ts";

export const fileStoreSafeguards: ComponentSafeguards = {
    component: "hipaa:storage:FileStore",
    source: "components/fileStore/fileStore.ts",
    features: [
        {
            cites: "164.312(a)(2)(iv), 164.312(c)(1)",
            feature: "Uploads encrypted with the files key (SSE-KMS, bucket key) and versioned",
            tests: [
                {
                    file: FILES,
                    it: "encrypts uploads with the files key and a bucket key, and versions them",
                },
            ],
        },
        {
            cites: "164.312(a)(1), 164.312(e)(1), 164.312(e)(2)(ii)",
            feature:
                "No public access in any form, ACLs disabled, plain HTTP and TLS below 1.2 denied, objects granted only to REDCap's principal",
            tests: [
                {
                    file: FILES,
                    it: "blocks every form of public access and disables ACLs on both buckets",
                },
                {
                    file: FILES,
                    it: "denies plain HTTP and old TLS, and grants objects only to REDCap's user",
                },
            ],
        },
        {
            cites: "164.312(b)",
            feature: "Server access logs of the uploads bucket in a private log bucket",
            tests: [
                {
                    file: FILES,
                    it: "expires noncurrent versions after the retention and logs access to a private SSE-S3 log bucket",
                },
            ],
        },
        {
            cites: "164.312(c)(1), 164.308(a)(7)(ii)(A)",
            feature:
                "Object lock on request: no file version can be erased before its retention, even by an administrator",
            tests: [{ file: FILES, it: "adds object lock with the chosen mode only when asked" }],
        },
        {
            cites: "164.308(a)(4), 164.308(a)(5)(ii)(D)",
            feature:
                "REDCap's S3 principal limited to its bucket and key, its access key in an encrypted secret and rotated by raising a generation",
            tests: [
                {
                    file: FILES,
                    it: "limits REDCap's user to its bucket and key, and keeps its key in an encrypted secret",
                },
                {
                    file: FILES,
                    it: "rotates the access key by generation: a new key resource replaces the old one",
                },
                {
                    file: "test/program.test.ts",
                    it: "runs REDCap's setup again when its S3 key rotates, so REDCap gets the new key",
                },
            ],
        },
        {
            cites: "164.308(a)(7)(ii)(A), 164.310(d)(2)(iv)",
            feature: "In prod both buckets and the key's secret survive a `pulumi destroy`",
            tests: [
                {
                    file: FILES,
                    it: "in prod keeps both buckets and the secret through a destroy; in dev lets them go",
                },
            ],
        },
    ],
};
