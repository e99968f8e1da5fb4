#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine: the npm packages exactly as
# package-lock.json and policy-pack/package-lock.json pin them, and the system tools the container-script tests run
# (php-cli with mysqli, shellcheck), the database tests run (a MariaDB server started in a
# temporary folder, openssl for its throwaway TLS certificates), the workflow tests run (yamllint
# on the repository's YAML) and the container image's build and tests need (podman with runc and
# catatonit, debootstrap for a local Debian base, zip) from the OS's packages when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_system_tools() {
    ! command -v php > /dev/null || ! php -m 2> /dev/null | grep -qi '^mysqli$' ||
        ! command -v shellcheck > /dev/null || ! command -v mariadb-install-db > /dev/null ||
        ! command -v openssl > /dev/null || ! command -v yamllint > /dev/null ||
        ! command -v podman > /dev/null || ! command -v runc > /dev/null ||
        ! command -v debootstrap > /dev/null || ! command -v zip > /dev/null ||
        [ ! -x /usr/libexec/podman/catatonit ]
}

if need_system_tools; then
    if command -v apt-get > /dev/null; then
        sudo_cmd=()
        if [ "$(id -u)" != "0" ]; then
            sudo_cmd=(sudo)
        fi
        "${sudo_cmd[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
            php-cli php-mysql shellcheck mariadb-server openssl yamllint \
            podman runc catatonit debootstrap zip > /dev/null
    elif command -v brew > /dev/null; then
        brew install php shellcheck mariadb openssl yamllint
    else
        echo "install.sh: install php (with mysqli), shellcheck, MariaDB, openssl, yamllint, podman, runc, catatonit, debootstrap and zip with your system's package manager" >&2
        exit 1
    fi
fi

npm ci --no-audit --no-fund
# The policy pack is a package of its own (published with `pulumi policy publish`).
npm ci --no-audit --no-fund --prefix policy-pack
