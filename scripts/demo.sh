#!/usr/bin/env bash
# demo.sh - README command 1: install what is missing, build, create the demo zone's
# database and run the main job on it (the zone summary; the web UI comes later).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh release
db=${PB_DEMO_DB:-out/demo.db}
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
./build/parkbrain demo --db "$db"
./build/parkbrain summary --db "$db"
