export * from "./defaults";
export * from "./problems";
export * from "./schema";
export * from "./redcap/config";
export * from "./rstudio/config";
export * from "./system";
