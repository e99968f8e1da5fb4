export * from "./fargate";
export * from "./redcapService";
export * from "./taskSettings";
