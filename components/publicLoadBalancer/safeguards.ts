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
            ],
        },
    ],
};
