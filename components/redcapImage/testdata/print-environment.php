<?php
// Test stand-in for redcap-setup.php: prints its arguments, then the names of its environment
// (as NAME=, never a value).
echo 'args: ', implode(' ', array_slice($argv, 1)), "\n";
foreach (array_keys(getenv()) as $name) {
    echo "$name=\n";
}
