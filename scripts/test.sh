#!/usr/bin/env bash
# One command: set up and run the whole test suite on a throwaway PostgreSQL, a real Redis and
# Celery worker, and a real Chromium. Installs the system packages it needs when run as root.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v curl >/dev/null 2>&1 || need+=(curl)  # the README's API example (tests/api/test_readme.py)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
ldconfig -p | grep -q libpangoft2-1.0.so.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)  # WeasyPrint
[ -d /usr/share/fonts/truetype/liberation2 ] || [ -d /usr/share/fonts/truetype/liberation ] || need+=(fonts-liberation2)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Cài gói hệ thống: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Thiếu gói hệ thống: ${need[*]} (chạy với quyền root để tự cài)." >&2; exit 1
  fi
fi

source scripts/setup.sh dev
source scripts/services.sh
trap services_stop EXIT
services_start

export DJANGO_SETTINGS_MODULE=cchc.settings.test
# This is CI's command: the property tests draw the same examples every run (tests/conftest.py),
# and tests that need PostgreSQL, Redis or Chromium fail rather than skip without them.
export CI="${CI:-1}"
export DJANGO_ALLOW_ASYNC_UNSAFE=true   # Playwright's sync API runs an event loop in-thread
# The compiled modules cached in .pycache/ (gitignored), pytest's rewritten tests among them:
# every Python process of the run (the pytest workers, the Celery workers, servers and children
# the tests start) reads them instead of compiling the project again (issue 26: an environment
# that sets PYTHONDONTWRITEBYTECODE made each pytest worker spend about 6 s more collecting).
# All of them go there, none beside the sources: .venv may be shared with other checkouts, and
# pytest would otherwise write its rewritten plugins into it.
unset PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX="$ROOT/.pycache"
PY=.venv/bin/python

# The migrated, seeded test database (seed plans, demo) built once, beside the static checks and
# while pytest's workers start and collect the tests; each worker's database is a copy of it, made
# once the template's status file says it is ready (tests/template_db.py, tests/conftest.py).
export CCHC_TEST_DB_TEMPLATE_STATUS="$SERVICES_DIR/template.status" CCHC_TEST_DB_TEMPLATE_LOG="$SERVICES_DIR/template.log"
CCHC_TEST_MEDIA_ROOT="$SERVICES_DIR/template-media" $PY -m tests.template_db >"$CCHC_TEST_DB_TEMPLATE_LOG" 2>&1 &
template_pid=$!
export CCHC_TEST_DB_TEMPLATE_PID="$template_pid"
trap 'kill "$template_pid" 2>/dev/null || true; services_stop' EXIT

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy (services, selectors, rules; pyproject.toml)"
.venv/bin/mypy
echo "== lint-imports (the floors, pyproject.toml)"
.venv/bin/lint-imports --no-cache
echo "== makemigrations --check"
$PY manage.py makemigrations --check --dry-run -v 1
echo "== manage.py check"
$PY manage.py check --fail-level WARNING
echo "== compilemessages"
$PY manage.py compilemessages -v 0
if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet -- locale; then
  echo "locale/*.mo không khớp với .po: chạy 'manage.py compilemessages' rồi commit." >&2; exit 1
fi
echo "== pytest"
export CCHC_TEST_DB_TEMPLATE=test_cchc_template CCHC_TEST_DB_TEMPLATE_MEDIA="$SERVICES_DIR/template-media"
# Given test paths: just those. Otherwise the whole suite on PYTEST_WORKERS processes
# (pytest-xdist; each with its own test database and Redis database; the browser tests run on
# either), then, alone, the tests that restart a server every worker shares (marked serial).
template_said() {  # a template that failed: its log, once (each test that needed it says so in a line)
  [ "$(cat "$CCHC_TEST_DB_TEMPLATE_STATUS" 2>/dev/null)" = "0" ] && return 0
  kill -0 "$template_pid" 2>/dev/null && return 0  # still building: no test waited for it
  echo "tests/template_db.py failed; its log:" >&2; cat "$CCHC_TEST_DB_TEMPLATE_LOG" >&2
}
paths=0
for arg in "$@"; do [ -e "${arg%%::*}" ] && paths=1; done
status=0
if [ "$paths" = 1 ]; then
  $PY -m pytest "$@" || status=$?
  template_said
  exit "$status"
else
  # --durations: each run says where its time went (issue 26: the suite's time)
  # --no-loadscope-reorder: the tests handed out in the order tests/conftest.py gives them (the
  # long ones first), the groups of tests one worker runs among them, not all before them.
  $PY -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadgroup --no-loadscope-reorder -m "not serial" \
    --durations=25 "$@" || status=$?
  # The serial tests from the files that mark some (tests/conftest.py checks that every one is
  # marked so, in its file): collecting the whole suite for them took about half their run.
  mapfile -t serial < <(grep -rl --include='test_*.py' 'pytest.mark.serial' tests)
  if [ ${#serial[@]} -gt 0 ]; then
    $PY -m pytest -p no:xdist -m serial "${serial[@]}" "$@" || status=$?
  fi
  template_said
  exit "$status"
fi
