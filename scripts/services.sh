#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis servers started from the installed binaries (no Docker).
# Sourced by test.sh. Exports DATABASE_URL and CCHC_TEST_REDIS_URL; stop with services_stop.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

as_pg_user() {
  # PostgreSQL refuses to run as root: run its commands as the postgres user then.
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

services_start() {
  SERVICES_DIR="$(mktemp -d /tmp/cchc-services.XXXXXX)"
  chmod 755 "$SERVICES_DIR"
  [ "$(id -u)" = "0" ] && chown postgres "$SERVICES_DIR"
  PG_PORT="$(free_port)"
  as_pg_user "'$PG_BIN/initdb' -D '$SERVICES_DIR/pg' -A trust -U cchc -E UTF8 --locale=C.UTF-8 >'$SERVICES_DIR/initdb.log' 2>&1"
  as_pg_user "'$PG_BIN/pg_ctl' -D '$SERVICES_DIR/pg' -l '$SERVICES_DIR/pg.log' -w -o \"-p $PG_PORT -k '$SERVICES_DIR' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start >/dev/null"
  as_pg_user "'$PG_BIN/createdb' -h 127.0.0.1 -p $PG_PORT -U cchc cchc"
  export DATABASE_URL="postgres://cchc@127.0.0.1:$PG_PORT/cchc"
  export CCHC_PG_BIN="$PG_BIN" CCHC_PG_DATA="$SERVICES_DIR/pg"

  REDIS_PORT="$(free_port)"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log"
  export CCHC_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  echo "PostgreSQL :$PG_PORT, Redis :$REDIS_PORT ($SERVICES_DIR)"
}

services_stop() {
  [ -n "${SERVICES_DIR:-}" ] || return 0
  [ -f "$SERVICES_DIR/redis.pid" ] && kill "$(cat "$SERVICES_DIR/redis.pid")" 2>/dev/null || true
  as_pg_user "'$PG_BIN/pg_ctl' -D '$SERVICES_DIR/pg' -m immediate stop >/dev/null 2>&1" || true
  rm -rf "$SERVICES_DIR"
}
