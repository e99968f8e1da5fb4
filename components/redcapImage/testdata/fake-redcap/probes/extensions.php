<?php
// Test probe in the stand-in REDCap: the PHP extensions loaded in Apache's PHP.
header('Content-Type: application/json');
echo json_encode(['sapi' => PHP_SAPI, 'version' => PHP_VERSION, 'extensions' => get_loaded_extensions()]);
