<?php
// Test stand-in (see ../README.md): REDCap's connection from database.php, over verified TLS.

function fake_db(): mysqli
{
    require __DIR__ . '/database.php';
    // REDCap's convention: an optional port after the host name.
    [$host, $port] = array_pad(explode(':', (string) $hostname, 2), 2, '3306');
    mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
    $connection = mysqli_init();
    mysqli_ssl_set($connection, null, null, $db_ssl_ca, null, null);
    mysqli_real_connect($connection, $host, $username, $password, $db, (int) $port, null, MYSQLI_CLIENT_SSL);
    return $connection;
}

function fake_run(mysqli $db, string $sql): void
{
    $db->multi_query($sql);
    while ($db->more_results() && $db->next_result()) {
    }
}
