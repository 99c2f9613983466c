#!/usr/bin/env bash
# Debian packages the add-on needs: PostgreSQL 15, wkhtmltopdf, Chromium, poppler, zbar, headers,
# npm (prettier of `make lint`).
source "$(dirname "$0")/env.sh"

declare -A NEED=(
  [/usr/lib/postgresql/15/bin/initdb]=postgresql-15
  [/usr/bin/psql]=postgresql-client-15
  [/usr/bin/wkhtmltopdf]=wkhtmltopdf
  [/usr/bin/chromium]=chromium
  [/usr/bin/pdftotext]=poppler-utils
  [/usr/bin/zbarimg]=zbar-tools
  [/usr/include/postgresql/libpq-fe.h]=libpq-dev
  [/usr/include/ldap.h]=libldap2-dev
  [/usr/include/sasl/sasl.h]=libsasl2-dev
  [/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf]=fonts-dejavu-core
  [/usr/bin/npm]=npm
)
missing=()
for path in "${!NEED[@]}"; do
  [[ -e "$path" ]] || missing+=("${NEED[$path]}")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [[ "$(id -u)" -ne 0 ]]; then
  die "missing system packages: ${missing[*]}. Run as root: $cmd"
fi
echo ">> installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
