<?php
// Test probe in the stand-in REDCap: the conversions REDCap makes with Imagick, a PDF page to an
// image (through Ghostscript) and an image resized, and what came out.
header('Content-Type: application/json');
$result = [];
try {
    $pdf = new Imagick();
    $pdf->setResolution(72, 72);
    $pdf->readImageBlob(base64_decode((string) ($_POST['pdf'] ?? '')));
    $pdf->setIteratorIndex(0);
    $pdf->setImageFormat('png');
    $png = $pdf->getImageBlob();
    $result['pdf_to_png'] = ['bytes' => strlen($png), 'width' => $pdf->getImageWidth(), 'magic' => bin2hex(substr($png, 1, 3))];
    $image = new Imagick();
    $image->readImageBlob($png);
    $image->thumbnailImage(40, 0);
    $image->setImageFormat('jpeg');
    $jpeg = $image->getImageBlob();
    $result['resize_to_jpeg'] = ['width' => $image->getImageWidth(), 'magic' => bin2hex(substr($jpeg, 0, 2))];
} catch (Throwable $e) {
    http_response_code(500);
    $result['error'] = get_class($e) . ': ' . $e->getMessage();
}
echo json_encode($result);
