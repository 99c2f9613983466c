#!/usr/bin/env bash
# Virtual environment with Odoo's requirements, the add-on's dependencies and the test tools,
# and a second one with the pre-commit tools (requirements-lint.txt: oca-odoo-pre-commit-hooks
# needs polib 1.2 where Odoo 19 pins polib 1.1.1). Each is reused as long as its requirement
# files have not changed.
source "$(dirname "$0")/env.sh"

ensure_odoo_venv() {
  local stamp_value stamp_file log
  stamp_value=$(cat "$ODOO_SRC/requirements.txt" "$PROJECT_ROOT/requirements-dev.txt" | sha256sum | cut -c1-16)
  stamp_file="$VENV/.recouvrement_amiable.stamp"
  if [[ -x "$PYTHON" && -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp_value" ]]; then
    return 0
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
}

ensure_lint_venv() {
  local stamp_value stamp_file log
  stamp_value=$(sha256sum "$PROJECT_ROOT/requirements-lint.txt" | cut -c1-16)
  stamp_file="$LINT_VENV/.recouvrement_amiable.stamp"
  if [[ -x "$LINT_VENV/bin/pre-commit" && -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp_value" ]]; then
    return 0
  fi
  echo ">> preparing the lint environment in $LINT_VENV (once)"
  mkdir -p "$(dirname "$LINT_VENV")" "$STATE_DIR"
  log="$STATE_DIR/pip-lint.log"
  [[ -x "$LINT_VENV/bin/python" ]] || python3 -m venv "$LINT_VENV"
  if ! "$LINT_VENV/bin/python" -m pip install -q -r "$PROJECT_ROOT/requirements-lint.txt" >"$log" 2>&1; then
    tail -20 "$log" >&2
    die "installing the lint tools failed (full log: $log)"
  fi
  echo "$stamp_value" >"$stamp_file"
}

ensure_odoo_venv
ensure_lint_venv
