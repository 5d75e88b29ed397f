#!/usr/bin/env bash
# The investment pipeline over the API (src/http/api_projects.c) on the demo zone with
# three projects of its own, imported through the API:
#   A 电池项目 (长江, 一组, 合同 15亿): 线索 2025-01-10, 在谈 2025-02-01
#   B 配套项目 (茶园, 二组, 3亿):       在谈 2025-03-01
#   C 储能项目 (长江, 一组, 6亿):       签约 2025-03-05
# Every endpoint; moves checked against the history (the next stage 200, a skip without a
# reason 400 naming `reason`, with one 200, a date in the future or before the latest
# move 400 naming `date`); scope (a park operator sees its park's projects only, a move,
# an edit or funds of another park's project 403, an enterprise user 403 everywhere, a
# viewer reads only); funds before the signing 400; the audit rows; and the period's
# figures before and after a move, by hand.
source "$(dirname "$0")/lib.sh"
DB=$WORK/demo.db
pb demo --db "$DB" >/dev/null 2>&1
no_pipeline "$DB"   # the figures below are worked by hand on this test's own projects
serve "$DB"

call() { # call NAME USER ARGS... - curl with USER's cookie jar; body in $WORK/NAME.b; prints status
  local name=$1 user=$2; shift 2
  curl -s -o "$WORK/$name.b" -w '%{http_code}' -b "$WORK/$user.jar" -c "$WORK/$user.jar" "$@"
}
json() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$WORK/$1.b" "$2"; }
login() { call "login_$1" "$1" -H 'Content-Type: application/json' -d "{\"name\":\"$1\",\"password\":\"$2\"}" "$URL/api/v1/session"; }
send() { # send NAME USER CSRF METHOD PATH JSON
  call "$1" "$2" -X "$4" -H "X-CSRF-Token: $3" -H 'Content-Type: application/json' -d "$6" "$URL$5"
}

expect_eq "analyst signs in" 200 "$(login analyst Demo-analyst-2026)"
expect_eq "park operator signs in" 200 "$(login changjiang Demo-park-2026)"
expect_eq "viewer signs in" 200 "$(login leader Demo-viewer-2026)"
expect_eq "enterprise user signs in" 200 "$(login vivo Demo-vivo-2026)"
A_CSRF=$(json login_analyst 'd["csrf"]')
P_CSRF=$(json login_changjiang 'd["csrf"]')
L_CSRF=$(json login_leader 'd["csrf"]')
V_CSRF=$(json login_vivo 'd["csrf"]')

printf '项目名称,所属园区,招商团队,合同金额（万元）\n电池项目,长江绿色创新产业园,一组,150000\n配套项目,茶园工业园,二组,30000\n储能项目,长江绿色创新产业园,一组,60000\n' >"$WORK/projects.csv"
printf '项目名称,阶段,日期\n电池项目,线索,2025-01-10\n电池项目,在谈,2025-02-01\n配套项目,在谈,2025-03-01\n储能项目,签约,2025-03-05\n' >"$WORK/stages.csv"
upload() { call "$1" analyst -H "X-CSRF-Token: $A_CSRF" -H 'Content-Type: application/octet-stream' --data-binary "@$WORK/$2" "$URL/api/v1/imports?kind=$3&name=$2"; }
expect_eq "the analyst imports three projects" 200 "$(upload ip projects.csv projects)"
expect_eq "... and their stages" 200 "$(upload is stages.csv project-stages)"
A=$(q "$DB" "SELECT id FROM projects WHERE name = '电池项目'")
B=$(q "$DB" "SELECT id FROM projects WHERE name = '配套项目'")
C=$(q "$DB" "SELECT id FROM projects WHERE name = '储能项目'")
CJ=$(q "$DB" "SELECT id FROM parks WHERE name = '长江绿色创新产业园'")
CY=$(q "$DB" "SELECT id FROM parks WHERE name = '茶园工业园'")

# ---- the period's figures: 2025, by park ---------------------------------------------
expect_eq "GET /pipeline" 200 "$(call pl0 analyst "$URL/api/v1/pipeline?year=2025")"
expect_eq "... 3 projects, 1 signed (C) for 60000 万元" "3 1 60000.0" \
  "$(json pl0 '"%d %d %.1f" % (d["total"]["projects"], d["total"]["entered"]["signed"], d["total"]["signed_value"])')"
expect_eq "... the park operator's: its 2 projects, one group" "200 2 1" \
  "$(call pl1 changjiang "$URL/api/v1/pipeline?from=2025-01&to=2025-12&group=team"; echo -n " "; json pl1 '"%d %d" % (d["total"]["projects"], len(d["groups"]))')"
expect_eq "... the period is [2025-01-01, 2025-12-31]" "2025-01-01 2025-12-31" "$(json pl1 'd["from"] + " " + d["to"]')"
expect_eq "... a bad grouping is 400 naming group" "400 group" "$(call pl2 analyst "$URL/api/v1/pipeline?group=x"; echo -n " "; json pl2 'd["error"]["field"]')"
expect_eq "... an enterprise user 403" 403 "$(call pl3 vivo "$URL/api/v1/pipeline?year=2025")"
# the engine's months are 1990-01..2099-12: a period outside is the request's 400, naming its field
expect_eq "... year=1989: 400 naming year" "400 year" "$(call pl7 analyst "$URL/api/v1/pipeline?year=1989"; echo -n " "; json pl7 'd["error"]["field"]')"
expect_eq "... year=2100: 400 naming year" "400 year" "$(call pl8 analyst "$URL/api/v1/pipeline?year=2100"; echo -n " "; json pl8 'd["error"]["field"]')"
expect_eq "... from=1989-12-31: 400 naming from" "400 from" "$(call pl9 analyst "$URL/api/v1/pipeline?from=1989-12-31&to=2025-01-01"; echo -n " "; json pl9 'd["error"]["field"]')"
expect_eq "... to=2100-01: 400 naming to" "400 to" "$(call pl10 analyst "$URL/api/v1/pipeline?from=2025-01&to=2100-01"; echo -n " "; json pl10 'd["error"]["field"]')"
expect_eq "... from=1990-01 to=2099-12, the widest: 200, its first and last day" "200 1990-01-01 2099-12-31" "$(call pl11 analyst "$URL/api/v1/pipeline?from=1990-01&to=2099-12") $(json pl11 'd["from"] + " " + d["to"]')"
expect_eq "... from after to: 400 naming from" "400 from" "$(call pl12 analyst "$URL/api/v1/pipeline?from=2025-03&to=2025-02"; echo -n " "; json pl12 'd["error"]["field"]')"
expect_eq "... the viewer reads it" 200 "$(call pl4 leader "$URL/api/v1/pipeline?year=2025")"

# ---- the list ------------------------------------------------------------------------
expect_eq "GET /projects: the analyst's 3" "200 3" "$(call l0 analyst "$URL/api/v1/projects"; echo -n " "; json l0 'd["total"]')"
expect_eq "... the park operator's 2, both of its park" "200 2 True" \
  "$(call l1 changjiang "$URL/api/v1/projects"; echo -n " "; json l1 'str(d["total"]) + " " + str(all(p["park_id"] == '"$CJ"' for p in d["projects"]))')"
expect_eq "... stage=talks: A and B, with the day they entered it" "电池项目:2025-02-01 配套项目:2025-03-01" \
  "$(call l2 analyst "$URL/api/v1/projects?stage=talks" >/dev/null; json l2 '" ".join(p["name"] + ":" + p["since"] for p in d["projects"])')"
expect_eq "... stage=签约 (the Chinese name): C" "储能项目" "$(call l3 analyst "$URL/api/v1/projects?stage=%E7%AD%BE%E7%BA%A6" >/dev/null; json l3 '" ".join(p["name"] for p in d["projects"])')"
expect_eq "... q=电池" "1 电池项目" "$(call l4 analyst "$URL/api/v1/projects?q=%E7%94%B5%E6%B1%A0" >/dev/null; json l4 'str(d["total"]) + " " + d["projects"][0]["name"]')"
expect_eq "... park=茶园: B" "配套项目" "$(call l5 analyst "$URL/api/v1/projects?park=$CY" >/dev/null; json l5 '" ".join(p["name"] for p in d["projects"])')"
expect_eq "... team=二组: B" "配套项目" "$(call l6 analyst "$URL/api/v1/projects?team=%E4%BA%8C%E7%BB%84" >/dev/null; json l6 '" ".join(p["name"] for p in d["projects"])')"
expect_eq "... paging: limit=2 offset=2 is the third" "3 1 $C" "$(call l7 analyst "$URL/api/v1/projects?limit=2&offset=2" >/dev/null; json l7 '"%d %d %d" % (d["total"], len(d["projects"]), d["projects"][0]["id"])')"
expect_eq "... generated=0: the three (none made up)" 3 "$(call l8 analyst "$URL/api/v1/projects?generated=0" >/dev/null; json l8 'd["total"]')"
expect_eq "... a bad stage 400 naming stage" "400 stage" "$(call l9 analyst "$URL/api/v1/projects?stage=x"; echo -n " "; json l9 'd["error"]["field"]')"
expect_eq "... an enterprise user 403" 403 "$(call l10 vivo "$URL/api/v1/projects")"

# ---- one project ---------------------------------------------------------------------
expect_eq "GET /projects/A" 200 "$(call d0 analyst "$URL/api/v1/projects/$A")"
expect_eq "... at 在谈, two events, its park, 150000 万元" "talks 2 长江绿色创新产业园 150000.0" \
  "$(json d0 '"%s %d %s %.1f" % (d["stage"], len(d["events"]), d["park"], d["contract_value"])')"
expect_eq "... imported events carry the importer and the import's time" "analyst True" \
  "$(json d0 'd["events"][1]["user"] + " " + str(d["events"][1]["recorded_at"] is not None and d["events"][1]["import_id"] is not None)')"
expect_eq "... the park operator: another park's project 403" 403 "$(call d1 changjiang "$URL/api/v1/projects/$B")"
expect_eq "... its own 200" 200 "$(call d2 changjiang "$URL/api/v1/projects/$A")"
expect_eq "... no such project 404" 404 "$(call d3 analyst "$URL/api/v1/projects/999999")"
expect_eq "... a bad id 400" 400 "$(call d4 analyst "$URL/api/v1/projects/x")"

# ---- stage moves ---------------------------------------------------------------------
expect_eq "A 在谈 → 签约 (the next stage)" "200 talks signed next" \
  "$(send m0 analyst "$A_CSRF" POST "/api/v1/projects/$A/stages" '{"stage":"signed","date":"2025-04-01"}'; echo -n " "; json m0 'd["from"] + " " + d["to"] + " " + d["move"]')"
expect_eq "A 签约 → 开工 without a reason: 400 naming reason" "400 reason" \
  "$(send m1 analyst "$A_CSRF" POST "/api/v1/projects/$A/stages" '{"stage":"started","date":"2025-05-01"}'; echo -n " "; json m1 'd["error"]["field"]')"
expect_eq "... the message in both languages" "True True" "$(json m1 'str("理由" in d["error"]["message"] or "说明" in d["error"]["message"]) + " " + str(len(d["error"]["message_en"]) > 0)')"
expect_eq "... with a reason: 200, a skip" "200 skip" \
  "$(send m2 analyst "$A_CSRF" POST "/api/v1/projects/$A/stages" '{"stage":"started","date":"2025-05-01","reason":"注册与供地同步办理"}'; echo -n " "; json m2 'd["move"]')"
expect_eq "a date in the future: 400 naming date" "400 date" \
  "$(send m3 analyst "$A_CSRF" POST "/api/v1/projects/$A/stages" '{"stage":"producing","date":"2099-01-01"}'; echo -n " "; json m3 'd["error"]["field"]')"
expect_eq "a date before the latest move: 400 naming date" "400 date" \
  "$(send m4 analyst "$A_CSRF" POST "/api/v1/projects/$A/stages" '{"stage":"producing","date":"2025-04-15"}'; echo -n " "; json m4 'd["error"]["field"]')"
expect_eq "to the stage it holds: 400 naming stage" "400 stage" \
  "$(send m5 analyst "$A_CSRF" POST "/api/v1/projects/$A/stages" '{"stage":"started","date":"2025-06-01"}'; echo -n " "; json m5 'd["error"]["field"]')"
expect_eq "an unknown stage: 400 naming stage" "400 stage" \
  "$(send m6 analyst "$A_CSRF" POST "/api/v1/projects/$A/stages" '{"stage":"x"}'; echo -n " "; json m6 'd["error"]["field"]')"
expect_eq "a park operator moves another park's project: 403" 403 \
  "$(send m7 changjiang "$P_CSRF" POST "/api/v1/projects/$B/stages" '{"stage":"signed","date":"2025-04-01"}')"
expect_eq "... B still at 在谈" talks "$(call m7b analyst "$URL/api/v1/projects/$B" >/dev/null; json m7b 'd["stage"]')"
expect_eq "... its own (C 签约 → 注册, no date: today): 200" "200 registered" \
  "$(send m8 changjiang "$P_CSRF" POST "/api/v1/projects/$C/stages" '{"stage":"注册"}'; echo -n " "; json m8 'd["to"]')"
expect_eq "the viewer may not move: 403" 403 "$(send m9 leader "$L_CSRF" POST "/api/v1/projects/$A/stages" '{"stage":"producing"}')"
expect_eq "an enterprise user may not: 403" 403 "$(send m10 vivo "$V_CSRF" POST "/api/v1/projects/$A/stages" '{"stage":"producing"}')"
expect_eq "without the CSRF token: 403" 403 "$(call m11 analyst -H 'Content-Type: application/json' -d '{"stage":"producing"}' "$URL/api/v1/projects/$A/stages")"
expect_eq "B dropped without a reason: 400 naming reason" "400 reason" \
  "$(send m12 analyst "$A_CSRF" POST "/api/v1/projects/$B/stages" '{"stage":"dropped","date":"2025-06-01"}'; echo -n " "; json m12 'd["error"]["field"]')"
expect_eq "... with one: 200, a drop" "200 drop" \
  "$(send m13 analyst "$A_CSRF" POST "/api/v1/projects/$B/stages" '{"stage":"dropped","date":"2025-06-01","reason":"投资方战略调整"}'; echo -n " "; json m13 'd["move"]')"

# the timeline: A's four events, the last two recorded by the analyst, with the reason
expect_eq "A's timeline" "lead talks signed started" "$(call t0 analyst "$URL/api/v1/projects/$A" >/dev/null; json t0 '" ".join(e["stage"] for e in d["events"])')"
expect_eq "... the skip: its reason, who, when recorded, from 签约" "注册与供地同步办理 analyst True signed skip" \
  "$(json t0 '"%s %s %s %s %s" % (d["events"][3]["reason"], d["events"][3]["user"], d["events"][3]["recorded_at"] is not None and d["events"][3]["import_id"] is None, d["events"][3]["from"], d["events"][3]["move"])')"
expect_eq "... the skipped stages' days are filled in, and marked" "2025-05-01 True False" \
  "$(json t0 '"%s %s %s" % (d["dates"]["land"], d["filled"]["land"], d["filled"]["started"])')"

# the audit rows: one per move made, with who, from → to, the reason and the address
expect_eq "audit: 4 moves" 4 "$(q "$DB" "SELECT count(*) FROM audit_log WHERE action = 'projects.stage'")"
expect_eq "... the skip's row" "analyst|signed|started|注册与供地同步办理|127.0.0.1" \
  "$(q "$DB" "SELECT user_name, json_extract(detail, '\$.from'), json_extract(detail, '\$.to'), json_extract(detail, '\$.reason'), json_extract(detail, '\$.ip') FROM audit_log WHERE action = 'projects.stage' AND json_extract(detail, '\$.project') = $A AND json_extract(detail, '\$.to') = 'started'")"
expect_eq "... no row for a refused move" 0 "$(q "$DB" "SELECT count(*) FROM audit_log WHERE action = 'projects.stage' AND json_extract(detail, '\$.project') = $B AND json_extract(detail, '\$.to') = 'signed'")"

# the figures after the moves: A signed in 2025 too (1 + 1 = 2 signed, 60000 + 150000 万元),
# A started (1 of 2 signed: 开工率 50%), B dropped (held: dropped 1)
expect_eq "GET /pipeline after the moves" "3 2 210000.0 1 0.5 1" \
  "$(call pl5 analyst "$URL/api/v1/pipeline?year=2025" >/dev/null; json pl5 '"%d %d %.1f %d %.1f %d" % (d["total"]["projects"], d["total"]["entered"]["signed"], d["total"]["signed_value"], d["total"]["entered"]["started"], d["total"]["rate_started"], d["total"]["held"]["dropped"])')"

# ---- funds ---------------------------------------------------------------------------
expect_eq "funds for B (never signed): 400 naming month" "400 month" \
  "$(send f0 analyst "$A_CSRF" POST "/api/v1/projects/$B/funds" '{"month":"2025-05","fixed":100}'; echo -n " "; json f0 'd["error"]["field"]')"
expect_eq "funds for A before its signing month: 400 naming month" "400 month" \
  "$(send f1 analyst "$A_CSRF" POST "/api/v1/projects/$A/funds" '{"month":"2025-03","fixed":100}'; echo -n " "; json f1 'd["error"]["field"]')"
expect_eq "funds for A in 2025-04: 200, in its funds" "200 2025-04 1200.0 300.0" \
  "$(send f2 analyst "$A_CSRF" POST "/api/v1/projects/$A/funds" '{"month":"2025-04","fixed":1200,"working":300}'; echo -n " "; json f2 '"%s %.1f %.1f" % (d["funds"][0]["month"], d["funds"][0]["fixed"], d["funds"][0]["working"])')"
expect_eq "... again: replaced, the audit keeps the value before" "200 1" \
  "$(send f3 analyst "$A_CSRF" POST "/api/v1/projects/$A/funds" '{"month":"2025-04","fixed":1500}'; echo -n " "; json f3 'len(d["funds"])')"
expect_eq "... audit: 2 rows, the second's before" "2 1200.0" \
  "$(q "$DB" "SELECT count(*), max(json_extract(detail, '\$.before.fixed')) FROM audit_log WHERE action = 'projects.funds'" | tr '|' ' ')"
expect_eq "negative funds: 400 naming working" "400 working" \
  "$(send f4 analyst "$A_CSRF" POST "/api/v1/projects/$A/funds" '{"month":"2025-05","working":-1}'; echo -n " "; json f4 'd["error"]["field"]')"
expect_eq "the park operator: funds of another park's project 403" 403 \
  "$(send f5 changjiang "$P_CSRF" POST "/api/v1/projects/$B/funds" '{"month":"2025-05","fixed":1}')"
expect_eq "... 到位资金 in the figures: 1500 万元" 1500.0 "$(call pl6 analyst "$URL/api/v1/pipeline?year=2025" >/dev/null; json pl6 '"%.1f" % d["total"]["funds"]')"

# ---- 履约 once producing ---------------------------------------------------------------
expect_eq "no 履约 before production" None "$(call k0 analyst "$URL/api/v1/projects/$A" >/dev/null; json k0 'd["comply"]')"
VIVO=$(q "$DB" "SELECT id FROM enterprises WHERE name LIKE '维沃%'")
LAST=$(q "$DB" "SELECT max(month) FROM monthly_reports")
# the window's first month: 11 months before the latest (2025-12 → 2025-01)
FIRST=$(( LAST % 100 == 12 ? LAST - 11 : (LAST / 100 - 1) * 100 + LAST % 100 + 1 ))
expect_eq "A 开工 → 竣工投产, linked to vivo, promising output" 200 \
  "$(send k1 analyst "$A_CSRF" POST "/api/v1/projects/$A/stages" '{"stage":"producing","date":"2025-06-01"}' >/dev/null; send k2 analyst "$A_CSRF" PATCH "/api/v1/projects/$A" "{\"enterprise_id\":$VIVO,\"promised_output\":1000}")"
WANT=$(q "$DB" "SELECT printf('%.1f', sum(gross_output)) FROM monthly_reports WHERE enterprise_id = $VIVO AND month BETWEEN $FIRST AND $LAST")
expect_eq "... 履约 over the 12 months to the latest month, its output summed by SQL" "$WANT 1000.0" \
  "$(json k2 '"%.1f %.1f" % (d["comply"]["actual_output"], d["comply"]["promised_output"])')"
expect_eq "... not assessed: in production since 2025-06-01, after the window's first day" False "$(json k2 'd["comply"]["assessed"]')"
# the linked enterprise's 亩均 result beside the promise per 亩: none before an evaluation;
# promised tax 3000 万元 on 60 亩 is 50 万元/亩
expect_eq "no 亩均 block before any evaluation" None "$(json k2 'd["mujun"]')"
pb evaluate --db "$DB" --year 2024 >/dev/null
expect_eq "after 2024's evaluation: vivo's year, class, score, rank and 亩均税收 as stored; the promise 50.0" \
  "$(q "$DB" "SELECT year || ' ' || class || ' ' || printf('%.4f', total) || ' ' || rank_zone || ' ' || printf('%.4f', (SELECT json_extract(value, '\$.value') FROM json_each(detail) WHERE json_extract(value, '\$.key') = 'tax_per_mu')) FROM mujun_results WHERE enterprise_id = $VIVO") 50.0" \
  "$(send k3 analyst "$A_CSRF" PATCH "/api/v1/projects/$A" '{"promised_tax":3000,"land_needed":60}' >/dev/null; json k3 '"%d %s %.4f %d %.4f %.1f" % (d["mujun"]["year"], d["mujun"]["class"], d["mujun"]["score"], d["mujun"]["rank_zone"], d["mujun"]["tax_per_mu"], d["mujun"]["promised_tax_per_mu"])')"

# ---- create and edit -----------------------------------------------------------------
expect_eq "the analyst creates a project" 201 \
  "$(send c0 analyst "$A_CSRF" POST /api/v1/projects "{\"name\":\"新材料项目\",\"park_id\":$CY,\"contract_value\":80000,\"investor\":\"某新材料公司\",\"foreign_funded\":false}")"
D=$(json c0 'd["id"]')
expect_eq "... as given, at no stage yet" "新材料项目 茶园工业园 80000.0 False None" \
  "$(json c0 '"%s %s %.1f %s %s" % (d["name"], d["park"], d["contract_value"], d["foreign_funded"], d["stage"])')"
expect_eq "... the same name again: 400 naming name" "400 name" \
  "$(send c1 analyst "$A_CSRF" POST /api/v1/projects '{"name":"新材料项目"}'; echo -n " "; json c1 'd["error"]["field"]')"
expect_eq "... an unknown field: 400 naming it" "400 colour" \
  "$(send c2 analyst "$A_CSRF" POST /api/v1/projects '{"name":"X","colour":1}'; echo -n " "; json c2 'd["error"]["field"]')"
expect_eq "... no name: 400 naming name" "400 name" \
  "$(send c3 analyst "$A_CSRF" POST /api/v1/projects '{"park_id":1}'; echo -n " "; json c3 'd["error"]["field"]')"
expect_eq "... a negative amount: 400 naming it" "400 planned_investment" \
  "$(send c4 analyst "$A_CSRF" POST /api/v1/projects '{"name":"Y","planned_investment":-5}'; echo -n " "; json c4 'd["error"]["field"]')"
expect_eq "the park operator creates in another park: 403" 403 \
  "$(send c5 changjiang "$P_CSRF" POST /api/v1/projects "{\"name\":\"越界项目\",\"park_id\":$CY}")"
expect_eq "... without a park: 403" 403 "$(send c6 changjiang "$P_CSRF" POST /api/v1/projects '{"name":"无园区项目"}')"
expect_eq "... in its own: 201" 201 "$(send c7 changjiang "$P_CSRF" POST /api/v1/projects "{\"name\":\"园区自建项目\",\"park_id\":$CJ}")"
E=$(json c7 'd["id"]')
expect_eq "the viewer may not create: 403" 403 "$(send c8 leader "$L_CSRF" POST /api/v1/projects '{"name":"Z"}')"
expect_eq "PATCH D: the contract value and the team" "200 90000.0 三组 某新材料公司" \
  "$(send e0 analyst "$A_CSRF" PATCH "/api/v1/projects/$D" '{"contract_value":90000,"team":"三组"}'; echo -n " "; json e0 '"%.1f %s %s" % (d["contract_value"], d["team"], d["investor"])')"
expect_eq "... null clears a field" "200 None" "$(send e1 analyst "$A_CSRF" PATCH "/api/v1/projects/$D" '{"investor":null}'; echo -n " "; json e1 'd["investor"]')"
expect_eq "the park operator edits another park's project: 403" 403 "$(send e2 changjiang "$P_CSRF" PATCH "/api/v1/projects/$D" '{"team":"x"}')"
expect_eq "... moves its own out of its parks: 403" 403 "$(send e3 changjiang "$P_CSRF" PATCH "/api/v1/projects/$E" "{\"park_id\":$CY}")"
expect_eq "... edits its own: 200" 200 "$(send e4 changjiang "$P_CSRF" PATCH "/api/v1/projects/$E" '{"team":"一组"}')"
expect_eq "audit: 2 creations, 5 edits (A's link and promise above), D's first edit's before" "2 5 80000.0" \
  "$(q "$DB" "SELECT (SELECT count(*) FROM audit_log WHERE action = 'projects.create'), (SELECT count(*) FROM audit_log WHERE action = 'projects.update'), (SELECT json_extract(detail, '\$.before.contract_value') FROM audit_log WHERE action = 'projects.update' AND json_extract(detail, '\$.project') = $D ORDER BY id LIMIT 1)" | tr '|' ' ')"
expect_eq "PATCH a missing project: 404" 404 "$(send e5 analyst "$A_CSRF" PATCH /api/v1/projects/999999 '{"team":"x"}')"


# ---- review (issue #6): scope that the filters cannot widen, bodies read field by field ----
expect_eq "the park operator's list filtered to another park: nothing" "200 0" \
  "$(call r0 changjiang "$URL/api/v1/projects?park=$CY"; echo -n " "; json r0 'd["total"]')"
expect_eq "... its figures by park: its park's group only" "200 ['长江绿色创新产业园']" \
  "$(call r1 changjiang "$URL/api/v1/pipeline?year=2025&group=park"; echo -n " "; json r1 '[g["name"] for g in d["groups"]]')"
expect_eq "the analyst creates a project of no park" 201 "$(send r2 analyst "$A_CSRF" POST /api/v1/projects '{"name":"无园区的项目"}')"
G=$(json r2 'd["id"]')
expect_eq "... the park operator: 403 to it, and not in its list" "403 False" \
  "$(call r3 changjiang "$URL/api/v1/projects/$G"; echo -n " "; call r3l changjiang "$URL/api/v1/projects?limit=1000" >/dev/null; json r3l 'any(p["id"] == '"$G"' for p in d["projects"])')"
expect_eq "... nor may it move it: 403" 403 "$(send r3m changjiang "$P_CSRF" POST "/api/v1/projects/$G/stages" '{"stage":"lead","date":"2025-01-01"}')"
# moving its own project out of its parks into none (park_id null) is moving it out too
expect_eq "the park operator sets its project's park to null: 403 naming park_id" "403 park_id" \
  "$(send r4 changjiang "$P_CSRF" PATCH "/api/v1/projects/$E" '{"park_id":null}'; echo -n " "; json r4 'd["error"]["field"]')"
expect_eq "... E still in its park" "$CJ" "$(q "$DB" "SELECT park_id FROM projects WHERE id = $E")"
# linking to another park's enterprise would show that enterprise's output and tax (履约)
OTHER=$(q "$DB" "SELECT min(id) FROM enterprises WHERE park_id = $CY")
expect_eq "the park operator links E to 茶园's enterprise: 403 naming enterprise_id" "403 enterprise_id" \
  "$(send r5 changjiang "$P_CSRF" PATCH "/api/v1/projects/$E" "{\"enterprise_id\":$OTHER}"; echo -n " "; json r5 'd["error"]["field"]')"
expect_eq "... nor creates a project linked to it" 403 \
  "$(send r6 changjiang "$P_CSRF" POST /api/v1/projects "{\"name\":\"借壳项目\",\"park_id\":$CJ,\"enterprise_id\":$OTHER}")"
expect_eq "... nothing linked, nothing created" "0 0" \
  "$(q "$DB" "SELECT (SELECT count(*) FROM projects WHERE enterprise_id = $OTHER), (SELECT count(*) FROM projects WHERE name = '借壳项目')" | tr '|' ' ')"
expect_eq "... its own park's (vivo): 200" "200 $VIVO" \
  "$(send r7 changjiang "$P_CSRF" PATCH "/api/v1/projects/$E" "{\"enterprise_id\":$VIVO}"; echo -n " "; json r7 'd["enterprise"]["id"]')"
expect_eq "... the analyst may link any: 200" 200 "$(send r8 analyst "$A_CSRF" PATCH "/api/v1/projects/$D" "{\"enterprise_id\":$OTHER}")"
expect_eq "... a missing enterprise is still 400 naming it" "400 enterprise_id" \
  "$(send r9 changjiang "$P_CSRF" PATCH "/api/v1/projects/$E" '{"enterprise_id":99999999}'; echo -n " "; json r9 'd["error"]["field"]')"
UPDATES=$(q "$DB" "SELECT count(*) FROM audit_log WHERE action = 'projects.update'")
expect_eq "an empty PATCH: 400 naming body, no audit row" "400 body $UPDATES" \
  "$(send r10 analyst "$A_CSRF" PATCH "/api/v1/projects/$D" '{}') $(json r10 'd["error"]["field"]') $(q "$DB" "SELECT count(*) FROM audit_log WHERE action = 'projects.update'")"
expect_eq "a body that is not JSON: 400 naming body" "400 body" \
  "$(send r11 analyst "$A_CSRF" POST /api/v1/projects 'name=x'; echo -n " "; json r11 'd["error"]["field"]')"
LONG=$(python3 -c 'print("项" * 6667)')   # 20001 bytes
expect_eq "a name over 20000 bytes: 400 naming name" "400 name" \
  "$(send r12 analyst "$A_CSRF" POST /api/v1/projects "{\"name\":\"$LONG\"}"; echo -n " "; json r12 'd["error"]["field"]')"
expect_eq "... 20000 bytes is taken" 201 "$(send r13 analyst "$A_CSRF" POST /api/v1/projects "{\"name\":\"$(python3 -c 'print("x" * 20000)')\"}")"
expect_eq "a move whose reason is not text: 400 naming reason" "400 reason" \
  "$(send r14 analyst "$A_CSRF" POST "/api/v1/projects/$C/stages" '{"stage":"land","reason":5}'; echo -n " "; json r14 'd["error"]["field"]')"
expect_eq "... whose date is not text: 400 naming date" "400 date" \
  "$(send r15 analyst "$A_CSRF" POST "/api/v1/projects/$C/stages" '{"stage":"land","date":20250601}'; echo -n " "; json r15 'd["error"]["field"]')"
expect_eq "... a misspelt key (reson): 400 naming it, not a reason-less skip" "400 reson" \
  "$(send r16 analyst "$A_CSRF" POST "/api/v1/projects/$C/stages" '{"stage":"started","reson":"并联审批"}'; echo -n " "; json r16 'd["error"]["field"]')"
expect_eq "... a reason over 20000 bytes: 400 naming reason" "400 reason" \
  "$(send r17 analyst "$A_CSRF" POST "/api/v1/projects/$C/stages" "{\"stage\":\"started\",\"reason\":\"$LONG\"}"; echo -n " "; json r17 'd["error"]["field"]')"
expect_eq "... no stage: 400 naming stage" "400 stage" \
  "$(send r18 analyst "$A_CSRF" POST "/api/v1/projects/$C/stages" '{"date":"2025-06-01"}'; echo -n " "; json r18 'd["error"]["field"]')"
expect_eq "... C still at 注册, no move audited for it since" "registered 1" \
  "$(call r18b analyst "$URL/api/v1/projects/$C" >/dev/null; json r18b 'd["stage"]') $(q "$DB" "SELECT count(*) FROM audit_log WHERE action = 'projects.stage' AND json_extract(detail, '\$.project') = $C")"
FUNDS=$(q "$DB" "SELECT count(*) FROM audit_log WHERE action = 'projects.funds'")
expect_eq "funds whose note is not text: 400 naming note" "400 note" \
  "$(send r19 analyst "$A_CSRF" POST "/api/v1/projects/$A/funds" '{"month":"2025-05","fixed":1,"note":7}'; echo -n " "; json r19 'd["error"]["field"]')"
expect_eq "... a misspelt key (fixd): 400 naming it" "400 fixd" \
  "$(send r20 analyst "$A_CSRF" POST "/api/v1/projects/$A/funds" '{"month":"2025-05","fixd":1}'; echo -n " "; json r20 'd["error"]["field"]')"
expect_eq "... no month: 400 naming month" "400 month" \
  "$(send r21 analyst "$A_CSRF" POST "/api/v1/projects/$A/funds" '{"fixed":1}'; echo -n " "; json r21 'd["error"]["field"]')"
expect_eq "... a month of 13: 400 naming month" "400 month" \
  "$(send r22 analyst "$A_CSRF" POST "/api/v1/projects/$A/funds" '{"month":"2025-13","fixed":1}'; echo -n " "; json r22 'd["error"]["field"]')"
expect_eq "... neither amount: 400 naming fixed" "400 fixed" \
  "$(send r23 analyst "$A_CSRF" POST "/api/v1/projects/$A/funds" '{"month":"2025-05","fixed":null}'; echo -n " "; json r23 'd["error"]["field"]')"
expect_eq "... fixed as text: 400 naming fixed" "400 fixed" \
  "$(send r24 analyst "$A_CSRF" POST "/api/v1/projects/$A/funds" '{"month":"2025-05","fixed":"100"}'; echo -n " "; json r24 'd["error"]["field"]')"
# next month in the zone (UTC+8): money in place is recorded once it is, never ahead
NEXT=$(TZ=Asia/Shanghai date +%Y-%m -d "$(TZ=Asia/Shanghai date +%Y-%m-15) +1 month")
THIS=$(TZ=Asia/Shanghai date +%Y-%m)
expect_eq "... next month ($NEXT): 400 naming month" "400 month" \
  "$(send r24b analyst "$A_CSRF" POST "/api/v1/projects/$A/funds" "{\"month\":\"$NEXT\",\"fixed\":1}"; echo -n " "; json r24b 'd["error"]["field"]')"
expect_eq "... none of them audited" "$FUNDS" "$(q "$DB" "SELECT count(*) FROM audit_log WHERE action = 'projects.funds'")"
expect_eq "... null for the note is none: 200" "200 None" \
  "$(send r25 analyst "$A_CSRF" POST "/api/v1/projects/$A/funds" '{"month":"2025-05","working":50,"note":null}'; echo -n " "; json r25 '[f["note"] for f in d["funds"] if f["month"] == "2025-05"][0]')"
expect_eq "... this month ($THIS) is taken" 200 "$(send r25b analyst "$A_CSRF" POST "/api/v1/projects/$A/funds" "{\"month\":\"$THIS\",\"fixed\":1}")"
expect_eq "the viewer may not edit nor record funds: 403 403" "403 403" \
  "$(send r26 leader "$L_CSRF" PATCH "/api/v1/projects/$A" '{"team":"x"}') $(send r27 leader "$L_CSRF" POST "/api/v1/projects/$A/funds" '{"month":"2025-05","fixed":1}')"
expect_eq "the enterprise user may not read one project: 403" 403 "$(call r28 vivo "$URL/api/v1/projects/$A")"
CREATES=$(q "$DB" "SELECT count(*) FROM audit_log WHERE action LIKE 'projects.%'")
expect_eq "without the CSRF token: a create, an edit, funds 403, nothing audited" "403 403 403 $CREATES" \
  "$(call r29 analyst -H 'Content-Type: application/json' -d '{"name":"无令牌项目"}' "$URL/api/v1/projects") $(call r30 analyst -X PATCH -H 'Content-Type: application/json' -d '{"team":"x"}' "$URL/api/v1/projects/$A") $(call r31 analyst -H 'Content-Type: application/json' -d '{"month":"2025-05","fixed":1}' "$URL/api/v1/projects/$A/funds") $(q "$DB" "SELECT count(*) FROM audit_log WHERE action LIKE 'projects.%'")"

# ---- correcting a recorded day (PATCH /projects/:id/stages) ---------------------------
# A: 线索 01-10, 在谈 02-01, 签约 04-01, 开工 05-01 (a skip) and 投产 after; funds from 2025-05
NEV=$(q "$DB" "SELECT count(*) FROM project_stages WHERE project_id = $A")
expect_eq "A's signing 04-01 → 04-08: 200" "200 signed 2025-04-01 2025-04-08" \
  "$(send c0 analyst "$A_CSRF" PATCH "/api/v1/projects/$A/stages" '{"stage":"signed","date":"2025-04-01","new_date":"2025-04-08","reason":"合同签署日期录错"}'; echo -n " "; json c0 'd["stage"] + " " + d["date"] + " " + d["new_date"]')"
expect_eq "... the timeline and the dates say 04-08, as many events as before" "2025-04-08 2025-04-08 $NEV" \
  "$(call c1 analyst "$URL/api/v1/projects/$A" >/dev/null; json c1 '"%s %s %d" % ([e["date"] for e in d["events"] if e["stage"] == "signed"][0], d["dates"]["signed"], len(d["events"]))')"
expect_eq "... audited with who, stage, from, to, reason, address" "analyst|$A|signed|2025-04-01|2025-04-08|合同签署日期录错|127.0.0.1" \
  "$(q "$DB" "SELECT user_name, json_extract(detail, '\$.project'), json_extract(detail, '\$.stage'), json_extract(detail, '\$.from'), json_extract(detail, '\$.to'), json_extract(detail, '\$.reason'), json_extract(detail, '\$.ip') FROM audit_log WHERE action = 'projects.redate'")"
expect_eq "without a reason: 400 naming reason" "400 reason" \
  "$(send c2 analyst "$A_CSRF" PATCH "/api/v1/projects/$A/stages" '{"stage":"signed","date":"2025-04-08","new_date":"2025-04-09"}'; echo -n " "; json c2 'd["error"]["field"]')"
expect_eq "a day not recorded (04-01 no longer): 400 naming date" "400 date" \
  "$(send c3 analyst "$A_CSRF" PATCH "/api/v1/projects/$A/stages" '{"stage":"signed","date":"2025-04-01","new_date":"2025-04-09","reason":"x"}'; echo -n " "; json c3 'd["error"]["field"]')"
expect_eq "signing after the start (05-02): the start would step back; 400 naming new_date" "400 new_date True" \
  "$(send c4 analyst "$A_CSRF" PATCH "/api/v1/projects/$A/stages" '{"stage":"signed","date":"2025-04-08","new_date":"2025-05-02","reason":"x"}'; echo -n " "; json c4 'd["error"]["field"] + " " + str("2025-05-02" in d["error"]["message"])')"
expect_eq "new_date not a day, an unknown key: 400 naming each" "400 new_date 400 when" \
  "$(send c5 analyst "$A_CSRF" PATCH "/api/v1/projects/$A/stages" '{"stage":"signed","date":"2025-04-08","new_date":"2025-02-30","reason":"x"}'; echo -n " "; json c5 'd["error"]["field"]') $(send c6 analyst "$A_CSRF" PATCH "/api/v1/projects/$A/stages" '{"stage":"signed","date":"2025-04-08","when":"2025-04-09","reason":"x"}'; echo -n " "; json c6 'd["error"]["field"]')"
expect_eq "a park operator: another park's project 403, its own (C's signing 03-05 → 03-06) 200" "403 200" \
  "$(send c7 changjiang "$P_CSRF" PATCH "/api/v1/projects/$B/stages" '{"stage":"talks","date":"2025-03-01","new_date":"2025-03-02","reason":"x"}') $(send c8 changjiang "$P_CSRF" PATCH "/api/v1/projects/$C/stages" '{"stage":"签约","date":"2025-03-05","new_date":"2025-03-06","reason":"以合同落款为准"}')"
expect_eq "the viewer 403; without the CSRF token 403" "403 403" \
  "$(send c9 leader "$L_CSRF" PATCH "/api/v1/projects/$A/stages" '{"stage":"signed","date":"2025-04-08","new_date":"2025-04-09","reason":"x"}') $(call c10 analyst -X PATCH -H 'Content-Type: application/json' -d '{"stage":"signed","date":"2025-04-08","new_date":"2025-04-09","reason":"x"}' "$URL/api/v1/projects/$A/stages")"
expect_eq "... two corrections audited, and the days as corrected" "2 20250408 20250306" \
  "$(q "$DB" "SELECT count(*) FROM audit_log WHERE action = 'projects.redate'") $(q "$DB" "SELECT date FROM project_stages WHERE project_id = $A AND stage = 3") $(q "$DB" "SELECT date FROM project_stages WHERE project_id = $C AND stage = 3")"
# ---- the industry code is stored as an import stores it (GB/T 4754-2017, lettered) -------
# the pipeline's 行业 grouping reads the division off the stored code's first three bytes:
# "3922" stored as given was 未填 there; C3922 (通信终端设备制造) is in division C39
# (计算机、通信和其他电子设备制造业)
expect_eq "a create with industry 3922: stored lettered, C3922" "201 C3922" \
  "$(send i0 analyst "$A_CSRF" POST /api/v1/projects '{"name":"行业代码项目","industry":"3922"}'; echo -n " "; json i0 'd["industry"]')"
I=$(json i0 'd["id"]')
expect_eq "... an edit with c3911 (lower case): C3911" "200 C3911" \
  "$(send i1 analyst "$A_CSRF" PATCH "/api/v1/projects/$I" '{"industry":"c3911"}'; echo -n " "; json i1 'd["industry"]')"
expect_eq "... a malformed code: 400 naming industry, nothing changed" "400 industry C3911" \
  "$(send i2 analyst "$A_CSRF" PATCH "/api/v1/projects/$I" '{"industry":"电子"}'; echo -n " "; json i2 'd["error"]["field"]') $(q "$DB" "SELECT industry FROM projects WHERE id = $I")"
expect_eq "... a code GB/T 4754 does not have (C3999): 400 naming industry" "400 industry" \
  "$(send i3 analyst "$A_CSRF" POST /api/v1/projects '{"name":"无此行业项目","industry":"C3999"}'; echo -n " "; json i3 'd["error"]["field"]')"
expect_eq "... null still clears it" "200 None" \
  "$(send i4 analyst "$A_CSRF" PATCH "/api/v1/projects/$I" '{"industry":null}'; echo -n " "; json i4 'd["industry"]')"
expect_eq "... a number is still 400 naming industry" "400 industry" \
  "$(send i5 analyst "$A_CSRF" PATCH "/api/v1/projects/$I" '{"industry":3922}'; echo -n " "; json i5 'd["error"]["field"]')"

finish
