export * from "./auditBaseline";
export { SECURITY_ALARMS } from "./securityAlarms";
