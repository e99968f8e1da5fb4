<?php
// Test stand-in for REDCap's index.php: a page that does what most REDCap pages do first, connect
// to the database and read a setting.
require __DIR__ . '/fake-db.php';

$version = fake_db()->query("SELECT value FROM redcap_config WHERE field_name = 'redcap_version'")->fetch_row()[0] ?? '';
echo '<!DOCTYPE html><title>REDCap stand-in</title><p>REDCap ', htmlspecialchars($version), "</p>\n";
