export * from "./fileSystemPolicy";
export * from "./sharedFileSystem";
