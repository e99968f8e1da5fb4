import type { ComponentSafeguards } from "../safeguards";

const BACKUPS = "components/backups/backups.test.ts";

export const backupsSafeguards: ComponentSafeguards = {
    component: "hipaa:backup:Backups",
    source: "components/backups/backups.ts",
    features: [
        {
            cites: "164.308(a)(7)(ii)(A), 164.310(d)(2)(iv), 164.312(a)(2)(iv)",
            feature:
                "Daily AWS Backup of the database and the uploads bucket into a vault encrypted with the backup key, kept for the retention",
            tests: [
                {
                    file: BACKUPS,
                    it: "backs up the cluster and the bucket daily into a vault under our key, kept for the retention",
                },
            ],
        },
        {
            cites: "164.312(c)(1), 164.308(a)(7)(ii)(A)",
            feature:
                "In prod the vault is locked: no one can delete a recovery point before its retention ends",
            tests: [
                {
                    file: BACKUPS,
                    it: "in prod locks the vault for the retention and keeps it through a destroy",
                },
            ],
        },
    ],
};

export const backupCopyVaultSafeguards: ComponentSafeguards = {
    component: "hipaa:backup:BackupCopyVault",
    source: "components/backups/backups.ts",
    features: [
        {
            cites: "164.308(a)(7)(ii)(B)",
            feature:
                "On request, a copy of every recovery point in a vault of another region, under its own key",
            tests: [
                {
                    file: BACKUPS,
                    it: "copies every recovery point to the copy vault when one is given",
                },
            ],
        },
    ],
};
