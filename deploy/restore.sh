#!/usr/bin/env bash
# Restores a backup made by backup.sh into an EMPTY database and EMPTY (or
# missing) folders, after checking every file against the manifest. It
# refuses to overwrite anything: to replace a broken site, create a new
# database (createdb) and point the environment at new folders.
#
#   deploy/restore.sh /var/backups/portal/portal-20261207T020000Z
#
# Reads DATABASE_URL, DJANGO_PRIVATE_ROOT and DJANGO_MEDIA_ROOT from the
# environment (`set -a; . /etc/portal/portal.env; set +a`). Afterwards run
# `manage.py migrate` (a backup of an older release is upgraded like any
# installation) and `manage.py collectstatic --noinput`.
set -euo pipefail

backup=${1:?usage: restore.sh BACKUP_FOLDER}
: "${DATABASE_URL:?DATABASE_URL is not set}"
: "${DJANGO_PRIVATE_ROOT:?DJANGO_PRIVATE_ROOT is not set}"
: "${DJANGO_MEDIA_ROOT:?DJANGO_MEDIA_ROOT is not set}"

fail() {
  echo "restore.sh: $*" >&2
  exit 1
}

[ -f "$backup/MANIFEST.sha256" ] || fail "$backup has no MANIFEST.sha256"
(cd "$backup" && sha256sum --check --quiet --strict MANIFEST.sha256) ||
  fail "$backup does not match its manifest; it is damaged or incomplete"

tables=$(psql "$DATABASE_URL" --no-psqlrc --tuples-only --no-align --command \
  "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
[ "$tables" = 0 ] || fail "the database already has $tables tables; restore into an empty one"
for folder in "$DJANGO_PRIVATE_ROOT" "$DJANGO_MEDIA_ROOT"; do
  if [ -d "$folder" ] && [ -n "$(ls -A "$folder")" ]; then
    fail "$folder is not empty; restore into empty folders"
  fi
done

pg_restore --no-owner --no-privileges --exit-on-error \
  --dbname="$DATABASE_URL" "$backup/database.dump"
mkdir -p "$DJANGO_PRIVATE_ROOT" "$DJANGO_MEDIA_ROOT"
tar --extract --file="$backup/private.tar" --directory="$DJANGO_PRIVATE_ROOT"
tar --extract --file="$backup/media.tar" --directory="$DJANGO_MEDIA_ROOT"
echo "Restored $backup; now run manage.py migrate and collectstatic."
