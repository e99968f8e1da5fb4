import * as crypto from "node:crypto";

/**
 * Secrets Manager as ECS reads it for a task's `secrets`: a value per secret ARN, a JSON object
 * for secrets read by key (`<arn>:<json key>:<version stage>:<version id>`). Values not set by the
 * test are made up on first read, each with "SENTINEL" in it, so a test can look for any of them
 * where no secret may appear.
 */
export class FakeSecretsManager {
    private readonly values = new Map<string, string | Record<string, string>>();

    /** Splits ECS's `valueFrom` into the secret's ARN and the JSON key, if any. */
    static parse(valueFrom: string): { arn: string; jsonKey?: string } {
        const parts = valueFrom.split(":");
        if (parts.length < 7 || parts[2] !== "secretsmanager") {
            throw new Error(`"${valueFrom}" is not a Secrets Manager ARN`);
        }
        const arn = parts.slice(0, 7).join(":");
        return parts[7] ? { arn, jsonKey: parts[7] } : { arn };
    }

    set(arn: string, value: string | Record<string, string>): void {
        this.values.set(arn, value);
    }

    /** The value ECS would put in the environment for this `valueFrom`. */
    read(valueFrom: string): string {
        const { arn, jsonKey } = FakeSecretsManager.parse(valueFrom);
        let value = this.values.get(arn);
        if (value === undefined) {
            value = jsonKey ? {} : sentinel();
            this.values.set(arn, value);
        }
        if (jsonKey === undefined) {
            if (typeof value !== "string") {
                throw new Error(`${arn} holds JSON; read it by key`);
            }
            return value;
        }
        if (typeof value === "string") {
            throw new Error(`${arn} is not JSON; it has no key ${jsonKey}`);
        }
        value[jsonKey] ??= sentinel();
        return value[jsonKey];
    }

    /** Every value handed out so far (to look for where none may appear). */
    allValues(): string[] {
        return [...this.values.values()].flatMap((v) =>
            typeof v === "string" ? [v] : Object.values(v),
        );
    }
}

function sentinel(): string {
    return `SENTINEL${crypto.randomBytes(12).toString("hex")}`;
}
