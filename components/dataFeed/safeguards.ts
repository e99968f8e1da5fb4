import type { ComponentSafeguards } from "../safeguards";

const FILE = "components/dataFeed/dataFeed.test.ts";

export const dataFeedSafeguards: ComponentSafeguards = {
    component: "hipaa:storage:DataFeed",
    source: "components/dataFeed/dataFeed.ts",
    features: [
        {
            cites: "164.312(e)(1), 164.312(e)(2)(ii)",
            feature:
                "Data copied from S3 into the shared file system over TLS, through an access point with IAM authorization, logged (errors only) under the logs key",
            tests: [
                {
                    file: FILE,
                    it: "mirrors the bucket's prefix into the access point over TLS with IAM authorization, hourly, logging errors only",
                },
            ],
        },
        {
            cites: "164.308(a)(4), 164.312(a)(1)",
            feature:
                "DataSync reads only the source prefix with its own role (no access key); only this account's DataSync may assume it; only S3, for the bucket's owner, may start a sync",
            tests: [
                {
                    file: FILE,
                    it: "reads only the source prefix, with roles only this account's DataSync may assume",
                },
                {
                    file: FILE,
                    it: "starts a sync when files arrive: only S3, for this bucket and its owner, may invoke; the function may only start this task",
                },
                {
                    file: FILE,
                    it: "sends the bucket's object events to the function only for a bucket this stack owns",
                },
            ],
        },
    ],
};
