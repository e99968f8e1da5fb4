#!/usr/bin/env bash
# Container entrypoint, run as the task definition's user (www-data): render REDCap's
# database.php and msmtp's configuration from the environment (ECS injects the secrets), then
# start the given command (the web server by default: Apache and PHP-FPM) with the secrets removed
# from its environment. The web server also gets a TLS certificate made here, at start:
# the load balancer speaks HTTPS to the task and does not verify the certificate, and no key is
# ever baked into the image.
# `setup` and `finish` run REDCap's database setup (redcap-setup.php) instead; it keeps the two
# secrets it writes into REDCap: the S3 key and the first administrator's password.
set -euo pipefail

config_dir="${REDCAP_CONFIG_DIR:-/run/redcap}"
render_script="${REDCAP_RENDER_SCRIPT:-/usr/local/lib/redcap/render-config.php}"
setup_script="${REDCAP_SETUP_SCRIPT:-/usr/local/lib/redcap/redcap-setup.php}"

mkdir -p "$config_dir"
php "$render_script" "$config_dir"
if [ "$(id -u)" = "0" ]; then
    # Started as root (e.g. `docker run` without the task's user): Apache's workers run as
    # www-data and must read database.php, and msmtp (run by them) its own file; nobody else may.
    chown -R root:www-data "$config_dir"
    chown www-data:www-data "$config_dir/msmtprc"
fi

# Rendered into database.php, ldap_config.php, msmtprc and shibboleth/: no process needs them in
# its environment.
unset REDCAP_DB_USERNAME REDCAP_DB_PASSWORD REDCAP_SALT SMTP_USERNAME SMTP_PASSWORD \
    LDAP_BIND_PASSWORD SAML_SP_CREDENTIALS

make_certificate() {
    local dir="$config_dir/tls"
    mkdir -p "$dir"
    (
        umask 077
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
            -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
            -keyout "$dir/key.pem" -out "$dir/cert.pem" 2> /dev/null
    )
    chmod 644 "$dir/cert.pem"
}

case "${1:-}" in
    setup | finish)
        set -- php "$setup_script" "$1"
        ;;
    *)
        unset S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY REDCAP_ADMIN_PASSWORD
        if [ "$#" -eq 0 ]; then
            set -- web-server
        fi
        if [ "$1" = "web-server" ]; then
            make_certificate
        fi
        ;;
esac
exec "$@"
