export * from "./albLogDelivery";
export * from "./publicLoadBalancer";
export * from "./tlsPolicies";
