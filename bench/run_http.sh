#!/usr/bin/env bash
# run_http.sh [--soak [SECONDS]] - the HTTP benchmark (issue #5 item 7).
#
# wrk against parkbrain's cockpit endpoint (GET /api/v1/summary, what ui/cockpit.js
# asks) and its monthly analysis (GET /api/v1/analysis?month=M&group=park&top=10, what
# ui/analysis.js asks for the latest month M), on the demo zone and on a big zone
# (pb_gen_zone --parks 50 --churn, BIG_N enterprises x BIG_MONTHS months, its warnings
# run, an analyst account), and against nginx serving the very bodies parkbrain answered
# as static files with the same security headers, each parkbrain run followed at once by
# its nginx run. Prints requests/s, p50, p99, errors and the ratio to nginx, and checks
# the goals: at least half of nginx's requests/s, p99 under 10 ms, no errors.
#
# --soak [SECONDS] (default 300): instead, wrk for SECONDS against parkbrain on the big
# zone, round-robin over the summary and the analysis of the last 12 months in two
# groupings (park, sector), sampling the server's resident set (VmRSS) every 10 s:
# prints the samples and first/last/max, to show whether memory stays flat.
#
# Installs wrk and nginx (Debian's wrk and nginx-light) when missing - root only - and
# builds (scripts/build.sh release, incremental). The big zone's database is kept in
# bench/work/http/ for the next run (about 130 bytes per monthly row, 450 MB; FRESH=1 makes it
# again); everything else goes to a temporary folder there, removed at the end, with the
# servers stopped. Environment: DURATION (s per measured run, default 20), WARMUP (s,
# default 3), CONNS (64), WRK_THREADS (2), SERVER_THREADS (parkbrain's and nginx's
# workers, default the processors), BIG_N (100000), BIG_MONTHS (36).
# wrk, parkbrain and nginx all share this machine's cores: the figures are the three
# together, not a server alone.
set -euo pipefail
cd "$(dirname "$0")/.."
SOAK=""
while [ $# -gt 0 ]; do
  case $1 in
    --soak)
      SOAK=300
      if [[ ${2:-} =~ ^[0-9]+$ ]]; then SOAK=$2; shift; fi ;;
    *) echo "usage: $0 [--soak [SECONDS]]" >&2; exit 2 ;;
  esac
  shift
done
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-3}
CONNS=${CONNS:-64}
WRK_THREADS=${WRK_THREADS:-2}
SERVER_THREADS=${SERVER_THREADS:-$(nproc)}
N=${BIG_N:-100000}
M=${BIG_MONTHS:-36}
PY=/usr/bin/python3
B=build/parkbrain
GEN=build/bench/pb_gen_zone
LUA=bench/http_wrk.lua
BIG_PASSWORD=Bench-analyst-2026
DEMO_PASSWORD=Demo-analyst-2026   # src/cli/cmd_demo.c's analyst

# ---- tools ---------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "run_http: ${missing[*]} missing (apt-get install as root)" >&2; exit 2; }
  echo "installing ${missing[*]} ..."
  apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
fi
./scripts/build.sh release >/dev/null

W=bench/work/http
mkdir -p "$W"
W=$(cd "$W" && pwd)
T=$(mktemp -d "$W/run.XXXXXX")
SRV_PID=""
NGX_PID=""
WRK_PID=""
cleanup() {
  for p in $WRK_PID $SRV_PID $NGX_PID; do kill "$p" 2>/dev/null || true; done
  for p in $WRK_PID $SRV_PID $NGX_PID; do wait "$p" 2>/dev/null || true; done
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the zones -----------------------------------------------------------------------
DEMO=$T/demo.db
"$B" demo --db "$DEMO" >/dev/null 2>&1 || { echo "run_http: parkbrain demo failed" >&2; exit 1; }
BIG=$W/big_${N}x${M}.db
if [ -n "${FRESH:-}" ] || [ ! -e "$BIG.ok" ]; then
  rm -f "$BIG" "$BIG"-* "$BIG.ok"
  echo "generating the big zone: $N enterprises x $M months, 50 parks, with churn ..."
  mkdir -p "$T/zone"
  "$GEN" --parks 50 --churn "$T/zone" "$N" "$M" 202301
  for k in parks enterprises monthly; do
    "$B" import --db "$BIG" --quiet "$k" "$T/zone/$k.csv"
  done
  rm -rf "$T/zone"
  "$B" warnings run --db "$BIG" >/dev/null
  printf '%s\n' "$BIG_PASSWORD" |
    "$B" user add analyst --db "$BIG" --role analyst --password-stdin >/dev/null
  touch "$BIG.ok"
else
  "$B" init --db "$BIG" >/dev/null   # a database of an older build upgraded
fi

# ---- servers -------------------------------------------------------------------------
free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server NAME DB: parkbrain serve on a free port; sets SRV_PID and URL
start_server() {
  "$B" serve --db "$2" --listen 127.0.0.1:0 --threads "$SERVER_THREADS" \
    --access-log "$T/$1.access.log" > "$T/$1.serve.out" 2>&1 &
  SRV_PID=$!
  for _ in $(seq 100); do
    [ -s "$T/$1.serve.out" ] && break
    sleep 0.1
  done
  URL=$(head -1 "$T/$1.serve.out")
  [[ $URL == http://* ]] || { echo "run_http: the server did not start:" >&2; cat "$T/$1.serve.out" >&2; exit 1; }
  URL=${URL%/}
}
stop_server() {
  kill "$SRV_PID"
  wait "$SRV_PID" 2>/dev/null || true
  SRV_PID=""
}

# login URL NAME PASSWORD: prints "pb_session=TOKEN"
login() {
  curl -sS -D - -o /dev/null -H 'Content-Type: application/json' \
    --data "{\"name\":\"$2\",\"password\":\"$3\"}" "$1/api/v1/session" |
    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(pb_session=[0-9a-f]*\).*/\1/p'
}

rss_kb() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"; }

# wrk_run LABEL URL COOKIE SECONDS: wrk's output in $T/LABEL.txt, its PBJSON line in
# $T/LABEL.json
wrk_run() {
  PB_COOKIE="$3" wrk -t"$WRK_THREADS" -c"$CONNS" -d"$4"s --latency -s "$LUA" "$2" > "$T/$1.txt"
  sed -n 's/^PBJSON //p' "$T/$1.txt" > "$T/$1.json"
  [ -s "$T/$1.json" ] || { echo "run_http: wrk gave no result for $1:" >&2; cat "$T/$1.txt" >&2; exit 1; }
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
  "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $("$NGINX" -v 2>&1 | cut -d' ' -f3)," \
  "parkbrain $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+changes')"
# what else runs here: the load average before and after the runs tells how noisy they were
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
trap 'echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"; cleanup' EXIT

# ---- the soak ------------------------------------------------------------------------
if [ -n "$SOAK" ]; then
  start_server big "$BIG"
  COOKIE=$(login "$URL" analyst "$BIG_PASSWORD")
  [ -n "$COOKIE" ] || { echo "run_http: login failed" >&2; exit 1; }
  LATEST=$(curl -sSf -b "$COOKIE" "$URL/api/v1/summary" | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["analysis"]["month"])')
  PATHS="/api/v1/summary"
  # the latest month and the 11 before it
  for mo in $("$PY" -c "y, m = map(int, '$LATEST'.split('-'))
print(' '.join('%04d-%02d' % (q, r + 1) for q, r in (divmod(y * 12 + m - 1 - k, 12) for k in range(12))))"); do
    PATHS+=" /api/v1/analysis?month=$mo&group=park&top=10 /api/v1/analysis?month=$mo&group=sector&top=10"
  done
  echo "soak: $SOAK s, $CONNS connections, $WRK_THREADS wrk threads, big zone ($N x $M), round-robin over $(wc -w <<< "$PATHS") paths:"
  echo "  $PATHS"
  echo "warm-up ($WARMUP s) ..."
  PB_PATHS=$PATHS wrk_run soak_warm "$URL/api/v1/summary" "$COOKIE" "$WARMUP"
  PB_PATHS=$PATHS PB_COOKIE=$COOKIE wrk -t"$WRK_THREADS" -c"$CONNS" -d"$SOAK"s --latency -s "$LUA" \
    "$URL/api/v1/summary" > "$T/soak.txt" &
  WRK_PID=$!
  printf '%8s %12s\n' "t (s)" "VmRSS (kB)"
  : > "$T/rss"
  t=0
  while :; do
    r=$(rss_kb "$SRV_PID")
    printf '%8d %12d\n' "$t" "$r" | tee -a "$T/rss"
    kill -0 "$WRK_PID" 2>/dev/null || break
    [ "$t" -ge "$SOAK" ] && break
    sleep 10
    t=$((t + 10))
  done
  wait "$WRK_PID" || true
  WRK_PID=""
  sed -n 's/^PBJSON //p' "$T/soak.txt" > "$T/soak.json"
  [ -s "$T/soak.json" ] || { echo "run_http: wrk gave no result:" >&2; cat "$T/soak.txt" >&2; exit 1; }
  "$PY" - "$T/rss" "$T/soak.json" <<'EOF'
import json, sys
rss = [int(l.split()[1]) for l in open(sys.argv[1])]
w = json.load(open(sys.argv[2]))
err = w["status_errors"] + w["connect"] + w["read"] + w["write"] + w["timeout"]
print(f"requests: {w['requests']:,} in {w['seconds']:.1f} s = {w['rps']:,.0f}/s, p50 {w['p50_us'] / 1e3:.2f} ms, "
      f"p99 {w['p99_us'] / 1e3:.2f} ms, max {w['max_us'] / 1e3:.1f} ms, errors {err} "
      f"(status {w['status_errors']}, connect {w['connect']}, read {w['read']}, write {w['write']}, timeout {w['timeout']})")
print(f"VmRSS kB: first {rss[0]:,}, last {rss[-1]:,}, max {max(rss):,}; last - first {rss[-1] - rss[0]:+,} kB "
      f"({(rss[-1] - rss[0]) / rss[0] * 100:+.1f}%); from the second sample on: {rss[1] if len(rss) > 1 else rss[0]:,} -> {rss[-1]:,}")
EOF
  stop_server
  exit 0
fi

# ---- the bodies for nginx ------------------------------------------------------------
# Each zone's server answers once with curl: the bodies become nginx's files.
chmod 755 "$T"   # nginx's workers drop root
mkdir -p "$T/www"
declare -A PATH_OF COOKIE_OF PW_OF DB_OF
PW_OF[demo]=$DEMO_PASSWORD; DB_OF[demo]=$DEMO
PW_OF[big]=$BIG_PASSWORD; DB_OF[big]=$BIG
for z in demo big; do
  start_server "$z" "${DB_OF[$z]}"
  c=$(login "$URL" analyst "${PW_OF[$z]}")
  [ -n "$c" ] || { echo "run_http: login to the $z zone failed" >&2; exit 1; }
  mkdir -p "$T/www/$z"
  curl -sSf -b "$c" "$URL/api/v1/summary" -o "$T/www/$z/summary.json"
  mo=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["analysis"]["month"])' "$T/www/$z/summary.json")
  PATH_OF[$z.summary]=/api/v1/summary
  PATH_OF[$z.analysis]="/api/v1/analysis?month=$mo&group=park&top=10"
  curl -sSf -b "$c" "$URL${PATH_OF[$z.analysis]}" -o "$T/www/$z/analysis.json"
  stop_server
done
chmod -R a+rX "$T/www"

NPORT=$(free_port)
mkdir -p "$T/ngx_tmp"
# the security headers parkbrain sends (src/http/server.c), so that both send as much
HDR="add_header Content-Security-Policy \"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'\" always;
    add_header X-Content-Type-Options nosniff always;
    add_header X-Frame-Options DENY always;
    add_header Referrer-Policy no-referrer always;
    add_header Cache-Control no-store always;"
cat > "$T/nginx.conf" <<EOF
worker_processes $SERVER_THREADS;
pid $T/nginx.pid;
error_log $T/nginx_error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 100000000;
  client_body_temp_path $T/ngx_tmp/body;
  proxy_temp_path $T/ngx_tmp/proxy;
  fastcgi_temp_path $T/ngx_tmp/fastcgi;
  uwsgi_temp_path $T/ngx_tmp/uwsgi;
  scgi_temp_path $T/ngx_tmp/scgi;
  types { application/json json; }
  charset utf-8;
  charset_types application/json;
  server {
    listen 127.0.0.1:$NPORT;
    root $T/www;
    $HDR
  }
}
EOF
"$NGINX" -p "$T" -c "$T/nginx.conf" -g 'daemon off;' &
NGX_PID=$!
for _ in $(seq 50); do
  curl -sf -o /dev/null "http://127.0.0.1:$NPORT/demo/summary.json" && break
  sleep 0.1
done
cmp -s <(curl -sSf "http://127.0.0.1:$NPORT/demo/summary.json") "$T/www/demo/summary.json" ||
  { echo "run_http: nginx does not serve the files:" >&2; cat "$T/nginx_error.log" >&2; exit 1; }

# ---- the runs ------------------------------------------------------------------------
echo "wrk: $CONNS connections, $WRK_THREADS threads, ${DURATION} s per run after ${WARMUP} s of warm-up;" \
  "parkbrain --threads $SERVER_THREADS, nginx worker_processes $SERVER_THREADS"
: > "$T/rows"
for z in demo big; do
  start_server "$z" "${DB_OF[$z]}"
  c=$(login "$URL" analyst "${PW_OF[$z]}")
  for e in summary analysis; do
    p=${PATH_OF[$z.$e]}
    echo "$z $e: parkbrain $p ..."
    # the first request loads the cube (seconds at a big zone): not part of the runs
    curl -sSf -o /dev/null -b "$c" "$URL$p"
    wrk_run "w_$z.$e.pb" "$URL$p" "$c" "$WARMUP"
    wrk_run "$z.$e.pb" "$URL$p" "$c" "$DURATION"
    echo "$z $e: nginx /$z/$e.json ..."
    wrk_run "w_$z.$e.ngx" "http://127.0.0.1:$NPORT/$z/$e.json" "" "$WARMUP"
    wrk_run "$z.$e.ngx" "http://127.0.0.1:$NPORT/$z/$e.json" "" "$DURATION"
    printf '%s %s %s %s %s\n' "$z" "$e" "$(stat -c %s "$T/www/$z/$e.json")" \
      "$(tr -d ' ' < "$T/$z.$e.pb.json")" "$(tr -d ' ' < "$T/$z.$e.ngx.json")" >> "$T/rows"
  done
  echo "$z: parkbrain's VmRSS after its runs: $(rss_kb "$SRV_PID") kB"
  stop_server
done

echo
"$PY" - "$T/rows" "$N" "$M" <<'EOF'
import json, sys
rows = [l.split(' ', 4) for l in open(sys.argv[1])]
zone = {"demo": "demo", "big": f"{int(sys.argv[2]):,} × {sys.argv[3]} mo"}
def err(w):
    return w["status_errors"] + w["connect"] + w["read"] + w["write"] + w["timeout"]
print("| zone | endpoint | body bytes | server | req/s | p50 ms | p99 ms | errors | parkbrain / nginx |")
print("|---|---|---:|---|---:|---:|---:|---:|---:|")
ok = {"ratio": True, "p99": True, "errors": True}
for z, e, size, pb, ngx in rows:
    pb, ngx = json.loads(pb), json.loads(ngx.split()[0])
    r = pb["rps"] / ngx["rps"]
    ok["ratio"] &= r >= 0.5
    ok["p99"] &= pb["p99_us"] < 10000
    ok["errors"] &= err(pb) == 0 and pb["requests"] > 0
    for name, w, ratio in (("parkbrain", pb, f"{r:.2f}×"), ("nginx", ngx, "–")):
        print(f"| {zone[z]} | {e} | {int(size):,} | {name} | {w['rps']:,.0f} | {w['p50_us'] / 1e3:.2f} | "
              f"{w['p99_us'] / 1e3:.2f} | {err(w)} | {ratio} |")
print()
print("goals: at least half of nginx's requests/s:", "met" if ok["ratio"] else "NOT met")
print("       p99 under 10 ms:", "met" if ok["p99"] else "NOT met")
print("       no errors:", "met" if ok["errors"] else "NOT met")
EOF
