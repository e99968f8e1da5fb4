#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine: the npm packages exactly as
# package-lock.json and policy-pack/package-lock.json pin them, and the system tools the
# container-script tests run (php-cli with mysqli, shellcheck), the database tests run (a MariaDB
# server started in a temporary folder, openssl for its throwaway TLS certificates), the workflow
# tests run (yamllint on the repository's YAML, jq as the workflows' version checks use it) and
# the container image's build and tests need (podman with runc and catatonit, debootstrap for a
# local Debian base, zip, and slapd as the directory LDAP sign-in is tested against) from the OS's
# packages when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_test_tools() {
    ! command -v php > /dev/null || ! php -m 2> /dev/null | grep -qi '^mysqli$' ||
        ! command -v shellcheck > /dev/null || ! command -v mariadb-install-db > /dev/null ||
        ! command -v openssl > /dev/null || ! command -v yamllint > /dev/null ||
        ! command -v jq > /dev/null
}

# The container image's build and tests (npm run image:build, npm run test:image) run on Linux.
need_image_tools() {
    ! command -v podman > /dev/null || ! command -v runc > /dev/null ||
        ! command -v debootstrap > /dev/null || ! command -v zip > /dev/null ||
        [ ! -x /usr/libexec/podman/catatonit ] || [ ! -x /usr/sbin/slapd ]
}

if command -v apt-get > /dev/null; then
    if need_test_tools || need_image_tools; then
        sudo_cmd=()
        if [ "$(id -u)" != "0" ]; then
            sudo_cmd=(sudo)
        fi
        "${sudo_cmd[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
            php-cli php-mysql shellcheck mariadb-server openssl yamllint jq \
            podman runc catatonit debootstrap zip slapd > /dev/null
    fi
elif need_test_tools; then
    if command -v brew > /dev/null; then
        # No container image tests here: they need Linux (podman with runc, debootstrap).
        brew install php shellcheck mariadb openssl yamllint jq
    else
        echo "install.sh: install php (with mysqli), shellcheck, MariaDB, openssl, yamllint and jq with your system's package manager (and on Linux, for the image tests: podman, runc, catatonit, debootstrap, zip and slapd)" >&2
        exit 1
    fi
fi

npm ci --no-audit --no-fund
# The policy pack is a package of its own (published with `pulumi policy publish`).
npm ci --no-audit --no-fund --prefix policy-pack
