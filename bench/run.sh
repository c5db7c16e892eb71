#!/usr/bin/env bash
# One command for the benchmarks of issue 9: a throwaway PostgreSQL, migrations, the seed plans,
# generated data at the given scale, then bench/measure.py (prints the table and writes
# BENCHMARKS.md). Usage: bash bench/run.sh [PROVINCES] [COMMUNES_PER_PROVINCE] [YEARS]
set -euo pipefail
cd "$(dirname "$0")/.."
PROVINCES="${1:-3}"
COMMUNES="${2:-40}"
YEARS="${3:-2}"
REPEAT="${BENCH_REPEAT:-30}"
PY="${PYTHON:-.venv/bin/python}"

source scripts/services.sh
services_start
trap services_stop EXIT
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-cchc.settings.test}"

"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py load_seed_plans >/dev/null
"$PY" manage.py generate_scale_data --provinces "$PROVINCES" --communes-per-province "$COMMUNES" \
  --years "$YEARS"
"$PY" -m bench.measure --repeat "$REPEAT" \
  --command "bash bench/run.sh $PROVINCES $COMMUNES $YEARS"
