#!/usr/bin/env bash
# `make demo`: builds the demo database once (French company, debtors, overdue invoices),
# brings the add-on up to date on later runs, then serves Odoo at http://127.0.0.1:$HTTP_PORT.
source "$(dirname "$0")/env.sh"

psql_q() { "$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$DB_USER" -d "$1" -tAc "$2"; }
odoo_shell() { "$PYTHON" "$ODOO_SRC/odoo-bin" shell \
  --addons-path="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$PROJECT_ROOT" \
  --db_host="$PG_SOCKET_DIR" --db_port="$PG_PORT" --db_user="$DB_USER" \
  --data-dir="$STATE_DIR/filestore" -d "$DEMO_DB" --no-http --log-level=warn "$@"; }

demo_ready() {
  [[ "$(psql_q "$DEMO_DB" "select value from ir_config_parameter where key='recouvrement_amiable.demo_loaded'" 2>/dev/null)" == "1" ]]
}

if [[ -n "${DEMO_RESET:-}" ]] || ! demo_ready; then
  echo ">> building the demo database '$DEMO_DB' (a few minutes, once)"
  "$PG_BIN/dropdb" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$DB_USER" --if-exists "$DEMO_DB"
  rm -rf "$STATE_DIR/filestore/filestore/$DEMO_DB"
  odoo_bin -d "$DEMO_DB" -i base --load-language=fr_FR --stop-after-init --log-level=warn
  odoo_shell <"$PROJECT_ROOT/scripts/demo_company.py"
  odoo_bin -d "$DEMO_DB" -i "l10n_fr_account,payment_demo,$ADDON_NAME" --stop-after-init --log-level=warn
  odoo_shell <"$PROJECT_ROOT/scripts/demo_data.py"
else
  echo ">> updating the add-on in the existing demo database '$DEMO_DB'"
  odoo_bin -d "$DEMO_DB" -i payment_demo -u "$ADDON_NAME" --stop-after-init --log-level=warn
fi

cat <<TXT

  Recouvrement amiable — demo
  URL:       http://127.0.0.1:$HTTP_PORT/odoo/action-recouvrement_amiable.action_invoices_to_collect
  Back office (accountant): login admin / password admin   (French, company "Recouvrement Démo SAS")
  Customer portal (debtor Lucas Bernard): http://127.0.0.1:$HTTP_PORT/my/payment_plans
                             login lucas.bernard / password lucas.bernard
  Rebuild from scratch: make demo-reset        Stop: Ctrl+C

TXT
[[ -n "${DEMO_NO_SERVE:-}" ]] && exit 0
exec "$PYTHON" "$ODOO_SRC/odoo-bin" \
  --addons-path="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$PROJECT_ROOT" \
  --db_host="$PG_SOCKET_DIR" --db_port="$PG_PORT" --db_user="$DB_USER" \
  --data-dir="$STATE_DIR/filestore" --http-interface=127.0.0.1 --http-port="$HTTP_PORT" \
  -d "$DEMO_DB" --db-filter="^${DEMO_DB}\$" --log-level=info
