<?php
// Test probe in the stand-in REDCap: sends a mail through PHP's mail() as REDCap does, from
// REDCap's configured sender (redcap_config.from_email), to the address given.
require dirname(__DIR__) . '/fake-db.php';

header('Content-Type: application/json');
$from = fake_db()->query("SELECT value FROM redcap_config WHERE field_name = 'from_email'")->fetch_row()[0] ?? '';
$to = (string) ($_GET['to'] ?? '');
$sent = mail($to, 'REDCap web ' . gmdate('c'), "Sent from the web container.\n", ['From' => $from]);
echo json_encode(['sent' => $sent, 'from' => $from, 'user' => posix_getpwuid(posix_geteuid())['name'] ?? '']);
