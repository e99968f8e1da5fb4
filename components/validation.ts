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
