export * from "./defaults";
export * from "./problems";
export * from "./schema";
export * from "./stackConfig";
export * from "./rstudio/config";
export * from "./system";
