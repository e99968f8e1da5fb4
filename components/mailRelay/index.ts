export * from "./mailPolicies";
export * from "./mailRelay";
