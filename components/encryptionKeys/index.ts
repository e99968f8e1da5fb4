export * from "./encryptionKeys";
export * from "./keyPolicy";
