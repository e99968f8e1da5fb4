<?php
// Test probe in the stand-in REDCap: who is signed in, read the way REDCap's "Shibboleth &
// Table-based" sign-in reads it: $_SERVER[<redcap_config.shibboleth_username_field>], falling back
// to REMOTE_USER. Also shows what a client could have sent as a request header of that name.
require dirname(__DIR__) . '/fake-db.php';

header('Content-Type: application/json');
$row = fake_db()->query("SELECT value FROM redcap_config WHERE field_name = 'shibboleth_username_field'")->fetch_row();
$field = trim((string) ($row[0] ?? ''));
$field = ($field === '' || $field === 'none') ? 'REMOTE_USER' : $field;
echo json_encode([
    'field' => $field,
    'username' => isset($_SERVER[$field]) && $_SERVER[$field] !== '' ? strtolower((string) $_SERVER[$field]) : null,
    'header' => $_SERVER['HTTP_' . strtoupper(str_replace('-', '_', $field))] ?? null,
]);
