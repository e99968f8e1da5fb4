/**
 * The names of a sleeping stack's EventBridge Scheduler group and schedules, made in one place
 * for the stack (alarmSilence.ts) and for `npm run wake`, which reads a schedule back. It imports
 * nothing, so the command stays quick to start.
 */

/** Scheduler's limit on group and schedule names. */
export const SCHEDULE_NAME_MAX = 64;

/** The ids of the schedules (their names are `<namePrefix>-<id>`). */
export const SLEEP_SCHEDULE_IDS = {
    silence: "silence-alarms",
    resume: "resume-alarms",
    /** The re-arm of the alarm at 0-based `index`. */
    rearm: (index: number) => `rearm-alarm-${index + 1}`,
} as const;

/** The stack's schedule group: `<namePrefix>-sleep`. */
export function sleepScheduleGroupName(namePrefix: string): string {
    return `${namePrefix}-sleep`;
}

/**
 * A schedule's name, `<namePrefix>-<id>`, never cut: cut names of a long prefix would collide
 * (`rearm-alarm-1` and `-2`), so AlarmSilence refuses a prefix too long for its longest name.
 */
export function sleepScheduleName(namePrefix: string, id: string): string {
    return `${namePrefix}-${id}`;
}

/**
 * The longest name prefix whose schedules all fit Scheduler's limit, with `alarmCount` silenced
 * alarms (49 for fewer than 100).
 */
export function sleepPrefixMax(alarmCount: number): number {
    const ids = [
        SLEEP_SCHEDULE_IDS.silence,
        SLEEP_SCHEDULE_IDS.resume,
        ...Array.from({ length: alarmCount }, (_, i) => SLEEP_SCHEDULE_IDS.rearm(i)),
    ];
    return SCHEDULE_NAME_MAX - Math.max(...ids.map((id) => sleepScheduleName("", id).length));
}
