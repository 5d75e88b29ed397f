#!/usr/bin/env bash
# Key projects against their yearly plans (重点项目), end to end: a fixture zone
# (tests/data/keyproj: two parks, five projects, their 2023-2025 plans and months) imported
# through the CLI; `parkbrain keyprojects --json` and --xlsx worked by hand for 2025 1–6月;
# the API's scope (a park operator its park's, an enterprise user 403, a viewer reading
# only); recording a month through the API changes the figures and leaves an audit row.
#
# 2025 to June, tolerance 5 points: 序时进度 6/12 = 0.5, behind below 0.45.
#   1 甲新建厂房 (园区甲, 新开工, plan 4000): months 3-6 500+500+300+200 = 1500 (July's 900
#     is after June); 1500/4000 = 0.375 < 0.45 → behind, lag 4000×0.5 − 1500 = 500;
#     planned start 2025 = 2025-12, not late; total 1500/10000 = 0.15.
#   2 乙续建项目 (园区乙, 续建, plan 12000): 5×1000 + 1200 = 6200, 0.516667 → on pace; before
#     2025: 8000 invested + 2024's months 6000+7000 (they win over 2024's actual 14000) +
#     2023's actual 9000 (no months that year) = 30000; cumulative 36200 / 50000 = 0.724;
#     planned finish 2024 = 2024-12 < 2025-06, not finished → overdue.
#   3 甲技改项目 (园区甲, 技术改造, plan 2000): nothing → rate 0, behind, lag 1000; planned
#     start 2024-12, not started → late start.
#   4 区级前期项目 (no park, 策划项目 = 前期策划, plan 500): 50 → 0.1, never behind.
#   5 园区乙新项目 (园区乙, no nature, no plan): 300 completed, no rate.
# Total: plan 4000+12000+2000+500 = 18500; completed 8050; rate over the planned ones
# (1500+6200+0+50) / 18500 = 0.418919; behind 2, late 1, overdue 1, 前期 1; lag 1500.
source "$(dirname "$0")/lib.sh"
DB=$WORK/zone.db
F=$PB_TEST_DATA/keyproj
cd "$WORK"
for k in parks enterprises key-projects key-project-years key-project-months; do
  pb import --db "$DB" $k "$F/$k.csv" >/dev/null 2>&1 || fail "import $k"
done

pb keyprojects --db "$DB" --year 2025 --month 6 --json --xlsx "$WORK/kp.xlsx" > kp.json
j() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "${2:-kp.json}" "$1"; }
P='{p["name"]: p for p in d["projects"]}'
expect_eq "five projects in id order" "['甲新建厂房', '乙续建项目', '甲技改项目', '区级前期项目', '园区乙新项目']" "$(j '[p["name"] for p in d["projects"]]')"
expect_eq "序时进度 and tolerance" "0.5 0.05" "$(j '" ".join(str(d[k]) for k in ("time", "tolerance"))')"
expect_eq "甲新建厂房: completed, rate, lag, behind (July left out)" "1500.0 0.375 500.0 True" "$(j '" ".join(str(('"$P"')["甲新建厂房"][k]) for k in ("completed", "rate", "lag", "behind"))')"
expect_eq "... planned start 2025-12: not late; total 0.15" "2025-12 False 0.15" "$(j '" ".join(str(('"$P"')["甲新建厂房"][k]) for k in ("plan_start", "late_start", "total_rate"))')"
expect_eq "乙续建项目: 6200, on pace" "6200.0 0.516667 False" "$(j '" ".join(str(round(('"$P"')["乙续建项目"][k], 6)) if isinstance(('"$P"')["乙续建项目"][k], float) else str(('"$P"')["乙续建项目"][k]) for k in ("completed", "rate", "behind"))')"
expect_eq "... before 2025: 8000 + 2024's months + 2023's actual = 30000; 36200 in all, 0.724" "30000.0 36200.0 0.724" "$(j '" ".join(str(('"$P"')["乙续建项目"][k]) for k in ("before", "cumulative", "total_rate"))')"
expect_eq "... overdue (planned finish 2024-12)" "2024-12 True" "$(j '" ".join(str(('"$P"')["乙续建项目"][k]) for k in ("plan_finish", "overdue"))')"
expect_eq "甲技改项目: nothing done, behind by 1000, a late start" "0.0 1000.0 True True None" "$(j '" ".join(str(('"$P"')["甲技改项目"][k]) for k in ("rate", "lag", "behind", "late_start", "started"))')"
expect_eq "区级前期项目: 策划项目 is 前期策划, 0.1 and never behind" "preparation 0.1 False True" "$(j '" ".join(str(('"$P"')["区级前期项目"][k]) for k in ("nature", "rate", "behind", "preparation"))')"
expect_eq "园区乙新项目: no nature, no plan, no rate" "None None None 300.0 False" "$(j '" ".join(str(('"$P"')["园区乙新项目"][k]) for k in ("nature", "plan", "rate", "completed", "behind"))')"
expect_eq "total: plan, completed, rate, lag" "18500.0 8050.0 0.418919 1500.0" "$(j '" ".join(str(round(d["total"][k], 6)) for k in ("plan", "completed", "rate", "lag"))')"
expect_eq "total: projects, planned, behind, late, overdue, 前期" "5 4 2 1 1 1" "$(j '" ".join(str(d["total"][k]) for k in ("projects", "planned", "behind", "late_start", "overdue", "preparation"))')"
expect_eq "by nature, in keyproj.h's order, the unknown last" "['新开工', '续建', '技术改造', '前期策划', '（未填）']" "$(j '[g["name"] for g in d["groups"]["nature"]]')"
# 区经济信息委: 甲新建厂房 + 甲技改项目: 1500 / 6000 = 0.25, both behind
expect_eq "by unit: 区经济信息委 1500/6000, 2 behind" "区经济信息委 2 6000.0 1500.0 0.25 2" "$(j '" ".join(str(d["groups"]["unit"][0][k]) for k in ("name", "projects", "plan", "completed", "rate", "behind"))')"
expect_eq "... the unit not given last" "（未填）" "$(j 'd["groups"]["unit"][-1]["name"]')"
# 园区乙: 乙续建项目 + 园区乙新项目: completed 6500, rate over the planned one 6200/12000
expect_eq "by park: 园区甲, 园区乙, the zone's last" "['园区甲', '园区乙', '（未分园区）']" "$(j '[g["name"] for g in d["groups"]["park"]]')"
expect_eq "... 园区乙: 6500 completed, rate 6200/12000, 1 overdue" "6500.0 0.516667 1" "$(j '" ".join(str(round(d["groups"]["park"][1][k], 6)) for k in ("completed", "rate", "overdue"))')"
# the workbook: its sheets, read back with python's zipfile
sheets=$(python3 -c 'import re, sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(" ".join(re.findall(r"<sheet name=\"([^\"]+)\"", z.read("xl/workbook.xml").decode())))' "$WORK/kp.xlsx")
expect_eq "--xlsx: the four sheets" "项目 按建设性质 按责任单位 按园区" "$sheets"
# a tighter tolerance: at 0 points 乙续建项目 (0.5167) is still on pace; March: 甲新建厂房
# 500/4000 = 0.125 against 0.25 - 0.05 → behind
pb keyprojects --db "$DB" --year 2025 --month 3 --json > m3.json
expect_eq "March: 甲新建厂房 500, behind; time 0.25" "500.0 True 0.25" "$(j '" ".join(str(x) for x in (d["projects"][0]["completed"], d["projects"][0]["behind"], d["time"]))' m3.json)"
rc=0; pb keyprojects --db "$DB" --year 2025 --month 13 >/dev/null 2>&1 || rc=$?
expect_eq "--month 13: a usage error" 2 "$rc"
rc=0; pb keyprojects --db "$DB" --year 2025 --month 3x >/dev/null 2>&1 || rc=$?
expect_eq "--month 3x: a usage error" 2 "$rc"
rc=0; pb keyprojects --db "$DB" --year 2025年 --month 3 >/dev/null 2>&1 || rc=$?
expect_eq "--year 2025年: a usage error" 2 "$rc"
text=$(pb keyprojects --db "$DB" --year 2025 --month 6)
case "$text" in *"甲技改项目（区经济信息委） 滞后"*"未按期开工（计划 2024-12）"*) ok "the text lists the projects to follow up" ;; *) fail "text: $text" ;; esac

# ---- the API ----
for u in "ana analyst" "pa park" "vw viewer"; do
  set -- $u
  extra=(); [ "$2" = park ] && extra=(--park 园区甲)
  echo 'Keyproj-test-2026' | pb user add "$1" --db "$DB" --role "$2" "${extra[@]}" --password-stdin >/dev/null
done
echo 'Keyproj-test-2026' | pb user add ent --db "$DB" --role enterprise --enterprise 91500108314159014J --password-stdin >/dev/null
serve "$DB"
call() { local name=$1 user=$2; shift 2
  curl -s -o "$WORK/$name.b" -w '%{http_code}' -b "$WORK/$user.jar" -c "$WORK/$user.jar" "$@"; }
b() { j "$2" "$WORK/$1.b"; }
login() { call "login_$1" "$1" -H 'Content-Type: application/json' -d "{\"name\":\"$1\",\"password\":\"Keyproj-test-2026\"}" "$URL/api/v1/session"; }
for u in ana pa vw ent; do expect_eq "$u signs in" 200 "$(login $u)"; done
post() { # post NAME USER URL JSON
  call "$1" "$2" -H 'Content-Type: application/json' -H "X-CSRF-Token: $(b "login_$2" 'd["csrf"]')" -d "$4" "$URL$3"; }

expect_eq "analyst: the report" 200 "$(call a ana "$URL/api/v1/key-projects?year=2025&month=6")"
expect_eq "... the same figures as the command" "5 8050.0 2 1 1" "$(b a '" ".join(str(d["total"][k]) for k in ("projects", "completed", "behind", "late_start", "overdue"))')"
expect_eq "... without year and month: the latest month recorded (2025-07)" 200 "$(call a0 ana "$URL/api/v1/key-projects")"
expect_eq "... 2025-07, 甲新建厂房 2400" "2025-07 2400.0" "$(b a0 'd["period"] + " " + str(d["projects"][0]["completed"])')"
expect_eq "... tolerance 0.2: 甲新建厂房 (0.375 ≥ 0.3) no longer behind" 200 "$(call a2 ana "$URL/api/v1/key-projects?year=2025&month=6&tolerance=0.2")"
expect_eq "... 1 behind" "1 False" "$(b a2 'str(d["total"]["behind"]) + " " + str(d["projects"][0]["behind"])')"
expect_eq "... a bad month: 400 naming it" "400 month" "$(call ab ana "$URL/api/v1/key-projects?month=13") $(b ab 'd["error"]["field"]')"
expect_eq "... a bad tolerance: 400" 400 "$(call at ana "$URL/api/v1/key-projects?tolerance=2")"
expect_eq "park operator: its park's projects only" 200 "$(call p pa "$URL/api/v1/key-projects?year=2025&month=6")"
expect_eq "... 甲新建厂房 and 甲技改项目, both behind" "['甲新建厂房', '甲技改项目'] 2 6000.0" "$(b p 'str([x["name"] for x in d["projects"]]) + " " + str(d["total"]["behind"]) + " " + str(d["total"]["plan"])')"
ID1=$(q "$DB" "SELECT id FROM key_projects WHERE name = '甲新建厂房'")
ID2=$(q "$DB" "SELECT id FROM key_projects WHERE name = '乙续建项目'")
ID3=$(q "$DB" "SELECT id FROM key_projects WHERE name = '甲技改项目'")
ID4=$(q "$DB" "SELECT id FROM key_projects WHERE name = '区级前期项目'")
expect_eq "... its project's page" 200 "$(call p1 pa "$URL/api/v1/key-projects/$ID1")"
expect_eq "... another park's: 403" 403 "$(call p2 pa "$URL/api/v1/key-projects/$ID2")"
expect_eq "... the zone's (no park): 403" 403 "$(call p4 pa "$URL/api/v1/key-projects/$ID4")"
expect_eq "enterprise user: the report 403" 403 "$(call e ent "$URL/api/v1/key-projects")"
expect_eq "... a project 403" 403 "$(call e1 ent "$URL/api/v1/key-projects/$ID1")"
expect_eq "viewer: the report" 200 "$(call v vw "$URL/api/v1/key-projects?year=2025&month=6")"
expect_eq "... the whole zone" 5 "$(b v 'd["total"]["projects"]')"
expect_eq "... may not record: 403" 403 "$(post vm vw "/api/v1/key-projects/$ID3/months" '{"month":"2025-06","completed":1}')"
expect_eq "no such project: 404" 404 "$(call n ana "$URL/api/v1/key-projects/9999")"

# a project's page: its years and months
expect_eq "乙续建项目's page" 200 "$(call d ana "$URL/api/v1/key-projects/$ID2")"
expect_eq "... years 2023-2025 with their plans" "[(2023, 10000.0, 9000.0), (2024, 15000.0, 14000.0), (2025, 12000.0, None)]" "$(b d '[(y["year"], y["planned"], y["actual"]) for y in d["years"]]')"
expect_eq "... 8 months, the first 2024-11" "8 2024-11 6000.0" "$(b d 'str(len(d["months"])) + " " + d["months"][0]["month"] + " " + str(d["months"][0]["completed"])')"
expect_eq "... 续建, 园区乙, overdue data" "续建 园区乙 2023-03" "$(b d '" ".join(str(d[k]) for k in ("nature_name", "park", "started"))')"

# recording a month: the park operator for its park's project
expect_eq "park operator: not another park's project" 403 "$(post pm2 pa "/api/v1/key-projects/$ID2/months" '{"month":"2025-06","completed":100}')"
expect_eq "... a negative figure: 400" "400 completed" "$(post pmn pa "/api/v1/key-projects/$ID3/months" '{"month":"2025-06","completed":-5}') $(b pmn 'd["error"]["field"]')"
expect_eq "... a bad month: 400" "400 month" "$(post pmb pa "/api/v1/key-projects/$ID3/months" '{"month":"2025-13","completed":5}') $(b pmb 'd["error"]["field"]')"
expect_eq "... without the CSRF token: 403" 403 "$(call pmx pa -H 'Content-Type: application/json' -d '{"month":"2025-06","completed":5}' "$URL/api/v1/key-projects/$ID3/months")"
expect_eq "... records 甲技改项目's June: 1200" 200 "$(post pm pa "/api/v1/key-projects/$ID3/months" '{"month":"2025-06","completed":1200,"note":"设备进场"}')"
expect_eq "... answered with nothing replaced" "2025-06 1200.0 None" "$(b pm '" ".join(str(d[k]) for k in ("month", "completed", "previous"))')"
expect_eq "... stored" "1200.0|设备进场|" "$(q "$DB" "SELECT completed, note, import_id FROM key_project_months WHERE key_project_id = $ID3 AND month = 202506")"
expect_eq "... audited" "pa|key_project.month|key_project:$ID3|{\"month\":\"2025-06\",\"completed\":1200,\"previous\":null}" "$(q "$DB" "SELECT user_name, action, entity, detail FROM audit_log WHERE action = 'key_project.month'")"
# 甲技改项目 1200/2000 = 0.6: on pace; behind 1 (甲新建厂房); completed 8050 + 1200
expect_eq "the figures change: 甲技改项目 0.6, on pace" 200 "$(call a3 ana "$URL/api/v1/key-projects?year=2025&month=6")"
expect_eq "... total 9250, 1 behind, lag 500" "9250.0 1 500.0 0.6 False" "$(b a3 '" ".join(str(x) for x in (d["total"]["completed"], d["total"]["behind"], d["total"]["lag"], d["projects"][2]["rate"], d["projects"][2]["behind"]))')"
expect_eq "the analyst corrects it to 900" 200 "$(post am ana "/api/v1/key-projects/$ID3/months" '{"month":"2025-06","completed":900}')"
expect_eq "... the figure it replaced" "1200.0" "$(b am 'd["previous"]')"
expect_eq "... two audit rows" 2 "$(q "$DB" "SELECT count(*) FROM audit_log WHERE action = 'key_project.month'")"
# 900/2000 = 0.45: not below 0.45, on pace
pb keyprojects --db "$DB" --year 2025 --month 6 --json > after.json
expect_eq "... the command sees it: 0.45 is on pace" "900.0 0.45 False" "$(j '" ".join(str(d["projects"][2][k]) for k in ("completed", "rate", "behind"))' after.json)"
expect_eq "the analyst records the zone's project too" 200 "$(post az ana "/api/v1/key-projects/$ID4/months" '{"month":"2025-03","completed":10}')"


# ---- review (issue #6): a month's body read field by field, nothing written when refused ----
MONTHS=$(q "$DB" "SELECT count(*) FROM audit_log WHERE action = 'key_project.month'")
expect_eq "no completed: 400 naming completed" "400 completed" "$(post r0 ana "/api/v1/key-projects/$ID3/months" '{"month":"2025-06"}') $(b r0 'd["error"]["field"]')"
expect_eq "a note that is not text: 400 naming note" "400 note" "$(post r1 ana "/api/v1/key-projects/$ID3/months" '{"month":"2025-06","completed":1,"note":3}') $(b r1 'd["error"]["field"]')"
expect_eq "a misspelt key (complete): 400 naming it" "400 complete" "$(post r2 ana "/api/v1/key-projects/$ID3/months" '{"month":"2025-06","complete":1}') $(b r2 'd["error"]["field"]')"
expect_eq "a note over 20000 bytes: 400 naming note" "400 note" "$(post r3 ana "/api/v1/key-projects/$ID3/months" "{\"month\":\"2025-06\",\"completed\":1,\"note\":\"$(python3 -c 'print("x" * 20001)')\"}") $(b r3 'd["error"]["field"]')"
expect_eq "a month that is not text: 400 naming month" "400 month" "$(post r4 ana "/api/v1/key-projects/$ID3/months" '{"month":202506,"completed":1}') $(b r4 'd["error"]["field"]')"
expect_eq "completed as text: 400 naming completed" "400 completed" "$(post r5 ana "/api/v1/key-projects/$ID3/months" '{"month":"2025-06","completed":"1"}') $(b r5 'd["error"]["field"]')"
expect_eq "a body that is not an object: 400 naming body" "400 body" "$(post r6 ana "/api/v1/key-projects/$ID3/months" '[1]') $(b r6 'd["error"]["field"]')"
NEXT=$(TZ=Asia/Shanghai date +%Y-%m -d "$(TZ=Asia/Shanghai date +%Y-%m-15) +1 month")
expect_eq "next month ($NEXT, the zone's time): 400 naming month" "400 month" "$(post r6b ana "/api/v1/key-projects/$ID3/months" "{\"month\":\"$NEXT\",\"completed\":1}") $(b r6b 'd["error"]["field"]')"
expect_eq "... none written: June still 900, no audit row" "900.0 $MONTHS" "$(q "$DB" "SELECT completed FROM key_project_months WHERE key_project_id = $ID3 AND month = 202506") $(q "$DB" "SELECT count(*) FROM audit_log WHERE action = 'key_project.month'")"
expect_eq "a note of null is none: 200, June 800 without a note" "200 800.0|" "$(post r7 ana "/api/v1/key-projects/$ID3/months" '{"month":"2025-06","completed":800,"note":null}') $(q "$DB" "SELECT completed, note FROM key_project_months WHERE key_project_id = $ID3 AND month = 202506")"
expect_eq "the park operator records the zone's project (no park): 403" 403 "$(post r8 pa "/api/v1/key-projects/$ID4/months" '{"month":"2025-06","completed":1}')"
expect_eq "the park operator's report: 园区甲 only in the park groups" "['园区甲']" "$(b p '[g["name"] for g in d["groups"]["park"]]')"

finish
