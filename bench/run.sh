#!/usr/bin/env bash
# `make bench`: our dunning run against OCA account_credit_control 19.0 on overdue invoices,
# same database, data and date. BENCH_SIZE=1k|10k|100k (default 10k) selects the data: 1,000
# invoices of 200 customers, 10,000 of 2,000, 100,000 of 20,000, each in its own database. A
# database is built once and reused (a build that stopped goes on where it was); BENCH_RESET=1
# rebuilds it, BENCH_TODAY=YYYY-MM-DD sets the reference date of a rebuild.
source "$(dirname "$0")/../scripts/env.sh"
BENCH_SIZE="${BENCH_SIZE:-10k}"
case "$BENCH_SIZE" in
  1k) export BENCH_INVOICES=1000 BENCH_CUSTOMERS=200 ;;
  10k) export BENCH_INVOICES=10000 BENCH_CUSTOMERS=2000 ;;
  # OCA's run takes about 2 minutes at 10k and grows linearly: not run at 100k (over 10 minutes)
  100k) export BENCH_INVOICES=100000 BENCH_CUSTOMERS=20000 BENCH_SKIP_OCA=1 ;;
  *) die "BENCH_SIZE is 1k, 10k or 100k, not '$BENCH_SIZE'" ;;
esac
if [[ "$BENCH_SIZE" == 10k ]]; then
  BENCH_DB="${BENCH_DB:-recouvrement_bench}"
else
  BENCH_DB="${BENCH_DB:-recouvrement_bench_$BENCH_SIZE}"
fi
OCA_PACKAGE=odoo-addon-account-credit-control
OCA_VERSION=19.0.1.0.0.13
# pip installs OCA add-ons as the namespace package odoo.addons in the venv's site-packages
SITE_ADDONS="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo/addons"
ADDONS="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$PROJECT_ROOT,$SITE_ADDONS"

odoo() {
  "$PYTHON" "$ODOO_SRC/odoo-bin" "$@" --addons-path="$ADDONS" --db_host="$PG_SOCKET_DIR" \
    --db_port="$PG_PORT" --db_user="$DB_USER" --data-dir="$STATE_DIR/filestore" \
    -d "$BENCH_DB" --no-http --log-level=warn
}
psql_q() { "$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$DB_USER" -d "$BENCH_DB" -tAc "$1"; }

bash "$PROJECT_ROOT/scripts/pg.sh" start
installed=$("$PYTHON" -m pip show "$OCA_PACKAGE" 2>/dev/null | sed -n 's/^Version: //p' || true)
if [[ "$installed" != "$OCA_VERSION" ]]; then
  echo ">> installing OCA account_credit_control $OCA_VERSION (wheel; depends on base, account, mail)"
  "$PYTHON" -m pip install -q --no-deps "$OCA_PACKAGE==$OCA_VERSION"
fi

param() { psql_q "select value from ir_config_parameter where key = 'recouvrement_amiable.$1'" 2>/dev/null || true; }
loaded=$(param bench_loaded)
if [[ -z "${BENCH_RESET:-}" && "$loaded" != 1 && "$(param bench_modules)" == 1 ]]; then
  echo ">> '$BENCH_DB': the data was not finished; going on from what was committed"
  odoo shell <"$PROJECT_ROOT/bench/generate_data.py"
elif [[ -n "${BENCH_RESET:-}" || "$loaded" != "1" ]]; then
  echo ">> building the benchmark database '$BENCH_DB' ($BENCH_INVOICES invoices; once)"
  "$PG_BIN/dropdb" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$DB_USER" --if-exists "$BENCH_DB"
  rm -rf "$STATE_DIR/filestore/filestore/$BENCH_DB"
  start=$SECONDS
  odoo -i base --load-language=fr_FR --stop-after-init
  # French company before accounting, so that the French chart of accounts is loaded
  odoo shell <"$PROJECT_ROOT/scripts/demo_company.py"
  odoo -i "l10n_fr_account,$ADDON_NAME,account_credit_control" --stop-after-init
  psql_q "insert into ir_config_parameter (key, value)
          values ('recouvrement_amiable.bench_modules', '1')" >/dev/null
  echo ">> modules installed in $((SECONDS - start)) s; generating the data"
  odoo shell <"$PROJECT_ROOT/bench/generate_data.py"
else
  echo ">> reusing '$BENCH_DB' (BENCH_RESET=1 rebuilds it); updating $ADDON_NAME"
  odoo -u "$ADDON_NAME" --stop-after-init
fi
[[ "$(param bench_loaded)" == 1 ]] || die "the data of '$BENCH_DB' is not finished: run again to go on"

if [[ -n "${BENCH_BUILD_ONLY:-}" ]]; then
  exit 0
fi
if [[ -n "${BENCH_COCKPIT:-}" ]]; then
  echo ">> timing the cockpit's screens (best of 3, rolled back)"
  BENCH_RESULTS="$STATE_DIR/bench-cockpit.json" odoo shell <"$PROJECT_ROOT/bench/cockpit.py"
  exit 0
fi

# The letters are styled as the real report: wkhtmltopdf fetches the report's stylesheets from
# an Odoo server on the same database (odoo-bin shell serves no HTTP).
REPORT_PORT="${BENCH_REPORT_PORT:-8279}"
"$PYTHON" "$ODOO_SRC/odoo-bin" --addons-path="$ADDONS" --db_host="$PG_SOCKET_DIR" \
  --db_port="$PG_PORT" --db_user="$DB_USER" --data-dir="$STATE_DIR/filestore" \
  -d "$BENCH_DB" --db-filter="^$BENCH_DB\$" --http-interface=127.0.0.1 --http-port="$REPORT_PORT" \
  --workers=0 --max-cron-threads=0 --log-level=warn >"$STATE_DIR/bench-report-server.log" 2>&1 &
report_server=$!
trap 'kill $report_server 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -sf -o /dev/null "http://127.0.0.1:$REPORT_PORT/web/login" && break
  sleep 1
done
curl -sf -o /dev/null "http://127.0.0.1:$REPORT_PORT/web/login" ||
  die "the report server did not start (see $STATE_DIR/bench-report-server.log)"
export BENCH_REPORT_URL="http://127.0.0.1:$REPORT_PORT"

echo ">> measuring (each run ${BENCH_ATTEMPTS:-3} times, rolled back; a few minutes)"
BENCH_RESULTS="$STATE_DIR/bench-results-$BENCH_SIZE.json" odoo shell <"$PROJECT_ROOT/bench/measure.py"
echo ">> every size measured so far, and the chart"
"$PYTHON" "$PROJECT_ROOT/bench/curve.py" "$STATE_DIR" "$PROJECT_ROOT/.state"
