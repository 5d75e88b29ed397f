#!/usr/bin/env bash
# demo.sh - README command 1: install what is missing, build, create the demo zone's
# database and run the main job on it: the zone summary, the latest month's early
# warnings, the bureau's monthly report workbook and the 亩均 evaluations (the web UI comes
# later).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh release
db=${PB_DEMO_DB:-out/demo.db}
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
./build/parkbrain demo --db "$db"
./build/parkbrain summary --db "$db"
echo
./build/parkbrain warnings run --db "$db" --user demo
out=$(dirname "$db")
./build/parkbrain report monthly --db "$db" --xlsx "$out/月度经济运行分析.xlsx"
echo "月度报告（分析、目标跟踪、预警）已写入 $out/月度经济运行分析.xlsx；"
echo
./build/parkbrain evaluate --db "$db" --year 2024 --user demo >/dev/null
./build/parkbrain evaluate --db "$db" --year 2025 --user demo --top 5 --xlsx "$out/亩均效益评价2025.xlsx"
echo "亩均评价公示名单及各表已写入 $out/亩均效益评价2025.xlsx；"
echo "更多：./build/parkbrain report monthly --db $db --group sector,park · report plan · warnings · evaluate --year 2025 --enterprise 名称"
