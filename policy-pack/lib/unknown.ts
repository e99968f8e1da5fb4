/**
 * At preview, inputs computed from other resources are unknown. The policy SDK hands policies a
 * proxy that throws `UnknownValueError` when one is read; the server turns that into an advisory
 * "can't run during preview" and runs the policy again at `pulumi up` with the values resolved.
 * A policy therefore never reports a violation for an unknown value. Stack policies use `known`
 * so one unknown input skips one resource, not the whole check.
 *
 * The SDK's proxy module is internal (its .d.ts is empty), so this is the one place that reaches
 * into it, typed by hand for @pulumi/policy 1.21.0.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkProxy = require("@pulumi/policy/proxy") as {
    UnknownValueError: new (sentinel: string, props: string[]) => Error;
    unknownCheckingProxy<T extends object>(value: T): T;
    unknownStringValue: string;
};

export const UNKNOWN: unique symbol = Symbol("unknown");

/** Reads through the SDK's proxy; an unknown value comes back as `UNKNOWN` instead of throwing. */
export function known<T>(read: () => T): T | typeof UNKNOWN {
    try {
        return read();
    } catch (e) {
        if (isUnknownError(e)) {
            return UNKNOWN;
        }
        throw e;
    }
}

export function isUnknownError(e: unknown): boolean {
    return e instanceof sdkProxy.UnknownValueError;
}

/** Wraps inputs the way the policy server does before a policy sees them. */
export function unknownCheckingProxy<T extends object>(value: T): T {
    return sdkProxy.unknownCheckingProxy(value);
}

/**
 * The sentinel the SDK deserializes an unknown value into. Fixtures and the offline evaluator put
 * it where a plan holds an unknown value.
 */
export const UNKNOWN_VALUE: string = sdkProxy.unknownStringValue;

/**
 * The error that tells the policy server (and the offline evaluator) that a policy could not
 * decide: the server shows it as "can't run policy … during preview" and keeps the violations
 * already reported, so a stack rule throws it after judging every resource it could.
 */
export function undecidedError(message: string): Error {
    const e = new sdkProxy.UnknownValueError(sdkProxy.unknownStringValue, []);
    e.message = message;
    return e;
}

/**
 * Any of several verdicts, some perhaps unknown: true when one is true, UNKNOWN when none is true
 * but one is unknown (decided at pulumi up), false when all are false.
 */
export function anyOf(verdicts: readonly (boolean | typeof UNKNOWN)[]): boolean | typeof UNKNOWN {
    if (verdicts.includes(true)) return true;
    return verdicts.includes(UNKNOWN) ? UNKNOWN : false;
}
