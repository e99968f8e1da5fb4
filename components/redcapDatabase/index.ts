export * from "./args";
export * from "./databaseUsers";
export * from "./redcapDatabase";
export * from "./settings";
