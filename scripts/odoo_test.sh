#!/usr/bin/env bash
# Installs the add-on in a fresh throwaway database and runs its Odoo tests.
# Usage: odoo_test.sh MODULES LOG_FILE
source "$(dirname "$0")/env.sh"
modules="$1"
log_file="$2"

"$PG_BIN/dropdb" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$DB_USER" --if-exists "$TEST_DB"
rm -rf "$STATE_DIR/filestore/filestore/$TEST_DB"
set +e
odoo_bin -d "$TEST_DB" -i "$modules" --test-tags "${ODOO_TEST_TAGS:-/$ADDON_NAME}" --stop-after-init \
  --log-level=test --http-port="${TEST_HTTP_PORT:-8169}" \
  --workers=0 --max-cron-threads=0 2>&1 | tee "$log_file" |
  grep --line-buffered -E " (ERROR|CRITICAL|WARNING) | odoo\.tests\.(result|stats)|^(FAIL|ERROR):|Ran [0-9]+ tests|Traceback|^  File|Error:|: skipped "
rc=${PIPESTATUS[0]}
set -e
exit "$rc"
