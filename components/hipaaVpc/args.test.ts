import { expect } from "chai";
import { resolveHipaaVpcArgs } from "./args";

const FLOW_LOGS = { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k", retentionInDays: 365 };

describe("resolveHipaaVpcArgs", () => {
    it("applies the defaults: NAT per AZ, public tier, no interface endpoints, MySQL port", () => {
        const resolved = resolveHipaaVpcArgs("net", {
            cidrBlock: "10.40.0.0/16",
            availabilityZoneCount: 2,
            flowLogs: FLOW_LOGS,
        });
        expect(resolved).to.deep.include({
            azCount: 2,
            natGateways: "perAz",
            publicSubnets: true,
            endpoints: [],
            databasePorts: [3306],
            prefixLengths: { public: 24, private: 20, isolated: 24 },
            logGroupName: "/net/vpc-flow-logs",
        });
        expect(resolved.plan.private).to.deep.equal(["10.40.0.0/20", "10.40.16.0/20"]);
    });

    it("keeps what is given and merges partial subnet sizes over the defaults", () => {
        const resolved = resolveHipaaVpcArgs("net", {
            cidrBlock: "10.40.0.0/20",
            availabilityZoneCount: 3,
            natGateways: "none",
            publicSubnets: false,
            interfaceEndpoints: ["logs"],
            subnetPrefixLengths: { private: 23, public: 26, isolated: 26 },
            databasePorts: [5432, 6432],
            flowLogs: { ...FLOW_LOGS, logGroupName: "/custom/flow" },
        });
        expect(resolved).to.deep.include({
            natGateways: "none",
            databasePorts: [5432, 6432],
            logGroupName: "/custom/flow",
        });
        expect(resolved.prefixLengths).to.deep.equal({ public: 26, private: 23, isolated: 26 });
        expect(resolved.plan.isolated).to.have.length(3);
    });

    it("names the arg, the value and what is allowed when the VPC block cannot hold the subnets", () => {
        expect(() =>
            resolveHipaaVpcArgs("net", {
                cidrBlock: "10.40.0.0/19",
                availabilityZoneCount: 2,
                flowLogs: FLOW_LOGS,
            }),
        ).to.throw(
            'HipaaVpc net: cidrBlock 10.40.0.0/19 with subnetPrefixLengths {"public":24,"private":20,"isolated":24} is not allowed: 10.40.0.0/19 is too small',
        );
    });
});
