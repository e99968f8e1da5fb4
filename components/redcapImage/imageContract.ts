/**
 * What the image promises the task definitions that run it (kept apart from the build code, so
 * the service reads it without loading the image builder).
 */

/**
 * The port the image serves HTTPS on (its `REDCAP_HTTPS_PORT`), with a certificate it makes at
 * start: the load balancer's targets and the task definition's port mapping.
 */
export const REDCAP_HTTPS_PORT = 8443;

/** The user the image runs as (its `USER`), named in the task definitions too. */
export const REDCAP_USER = "www-data";

/** What the image answers 200 on while PHP and the database work (health.php). */
export const REDCAP_HEALTH_PATH = "/health.php";
