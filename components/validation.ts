/**
 * Argument checks shared by the components: each throws an error that names the component, the
 * argument, the value and what is allowed, before any resource is declared.
 */

/** Throws unless `value` is a whole number from `min` to `max`. */
export function requireWholeNumber(
    where: string,
    arg: string,
    value: number,
    min: number,
    max: number,
    unit = "",
): void {
    if (!Number.isInteger(value) || value < min || value > max) {
        const of = unit ? ` of ${unit}` : "";
        throw new Error(
            `${where}: ${arg} ${JSON.stringify(value)} is not allowed; expected a whole number${of} from ${min} to ${max}`,
        );
    }
}

/**
 * Whether `value` is an IANA time zone (tz database) name as EventBridge Scheduler, Application
 * Auto Scaling and PHP take it: one ICU knows (a link such as US/Eastern too), written with its
 * own capitals (ICU would also take america/chicago; AWS does not).
 */
export function isTimezone(value: string): boolean {
    if (value.length > 64 || !/^[A-Za-z0-9_+/-]+$/.test(value)) return false;
    try {
        const resolved = new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions()
            .timeZone;
        return resolved === value || resolved.toLowerCase() !== value.toLowerCase();
    } catch {
        return false;
    }
}
