export * from "./fargateCluster";
