import { expect } from "chai";
import { policies } from "../registry";
import { evaluatePolicies, PolicyConfigError } from "./evaluate";
import { policyConfigProblems, shown } from "./policyConfig";

const problems = (config: unknown) => policyConfigProblems(config, policies, "config.json");

describe("policy pack: the policy config is checked before anything is evaluated", () => {
    it("accepts levels, settings within their schema, and `all`", () => {
        expect(
            problems({
                all: "advisory",
                "sg-no-world-ssh": "mandatory",
                "sg-world-open-authorized-ports-only": {
                    enforcementLevel: "disabled",
                    authorizedPorts: [443],
                },
                "required-tags": { enforcementLevel: "remediate" },
            }),
        ).to.deep.equal([]);
    });

    const refusals: [string, unknown, string][] = [
        [
            "a misspelled enforcement level",
            { "sg-no-world-ssh": "mandtory" },
            'config.json: "sg-no-world-ssh": "mandtory" is not an enforcement level; expected one of advisory, mandatory, remediate, disabled; did you mean "mandatory"?',
        ],
        [
            "a misspelled enforcement level inside settings",
            { "sg-no-world-ssh": { enforcementLevel: "Mandatory " } },
            'config.json: "sg-no-world-ssh".enforcementLevel: "Mandatory " is not an enforcement level',
        ],
        [
            "a level of the wrong type",
            { all: { enforcementLevel: true } },
            'config.json: "all".enforcementLevel: true is not an enforcement level',
        ],
        [
            "an unknown policy, with the nearest name",
            { "sg-no-world-shh": "advisory" },
            'config.json: "sg-no-world-shh" is not a policy of this pack; did you mean "sg-no-world-ssh"?',
        ],
        [
            "an unknown setting, with the ones the policy has",
            { "sg-world-open-authorized-ports-only": { authorisedPorts: [443] } },
            'config.json: "sg-world-open-authorized-ports-only": unknown setting "authorisedPorts"; the settings of sg-world-open-authorized-ports-only are enforcementLevel, exemptionTag, exemptionReasonTag, authorizedPorts; did you mean "authorizedPorts"?',
        ],
        [
            "a setting of the wrong type",
            { "sg-world-open-authorized-ports-only": { authorizedPorts: "443" } },
            'config.json: "sg-world-open-authorized-ports-only".authorizedPorts: "443" is not allowed: must be array',
        ],
        [
            "a setting out of its range",
            { "sg-world-open-authorized-ports-only": { authorizedPorts: [443, 70000] } },
            'config.json: "sg-world-open-authorized-ports-only".authorizedPorts.1: 70000 is not allowed: must be <= 65535',
        ],
        [
            "settings under all",
            { all: { enforcementLevel: "advisory", authorizedPorts: [22] } },
            'config.json: "all".authorizedPorts: unknown setting; "all" takes only enforcementLevel',
        ],
        [
            "a list instead of an object",
            ["sg-no-world-ssh"],
            'config.json: ["sg-no-world-ssh"] is not allowed; expected an object',
        ],
        [
            "a control character in a value, shown escaped",
            { "sg-no-world-ssh": "mandatory\u001b[2J\u009b" },
            'config.json: "sg-no-world-ssh": "mandatory\\u001b[2J\\u009b" is not an enforcement level',
        ],
    ];
    for (const [what, config, message] of refusals) {
        it(`refuses ${what}, naming the policy, the value and what is allowed`, () => {
            const found = problems(config);
            expect(found.join("\n")).to.include(message);
            for (const line of found) {
                expect(line, "no raw control characters").to.not.match(
                    /[\u0000-\u001f\u007f-\u009f]/,
                );
            }
        });
    }

    it("lists every problem at once", () => {
        expect(
            problems({ "sg-no-world-ssh": "mandtory", "sg-no-world-shh": "advisory" }),
        ).to.have.length(2);
    });

    it("never evaluates under a config it refuses, so a typo cannot turn a mandatory rule off", () => {
        expect(() =>
            evaluatePolicies(policies, [], { "sg-no-world-ssh": "mandtory" as never }),
        ).to.throw(PolicyConfigError, /mandtory/);
    });

    it("shows long values shortened", () => {
        expect(shown("x".repeat(200))).to.have.length(60);
    });
});
