/**
 * The HIPAA Security Rule safeguards (45 CFR Part 164 Subpart C) the matrix reports on, with who
 * carries each one. Citations on policies and components resolve to these rows (a finer paragraph
 * rolls up to its standard's row); a citation with no row fails the matrix's tests.
 *
 * Engineering guidance, not legal advice: a covered entity's own risk analysis decides what is
 * reasonable and appropriate for it.
 */

/** Who carries a safeguard once these stacks run. */
export type Responsibility =
    /** The stacks implement the technical control; the customer keeps it switched on. */
    | "built-in"
    /** The stacks give the mechanisms; the customer's people and procedures complete it. */
    | "shared"
    /** Procedures and people only: nothing infrastructure can do for the customer. */
    | "customer"
    /** Inherited from AWS under its Business Associate Addendum. */
    | "aws";

export interface Safeguard {
    /** The paragraph, e.g. "164.312(a)(2)(iv)"; a standard's row omits its "(i)". */
    paragraph: string;
    title: string;
    /** R = required, A = addressable implementation specification; S = a standard. */
    kind: "S" | "R" | "A";
    responsibility: Responsibility;
    /** What remains the customer's to do (shown in the matrix and in the responsibility list). */
    yours?: string;
}

export const SECTIONS: Record<string, string> = {
    "164.308": "Administrative safeguards (164.308)",
    "164.310": "Physical safeguards (164.310)",
    "164.312": "Technical safeguards (164.312)",
    "164.314": "Organizational requirements (164.314)",
    "164.316": "Policies, procedures and documentation (164.316)",
};

export const SAFEGUARDS: readonly Safeguard[] = [
    {
        paragraph: "164.308(a)(1)(ii)(A)",
        title: "Risk analysis",
        kind: "R",
        responsibility: "customer",
        yours: "Perform and document your organization's risk analysis, covering this deployment, REDCap's projects and the people who use them; repeat it when the system or its use changes.",
    },
    {
        paragraph: "164.308(a)(1)(ii)(B)",
        title: "Risk management",
        kind: "R",
        responsibility: "shared",
        yours: "Decide which risks the controls here reduce enough, record the advisories and exemptions you accept (with the exemption tag's reason) and the risks left.",
    },
    {
        paragraph: "164.308(a)(1)(ii)(C)",
        title: "Sanction policy",
        kind: "R",
        responsibility: "customer",
        yours: "Sanctions for workforce members who fail to comply.",
    },
    {
        paragraph: "164.308(a)(1)(ii)(D)",
        title: "Information system activity review",
        kind: "R",
        responsibility: "shared",
        yours: "Review regularly what the stacks record: CloudTrail, GuardDuty findings, AWS Config non-compliance, database audit logs, session logs and REDCap's own logging; keep evidence of the reviews.",
    },
    {
        paragraph: "164.308(a)(2)",
        title: "Assigned security responsibility",
        kind: "R",
        responsibility: "customer",
        yours: "Name the security official. The required `owner` tag names who is accountable for each resource, not the official.",
    },
    {
        paragraph: "164.308(a)(3)",
        title: "Workforce security",
        kind: "S",
        responsibility: "shared",
        yours: "Grant and remove people's access (AWS SSO permission sets, REDCap users) as they join, change roles and leave.",
    },
    {
        paragraph: "164.308(a)(4)",
        title: "Information access management",
        kind: "S",
        responsibility: "shared",
        yours: "Authorize access to ePHI per role: AWS permission sets for operators, REDCap user rights and data access groups per project.",
    },
    {
        paragraph: "164.308(a)(5)",
        title: "Security awareness and training",
        kind: "S",
        responsibility: "customer",
        yours: "Train the workforce (operators, REDCap administrators and project users) before they get access, and periodically.",
    },
    {
        paragraph: "164.308(a)(5)(ii)(A)",
        title: "Security reminders",
        kind: "A",
        responsibility: "shared",
        yours: "Remind the workforce of security updates; the stacks keep the platform's own versions current only when you raise them in config.",
    },
    {
        paragraph: "164.308(a)(5)(ii)(B)",
        title: "Protection from malicious software",
        kind: "A",
        responsibility: "shared",
        yours: "Act on GuardDuty and image-scan findings; keep REDCap and the base image current.",
    },
    {
        paragraph: "164.308(a)(5)(ii)(C)",
        title: "Log-in monitoring",
        kind: "A",
        responsibility: "shared",
        yours: "Watch REDCap's own login failures (Control Center) and respond to the sign-in alarms.",
    },
    {
        paragraph: "164.308(a)(5)(ii)(D)",
        title: "Password management",
        kind: "A",
        responsibility: "shared",
        yours: "Set REDCap's password rules or use your institution's sign-in with MFA; enforce MFA in AWS SSO.",
    },
    {
        paragraph: "164.308(a)(6)",
        title: "Security incident procedures",
        kind: "S",
        responsibility: "customer",
        yours: "Write and rehearse the incident response plan, including breach assessment and notification (45 CFR 164.400–414).",
    },
    {
        paragraph: "164.308(a)(6)(ii)",
        title: "Response and reporting",
        kind: "R",
        responsibility: "shared",
        yours: "Someone must receive and act on the alerts: confirm the alarm e-mail subscriptions and staff the response.",
    },
    {
        paragraph: "164.308(a)(7)",
        title: "Contingency plan",
        kind: "S",
        responsibility: "shared",
        yours: "Own the contingency plan: who decides to restore, who is called, where the runbooks are.",
    },
    {
        paragraph: "164.308(a)(7)(ii)(A)",
        title: "Data backup plan",
        kind: "R",
        responsibility: "built-in",
        yours: "Check backup jobs succeed (an alarm fires when one fails) and decide on a copy in another region.",
    },
    {
        paragraph: "164.308(a)(7)(ii)(B)",
        title: "Disaster recovery plan",
        kind: "R",
        responsibility: "shared",
        yours: "Adopt the disaster-recovery runbook as your plan, with your RTO/RPO targets and contacts.",
    },
    {
        paragraph: "164.308(a)(7)(ii)(C)",
        title: "Emergency mode operation plan",
        kind: "R",
        responsibility: "shared",
        yours: "Decide how research continues while REDCap is down (paper forms, a read-only restore).",
    },
    {
        paragraph: "164.308(a)(7)(ii)(D)",
        title: "Testing and revision procedures",
        kind: "A",
        responsibility: "customer",
        yours: "Run the restore and DR drills in the runbooks at least yearly and record the times you measure.",
    },
    {
        paragraph: "164.308(a)(7)(ii)(E)",
        title: "Applications and data criticality analysis",
        kind: "A",
        responsibility: "customer",
        yours: "Rank REDCap and its projects by criticality to set recovery priorities.",
    },
    {
        paragraph: "164.308(a)(8)",
        title: "Evaluation",
        kind: "R",
        responsibility: "shared",
        yours: "Evaluate periodically (and after changes) whether the controls still meet the rule: the policy pack and AWS Config give evidence, the judgement is yours.",
    },
    {
        paragraph: "164.308(b)(1)",
        title: "Business associate contracts and other arrangements",
        kind: "S",
        responsibility: "customer",
        yours: "Accept the AWS Business Associate Addendum (AWS Artifact) for every account that holds ePHI, and sign BAAs with any other party that touches it.",
    },
    {
        paragraph: "164.310(a)(1)",
        title: "Facility access controls",
        kind: "S",
        responsibility: "aws",
        yours: "Inherited from AWS's data centres under the BAA; your own offices and workstations stay yours.",
    },
    {
        paragraph: "164.310(b)",
        title: "Workstation use",
        kind: "S",
        responsibility: "customer",
        yours: "Policies for the workstations operators and REDCap users work from.",
    },
    {
        paragraph: "164.310(c)",
        title: "Workstation security",
        kind: "S",
        responsibility: "customer",
        yours: "Physical safeguards for those workstations; exports of REDCap data to laptops are outside these stacks.",
    },
    {
        paragraph: "164.310(d)(1)",
        title: "Device and media controls",
        kind: "S",
        responsibility: "shared",
        yours: "AWS destroys its storage media; you control what leaves AWS (exports, downloads, copies of backups).",
    },
    {
        paragraph: "164.310(d)(2)(iv)",
        title: "Data backup and storage",
        kind: "A",
        responsibility: "built-in",
    },
    {
        paragraph: "164.312(a)(1)",
        title: "Access control",
        kind: "S",
        responsibility: "shared",
        yours: "Grant people access only through SSO permission sets and REDCap user rights; the stacks grant machines only what they need.",
    },
    {
        paragraph: "164.312(a)(2)(i)",
        title: "Unique user identification",
        kind: "R",
        responsibility: "shared",
        yours: "One identity per person: SSO for AWS, a named REDCap account (or your institution's sign-in) per user; never share the first administrator.",
    },
    {
        paragraph: "164.312(a)(2)(ii)",
        title: "Emergency access procedure",
        kind: "R",
        responsibility: "shared",
        yours: "A documented break-glass path (who may use the root user or an emergency role, and how its use is reviewed).",
    },
    {
        paragraph: "164.312(a)(2)(iii)",
        title: "Automatic logoff",
        kind: "A",
        responsibility: "shared",
        yours: "Set REDCap's auto-logout time (Control Center → Security & Authentication).",
    },
    {
        paragraph: "164.312(a)(2)(iv)",
        title: "Encryption and decryption",
        kind: "A",
        responsibility: "built-in",
    },
    {
        paragraph: "164.312(b)",
        title: "Audit controls",
        kind: "R",
        responsibility: "shared",
        yours: "Keep REDCap's own logging on and review it; decide how long audit data is kept (defaults: six years for the trail).",
    },
    {
        paragraph: "164.312(c)(1)",
        title: "Integrity",
        kind: "S",
        responsibility: "built-in",
    },
    {
        paragraph: "164.312(c)(2)",
        title: "Mechanism to authenticate electronic protected health information",
        kind: "A",
        responsibility: "built-in",
    },
    {
        paragraph: "164.312(d)",
        title: "Person or entity authentication",
        kind: "R",
        responsibility: "shared",
        yours: "MFA for people: in AWS SSO and in REDCap (its two-factor settings or your institution's sign-in).",
    },
    {
        paragraph: "164.312(e)(1)",
        title: "Transmission security",
        kind: "S",
        responsibility: "built-in",
    },
    {
        paragraph: "164.312(e)(2)(i)",
        title: "Integrity controls (transmission)",
        kind: "A",
        responsibility: "built-in",
    },
    {
        paragraph: "164.312(e)(2)(ii)",
        title: "Encryption (transmission)",
        kind: "A",
        responsibility: "built-in",
        yours: "E-mail leaves SES over TLS, but a recipient's server may store it in clear: keep ePHI out of REDCap's e-mails (alerts, survey invitations).",
    },
    {
        paragraph: "164.314(a)",
        title: "Business associate contracts or other arrangements",
        kind: "S",
        responsibility: "customer",
        yours: "Use only HIPAA-eligible AWS services for ePHI (the policy pack refuses the rest) under the BAA; REDCap's licence with Vanderbilt is not a BAA.",
    },
    {
        paragraph: "164.316",
        title: "Policies and procedures; documentation",
        kind: "S",
        responsibility: "customer",
        yours: "Keep written policies and this matrix's evidence for six years; the Git history of these stacks documents the technical changes.",
    },
];
