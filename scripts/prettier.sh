#!/usr/bin/env bash
# prettier with @prettier/plugin-xml, the versions of package.json, installed in node_modules/
# by npm the first time (the only hook that needs the npm registry, once).
# Usage: prettier.sh [PRETTIER ARGS...] FILES...
source "$(dirname "$0")/env.sh"
cd "$PROJECT_ROOT"
if [[ ! -x node_modules/.bin/prettier || ! -d node_modules/@prettier/plugin-xml ]]; then
  command -v npm >/dev/null || die "npm is needed for prettier (Debian package npm)"
  npm install --no-audit --no-fund --silent >&2 || die "npm install failed"
fi
exec node_modules/.bin/prettier "$@"
