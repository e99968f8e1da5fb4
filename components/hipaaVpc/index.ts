export * from "./options";
export * from "./hipaaVpc";
export * from "./subnetPlan";
