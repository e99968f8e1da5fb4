import type { HipaaPolicy } from "./lib/policy";
import { accountBaselinePolicies } from "./policies/accountBaseline";
import { backupAndRetentionPolicies } from "./policies/backupAndRetention";
import { containerPolicies } from "./policies/containers";
import { dataServicesInTransitPolicies } from "./policies/dataServicesInTransit";
import { dataStorePolicies } from "./policies/dataStores";
import { encryptionAtRestPolicies } from "./policies/encryptionAtRest";
import { encryptionInTransitPolicies } from "./policies/encryptionInTransit";
import { iamReferencePolicies } from "./policies/iamReference";
import { identityAndAccessPolicies } from "./policies/identityAndAccess";
import { loggingAndAuditPolicies } from "./policies/loggingAndAudit";
import { networkExposurePolicies } from "./policies/networkExposure";
import { publicEndpointPolicies } from "./policies/publicEndpoints";
import { resourcePolicyPolicies } from "./policies/resourcePolicies";
import { s3PublicAccessPolicies } from "./policies/s3PublicAccess";
import { serviceLogsPolicies } from "./policies/serviceLogs";
import { taggingAndApprovedServicesPolicies } from "./policies/taggingAndApprovedServices";

/** Every policy of the pack, by area. The entry point, the offline check and the docs read this list. */
export const policies: HipaaPolicy[] = [
    ...encryptionAtRestPolicies,
    ...dataStorePolicies,
    ...encryptionInTransitPolicies,
    ...dataServicesInTransitPolicies,
    ...networkExposurePolicies,
    ...publicEndpointPolicies,
    ...resourcePolicyPolicies,
    ...s3PublicAccessPolicies,
    ...loggingAndAuditPolicies,
    ...serviceLogsPolicies,
    ...accountBaselinePolicies,
    ...backupAndRetentionPolicies,
    ...identityAndAccessPolicies,
    ...iamReferencePolicies,
    ...containerPolicies,
    ...taggingAndApprovedServicesPolicies,
];

export const PACK_NAME = "redcap-hipaa";
