export * from "./args";
export * from "./userBootstrap/databaseUsers";
export * from "./redcapDatabase";
export * from "./settings";
