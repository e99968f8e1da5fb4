export * from "./accessPolicy";
export * from "./fileStore";
