import { expect } from "chai";
import { ldapEnvironment, ldapProblems, REDCAP_AUTH_METHOD } from "./signIn";

const LDAP = {
    url: "ldaps://ldap.example.edu",
    baseDn: "ou=people,dc=example,dc=edu",
};

describe("RedcapService: institutional sign-in settings", () => {
    it("accepts an ldaps:// directory with distinguished names, an attribute and a filter", () => {
        expect(ldapProblems(LDAP)).to.deep.equal([]);
        expect(
            ldapProblems({
                url: "ldaps://ad.example.edu:3269",
                baseDn: "OU=Staff, DC=example, DC=edu",
                bindDn: "CN=svc-redcap,OU=Services,DC=example,DC=edu",
                userAttribute: "sAMAccountName",
                userFilter: "(memberOf=CN=redcap,OU=Groups,DC=example,DC=edu)",
            }),
        ).to.deep.equal([]);
    });

    it("refuses plain ldap://, a malformed DN, attribute or filter, naming each", () => {
        expect(
            ldapProblems({
                url: "ldap://ldap.example.edu",
                baseDn: "people",
                bindDn: "cn=x,dc=a\nrootdn",
                userAttribute: "uid; rm",
                userFilter: "memberOf=x",
            }),
        ).to.deep.equal([
            'url "ldap://ldap.example.edu" is not allowed; expected ldaps://host[:port] (TLS only)',
            'baseDn "people" is not allowed; expected a distinguished name such as ou=people,dc=example,dc=edu',
            'bindDn "cn=x,dc=a\\nrootdn" is not allowed; expected a distinguished name such as ou=people,dc=example,dc=edu',
            'userAttribute "uid; rm" is not allowed; expected an attribute name such as uid',
            'userFilter "memberOf=x" is not allowed; expected one LDAP filter in parentheses',
        ]);
    });

    it("hands the image the directory's settings (uid by default) and never the password", () => {
        expect(ldapEnvironment(LDAP)).to.deep.equal({
            LDAP_URL: "ldaps://ldap.example.edu",
            LDAP_BASE_DN: "ou=people,dc=example,dc=edu",
            LDAP_USER_ATTRIBUTE: "uid",
        });
        expect(
            Object.keys(ldapEnvironment({ ...LDAP, bindDn: "cn=r,dc=e", userFilter: "(a=b)" })),
        ).to.have.members([
            "LDAP_URL",
            "LDAP_BASE_DN",
            "LDAP_USER_ATTRIBUTE",
            "LDAP_BIND_DN",
            "LDAP_USER_FILTER",
        ]);
    });

    it("sets REDCap's method only for LDAP, keeping table-based accounts beside it", () => {
        expect(REDCAP_AUTH_METHOD).to.deep.equal({ table: undefined, ldap: "ldap_table" });
    });
});
