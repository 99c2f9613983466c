#!/usr/bin/env bash
# `make screenshots`: the README's screenshots of the demo (built first if needed), taken in
# headless Chromium from a demo server started on a spare port and stopped afterwards.
source "$(dirname "$0")/env.sh"
port="${SCREENSHOT_PORT:-8579}"
DEMO_NO_SERVE=1 bash "$PROJECT_ROOT/scripts/demo.sh" >/dev/null
odoo_bin -d "$DEMO_DB" --db-filter="^${DEMO_DB}\$" --http-port="$port" --workers=0 \
  --max-cron-threads=0 --log-level=warn &
server=$!
trap 'kill "$server" 2>/dev/null' EXIT
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/web/login" && break
  sleep 1
done
"$PYTHON" "$PROJECT_ROOT/scripts/screenshots.py" "http://127.0.0.1:$port" \
  "$PROJECT_ROOT/docs/screenshots" "$DEMO_DB"
