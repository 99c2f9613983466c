#!/usr/bin/env bash
# `make bench-mail-floor`: Odoo's mass mailing alone beside our run, on the bench database
# (rolled back). BENCH_SIZE=1k|10k|100k as for `make bench`; ROUNDS (default 3).
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/copy_db.sh"
bench_db_of_size
SITE_ADDONS="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo/addons"
BENCH_BUILD_ONLY=1 bash "$PROJECT_ROOT/bench/run.sh"
BENCH_RESULTS="$STATE_DIR/bench-mail-floor-$BENCH_SIZE.json" \
  "$PYTHON" "$ODOO_SRC/odoo-bin" shell -d "$BENCH_DB" \
  --addons-path="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$PROJECT_ROOT,$SITE_ADDONS" \
  --db_host="$PG_SOCKET_DIR" --db_port="$PG_PORT" --db_user="$DB_USER" \
  --data-dir="$STATE_DIR/filestore" --no-http --log-level=warn <"$PROJECT_ROOT/bench/mail_floor.py"
