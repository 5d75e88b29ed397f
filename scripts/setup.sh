#!/usr/bin/env bash
# setup.sh - install what parkbrain needs on Debian 12 (idempotent).
# Installs only packages that are missing; uses sudo when not root.
set -euo pipefail

PKGS=(
  build-essential cmake pkg-config
  libsqlite3-dev sqlite3 libpq-dev
  libcsv-dev libzip-dev libexpat1-dev libfreexl-dev libxlsxwriter-dev
  libjansson-dev libmicrohttpd-dev libsodium-dev
  libcmocka-dev
  python3 jq unzip curl
)
# (python3, jq and unzip: the end-to-end tests read JSON and look inside workbooks;
#  curl: they talk to the web server.)
# Peers for the benchmarks.
if [ "${PB_SETUP_BENCH:-0}" = 1 ]; then
  PKGS+=(python3-pandas python3-sqlalchemy python3-psycopg2 postgresql)
fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PKGS[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
