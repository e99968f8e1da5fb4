export * from "./albLogDelivery";
export * from "./publicLoadBalancer";
