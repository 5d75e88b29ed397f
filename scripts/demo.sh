#!/usr/bin/env bash
# demo.sh - README command 1: install what is missing, build, create the demo zone's
# database and run the main job on it: the zone summary, the latest month's early
# warnings, the bureau's monthly report workbook and the 亩均 evaluations; then serve it on
# localhost for the browser (PB_DEMO_SERVE=0: not).
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
# Serve the demo zone (the accounts were printed above, after the zone was built) until
# Ctrl-C; PB_DEMO_SERVE=0 stops here instead (scripts and checks of a fresh clone).
if [ "${PB_DEMO_SERVE:-1}" != 0 ]; then
  echo
  echo "网页版：浏览器打开下面的地址，用上面列出的示例账户登录（Ctrl-C 停止）/ open the URL, sign in with a demo account above"
  exec ./build/parkbrain serve --db "$db" --listen "${PB_DEMO_LISTEN:-127.0.0.1:8080}"
fi
