export * from "./auditBaseline";
export { SECURITY_ALARMS } from "./securityAlarms";
export { singletonSettings } from "./accountSingletons";
