# Shared by backup.sh and restore.sh (sourced): where the database and the files are, either
# natively (DATABASE_URL, MEDIA_ROOT, PostgreSQL tools from PG_BIN, PATH or
# /usr/lib/postgresql/15/bin) or on a docker-compose host (CCHC_COMPOSE=1): the PostgreSQL tools
# through "docker compose exec postgres", the files and manage.py in a one-off web container
# ("run --rm --no-deps", with the media volume), which works while web is stopped for a restore.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { echo "[cchc] $*" >&2; }
die() { echo "[cchc] LỖI: $*" >&2; exit 1; }
# The last migration of each app, as the MANIFEST lists it ("migration APP NAME").
MIGRATIONS_SQL="SELECT 'migration', app, max(name) FROM django_migrations GROUP BY app ORDER BY app"

if [ -n "${CCHC_COMPOSE:-}" ]; then
  read -r -a compose <<<"${COMPOSE:-docker compose}"     # or COMPOSE=docker-compose
  MEDIA_ROOT=/data/media                                  # the "media" volume (docker-compose.yml)
  DB_ARGS=(-U cchc -d cchc)
  run_pg() { "${compose[@]}" exec -T postgres "$@"; }
  run_media() { "${compose[@]}" run --rm --no-deps -T web "$@"; }
  run_manage() { run_media python manage.py "$@"; }
  db_label() { echo "postgres/cchc (docker compose)"; }
else
  [ -n "${DATABASE_URL:-}" ] || die "Chưa đặt DATABASE_URL (postgres://người_dùng:mật_khẩu@máy:5432/tên_csdl)."
  url="$(sed -E 's#^(postgres|postgresql|pgsql|psql)://#postgresql://#' <<<"$DATABASE_URL")"
  [[ "$url" == postgresql://* ]] || die "DATABASE_URL không phải PostgreSQL; chỉ sao lưu, khôi phục được PostgreSQL."
  DB_ARGS=(-d "$url")
  MEDIA_ROOT="${MEDIA_ROOT:-$ROOT/media}"
  PY="${PYTHON:-$ROOT/.venv/bin/python}"
  pg_tool() {
    if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN/$1"
    elif command -v "$1" >/dev/null 2>&1; then command -v "$1"
    else echo "/usr/lib/postgresql/15/bin/$1"; fi
  }
  run_pg() { local tool; tool="$(pg_tool "$1")"; shift; "$tool" "$@"; }
  run_media() { "$@"; }
  run_manage() { (cd "$ROOT" && "$PY" manage.py "$@"); }
  db_label() { sed -E 's#//([^:@/]*):[^@]*@#//\1:***@#' <<<"$url"; }   # no password in logs
fi
