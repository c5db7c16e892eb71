#!/usr/bin/env bash
# Backup (README "Sao lưu và khôi phục"): the database (pg_dump, custom format) and every stored
# file (MEDIA_ROOT: evidence/ and reports/) into one dated directory with a MANIFEST: the date,
# the last migration of each app and the sha256 of db.dump and files.tar.
#
#   DATABASE_URL=postgres://… MEDIA_ROOT=/data/media bash scripts/backup.sh [DIR]
#   CCHC_COMPOSE=1 bash scripts/backup.sh [DIR]     # on the docker-compose host, through exec
#
# DIR defaults to $BACKUP_DIR or ./backups; the last line printed is the backup's directory.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/backup-common.sh"

dest="${1:-${BACKUP_DIR:-backups}}/cchc-$(date +%Y%m%d-%H%M%S)"
[ -e "$dest" ] && die "Đã có $dest; chờ một giây rồi chạy lại."
run_media test -d "$MEDIA_ROOT" || die "Không thấy thư mục tệp MEDIA_ROOT=$MEDIA_ROOT."
umask 077                      # personal data: readable by the owner only
mkdir -p "$dest.partial"       # renamed once complete: a directory without .partial is whole

say "Sao lưu cơ sở dữ liệu $(db_label) …"
run_pg pg_dump --format=custom "${DB_ARGS[@]}" >"$dest.partial/db.dump"
# Files after the dump (a consistent snapshot): every file a dumped row names is on disk.
say "Sao lưu các tệp trong $MEDIA_ROOT (tệp minh chứng, báo cáo PDF) …"
run_media tar -C "$MEDIA_ROOT" -cf - . >"$dest.partial/files.tar"
{
  echo "# cchc — bản sao lưu / backup"
  echo "# date: $(date --iso-8601=seconds)"
  echo "# database: $(db_label)"
  echo "# media_root: $MEDIA_ROOT"
  run_pg psql -XAt -F " " "${DB_ARGS[@]}" -c "$MIGRATIONS_SQL" | sed "s/^/# /"
  (cd "$dest.partial" && sha256sum db.dump files.tar)
} >"$dest.partial/MANIFEST"
mv "$dest.partial" "$dest"

say "Đã sao lưu: cơ sở dữ liệu $(du -h "$dest/db.dump" | cut -f1), tệp $(du -h "$dest/files.tar" | cut -f1)."
echo "$dest"
