#!/usr/bin/env bash
# One command for the benchmarks of issue 9: a throwaway PostgreSQL, migrations, the seed plans,
# generated data at the given scale, then bench/measure.py (prints the table and writes
# BENCHMARKS.md). Usage: bash bench/run.sh [PROVINCES] [COMMUNES_PER_PROVINCE] [YEARS]
# The issue's national scale: bash bench/run.sh 34 98 5 (about 7 min of generation, 2 cores).
# Every figure of the issue in one go: BENCH_CONCURRENCY=1 bash bench/run.sh 34 98 5 runs the
# concurrent-entry benchmark first, at both paces (bench/concurrency/run.sh, its own servers,
# pip install '.[bench]'); the table takes its rows from bench/concurrency/results.json and
# results-human-pace.json either way.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_CONCURRENCY:-0}" = "1" ]; then
  bash bench/concurrency/run.sh
  BENCH_NAME=human-pace BENCH_PERIODS=1 BENCH_WAIT_MIN=30 BENCH_WAIT_MAX=90 bash bench/concurrency/run.sh
fi
PROVINCES="${1:-3}"
COMMUNES="${2:-40}"
YEARS="${3:-2}"
REPEAT="${BENCH_REPEAT:-50}"
PY="${PYTHON:-.venv/bin/python}"

source scripts/services.sh
services_start
trap services_stop EXIT
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-cchc.settings.test}"

"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py load_seed_plans >/dev/null
# generation: its own timing line, and the peak memory of its process when GNU time is there
GEN_LOG="$SERVICES_DIR/generation.log"
GEN_TIME="$SERVICES_DIR/generation.time"
GEN=("$PY" manage.py generate_scale_data --provinces "$PROVINCES" --communes-per-province "$COMMUNES"
     --years "$YEARS")
started=$(date +%s)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "%M" -o "$GEN_TIME" "${GEN[@]}" | tee "$GEN_LOG"
else
  "${GEN[@]}" | tee "$GEN_LOG"
fi
elapsed=$(( $(date +%s) - started ))
GENERATION="${elapsed} s in all"
if [ -s "$GEN_TIME" ]; then
  GENERATION="$GENERATION, peak RSS $(( $(tail -1 "$GEN_TIME") / 1024 )) MB"
fi
STEPS="$(grep -o 'thời gian: .*' "$GEN_LOG" | sed 's/thời gian: //' || true)"
[ -n "$STEPS" ] && GENERATION="$GENERATION (steps: $STEPS; progress = the stored progress of every generated period)"
"$PY" -m bench.measure --repeat "$REPEAT" --generation "$GENERATION" \
  --command "bash bench/run.sh $PROVINCES $COMMUNES $YEARS"
