#!/usr/bin/env bash
# Shared by the bench scripts that work on a copy of the bench database (sourced after
# scripts/env.sh; `fresh_copy` needs BENCH_DB and COPY_DB set).

# BENCH_DB of BENCH_SIZE (default 10k), as bench/run.sh names them, unless BENCH_DB is set
bench_db_of_size() {
  BENCH_SIZE="${BENCH_SIZE:-10k}"
  if [[ "$BENCH_SIZE" == 10k ]]; then
    BENCH_DB="${BENCH_DB:-recouvrement_bench}"
  else
    BENCH_DB="${BENCH_DB:-recouvrement_bench_$BENCH_SIZE}"
  fi
  export BENCH_SIZE BENCH_DB
}

psql_q() { "$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$DB_USER" -d "$1" -tAc "$2"; }

# COPY_DB made afresh from BENCH_DB, its filestore too
fresh_copy() {
  "$PG_BIN/dropdb" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$DB_USER" --if-exists "$COPY_DB"
  "$PG_BIN/createdb" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$DB_USER" -T "$BENCH_DB" "$COPY_DB"
  rm -rf "$STATE_DIR/filestore/filestore/$COPY_DB"
  if [[ -d "$STATE_DIR/filestore/filestore/$BENCH_DB" ]]; then
    cp -r "$STATE_DIR/filestore/filestore/$BENCH_DB" "$STATE_DIR/filestore/filestore/$COPY_DB"
  fi
}
