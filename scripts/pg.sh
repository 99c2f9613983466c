#!/usr/bin/env bash
# Private PostgreSQL 15 cluster of the project (initdb + pg_ctl, Unix socket only, no service).
# Usage: pg.sh start|stop|status|clean   (clean: stop and delete the cluster)
#
# PostgreSQL refuses to run as root: under root the cluster belongs to the 'postgres' system
# user, which must reach the cluster's folder. When the clone lies in a folder 'postgres'
# cannot traverse (a clone under /root, a `mktemp -d` folder: mode 700), the cluster lives
# in postgres's home instead, /var/lib/postgresql/recouvrement_amiable/<id of the state folder>
# (`make clean` deletes it); .state/pgdata.location says where.
source "$(dirname "$0")/env.sh"

is_root() { [[ "$(id -u)" -eq 0 ]]; }

as_owner() {
  if is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Sets PGDATA_DIR and PG_LOG: in the state folder when its owner-to-be can reach it.
locate_cluster() {
  mkdir -p "$STATE_DIR"
  if ! is_root || runuser -u postgres -- test -x "$STATE_DIR" 2>/dev/null; then
    rm -f "$STATE_DIR/pgdata.location"
    return 0
  fi
  local home id
  home="$(getent passwd postgres | cut -d: -f6)"
  [[ -n "$home" && -d "$home" ]] || home=/var/tmp
  id="$(printf '%s' "$STATE_DIR" | md5sum | cut -c1-10)"
  PGDATA_DIR="$home/recouvrement_amiable/$id/pgdata"
  PG_LOG="$home/recouvrement_amiable/$id/postgres.log"
  printf '%s\n' "$(dirname "$PGDATA_DIR")" >"$STATE_DIR/pgdata.location"
}

init_cluster() {
  [[ -f "$PGDATA_DIR/PG_VERSION" ]] && return 0
  echo ">> creating the private PostgreSQL cluster in $PGDATA_DIR"
  if [[ "$PGDATA_DIR" != "$STATE_DIR/"* ]]; then
    echo "   (the postgres user cannot reach $STATE_DIR; 'make clean' deletes it)"
  fi
  mkdir -p "$PGDATA_DIR"
  if is_root; then chown postgres: "$PGDATA_DIR" "$(dirname "$PGDATA_DIR")"; fi
  chmod 700 "$PGDATA_DIR"
  as_owner "$PG_BIN/initdb" -D "$PGDATA_DIR" -U "$DB_USER" --auth=trust -E UTF8 \
    --locale=C.UTF-8 >/dev/null || die "initdb failed in $PGDATA_DIR"
}

start() {
  init_cluster
  mkdir -p "$PG_SOCKET_DIR"
  touch "$PG_LOG"
  if is_root; then chown postgres: "$PG_SOCKET_DIR" "$PG_LOG"; fi
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

clean() {
  stop
  if [[ "$PGDATA_DIR" != "$STATE_DIR/"* ]]; then
    rm -rf "$(dirname "$PGDATA_DIR")"
  else
    rm -rf "$PGDATA_DIR"
  fi
  rm -f "$STATE_DIR/pgdata.location"
}

locate_cluster
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) as_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status ;;
  clean) clean ;;
  *) die "usage: pg.sh start|stop|status|clean" ;;
esac
