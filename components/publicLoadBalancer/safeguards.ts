import type { ComponentSafeguards } from "../safeguards";

const ALB = "components/publicLoadBalancer/publicLoadBalancer.test.ts";

export const publicLoadBalancerSafeguards: ComponentSafeguards = {
    component: "hipaa:network:PublicLoadBalancer",
    source: "components/publicLoadBalancer/publicLoadBalancer.ts",
    features: [
        {
            cites: "164.312(e)(1), 164.312(e)(2)(ii)",
            feature:
                "HTTPS only, with a TLS 1.2+ policy and an ACM certificate; HTTP only redirects",
            tests: [
                {
                    file: ALB,
                    it: "serves HTTPS with a TLS 1.2+ policy and an ACM certificate validated in the zone",
                },
                { file: ALB, it: "only redirects HTTP to HTTPS" },
            ],
        },
        {
            cites: "164.312(e)(2)(i), 164.312(b)",
            feature:
                "Invalid headers dropped; access logs kept in a private bucket only ELB may write",
            tests: [
                {
                    file: ALB,
                    it: "is internet-facing in the public subnets, drops invalid headers and logs access",
                },
                {
                    file: ALB,
                    it: "lets ELB deliver logs only under its prefix, by service principal and, in older regions, the regional account",
                },
            ],
        },
        {
            cites: "164.312(a)(1)",
            feature:
                "The only ingress from the internet: 443 and 80, with egress only to its targets",
            tests: [
                {
                    file: ALB,
                    it: "opens 443 and 80 to the world, and lets traffic out only to its targets",
                },
                { file: ALB, it: "lets the load balancer out only to the apps' ports, each once" },
            ],
        },
        {
            cites: "164.312(a)(1), 164.312(e)(1)",
            feature:
                "Several apps on one load balancer: each host (and path) to its own target group with its own health check; requests for any other host get a 404 unless a default app is named; every host name on the validated certificate",
            tests: [
                {
                    file: ALB,
                    it: "routes each app by host and path to its own target group, path rules first; other hosts get a 404",
                },
                {
                    file: ALB,
                    it: "puts every host name on one certificate, validates each base name once, and points each name at the load balancer",
                },
            ],
        },
    ],
};
