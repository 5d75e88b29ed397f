#!/usr/bin/env bash
# run_analysis.sh [ENTERPRISES] [MONTHS] - the monthly analysis benchmark (issue #3).
#
# Generates a zone of 50 parks with entering and leaving enterprises, gaps and missing
# figures (pb_gen_zone --parks 50 --churn; default 500,000 enterprises x 120 months),
# imports it with `parkbrain import` (bulk mode), then, for the last month:
#   bench_analysis  the cube's load, its memory, pb_analysis_run (park grouping; every
#                   grouping; 2 threads and 1) and a plain C loop over the raw months,
#                   checked against each other; writes the park result as CSV
#   pandas          the same figures on a wide frame (load not timed)
#   SQLite          the same figures in SQL on the same parkbrain database
#   PostgreSQL      the same SQL on a throwaway cluster (COPY not timed)
# Every peer's figures must equal parkbrain's (1e-6 relative) or the run fails. Prints
# seconds and ratios. Needs the build (scripts/build.sh) and the peers
# (PB_SETUP_BENCH=1 scripts/setup.sh). Work files go to bench/work/ (about 420 bytes
# per monthly row at the peak: CSV, database, export, PostgreSQL's copy).
# PEER_RUNS (default 2): runs of each SQL query; pandas runs 3 times; bench_analysis
# RUNS (default 9) times.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-500000}
M=${2:-120}
ROWS=$((N * M))
PEER_RUNS=${PEER_RUNS:-2}
RUNS=${RUNS:-9}
W=bench/work
B=build/parkbrain
GEN=build/bench/pb_gen_zone
BENCH=build/bench/bench_analysis
PY=/usr/bin/python3
for f in "$B" "$GEN" "$BENCH"; do
  [ -x "$f" ] || { echo "run_analysis: $f missing: run scripts/build.sh first" >&2; exit 2; }
done
mkdir -p "$W"
W=$(cd "$W" && pwd)
need=$((ROWS * 420))
avail=$(df -B1 --output=avail "$W" | tail -1)
if [ "$avail" -lt "$need" ]; then
  echo "run_analysis: $((need >> 30)) GiB needed in $W, $((avail >> 30)) GiB free" >&2
  exit 3
fi

. bench/pg_temp.sh
cleanup() {
  pg_temp_stop
  rm -f "$W"/an_monthly.csv "$W"/an_ents.csv "$W"/an_pg_*.csv
  rm -rf "$W"/zone
}
trap cleanup EXIT

now() { date +%s.%N; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }

rm -rf "$W"/zone "$W"/an.db "$W"/an.db-* "$W"/pg
mkdir -p "$W"/zone
echo "generating $N enterprises x $M months, 50 parks, with churn ..."
"$GEN" --parks 50 --churn "$W/zone" "$N" "$M"
rows=$(($(wc -l < "$W/zone/monthly.csv") - 1))
echo "monthly.csv: $rows rows ($(du -m "$W/zone/monthly.csv" | cut -f1) MB)"
"$B" import --db "$W/an.db" --quiet parks "$W/zone/parks.csv"
"$B" import --db "$W/an.db" --quiet enterprises "$W/zone/enterprises.csv"
t0=$(now); "$B" import --db "$W/an.db" --quiet monthly "$W/zone/monthly.csv"; t1=$(now)
echo "parkbrain import: $(sub "$t1" "$t0") s"
n=$(sqlite3 "$W/an.db" 'SELECT count(*) FROM monthly_reports')
[ "$n" -eq "$rows" ] || { echo "imported $n rows, expected $rows" >&2; exit 1; }
rm -rf "$W"/zone
# the import's dirty pages written back now, not during the timings
sync

echo "bench_analysis ..."
"$BENCH" --db "$W/an.db" --csv "$W/an_result.csv" --runs "$RUNS" | tee "$W/an_c.txt"
val() { awk -v k="$1" '$1 == k { print $2 }' "$W/an_c.txt"; }
[ "$(val check)" = ok ] || { echo "bench_analysis: check failed" >&2; exit 1; }
MONTH=$(val month)

echo "exporting the reports for pandas and PostgreSQL ..."
FIGS="gross_output, sales_output, export_value, revenue, profit, tax, electricity, energy, employees, rd_expense"
sqlite3 -csv "$W/an.db" "SELECT enterprise_id, month, $FIGS FROM monthly_reports" > "$W/an_monthly.csv"
sqlite3 -csv "$W/an.db" "SELECT e.id, coalesce(p.name, '园区外') FROM enterprises e LEFT JOIN parks p ON p.id = e.park_id" > "$W/an_ents.csv"
sqlite3 -csv "$W/an.db" "SELECT id, park_id FROM enterprises" > "$W/an_pg_ents.csv"
sqlite3 -csv "$W/an.db" "SELECT id, name FROM parks" > "$W/an_pg_parks.csv"

echo "pandas ..."
pd=$("$PY" bench/analysis_peers.py pandas "$W/an_monthly.csv" "$W/an_ents.csv" "$MONTH" "$W/an_result.csv" 3)
# pandas' page cache and memory are gone with it; SQLite reads its database warm
cat "$W/an.db" > /dev/null
echo "SQLite ..."
sq=$("$PY" bench/analysis_peers.py sqlite "$W/an.db" "$MONTH" "$W/an_result.csv" "$PEER_RUNS")

pg=""
if [ -n "$PGBIN" ]; then
  echo "PostgreSQL ..."
  pg_temp_start "$W/pg" 54330 shared_buffers=4GB work_mem=256MB maintenance_work_mem=1GB \
    fsync=off full_page_writes=off max_wal_size=8GB
  "$PY" bench/analysis_peers.py pgload "$PGD" 54330 "$W/an_monthly.csv" "$W/an_pg_ents.csv" "$W/an_pg_parks.csv"
  rm -f "$W/an_monthly.csv"
  pg=$("$PY" bench/analysis_peers.py postgres "$PGD" 54330 "$MONTH" "$W/an_result.csv" "$PEER_RUNS")
  pg=${pg%% *}
fi
pd=${pd%% *}
sq=${sq%% *}

# the ratios against parkbrain's park grouping, 2 threads, median
PB=$(val park_t2_median_s)
line() { awk -v n="$1" -v s="$2" -v p="$PB" 'BEGIN { printf "%-46s %10.4f %12.1fx\n", n, s, s / p }'; }
echo
echo "monthly analysis of $MONTH: $(val enterprises) enterprises x $(val months) months, $(val groups_park) parks, 10 metrics, 当月 and 1-M月 with 同比"
printf '%-46s %10s %13s\n' "contender" seconds "parkbrain is"
printf '%-46s %10.4f %13s\n' "parkbrain pb_analysis, park grouping, 2 thr" "$PB" "-"
line "parkbrain pb_analysis, park grouping, 1 thr" "$(val park_t1_median_s)"
line "parkbrain pb_analysis, all groupings, 2 thr" "$(val all_t2_median_s)"
line "parkbrain pb_analysis, all groupings, 1 thr" "$(val all_t1_median_s)"
line "plain C loop over the raw months, 2 thr" "$(val plain_t2_median_s)"
line "plain C loop over the raw months, 1 thr" "$(val plain_t1_median_s)"
line "pandas, wide frame (best of 3)" "$pd"
line "SQLite, SQL on the parkbrain database" "$sq"
[ -z "$pg" ] || line "PostgreSQL, the same SQL" "$pg"
echo "(parkbrain and the plain loop: median of $RUNS runs; peers: best of their runs)"
echo
awk '$1 == "load_s" { l = $2 } $1 == "cube_bytes" { c = $2 } $1 == "raw_bytes" { r = $2 }
     $1 == "rss_growth_bytes" { g = $2 }
     END { printf "cube load (pb_store_cube_load, 2 threads): %.2f s\n", l
           printf "cube memory: %.2f GB (pb_cube_bytes), %.3fx the raw data (%.2f GB); resident set grew %.2f GB (%.3fx)\n",
                  c / 1e9, c / r, r / 1e9, g / 1e9, g / r }' "$W/an_c.txt"
