import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as https from "node:https";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import * as samlify from "samlify";
import { makeCertificates, makeSelfSignedCredential } from "../certificates";

/**
 * A SAML 2.0 identity provider for the container tests, standing in for an institution's
 * (Shibboleth IdP, Entra ID, Okta): its metadata is served over HTTPS on 127.0.0.1 with a
 * certificate for the given names, and it answers the service provider's AuthnRequest with a
 * signed (optionally encrypted) Response, built by samlify, as the browser would carry it.
 */
export interface SamlIdentityProvider {
    entityId: string;
    /** Where the service provider fetches the metadata. */
    metadataUrl: string;
    /** The CA that signed the HTTPS server's certificate. */
    caFile: string;
    /** How many times the metadata was fetched. */
    metadataFetches(): number;
    /**
     * The browser's part of a sign-in: given the Location the service provider redirected to
     * (HTTP-Redirect binding), the form the identity provider would auto-post back.
     */
    answer(
        redirectLocation: string,
        user: { username: string; mail: string },
        options?: { encryptFor?: string; inResponseTo?: string },
    ): Promise<{ action: string; fields: Record<string, string> }>;
    stop(): Promise<void>;
}

export const EPPN = "urn:oid:1.3.6.1.4.1.5923.1.1.1.6";
const MAIL = "urn:oid:0.9.2342.19200300.100.1.3";
const POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

function attribute(name: string, value: string): string {
    return `<saml:Attribute Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue xsi:type="xs:string">${escapeXml(value)}</saml:AttributeValue></saml:Attribute>`;
}

function authnStatement(now: Date): string {
    return `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="_${crypto.randomUUID()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`;
}

function escapeXml(value: string): string {
    return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function startSamlIdentityProvider(options: {
    /** The identity provider's entity ID and its metadata's URL (https://host[:port]/path). */
    entityId: string;
    metadataUrl: string;
}): Promise<SamlIdentityProvider> {
    samlify.setSchemaValidator({
        validate: () => Promise.resolve("not validated by the test IdP"),
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "saml-idp-"));
    const metadataUrl = new URL(options.metadataUrl);
    const tls = makeCertificates(dir, [metadataUrl.hostname]);
    const signing = makeSelfSignedCredential(dir, "idp-signing");
    const origin = metadataUrl.origin;
    const port = Number(metadataUrl.port || 443);
    const entityId = options.entityId;
    const idp = samlify.IdentityProvider({
        entityID: entityId,
        privateKey: fs.readFileSync(signing.key, "utf8"),
        signingCert: fs.readFileSync(signing.cert, "utf8"),
        singleSignOnService: [{ Binding: REDIRECT_BINDING, Location: `${origin}/sso` }],
        nameIDFormat: ["urn:oasis:names:tc:SAML:2.0:nameid-format:transient"],
        wantAuthnRequestsSigned: false,
    });
    const metadata = idp.getMetadata();
    let fetches = 0;
    const server = https.createServer(
        { key: fs.readFileSync(tls.key), cert: fs.readFileSync(tls.cert) },
        (req, res) => {
            if (req.url === metadataUrl.pathname) {
                fetches += 1;
                res.writeHead(200, { "content-type": "application/samlmetadata+xml" });
                res.end(metadata);
            } else {
                res.writeHead(404).end();
            }
        },
    );
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", resolve);
    });

    return {
        entityId,
        metadataUrl: options.metadataUrl,
        caFile: tls.ca,
        metadataFetches: () => fetches,
        async answer(redirectLocation, user, answerOptions = {}) {
            const url = new URL(redirectLocation);
            if (`${url.origin}${url.pathname}` !== `${origin}/sso`) {
                throw new Error(`not this identity provider's SSO location: ${redirectLocation}`);
            }
            const encoded = url.searchParams.get("SAMLRequest");
            if (!encoded) {
                throw new Error(`no SAMLRequest in ${redirectLocation}`);
            }
            const xml = zlib.inflateRawSync(Buffer.from(encoded, "base64")).toString("utf8");
            const request = new DOMParser().parseFromString(xml, "text/xml").documentElement;
            const acs = request.getAttribute("AssertionConsumerServiceURL") ?? "";
            const requestId = request.getAttribute("ID") ?? "";
            const issuer = request.getElementsByTagNameNS("*", "Issuer")[0]?.textContent ?? "";
            const sp = samlify.ServiceProvider({
                entityID: issuer,
                assertionConsumerService: [{ Binding: POST_BINDING, Location: acs }],
                ...(answerOptions.encryptFor ? { encryptCert: answerOptions.encryptFor } : {}),
            });
            const encrypting = samlify.IdentityProvider({
                ...idp.entitySetting,
                isAssertionEncrypted: answerOptions.encryptFor !== undefined,
                metadata,
            });
            const now = new Date();
            const later = new Date(now.getTime() + 5 * 60 * 1000).toISOString();
            const inResponseTo = answerOptions.inResponseTo ?? requestId;
            const { context } = await encrypting.createLoginResponse(
                sp,
                { extract: { request: { id: inResponseTo } } },
                "post",
                { email: user.mail },
                {
                    // The message is signed last, over the encrypted assertion, as IdPs do.
                    encryptThenSign: true,
                    customTagReplacement: (template: string) => ({
                        id: "",
                        // The statements are XML: put in as they are (replaceTagsByValue escapes values).
                        context: samlify.SamlLib.replaceTagsByValue(
                            template
                                .replace("{AuthnStatement}", authnStatement(now))
                                .replace(
                                    "{AttributeStatement}",
                                    `<saml:AttributeStatement>${attribute(EPPN, user.username)}${attribute(MAIL, user.mail)}</saml:AttributeStatement>`,
                                ),
                            {
                                ID: `_${crypto.randomUUID()}`,
                                AssertionID: `_${crypto.randomUUID()}`,
                                Destination: acs,
                                Audience: issuer,
                                SubjectRecipient: acs,
                                Issuer: entityId,
                                IssueInstant: now.toISOString(),
                                StatusCode: "urn:oasis:names:tc:SAML:2.0:status:Success",
                                ConditionsNotBefore: now.toISOString(),
                                ConditionsNotOnOrAfter: later,
                                SubjectConfirmationDataNotOnOrAfter: later,
                                NameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
                                NameID: `_${crypto.randomUUID()}`,
                                InResponseTo: inResponseTo,
                            },
                        ),
                    }),
                },
            );
            return {
                action: acs,
                fields: {
                    SAMLResponse: context,
                    ...(url.searchParams.get("RelayState")
                        ? { RelayState: url.searchParams.get("RelayState")! }
                        : {}),
                },
            };
        },
        async stop() {
            await new Promise((resolve) => server.close(resolve));
            server.closeAllConnections();
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}
