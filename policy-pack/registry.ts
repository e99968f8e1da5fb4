import type { HipaaPolicy } from "./lib/policy";
import { accountBaselinePolicies } from "./policies/accountBaseline";
import { backupAndRetentionPolicies } from "./policies/backupAndRetention";
import { containerPolicies } from "./policies/containers";
import { dataStorePolicies } from "./policies/dataStores";
import { encryptionAtRestPolicies } from "./policies/encryptionAtRest";
import { encryptionInTransitPolicies } from "./policies/encryptionInTransit";
import { identityAndAccessPolicies } from "./policies/identityAndAccess";
import { loggingAndAuditPolicies } from "./policies/loggingAndAudit";
import { networkExposurePolicies } from "./policies/networkExposure";
import { s3PublicAccessPolicies } from "./policies/s3PublicAccess";
import { taggingAndApprovedServicesPolicies } from "./policies/taggingAndApprovedServices";

/** Every policy of the pack, by area. The entry point, the offline check and the docs read this list. */
export const policies: HipaaPolicy[] = [
    ...encryptionAtRestPolicies,
    ...dataStorePolicies,
    ...encryptionInTransitPolicies,
    ...networkExposurePolicies,
    ...s3PublicAccessPolicies,
    ...loggingAndAuditPolicies,
    ...accountBaselinePolicies,
    ...backupAndRetentionPolicies,
    ...identityAndAccessPolicies,
    ...containerPolicies,
    ...taggingAndApprovedServicesPolicies,
];

export const PACK_NAME = "redcap-hipaa";
