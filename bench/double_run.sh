#!/usr/bin/env bash
# `make bench-double-run`: two real Odoo processes start the dunning run at the same moment on a
# copy of the benchmark database (as a "Relancer" on all customers during the scheduled run
# would) and the script counts the debtors contacted twice the same day. Expected: 0.
source "$(dirname "$0")/../scripts/env.sh"
BENCH_DB="${BENCH_DB:-recouvrement_bench}"
COPY_DB="${BENCH_DB}_double"
SITE_ADDONS="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo/addons"
ADDONS="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$PROJECT_ROOT,$SITE_ADDONS"
source "$(dirname "$0")/copy_db.sh"

BENCH_BUILD_ONLY=1 bash "$PROJECT_ROOT/bench/run.sh"

go="$STATE_DIR/double-run.go"
rm -f "$go" "$go".ready-*
run_one() {
  BENCH_GO="$go" BENCH_READY="$go.ready-$1" "$PYTHON" "$ODOO_SRC/odoo-bin" shell --addons-path="$ADDONS" \
    --db_host="$PG_SOCKET_DIR" --db_port="$PG_PORT" --db_user="$DB_USER" \
    --data-dir="$STATE_DIR/filestore" -d "$COPY_DB" --no-http --log-level=warn \
    <"$PROJECT_ROOT/bench/double_run.py" >"$STATE_DIR/double-run-$1.log" 2>&1
}
# the reference: one run alone
fresh_copy
touch "$go" "$go.ready-0"
run_one 0
alone=$(psql_q "$COPY_DB" "select count(*) from dunning_action")
rm -f "$go" "$go".ready-*

fresh_copy
run_one 1 &
first=$!
run_one 2 &
second=$!
for _ in $(seq 600); do # both registries loaded, both waiting for the signal
  [[ -e "$go.ready-1" && -e "$go.ready-2" ]] && break
  sleep 0.5
done
touch "$go"
rc=0
wait "$first" || rc=1
wait "$second" || rc=1
cat "$STATE_DIR/double-run-0.log" "$STATE_DIR/double-run-1.log" "$STATE_DIR/double-run-2.log" | grep -E "^(run|error)" || true

total=$(psql_q "$COPY_DB" "select count(*) from dunning_action")
twice=$(psql_q "$COPY_DB" "select count(*) from (select partner_id from dunning_action
  where state in ('to_approve', 'sent', 'handover') and retry_of_id is null
  group by partner_id, company_id, currency_id, date having count(*) > 1) d")
mails=$(psql_q "$COPY_DB" "select count(*) from (select m.res_id from mail_message m
  join dunning_action a on a.message_id = m.id group by m.res_id having count(*) > 1) d")
echo "one run alone: $alone communications; two runs at once: $total; debtors contacted twice the same day: $twice; communications with two e-mails: $mails"
"$PG_BIN/dropdb" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$DB_USER" --if-exists "$COPY_DB"
rm -rf "$STATE_DIR/filestore/filestore/$COPY_DB"
[[ "$rc" == 0 && "$twice" == 0 && "$mails" == 0 && "$total" == "$alone" ]]
