#!/usr/bin/env bash
# run_mujun.sh [ENTERPRISES] - the 亩均论英雄 evaluation benchmark (issue #4).
#
# One run, one zone (bench_mujun's, default 1,000,000 enterprises), one scheme (the
# Huangyan 2022 规上 six indicators, quota classes A25/B45/C25/D5):
#   bench_mujun   pb_mujun_evaluate with 2 threads and 1 (fresh memory each call, and
#                 pb_mujun_evaluate_again into a kept result), and a plain single-threaded
#                 C loop (scores, quickselect for the quota cuts) checked against it;
#                 writes the zone as CSV and the reference (scheme, class counts,
#                 checksums of the classes and the ranks)
#   pandas        the same evaluation, vectorised (CSV load not timed)
#   SQLite        the same evaluation in SQL with RANK(), in memory (load not timed)
#   PostgreSQL    the same SQL on a throwaway cluster (COPY not timed)
# Every peer's classes and ranks must equal parkbrain's or the run fails. Prints
# seconds and ratios. Builds first (scripts/build.sh release, incremental) unless BENCH
# names a bench_mujun to use; the peers need PB_SETUP_BENCH=1 scripts/setup.sh. Work
# files go to bench/work/ (about 70 bytes per enterprise: the CSV).
# RUNS (default 11): bench_mujun's runs of each; PANDAS_RUNS (5), PEER_RUNS (3): the
# peers'.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
RUNS=${RUNS:-11}
PANDAS_RUNS=${PANDAS_RUNS:-5}
PEER_RUNS=${PEER_RUNS:-3}
W=bench/work
PY=/usr/bin/python3
if [ -z "${BENCH:-}" ]; then
  BENCH=build/bench/bench_mujun
  ./scripts/build.sh release >/dev/null
fi
"$PY" -c 'import pandas, psycopg2' 2>/dev/null ||
  { echo "run_mujun: the peers are missing: PB_SETUP_BENCH=1 scripts/setup.sh" >&2; exit 2; }
mkdir -p "$W"
W=$(cd "$W" && pwd)

. bench/pg_temp.sh
cleanup() {
  pg_temp_stop
  rm -f "$W"/mj_input.csv
}
trap cleanup EXIT

echo "bench_mujun ($N enterprises) ..."
"$BENCH" --n "$N" --runs "$RUNS" --csv "$W/mj_input.csv" --ref "$W/mj_ref.txt" | tee "$W/mj_c.txt"
val() { awk -v k="$1" '$1 == k { print $2 }' "$W/mj_c.txt"; }
[ "$(val check)" = ok ] || { echo "bench_mujun: check failed" >&2; exit 1; }

peers() { "$PY" bench/mujun_peers.py "$@"; }
echo "pandas ..."
pd_all=$(peers pandas "$W/mj_input.csv" "$W/mj_ref.txt" "$PANDAS_RUNS" all)
pd_zone=$(peers pandas "$W/mj_input.csv" "$W/mj_ref.txt" "$PANDAS_RUNS" zone)
echo "SQLite ..."
sq_all=$(peers sqlite "$W/mj_input.csv" "$W/mj_ref.txt" "$PEER_RUNS" all)
sq_zone=$(peers sqlite "$W/mj_input.csv" "$W/mj_ref.txt" "$PEER_RUNS" zone)
pg_all=""
pg_zone=""
if [ -n "$PGBIN" ]; then
  echo "PostgreSQL ..."
  pg_temp_start "$W/mj_pg" 54331 shared_buffers=2GB work_mem=512MB maintenance_work_mem=1GB \
    fsync=off full_page_writes=off
  peers pgload "$PGD" 54331 "$W/mj_input.csv"
  pg_all=$(peers postgres "$PGD" 54331 "$W/mj_ref.txt" "$PEER_RUNS" all)
  pg_zone=$(peers postgres "$PGD" 54331 "$W/mj_ref.txt" "$PEER_RUNS" zone)
else
  echo "run_mujun: no PostgreSQL server binaries: skipped" >&2
fi

# the ratios: each contender's best against parkbrain's median with 2 threads
PB=""
row() { awk -v n="$1" -v m="$2" -v b="$3" -v p="$PB" \
  'BEGIN { r = b / p; printf "%-52s %9.4f %9.4f %11." (r < 10 ? 2 : 1) "fx\n", n, m, b, r }'; }
peer() { [ -z "$2" ] || { set -- "$1" $2; row "$1" "$3" "$2"; }; }
section() {
  echo
  echo "$1"
  printf '%-52s %9s %9s %12s\n' "contender" "median s" "best s" "parkbrain is"
  printf '%-52s %9.4f %9.4f %12s\n' "${3:-parkbrain pb_mujun_evaluate, 2 threads}" "$PB" "$2" "-"
}
echo
echo "亩均 evaluation: $(val enterprises) enterprises ($(val scored) ranked), 6 indicators," \
  "quota classes A $(val count_A) / B $(val count_B) / C $(val count_C) / D $(val count_D)," \
  "incomplete $(val count_incomplete), none $(val count_none)"
PB=$(val engine_t2_median_s)
section "the whole evaluation: ranks over the zone, within 31 sectors and within 50 parks" \
  "$(val engine_t2_min_s)"
row "parkbrain pb_mujun_evaluate, 1 thread" "$(val engine_t1_median_s)" "$(val engine_t1_min_s)"
peer "pandas (vectorised, rank method='min')" "$pd_all"
peer "SQLite (in memory, RANK())" "$sq_all"
peer "PostgreSQL (the same SQL)" "$pg_all"
PB=$(val engine_again_t2_median_s)
section "the whole evaluation again into a kept result (pb_mujun_evaluate_again: what-if, server)" \
  "$(val engine_again_t2_min_s)" "parkbrain pb_mujun_evaluate_again, 2 threads"
row "parkbrain pb_mujun_evaluate_again, 1 thread" "$(val engine_again_t1_median_s)" \
  "$(val engine_again_t1_min_s)"
row "parkbrain pb_mujun_evaluate (fresh memory), 2 threads" "$(val engine_t2_median_s)" \
  "$(val engine_t2_min_s)"
peer "pandas (vectorised, rank method='min')" "$pd_all"
peer "SQLite (in memory, RANK())" "$sq_all"
peer "PostgreSQL (the same SQL)" "$pg_all"
PB=$(val engine_zone_t2_median_s)
section "the zone ranks only (no sectors, no parks: the issue's measurement)" \
  "$(val engine_zone_t2_min_s)"
row "parkbrain pb_mujun_evaluate, 1 thread" "$(val engine_zone_t1_median_s)" \
  "$(val engine_zone_t1_min_s)"
row "parkbrain pb_mujun_evaluate_again, 2 threads" "$(val engine_zone_again_t2_median_s)" \
  "$(val engine_zone_again_t2_min_s)"
row "plain C loop + quickselect, 1 thread (no ranks)" "$(val plain_t1_median_s)" \
  "$(val plain_t1_min_s)"
peer "pandas (vectorised, rank method='min')" "$pd_zone"
peer "SQLite (in memory, RANK())" "$sq_zone"
peer "PostgreSQL (the same SQL)" "$pg_zone"
echo
echo "(parkbrain and the plain loop: $RUNS runs each; pandas $PANDAS_RUNS, SQL $PEER_RUNS;" \
  "ratios: a contender's best / parkbrain's 2-thread median)"
