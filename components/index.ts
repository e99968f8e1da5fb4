export * from "./backups";
export * from "./encryptionKeys";
export * from "./fileStore";
export * from "./hipaaVpc";
export * from "./logRetention";
export * from "./provider";
export * from "./redcapDatabase";
export * from "./tags";
