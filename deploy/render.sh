#!/usr/bin/env bash
# Fills a template of deploy/ (nginx site, systemd units) with the site's
# environment and prints it:
#
#   set -a; . /etc/portal/portal.env; set +a
#   deploy/render.sh deploy/nginx/portal.conf.template >/etc/nginx/sites-available/portal
#
# Only ${UPPER_CASE} names are replaced, so nginx's own $variables stay as
# they are; a name the environment does not set stops the rendering instead
# of leaving an empty path in the file. Defaults follow portal/settings.py.
set -euo pipefail
template=${1:?usage: render.sh TEMPLATE}

export PORTAL_MAX_UPLOAD_SIZE=${PORTAL_MAX_UPLOAD_SIZE:-52428800}
# The request carrying a file at the limit is larger than the file (the
# form's other fields and the multipart boundaries): 1 MiB of room, so the
# file at the limit reaches Django and a larger one gets Django's Czech
# message; only a request far over the limit is cut off by nginx (413).
export PORTAL_CLIENT_MAX_BODY_SIZE=$((PORTAL_MAX_UPLOAD_SIZE + 1048576))
# nginx's listen: a port, or address:port.
export PORTAL_HTTPS_LISTEN=${PORTAL_HTTPS_LISTEN:-443}
export PORTAL_HTTP_LISTEN=${PORTAL_HTTP_LISTEN:-80}
export GUNICORN_BIND=${GUNICORN_BIND:-127.0.0.1:8000}
export PORTAL_ENV_FILE=${PORTAL_ENV_FILE:-/etc/portal/portal.env}

names=$( (grep -o '\${[A-Z][A-Z0-9_]*}' "$template" || true) | sort -u | tr '\n' ' ')
for name in $names; do
  name=${name#\$\{}
  name=${name%\}}
  if [ -z "${!name:-}" ]; then
    echo "render.sh: $name is not set (needed by $template)" >&2
    exit 1
  fi
done
envsubst "$names" <"$template"
