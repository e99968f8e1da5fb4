export * from "./backups";
