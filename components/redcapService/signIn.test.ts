import { expect } from "chai";
import { selfSignedPem } from "../../test/certificates";
import {
    EDU_PERSON_PRINCIPAL_NAME,
    ldapEnvironment,
    ldapProblems,
    REDCAP_AUTH_METHOD,
    SAML_SESSION_LIFETIME_SECONDS,
    samlEnvironment,
    samlProblems,
    signInProblems,
} from "./signIn";

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

    it("sets REDCap's method only for LDAP and SAML, keeping table-based accounts beside each", () => {
        expect(REDCAP_AUTH_METHOD).to.deep.equal({
            table: undefined,
            ldap: "ldap_table",
            saml: "shibboleth_table",
        });
    });
});

const SAML = {
    idpEntityId: "https://idp.example.edu/idp/shibboleth",
    idpMetadataUrl: "https://idp.example.edu/idp/shibboleth/metadata",
};

/** A real certificate and its key (the shapes operators paste). */
const pemPair = () => selfSignedPem("metadata-signer");

describe("RedcapService: SAML sign-in settings", () => {
    it("accepts an identity provider by entity ID (URL or URN) and https metadata, with a signer's certificate and attribute names", () => {
        expect(samlProblems(SAML)).to.deep.equal([]);
        expect(
            samlProblems({
                idpEntityId: "urn:mace:incommon:example.edu",
                idpMetadataUrl: "https://mdq.incommon.org:443/entities/urn%3Amace%3Aincommon",
                idpMetadataSigningCertificate: pemPair().cert,
                userAttribute: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
                spEntityId: "https://redcap.example.edu/shibboleth",
            }),
        ).to.deep.equal([]);
        expect(samlProblems({ ...SAML, userAttribute: "email" })).to.deep.equal([]);
    });

    it("refuses metadata over http or with credentials, entity IDs and attributes that are not names, naming each", () => {
        expect(
            samlProblems({
                idpEntityId: "idp example",
                idpMetadataUrl: "http://idp.example.edu/metadata",
                spEntityId: "<script>",
                userAttribute: "uid; rm",
            }),
        ).to.deep.equal([
            'idpEntityId "idp example" is not allowed; expected an entity ID: a URL or URN such as https://idp.example.edu/idp/shibboleth',
            'spEntityId "<script>" is not allowed; expected an entity ID: a URL or URN such as https://idp.example.edu/idp/shibboleth',
            'idpMetadataUrl "http://idp.example.edu/metadata" is not allowed; expected an https:// URL (the metadata is fetched over verified TLS only)',
            `userAttribute "uid; rm" is not allowed; expected a SAML attribute name such as ${EDU_PERSON_PRINCIPAL_NAME}`,
        ]);
        for (const url of [
            "https://user:pw@idp.example.edu/m",
            "https://idp.example.edu/a b",
            "ftp://x",
        ]) {
            expect(samlProblems({ ...SAML, idpMetadataUrl: url })).to.have.length(1);
        }
    });

    it("refuses a private key where the metadata signer's certificate goes, without echoing it, and a PEM that is not one certificate", () => {
        const { cert, key } = pemPair();
        const withKey = samlProblems({ ...SAML, idpMetadataSigningCertificate: key + cert });
        expect(withKey).to.deep.equal([
            "idpMetadataSigningCertificate holds a private key, which must never be in stack config; expected the metadata signer's public PEM certificate",
        ]);
        expect(withKey.join("")).not.to.include(key.split("\n")[1]);
        for (const pem of ["not a certificate", cert + cert, cert.replace(/[A-Za-z]{8}\n/, "\n")]) {
            expect(samlProblems({ ...SAML, idpMetadataSigningCertificate: pem })).to.deep.equal([
                "idpMetadataSigningCertificate is not allowed; expected one PEM certificate (-----BEGIN CERTIFICATE----- …)",
            ]);
        }
    });

    it("hands the image the identity provider, this site's entity ID and eduPersonPrincipalName by default, and never the key", () => {
        expect(samlEnvironment(SAML, "https://redcap.example.edu/")).to.deep.equal({
            SAML_IDP_ENTITY_ID: SAML.idpEntityId,
            SAML_IDP_METADATA_URL: SAML.idpMetadataUrl,
            SAML_SP_ENTITY_ID: "https://redcap.example.edu/shibboleth",
            SAML_USER_ATTRIBUTE: EDU_PERSON_PRINCIPAL_NAME,
            SAML_SESSION_LIFETIME_SECONDS: String(SAML_SESSION_LIFETIME_SECONDS),
        });
        const { cert } = pemPair();
        const env = samlEnvironment(
            {
                ...SAML,
                spEntityId: "urn:redcap",
                userAttribute: "email",
                idpMetadataSigningCertificate: cert,
            },
            "https://redcap.example.edu",
        );
        expect(env).to.include({
            SAML_SP_ENTITY_ID: "urn:redcap",
            SAML_USER_ATTRIBUTE: "email",
            SAML_IDP_METADATA_SIGNING_CERTIFICATE: cert,
        });
        expect(Object.keys(env).filter((k) => /KEY|CREDENTIAL|PASSWORD/.test(k))).to.deep.equal([]);
    });

    it("requires each method's settings with it and refuses them with another method", () => {
        expect(signInProblems({ method: "table" })).to.deep.equal([]);
        expect(signInProblems({ method: "saml", saml: SAML })).to.deep.equal([]);
        expect(signInProblems({ method: "saml" }).map(([key]) => key)).to.deep.equal(["saml"]);
        expect(
            signInProblems({
                method: "table",
                saml: SAML,
                ldap: { url: "ldaps://l", baseDn: "dc=e" },
            }),
        ).to.deep.equal([
            ["method", '"table" is not allowed with signIn.ldap; expected "ldap"'],
            ["method", '"table" is not allowed with signIn.saml; expected "saml"'],
        ]);
        expect(
            signInProblems(
                { method: "saml", saml: { ...SAML, idpMetadataUrl: "x" } },
                "redcap:app.signIn",
            ),
        ).to.deep.equal([
            [
                "saml.idpMetadataUrl",
                '"x" is not allowed; expected an https:// URL (the metadata is fetched over verified TLS only)',
            ],
        ]);
    });
});
