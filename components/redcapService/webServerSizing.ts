/**
 * Apache's worker limits from the task's memory, not Apache's defaults (which would let a 1 GiB
 * task start 150 PHP workers and be killed for memory under load). One request per worker
 * (mod_php on the prefork MPM), so the workers are how many requests a task serves at once.
 */

/** What stays outside the workers: Apache's parent, PHP's OPcache (256 MiB) and APCu, the agent. */
export const SHARED_MEMORY_MIB = 448;

/**
 * Memory budgeted per worker: a REDCap page's PHP request. The container tests measure the peak
 * resident memory per worker under load and check it stays within this (README, "Container image").
 */
export const WORKER_MEMORY_MIB = 96;

/** Never fewer workers than this (a 0.5 GiB task still serves), never more than this. */
export const MIN_WORKERS = 2;
export const MAX_WORKERS = 256;

export interface ApacheWorkerLimits {
    /** MaxRequestWorkers and ServerLimit. */
    maxRequestWorkers: number;
    /** StartServers and MinSpareServers: workers kept ready. */
    startServers: number;
}

export function apacheWorkerLimits(taskMemoryMiB: number): ApacheWorkerLimits {
    if (!Number.isInteger(taskMemoryMiB) || taskMemoryMiB < 512) {
        throw new Error(
            `apacheWorkerLimits: task memory ${taskMemoryMiB} MiB is not allowed; expected a whole number of MiB, at least 512`,
        );
    }
    const fit = Math.floor((taskMemoryMiB - SHARED_MEMORY_MIB) / WORKER_MEMORY_MIB);
    const maxRequestWorkers = Math.min(MAX_WORKERS, Math.max(MIN_WORKERS, fit));
    return { maxRequestWorkers, startServers: Math.min(4, maxRequestWorkers) };
}

/** The environment that carries the limits to the image's Apache configuration. */
export function apacheWorkerEnvironment(taskMemoryMiB: number): Record<string, string> {
    const limits = apacheWorkerLimits(taskMemoryMiB);
    return {
        APACHE_MAX_REQUEST_WORKERS: String(limits.maxRequestWorkers),
        APACHE_START_SERVERS: String(limits.startServers),
    };
}
