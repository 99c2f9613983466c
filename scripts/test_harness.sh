#!/usr/bin/env bash
# Harness test (run by `make test`, and alone by `make harness-test`): a copy of the harness in
# a folder of mode 700, as a clone under /root or in a `mktemp -d` folder, gets a working
# private PostgreSQL cluster: initdb, start, a database created and queried, stop, clean.
# Under root this is the case where the 'postgres' user cannot traverse the clone's folder.
# Prints "harness: ok" and exits 0 on success.
source "$(dirname "$0")/env.sh"

tmp="$(mktemp -d)"
clone="$tmp/clone"
cleanup() {
  if [[ -d "$clone/scripts" ]]; then
    env -u STATE_DIR -u PG_SOCKET_DIR bash "$clone/scripts/pg.sh" clean >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
chmod 700 "$tmp"
mkdir -p "$clone"
cp -r "$PROJECT_ROOT/scripts" "$clone/"
[[ "$(stat -c %a "$tmp")" == "700" ]] || die "harness test: $tmp is not mode 700"

# The copy's own settings (its state folder, its socket), not this checkout's.
run_in_clone() { env -u STATE_DIR -u PG_SOCKET_DIR "$@"; }
socket="$(run_in_clone bash -c "source '$clone/scripts/env.sh'; printf '%s' \"\$PG_SOCKET_DIR\"")"
[[ "$socket" != "$PG_SOCKET_DIR" ]] || die "harness test: the copy shares this checkout's socket"

run_in_clone bash "$clone/scripts/pg.sh" start || die "harness test: pg.sh start failed from a mode-700 folder"
psql_clone() { "$PG_BIN/psql" -X -h "$socket" -p "$PG_PORT" -U "$DB_USER" -q -v ON_ERROR_STOP=1 "$@"; }
"$PG_BIN/createdb" -h "$socket" -p "$PG_PORT" -U "$DB_USER" harness_check ||
  die "harness test: createdb failed"
answer="$(psql_clone -d harness_check -tAc "create table t (n int); insert into t values (41); select n + 1 from t")"
[[ "$answer" == "42" ]] || die "harness test: unexpected answer '$answer'"
if [[ "$(id -u)" -eq 0 ]] && ! runuser -u postgres -- test -x "$clone" 2>/dev/null; then
  [[ -f "$clone/.state/pgdata.location" ]] || die "harness test: no pgdata.location for a relocated cluster"
  [[ ! -e "$clone/.state/pgdata/PG_VERSION" ]] || die "harness test: cluster inside the unreachable folder"
fi
run_in_clone bash "$clone/scripts/pg.sh" stop
run_in_clone bash "$clone/scripts/pg.sh" status >/dev/null 2>&1 && die "harness test: PostgreSQL still running after stop"
location="$(cat "$clone/.state/pgdata.location" 2>/dev/null || true)"
run_in_clone bash "$clone/scripts/pg.sh" clean
if [[ -n "$location" && -e "$location" ]]; then die "harness test: clean left $location"; fi
echo "harness: ok (cluster from a mode-700 folder${location:+, relocated to $location and removed})"
