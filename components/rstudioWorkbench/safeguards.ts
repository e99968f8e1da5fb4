import type { ComponentSafeguards } from "../safeguards";

const FILE = "components/rstudioWorkbench/rstudioWorkbench.test.ts";

export const rstudioWorkbenchSafeguards: ComponentSafeguards = {
    component: "hipaa:app:RstudioWorkbench",
    source: "components/rstudioWorkbench/rstudioWorkbench.ts",
    features: [
        {
            cites: "164.312(a)(1), 164.308(a)(4)",
            feature:
                "A container per user, running as that user's POSIX id, with only that user's home mounted; others' homes are unreachable",
            tests: [
                {
                    file: FILE,
                    it: "runs a container per user as that user, mounting only their home, the shared folder and the data read-only",
                },
            ],
        },
        {
            cites: "164.312(d), 164.312(a)(2)(iv)",
            feature:
                "Each user's initial password generated into Secrets Manager under the secrets key, reaching the container only by reference",
            tests: [
                {
                    file: FILE,
                    it: "generates each user's initial password into an encrypted secret, handed to their container only by reference",
                },
            ],
        },
        {
            cites: "164.312(c)(1)",
            feature:
                "Shiny serves the published apps and the data read-only, scaled out with sticky sessions",
            tests: [
                {
                    file: FILE,
                    it: "serves Shiny from the shared folder and the data, read only, scaled on CPU and requests",
                },
            ],
        },
    ],
};
