export * from "./redcapService";
export * from "./taskSettings";
export { SAML_SESSION_LIFETIME_SECONDS } from "./signIn";
export * from "./firewallPreset";
export * from "./loadBalancerPreset";
