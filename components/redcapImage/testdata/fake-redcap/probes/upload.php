<?php
// Test probe in the stand-in REDCap: stores an uploaded file where REDCap keeps its temporary and
// uploaded files (temp/ in the web root), reads it back and deletes it, as REDCap does before it
// sends a file to S3.
header('Content-Type: application/json');
$file = $_FILES['file'] ?? null;
if ($file === null || $file['error'] !== UPLOAD_ERR_OK) {
    http_response_code(400);
    exit(json_encode(['error' => $file['error'] ?? 'no file']));
}
$target = dirname(__DIR__) . '/temp/' . bin2hex(random_bytes(8)) . '.bin';
$stored = move_uploaded_file($file['tmp_name'], $target);
$read = $stored ? file_get_contents($target) : false;
$owner = $stored ? (posix_getpwuid(fileowner($target))['name'] ?? '') : '';
$deleted = $stored && unlink($target);
echo json_encode([
    'stored' => $stored,
    'sha256' => $read === false ? null : hash('sha256', $read),
    'owner' => $owner,
    'deleted' => $deleted && !file_exists($target),
]);
