# lib.sh - helpers for the end-to-end tests (sourced). They drive the real binary.
set -euo pipefail
: "${PB_BIN:?PB_BIN must name the parkbrain binary}"
: "${PB_TEST_DATA:?PB_TEST_DATA must name tests/data}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pb-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
FAILS=0
PASSES=0

pb() { "$PB_BIN" "$@"; }

ok() { PASSES=$((PASSES + 1)); echo "ok - $*"; }
fail() { FAILS=$((FAILS + 1)); echo "FAIL - $*"; }

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
  if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: expected [$2], got [$3]"; fi
}

# q DB SQL - one value from the database (read-only)
q() { sqlite3 -readonly "$1" "$2"; }

# dump DB - a fingerprint of every table's content
dump_hash() { sqlite3 -readonly "$1" .dump | sha256sum | cut -d' ' -f1; }

# no_pipeline DB - take the demo's generated investment pipeline out of DB, for a test whose
# figures are worked by hand on its own projects
no_pipeline() {
  sqlite3 "$1" 'DELETE FROM activities; DELETE FROM project_funds; DELETE FROM project_stages; DELETE FROM pipeline_targets; DELETE FROM projects;'
}

# serve DB - `parkbrain serve` on a free loopback port (access log $WORK/access.log),
# stopped at exit; sets SRV (its pid) and URL (without the final slash)
serve() {
  # (the binary itself, not the pb function: $! must be its pid)
  "$PB_BIN" serve --db "$1" --listen 127.0.0.1:0 --threads 2 --access-log "$WORK/access.log" >"$WORK/out" 2>"$WORK/err" &
  SRV=$!
  # (a test that has seen the server exit empties SRV: its pid may be reused by then)
  trap '[ -z "${SRV:-}" ] || kill "$SRV" 2>/dev/null || true; rm -rf "$WORK"' EXIT
  for _ in $(seq 50); do [ -s "$WORK/out" ] && break; sleep 0.1; done
  URL=$(head -n 1 "$WORK/out")
  URL=${URL%/}
}

finish() {
  echo "$PASSES passed, $FAILS failed"
  [ "$FAILS" -eq 0 ]
}
