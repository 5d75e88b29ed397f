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

finish() {
  echo "$PASSES passed, $FAILS failed"
  [ "$FAILS" -eq 0 ]
}
