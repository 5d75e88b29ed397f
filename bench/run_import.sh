#!/usr/bin/env bash
# run_import.sh [ENTERPRISES] [MONTHS] - the import benchmark (issue #2).
#
# Generates a zone (default 100,000 enterprises x 60 months = 6M monthly rows) as CSV
# and loads the same monthly file with:
#   parkbrain  validated import (USCC check digits, numbers, months, references,
#              duplicates, upsert by natural key, one transaction)
#   sqlite3    its own `.import` into a plain table (no checks, no keys)
#   pandas     read_csv + to_sql into SQLite
#   postgres   COPY (psql \copy) into a plain table of a throwaway cluster
# and prints rows/s and the ratios. Needs the build (scripts/build.sh) and the peers
# (PB_SETUP_BENCH=1 scripts/setup.sh). Work files go to bench/work/.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
M=${2:-60}
ROWS=$((N * M))
W=bench/work
B=build/parkbrain
GEN=build/bench/pb_gen_zone
mkdir -p "$W"
rm -f "$W"/*.db "$W"/*.db-*

now() { date +%s.%N; }
rate() { awk -v r="$ROWS" -v s="$1" 'BEGIN { printf "%.0f", r / s }'; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

echo "generating $N enterprises x $M months = $ROWS rows ..."
"$GEN" "$W" "$N" "$M"
ls -la "$W/monthly.csv" | awk '{ printf "monthly.csv: %.0f MB\n", $5 / 1048576 }'
# Warm the page cache so every contender reads from memory.
cat "$W/monthly.csv" > /dev/null

"$B" import --db "$W/pb.db" --quiet parks "$W/parks.csv"
"$B" import --db "$W/pb.db" --quiet enterprises "$W/enterprises.csv"
t0=$(now); "$B" import --db "$W/pb.db" --quiet monthly "$W/monthly.csv"; t1=$(now)
pb=$(sub "$t1" "$t0")
n=$(sqlite3 "$W/pb.db" 'SELECT count(*) FROM monthly_reports')
[ "$n" -eq "$ROWS" ] || { echo "parkbrain imported $n rows, expected $ROWS" >&2; exit 1; }

t0=$(now); sqlite3 "$W/sq.db" -cmd '.mode csv' ".import $W/monthly.csv monthly"; t1=$(now)
sq=$(sub "$t1" "$t0")

pd=$(/usr/bin/python3 bench/import_peers.py pandas "$W/monthly.csv" "$W/pd.db")

pg=""
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -1)
if [ -n "$PGBIN" ]; then
  PGD=$(mktemp -d /tmp/pb-bench-pg.XXXXXX)
  chown postgres "$PGD" 2>/dev/null || true
  as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  as_pg "$PGBIN/initdb" -D "$PGD/data" -A trust -U bench >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGD/data" -o "-p 54329 -k $PGD -c listen_addresses=''" -l "$PGD/log" -w start >/dev/null
  psql -h "$PGD" -p 54329 -U bench -d postgres -qc "CREATE TABLE monthly (uscc text, month text, gross_output float8, sales_output float8, export_value float8, revenue float8, profit float8, tax float8, electricity float8, energy float8, employees int, rd_expense float8)"
  t0=$(now); psql -h "$PGD" -p 54329 -U bench -d postgres -qc "\\copy monthly FROM '$W/monthly.csv' CSV HEADER"; t1=$(now)
  pg=$(sub "$t1" "$t0")
  as_pg "$PGBIN/pg_ctl" -D "$PGD/data" -m fast stop >/dev/null
  rm -rf "$PGD"
fi

printf '\n%-34s %10s %12s %14s\n' "contender ($ROWS rows)" seconds rows/s "parkbrain is"
printf '%-34s %10.2f %12s %14s\n' "parkbrain import (validated)" "$pb" "$(rate "$pb")" "-"
printf '%-34s %10.2f %12s %13.2fx\n' "sqlite3 .import (plain table)" "$sq" "$(rate "$sq")" "$(div "$sq" "$pb")"
printf '%-34s %10.2f %12s %13.2fx\n' "pandas read_csv + to_sql" "$pd" "$(rate "$pd")" "$(div "$pd" "$pb")"
if [ -n "$pg" ]; then
  printf '%-34s %10.2f %12s %13.2fx\n' "PostgreSQL COPY (plain table)" "$pg" "$(rate "$pg")" "$(div "$pg" "$pb")"
fi
