# Shared settings of the harness; sourced by every script in this folder.
# Everything can be overridden from the environment.
set -euo pipefail

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ADDON_NAME=recouvrement_amiable
# Odoo 19.0 source tree: outside this repository, never committed.
ODOO_SRC="${ODOO_SRC:-/opt/odoo-19.0}"
# Virtual environment shared by checkouts of this project on the machine (reused when up to date).
VENV="${VENV:-/opt/recouvrement_amiable/venv}"
# Second virtual environment for the pre-commit tools that cannot live next to Odoo's pins
# (requirements-lint.txt).
LINT_VENV="${LINT_VENV:-$VENV-lint}"
# Private PostgreSQL cluster, in a folder of the project's own.
STATE_DIR="${STATE_DIR:-$PROJECT_ROOT/.state}"
PGDATA_DIR="$STATE_DIR/pgdata"
PG_LOG="$STATE_DIR/postgres.log"
# Unix socket paths are limited to ~100 bytes: keep the socket folder short.
PG_SOCKET_DIR="${PG_SOCKET_DIR:-/tmp/ra-pg-$(printf '%s' "$STATE_DIR" | md5sum | cut -c1-10)}"
PG_PORT="${PG_PORT:-5439}"
DB_USER="${DB_USER:-odoo}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DEMO_DB="${DEMO_DB:-recouvrement_demo}"
TEST_DB="${TEST_DB:-recouvrement_test}"
HTTP_PORT="${HTTP_PORT:-8069}"
PYTHON="$VENV/bin/python"
# for the Python side of the harness (run_tests.py, unit_tests/conftest.py)
export ODOO_SRC VENV LINT_VENV

die() {
  printf '\nERROR: %s\n' "$*" >&2
  exit 1
}

odoo_bin() {
  "$PYTHON" "$ODOO_SRC/odoo-bin" \
    --addons-path="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$PROJECT_ROOT" \
    --db_host="$PG_SOCKET_DIR" --db_port="$PG_PORT" --db_user="$DB_USER" \
    --data-dir="$STATE_DIR/filestore" --http-interface=127.0.0.1 "$@"
}
