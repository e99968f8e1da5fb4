/**
 * What each component does for the HIPAA Security Rule, kept next to the component
 * (`<component>/safeguards.ts`) and read by `npm run docs:hipaa-matrix`, which writes
 * docs/hipaa-matrix.md. Its tests check that every cited paragraph is in the safeguard catalogue,
 * that every test named here exists, and that every component type has an entry.
 */

import { auditBaselineSafeguards } from "./auditBaseline/safeguards";
import { backupCopyVaultSafeguards, backupsSafeguards } from "./backups/safeguards";
import { bastionOrSsmSafeguards } from "./bastionOrSsm/safeguards";
import { dataBucketSafeguards } from "./dataBucket/safeguards";
import { dataFeedSafeguards } from "./dataFeed/safeguards";
import { encryptionKeysSafeguards } from "./encryptionKeys/safeguards";
import { fargateClusterSafeguards } from "./fargateCluster/safeguards";
import { fargateServiceSafeguards } from "./fargateService/safeguards";
import { fileStoreSafeguards } from "./fileStore/safeguards";
import { hipaaVpcSafeguards } from "./hipaaVpc/safeguards";
import { mailRelaySafeguards } from "./mailRelay/safeguards";
import {
    alertTopicSafeguards,
    costBudgetSafeguards,
    alarmSilenceSafeguards,
    eventAlertsSafeguards,
    serviceAlarmsSafeguards,
    siteHealthCheckSafeguards,
} from "./monitoring/safeguards";
import { programSafeguards } from "./programSafeguards";
import { publicLoadBalancerSafeguards } from "./publicLoadBalancer/safeguards";
import { redcapDatabaseSafeguards } from "./redcapDatabase/safeguards";
import { redcapImageSafeguards } from "./redcapImage/safeguards";
import { redcapServiceSafeguards } from "./redcapService/safeguards";
import { rstudioWorkbenchSafeguards } from "./rstudioWorkbench/safeguards";
import { sharedFileSystemSafeguards } from "./sharedFileSystem/safeguards";
import { webFirewallSafeguards } from "./webFirewall/safeguards";

/** A test that proves a feature: its file (from the repository root) and the exact `it` title. */
export interface TestRef {
    file: string;
    it: string;
}

export interface SafeguardFeature {
    /** 45 CFR paragraphs, comma-separated, e.g. "164.312(a)(2)(iv), 164.312(e)(1)". */
    cites: string;
    /** What the component does, in a reviewer's words. */
    feature: string;
    /** At least one test that fails when the feature is gone. */
    tests: TestRef[];
}

export interface ComponentSafeguards {
    /** The component's type token (e.g. "hipaa:storage:FileStore"), or a name for program-wide features. */
    component: string;
    /** The file that implements it, from the repository root. */
    source: string;
    features: SafeguardFeature[];
}

/** Every component's entry, in the order index.ts composes them; the program's own last. */
export const COMPONENT_SAFEGUARDS: readonly ComponentSafeguards[] = [
    encryptionKeysSafeguards,
    hipaaVpcSafeguards,
    redcapDatabaseSafeguards,
    fileStoreSafeguards,
    sharedFileSystemSafeguards,
    dataBucketSafeguards,
    dataFeedSafeguards,
    backupsSafeguards,
    backupCopyVaultSafeguards,
    mailRelaySafeguards,
    redcapImageSafeguards,
    publicLoadBalancerSafeguards,
    webFirewallSafeguards,
    fargateClusterSafeguards,
    fargateServiceSafeguards,
    redcapServiceSafeguards,
    rstudioWorkbenchSafeguards,
    bastionOrSsmSafeguards,
    alertTopicSafeguards,
    serviceAlarmsSafeguards,
    eventAlertsSafeguards,
    siteHealthCheckSafeguards,
    costBudgetSafeguards,
    alarmSilenceSafeguards,
    auditBaselineSafeguards,
    programSafeguards,
];
