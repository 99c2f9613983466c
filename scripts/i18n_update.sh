#!/usr/bin/env bash
# Refreshes recouvrement_amiable/i18n/recouvrement_amiable.pot and fr.po from the add-on's
# current terms. Exports the template from a database where the add-on is installed (the test
# database, updated first), writes it as the add-on's .pot when its terms changed, keeps every
# existing French translation and lists the missing ones.
source "$(dirname "$0")/env.sh"
bash "$PROJECT_ROOT/scripts/pg.sh" start
conf="$STATE_DIR/odoo.conf"
cat >"$conf" <<CONF
[options]
addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$PROJECT_ROOT
db_host = $PG_SOCKET_DIR
db_port = $PG_PORT
db_user = $DB_USER
data_dir = $STATE_DIR/filestore
CONF
if "$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$DB_USER" -d "$TEST_DB" -c "select 1" >/dev/null 2>&1; then
  odoo_bin -d "$TEST_DB" -u "$ADDON_NAME" --stop-after-init --log-level=warn
else
  odoo_bin -d "$TEST_DB" -i "l10n_fr_account,payment_demo,$ADDON_NAME" --stop-after-init --log-level=warn
fi
pot="$STATE_DIR/$ADDON_NAME.pot"
"$PYTHON" "$ODOO_SRC/odoo-bin" i18n export -c "$conf" -d "$TEST_DB" -o "$pot" "$ADDON_NAME"
"$PYTHON" "$PROJECT_ROOT/scripts/i18n_merge.py" "$pot" "$PROJECT_ROOT/$ADDON_NAME/i18n/fr.po" \
  "$PROJECT_ROOT/$ADDON_NAME/i18n/$ADDON_NAME.pot"
