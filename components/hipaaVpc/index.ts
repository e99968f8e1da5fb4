export * from "./endpoints";
export * from "./hipaaVpc";
export * from "./subnetPlan";
