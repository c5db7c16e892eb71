#!/usr/bin/env bash
# Issue 9, concurrent result entry: a throwaway PostgreSQL (scripts/services.sh), migrations, the
# seed plans, generated data (generate_scale_data, the last year's periods open), N reporter
# accounts in distinct agencies (prepare.py), gunicorn as the Dockerfile runs it (3 sync workers,
# timeout 60) on production settings over plain HTTP (settings.py), locust headless with N users,
# then the verification (verify.py) and the figures (report.py → RESULTS.md, results.json).
#
# Usage: bash bench/concurrency/run.sh [USERS] [PROVINCES] [COMMUNES_PER_PROVINCE]   # 400 6 60
# Env: BENCH_SPAWN_RATE (20/s), BENCH_WAIT_MIN/BENCH_WAIT_MAX (think time, 5–15 s), BENCH_WORKERS
# (3), BENCH_THREADS (1), BENCH_PERIODS (the last N periods of the year per user, default all 4),
# BENCH_RUN_TIME (safety bound, 15m), BENCH_KEEP=1 keeps the work dir, BENCH_NAME=x writes
# RESULTS-x.md and results-x.json instead (see README.md: the person's pace is kept as human-pace).
set -euo pipefail
cd "$(dirname "$0")/../.."
USERS="${1:-400}"
PROVINCES="${2:-6}"
COMMUNES="${3:-60}"
SPAWN="${BENCH_SPAWN_RATE:-20}"
WORKERS="${BENCH_WORKERS:-3}"
THREADS="${BENCH_THREADS:-1}"
PY="${PYTHON:-.venv/bin/python}"
BIN="$(dirname "$PY")"
WORK="$(mktemp -d /tmp/cchc-concurrency.XXXXXX)"
GUNICORN_PID=""
UPTIME_PID=""

source scripts/services.sh
cleanup() {
  [ -n "$UPTIME_PID" ] && kill "$UPTIME_PID" 2>/dev/null || true
  if [ -n "$GUNICORN_PID" ]; then kill "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true; fi
  services_stop
  [ "${BENCH_KEEP:-0}" = "1" ] && echo "work dir kept: $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
services_start

export DJANGO_SETTINGS_MODULE=bench.concurrency.settings
export SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLOWED_HOSTS="127.0.0.1,localhost" BEHIND_PROXY=false REDIS_URL="$CCHC_TEST_REDIS_URL"
export STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media"
export BENCH_PASSWORD="bench-nhap-dong-thoi-$RANDOM"

"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py collectstatic --noinput -v 0
"$PY" manage.py load_seed_plans >/dev/null
YEAR="$(date +%Y)"
"$PY" manage.py generate_scale_data --provinces "$PROVINCES" --communes-per-province "$COMMUNES" \
  --years 2 --start-year "$((YEAR - 1))" | tee "$WORK/generate.log"
"$PY" -m bench.concurrency.prepare --users "$USERS" --periods "${BENCH_PERIODS:-0}" --out "$WORK/users.json" | tee "$WORK/prepare.log"

PORT="$(free_port)"
"$BIN/gunicorn" cchc.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --threads "$THREADS" --timeout 60 --access-logfile "$WORK/access.log" \
  --access-logformat '%(t)s "%(m)s %(U)s" %(s)s %(M)s' \
  --error-logfile "$WORK/gunicorn.log" 2>>"$WORK/gunicorn.log" &
GUNICORN_PID=$!
for _ in $(seq 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/suc-khoe/" 2>/dev/null && break; sleep 0.2
done
echo "gunicorn :$PORT (pid $GUNICORN_PID), $WORKERS workers × $THREADS threads"

POSTMASTER_PID="$(head -1 "$CCHC_PG_DATA/postmaster.pid")"
"$PY" -m bench.concurrency.cpu "$GUNICORN_PID" "$POSTMASTER_PID" >"$WORK/cpu.jsonl"
(while true; do uptime; sleep 10; done) >"$WORK/uptime.log" 2>&1 &
UPTIME_PID=$!
BENCH_USERS="$WORK/users.json" BENCH_LEDGER="$WORK/ledger.jsonl" BENCH_TIMES="$WORK/times.json" \
BENCH_USER_COUNT="$USERS" PYTHONPATH="$PWD" \
BENCH_WAIT_MIN="${BENCH_WAIT_MIN:-5}" BENCH_WAIT_MAX="${BENCH_WAIT_MAX:-15}" \
  /usr/bin/time -o "$WORK/locust.time" -f "%U %S %e" "$BIN/locust" -f bench/concurrency/locustfile.py --headless -u "$USERS" -r "$SPAWN" \
  -t "${BENCH_RUN_TIME:-15m}" -H "http://127.0.0.1:$PORT" --csv "$WORK/locust" \
  --only-summary --loglevel WARNING 2>&1 | tee "$WORK/locust.log" || true
"$PY" -m bench.concurrency.cpu "$GUNICORN_PID" "$POSTMASTER_PID" >>"$WORK/cpu.jsonl"
kill "$UPTIME_PID" 2>/dev/null || true
UPTIME_PID=""
uptime >>"$WORK/uptime.log"

"$PY" -m bench.concurrency.verify --users "$WORK/users.json" --ledger "$WORK/ledger.jsonl" \
  --out "$WORK/verify.json"
DATA="$(tail -2 "$WORK/generate.log" | head -1); $(cat "$WORK/prepare.log")"
"$PY" -m bench.concurrency.report --work "$WORK" --out-dir bench/concurrency --data "$DATA" \
  --name "${BENCH_NAME:-}" \
  --server "gunicorn cchc.wsgi --workers $WORKERS --threads $THREADS --timeout 60 (sync), \
settings bench.concurrency.settings (production, plain HTTP), CONN_MAX_AGE ${CONN_MAX_AGE:-60}, \
PostgreSQL from scripts/services.sh (fsync off)" \
  --command "bash bench/concurrency/run.sh $USERS $PROVINCES $COMMUNES (spawn $SPAWN/s, think \
${BENCH_WAIT_MIN:-5}–${BENCH_WAIT_MAX:-15} s, BENCH_PERIODS=${BENCH_PERIODS:-0}, \
BENCH_WORKERS=$WORKERS, BENCH_THREADS=$THREADS${BENCH_NAME:+, BENCH_NAME=$BENCH_NAME})"
