import type { LoadBalancedApp } from "../publicLoadBalancer/publicLoadBalancer";
import { REDCAP_HEALTH_PATH, REDCAP_HTTPS_PORT } from "../redcapImage/imageContract";
import { SAML_SESSION_LIFETIME_SECONDS } from "./signIn";

/**
 * REDCap behind the platform's load balancer: HTTPS to the task on the image's port, healthy when
 * PHP and the database answer. With SAML sign-in a browser stays on the task that signed it in for
 * Shibboleth's session (kept in that task's memory); REDCap's own sessions are in the database and
 * need no stickiness.
 */
export function redcapLoadBalancedApp(args: {
    hostName: string;
    samlSignIn: boolean;
}): LoadBalancedApp {
    return {
        hostNames: [args.hostName],
        targetPort: REDCAP_HTTPS_PORT,
        targetProtocol: "HTTPS",
        healthCheckPath: REDCAP_HEALTH_PATH,
        ...(args.samlSignIn ? { stickySessionSeconds: SAML_SESSION_LIFETIME_SECONDS } : {}),
    };
}
