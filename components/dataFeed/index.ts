export * from "./dataFeed";
export * from "./dataFeedPolicies";
