<?php
// SAML sign-in through the Shibboleth service provider (Debian's shibd and mod_shib), rendered at
// container start into <config dir>/shibboleth from the web task's environment:
//   SAML_IDP_ENTITY_ID, SAML_IDP_METADATA_URL (https only), SAML_SP_ENTITY_ID,
//   SAML_USER_ATTRIBUTE (the SAML attribute name REDCap's username comes from),
//   SAML_SESSION_LIFETIME_SECONDS (how long a sign-in lasts; the load balancer's stickiness matches),
//   SAML_IDP_METADATA_SIGNING_CERTIFICATE (optional PEM: the metadata's signature is then checked too),
//   SAML_SP_CREDENTIALS (secret: the service provider's PEM private key followed by its certificate).
// Included by render-config.php. Prints no secret value, ever.

declare(strict_types=1);

const SAML_SETTINGS = ['SAML_IDP_ENTITY_ID', 'SAML_IDP_METADATA_URL', 'SAML_SP_ENTITY_ID', 'SAML_USER_ATTRIBUTE'];

function xmlAttribute(string $value): string
{
    return htmlspecialchars($value, ENT_XML1 | ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

/**
 * Renders the service provider's files when the task asks for SAML sign-in. Returns null when it
 * does not, 'on' when SAML is ready, or why SAML stays off (the service provider's key is not in
 * its secret yet: the site then serves REDCap's own sign-in until an operator puts it).
 */
function renderSaml(string $directory): ?string
{
    if ((getenv('SAML_IDP_ENTITY_ID') ?: '') === '') {
        return null;
    }
    $values = [];
    foreach (SAML_SETTINGS as $name) {
        $value = getenv($name) ?: '';
        if ($value === '') {
            fail("missing environment variables: $name");
        }
        if (preg_match('/[\x00-\x1f\x7f]/', $value)) {
            fail("$name contains control characters");
        }
        $values[$name] = $value;
    }
    if (!preg_match('#^https://[A-Za-z0-9.-]+(:\d{1,5})?(/[^\s]*)?$#', $values['SAML_IDP_METADATA_URL'])) {
        fail('SAML_IDP_METADATA_URL must be an https:// URL');
    }
    $lifetime = getenv('SAML_SESSION_LIFETIME_SECONDS') ?: '28800';
    if (!ctype_digit($lifetime) || (int) $lifetime < 60) {
        fail('SAML_SESSION_LIFETIME_SECONDS must be a whole number of seconds, at least 60');
    }
    $shib = "$directory/shibboleth";
    if (!is_dir($shib) && !mkdir($shib, 0750)) {
        fail("cannot create $shib");
    }
    $credentials = getenv('SAML_SP_CREDENTIALS') ?: '';
    $key = @openssl_pkey_get_private($credentials);
    $certificate = @openssl_x509_read($credentials);
    if ($key === false || $certificate === false || !openssl_x509_check_private_key($certificate, $key)) {
        return 'SAML_SP_CREDENTIALS does not hold a PEM private key followed by its certificate';
    }
    openssl_pkey_export($key, $keyPem);
    openssl_x509_export($certificate, $certificatePem);
    writePrivate("$shib/sp-key.pem", $keyPem, 0600);
    writePrivate("$shib/sp-cert.pem", $certificatePem, 0644);

    $signer = getenv('SAML_IDP_METADATA_SIGNING_CERTIFICATE') ?: '';
    $signatureFilter = '';
    if ($signer !== '') {
        if (@openssl_x509_read($signer) === false) {
            fail('SAML_IDP_METADATA_SIGNING_CERTIFICATE is not a PEM certificate');
        }
        writePrivate("$shib/idp-metadata-signer.pem", $signer, 0644);
        $signatureFilter = "\n            <MetadataFilter type=\"Signature\" certificate=\"$shib/idp-metadata-signer.pem\" verifyBackup=\"false\"/>";
    }
    $a = array_map('xmlAttribute', $values);
    writePrivate("$shib/shibboleth2.xml", <<<XML
        <!-- Rendered at container start by render-saml.php from the task's environment; do not edit. -->
        <SPConfig xmlns="urn:mace:shibboleth:3.0:native:sp:config" clockSkew="180">
            <!-- Logs to the container's output (the root file system is read-only). -->
            <OutOfProcess logger="$shib/shibd.logger" tranLogFormat="%u|%s|%IDP|%i|%ac|%t|%attr|%n|%b|%E|%S|%SS|%L|%UA|%a"/>
            <InProcess logger="$shib/native.logger"/>
            <UnixListener address="$shib/shibd.sock"/>
            <!-- Every response must answer a request this site made (no unsolicited, IdP-initiated sign-in). -->
            <ApplicationDefaults entityID="{$a['SAML_SP_ENTITY_ID']}" REMOTE_USER="redcap-username"
                policyId="blockUnsolicited"
                cipherSuites="DEFAULT:!EXP:!LOW:!aNULL:!eNULL:!DES:!IDEA:!SEED:!RC4:!3DES:!kRSA:!SSLv2:!SSLv3:!TLSv1:!TLSv1.1">
                <!-- The relay state travels in a cookie, so the response may reach any of the service's tasks. -->
                <Sessions lifetime="$lifetime" timeout="3600" relayState="cookie" checkAddress="false"
                    handlerSSL="true" cookieProps="https" redirectLimit="exact">
                    <SSO entityID="{$a['SAML_IDP_ENTITY_ID']}">SAML2</SSO>
                    <Logout>SAML2 Local</Logout>
                    <Handler type="Status" Location="/Status" acl="127.0.0.1 ::1"/>
                    <Handler type="Session" Location="/Session" showAttributeValues="false"/>
                </Sessions>
                <Errors supportContact="" styleSheet="/shibboleth-sp/main.css"/>
                <!-- The identity provider's metadata, fetched over verified TLS and kept in memory. -->
                <MetadataProvider type="XML" validate="true" url="{$a['SAML_IDP_METADATA_URL']}"
                    backingFilePath="$shib/idp-metadata.xml" maxRefreshDelay="3600">
                    <TransportOption provider="CURL" option="64">1</TransportOption>
                    <TransportOption provider="CURL" option="81">2</TransportOption>
                    <TransportOption provider="CURL" option="10065">/etc/ssl/certs/ca-certificates.crt</TransportOption>$signatureFilter
                </MetadataProvider>
                <AttributeExtractor type="XML" validate="true" reloadChanges="false" path="$shib/attribute-map.xml"/>
                <CredentialResolver type="File" key="$shib/sp-key.pem" certificate="$shib/sp-cert.pem"/>
            </ApplicationDefaults>
            <SecurityPolicyProvider type="XML" validate="true" path="/etc/shibboleth/security-policy.xml"/>
            <ProtocolProvider type="XML" validate="true" reloadChanges="false" path="/etc/shibboleth/protocols.xml"/>
        </SPConfig>

        XML, 0640);
    writePrivate("$shib/attribute-map.xml", <<<XML
        <!-- Rendered at container start by render-saml.php; do not edit. -->
        <Attributes xmlns="urn:mace:shibboleth:2.0:attribute-map">
            <!-- REDCap's username (REMOTE_USER), from the attribute the stack names. -->
            <Attribute name="{$a['SAML_USER_ATTRIBUTE']}" id="redcap-username"/>
            <Attribute name="urn:oid:0.9.2342.19200300.100.1.3" id="mail"/>
            <Attribute name="urn:oid:2.5.4.42" id="givenName"/>
            <Attribute name="urn:oid:2.5.4.4" id="sn"/>
        </Attributes>

        XML, 0640);
    // Warnings and sign-ins (the transaction log: who, from which IdP; never attribute values).
    $logger = static fn (string $appender): string => implode("\n", [
        "log4j.rootCategory=WARN, $appender",
        'log4j.category.Shibboleth-TRANSACTION=INFO',
        // A file appender on the process's stderr: log4shib's console appender is buffered, and
        // whatever shibd had not flushed when the task stopped would be lost.
        "log4j.appender.$appender=org.apache.log4j.FileAppender",
        "log4j.appender.$appender.fileName=/proc/self/fd/2",
        "log4j.appender.$appender.layout=org.apache.log4j.PatternLayout",
        "log4j.appender.$appender.layout.ConversionPattern=shibboleth %p %c %x: %m%n",
        '',
    ]);
    writePrivate("$shib/shibd.logger", $logger('shibd'), 0640);
    writePrivate("$shib/native.logger", $logger('native'), 0640);
    return 'on';
}
