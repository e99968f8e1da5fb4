<?php
// Test stand-in for REDCap's cron.php (see ../README.md): like REDCap's scheduled jobs, connects to
// the database and sends a mail through PHP's mail(), then says what it did.
require __DIR__ . '/fake-db.php';

$db = fake_db();
$cipher = $db->query("SHOW SESSION STATUS LIKE 'Ssl_cipher'")->fetch_row()[1] ?? '';
$from = $db->query("SELECT value FROM redcap_config WHERE field_name = 'from_email'")->fetch_row()[0] ?? '';
$sent = mail('cron-recipient@example.org', 'REDCap cron ' . gmdate('c'), "Scheduled job ran.\n", ['From' => $from]);
echo json_encode(['cron' => 'ran', 'db_tls' => $cipher !== '', 'mail_sent' => $sent, 'user' => posix_getpwuid(posix_geteuid())['name'] ?? '']), "\n";
