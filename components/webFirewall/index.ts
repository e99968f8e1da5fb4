export * from "./wafRules";
export * from "./webFirewall";
