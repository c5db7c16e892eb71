#!/usr/bin/env bash
# One command: set up and start the app on the embedded default (SQLite, Celery tasks
# in-process) with both seed plans and the demo data, at http://127.0.0.1:8000
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh

PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-cchc.settings.local}"
# links in the reminder e-mails lead to the address served below, unless SITE_URL says otherwise
export SITE_URL="${SITE_URL:-http://${HOST:-127.0.0.1}:${PORT:-8000}}"
$PY manage.py migrate --noinput -v 0
$PY manage.py compilemessages -v 0 2>/dev/null || true
$PY manage.py load_seed_plans
$PY manage.py load_demo --if-empty
$PY manage.py load_scoring_demo --if-empty   # PAR-index scoring: Hưng Yên 2023, a full cycle
$PY manage.py draft_reports   # the beat job of production, once (PDFs made in-process)
$PY manage.py send_reminders  # the daily reminders and digest, once (sends nothing twice a day)
echo
echo "Mở http://${HOST:-127.0.0.1}:${PORT:-8000}/ và đăng nhập bằng một tài khoản mẫu ở trên."
echo "API đọc số liệu: http://${HOST:-127.0.0.1}:${PORT:-8000}/api/v1/docs — cấp mã truy cập (README, “The read API”):"
echo "  .venv/bin/python manage.py api_client_issue --province hy-ubnd --name \"Hệ thống thông tin báo cáo tỉnh\""
exec $PY manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
