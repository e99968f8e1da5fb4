<?php
// Runs before every page PHP-FPM serves (auto_prepend_file). The firewall in front (AWS WAF behind
// the load balancer) inspects only a body's first 8 KB, so it cannot see a sign-in field padded
// past it: a sign-in post over 8 KB is refused here instead. REDCap's sign-in form is far smaller.
// The field names are REDCap's sign-in form's (SIGN_IN_FORM_FIELD in firewallPreset.ts).
if (
    (int) ($_SERVER['CONTENT_LENGTH'] ?? 0) > 8192
    && (isset($_POST['redcap_login_a38us_09i85'])
        || (isset($_POST['username']) && isset($_POST['password'])))
) {
    http_response_code(413);
    header('Content-Type: text/plain; charset=utf-8');
    echo "Sign-in requests over 8 KB are refused.\n";
    exit;
}
