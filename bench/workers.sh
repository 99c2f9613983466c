#!/usr/bin/env bash
# `make bench-workers`: the scheduled dunning run done by 1, then 2 real Odoo cron worker processes
# (odoo-bin --workers=1 --max-cron-threads=N), each time on a fresh copy of the benchmark
# database. Prints the wall time of each, the units each worker did, the communications made and
# the debtors contacted twice (expected: 0, and the same communications with 1 and 2 workers).
# BENCH_WORKERS="1 2" sets the worker counts (past the shipped two, the scheduled action is copied).
# BENCH_KILL=1: the server is killed (SIGKILL) once the first unit is committed, then started
# again; the counts must be the same (the wall time then includes the restart).
source "$(dirname "$0")/../scripts/env.sh"
source "$(dirname "$0")/copy_db.sh"
bench_db_of_size
COPY_DB="${BENCH_DB}_workers"
SITE_ADDONS="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo/addons"
ADDONS="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$PROJECT_ROOT,$SITE_ADDONS"
RESULTS="$STATE_DIR/bench-workers-$BENCH_SIZE.json"

BENCH_BUILD_ONLY=1 bash "$PROJECT_ROOT/bench/run.sh"

# the scheduled actions of the run (each one is a worker): the shipped two, copies for more
run_crons() {
  psql_q "$COPY_DB" "select c.id from ir_cron c join ir_act_server s on s.id = c.ir_actions_server_id
    join ir_model m on m.id = s.model_id where m.model = 'dunning.run' and s.code like '%_cron_run()%'
    order by c.id"
}

echo "[" >"$RESULTS"
first=1
for workers in ${BENCH_WORKERS:-1 2}; do
  fresh_copy
  mapfile -t crons < <(run_crons)
  if ((${#crons[@]} < workers)); then
    # more workers than the shipped two: copies of the scheduled action, as a user makes them
    "$PYTHON" "$ODOO_SRC/odoo-bin" shell --addons-path="$ADDONS" --db_host="$PG_SOCKET_DIR" \
      --db_port="$PG_PORT" --db_user="$DB_USER" --data-dir="$STATE_DIR/filestore" \
      -d "$COPY_DB" --no-http --log-level=warn <<EOF >/dev/null
cron = env.ref("recouvrement_amiable.ir_cron_dunning_run_worker_2")
for n in range(${#crons[@]} + 1, $workers + 1):
    cron.copy({"name": f"Recouvrement: daily dunning run (worker {n})"})
env.cr.commit()
EOF
    mapfile -t crons < <(run_crons)
  fi
  ((${#crons[@]} >= workers)) || die "$workers workers need $workers copies of the run's scheduled action"
  active=$(
    IFS=,
    echo "${crons[*]:0:workers}"
  )
  # only the run's scheduled actions, N of them, due now; the mail queue is not sent
  psql_q "$COPY_DB" "update ir_cron set active = (id in ($active)); delete from ir_cron_trigger;
    update ir_cron set nextcall = now() at time zone 'UTC' - interval '1 minute' where id in ($active)" >/dev/null
  log="$STATE_DIR/bench-workers-$workers.log"
  : >"$log"
  start_server() {
    # --workers=1 (prefork) and no HTTP: each cron worker is a process of its own (threads
    # would share one core under the GIL)
    "$PYTHON" "$ODOO_SRC/odoo-bin" --addons-path="$ADDONS" \
      --db_host="$PG_SOCKET_DIR" --db_port="$PG_PORT" --db_user="$DB_USER" \
      --data-dir="$STATE_DIR/filestore" -d "$COPY_DB" --db-filter="^$COPY_DB\$" \
      --no-http --workers=1 --max-cron-threads="$workers" --limit-time-real-cron=0 \
      --limit-memory-soft=0 --limit-memory-hard=0 --log-level=info >>"$log" 2>&1 &
    server=$!
    local jobs
    jobs=$(psql_q "$COPY_DB" "select count(*) from ir_cron_progress where cron_id in ($active)")
    # the cron workers sleep up to a minute before they poll: wake them up as a trigger would
    # (they listen on the database 'postgres', where Odoo's own _notifydb notifies them)
    until [[ "$(psql_q "$COPY_DB" "select count(*) from ir_cron_progress where cron_id in ($active)")" != "$jobs" ]]; do
      psql_q postgres "select pg_notify('cron_trigger', '$COPY_DB')" >/dev/null
      sleep 1
      ((SECONDS - started < 300)) || {
        kill "$server"
        die "no cron worker started; see $log"
      }
    done
  }
  started=$SECONDS
  start_server
  killed=0
  if [[ -n "${BENCH_KILL:-}" ]]; then
    # killed once the first unit is committed, then started again: nothing is sent twice
    until [[ "$(psql_q "$COPY_DB" "select count(*) from dunning_run_unit where state = 'done'")" != 0 ]]; do
      sleep 0.2
    done
    kill -STOP "$server" # the master stops respawning, its workers are killed, then itself
    pkill -9 -P "$server" || true
    kill -9 "$server"
    wait "$server" 2>/dev/null || true
    killed=$(psql_q "$COPY_DB" "select count(*) from dunning_run_unit where state = 'done'")
    echo "killed with $killed units done and $(psql_q "$COPY_DB" "select count(*) from dunning_action") communications committed"
    start_server
  fi
  # done when the day is planned, no unit is left and no scheduled action of the run is running
  max_rss=0 # the largest resident set of the server's processes, sampled every second
  sample_rss() {
    local kb
    kb=$(ps -o rss= -p "$server" --ppid "$server" | sort -n | tail -1)
    ((${kb:-0} > max_rss)) && max_rss=$kb
    return 0
  }
  until [[ "$(psql_q "$COPY_DB" "select (select count(*) from dunning_run_unit) > 0
        and not exists (select 1 from dunning_run_unit where state = 'todo')
        and not exists (select 1 from ir_cron where id in ($active) and
          (nextcall <= now() at time zone 'UTC' or id in (select cron_id from ir_cron_trigger)))")" == t ]]; do
    sample_rss
    sleep 1
    ((SECONDS - started < 3600)) || break
  done
  sleep 2
  kill "$server"
  wait "$server" || true
  summary=$(psql_q "$COPY_DB" "select json_build_object(
      'workers', $workers,
      'seconds', round(extract(epoch from (select max(done_at) from dunning_run_unit)
                 - (select min(create_date) from ir_cron_progress where cron_id in ($active)))::numeric, 1),
      'units', (select count(*) from dunning_run_unit),
      'units_by_worker', (select json_object_agg(worker, n) from
                          (select worker, count(*) n from dunning_run_unit group by worker) w),
      'debtors', (select count(*) from dunning_run_unit_partner_rel),
      'communications', (select count(*) from dunning_action),
      'twice', (select count(*) from (select partner_id from dunning_action
                where state in ('to_approve', 'sent', 'handover') and retry_of_id is null
                group by partner_id, company_id, currency_id, date having count(*) > 1) d),
      'max_rss_mb', $max_rss / 1024,
      'killed_after_units', $killed)")
  echo "$summary"
  ((first)) || echo "," >>"$RESULTS"
  first=0
  echo "$summary" >>"$RESULTS"
done
echo "]" >>"$RESULTS"
"$PG_BIN/dropdb" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$DB_USER" --if-exists "$COPY_DB"
rm -rf "$STATE_DIR/filestore/filestore/$COPY_DB"
"$PYTHON" - "$RESULTS" <<'EOF'
import json
import sys

runs = json.load(open(sys.argv[1]))
one = runs[0]
print("| cron workers | wall time | units by worker | communications | debtors contacted twice |")
print("|---|---|---|---|---|")
for run in runs:
    ratio = f" ({run['seconds'] / one['seconds']:.2f} ×)" if run is not one else ""
    units = ", ".join(str(n) for n in sorted(run["units_by_worker"].values(), reverse=True))
    print(f"| {run['workers']} | {run['seconds']} s{ratio} | {units} | {run['communications']} | {run['twice']} |")
bad = [run for run in runs if run["twice"] or run["communications"] != one["communications"]]
sys.exit(1 if bad else 0)
EOF
