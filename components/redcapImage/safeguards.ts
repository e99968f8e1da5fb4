import type { ComponentSafeguards } from "../safeguards";

const IMAGE = "components/redcapImage/image.test.ts";
const SETUP = "components/redcapImage/redcapSetup.mariadb.test.ts";
const CONTAINER = "components/redcapImage/container/redcap.container-test.ts";

export const redcapImageSafeguards: ComponentSafeguards = {
    component: "hipaa:app:RedcapImage",
    source: "components/redcapImage/redcapImage.ts",
    features: [
        {
            cites: "164.312(a)(1)",
            feature:
                "Sign-in posts over 8 KB refused by the image, since the firewall cannot read a field padded past 8 KB",
            tests: [
                {
                    file: CONTAINER,
                    it: "refuses a sign-in post over 8 KB, which the firewall cannot read past, and nothing else",
                },
            ],
        },
        {
            cites: "164.308(a)(5)(ii)(B), 164.312(c)(1)",
            feature:
                "Images in a KMS-encrypted repository that scans each push and never overwrites a tag",
            tests: [
                {
                    file: "components/redcapImage/redcapImage.test.ts",
                    it: "builds into a KMS-encrypted, scanned, immutable repository that keeps the last images",
                },
            ],
        },
        {
            cites: "164.312(e)(1), 164.312(e)(2)(ii), 164.312(d)",
            feature:
                "REDCap reaches the database over TLS, verifying the server's certificate, and SES over STARTTLS",
            tests: [
                {
                    file: IMAGE,
                    it: "renders database.php with TLS verification, readable only by owner and group, printing no value",
                },
                { file: IMAGE, it: "renders msmtp's configuration for SES with STARTTLS on 587" },
                { file: SETUP, it: "verifies the database server's certificate" },
            ],
        },
        {
            cites: "164.312(a)(1)",
            feature:
                "Apache hardened: no version banner, no `.ht*` files, `cron.php`, `install.php` and `upgrade.php` never served over HTTP",
            tests: [
                {
                    file: IMAGE,
                    it: "hardens Apache: no version banner, no .ht files, no cron, install or upgrade page over HTTP, TLS only",
                },
                {
                    file: CONTAINER,
                    it: "refuses cron.php, install.php and upgrade.php itself, whatever the firewall in front does",
                },
            ],
        },
        {
            cites: "164.312(e)(1)",
            feature:
                "Encrypted all the way to the task: the load balancer speaks HTTPS to Apache, which serves TLS only with a key made at start",
            tests: [
                {
                    file: CONTAINER,
                    it: "serves HTTPS on the plan's port with a certificate made at start, and the target group speaks HTTPS to that port",
                },
            ],
        },
        {
            cites: "164.308(a)(4), 164.312(a)(1)",
            feature:
                "Runs as a non-root user on a read-only root file system, writing only to the task's declared volumes",
            tests: [
                {
                    file: CONTAINER,
                    it: "refuses writes outside the declared volumes and runs every process as the task definition's user",
                },
                {
                    file: IMAGE,
                    it: "declares a VOLUME at every writable path of the task definitions",
                },
            ],
        },
        {
            cites: "164.312(a)(2)(iv)",
            feature:
                "No secret baked into the image; the entrypoint removes secrets from Apache's environment",
            tests: [
                { file: IMAGE, it: "has a health check, the entrypoint, and no secret baked in" },
                {
                    file: IMAGE,
                    it: "renders the configuration, then runs the command without any secret in its environment",
                },
                {
                    file: CONTAINER,
                    it: "keeps every secret out of the web server's processes' environments and out of its logs",
                },
            ],
        },
        {
            cites: "164.312(d), 164.312(a)(2)(i)",
            feature:
                "The unattended install creates a named first administrator with table-based login, so REDCap never runs without authentication",
            tests: [
                {
                    file: SETUP,
                    it: "gives REDCap's installer a first administrator, so login is never left off",
                },
                {
                    file: SETUP,
                    it: "installs REDCap once, with a super user and table-based login, when two setups start together",
                },
            ],
        },
        {
            cites: "164.312(c)(1)",
            feature:
                "Upgrades run REDCap's own SQL under a lock; an image older than the database is refused and a failed statement fails the deploy",
            tests: [
                { file: SETUP, it: "refuses an image older than the database, changing nothing" },
                {
                    file: SETUP,
                    it: "fails the deploy when a statement of the upgrade fails, and REDCap stays offline",
                },
            ],
        },
    ],
};
