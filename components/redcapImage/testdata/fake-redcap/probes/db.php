<?php
// Test probe in the stand-in REDCap: connects as REDCap does (database.php, verified TLS) and says
// how.
require dirname(__DIR__) . '/fake-db.php';

header('Content-Type: application/json');
$db = fake_db();
$cipher = $db->query("SHOW SESSION STATUS LIKE 'Ssl_cipher'")->fetch_row()[1] ?? '';
$version = $db->query("SHOW SESSION STATUS LIKE 'Ssl_version'")->fetch_row()[1] ?? '';
echo json_encode(['cipher' => $cipher, 'tls_version' => $version, 'user' => $db->query('SELECT CURRENT_USER()')->fetch_row()[0]]);
