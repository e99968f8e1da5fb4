import type * as pulumi from "@pulumi/pulumi";
import { LOG_RETENTION_DAYS } from "../logRetention";
import { isTimezone, requireWholeNumber } from "../validation";

/** How operators reach the private network: Session Manager only, or also a private bastion. */
export const ACCESS_MODES = ["ssm", "bastion"] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

/** When the bastion runs: EventBridge Scheduler starts and stops it in the given time zone. */
export interface BastionSchedule {
    /** An IANA time zone name, e.g. `America/Chicago`. */
    timezone: string;
    /** EventBridge Scheduler cron expression that starts the bastion, e.g. `cron(0 7 ? * MON-FRI *)`. */
    start: string;
    /** EventBridge Scheduler cron expression that stops it, e.g. `cron(0 19 ? * MON-FRI *)`. */
    stop: string;
}

export interface BastionOrSsmArgs {
    /**
     * `ssm` (default): no instance at all; operators use ECS Exec into REDCap's tasks. `bastion`:
     * also a private EC2 instance reached only through Session Manager (shell and database
     * tunnel), for database administration.
     */
    mode?: AccessMode;
    /**
     * Unique per stack, e.g. `redcap-prod`: SSM document and schedule names are account- and
     * region-wide, so two stacks in one account must not share it.
     */
    namePrefix: string;
    vpcId: pulumi.Input<string>;
    /** Private subnets (no route from the internet); the bastion goes in the first. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The database, for stacks that have one: the bastion joins its client group and a port
     * forwarding document points at it. Without it the bastion is a shell only.
     */
    database?: {
        /** The database endpoint: the default host of the tunnel document. */
        host: pulumi.Input<string>;
        /** The database port (MySQL 3306): the tunnel's default remote and local port. */
        port: number;
        /**
         * The database's client group: the database admits its port from members, and the group's
         * own egress rule reaches the database. The bastion joins it.
         */
        clientSecurityGroupId: pulumi.Input<string>;
    };
    /** KMS key that encrypts session data end to end, and the bastion's disk. */
    sessionsKmsKeyArn: pulumi.Input<string>;
    /** KMS key of the session log group. */
    logsKmsKeyArn: pulumi.Input<string>;
    /** Days to keep session logs; one of the values CloudWatch Logs accepts. */
    logRetentionDays: number;
    /**
     * Minutes of inactivity after which Session Manager ends a session. Default 20 (Session
     * Manager's own default); allowed 1–60.
     */
    idleTimeoutMinutes?: number;
    /** Longest a session may last, in minutes. Default 480 (a working day); allowed 1–1440. */
    maxSessionMinutes?: number;
    /**
     * The bastion's instance type. Default `t4g.nano`: the smallest Graviton type is plenty for a
     * shell and a tunnel. The AMI's architecture follows the type.
     */
    instanceType?: string;
    /** Bastion only: run during working hours and stop outside them. Default: always on. */
    schedule?: BastionSchedule;
}

/** BastionOrSsmArgs with every default applied. */
export interface ResolvedAccessArgs {
    mode: AccessMode;
    idleTimeoutMinutes: number;
    maxSessionMinutes: number;
    instanceType: string;
    architecture: "arm64" | "x86_64";
    schedule?: BastionSchedule;
}

/**
 * EC2's architecture for an instance type. Graviton families carry a `g` right after the
 * generation digit (t4g, m7g, c6gn, x2gd, is4gen); `a1` is the first Graviton. Everything else
 * sold today for Amazon Linux is x86_64.
 */
export function instanceArchitecture(instanceType: string): "arm64" | "x86_64" {
    const family = instanceType.split(".")[0];
    return family === "a1" || /^[a-z]+\d+g/.test(family) ? "arm64" : "x86_64";
}

/**
 * The public SSM parameter holding the newest Amazon Linux 2023 AMI of an architecture; EC2
 * resolves `resolve:ssm:<parameter>` when it launches the instance, so the plan needs no lookup.
 */
export function amazonLinuxImage(architecture: "arm64" | "x86_64"): string {
    return `resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;
}

/** EventBridge Scheduler's cron form: six fields (minutes hours day-of-month month day-of-week year). */
const CRON = /^cron\(\S+( \S+){5}\)$/;

/**
 * Applies BastionOrSsm's defaults (in one place) and refuses bad or contradictory args with a
 * message naming the arg, the value and what is allowed. Pure: tested without mocks.
 */
export function resolveAccessArgs(name: string, args: BastionOrSsmArgs): ResolvedAccessArgs {
    const where = `BastionOrSsm ${name}`;
    const mode = args.mode ?? "ssm";
    const idleTimeoutMinutes = args.idleTimeoutMinutes ?? 20;
    const maxSessionMinutes = args.maxSessionMinutes ?? 480;
    const instanceType = args.instanceType ?? "t4g.nano";

    if (!(ACCESS_MODES as readonly string[]).includes(mode)) {
        throw new Error(`${where}: mode "${mode}" is not allowed; expected "ssm" or "bastion"`);
    }
    // SSM document names: letters, digits, _ . - (3–128), never starting with aws, amazon or amzn;
    // schedule names add "-bastion-start" within 64 characters.
    if (
        !/^[A-Za-z0-9][A-Za-z0-9_.-]{1,39}$/.test(args.namePrefix) ||
        /^(aws|amazon|amzn)/i.test(args.namePrefix)
    ) {
        throw new Error(
            `${where}: namePrefix "${args.namePrefix}" is not allowed; expected 2 to 40 letters, digits, _ . or - (starting with a letter or digit, not with aws, amazon or amzn), unique per stack`,
        );
    }
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(args.logRetentionDays)) {
        throw new Error(
            `${where}: logRetentionDays ${args.logRetentionDays} is not allowed; expected one of ${LOG_RETENTION_DAYS.join(", ")}`,
        );
    }
    requireWholeNumber(where, "idleTimeoutMinutes", idleTimeoutMinutes, 1, 60, "minutes");
    requireWholeNumber(where, "maxSessionMinutes", maxSessionMinutes, 1, 1440, "minutes");
    if (args.database) {
        requireWholeNumber(where, "database.port", args.database.port, 1, 65535);
    }
    if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(instanceType)) {
        throw new Error(
            `${where}: instanceType "${instanceType}" is not allowed; expected an EC2 instance type such as t4g.nano`,
        );
    }
    if (Array.isArray(args.subnetIds) && args.subnetIds.length === 0) {
        throw new Error(
            `${where}: subnetIds [] is not allowed; expected at least one private subnet`,
        );
    }
    const schedule = args.schedule;
    if (schedule && mode !== "bastion") {
        throw new Error(
            `${where}: schedule is not allowed with mode "${mode}"; only a bastion can be started and stopped`,
        );
    }
    if (schedule) {
        if (!isTimezone(schedule.timezone)) {
            throw new Error(
                `${where}: schedule.timezone ${JSON.stringify(schedule.timezone)} is not allowed; expected an IANA time zone name such as America/Chicago`,
            );
        }
        for (const field of ["start", "stop"] as const) {
            if (!CRON.test(schedule[field])) {
                throw new Error(
                    `${where}: schedule.${field} "${schedule[field]}" is not allowed; expected an EventBridge Scheduler cron expression such as cron(0 7 ? * MON-FRI *)`,
                );
            }
        }
        if (schedule.start === schedule.stop) {
            throw new Error(
                `${where}: schedule.stop "${schedule.stop}" is not allowed; it must differ from schedule.start`,
            );
        }
    }
    return {
        mode,
        idleTimeoutMinutes,
        maxSessionMinutes,
        instanceType,
        architecture: instanceArchitecture(instanceType),
        schedule,
    };
}
