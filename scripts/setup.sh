#!/usr/bin/env bash
# Shared setup: a Python 3.11 virtual environment in .venv with the pinned dependencies.
# Sourced by start.sh and test.sh; safe to run again (pip skips what is installed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || {
  echo "Cần Python 3.11 (đang có: $("$PYTHON" --version 2>&1))." >&2; exit 1; }

EXTRAS="${1:-}"
STAMP=".venv/.installed${EXTRAS:+-$EXTRAS}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  echo "Cài thư viện Python vào .venv…"
  # (pip's notes about this machine's package mirrors are noise for the reader: filtered)
  .venv/bin/python -m pip install --quiet --upgrade pip 2>&1 | grep -v "is ignored" || true
  .venv/bin/python -m pip install --quiet ".${EXTRAS:+[$EXTRAS]}" 2>&1 \
    | grep -v -e "is ignored" -e "BuildBackendWarning" || true
  .venv/bin/python -c "import django, celery, psycopg, weasyprint" # fail here if the install did not work
  touch "$STAMP"
fi
