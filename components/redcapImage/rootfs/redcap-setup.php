<?php
// REDCap's database, kept in step with the image. Run by the setup task before the services roll
// out (mode `setup`) and once more after the web service is steady (mode `finish`):
//  - setup installs REDCap when the database is empty, with a first administrator and table-based
//    login (REDCap's unattended installer would otherwise leave authentication off), once even
//    when several runs start together;
//  - applies the settings the infrastructure decides (file storage in S3, base URL);
//  - upgrades the database with REDCap's own upgrade SQL when the image is newer. An upgrade
//    REDCap does not call "fast" takes REDCap offline for users (administrators still get in)
//    until `finish` runs on the new version;
//  - refuses an image older than the database: REDCap cannot go back a version.
// Connects as the schema user (database.php rendered for it). Prints no secret.
// Checked against REDCap 15.7's install.php, upgrade.php and Upgrade class.

declare(strict_types=1);

const LOCK = 'redcap-setup';
const WEBROOT = '/var/www/html';
/** The start of the offline message this script sets, so `finish` undoes only its own. */
const OFFLINE_NOTICE = 'REDCap is being upgraded to version ';
const RUNBOOK = 'docs/runbooks/redcap-install-and-upgrade.md';

function say(string $message): void
{
    echo "redcap-setup: $message\n";
}

function fail(string $message, int $code = 1): never
{
    fwrite(STDERR, "redcap-setup: $message\n");
    exit($code);
}

/** @param string[] $names */
function requireEnvironment(array $env, array $names): void
{
    foreach ($names as $name) {
        if (($env[$name] ?? '') === '') {
            fail("missing environment variable $name");
        }
    }
}

/** The settings this infrastructure decides, as redcap_config field => value. */
function infrastructureSettings(array $env): array
{
    requireEnvironment($env, ['REDCAP_BASE_URL', 'REDCAP_S3_BUCKET', 'REDCAP_S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'MAIL_FROM']);
    return [
        'redcap_base_url' => rtrim($env['REDCAP_BASE_URL'], '/') . '/',
        // REDCap's universal sender: every mail goes out from the stack's SES identity (with the
        // user's address as Reply-To), since SES refuses a sender it has not verified.
        'from_email' => $env['MAIL_FROM'],
        // 2 = Amazon S3 file storage.
        'edoc_storage_option' => '2',
        'amazon_s3_bucket' => $env['REDCAP_S3_BUCKET'],
        'amazon_s3_endpoint' => $env['REDCAP_S3_REGION'],
        'amazon_s3_key' => $env['S3_ACCESS_KEY_ID'],
        'amazon_s3_secret' => $env['S3_SECRET_ACCESS_KEY'],
    ] + (($env['REDCAP_AUTH_METHOD'] ?? '') === '' ? [] : [
        // The sign-in method the stack decides (e.g. ldap_table: LDAP, and table-based accounts
        // such as the first administrator); absent, REDCap keeps whatever its administrators set.
        'auth_meth_global' => $env['REDCAP_AUTH_METHOD'],
    ] + (SIGN_IN_SETTINGS[$env['REDCAP_AUTH_METHOD'] ?? ''] ?? []));
}

/**
 * What a sign-in method needs besides itself. Shibboleth & Table-based: the username is Apache's
 * REMOTE_USER, which only mod_shib sets (from the attribute the stack names; a request header
 * cannot), and signing out of REDCap ends the Shibboleth session too.
 */
const SIGN_IN_SETTINGS = [
    'shibboleth_table' => [
        'shibboleth_username_field' => 'REMOTE_USER',
        'shibboleth_logout' => '/Shibboleth.sso/Logout',
    ],
];

/**
 * What REDCap's installer form receives: the first administrator (REDCap stores the password as a
 * temporary one and asks for a new one at the first login) and the settings we decide.
 */
function installerForm(array $env, array $settings): array
{
    requireEnvironment($env, ['REDCAP_ADMIN_USERNAME', 'REDCAP_ADMIN_EMAIL', 'REDCAP_ADMIN_PASSWORD']);
    $username = $env['REDCAP_ADMIN_USERNAME'];
    if (!preg_match('/^[A-Za-z0-9._@-]{1,100}$/', $username)) {
        fail("REDCAP_ADMIN_USERNAME \"$username\" is not allowed; expected letters, digits and . _ @ -");
    }
    $email = $env['REDCAP_ADMIN_EMAIL'];
    if (filter_var($email, FILTER_VALIDATE_EMAIL) === false) {
        fail("REDCAP_ADMIN_EMAIL \"$email\" is not an email address");
    }
    if (strlen($env['REDCAP_ADMIN_PASSWORD']) < 16) {
        fail('REDCAP_ADMIN_PASSWORD is shorter than 16 characters');
    }
    return [
        'first_username' => $username,
        'first_password' => $env['REDCAP_ADMIN_PASSWORD'],
        'first_email' => $email,
        'redcap_base_url' => $settings['redcap_base_url'],
        'homepage_contact_email' => $email,
        'project_contact_email' => $email,
        'system_offline' => '0',
        // REDCap's own defaults, which its installer needs to create the administrator.
        'default_datetime_format' => 'M/D/Y_12',
        'default_number_format_decimal' => '.',
        'default_number_format_thousands_sep' => ',',
    ];
}

/** A REDCap version as one number, as REDCap compares them (15.7.6 => 150706). */
function versionNumber(string $version): int
{
    $parts = array_map('intval', explode('.', $version));
    return ($parts[0] ?? 0) * 10000 + ($parts[1] ?? 0) * 100 + ($parts[2] ?? 0);
}

/**
 * REDCap's rule for a "fast" upgrade, which needs no downtime: every version between the two that
 * has an upgrade script in the new version's Resources/sql is listed in its upgrade_fast_versions.txt.
 */
function isFastUpgrade(string $sqlDir, string $from, string $to): bool
{
    $list = @file_get_contents("$sqlDir/upgrade_fast_versions.txt");
    if ($list === false) {
        return false;
    }
    $fast = array_map(fn ($line) => versionNumber(trim($line)), array_filter(preg_split('/\R/', $list), fn ($line) => trim($line) !== ''));
    foreach (scandir($sqlDir) ?: [] as $file) {
        if (!preg_match('/^upgrade_(\d+\.\d+\.\d+)\.(sql|php)$/', $file, $match)) {
            continue;
        }
        $version = versionNumber($match[1]);
        if ($version > versionNumber($from) && $version <= versionNumber($to) && !in_array($version, $fast, true)) {
            return false;
        }
    }
    return true;
}

function connect(string $configDir): mysqli
{
    $hostname = $db = $username = $password = $db_ssl_ca = null;
    require $configDir . '/database.php';
    // REDCap's convention: an optional port after the host name.
    [$host, $port] = array_pad(explode(':', (string) $hostname, 2), 2, '3306');
    mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
    $connection = mysqli_init();
    mysqli_options($connection, MYSQLI_OPT_CONNECT_TIMEOUT, 30);
    mysqli_ssl_set($connection, null, null, $db_ssl_ca, null, null);
    mysqli_real_connect($connection, $host, $username, $password, $db, (int) $port, null, MYSQLI_CLIENT_SSL);
    return $connection;
}

function installed(mysqli $db): bool
{
    return $db->query("SHOW TABLES LIKE 'redcap_config'")->num_rows === 1;
}

function configValue(mysqli $db, string $field): ?string
{
    $query = $db->prepare('SELECT value FROM redcap_config WHERE field_name = ?');
    $query->bind_param('s', $field);
    $query->execute();
    $row = $query->get_result()->fetch_row();
    return $row === null ? null : (string) $row[0];
}

function setConfig(mysqli $db, string $field, string $value): void
{
    $query = $db->prepare('INSERT INTO redcap_config (field_name, value) VALUES (?, ?) ON DUPLICATE KEY UPDATE value = VALUES(value)');
    $query->bind_param('ss', $field, $value);
    $query->execute();
}

/**
 * Runs PHP code in a REDCap folder as its own process (REDCap's pages end the process they run
 * in), with only the environment given. Its output is returned, never printed; warnings go to
 * standard error. Returns [exit status, output].
 */
function runRedcapPhp(string $dir, string $code, array $env): array
{
    $process = proc_open(
        [PHP_BINARY, '-d', 'display_errors=stderr', '-r', $code],
        [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => STDERR],
        $pipes,
        $dir,
        $env + ['PATH' => getenv('PATH') ?: '/usr/local/bin:/usr/bin:/bin'],
    );
    if ($process === false) {
        fail("could not run PHP in $dir");
    }
    $output = stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    return [proc_close($process), (string) $output];
}

/** Installs REDCap with its own unattended installer (install.php, auto=1), given the form. */
function install(mysqli $db, string $webroot, array $form): void
{
    say('the database is empty: installing REDCap');
    $code = <<<'PHP'
        $_GET = ['auto' => '1', 'sql' => '1'];
        $_SERVER['REQUEST_METHOD'] = 'POST';
        $_SERVER['PHP_SELF'] = '/install.php';
        $_POST = json_decode(getenv('REDCAP_INSTALL_FORM'), true);
        require 'install.php';
        PHP;
    [$status] = runRedcapPhp($webroot, $code, ['REDCAP_INSTALL_FORM' => json_encode($form)]);
    if (!installed($db)) {
        fail("REDCap's installer did not create the schema (exit status $status)");
    }
    $admin = $db->prepare('SELECT super_user FROM redcap_user_information WHERE username = ?');
    $admin->bind_param('s', $form['first_username']);
    $admin->execute();
    $row = $admin->get_result()->fetch_row();
    if ($row === null || (string) $row[0] !== '1' || configValue($db, 'auth_meth_global') !== 'table') {
        fail("REDCap's installer did not create the administrator {$form['first_username']} with table-based login; see " . RUNBOOK);
    }
    say("installed; the administrator {$form['first_username']} signs in with the password in the stack's admin secret and must change it");
}

/** REDCap's own SQL to upgrade the database to $to, as its upgrade.php gives it (?sql=1). */
function upgradeSql(string $webroot, string $to, string $baseUrl): string
{
    $code = <<<'PHP'
        $to = getenv('REDCAP_TO');
        $_GET = ['sql' => '1'];
        $_SERVER['REQUEST_METHOD'] = 'GET';
        $_SERVER['PHP_SELF'] = "/redcap_v$to/upgrade.php";
        $_SERVER['HTTP_HOST'] = $_SERVER['SERVER_NAME'] = getenv('REDCAP_HOST');
        $_SERVER['HTTPS'] = 'on';
        $_SERVER['SERVER_PORT'] = '443';
        require 'upgrade.php';
        PHP;
    [$status, $sql] = runRedcapPhp("$webroot/redcap_v$to", $code, [
        'REDCAP_TO' => $to,
        'REDCAP_HOST' => (string) parse_url($baseUrl, PHP_URL_HOST),
    ]);
    if (!str_starts_with(ltrim($sql), "-- --- SQL to upgrade REDCap to version $to ")) {
        $said = trim(strip_tags(substr($sql, 0, 400)));
        fail("REDCap's upgrade.php gave no upgrade SQL (exit status $status): " . ($said === '' ? 'no output' : $said));
    }
    return $sql;
}

function applySql(mysqli $db, string $sql): void
{
    // Errors throw (strict reporting), from the first statement or from any later one.
    $db->multi_query($sql);
    do {
        $result = $db->store_result();
        if ($result instanceof mysqli_result) {
            $result->free();
        }
    } while ($db->more_results() && $db->next_result());
}

function upgrade(mysqli $db, string $webroot, string $from, string $to, string $baseUrl): void
{
    $fast = isFastUpgrade("$webroot/redcap_v$to/Resources/sql", $from, $to);
    if ($fast) {
        say("upgrading the database from REDCap $from to $to (a fast upgrade: REDCap stays online)");
    } elseif (configValue($db, 'system_offline') === '1') {
        say("upgrading the database from REDCap $from to $to; REDCap was already offline and stays so");
    } else {
        setConfig($db, 'system_offline_message', OFFLINE_NOTICE . "$to. It will be back in a few minutes.");
        setConfig($db, 'system_offline', '1');
        say("upgrading the database from REDCap $from to $to; REDCap is offline for users until the web service runs $to");
    }
    applySql($db, upgradeSql($webroot, $to, $baseUrl));
    $now = configValue($db, 'redcap_version');
    if ($now !== $to) {
        fail("REDCap's upgrade SQL ran but the database says version $now, not $to; see " . RUNBOOK);
    }
    say("upgraded the database to REDCap $to");
}

function setup(mysqli $db, array $env, string $webroot, string $imageVersion): void
{
    $settings = infrastructureSettings($env);
    $form = installerForm($env, $settings);
    if (!installed($db)) {
        install($db, $webroot, $form);
    }
    foreach ($settings as $field => $value) {
        setConfig($db, $field, $value);
    }
    say('applied ' . count($settings) . ' infrastructure settings');
    $databaseVersion = configValue($db, 'redcap_version') ?? '0.0.0';
    $order = version_compare($databaseVersion, $imageVersion);
    if ($order > 0) {
        fail("the database is at REDCap $databaseVersion, newer than this image's $imageVersion, and REDCap cannot go back a version: deploy $databaseVersion or later, or restore the database from before the upgrade (" . RUNBOOK . ')', 3);
    }
    if ($order < 0) {
        upgrade($db, $webroot, $databaseVersion, $imageVersion, $settings['redcap_base_url']);
    }
}

/** After the web service runs the new version: back online, if this script took REDCap offline. */
function finish(mysqli $db, string $imageVersion): void
{
    $ours = configValue($db, 'system_offline') === '1'
        && str_starts_with(configValue($db, 'system_offline_message') ?? '', OFFLINE_NOTICE);
    if (!$ours) {
        say('nothing to finish');
        return;
    }
    $databaseVersion = configValue($db, 'redcap_version');
    if ($databaseVersion !== $imageVersion) {
        fail("REDCap stays offline: the database is at $databaseVersion and this image at $imageVersion; see " . RUNBOOK);
    }
    setConfig($db, 'system_offline', '0');
    setConfig($db, 'system_offline_message', '');
    say("REDCap $imageVersion is back online");
}

if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    $mode = $argv[1] ?? 'setup';
    if (!in_array($mode, ['setup', 'finish'], true)) {
        fail("mode \"$mode\" is not allowed; expected setup or finish", 2);
    }
    $env = getenv();
    requireEnvironment($env, ['REDCAP_VERSION']);
    $imageVersion = $env['REDCAP_VERSION'];
    try {
        $db = connect($env['REDCAP_CONFIG_DIR'] ?? '/run/redcap');
        $lock = $db->query("SELECT GET_LOCK('" . LOCK . "', 900)")->fetch_row()[0];
        if ((string) $lock !== '1') {
            fail('another setup held the lock for 15 minutes');
        }
        if ($mode === 'finish') {
            finish($db, $imageVersion);
        } else {
            setup($db, $env, $env['REDCAP_WEBROOT'] ?? WEBROOT, $imageVersion);
        }
        $db->query("SELECT RELEASE_LOCK('" . LOCK . "')");
    } catch (mysqli_sql_exception $e) {
        // MySQL's messages name users, tables and statements, never a password.
        fail('database error ' . $e->getCode() . ': ' . $e->getMessage());
    }
}
