<?php
// One-off setup of REDCap's database, run as a task before the web service rolls out:
//  - installs REDCap's schema if the database is empty (once: concurrent runs wait on a lock);
//  - applies the settings the infrastructure decides (file storage in S3, base URL);
//  - reports when the database is older than the image (an upgrade is due).
// Runs with the schema user (database.php rendered for it). Prints no secret.

declare(strict_types=1);

const LOCK = 'redcap-setup';
const WEBROOT = '/var/www/html';

function say(string $message): void
{
    echo "redcap-setup: $message\n";
}

function fail(string $message, int $code = 1): never
{
    fwrite(STDERR, "redcap-setup: $message\n");
    exit($code);
}

/** The settings this infrastructure decides, as redcap_config field => value. */
function infrastructureSettings(array $env): array
{
    foreach (['REDCAP_BASE_URL', 'REDCAP_S3_BUCKET', 'REDCAP_S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as $name) {
        if (($env[$name] ?? '') === '') {
            fail("missing environment variable $name");
        }
    }
    return [
        'redcap_base_url' => rtrim($env['REDCAP_BASE_URL'], '/') . '/',
        // 2 = Amazon S3 file storage.
        'edoc_storage_option' => '2',
        'amazon_s3_bucket' => $env['REDCAP_S3_BUCKET'],
        'amazon_s3_endpoint' => $env['REDCAP_S3_REGION'],
        'amazon_s3_key' => $env['S3_ACCESS_KEY_ID'],
        'amazon_s3_secret' => $env['S3_SECRET_ACCESS_KEY'],
    ];
}

/** -1, 0 or 1 comparing two dotted versions. */
function compareVersions(string $a, string $b): int
{
    return version_compare($a, $b);
}

function connect(string $configDir): mysqli
{
    $hostname = $db = $username = $password = $db_ssl_ca = null;
    require $configDir . '/database.php';
    mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
    $connection = mysqli_init();
    mysqli_options($connection, MYSQLI_OPT_CONNECT_TIMEOUT, 30);
    mysqli_ssl_set($connection, null, null, $db_ssl_ca, null, null);
    mysqli_real_connect($connection, $hostname, $username, $password, $db, 3306, null, MYSQLI_CLIENT_SSL);
    return $connection;
}

function installed(mysqli $db): bool
{
    return $db->query("SHOW TABLES LIKE 'redcap_config'")->num_rows === 1;
}

if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    $configDir = getenv('REDCAP_CONFIG_DIR') ?: '/run/redcap';
    $webroot = getenv('REDCAP_WEBROOT') ?: WEBROOT;
    $settings = infrastructureSettings(getenv());
    try {
        $db = connect($configDir);
        $lock = $db->query("SELECT GET_LOCK('" . LOCK . "', 900)")->fetch_row()[0];
        if ((string) $lock !== '1') {
            fail('another setup held the lock for 15 minutes');
        }
        if (!installed($db)) {
            say('the database is empty: installing REDCap');
            // REDCap's own installer, unattended (as REDCap's install.php supports with auto=1).
            $command = sprintf(
                'cd %s && php -r %s',
                escapeshellarg($webroot),
                escapeshellarg('$_GET["auto"]=1; $_GET["sql"]=1; $_SERVER["REQUEST_METHOD"]="POST"; $_SERVER["PHP_SELF"]="install.php"; require "install.php";'),
            );
            exec($command . ' > /dev/null 2>&1', $ignored, $status);
            if (!installed($db)) {
                fail("REDCap's installer did not create the schema (exit status $status)");
            }
            say('installed');
        }
        $update = $db->prepare('UPDATE redcap_config SET value = ? WHERE field_name = ?');
        foreach ($settings as $field => $value) {
            $update->bind_param('ss', $value, $field);
            $update->execute();
        }
        say('applied ' . count($settings) . ' infrastructure settings');
        $row = $db->query("SELECT value FROM redcap_config WHERE field_name = 'redcap_version'")->fetch_row();
        $databaseVersion = $row[0] ?? '0';
        $imageVersion = getenv('REDCAP_VERSION') ?: '0';
        if (compareVersions($databaseVersion, $imageVersion) < 0) {
            say("the database is at REDCap $databaseVersion and the image at $imageVersion: an administrator must run /upgrade.php");
        }
        $db->query("SELECT RELEASE_LOCK('" . LOCK . "')");
    } catch (mysqli_sql_exception $e) {
        fail('database error ' . $e->getCode() . ' during setup');
    }
}
