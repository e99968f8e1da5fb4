<?php
// Health check for the load balancer and the container: 200 when PHP runs and the database
// answers over TLS, 503 otherwise. Says nothing else, so it gives nothing away.

declare(strict_types=1);

header('Content-Type: application/json');
header('Cache-Control: no-store');

$configDir = getenv('REDCAP_CONFIG_DIR') ?: '/run/redcap';
$healthy = false;
try {
    // The same settings REDCap uses.
    $hostname = $db = $username = $password = $db_ssl_ca = null;
    require $configDir . '/database.php';
    mysqli_report(MYSQLI_REPORT_OFF);
    $connection = mysqli_init();
    if ($connection !== false) {
        mysqli_options($connection, MYSQLI_OPT_CONNECT_TIMEOUT, 3);
        mysqli_ssl_set($connection, null, null, $db_ssl_ca, null, null);
        $flags = MYSQLI_CLIENT_SSL;
        if (@mysqli_real_connect($connection, $hostname, $username, $password, $db, 3306, null, $flags)) {
            $result = mysqli_query($connection, 'SELECT 1');
            $healthy = $result !== false;
            mysqli_close($connection);
        }
    }
} catch (Throwable $e) {
    $healthy = false;
}

http_response_code($healthy ? 200 : 503);
echo json_encode(['status' => $healthy ? 'ok' : 'unavailable']), "\n";
