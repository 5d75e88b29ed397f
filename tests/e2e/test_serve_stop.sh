#!/usr/bin/env bash
# SIGTERM with a request in flight: the server stops taking connections, lets the request
# finish (a slow upload of the demo's monthly reports, checked as a dry run), answers it
# in full, and then exits 0; a request after that finds nobody listening.
source "$(dirname "$0")/lib.sh"
DB=$WORK/demo.db
pb demo --db "$DB" >/dev/null
pb export --db "$DB" monthly "$WORK/monthly.csv" >/dev/null
ROWS=$(q "$DB" "SELECT count(*) FROM monthly_reports")
SIZE=$(stat -c %s "$WORK/monthly.csv")
serve "$DB"
expect_eq "health before" 200 "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/health")"
curl -s -c "$WORK/jar" -o "$WORK/login.json" -H 'Content-Type: application/json' \
  -d '{"name":"analyst","password":"Demo-analyst-2026"}' "$URL/api/v1/session" >/dev/null
CSRF=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf"])' "$WORK/login.json")
# the upload takes about four seconds at this rate; SIGTERM comes one second in
RATE=$(( SIZE / 4 + 1 ))
curl -s -b "$WORK/jar" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/octet-stream' \
  --limit-rate "$RATE" --data-binary "@$WORK/monthly.csv" -o "$WORK/upload.json" -w '%{http_code}' \
  "$URL/api/v1/imports?kind=monthly&name=monthly.csv&dry_run=1" >"$WORK/upload.code" &
CURL=$!
sleep 1
t0=$(date +%s.%N)
kill -TERM "$SRV"
wait "$CURL" || true
expect_eq "the request in flight is answered" 200 "$(cat "$WORK/upload.code")"
expect_eq "... in full: every row checked" "$ROWS" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rows"])' "$WORK/upload.json")"
rc=0; wait "$SRV" || rc=$?
SRV=
t1=$(date +%s.%N)
expect_eq "then the server exits 0" 0 "$rc"
python3 -c "import sys; sys.exit(0 if float(sys.argv[2]) - float(sys.argv[1]) > 1.5 else 1)" "$t0" "$t1" &&
  ok "it waited for the upload (over 1.5 s after SIGTERM)" || fail "it stopped before the upload ended"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$URL/api/v1/health" || true)
expect_eq "nobody listens afterwards" 000 "$code"
finish
