export * from "./accessCommands";
export * from "./accessPolicies";
export * from "./args";
export * from "./bastionOrSsm";
export * from "./sessionDocuments";
