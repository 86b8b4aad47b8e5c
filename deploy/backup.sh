#!/usr/bin/env bash
# A backup of the portal into one dated folder, with the tools the IT
# department already trusts: pg_dump (custom format, restorable table by
# table with pg_restore), tar for the document files (DJANGO_PRIVATE_ROOT)
# and the images on pages (DJANGO_MEDIA_ROOT), and a sha256sum manifest that
# restore.sh checks before it touches anything.
#
#   deploy/backup.sh [folder]     # default: $PORTAL_BACKUP_DIR
#
# Reads the site's environment (the same file as the services:
# `set -a; . /etc/portal/portal.env; set +a`): DATABASE_URL,
# DJANGO_PRIVATE_ROOT, DJANGO_MEDIA_ROOT, and PORTAL_BACKUP_KEEP_DAYS
# (default 30; older backups in the folder are removed, 0 keeps them all).
# Prints the new backup's folder. Run by portal-backup.timer.
set -euo pipefail
umask 077  # the dump holds personal data (subscribers, contact messages)

target=${1:-${PORTAL_BACKUP_DIR:?set PORTAL_BACKUP_DIR or give a folder}}
: "${DATABASE_URL:?DATABASE_URL is not set}"
: "${DJANGO_PRIVATE_ROOT:?DJANGO_PRIVATE_ROOT is not set}"
: "${DJANGO_MEDIA_ROOT:?DJANGO_MEDIA_ROOT is not set}"
keep_days=${PORTAL_BACKUP_KEEP_DAYS:-30}

mkdir -p "$target"
name="portal-$(date -u +%Y%m%dT%H%M%SZ)"
# Written under a temporary name and renamed when complete, so a folder
# with the final name is always a whole backup.
partial="$target/.$name.partial"
rm -rf "$partial"
mkdir "$partial"
trap 'rm -rf "$partial"' EXIT

pg_dump --format=custom --no-owner --no-privileges \
  --file="$partial/database.dump" "$DATABASE_URL"
for part in private media; do
  if [ "$part" = private ]; then folder=$DJANGO_PRIVATE_ROOT; else folder=$DJANGO_MEDIA_ROOT; fi
  mkdir -p "$folder"
  tar --create --file="$partial/$part.tar" --directory="$folder" .
done
(cd "$partial" && sha256sum database.dump private.tar media.tar >MANIFEST.sha256)

mv "$partial" "$target/$name"
trap - EXIT
if [ "$keep_days" -gt 0 ]; then
  find "$target" -mindepth 1 -maxdepth 1 -type d -name 'portal-*' \
    -mtime +"$keep_days" -exec rm -rf {} +
fi
echo "$target/$name"
