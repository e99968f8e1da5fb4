import type { ComponentSafeguards } from "./safeguards";

const PROGRAM = "test/program.test.ts";

/** What the program does for every stack, outside any one component (provider, stack config). */
export const programSafeguards: ComponentSafeguards = {
    component: "Every stack (provider and configuration)",
    source: "stacks/redcap/program.ts",
    features: [
        {
            cites: "164.308(a)(2), 164.308(a)(1)(ii)(B)",
            feature:
                "Every resource carries the required tags (owner, data-classification, environment, cost-center, project) from the one explicit provider",
            tests: [
                {
                    file: "components/provider.test.ts",
                    it: "sets the region, the required tags as default tags and the account guard",
                },
                { file: PROGRAM, it: "covers every taggable resource with every required tag" },
            ],
        },
        {
            cites: "164.312(a)(1)",
            feature:
                "The provider refuses credentials of any other account, and default providers are disabled so nothing deploys with ambient credentials",
            tests: [
                {
                    file: PROGRAM,
                    it: "disables the default AWS provider in the stack file, so a forgotten provider fails loudly",
                },
                {
                    file: PROGRAM,
                    it: "declares every AWS resource through the one explicit provider",
                },
            ],
        },
        {
            cites: "164.308(a)(7)(ii)(A), 164.310(d)(2)(iv)",
            feature:
                "Prod data is always protected from `pulumi destroy`; the config refuses otherwise",
            tests: [
                { file: "stacks/redcap/config.test.ts", it: "prod data is always protected" },
                { file: PROGRAM, it: "protects keys exactly when the stack protects data" },
            ],
        },
        {
            cites: "164.312(a)(2)(iv)",
            feature:
                "Nothing secret in plain text in the plan, the state's inputs or the outputs; a secret given where it would be used in plain text is refused",
            tests: [
                { file: PROGRAM, it: "has nothing secret in plain text in inputs or outputs" },
                {
                    file: PROGRAM,
                    it: "refuses a secret where the program would use it in plain text, never showing the value",
                },
            ],
        },
    ],
};
