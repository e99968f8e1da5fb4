<?php
// Test stand-in for REDCap's upgrade.php (see ../README.md).
require dirname(__DIR__) . '/fake-db.php';

$to = substr(basename(__DIR__), 8);
$db = fake_db();
$current = $db->query("SELECT value FROM redcap_config WHERE field_name = 'redcap_version'")->fetch_row()[0];
if (file_exists(__DIR__ . '/refuse')) {
    exit("<div style='max-width:800px;margin:20px;'>ERROR: You may not upgrade to REDCap 15.6.0 or higher until you perform the Unicode Transformation to your REDCap database tables.</div>");
}
if (isset($_GET['sql'])) {
    $sql = "-- --- SQL to upgrade REDCap to version $to from $current --- --\nUSE `redcap`;\nSET SESSION SQL_SAFE_UPDATES = 0;\n";
    $files = glob(__DIR__ . '/Resources/sql/upgrade_*.sql');
    natsort($files);
    foreach ($files as $file) {
        $version = substr(basename($file), 8, -4);
        if (version_compare($version, $current, '>') && version_compare($version, $to, '<=')) {
            $sql .= "\n-- SQL for Version $version --\n" . file_get_contents($file);
        }
    }
    $sql .= "\nUPDATE redcap_config SET value = '$to' WHERE field_name = 'redcap_version';\n";
    exit(str_replace("\n", "\r\n", $sql));
}
