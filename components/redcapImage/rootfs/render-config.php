<?php
// Renders REDCap's database.php and msmtp's configuration from the container's environment
// (plain values, and secrets ECS injects from Secrets Manager). Writes only into the directory
// given as the first argument, readable by its owner (and database.php by the web server's group). Prints no value, ever:
// a problem names the variable, never its content.

declare(strict_types=1);

require __DIR__ . '/render-saml.php';

const REQUIRED = [
    'REDCAP_DB_HOST', 'REDCAP_DB_NAME', 'REDCAP_DB_USERNAME', 'REDCAP_DB_PASSWORD', 'REDCAP_SALT',
    'SMTP_HOST', 'SMTP_USERNAME', 'SMTP_PASSWORD', 'MAIL_FROM',
];

function fail(string $message): never
{
    fwrite(STDERR, "render-config: $message\n");
    exit(1);
}

/** @return array<string,string> */
function readEnvironment(): array
{
    $values = [];
    $missing = [];
    foreach (REQUIRED as $name) {
        $value = getenv($name);
        if ($value === false || $value === '') {
            $missing[] = $name;
        } else {
            $values[$name] = $value;
        }
    }
    if ($missing) {
        fail('missing environment variables: ' . implode(', ', $missing));
    }
    $values['REDCAP_DB_CA_BUNDLE'] = getenv('REDCAP_DB_CA_BUNDLE') ?: '/etc/ssl/rds/global-bundle.pem';
    $values['SMTP_PORT'] = getenv('SMTP_PORT') ?: '587';
    if (!ctype_digit($values['SMTP_PORT'])) {
        fail('SMTP_PORT must be a port number');
    }
    if (!filter_var($values['MAIL_FROM'], FILTER_VALIDATE_EMAIL)) {
        fail('MAIL_FROM must be an email address');
    }
    foreach (['SMTP_HOST', 'SMTP_USERNAME', 'SMTP_PASSWORD', 'MAIL_FROM'] as $name) {
        // msmtp reads one token per line: refuse anything that could start a new directive.
        if (preg_match('/[\s"\\\\#]/', $values[$name])) {
            fail("$name contains whitespace, quotes, backslashes or #, which msmtp cannot take");
        }
    }
    return $values;
}

function databasePhp(array $v): string
{
    // var_export writes a PHP string literal that round-trips any value, quotes included.
    $lines = [
        '<?php',
        '// Rendered at container start by render-config.php from the task\'s environment; do not edit.',
        '$hostname = ' . var_export($v['REDCAP_DB_HOST'], true) . ';',
        '$db = ' . var_export($v['REDCAP_DB_NAME'], true) . ';',
        '$username = ' . var_export($v['REDCAP_DB_USERNAME'], true) . ';',
        '$password = ' . var_export($v['REDCAP_DB_PASSWORD'], true) . ';',
        '$salt = ' . var_export($v['REDCAP_SALT'], true) . ';',
        '// TLS to MySQL, with the server certificate verified against the RDS CA bundle.',
        '$db_ssl_ca = ' . var_export($v['REDCAP_DB_CA_BUNDLE'], true) . ';',
        '$db_ssl_verify_server_cert = true;',
    ];
    return implode("\n", $lines) . "\n";
}

function msmtprc(array $v): string
{
    $lines = [
        '# Rendered at container start by render-config.php; do not edit.',
        'defaults',
        'auth on',
        'tls on',
        'tls_starttls on',
        'tls_trust_file /etc/ssl/certs/ca-certificates.crt',
        // No mail log: msmtp's would name the SMTP user and every recipient (survey
        // participants' addresses), and a failure already reaches PHP's mail() and the error log.
        'syslog off',
        '',
        'account ses',
        'host ' . $v['SMTP_HOST'],
        'port ' . $v['SMTP_PORT'],
        'from ' . $v['MAIL_FROM'],
        'user ' . $v['SMTP_USERNAME'],
        'password ' . $v['SMTP_PASSWORD'],
        '',
        'account default : ses',
    ];
    return implode("\n", $lines) . "\n";
}

/**
 * REDCap's LDAP settings (webtools2/ldap/ldap_config.php: PEAR Auth's LDAP options) from the
 * environment, or a file that configures nothing when the stack does not sign in with LDAP.
 */
function ldapConfigPhp(): string
{
    $header = "<?php\n// Rendered at container start by render-config.php from the task's environment; do not edit.\n";
    $url = getenv('LDAP_URL') ?: '';
    if ($url === '') {
        return $header . "// LDAP sign-in is not configured for this stack (redcap:app.signIn).\n";
    }
    if (!preg_match('#^ldaps://[A-Za-z0-9.-]+(:\d{1,5})?$#', $url)) {
        fail('LDAP_URL must be ldaps://host[:port]');
    }
    $baseDn = getenv('LDAP_BASE_DN') ?: '';
    if ($baseDn === '') {
        fail('missing environment variables: LDAP_BASE_DN');
    }
    $dsn = [
        'url' => $url,
        'version' => 3,
        'basedn' => $baseDn,
        'userattr' => getenv('LDAP_USER_ATTRIBUTE') ?: 'uid',
        'referrals' => false,
        'start_tls' => false, // ldaps:// is TLS from the first byte
    ];
    $bindDn = getenv('LDAP_BIND_DN') ?: '';
    if ($bindDn !== '') {
        $password = getenv('LDAP_BIND_PASSWORD');
        if ($password === false || $password === '') {
            fail('missing environment variables: LDAP_BIND_PASSWORD (put the LDAP service account\'s password in its secret)');
        }
        $dsn['binddn'] = $bindDn;
        $dsn['bindpw'] = $password;
    }
    $filter = getenv('LDAP_USER_FILTER') ?: '';
    if ($filter !== '') {
        $dsn['userfilter'] = $filter;
    }
    // var_export writes PHP literals that round-trip any value.
    return $header . '$GLOBALS[\'ldapdsn\'] = ' . var_export($dsn, true) . ";\n";
}

function writePrivate(string $path, string $content, int $mode): void
{
    $temp = $path . '.tmp';
    if (file_put_contents($temp, $content) === false || !chmod($temp, $mode) || !rename($temp, $path)) {
        fail("cannot write $path");
    }
}

$directory = $argv[1] ?? '';
if ($directory === '' || !is_dir($directory) || !is_writable($directory)) {
    fail('usage: php render-config.php <writable directory>');
}
umask(0027);
$values = readEnvironment();
// database.php: the web server's group reads it when the container starts as root.
writePrivate("$directory/database.php", databasePhp($values), 0640);
writePrivate("$directory/ldap_config.php", ldapConfigPhp(), 0640);
// msmtp refuses a configuration holding a password that anyone but its owner can read.
writePrivate("$directory/msmtprc", msmtprc($values), 0600);
echo "render-config: wrote database.php, ldap_config.php and msmtprc to $directory\n";
// The web server starts shibd and loads mod_shib only when this marker is there.
$samlMarker = "$directory/saml-sign-in";
@unlink($samlMarker);
$saml = renderSaml($directory);
if ($saml === 'on') {
    writePrivate($samlMarker, "on\n", 0640);
    echo "render-config: SAML sign-in is on (shibboleth/ in $directory)\n";
} elseif ($saml !== null) {
    fwrite(STDERR, "render-config: SAML sign-in is OFF: $saml. Only REDCap's own accounts can sign in until an operator puts the service provider's key and certificate in its secret (stack output samlServiceProviderSecretArn; docs/runbooks/first-deployment.md)\n");
}
