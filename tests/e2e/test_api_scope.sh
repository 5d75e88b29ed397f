#!/usr/bin/env bash
# The API's accounts and scope end to end on the demo zone and its demo accounts: sign
# in, the enterprise register as each role sees it (a park operator only its park, an
# enterprise user only itself, 403 for the rest), CSRF on a change, a wrong password,
# signing out. The expected counts come from the demo's published register
# (data/demo/enterprises.csv: 175 enterprises, 49 in 长江绿色创新产业园), not from the API.
source "$(dirname "$0")/lib.sh"
DB=$WORK/demo.db
pb demo --db "$DB" >/dev/null 2>&1
pb warnings run --db "$DB" --user 经济运行局 >/dev/null 2>&1
pb evaluate --db "$DB" --year 2025 --user 经济运行局 >/dev/null 2>&1

serve "$DB"

# call NAME USER ARGS... - curl with USER's cookie jar; body in $WORK/NAME.b; prints status
call() {
  local name=$1 user=$2; shift 2
  curl -s -o "$WORK/$name.b" -w '%{http_code}' -b "$WORK/$user.jar" -c "$WORK/$user.jar" "$@"
}
json() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$WORK/$1.b" "$2"; }
login() { # login USER PASSWORD - signs in, keeps the cookie and the CSRF token
  call "login_$1" "$1" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"password\":\"$2\"}" "$URL/api/v1/session"
}

expect_eq "analyst signs in" 200 "$(login analyst Demo-analyst-2026)"
expect_eq "... as analyst" "analyst" "$(json login_analyst 'd["user"]["role"]')"
jar=$(grep -c pb_session "$WORK/analyst.jar" || true)
expect_eq "... with the session cookie" 1 "$jar"
rc=0; grep -i "pb_session" "$WORK/analyst.jar" | grep -c "#HttpOnly" >/dev/null || rc=$?
expect_eq "... HttpOnly" 0 "$rc"
expect_eq "analyst: the register" 200 "$(call all analyst "$URL/api/v1/enterprises?limit=1000")"
expect_eq "analyst sees the whole zone" 175 "$(json all 'd["total"]')"
# the park's id, from the register itself
PARK=$(sqlite3 -readonly "$DB" "SELECT id FROM parks WHERE name = '长江绿色创新产业园'")
OTHER=$(sqlite3 -readonly "$DB" "SELECT e.id FROM enterprises e JOIN parks p ON p.id = e.park_id WHERE p.name = '茶园工业园' LIMIT 1")
MINE=$(sqlite3 -readonly "$DB" "SELECT e.id FROM enterprises e WHERE e.park_id = $PARK LIMIT 1")
VIVO=$(sqlite3 -readonly "$DB" "SELECT id FROM enterprises WHERE name LIKE '维沃%'")

expect_eq "park operator signs in" 200 "$(login changjiang Demo-park-2026)"
expect_eq "park operator: the register" 200 "$(call park changjiang "$URL/api/v1/enterprises?limit=1000")"
expect_eq "... only its park's 49" "49 True" "$(json park 'd["total"], all(e["park"] == "长江绿色创新产业园" for e in d["enterprises"])' | tr -d '(),')"
expect_eq "... another park's filter finds nothing" 200 "$(call park2 changjiang "$URL/api/v1/enterprises?park=$(sqlite3 -readonly "$DB" "SELECT id FROM parks WHERE name = '茶园工业园'")")"
expect_eq "... (0)" 0 "$(json park2 'd["total"]')"
expect_eq "... its own park's enterprise" 200 "$(call mine changjiang "$URL/api/v1/enterprises/$MINE")"
expect_eq "... another park's enterprise: 403" 403 "$(call other changjiang "$URL/api/v1/enterprises/$OTHER")"
expect_eq "... said in JSON" "forbidden" "$(json other 'd["error"]["code"]')"

expect_eq "enterprise user signs in" 200 "$(login vivo Demo-vivo-2026)"
expect_eq "enterprise user: the register" 200 "$(call ent vivo "$URL/api/v1/enterprises")"
expect_eq "... itself only" "1 维沃移动通信（重庆）有限公司" "$(json ent 'd["total"], d["enterprises"][0]["name"]' | tr -d "(),'")"
expect_eq "... its own page with its months" 200 "$(call vivo vivo "$URL/api/v1/enterprises/$VIVO?from=2025-01&to=2025-12")"
expect_eq "... 12 months of 2025" 12 "$(json vivo 'len(d["months"])')"
expect_eq "... another enterprise: 403" 403 "$(call vother vivo "$URL/api/v1/enterprises/$OTHER")"

expect_eq "viewer signs in" 200 "$(login leader Demo-viewer-2026)"
expect_eq "viewer sees the zone" 200 "$(call view leader "$URL/api/v1/enterprises?limit=1")"
expect_eq "... 175" 175 "$(json view 'd["total"]')"

# warnings: the counts by SQL on the same database; a park operator follows up its own
W_ALL=$(sqlite3 -readonly "$DB" "SELECT count(*) FROM warnings WHERE status IN ('open', 'acknowledged')")
W_PARK=$(sqlite3 -readonly "$DB" "SELECT count(*) FROM warnings w JOIN enterprises e ON e.id = w.enterprise_id WHERE e.park_id = $PARK AND w.status IN ('open', 'acknowledged')")
W_MINE=$(sqlite3 -readonly "$DB" "SELECT w.id FROM warnings w JOIN enterprises e ON e.id = w.enterprise_id WHERE e.park_id = $PARK AND w.status = 'open' LIMIT 1")
W_OTHER=$(sqlite3 -readonly "$DB" "SELECT w.id FROM warnings w JOIN enterprises e ON e.id = w.enterprise_id WHERE e.park_id <> $PARK AND w.status = 'open' LIMIT 1")
[ "$W_ALL" -gt "$W_PARK" ] && [ -n "$W_MINE" ] && [ -n "$W_OTHER" ] && ok "the demo has warnings in and out of the park ($W_PARK of $W_ALL)" || fail "demo warnings: $W_ALL $W_PARK [$W_MINE] [$W_OTHER]"
expect_eq "analyst: open warnings" 200 "$(call wall analyst "$URL/api/v1/warnings")"
expect_eq "... all of them" "$W_ALL" "$(json wall 'len(d["warnings"])')"
expect_eq "park operator: its park's" 200 "$(call wpark changjiang "$URL/api/v1/warnings")"
expect_eq "... only those" "$W_PARK" "$(json wpark 'len(d["warnings"])')"
PCSRF=$(json login_changjiang 'd["csrf"]')
post() { # post NAME USER CSRF URL JSON
  call "$1" "$2" -H 'Content-Type: application/json' -H "X-CSRF-Token: $3" -d "$5" "$URL$4"
}
expect_eq "... may not acknowledge another park's: 403" 403 "$(post wo changjiang "$PCSRF" "/api/v1/warnings/$W_OTHER/ack" '{}')"
expect_eq "... acknowledges its own" 200 "$(post wa changjiang "$PCSRF" "/api/v1/warnings/$W_MINE/ack" '{"note":"已电话联系"}')"
expect_eq "... stored as acknowledged by it" "acknowledged|changjiang" "$(sqlite3 -readonly "$DB" "SELECT status, acked_by FROM warnings WHERE id = $W_MINE")"
expect_eq "... twice: 409" 409 "$(post wa2 changjiang "$PCSRF" "/api/v1/warnings/$W_MINE/ack" '{}')"
expect_eq "... closing needs a note: 400" 400 "$(post wc0 changjiang "$PCSRF" "/api/v1/warnings/$W_MINE/close" '{}')"
expect_eq "... closes with one" 200 "$(post wc changjiang "$PCSRF" "/api/v1/warnings/$W_MINE/close" '{"note":"走访：订单回升"}')"
expect_eq "... without the CSRF token: 403" 403 "$(call wx changjiang -H 'Content-Type: application/json' -d '{}' "$URL/api/v1/warnings/$W_OTHER/ack")"
VCSRF=$(json login_leader 'd["csrf"]')
expect_eq "a viewer may not follow up: 403" 403 "$(post wv leader "$VCSRF" "/api/v1/warnings/$W_OTHER/ack" '{}')"
expect_eq "no such warning: 404" 404 "$(call wn analyst -H 'Content-Type: application/json' -H "X-CSRF-Token: $(json login_analyst 'd["csrf"]')" -d '{}' "$URL/api/v1/warnings/99999999/ack")"

# 亩均: a stored year, under each role's scope; what-if; evaluating a year
expect_eq "analyst: the 2025 evaluation" 200 "$(call mj analyst "$URL/api/v1/mujun/2025")"
expect_eq "... every enterprise" 175 "$(json mj 'len(d["enterprises"])')"
expect_eq "... the stored classes" "$(sqlite3 -readonly "$DB" "SELECT count(*) FROM mujun_results WHERE year = 2025 AND class = 'A'")" "$(json mj 'd["counts"]["A"]')"
expect_eq "park operator: its park's enterprises only" 200 "$(call mjp changjiang "$URL/api/v1/mujun/2025")"
expect_eq "... 49, no zone counts, one park row" "49 False 1" "$(json mjp 'len(d["enterprises"]), "counts" in d, len(d["by_park"])' | tr -d '(),')"
expect_eq "... all of 长江绿色创新产业园" True "$(json mjp 'all(e["park"] == "长江绿色创新产业园" for e in d["enterprises"])')"
expect_eq "enterprise user: its own explanation" 200 "$(call mjv vivo "$URL/api/v1/mujun/2025/enterprises/$VIVO")"
expect_eq "... with its indicators" "维沃移动通信（重庆）有限公司 4" "$(json mjv 'd["name"], len(d["indicators"])' | tr -d "(),'")"
expect_eq "... another's: 403" 403 "$(call mjo vivo "$URL/api/v1/mujun/2025/enterprises/$OTHER")"
expect_eq "a year not evaluated: 404" 404 "$(call mj404 analyst "$URL/api/v1/mujun/2019")"
ACSRF=$(json login_analyst 'd["csrf"]')
expect_eq "what-if" 200 "$(post wif analyst "$ACSRF" /api/v1/mujun/2025/what-if '{"set":{"above.quota.A":30,"above.quota.B":40}}')"
# the same what-if by the command: the API only translates
expect_eq "... the command's changes" "$(pb evaluate what-if --db "$DB" --year 2025 --set above.quota.A=30 --set above.quota.B=40 --json | python3 -c 'import json,sys; print(sorted(c["id"] for c in json.load(sys.stdin)["changes"]))')" "$(json wif 'sorted(c["id"] for c in d["changes"])')"
expect_eq "... stores nothing" "$(sqlite3 -readonly "$DB" "SELECT count(*) FROM mujun_evaluations")" 1
expect_eq "a what-if whose shares do not add up: 400" 400 "$(post wif2 analyst "$ACSRF" /api/v1/mujun/2025/what-if '{"set":{"above.quota.A":30}}')"
expect_eq "park operator may not run a what-if: 403" 403 "$(post wifp changjiang "$PCSRF" /api/v1/mujun/2025/what-if '{"set":{"above.quota.A":30,"above.quota.B":40}}')"
expect_eq "park operator may not evaluate: 403" 403 "$(post runp changjiang "$PCSRF" /api/v1/mujun/2024 '{}')"
expect_eq "analyst evaluates 2024" 200 "$(post run analyst "$ACSRF" /api/v1/mujun/2024 '{"scheme":"chongqing-demo"}')"
expect_eq "... stored" 175 "$(sqlite3 -readonly "$DB" "SELECT count(*) FROM mujun_results WHERE year = 2024")"
expect_eq "... a scheme path is refused" 400 "$(post runx analyst "$ACSRF" /api/v1/mujun/2024 '{"scheme":"/etc/passwd"}')"

# the monthly analysis and the cockpit, from the server's cube
expect_eq "analyst: the analysis of 2025-06" 200 "$(call an analyst "$URL/api/v1/analysis?month=2025-06")"
# the API translates: the command's JSON of the same month is the same document
pb report monthly --db "$DB" --month 2025-06 --json >"$WORK/an_cli.json"
# (figures compared to 6 decimals: the command prints 12 significant digits)
R='def r(x):
    if isinstance(x, float): return round(x, 6)
    if isinstance(x, dict): return {k: r(v) for k, v in x.items()}
    if isinstance(x, list): return [r(v) for v in x]
    return x'
expect_eq "... the command's figures" "$(python3 -c "$R"'
import json, sys; print(json.dumps(r(json.load(open(sys.argv[1]))["total"]), sort_keys=True))' "$WORK/an_cli.json")" "$(python3 -c "$R"'
import json, sys; print(json.dumps(r(json.load(open(sys.argv[1]))["total"]), sort_keys=True))' "$WORK/an.b")"
# a park operator's analysis: its park's enterprises only; the total by SQL
P_OUT=$(sqlite3 -readonly "$DB" "SELECT round(sum(m.gross_output), 2) FROM monthly_reports m JOIN enterprises e ON e.id = m.enterprise_id WHERE e.park_id = $PARK AND m.month = 202506")
expect_eq "park operator: its park's analysis" 200 "$(call anp changjiang "$URL/api/v1/analysis?month=2025-06&group=park")"
expect_eq "... its 49 enterprises" 49 "$(json anp 'd["enterprises"]')"
expect_eq "... its park's output" "$P_OUT" "$(json anp '"%.2f" % d["total"]["gross_output"]["month"]["value"]')"
expect_eq "... no published zone rates" 0 "$(json anp 'len(d["official_rates"])')"
expect_eq "enterprise user: no analysis (403)" 403 "$(call anv vivo "$URL/api/v1/analysis")"
expect_eq "a bad grouping: 400" 400 "$(call anb analyst "$URL/api/v1/analysis?group=nosuch")"
expect_eq "a month outside the data: 400" 400 "$(call anm analyst "$URL/api/v1/analysis?month=2030-01")"
expect_eq "the cockpit" 200 "$(call sum analyst "$URL/api/v1/summary")"
expect_eq "... the latest month, open warnings, the 亩均 mix" "2025-12 True 2025" "$(json sum 'd["analysis"]["month"], d["warnings"]["open"] > 0, d["mujun"]["year"]' | tr -d "(),'")"
# the server keeps the cockpit's body per scope (src/http/resp_cache.h): asked again at
# once, the park operator's is still its own, and what the API changes shows at once
expect_eq "park operator: the cockpit, right after the analyst's" 200 "$(call sump changjiang "$URL/api/v1/summary")"
expect_eq "... its park's 49 enterprises, no 亩均 mix" "49 None" "$(json sump 'd["analysis"]["enterprises"], d["mujun"]' | tr -d "(),'")"
expect_eq "analyst: the cockpit again" 200 "$(call sum2 analyst "$URL/api/v1/summary")"
expect_eq "... the zone's 175" 175 "$(json sum2 'd["analysis"]["enterprises"]')"
OPEN=$(json sum2 'd["warnings"]["open"]')
W_ACK=$(sqlite3 -readonly "$DB" "SELECT id FROM warnings WHERE status = 'open' LIMIT 1")
expect_eq "analyst acknowledges a warning" 200 "$(post wa3 analyst "$ACSRF" "/api/v1/warnings/$W_ACK/ack" '{}')"
expect_eq "... the cockpit counts one open fewer at once" "$((OPEN - 1))" "$(call sum3 analyst "$URL/api/v1/summary" >/dev/null; json sum3 'd["warnings"]["open"]')"

# plan tracking: the zone's, as the command gives it
expect_eq "analyst: plan tracking" 200 "$(call plan analyst "$URL/api/v1/plan?year=2024")"
pb report plan --db "$DB" --year 2024 --json >"$WORK/plan_cli.json"
expect_eq "... the command's indicators and statuses" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([(r.get("name"), r.get("status")) for r in d["indicators"]])' "$WORK/plan_cli.json")" "$(json plan '[(r.get("name"), r.get("status")) for r in d["indicators"]]')"
expect_eq "park operator: the plan is the zone's (403)" 403 "$(call planp changjiang "$URL/api/v1/plan")"

# imports over the web: the same importer, all or nothing, every problem with its place
upload() { # upload NAME USER CSRF QUERY FILE
  call "$1" "$2" -H "X-CSRF-Token: $3" -H 'Content-Type: application/octet-stream' \
    --data-binary "@$5" "$URL/api/v1/imports?$4"
}
IMPORTS=$(sqlite3 -readonly "$DB" "SELECT count(*) FROM imports")
expect_eq "a bad file: 422" 422 "$(upload ib analyst "$ACSRF" "kind=monthly&name=text_in_number.csv" "$PB_TEST_DATA/bad/text_in_number.csv")"
expect_eq "... its cell: row 2, column C, the value and why" "2 C 12a3 不是有效的数字" "$(json ib '[(p["row"], p["column"], p["value"], p["reason"]) for p in d["problems"] if p["column"] == "C"][0]' | tr -d "(),'")"
expect_eq "... said as rejected" "rejected" "$(json ib 'd["error"]["code"]')"
expect_eq "... nothing written" "$IMPORTS" "$(sqlite3 -readonly "$DB" "SELECT count(*) FROM imports")"
printf '月份,范围,指标名称,当月增速（%%）,累计增速（%%）,来源\n2025-12,全区,规模以上工业增加值,5.2,6.3,区统计局\n' >"$WORK/rates.csv"
expect_eq "a dry run" 200 "$(upload idry analyst "$ACSRF" "kind=official-rates&name=rates.csv&dry_run=1" "$WORK/rates.csv")"
expect_eq "... would import 1 row, writes none" "1 $IMPORTS" "$(json idry 'd["rows"]') $(sqlite3 -readonly "$DB" "SELECT count(*) FROM imports")"
expect_eq "a good file" 200 "$(upload igood analyst "$ACSRF" "kind=official-rates&name=rates.csv" "$WORK/rates.csv")"
expect_eq "... stored, by the analyst" "6.3|analyst" "$(sqlite3 -readonly "$DB" "SELECT r.ytd_rate, i.user_name FROM official_rates r JOIN imports i ON i.id = r.import_id WHERE r.month = 202512")"
expect_eq "... in the import log" 200 "$(call ilog analyst "$URL/api/v1/imports")"
expect_eq "... newest first" "official-rates rates.csv" "$(json ilog 'd["imports"][0]["kind"], d["imports"][0]["file"]' | tr -d "(),'")"
expect_eq "an unknown kind: 400" 400 "$(upload iunk analyst "$ACSRF" "kind=nosuch&name=x.csv" "$WORK/rates.csv")"
expect_eq "a park operator may not import: 403" 403 "$(upload ipark changjiang "$PCSRF" "kind=official-rates&name=rates.csv" "$WORK/rates.csv")"
# what may be imported, for the upload page: the kinds of docs/import-formats.md
expect_eq "the import kinds" 200 "$(call ikinds analyst "$URL/api/v1/imports/kinds")"
expect_eq "... as many as docs/import-formats.md documents" "$(grep -c '^## [a-z-]* — ' "$PB_SRC/docs/import-formats.md")" "$(json ikinds 'len(d["kinds"])')"
expect_eq "... monthly: 月度报表, USCC and month required, three extensions" \
  "月度报表|统一社会信用代码,月份|.csv,.xlsx,.xls|企业名称" \
  "$(json ikinds '"|".join([k["label"], ",".join(k["required"]), ",".join(k["extensions"]), ",".join(c["header"] for c in k["columns"] if c["alternative"])]) if (k := next(k for k in d["kinds"] if k["name"] == "monthly")) else ""')"
expect_eq "... a park operator: 403" 403 "$(call ikindsp changjiang "$URL/api/v1/imports/kinds")"

# exports: a whole table as .xlsx, opened again; a park operator's only its parks' rows
expect_eq "analyst exports the register" 200 "$(call exp analyst -D "$WORK/exp.h" "$URL/api/v1/exports/enterprises")"
expect_eq "... as a workbook" "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" "$(grep -i '^Content-Type:' "$WORK/exp.h" | cut -d' ' -f2- | tr -d '\r')"
expect_eq "... with every enterprise (175 rows and the header)" 176 "$(python3 -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(len(re.findall(r"<row ", z.read("xl/worksheets/sheet1.xml").decode())))' "$WORK/exp.b")"
expect_eq "... and imports again as it is (a dry run)" 200 "$(upload reimp analyst "$ACSRF" "kind=enterprises&name=enterprises.xlsx&dry_run=1" "$WORK/exp.b")"
# (a scoped export holds only the user's rows: tests/e2e/test_api_exports.sh counts them)
expect_eq "a park operator exports its own parks' register" 200 "$(call expp changjiang "$URL/api/v1/exports/enterprises")"
expect_eq "... its 49 enterprises (and the header)" 50 "$(python3 -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(len(re.findall(r"<row ", z.read("xl/worksheets/sheet1.xml").decode())))' "$WORK/expp.b")"
expect_eq "... but not the zone's plan: 403" 403 "$(call exppi changjiang "$URL/api/v1/exports/indicators")"
expect_eq "an unknown kind: 404" 404 "$(call expn analyst "$URL/api/v1/exports/nosuch")"

# the audit log: admins only, newest first, every login and change with who
expect_eq "admin signs in" 200 "$(login admin Demo-admin-2026)"
expect_eq "admin reads the audit log" 200 "$(call aud admin "$URL/api/v1/audit?limit=1000")"
expect_eq "... newest first: the admin's own login" "admin" "$(json aud 'd["entries"][0]["user"]')"
expect_eq "... the park operator's close is there" True "$(json aud 'any(e["user"] == "changjiang" and "close" in e["action"] for e in d["entries"])')"
expect_eq "... as many as the table holds" "$(sqlite3 -readonly "$DB" "SELECT count(*) FROM audit_log")" "$(json aud 'len(d["entries"])')"
expect_eq "an analyst may not: 403" 403 "$(call auda analyst "$URL/api/v1/audit")"

# bad input and errors
expect_eq "a bad limit: 400" 400 "$(call badlimit analyst "$URL/api/v1/enterprises?limit=5000")"
expect_eq "... naming the field" "limit" "$(json badlimit 'd["error"]["field"]')"
expect_eq "an unknown flag: 400" 400 "$(call badflag analyst "$URL/api/v1/enterprises?flags=nosuch")"
expect_eq "no such enterprise: 404" 404 "$(call none analyst "$URL/api/v1/enterprises/999999")"
expect_eq "without a session: 401" 401 "$(call anon nobody "$URL/api/v1/enterprises")"
expect_eq "a wrong password: 401" 401 "$(call wrong stranger -H 'Content-Type: application/json' -d '{"name":"analyst","password":"wrong-password-1"}' "$URL/api/v1/session")"
expect_eq "... not saying which was wrong" "login_failed 用户名或密码错误，或账户已停用" "$(json wrong 'd["error"]["code"], d["error"]["message"]' | tr -d "(),'")"
# signing out is a change: without the CSRF token it is refused, with it it is done
expect_eq "sign out without CSRF: 403" 403 "$(call out1 analyst -X DELETE "$URL/api/v1/session")"
CSRF=$(json login_analyst 'd["csrf"]')
# the token itself, sent again after the sign-out: the server's session cache
# (src/http/session_cache.h) has just seen it, and must not answer from it
TOK=$(awk '$6 == "pb_session" { print $7 }' "$WORK/analyst.jar")
expect_eq "the session, just before signing out" 200 "$(call before nobody -H "Cookie: pb_session=$TOK" "$URL/api/v1/enterprises")"
expect_eq "sign out with CSRF" 200 "$(call out2 analyst -X DELETE -H "X-CSRF-Token: $CSRF" "$URL/api/v1/session")"
expect_eq "... and the session is gone" 401 "$(call after analyst "$URL/api/v1/enterprises")"
expect_eq "... its token refused at once" 401 "$(call after2 nobody -H "Cookie: pb_session=$TOK" "$URL/api/v1/enterprises")"
# a password changed by another process ends the sessions; the server sees it within
# the cache's second
LTOK=$(awk '$6 == "pb_session" { print $7 }' "$WORK/leader.jar")
expect_eq "the viewer's session" 200 "$(call lv nobody -H "Cookie: pb_session=$LTOK" "$URL/api/v1/enterprises")"
echo "Leader-changed-2026" | pb user passwd leader --db "$DB" >/dev/null
sleep 1.2
expect_eq "... ended by user passwd in another process" 401 "$(call lv2 nobody -H "Cookie: pb_session=$LTOK" "$URL/api/v1/enterprises")"
# a park account left without its park (only by hand: the store refuses it) sees nothing,
# not the zone its filters would then read
expect_eq "the park operator, before" 200 "$(call np0 changjiang "$URL/api/v1/enterprises?limit=1")"
sqlite3 "$DB" "DELETE FROM user_parks WHERE user_id = (SELECT id FROM users WHERE name = 'changjiang')"
sleep 1.2
expect_eq "... without a park: 403 on its views, nothing listed" "403 403 403" \
  "$(call np1 changjiang "$URL/api/v1/enterprises?limit=1") $(call np2 changjiang "$URL/api/v1/projects") $(call np3 changjiang "$URL/api/v1/summary")"
logins=$(sqlite3 -readonly "$DB" "SELECT count(*) FROM audit_log WHERE action LIKE '%login%'")
[ "$logins" -ge 5 ] && ok "logins are audited ($logins)" || fail "login audit rows: $logins"
finish
