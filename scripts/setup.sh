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
# chromium: the browser tests (tests/browser, Playwright driving it headless).
PKGS+=(chromium)
# Node and npm for the UI's packages (package.json: ECharts, playwright-core): the
# Debian ones only when there is no node/npm on the PATH already.
command -v node >/dev/null 2>&1 || PKGS+=(nodejs)
command -v npm >/dev/null 2>&1 || PKGS+=(npm)
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
else
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The node modules (the build embeds node_modules/echarts/dist/echarts.min.js), from
# package-lock.json: again when node_modules is missing or older than the lock file.
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$root/node_modules" ] || [ "$root/package-lock.json" -nt "$root/node_modules" ]; then
  echo "setup: npm ci"
  (cd "$root" && npm ci --no-audit --no-fund)
  touch "$root/node_modules"
else
  echo "setup: node_modules up to date"
fi
