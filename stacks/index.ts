export * from "./defaults";
export * from "./problems";
export * from "./schema";
export * from "./stackConfig";
