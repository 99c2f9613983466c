#!/usr/bin/env bash
# `make bench-plans`: the daily follow-up of payment plans, timed on a copy of the benchmark
# database (its own plans, built once, so that the run's bench keeps invoices without plans).
# BENCH_SIZE=1k|10k|100k as for `make bench`; BENCH_RESET=1 builds the plans again.
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/copy_db.sh"
bench_db_of_size
COPY_DB="${BENCH_DB}_plans"
SITE_ADDONS="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo/addons"
odoo() { # odoo [shell] ARGS: on the copy, with the OCA add-on the bench database holds
  local command=()
  [[ "$1" == shell ]] && command=(shell) && shift
  "$PYTHON" "$ODOO_SRC/odoo-bin" "${command[@]}" \
    --addons-path="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$PROJECT_ROOT,$SITE_ADDONS" \
    --db_host="$PG_SOCKET_DIR" --db_port="$PG_PORT" --db_user="$DB_USER" \
    --data-dir="$STATE_DIR/filestore" -d "$COPY_DB" --no-http --log-level=warn "$@"
}

BENCH_BUILD_ONLY=1 bash "$PROJECT_ROOT/bench/run.sh"

exists=$(psql_q postgres "select count(*) from pg_database where datname = '$COPY_DB'")
if [[ "$exists" == 0 || -n "${BENCH_RESET:-}" ]]; then
  echo ">> '$COPY_DB': a copy of '$BENCH_DB' for the plans"
  fresh_copy
else
  echo ">> reusing '$COPY_DB'; updating $ADDON_NAME"
  odoo -u "$ADDON_NAME" --stop-after-init
fi
BENCH_RESULTS="$STATE_DIR/bench-plans-$BENCH_SIZE.json" \
  odoo shell <"$PROJECT_ROOT/bench/plans.py"
