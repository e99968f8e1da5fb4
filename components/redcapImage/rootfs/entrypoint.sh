#!/usr/bin/env bash
# Container entrypoint: render REDCap's database.php and msmtp's configuration from the
# environment (ECS injects the secrets), then start the given command (Apache by default) with
# the secrets removed from its environment, so no PHP code can read them from getenv().
# `setup` and `finish` run REDCap's database setup (redcap-setup.php) instead; it keeps the two
# secrets it writes into REDCap: the S3 key and the first administrator's password.
set -euo pipefail

config_dir="${REDCAP_CONFIG_DIR:-/run/redcap}"
render_script="${REDCAP_RENDER_SCRIPT:-/usr/local/lib/redcap/render-config.php}"
setup_script="${REDCAP_SETUP_SCRIPT:-/usr/local/lib/redcap/redcap-setup.php}"

mkdir -p "$config_dir"
php "$render_script" "$config_dir"
if [ "$(id -u)" = "0" ]; then
    # Apache's workers run as www-data and must read the rendered files; nobody else may.
    chown -R root:www-data "$config_dir"
fi

# Rendered into database.php and msmtprc: no process needs them in its environment.
unset REDCAP_DB_PASSWORD REDCAP_SALT SMTP_USERNAME SMTP_PASSWORD

case "${1:-}" in
    setup | finish)
        set -- php "$setup_script" "$1"
        ;;
    *)
        unset S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY REDCAP_ADMIN_PASSWORD
        if [ "$#" -eq 0 ]; then
            set -- apache2-foreground
        fi
        ;;
esac
exec "$@"
