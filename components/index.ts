export * from "./encryptionKeys";
export * from "./hipaaVpc";
export * from "./provider";
export * from "./tags";
