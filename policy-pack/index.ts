// The pack's entry point: `pulumi preview --policy-pack policy-pack` and `pulumi policy publish`
// load this file. It only constructs the PolicyPack (which starts the policy server), so tests and
// the offline check import `registry.ts`, never this file.
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./registry";

new PolicyPack(PACK_NAME, {
    policies,
    description:
        "HIPAA Security Rule controls for AWS: encryption, network exposure, audit, backup, access, containers and tagging.",
    displayName: "HIPAA on AWS (REDCap and research web apps)",
    tags: ["hipaa", "aws"],
});
