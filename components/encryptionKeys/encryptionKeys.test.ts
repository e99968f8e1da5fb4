import { expect } from "chai";
import { jsonInput, ofType, planComponent, planRefusal, resource } from "../../test/harness";
import type { PolicyDocument } from "../iam/policyDocument";
import { EncryptionKeys, KEY_DELETION_WINDOW_DAYS } from "./encryptionKeys";
import { KEY_DOMAINS } from "./keyPolicy";

describe("EncryptionKeys", () => {
    it("creates one rotating key with a 30-day deletion window and an alias per domain", async () => {
        const plan = await planComponent(
            (opts) => new EncryptionKeys("keys", { aliasPrefix: "redcap/dev" }, opts),
        );
        const keys = ofType(plan, "aws:kms/key:Key");
        expect(keys.map((k) => k.name)).to.have.members(KEY_DOMAINS.map((d) => `keys-${d}`));
        for (const key of keys) {
            expect(key.inputs).to.include({
                enableKeyRotation: true,
                deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
                keyUsage: "ENCRYPT_DECRYPT",
                customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            });
            expect(key.options.protect).to.equal(false);
        }
        const aliases = ofType(plan, "aws:kms/alias:Alias").map((a) => a.inputs.name);
        expect(aliases).to.have.members(KEY_DOMAINS.map((d) => `alias/redcap/dev/${d}`));
    });

    it("points each alias at its own key", async () => {
        const plan = await planComponent(
            (opts) => new EncryptionKeys("keys", { aliasPrefix: "redcap/dev" }, opts),
        );
        for (const domain of KEY_DOMAINS) {
            const alias = resource(plan, "aws:kms/alias:Alias", `keys-${domain}`);
            const key = resource(plan, "aws:kms/key:Key", `keys-${domain}`);
            expect(alias.propertyDependencies.targetKeyId).to.deep.equal([key.urn]);
        }
    });

    it("writes the key policy for the provider's region and account", async () => {
        const plan = await planComponent(
            (opts) =>
                new EncryptionKeys(
                    "keys",
                    { aliasPrefix: "app/prod", domains: ["logs", "database"] },
                    opts,
                ),
            { region: "eu-central-1", accountId: "210987654321" },
        );
        const logs = jsonInput<PolicyDocument>(
            resource(plan, "aws:kms/key:Key", "keys-logs"),
            "policy",
        );
        expect(JSON.stringify(logs)).to.include("logs.eu-central-1.amazonaws.com");
        expect(JSON.stringify(logs)).to.include(
            "arn:aws:logs:eu-central-1:210987654321:log-group:*",
        );
        const db = jsonInput<PolicyDocument>(
            resource(plan, "aws:kms/key:Key", "keys-database"),
            "policy",
        );
        expect(db.Statement[1].Condition?.StringEquals["kms:ViaService"]).to.deep.equal([
            "rds.eu-central-1.amazonaws.com",
        ]);
        expect(ofType(plan, "aws:kms/key:Key")).to.have.length(2);
    });

    it("protects and retains keys when asked (prod), so encrypted data is never orphaned", async () => {
        const plan = await planComponent(
            (opts) =>
                new EncryptionKeys("keys", { aliasPrefix: "redcap/prod", protect: true }, opts),
        );
        for (const key of ofType(plan, "aws:kms/key:Key")) {
            expect(key.options, key.name).to.include({ protect: true, retainOnDelete: true });
        }
    });

    it("exposes each key's ARN and refuses a domain it did not create", async () => {
        let keys: EncryptionKeys | undefined;
        await planComponent((opts) => {
            keys = new EncryptionKeys("keys", { aliasPrefix: "x", domains: ["logs"] }, opts);
        });
        expect(() => keys!.keyArn("database")).to.throw(
            'EncryptionKeys has no "database" key; add it to args.domains',
        );
        const arn = await new Promise<string>((resolve) => keys!.keyArn("logs").apply(resolve));
        expect(arn).to.match(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);
    });

    for (const [args, message] of [
        [{ aliasPrefix: "aws/redcap" }, 'aliasPrefix "aws/redcap" is not allowed'],
        [{ aliasPrefix: "redcap dev" }, 'aliasPrefix "redcap dev" is not allowed'],
        [{ aliasPrefix: "redcap", domains: [] }, "domains [] is not allowed"],
        [
            { aliasPrefix: "redcap", domains: ["logs", "logs"] },
            'domains ["logs","logs"] is not allowed',
        ],
        [{ aliasPrefix: "redcap", domains: ["tape"] }, 'domains ["tape"] is not allowed'],
    ] as const) {
        it(`refuses ${JSON.stringify(args)} before declaring anything`, async () => {
            const { message: refused, plan: plan } = await planRefusal((opts) => {
                new EncryptionKeys("keys", args as never, opts);
            });
            expect(refused).to.include(message);
            expect(ofType(plan, "aws:kms/key:Key")).to.have.length(0);
        });
    }
});
