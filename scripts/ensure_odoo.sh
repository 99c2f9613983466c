#!/usr/bin/env bash
# Finds the Odoo 19.0 source tree (ODOO_SRC, default /opt/odoo-19.0). Never skips silently.
source "$(dirname "$0")/env.sh"

is_odoo_19() {
  [[ -f "$ODOO_SRC/odoo-bin" && -f "$ODOO_SRC/odoo/release.py" ]] &&
    grep -q "^version_info = (19, 0," "$ODOO_SRC/odoo/release.py"
}

is_odoo_19 && exit 0
if [[ -e "$ODOO_SRC" && -n "$(ls -A "$ODOO_SRC" 2>/dev/null)" ]]; then
  die "$ODOO_SRC exists but is not an Odoo 19.0 source tree. Point ODOO_SRC to Odoo 19.0."
fi
echo ">> Odoo 19.0 not found in $ODOO_SRC; trying a shallow clone of the 19.0 branch"
if timeout 900 git clone -q --depth 1 --branch 19.0 https://github.com/odoo/odoo.git "$ODOO_SRC" 2>&1 &&
  is_odoo_19; then
  exit 0
fi
rm -rf "$ODOO_SRC" 2>/dev/null || true
die "Odoo 19.0 source not found. It is expected in $ODOO_SRC (or set ODOO_SRC=/path/to/odoo-19.0).
The Odoo tests cannot run without it; nothing was skipped, this run failed."
