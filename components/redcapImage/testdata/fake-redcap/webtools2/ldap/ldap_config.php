<?php
// Test stand-in for REDCap's webtools2/ldap/ldap_config.php, where REDCap reads its LDAP settings
// ($GLOBALS['ldapdsn']); the image replaces it with a link to the file rendered at start.
