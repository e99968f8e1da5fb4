/**
 * Hours a week between an EventBridge Scheduler start and stop expression, for the common shape
 * `cron(M H ? * DAYS *)` with the same days in both (e.g. 07:00-19:00 MON-FRI). Returns undefined
 * for anything else, so that the caller prices the instance as always on rather than guessing.
 */
export function weeklyRunningHours(start: string, stop: string): number | undefined {
    const a = parseDailyCron(start);
    const b = parseDailyCron(stop);
    if (!a || !b || a.days !== b.days || b.hour <= a.hour) {
        return undefined;
    }
    return (b.hour - a.hour) * a.days;
}

/** Days a week a daily `cron(M H ? * DAYS *)` runs; undefined for anything else. */
export function daysPerWeek(expression: string): number | undefined {
    return parseDailyCron(expression)?.days;
}

const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** `cron(30 7 ? * MON-FRI *)` → {hour: 7.5, days: 5}; undefined when not a daily time. */
function parseDailyCron(expression: string): { hour: number; days: number } | undefined {
    const m = /^cron\((\d{1,2}) (\d{1,2}) [?*] \* (\S+) \*\)$/.exec(expression.trim());
    if (!m) {
        return undefined;
    }
    const days = countDays(m[3]);
    return days === undefined ? undefined : { hour: Number(m[2]) + Number(m[1]) / 60, days };
}

/** Days a week a day-of-week field selects: `*`, `?`, `MON-FRI`, `MON,WED,FRI`, `2-6`. */
function countDays(field: string): number | undefined {
    if (field === "*" || field === "?") {
        return 7;
    }
    const selected = new Set<number>();
    for (const part of field.split(",")) {
        const [from, to] = part.split("-").map(dayIndex);
        if (from === undefined || (part.includes("-") && to === undefined)) {
            return undefined;
        }
        const end = to ?? from;
        // Ranges may wrap (SAT-SUN); seven steps at most.
        for (let i = 0, d = from; i < 7; i++, d = (d + 1) % 7) {
            selected.add(d);
            if (d === end) {
                break;
            }
        }
    }
    return selected.size;
}

/** SUN..SAT or 1..7 (Scheduler's numbering, 1 = Sunday) → 0..6. */
function dayIndex(token: string | undefined): number | undefined {
    if (token === undefined) {
        return undefined;
    }
    const named = DAY_NAMES.indexOf(token.toUpperCase());
    if (named >= 0) {
        return named;
    }
    return /^[1-7]$/.test(token) ? Number(token) - 1 : undefined;
}
