import * as fs from "node:fs";
import { expect } from "chai";
import {
    ACCOUNT_WIDE_TYPES,
    SESSION_PREFERENCES_DOCUMENT,
} from "../components/auditBaseline/accountSingletons";
import { planForStack } from "../test/harness";
import type { BaselineResource } from "../tools/planBaseline/baseline";
import { baselinePath } from "../tools/planBaseline/paths";

/** The type of a resource from its URN (`...$<type>::<name>`). */
const typeOf = (urn: string) => urn.split("::")[2].split("$").pop() ?? "";

/** Account-wide resources: the types of ACCOUNT_WIDE_TYPES and the preferences document. */
const accountWide = <R extends { urn: string; inputs: Record<string, unknown> }>(resources: R[]) =>
    resources.filter(
        (r) =>
            (ACCOUNT_WIDE_TYPES as readonly string[]).includes(typeOf(r.urn)) ||
            (typeOf(r.urn) === "aws:ssm/document:Document" &&
                r.inputs.name === SESSION_PREFERENCES_DOCUMENT),
    );

/**
 * When dev and prod share an account, account-wide settings must not follow whichever stack ran
 * last: only the stack owning the account baseline (prod in the example files) declares them,
 * and only it may point them at its own log group and key.
 */
describe("account-wide settings follow redcap:audit.accountBaseline", function () {
    this.timeout(60000);

    it("dev, not the owner, declares none (its reviewed plan: planBaseline.test.ts keeps it current)", () => {
        const dev = JSON.parse(fs.readFileSync(baselinePath("dev"), "utf8")) as BaselineResource[];
        expect(accountWide(dev).map((r) => r.urn)).to.deep.equal([]);
    });

    it("prod, the owner, declares them and points the Session Manager preferences at its own group and key", async () => {
        const { plan, config } = await planForStack("prod");
        expect(config.audit.accountBaseline).to.equal(true);
        const found = accountWide(plan.resources);
        expect(found.map((r) => r.type)).to.include.members([
            "aws:cfg/recorder:Recorder",
            "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
            "aws:ebs/encryptionByDefault:EncryptionByDefault",
        ]);
        const document = found.find((r) => r.type === "aws:ssm/document:Document");
        const urnOf = (type: string, name: string) =>
            plan.resources.find((r) => r.type === type && r.name === name)?.urn;
        expect(document?.propertyDependencies.content).to.have.members([
            urnOf("aws:cloudwatch/logGroup:LogGroup", "access-sessions"),
            urnOf("aws:kms/key:Key", "keys-sessions"),
        ]);
    });
});
