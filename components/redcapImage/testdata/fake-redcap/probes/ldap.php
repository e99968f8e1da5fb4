<?php
// Test probe in the stand-in REDCap: signs a user in the way REDCap's LDAP sign-in does (PEAR
// Auth's LDAP container with REDCap's webtools2/ldap/ldap_config.php): connect, bind as the
// service account, find the user by its attribute under the base DN, bind as the user.
header('Content-Type: application/json');
require dirname(__DIR__) . '/webtools2/ldap/ldap_config.php';
$dsn = $GLOBALS['ldapdsn'] ?? null;
if (!is_array($dsn)) {
    http_response_code(500);
    exit(json_encode(['error' => 'no LDAP configuration']));
}
$result = ['service_bind' => false, 'found' => false, 'authenticated' => false];
$connection = ldap_connect($dsn['url']);
ldap_set_option($connection, LDAP_OPT_PROTOCOL_VERSION, $dsn['version']);
ldap_set_option($connection, LDAP_OPT_REFERRALS, 0);
$result['service_bind'] = @ldap_bind($connection, $dsn['binddn'] ?? null, $dsn['bindpw'] ?? null);
if (!$result['service_bind']) {
    $result['error'] = ldap_error($connection);
    exit(json_encode($result));
}
$user = ldap_escape((string) ($_POST['username'] ?? ''), '', LDAP_ESCAPE_FILTER);
$filter = "({$dsn['userattr']}=$user)";
if (isset($dsn['userfilter'])) {
    $filter = "(&$filter{$dsn['userfilter']})";
}
$search = @ldap_search($connection, $dsn['basedn'], $filter, ['dn']);
$entries = $search ? ldap_get_entries($connection, $search) : ['count' => 0];
if ($entries['count'] === 1) {
    $result['found'] = true;
    $password = (string) ($_POST['password'] ?? '');
    // An empty password would be an unauthenticated bind, which LDAP servers accept.
    $result['authenticated'] = $password !== '' && @ldap_bind($connection, $entries[0]['dn'], $password);
}
echo json_encode($result);
