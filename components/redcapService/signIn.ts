/**
 * Institutional sign-in for REDCap, as pure data: what the task definitions carry so the image
 * renders REDCap's LDAP configuration at start. The bind password is never in config or plan: it
 * is a Secrets Manager secret the operator fills (docs/runbooks/first-deployment.md).
 */

/** LDAP sign-in (REDCap's "LDAP & Table-based": the first administrator keeps table login). */
export interface LdapSignIn {
    /** The directory, over TLS only: `ldaps://host[:port]`. */
    url: string;
    /** Where users are searched, e.g. `ou=people,dc=example,dc=edu`. */
    baseDn: string;
    /** The attribute users sign in with. Default `uid` (`sAMAccountName` for Active Directory). */
    userAttribute?: string;
    /** The service account REDCap searches with; absent: anonymous search. */
    bindDn?: string;
    /** An extra LDAP filter users must match, e.g. `(memberOf=cn=redcap,ou=groups,dc=example,dc=edu)`. */
    userFilter?: string;
}

export interface SignIn {
    /** Default `table`: REDCap's own accounts, as installed (the setup task leaves the method alone). */
    method: "table" | "ldap";
    ldap?: LdapSignIn;
}

/** REDCap's auth_meth_global for each method the stack decides (none for table: REDCap's own choice). */
export const REDCAP_AUTH_METHOD: Record<SignIn["method"], string | undefined> = {
    table: undefined,
    ldap: "ldap_table",
};

const LDAPS_URL = /^ldaps:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;
/** A DN's components: attribute=value pairs, with no character LDAP or PHP would read specially. */
const DN =
    /^[A-Za-z][A-Za-z0-9-]*=[^,=+<>#;"\\\0\n]+(,\s*[A-Za-z][A-Za-z0-9-]*=[^,=+<>#;"\\\0\n]+)*$/;
const ATTRIBUTE = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;
const FILTER = /^\([^\0\n]{1,1000}\)$/;

/** What is wrong with LDAP settings, as `field: reason` lines (empty when nothing is). */
export function ldapProblems(ldap: LdapSignIn): string[] {
    const problems: string[] = [];
    if (!LDAPS_URL.test(ldap.url)) {
        problems.push(
            `url ${JSON.stringify(ldap.url)} is not allowed; expected ldaps://host[:port] (TLS only)`,
        );
    }
    for (const field of ["baseDn", "bindDn"] as const) {
        const value = ldap[field];
        if (value !== undefined && !DN.test(value)) {
            problems.push(
                `${field} ${JSON.stringify(value)} is not allowed; expected a distinguished name such as ou=people,dc=example,dc=edu`,
            );
        }
    }
    if (ldap.userAttribute !== undefined && !ATTRIBUTE.test(ldap.userAttribute)) {
        problems.push(
            `userAttribute ${JSON.stringify(ldap.userAttribute)} is not allowed; expected an attribute name such as uid`,
        );
    }
    if (ldap.userFilter !== undefined && !FILTER.test(ldap.userFilter)) {
        problems.push(
            `userFilter ${JSON.stringify(ldap.userFilter)} is not allowed; expected one LDAP filter in parentheses`,
        );
    }
    return problems;
}

/** The web task's environment for LDAP sign-in (not secret; the bind password comes as a secret). */
export function ldapEnvironment(ldap: LdapSignIn): Record<string, string> {
    return {
        LDAP_URL: ldap.url,
        LDAP_BASE_DN: ldap.baseDn,
        LDAP_USER_ATTRIBUTE: ldap.userAttribute ?? "uid",
        ...(ldap.bindDn ? { LDAP_BIND_DN: ldap.bindDn } : {}),
        ...(ldap.userFilter ? { LDAP_USER_FILTER: ldap.userFilter } : {}),
    };
}
