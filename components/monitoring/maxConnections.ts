/**
 * Aurora MySQL's default `max_connections` for Aurora Serverless v2, as plain data.
 *
 * Serverless v2 holds `max_connections` constant (it is static: a change needs a reboot) and
 * derives its default from the memory of the cluster's *maximum* capacity, not the current one.
 * AWS documents the result for some maximum capacities (Aurora User Guide, "Performance and
 * scaling for Aurora Serverless v2" → "Maximum connections for Aurora Serverless v2"); the
 * underlying formula adds 1000 connections per doubling of memory, rounded down, which is why a
 * maximum of 80 ACU gives 4000 in AWS's own example on the same page.
 */

/** [maximum ACU, default max_connections on Aurora MySQL], as AWS's table lists them. */
export const AURORA_MYSQL_SERVERLESS_V2_MAX_CONNECTIONS: readonly (readonly [number, number])[] = [
    [1, 90],
    [4, 135],
    [8, 1000],
    [16, 2000],
    [32, 3000],
    [64, 4000],
    [128, 5000],
];

/** Largest Serverless v2 maximum capacity (ACU) on recent Aurora versions. */
export const MAX_SERVERLESS_V2_ACU = 256;

/**
 * The default `max_connections` of an Aurora MySQL Serverless v2 instance whose cluster has this
 * maximum capacity: the documented value for the largest documented capacity at or below it.
 * Between documented points the real default can only be higher (it grows with memory), so an
 * alarm at a share of this value fires early rather than late. Above 128 ACU AWS documents no
 * value and this stays at 5000. A parameter group that sets `max_connections` overrides all this.
 */
export function auroraMysqlMaxConnections(maxCapacityAcu: number): number {
    if (
        !Number.isFinite(maxCapacityAcu) ||
        maxCapacityAcu < 1 ||
        maxCapacityAcu > MAX_SERVERLESS_V2_ACU ||
        !Number.isInteger(maxCapacityAcu * 2)
    ) {
        throw new Error(
            `auroraMysqlMaxConnections: maxCapacityAcu ${maxCapacityAcu} is not allowed; expected 1 to ${MAX_SERVERLESS_V2_ACU} ACU in steps of 0.5`,
        );
    }
    let connections = AURORA_MYSQL_SERVERLESS_V2_MAX_CONNECTIONS[0][1];
    for (const [acu, documented] of AURORA_MYSQL_SERVERLESS_V2_MAX_CONNECTIONS) {
        if (acu <= maxCapacityAcu) {
            connections = documented;
        }
    }
    return connections;
}
