#!/usr/bin/env bash
# run_pipeline.sh [PROJECTS] - the investment pipeline's figures benchmark (issue #6).
#
# One run, one pipeline (bench_pipeline's, default 1,000,000 projects, about 5.7 stage
# events and 2 fund rows each, 50 parks), one period (the year 2025, by park):
#   bench_pipeline  pb_pipe_replay of the stage events, then pb_pipe_period; writes the
#                   events, projects and funds as CSV and the engine's figures per park
#                   (pl_ref.csv)
#   pandas          the same figures, vectorised (CSV load not timed)
#   SQLite          the same figures in SQL, in memory (load not timed)
#   PostgreSQL      the same SQL on a throwaway cluster (COPY not timed)
# The data has no corrections (forward moves, skips and a last 终止 only), so the peers'
# replay is "the entry day of stage s is the earliest day of an event at a stage >= s"
# (bench/pipeline_peers.py states every figure). Every peer's figures must equal
# parkbrain's or the run fails. Prints seconds and ratios. Builds first
# (scripts/build.sh release, incremental) unless BENCH names a bench_pipeline to use;
# the peers need PB_SETUP_BENCH=1 scripts/setup.sh. Work files go to bench/work/ (about
# 190 bytes per project: the CSV).
# RUNS (default 11): bench_pipeline's runs; PANDAS_RUNS (5), PEER_RUNS (3): the peers'.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
RUNS=${RUNS:-11}
PANDAS_RUNS=${PANDAS_RUNS:-5}
PEER_RUNS=${PEER_RUNS:-3}
W=bench/work
PY=/usr/bin/python3
if [ -z "${BENCH:-}" ]; then
  BENCH=build/bench/bench_pipeline
  ./scripts/build.sh release >/dev/null
fi
"$PY" -c 'import pandas, psycopg2' 2>/dev/null ||
  { echo "run_pipeline: the peers are missing: PB_SETUP_BENCH=1 scripts/setup.sh" >&2; exit 2; }
mkdir -p "$W"
W=$(cd "$W" && pwd)

. bench/pg_temp.sh
cleanup() {
  pg_temp_stop
  rm -f "$W"/pl_events.csv "$W"/pl_projects.csv "$W"/pl_funds.csv
}
trap cleanup EXIT

echo "bench_pipeline ($N projects) ..."
"$BENCH" --n "$N" --runs "$RUNS" --dir "$W" | tee "$W/pl_c.txt"
val() { awk -v k="$1" '$1 == k { print $2 }' "$W/pl_c.txt"; }

peers() { "$PY" bench/pipeline_peers.py "$@"; }
echo "pandas ..."
pd=$(peers pandas "$W" "$PANDAS_RUNS")
echo "SQLite ..."
sq=$(peers sqlite "$W" "$PEER_RUNS")
pg=""
if [ -n "$PGBIN" ]; then
  echo "PostgreSQL ..."
  pg_temp_start "$W/pl_pg" 54332 shared_buffers=2GB work_mem=512MB maintenance_work_mem=1GB \
    fsync=off full_page_writes=off
  peers pgload "$PGD" 54332 "$W"
  pg=$(peers postgres "$PGD" 54332 "$W" "$PEER_RUNS")
else
  echo "run_pipeline: no PostgreSQL server binaries: skipped" >&2
fi

# the ratios: each contender's best against parkbrain's median (replay + period)
PB=$(val engine_median_s)
row() { awk -v n="$1" -v m="$2" -v b="$3" -v p="$PB" \
  'BEGIN { r = b / p; printf "%-52s %9.4f %9.4f %11." (r < 10 ? 2 : 1) "fx\n", n, m, b, r }'; }
peer() { [ -z "$2" ] || { set -- "$1" $2; row "$1" "$3" "$2"; }; }
echo
echo "the pipeline's figures of 2025 by park: $(val projects) projects, $(val events) stage" \
  "events, $(val fund_rows) fund rows; $(val signed) signed in 2025, 开工率 $(val rate_started)"
printf '%-52s %9s %9s %12s\n' "contender" "median s" "best s" "parkbrain is"
printf '%-52s %9.4f %9.4f %12s\n' "parkbrain pb_pipe_replay + pb_pipe_period" "$PB" \
  "$(val engine_min_s)" "-"
row "  of which pb_pipe_replay" "$(val replay_median_s)" "$(val replay_min_s)"
row "  of which pb_pipe_period" "$(val period_median_s)" "$(val period_min_s)"
peer "pandas (vectorised)" "$pd"
peer "SQLite (in memory)" "$sq"
peer "PostgreSQL (the same SQL)" "$pg"
echo
echo "(parkbrain: $RUNS runs; pandas $PANDAS_RUNS, SQL $PEER_RUNS; ratios: a contender's" \
  "best / parkbrain's median; the 'of which' rows: their share of it)"
