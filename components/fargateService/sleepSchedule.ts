/**
 * A non-production stack's awake hours, written as people say them (`weekdays 07:00-19:00`), turned
 * into the cron expressions Application Auto Scaling and EventBridge Scheduler both accept
 * (`cron(minutes hours day-of-month month day-of-week year)`, evaluated in the given time zone).
 */

/** The crons of a sleep schedule, all in `timezone`. */
export interface SleepCrons {
    timezone: string;
    /** Services scale back up. */
    wake: string;
    /** Services scale to zero and the alarms that would fire while asleep stop paging. */
    sleep: string;
    /**
     * Alarms page again: long enough after `wake` for new tasks to pass their health checks (the
     * web service's grace period is 2 minutes, the load balancer needs a few more).
     */
    resumeAlerts: string;
    /** One minute after `resumeAlerts`: alarms still breaching are set to OK so that they page again. */
    rearmAlerts: string;
}

/** Minutes between waking and paging again. */
export const ALERTS_RESUME_AFTER_MINUTES = 15;

const DAY_FIELDS: Record<string, string> = { weekdays: "MON-FRI", daily: "*" };
const DAY = "(SUN|MON|TUE|WED|THU|FRI|SAT)";
const DAY_LIST = new RegExp(`^${DAY}(-${DAY})?(,${DAY}(-${DAY})?)*$`);

export const AWAKE_HOURS_FORMAT =
    "`<days> HH:MM-HH:MM`: days weekdays, daily or a day list such as MON-FRI or MON,WED,FRI; " +
    `the end at least ${ALERTS_RESUME_AFTER_MINUTES + 15} minutes after the start, the same day`;

/** The crons of `hours` (e.g. `weekdays 07:00-19:00`), or a reason it is not allowed. */
export function sleepCrons(hours: string, timezone: string): SleepCrons | { problem: string } {
    const m = /^(\S+) ([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(hours.trim());
    const days = m && (DAY_FIELDS[m[1]] ?? (DAY_LIST.test(m[1]) ? m[1] : undefined));
    if (!m || !days) {
        return { problem: `expected ${AWAKE_HOURS_FORMAT}` };
    }
    const start = Number(m[2]) * 60 + Number(m[3]);
    const end = Number(m[4]) * 60 + Number(m[5]);
    if (end - start < ALERTS_RESUME_AFTER_MINUTES + 15) {
        return { problem: `the end is too soon after the start; expected ${AWAKE_HOURS_FORMAT}` };
    }
    const cron = (minuteOfDay: number) =>
        `cron(${minuteOfDay % 60} ${Math.floor(minuteOfDay / 60)} ? * ${days} *)`;
    return {
        timezone,
        wake: cron(start),
        sleep: cron(end),
        resumeAlerts: cron(start + ALERTS_RESUME_AFTER_MINUTES),
        rearmAlerts: cron(start + ALERTS_RESUME_AFTER_MINUTES + 1),
    };
}
