#!/usr/bin/env bash
# SIGKILL the importer in the middle of a large import: the database must hold either
# all of the file or none of it, and pass PRAGMA integrity_check.
source "$(dirname "$0")/lib.sh"
GEN=${PB_GEN:-$(dirname "$PB_BIN")/bench/pb_gen_zone}
N=20000; M=60
"$GEN" "$WORK" $N $M
DB=$WORK/crash.db
pb import --db "$DB" parks "$WORK/parks.csv" >/dev/null
pb import --db "$DB" enterprises "$WORK/enterprises.csv" >/dev/null
expect_eq "enterprises loaded" $N "$(q "$DB" 'SELECT count(*) FROM enterprises')"

for attempt in 1 2 3; do
  pb import --db "$DB" monthly "$WORK/monthly.csv" >/dev/null 2>&1 &
  pid=$!
  # wait until the importer is writing (its WAL grows), then kill it without warning
  for _ in $(seq 1 400); do
    sz=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
    [ "$sz" -gt 4000000 ] && break
    sleep 0.01
  done
  kill -KILL $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  # the first open after the kill recovers the WAL: do it read-write (parkbrain check)
  expect_eq "attempt $attempt: integrity" ok "$(pb check --db "$DB")"
  n=$(q "$DB" 'SELECT count(*) FROM monthly_reports')
  if [ "$n" -eq 0 ] || [ "$n" -eq $((N * M)) ]; then ok "attempt $attempt: all or nothing ($n rows)"; else fail "attempt $attempt: partial import ($n rows)"; fi
  [ "$n" -eq 0 ] || break
done
# and the database still works: the same import now goes through completely
pb import --db "$DB" monthly "$WORK/monthly.csv" >/dev/null
expect_eq "import after the crash" $((N * M)) "$(q "$DB" 'SELECT count(*) FROM monthly_reports')"
finish
