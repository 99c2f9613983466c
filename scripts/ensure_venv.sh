#!/usr/bin/env bash
# Virtual environment with Odoo's requirements, the add-on's dependencies and the test tools.
# Reused as long as the requirement files have not changed.
source "$(dirname "$0")/env.sh"

stamp_value=$(cat "$ODOO_SRC/requirements.txt" "$PROJECT_ROOT/requirements-dev.txt" | sha256sum | cut -c1-16)
stamp_file="$VENV/.recouvrement_amiable.stamp"
if [[ -x "$PYTHON" && -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp_value" ]]; then
  exit 0
fi
echo ">> preparing the virtual environment in $VENV (a few minutes, once)"
mkdir -p "$(dirname "$VENV")" "$STATE_DIR"
log="$STATE_DIR/pip.log"
[[ -x "$PYTHON" ]] || python3 -m venv "$VENV"
if ! { "$PYTHON" -m pip install -q --upgrade pip wheel setuptools &&
  "$PYTHON" -m pip install -q -r "$ODOO_SRC/requirements.txt" \
    -r "$PROJECT_ROOT/requirements-dev.txt"; } >"$log" 2>&1; then
  tail -20 "$log" >&2
  die "installing the Python requirements failed (full log: $log)"
fi
echo "$stamp_value" >"$stamp_file"
