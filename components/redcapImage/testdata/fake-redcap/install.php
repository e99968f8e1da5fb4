<?php
// Test stand-in for REDCap's install.php (see ../README.md).
require __DIR__ . '/fake-db.php';

$versions = array_map(fn ($dir) => substr(basename($dir), 8), glob(__DIR__ . '/redcap_v*'));
usort($versions, 'version_compare');
$version = end($versions);

if ($_SERVER['REQUEST_METHOD'] != 'POST' && isset($_GET['auto'])) {
    $_GET['sql'] = $_GET['auto'] = 1;
}
if ($_SERVER['REQUEST_METHOD'] != 'POST' && isset($_GET['sql'])) {
    $_POST = ['auth_meth_global' => 'none', 'system_offline' => '0'];
}
$db = fake_db();
$sql = "CREATE TABLE redcap_config (field_name varchar(191) PRIMARY KEY, value mediumtext);\n"
    . "CREATE TABLE redcap_auth (username varchar(191) PRIMARY KEY, password varchar(255), legacy_hash tinyint, temp_pwd tinyint);\n"
    . "CREATE TABLE redcap_user_information (username varchar(191) PRIMARY KEY, user_email varchar(255), super_user tinyint NOT NULL DEFAULT 0);\n"
    . "INSERT INTO redcap_config VALUES ('redcap_version', '$version'), ('auth_meth_global', 'none'), ('system_offline', '0'), ('system_offline_message', ''), ('redcap_base_url', '');\n";
$first = [];
foreach ($_POST as $field => $value) {
    if (in_array($field, ['first_username', 'first_password', 'first_email'], true)) {
        $first[$field] = trim($value);
    } else {
        $sql .= "UPDATE redcap_config SET value = '" . $db->real_escape_string($value) . "' WHERE field_name = '" . $db->real_escape_string($field) . "';\n";
    }
}
if (($first['first_username'] ?? '') !== '' && ($first['first_password'] ?? '') !== '') {
    $user = $db->real_escape_string($first['first_username']);
    $sql .= "INSERT INTO redcap_auth VALUES ('$user', '" . md5($first['first_password']) . "', 1, 1);\n"
        . "UPDATE redcap_config SET value = 'table' WHERE field_name = 'auth_meth_global';\n"
        . "INSERT INTO redcap_user_information VALUES ('$user', '" . $db->real_escape_string($first['first_email'] ?? '') . "', 1);\n";
}
if (isset($_GET['sql']) && isset($_GET['auto'])) {
    if ($db->query("SHOW TABLES LIKE 'redcap_config'")->num_rows === 0) {
        fake_run($db, $sql);
        print 'Install completed!';
    } else {
        print 'No need to install';
    }
}
