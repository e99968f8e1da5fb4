/**
 * PHP's workers from the task's memory, not defaults. Apache (event MPM) holds connections, idle
 * keep-alive ones included, without a PHP worker; PHP-FPM runs each PHP request in one of its
 * workers, and requests beyond them wait in FPM's queue in arrival order. So the workers are how
 * many PHP requests a task runs at once, and they must fit its memory.
 */

/** What stays outside the workers: Apache, FPM's master, PHP's OPcache (256 MiB) and APCu. */
export const SHARED_MEMORY_MIB = 448;

/**
 * Set aside for Shibboleth's shibd with SAML sign-in (the container tests measure it: about
 * 44 MiB after sign-ins, and check it stays below this).
 */
export const SAML_SERVICE_PROVIDER_MIB = 64;

/**
 * Memory budgeted per PHP worker: a REDCap page's request. The container tests measure the peak
 * resident memory per worker under load and check it stays within this (README, "Container image").
 */
export const WORKER_MEMORY_MIB = 96;

/** Never fewer workers than this (a 0.5 GiB task still serves), never more than this. */
export const MIN_WORKERS = 2;
export const MAX_WORKERS = 256;

export interface PhpWorkerLimits {
    /** PHP-FPM's pm.max_children. */
    maxWorkers: number;
    /** pm.start_servers and pm.min_spare_servers: workers kept ready. */
    startWorkers: number;
}

export function phpWorkerLimits(
    taskMemoryMiB: number,
    options: { samlSignIn?: boolean } = {},
): PhpWorkerLimits {
    if (!Number.isInteger(taskMemoryMiB) || taskMemoryMiB < 512) {
        throw new Error(
            `phpWorkerLimits: task memory ${taskMemoryMiB} MiB is not allowed; expected a whole number of MiB, at least 512`,
        );
    }
    const shared = SHARED_MEMORY_MIB + (options.samlSignIn ? SAML_SERVICE_PROVIDER_MIB : 0);
    const fit = Math.floor((taskMemoryMiB - shared) / WORKER_MEMORY_MIB);
    const maxWorkers = Math.min(MAX_WORKERS, Math.max(MIN_WORKERS, fit));
    return { maxWorkers, startWorkers: Math.min(4, maxWorkers) };
}

/** The environment that carries the limits to the image's PHP-FPM pool. */
export function phpWorkerEnvironment(
    taskMemoryMiB: number,
    options: { samlSignIn?: boolean } = {},
): Record<string, string> {
    const limits = phpWorkerLimits(taskMemoryMiB, options);
    return {
        PHP_FPM_MAX_CHILDREN: String(limits.maxWorkers),
        PHP_FPM_START_SERVERS: String(limits.startWorkers),
    };
}
