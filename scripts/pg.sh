#!/usr/bin/env bash
# Private PostgreSQL 15 cluster of the project (initdb + pg_ctl, Unix socket only, no service).
# Usage: pg.sh start|stop|status
source "$(dirname "$0")/env.sh"

# PostgreSQL refuses to run as root: under root the cluster belongs to the 'postgres' system user.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

init_cluster() {
  [[ -f "$PGDATA_DIR/PG_VERSION" ]] && return 0
  echo ">> creating the private PostgreSQL cluster in $PGDATA_DIR"
  mkdir -p "$PGDATA_DIR"
  [[ "$(id -u)" -eq 0 ]] && chown postgres: "$PGDATA_DIR"
  chmod 700 "$PGDATA_DIR"
  as_owner "$PG_BIN/initdb" -D "$PGDATA_DIR" -U "$DB_USER" --auth=trust -E UTF8 \
    --locale=C.UTF-8 >/dev/null
}

start() {
  init_cluster
  mkdir -p "$PG_SOCKET_DIR" "$STATE_DIR"
  touch "$PG_LOG"
  if [[ "$(id -u)" -eq 0 ]]; then chown postgres: "$PG_SOCKET_DIR" "$PG_LOG"; fi
  if as_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    return 0
  fi
  as_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_LOG" -w -t 60 \
    -o "-k $PG_SOCKET_DIR -p $PG_PORT -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
    start >/dev/null || die "PostgreSQL did not start; see $PG_LOG"
}

stop() {
  [[ -f "$PGDATA_DIR/PG_VERSION" ]] || return 0
  as_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) as_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status ;;
  *) die "usage: pg.sh start|stop|status" ;;
esac
