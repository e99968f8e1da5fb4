import type { InterfaceEndpointService, NatStrategy } from "../components/hipaaVpc/options";
import type { SubnetTier } from "../components/hipaaVpc/subnetPlan";
import type { Environment } from "./schema";

/** Network settings that have a default; the VPC block itself (`cidr`) never does. */
export interface NetworkDefaults {
    /** dev: 2 AZs is enough to test failover; prod: 3 so one AZ loss leaves two. */
    azCount: number;
    /** dev: one NAT gateway (cheaper, single AZ egress); prod: one per AZ so egress survives an AZ loss. */
    natGateways: NatStrategy;
    /** Public subnets hold only the load balancer and NAT gateways. */
    publicSubnets: boolean;
    /** /20 private subnets leave room for many Fargate task ENIs; /24 is plenty for ALB, NAT and databases. */
    subnetPrefixLengths: Record<SubnetTier, number>;
    /**
     * dev: none, traffic to AWS APIs goes through the NAT gateway (each endpoint costs per AZ-hour).
     * prod: the services the app and operators use, so that traffic never leaves the VPC.
     */
    interfaceEndpoints: InterfaceEndpointService[];
}

/** The defaults that differ between environments, in one place. Every value can be overridden in config. */
export interface EnvironmentDefaults {
    network: NetworkDefaults;
    /** One year in both: log groups may hold PHI and are audit evidence (HIPAA 164.312(b)). */
    logRetentionDays: number;
    /** prod: data stores and keys are protected and retained on destroy. */
    protectData: boolean;
    /** Default `data-classification` tag: assume PHI unless told otherwise. */
    dataClassification: string;
}

export const ENVIRONMENT_DEFAULTS: Record<Environment, EnvironmentDefaults> = {
    dev: {
        network: {
            azCount: 2,
            natGateways: "single",
            publicSubnets: true,
            subnetPrefixLengths: { public: 24, private: 20, isolated: 24 },
            interfaceEndpoints: [],
        },
        logRetentionDays: 365,
        protectData: false,
        dataClassification: "phi",
    },
    prod: {
        network: {
            azCount: 3,
            natGateways: "perAz",
            publicSubnets: true,
            subnetPrefixLengths: { public: 24, private: 20, isolated: 24 },
            interfaceEndpoints: [
                "ecr.api",
                "ecr.dkr",
                "logs",
                "secretsmanager",
                "ssm",
                "ssmmessages",
                "kms",
                "sts",
            ],
        },
        logRetentionDays: 365,
        protectData: true,
        dataClassification: "phi",
    },
};
