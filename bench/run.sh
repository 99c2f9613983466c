#!/usr/bin/env bash
# `make bench`: the dunning run on 10,000 overdue invoices of 2,000 customers, against OCA's
# account_credit_control 19.0 on the same database and data. BENCH_RESET=1 rebuilds the data.
source "$(dirname "$0")/../scripts/env.sh"
BENCH_DB="${BENCH_DB:-recouvrement_bench}"
OCA_VERSION="19.0.1.0.0.13"
SITE_ADDONS="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo/addons"
ADDONS="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$PROJECT_ROOT,$SITE_ADDONS"

bash "$PROJECT_ROOT/scripts/pg.sh" start
if [[ ! -d "$SITE_ADDONS/account_credit_control" ]]; then
  echo ">> installing OCA account_credit_control $OCA_VERSION (wheel, no dependencies)"
  "$PYTHON" -m pip install -q --no-deps "odoo-addon-account-credit-control==$OCA_VERSION" 2>&1 |
    grep -v "^WARNING: Location" || true
fi

odoo() { "$PYTHON" "$ODOO_SRC/odoo-bin" --addons-path="$ADDONS" --db_host="$PG_SOCKET_DIR" \
  --db_port="$PG_PORT" --db_user="$DB_USER" --data-dir="$STATE_DIR/filestore" \
  -d "$BENCH_DB" --log-level=warn "$@"; }
shell() { "$PYTHON" "$ODOO_SRC/odoo-bin" shell --addons-path="$ADDONS" --db_host="$PG_SOCKET_DIR" \
  --db_port="$PG_PORT" --db_user="$DB_USER" --data-dir="$STATE_DIR/filestore" \
  -d "$BENCH_DB" --no-http --log-level=warn; }
loaded=$("$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$DB_USER" -d "$BENCH_DB" -tAc \
  "select value from ir_config_parameter where key='recouvrement_amiable.bench_loaded'" 2>/dev/null || true)

if [[ -n "${BENCH_RESET:-}" || "$loaded" != "1" ]]; then
  echo ">> building the benchmark database '$BENCH_DB'"
  "$PG_BIN/dropdb" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$DB_USER" --if-exists "$BENCH_DB"
  odoo -i base --stop-after-init --no-http
  shell <"$PROJECT_ROOT/scripts/demo_company.py"
  odoo -i "l10n_fr_account,$ADDON_NAME,account_credit_control" --stop-after-init --no-http
  shell <"$PROJECT_ROOT/bench/generate_data.py"
else
  odoo -u "$ADDON_NAME" --stop-after-init --no-http
fi
shell <"$PROJECT_ROOT/bench/measure.py"
