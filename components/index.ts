export * from "./encryptionKeys";
export * from "./hipaaVpc";
export * from "./logRetention";
export * from "./provider";
export * from "./tags";
