/**
 * The account-level singletons of the audit baseline: resources of which an AWS account (per
 * region) holds one, so that a fresh stack can meet one that Control Tower, the organization or
 * an earlier tool already made. Each gets an explicit mode:
 *  - `create`: this stack creates it (`pulumi up` fails if one exists);
 *  - `adopt`: it exists; the stack declares it with Pulumi's `import` option and the id given,
 *    so `pulumi up` takes it over (the import step fails if the declared settings differ from the
 *    existing ones: the preview lists the differences to reconcile first);
 *  - `organization`: left to the organization: declared nowhere, and nothing points at it.
 * Import ids as the provider (@pulumi/aws v7, each resource's "Import" section) reads them.
 */

export const SINGLETON_MODES = ["create", "adopt", "organization"] as const;
export type SingletonMode = (typeof SINGLETON_MODES)[number];

/** One singleton's mode and, for `adopt`, the id the provider imports it by. */
export interface SingletonSetting {
    mode: SingletonMode;
    /** Only with `adopt`: the import id (see `ACCOUNT_SINGLETONS[...].importId`). */
    id?: string;
    /**
     * configRecorder with `adopt` only: the existing delivery channel's name (its import id;
     * Control Tower names it differently from the recorder). Unset: a channel named `default` is
     * created.
     */
    deliveryChannelId?: string;
}

export interface SingletonSpec {
    /** What an operator calls it. */
    title: string;
    /** The Pulumi type token of the resource that is imported. */
    type: string;
    /** The import id's form, as the provider documents it. */
    importId: string;
    /** A pattern the import id must match. */
    idPattern: RegExp;
    /** What `organization` leaves out. */
    organizationMeans: string;
}

const ARN_PARTITION = "arn:aws[a-z-]*";

export const ACCOUNT_SINGLETONS = {
    trail: {
        title: "CloudTrail trail",
        type: "aws:cloudtrail/trail:Trail",
        importId: "the trail's ARN, e.g. arn:aws:cloudtrail:us-east-1:123456789012:trail/my-trail",
        idPattern: new RegExp(
            `^${ARN_PARTITION}:cloudtrail:[a-z0-9-]+:\\d{12}:trail/[A-Za-z0-9._-]{3,128}$`,
        ),
        organizationMeans:
            "no trail, trail log group or security alarms here (the organization's trail records this account)",
    },
    configRecorder: {
        title: "AWS Config recorder and delivery channel",
        type: "aws:cfg/recorder:Recorder",
        importId:
            "the recorder's name (`aws configservice describe-configuration-recorders`), e.g. default; and deliveryChannelId, the delivery channel's name (`aws configservice describe-delivery-channels`) if one exists",
        idPattern: /^[A-Za-z0-9_.-]{1,256}$/,
        organizationMeans:
            "no recorder or delivery channel here (the organization records this account); the HIPAA conformance pack still deploys when on, as it needs only a recorder",
    },
    guardDutyDetector: {
        title: "GuardDuty detector",
        type: "aws:guardduty/detector:Detector",
        importId: "the detector id (`aws guardduty list-detectors`), 32 hexadecimal characters",
        idPattern: /^[a-f0-9]{32}$/,
        organizationMeans:
            "no detector here (the organization's administrator manages it); high-severity findings still page the alert topic",
    },
    securityHubAccount: {
        title: "Security Hub account",
        type: "aws:securityhub/account:Account",
        importId: "the 12-digit AWS account id",
        idPattern: /^\d{12}$/,
        organizationMeans: "no Security Hub account or standards subscription here",
    },
    sessionPreferences: {
        title: "Session Manager preferences document",
        type: "aws:ssm/document:Document",
        importId: "the document name, SSM-SessionManagerRunShell",
        idPattern: /^SSM-SessionManagerRunShell$/,
        organizationMeans: "the account's Session Manager preferences are left alone",
    },
} as const satisfies Record<string, SingletonSpec>;

export type AccountSingleton = keyof typeof ACCOUNT_SINGLETONS;
export const ACCOUNT_SINGLETON_NAMES = Object.keys(ACCOUNT_SINGLETONS) as AccountSingleton[];

export type SingletonSettings = Record<AccountSingleton, SingletonSetting>;

/** Today's behaviour: the stack owning the baseline creates every singleton. */
export const CREATE_ALL: SingletonSettings = {
    trail: { mode: "create" },
    configRecorder: { mode: "create" },
    guardDutyDetector: { mode: "create" },
    securityHubAccount: { mode: "create" },
    sessionPreferences: { mode: "create" },
};

/**
 * The singletons' settings out of a stack's audit config: those it names, `create` for the rest
 * (a system whose config has no such key, as RStudio has no Security Hub setting).
 */
export function singletonSettings(
    audit: Partial<Record<AccountSingleton, SingletonSetting>>,
): SingletonSettings {
    return Object.fromEntries(
        ACCOUNT_SINGLETON_NAMES.map((name) => [name, audit[name] ?? CREATE_ALL[name]]),
    ) as SingletonSettings;
}

/**
 * Why a singleton's setting is refused (undefined when it is fine): `adopt` needs an id in the
 * provider's import form, the other modes take none.
 */
export function singletonProblem(
    which: AccountSingleton,
    setting: SingletonSetting,
): string | undefined {
    const spec: SingletonSpec = ACCOUNT_SINGLETONS[which];
    if (setting.deliveryChannelId !== undefined && which !== "configRecorder") {
        return `deliveryChannelId is not allowed here; expected it only in configRecorder`;
    }
    if (setting.mode === "adopt") {
        if (setting.id === undefined) {
            return `mode "adopt" needs id: ${spec.importId}`;
        }
        if (!spec.idPattern.test(setting.id)) {
            return `id ${JSON.stringify(setting.id)} is not allowed; expected ${spec.importId}`;
        }
        const channel = setting.deliveryChannelId;
        if (channel !== undefined && !spec.idPattern.test(channel)) {
            return `deliveryChannelId ${JSON.stringify(channel)} is not allowed; expected a delivery channel name of 1 to 256 letters, digits, _ . or -`;
        }
        return undefined;
    }
    if (setting.deliveryChannelId !== undefined) {
        return `deliveryChannelId is not allowed with mode ${JSON.stringify(setting.mode)}; expected it only with mode "adopt"`;
    }
    if (setting.id !== undefined) {
        return `id is not allowed with mode ${JSON.stringify(setting.mode)}; expected it only with mode "adopt"`;
    }
    return undefined;
}

/** The resource options that adopt an existing singleton (none for the other modes). */
export function adoptOption(setting: SingletonSetting, id = setting.id): { import?: string } {
    return setting.mode === "adopt" && id !== undefined ? { import: id } : {};
}

/** The trail's name in its ARN (`.../trail/<name>`). */
export function trailNameOfArn(arn: string): string {
    return arn.slice(arn.lastIndexOf("/") + 1);
}

/**
 * Resource types whose settings apply to the whole account (and region), whatever their name: a
 * stack that does not own the account baseline declares none of them, so that two stacks in one
 * account never fight over them or point them at one stack's log group or key.
 */
export const ACCOUNT_WIDE_TYPES = [
    "aws:cfg/recorder:Recorder",
    "aws:cfg/deliveryChannel:DeliveryChannel",
    "aws:cfg/recorderStatus:RecorderStatus",
    "aws:guardduty/detector:Detector",
    "aws:securityhub/account:Account",
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    "aws:ebs/encryptionByDefault:EncryptionByDefault",
    "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
] as const;

/** The SSM document Session Manager reads the account's preferences from. */
export const SESSION_PREFERENCES_DOCUMENT = "SSM-SessionManagerRunShell";
