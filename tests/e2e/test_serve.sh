#!/usr/bin/env bash
# The web server end to end: the real binary on a free port (--listen 127.0.0.1:0, the
# URL on its first stdout line) and curl: health, the security headers, the UI's
# index.html, the JSON errors 404/405/413/401 in http.h's order, the access log (one
# JSON line per request), SIGTERM while idle, and a database that is not there.
source "$(dirname "$0")/lib.sh"
DB=$WORK/zone.db
LOG=$WORK/access.log
pb init --db "$DB" >/dev/null

SRV=
trap '[ -n "$SRV" ] && kill "$SRV" 2>/dev/null; rm -rf "$WORK"' EXIT
# (the binary itself, not the pb function: $! must be its pid)
"$PB_BIN" serve --db "$DB" --listen 127.0.0.1:0 --threads 2 --access-log "$LOG" >"$WORK/out" 2>"$WORK/err" &
SRV=$!
for _ in $(seq 50); do [ -s "$WORK/out" ] && break; sleep 0.1; done
URL=$(head -n 1 "$WORK/out")
case "$URL" in http://127.0.0.1:[1-9]*/) ok "serve prints its URL ($URL)";; *) fail "URL: [$URL] $(cat "$WORK/err")";; esac
URL=${URL%/}

# get NAME ARGS... - curl into $WORK/NAME.h (headers) and $WORK/NAME.b (body), prints the status
get() {
  local name=$1; shift
  curl -s -o "$WORK/$name.b" -D "$WORK/$name.h" -w '%{http_code}' "$@"
}
# header NAME FIELD - the value of a response header (without CR)
header() { grep -i "^$2:" "$WORK/$1.h" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }
# json NAME EXPR - a value of the body's JSON
json() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$WORK/$1.b" "$2"; }
# security NAME - the headers every response carries
security() {
  expect_eq "$1: CSP" "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'" "$(header "$1" Content-Security-Policy)"
  expect_eq "$1: nosniff" "nosniff" "$(header "$1" X-Content-Type-Options)"
  expect_eq "$1: frames" "DENY" "$(header "$1" X-Frame-Options)"
  expect_eq "$1: referrer" "no-referrer" "$(header "$1" Referrer-Policy)"
}

expect_eq "health: 200" 200 "$(get health "$URL/api/v1/health")"
expect_eq "health: JSON" "application/json; charset=utf-8" "$(header health Content-Type)"
expect_eq "health: body" "ok 0.1.0 ok True" "$(json health 'd["status"], d["version"], d["db"], d["schema"] > 0' | tr -d "(),'")"
expect_eq "health: no zone yet" "None" "$(json health 'd["zone"]')"
security health
expect_eq "health: no-store" "no-store" "$(header health Cache-Control)"

expect_eq "GET /: 200" 200 "$(get index "$URL/")"
expect_eq "GET /: html" "text/html; charset=utf-8" "$(header index Content-Type)"
security index
rc=0; grep -q "parkbrain 产业大脑" "$WORK/index.b" || rc=$?
expect_eq "GET /: the page" 0 "$rc"
ETAG=$(header index ETag)
case "$ETAG" in \"*\") ok "GET /: ETag";; *) fail "ETag: [$ETAG]";; esac
expect_eq "If-None-Match: 304" 304 "$(get cached -H "If-None-Match: $ETAG" "$URL/")"
expect_eq "app.js: 200" 200 "$(get appjs "$URL/app.js")"
expect_eq "app.js: javascript" "text/javascript; charset=utf-8" "$(header appjs Content-Type)"
expect_eq "style.css: css" 200 "$(get css "$URL/style.css")"
expect_eq "style.css: type" "text/css; charset=utf-8" "$(header css Content-Type)"
expect_eq "a page of the app: index.html" 200 "$(get spa "$URL/warnings/12")"
rc=0; cmp -s "$WORK/spa.b" "$WORK/index.b" || rc=$?
expect_eq "a page of the app: the same file" 0 "$rc"
expect_eq "../ does not escape ui/" 404 "$(get dotdot --path-as-is "$URL/../CMakeLists.txt")"
expect_eq "%2e%2e does not escape ui/" 404 "$(get dotdot2 --path-as-is "$URL/%2e%2e/%2e%2e/etc/passwd")"
rc=0; grep -q "cmake_minimum_required\|root:" "$WORK/dotdot.b" "$WORK/dotdot2.b" || rc=$?
expect_eq "no file outside ui/ served" 1 "$rc"

expect_eq "unknown API: 404" 404 "$(get nf "$URL/api/v1/x")"
expect_eq "404: JSON error" "not_found True True" "$(json nf 'd["error"]["code"], bool(d["error"]["message"]), bool(d["error"]["message_en"])' | tr -d "(),'")"
security nf
expect_eq "POST to a GET route: 405" 405 "$(get m405 -X POST -d '{}' "$URL/api/v1/health")"
expect_eq "405: JSON" "method_not_allowed" "$(json m405 'd["error"]["code"]')"
head -c $((33 * 1024 * 1024)) /dev/zero >"$WORK/big"
expect_eq "a 33 MiB body: 413" 413 "$(get big -H 'Content-Type: application/octet-stream' --data-binary @"$WORK/big" "$URL/api/v1/session")"
expect_eq "413: JSON" "too_large" "$(json big 'd["error"]["code"]')"
expect_eq "a 33 MiB chunked body: 413" 413 "$(get bigc -H 'Transfer-Encoding: chunked' --data-binary @"$WORK/big" "$URL/api/v1/session")"
# the session is checked before CSRF: without one, 401 (not 403)
expect_eq "a change without a session: 401" 401 "$(get anon -X DELETE "$URL/api/v1/session")"
expect_eq "401: JSON" "unauthorized" "$(json anon 'd["error"]["code"]')"
expect_eq "an unknown session: 401" 401 "$(get badsess -X DELETE -b pb_session=0123abcd -H 'X-CSRF-Token: x' "$URL/api/v1/session")"
expect_eq "who am I, signed out: 401" 401 "$(get me "$URL/api/v1/session")"
expect_eq "login without JSON: 400" 400 "$(get nojson -X POST -d 'name=a' "$URL/api/v1/session")"

# the access log: one JSON line per request, with its status
sleep 0.2
expect_eq "access log: one line per request" 16 "$(wc -l <"$LOG" | tr -d ' ')"
expect_eq "access log: statuses" "200 200 304 200 200 200 404 404 404 405 413 413 401 401 401 400" \
  "$(python3 -c '
import json, sys
print(" ".join(str(json.loads(l)["status"]) for l in open(sys.argv[1])))' "$LOG")"
expect_eq "access log: fields" "ts ip user method path status bytes ms|127.0.0.1 GET /api/v1/health 66" \
  "$(python3 -c '
import json, sys
d = json.loads(open(sys.argv[1]).readline())
print(" ".join(d) + "|" + " ".join([d["ip"], d["method"], d["path"], str(d["bytes"])]))' "$LOG")"
rc=0; grep -Eq '"ts":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"' "$LOG" || rc=$?
expect_eq "access log: ISO 8601 UTC" 0 "$rc"

# SIGTERM while idle: exit 0 within 5 s
kill -TERM "$SRV"
rc=0
for _ in $(seq 50); do kill -0 "$SRV" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$SRV" 2>/dev/null; then fail "still running 5 s after SIGTERM"; kill -KILL "$SRV"; fi
wait "$SRV" || rc=$?
SRV=
expect_eq "SIGTERM: exit 0" 0 "$rc"

# a database that is not there is refused (and not created)
rc=0; pb serve --db "$WORK/nope.db" --listen 127.0.0.1:0 >/dev/null 2>"$WORK/nope.err" || rc=$?
expect_eq "no database: exit 1" 1 "$rc"
expect_eq "no database: not created" "no" "$([ -e "$WORK/nope.db" ] && echo yes || echo no)"
rc=0; pb serve --db "$DB" --listen nonsense >/dev/null 2>&1 || rc=$?
expect_eq "a bad --listen: usage (2)" 2 "$rc"
finish
