export * from "./containerDefinition";
export * from "./fargateService";
export * from "./fargateSize";
export * from "./taskDefinition";
export * from "./taskPolicies";
export * from "./sleepSchedule";
