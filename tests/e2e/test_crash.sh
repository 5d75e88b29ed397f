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

# Bytes written so far, whichever journal the import uses (WAL, or the rollback
# journal of a bulk import, whose pages reach the database file as the cache spills).
written() {
  local s=0 f
  for f in "$DB" "$DB-wal" "$DB-journal"; do
    if [ -e "$f" ]; then s=$((s + $(stat -c %s "$f" 2>/dev/null || echo 0))); fi
  done
  echo $s
}
mid=0
for attempt in 1 2 3 4 5; do
  start=$(written)
  # the binary itself, not the pb function: $! must be the importer, not a subshell
  "$PB_BIN" import --db "$DB" monthly "$WORK/monthly.csv" >/dev/null 2>&1 &
  pid=$!
  # wait until the importer has written 8 MB more, then kill it without warning
  for _ in $(seq 1 1000); do
    [ $(( $(written) - start )) -gt 8000000 ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.005
  done
  kill -KILL $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  # the first open after the kill recovers the journal: do it read-write (parkbrain check)
  expect_eq "attempt $attempt: integrity" ok "$(pb check --db "$DB")"
  n=$(q "$DB" 'SELECT count(*) FROM monthly_reports')
  if [ "$n" -eq 0 ] || [ "$n" -eq $((N * M)) ]; then ok "attempt $attempt: all or nothing ($n rows)"; else fail "attempt $attempt: partial import ($n rows)"; fi
  if [ "$n" -eq 0 ]; then mid=$((mid + 1)); else break; fi
  [ $mid -ge 2 ] && break
done
# the kill must really have come in the middle at least once, or this tested nothing
[ $mid -ge 1 ] && ok "killed mid-import $mid times" || fail "never killed mid-import"
# and the database still works: the same import now goes through completely
pb import --db "$DB" monthly "$WORK/monthly.csv" >/dev/null
expect_eq "import after the crash" $((N * M)) "$(q "$DB" 'SELECT count(*) FROM monthly_reports')"
expect_eq "integrity at the end" ok "$(pb check --db "$DB")"
finish
