#!/usr/bin/env bash
# Runs one tool of .pre-commit-config.yaml from the project's virtual environments, so that
# every hook works offline (no environment built by pre-commit, nothing downloaded).
# Usage: lint_tool.sh TOOL [ARGS...]; TOOL is looked up in $VENV/bin, then in $LINT_VENV/bin.
source "$(dirname "$0")/env.sh"
tool="$1"
shift
for dir in "$VENV/bin" "$LINT_VENV/bin"; do
  if [[ -x "$dir/$tool" ]]; then
    exec "$dir/$tool" "$@"
  fi
done
die "$tool is in neither $VENV/bin nor $LINT_VENV/bin: run 'make setup'"
