import type { PlanResource } from "../../synth/plan";
import { draft, list, plural, sum, T, type Draft, type Pricer } from "../planIndex";
import { HOURS_PER_MONTH as H } from "../prices";

/** Prices the network (NAT, interface endpoints, public IPv4), the load balancer and AWS WAF. */

const isInterface = (r: PlanResource) => r.inputs.vpcEndpointType === "Interface";
/** AZs of an interface endpoint: one network interface per subnet. */
const endpointAzs = (r: PlanResource) =>
    Math.max(list(r.inputs.subnetIds).length, (r.propertyDependencies.subnetIds ?? []).length);

export const network: Pricer = {
    types: [T.nat, T.endpoint, T.eip],
    price({ index, a }) {
        const out: Draft[] = [];
        const nats = index.of(T.nat).length;
        const endpoints = index.of(T.endpoint).filter(isInterface);
        const endpointAzCount = sum(endpoints.map(endpointAzs));
        if (nats > 0) {
            out.push(
                draft(
                    "VPC networking",
                    `NAT gateways (${nats}), always on`,
                    nats * H,
                    "natGatewayHour",
                ),
            );
        }
        if (endpoints.length > 0) {
            out.push(
                draft(
                    "VPC networking",
                    `Interface endpoints: ${plural(endpoints.length, "service")} in ${endpointAzCount} endpoint-AZs`,
                    endpointAzCount * H,
                    "interfaceEndpointAzHour",
                ),
            );
            out.push(
                draft(
                    "VPC networking",
                    "Traffic to AWS APIs through the endpoints",
                    a.awsApiGbPerMonth,
                    "interfaceEndpointGb",
                ),
            );
        }
        if (nats > 0) {
            // Without endpoints, image pulls, logs and secrets go out through NAT too.
            const viaNat = a.internetGbPerMonth + (endpoints.length > 0 ? 0 : a.awsApiGbPerMonth);
            const what = endpoints.length > 0 ? "internet" : "internet and AWS APIs";
            out.push(
                draft("VPC networking", `Traffic through NAT (${what})`, viaNat, "natGatewayGb"),
            );
        }
        const eips = index.of(T.eip).length;
        // An internet-facing load balancer holds a public IPv4 address in each of its subnets.
        const lbIps = sum(
            index
                .of(T.lb)
                .filter((lb) => lb.inputs.internal !== true)
                .map((lb) => list(lb.inputs.subnets).length),
        );
        if (eips + lbIps > 0) {
            out.push(
                draft(
                    "VPC networking",
                    `Public IPv4 addresses: ${plural(eips, "Elastic IP")} + ${lbIps} of the load balancer`,
                    (eips + lbIps) * H,
                    "publicIpv4Hour",
                ),
            );
        }
        return out;
    },
};

export const loadBalancer: Pricer = {
    types: [T.lb],
    price({ index, a, warnings }) {
        const albs = index
            .of(T.lb)
            .filter((lb) => (lb.inputs.loadBalancerType ?? "application") === "application");
        for (const lb of index.of(T.lb)) {
            if (!albs.includes(lb)) {
                warnings.add(
                    `load balancer ${lb.name}: type ${String(lb.inputs.loadBalancerType)} is not priced`,
                );
            }
        }
        if (albs.length === 0) {
            return [];
        }
        return [
            draft(
                "Load balancer",
                `Application load balancers (${albs.length}), always on`,
                albs.length * H,
                "albHour",
            ),
            draft(
                "Load balancer",
                "Load balancer capacity units",
                albs.length * a.albAverageLcu * H,
                "albLcuHour",
            ),
        ];
    },
};

export const waf: Pricer = {
    types: [T.webAcl],
    price({ index, a }) {
        const acls = index.of(T.webAcl);
        if (acls.length === 0) {
            return [];
        }
        const rules = sum(acls.map((acl) => list(acl.inputs.rules).length));
        // Requests are inspected by each ACL attached to something.
        const attached = acls.filter(
            (acl) => index.referrers(T.webAclAssociation, "webAclArn", acl).length > 0,
        );
        const out = [
            draft("AWS WAF", `Web ACLs (${acls.length})`, acls.length, "wafWebAclMonth"),
            draft("AWS WAF", `Rules and rule groups (${rules})`, rules, "wafRuleMonth"),
        ];
        if (attached.length > 0) {
            out.push(
                draft(
                    "AWS WAF",
                    "Requests inspected",
                    (attached.length * a.webRequestsPerMonth) / 1e6,
                    "wafMillionRequests",
                ),
            );
        }
        return out;
    },
};
