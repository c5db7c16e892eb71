#!/usr/bin/env bash
# Restore a backup of scripts/backup.sh (README "Sao lưu và khôi phục") into an EMPTY database
# and an empty MEDIA_ROOT: checks the sha256 of the MANIFEST before anything, refuses a target
# that has tables or files (unless --force), pg_restore --no-owner --no-privileges in one
# transaction, unpacks the files, then checks the migrations against the MANIFEST and the code.
#
#   DATABASE_URL=postgres://… MEDIA_ROOT=/data/media bash scripts/restore.sh [--force] BACKUP_DIR
#   CCHC_COMPOSE=1 bash scripts/restore.sh [--force] BACKUP_DIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/backup-common.sh"

force=""
if [ "${1:-}" = "--force" ]; then force=1; shift; fi
src="${1:-}"
[ -n "$src" ] && [ $# -eq 1 ] || die "Cách dùng: scripts/restore.sh [--force] THƯ_MỤC_SAO_LƯU"
[ -f "$src/MANIFEST" ] || die "Không thấy $src/MANIFEST: đây không phải một bản sao lưu của backup.sh."

say "Kiểm tra sha256 của bản sao lưu $src …"
[ "$(grep -cE '^[0-9a-f]{64}  (db\.dump|files\.tar)$' "$src/MANIFEST")" = 2 ] \
  || die "MANIFEST thiếu sha256 của db.dump hoặc files.tar. Không khôi phục."
(cd "$src" && grep -E '^[0-9a-f]{64}  ' MANIFEST | sha256sum --check --strict --quiet) \
  || die "Bản sao lưu bị hỏng hoặc đã bị sửa: sha256 không khớp với MANIFEST. Không khôi phục gì."

tables="$(run_pg psql -XAt "${DB_ARGS[@]}" -c "SELECT count(*) FROM pg_tables
  WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")"
files="$(run_media sh -c '[ ! -d "$1" ] || find "$1" -type f -print -quit' sh "$MEDIA_ROOT")"
if [ -z "$force" ]; then
  [ "$tables" = 0 ] || die "Cơ sở dữ liệu đích $(db_label) đã có $tables bảng: chỉ khôi phục vào \
một cơ sở dữ liệu trống (tạo mới bằng createdb), hoặc thêm --force để ghi đè. Chưa ghi gì."
  [ -z "$files" ] || die "Thư mục tệp $MEDIA_ROOT đã có tệp ($files): chỉ khôi phục vào thư mục \
trống, hoặc thêm --force để ghi đè. Chưa ghi gì."
fi

say "Khôi phục cơ sở dữ liệu vào $(db_label) …"
run_pg pg_restore --no-owner --no-privileges --single-transaction --exit-on-error \
  ${force:+--clean --if-exists} "${DB_ARGS[@]}" <"$src/db.dump" \
  || die "pg_restore không thành công; cơ sở dữ liệu đích không thay đổi (một giao dịch)."
say "Giải nén các tệp vào $MEDIA_ROOT …"
run_media mkdir -p "$MEDIA_ROOT"
run_media tar -C "$MEDIA_ROOT" --no-same-owner -p -xf - <"$src/files.tar"

say "Kiểm tra migration …"
[ "$(run_pg psql -XAt -F " " "${DB_ARGS[@]}" -c "$MIGRATIONS_SQL")" \
  = "$(sed -n 's/^# migration /migration /p' "$src/MANIFEST")" ] \
  || die "Migration trong cơ sở dữ liệu đã khôi phục khác với MANIFEST."
run_manage migrate --check >/dev/null || die "Đã khôi phục dữ liệu và tệp, nhưng mã nguồn có \
migration chưa áp dụng (mã mới hơn bản sao lưu): chạy 'manage.py migrate' trước khi mở ứng dụng."
run_pg psql -XAt "${DB_ARGS[@]}" -c "SELECT format('Đã khôi phục: %s kế hoạch, %s báo cáo \
định kỳ, %s tệp minh chứng, %s báo cáo PDF, %s người dùng.', (SELECT count(*) FROM plans_plan),
  (SELECT count(*) FROM plans_submission), (SELECT count(*) FROM plans_evidencefile),
  (SELECT count(*) FROM reports_report WHERE file <> ''), (SELECT count(*) FROM agencies_user))" >&2
