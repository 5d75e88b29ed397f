#!/usr/bin/env bash
# Every file of tests/data/bad is rejected with exactly the report in NAME.expected
# (every problem: file, row, column, header, value, reason), exit code 1, and the
# database is left exactly as it was. The expected reports are written by hand.
source "$(dirname "$0")/lib.sh"
G=$PB_TEST_DATA/good
DB=$WORK/zone.db
(cd "$G" && pb import --db "$DB" parks parks.csv >/dev/null && pb import --db "$DB" enterprises enterprises.csv >/dev/null && pb import --db "$DB" monthly monthly_2024_02.csv >/dev/null)
cd "$PB_TEST_DATA/bad"
for f in *.csv *.xlsx; do
  [ -e "$f" ] || continue
  exp="${f%.*}.expected"
  before=$(dump_hash "$DB")
  set +e
  pb import --db "$DB" monthly "$f" >"$WORK/out" 2>"$WORK/err"
  code=$?
  set -e
  expect_eq "$f: exit code" 1 "$code"
  if diff -u "$exp" "$WORK/err" >"$WORK/diff"; then ok "$f: report"; else fail "$f: report differs:"; cat "$WORK/diff"; fi
  expect_eq "$f: database unchanged" "$before" "$(dump_hash "$DB")"
  # --dry-run reports the same problems
  set +e
  pb import --db "$DB" --dry-run monthly "$f" >/dev/null 2>"$WORK/err2"
  set -e
  if diff -q "$exp" "$WORK/err2" >/dev/null; then ok "$f: dry run reports the same"; else fail "$f: dry run report differs"; fi
done
# the same report in English
set +e
pb import --db "$DB" --lang en monthly text_in_number.csv >/dev/null 2>"$WORK/err_en"
set -e
expect_eq "English report" 'error: text_in_number.csv row 2 column C (工业总产值) value "12a3": not a number' "$(head -1 "$WORK/err_en")"
finish
