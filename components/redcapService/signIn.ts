import * as crypto from "node:crypto";

/**
 * Institutional sign-in for REDCap, as pure data: what the task definitions carry so the image
 * renders REDCap's LDAP or Shibboleth (SAML) configuration at start. Credentials are never in
 * config or plan: the LDAP bind password and the SAML service provider's key are Secrets Manager
 * secrets the operator fills (docs/runbooks/first-deployment.md).
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

/**
 * SAML sign-in through Shibboleth's service provider in the image (REDCap's "Shibboleth &
 * Table-based": the first administrator keeps table login). The service provider's private key
 * and certificate are a secret the operator puts.
 */
export interface SamlSignIn {
    /** The identity provider's entity ID, e.g. `https://idp.example.edu/idp/shibboleth`. */
    idpEntityId: string;
    /** Where the identity provider publishes its metadata: https only, fetched over verified TLS. */
    idpMetadataUrl: string;
    /**
     * The PEM certificate that signs that metadata (a federation's, such as InCommon's): when
     * given, the metadata's signature is verified too. Public; never a private key.
     */
    idpMetadataSigningCertificate?: string;
    /**
     * The SAML attribute (its Name) REDCap's username comes from. Default eduPersonPrincipalName
     * (`urn:oid:1.3.6.1.4.1.5923.1.1.1.6`); Entra ID, for example, sends
     * `http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name`.
     */
    userAttribute?: string;
    /** This site's entity ID at the identity provider. Default `https://<domain>/shibboleth`. */
    spEntityId?: string;
}

export interface SignIn {
    /** Default `table`: REDCap's own accounts, as installed (the setup task leaves the method alone). */
    method: "table" | "ldap" | "saml";
    ldap?: LdapSignIn;
    saml?: SamlSignIn;
}

/** REDCap's auth_meth_global for each method the stack decides (none for table: REDCap's own choice). */
export const REDCAP_AUTH_METHOD: Record<SignIn["method"], string | undefined> = {
    table: undefined,
    ldap: "ldap_table",
    saml: "shibboleth_table",
};

/**
 * How long a SAML sign-in lasts (Shibboleth's session lifetime, 8 hours as Shibboleth's own
 * default); the load balancer keeps a browser on one task as long.
 */
export const SAML_SESSION_LIFETIME_SECONDS = 28800;

/** eduPersonPrincipalName, the username attribute of research and education federations. */
export const EDU_PERSON_PRINCIPAL_NAME = "urn:oid:1.3.6.1.4.1.5923.1.1.1.6";

/**
 * What is wrong with a sign-in as a whole, as `[key under prefix, reason]` pairs: each method's
 * settings are required with it and refused with another, then each setting is checked.
 */
export function signInProblems(signIn: SignIn, prefix = "signIn"): [string, string][] {
    const problems: [string, string][] = [];
    const needs = {
        ldap: "the directory's url, baseDn (and bindDn, userAttribute, userFilter)",
        saml: "the identity provider's idpEntityId and idpMetadataUrl (and userAttribute, spEntityId, idpMetadataSigningCertificate)",
    } as const;
    for (const method of ["ldap", "saml"] as const) {
        if (signIn.method === method && !signIn[method]) {
            problems.push([
                method,
                `missing; expected ${needs[method]} with signIn.method "${method}"`,
            ]);
        }
        if (signIn.method !== method && signIn[method]) {
            problems.push([
                "method",
                `${JSON.stringify(signIn.method)} is not allowed with ${prefix}.${method}; expected "${method}"`,
            ]);
        }
    }
    const detail = (section: string, lines: string[]) =>
        lines.map((line): [string, string] => [
            `${section}.${line.split(" ")[0]}`,
            line.replace(/^\S+ /, ""),
        ]);
    problems.push(...detail("ldap", signIn.ldap ? ldapProblems(signIn.ldap) : []));
    problems.push(...detail("saml", signIn.saml ? samlProblems(signIn.saml) : []));
    return problems;
}

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

/** A SAML entity ID or attribute name: an absolute URI (URL or URN), at most 1024 characters. */
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\^`{|}]{1,1000}$/;
/** A plain attribute name some identity providers send (e.g. `email`, `uid`). */
const PLAIN_ATTRIBUTE = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;

/** What is wrong with SAML settings, as `field: reason` lines (empty when nothing is). */
export function samlProblems(saml: SamlSignIn): string[] {
    const problems: string[] = [];
    const show = (value: string) =>
        JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
    for (const field of ["idpEntityId", "spEntityId"] as const) {
        const value = saml[field];
        if (value !== undefined && !URI.test(value)) {
            problems.push(
                `${field} ${show(value)} is not allowed; expected an entity ID: a URL or URN such as https://idp.example.edu/idp/shibboleth`,
            );
        }
    }
    if (!isHttpsUrl(saml.idpMetadataUrl)) {
        problems.push(
            `idpMetadataUrl ${show(saml.idpMetadataUrl)} is not allowed; expected an https:// URL (the metadata is fetched over verified TLS only)`,
        );
    }
    const attribute = saml.userAttribute;
    if (attribute !== undefined && !URI.test(attribute) && !PLAIN_ATTRIBUTE.test(attribute)) {
        problems.push(
            `userAttribute ${show(attribute)} is not allowed; expected a SAML attribute name such as ${EDU_PERSON_PRINCIPAL_NAME}`,
        );
    }
    const pem = saml.idpMetadataSigningCertificate;
    if (pem !== undefined) {
        if (/PRIVATE KEY/.test(pem)) {
            // Never echo it: this is a private key in stack config.
            problems.push(
                "idpMetadataSigningCertificate holds a private key, which must never be in stack config; expected the metadata signer's public PEM certificate",
            );
        } else if (!isPemCertificate(pem)) {
            problems.push(
                "idpMetadataSigningCertificate is not allowed; expected one PEM certificate (-----BEGIN CERTIFICATE----- …)",
            );
        }
    }
    return problems;
}

function isHttpsUrl(value: string): boolean {
    if (/[\s\0]/.test(value)) {
        return false;
    }
    try {
        const url = new URL(value);
        return (
            url.protocol === "https:" &&
            url.username === "" &&
            url.password === "" &&
            url.hostname !== ""
        );
    } catch {
        return false;
    }
}

function isPemCertificate(value: string): boolean {
    const blocks = value.match(/-----BEGIN CERTIFICATE-----/g) ?? [];
    if (blocks.length !== 1) {
        return false;
    }
    try {
        new crypto.X509Certificate(value);
        return true;
    } catch {
        return false;
    }
}

/**
 * The web task's environment for SAML sign-in (not secret; the service provider's key and
 * certificate come as a secret). `baseUrl` is the site's, for the default entity ID.
 */
export function samlEnvironment(saml: SamlSignIn, baseUrl: string): Record<string, string> {
    return {
        SAML_IDP_ENTITY_ID: saml.idpEntityId,
        SAML_IDP_METADATA_URL: saml.idpMetadataUrl,
        SAML_SP_ENTITY_ID: saml.spEntityId ?? `${baseUrl.replace(/\/+$/, "")}/shibboleth`,
        SAML_USER_ATTRIBUTE: saml.userAttribute ?? EDU_PERSON_PRINCIPAL_NAME,
        SAML_SESSION_LIFETIME_SECONDS: String(SAML_SESSION_LIFETIME_SECONDS),
        ...(saml.idpMetadataSigningCertificate
            ? {
                  SAML_IDP_METADATA_SIGNING_CERTIFICATE:
                      saml.idpMetadataSigningCertificate.trim() + "\n",
              }
            : {}),
    };
}
