import type { ComponentSafeguards } from "../safeguards";

const FILE = "components/sharedFileSystem/sharedFileSystem.test.ts";

export const sharedFileSystemSafeguards: ComponentSafeguards = {
    component: "hipaa:storage:SharedFileSystem",
    source: "components/sharedFileSystem/sharedFileSystem.ts",
    features: [
        {
            cites: "164.312(a)(2)(iv)",
            feature: "Files encrypted at rest with the shared-files key",
            tests: [
                {
                    file: FILE,
                    it: "encrypts the file system with the given key and moves files unread for 30 days to Infrequent Access",
                },
            ],
        },
        {
            cites: "164.312(e)(1), 164.312(e)(2)(ii), 164.312(a)(1), 164.312(d)",
            feature:
                "NFS only over TLS, only with IAM authorization through an access point, never anonymous or as root",
            tests: [
                {
                    file: FILE,
                    it: "refuses NFS without TLS to anyone, and lets this account mount only through its access points, never as root or anonymously",
                },
            ],
        },
        {
            cites: "164.308(a)(4), 164.312(a)(1)",
            feature:
                "Each client pinned to its folder and POSIX user; mount targets reachable on NFS from the client group only",
            tests: [
                {
                    file: FILE,
                    it: "pins each access point to its folder and POSIX user, creating the folder with owner-only or given permissions",
                },
                {
                    file: FILE,
                    it: "puts a mount target in each subnet, reachable on NFS only from members of the client group",
                },
            ],
        },
        {
            cites: "164.308(a)(7)(ii)(A), 164.310(d)(2)(iv)",
            feature:
                "Backed up by the stack's AWS Backup plan; in prod the file system survives a `pulumi destroy`",
            tests: [
                {
                    file: FILE,
                    it: "passes the policy pack once the stack's backup plan selects it, and not before",
                },
                {
                    file: FILE,
                    it: "keeps the file system through a destroy in prod, and lets it go in dev",
                },
            ],
        },
    ],
};
