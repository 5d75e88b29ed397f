#!/usr/bin/env bash
# Early warnings end to end: a hand-made zone (tests/data/warn, its story in make_warn.py)
# where each of nine enterprises fires exactly one rule in 2024-03; the follow-up
# (签收, 办结 with a note) survives re-runs; a mended report removes its open warning and
# keeps a closed one; the workbook, JSON, English and the configuration file; and the
# demo zone gives a sensible number of warnings. Expected figures are worked by hand.
source "$(dirname "$0")/lib.sh"
W=$PB_TEST_DATA/warn
DB=$WORK/zone.db
pb import --db "$DB" enterprises "$W/enterprises.csv" >/dev/null
pb import --db "$DB" monthly "$W/monthly.csv" >/dev/null 2>&1

# jq-like reads of the JSON list with python3: "rule:uscc-suffix:severity" per warning
summary() { python3 -c '
import json, sys
d = json.load(sys.stdin)
print(" ".join(sorted("%s:%s:%d" % (w["rule"], w["uscc"][-4:], w["severity"]) for w in d["warnings"])))'; }
figure() { # figure RULE KEY - the figure KEY of the (single) warning of RULE
  pb warnings --db "$DB" --status all --rule "$1" --json | python3 -c '
import json, sys
w = json.load(sys.stdin)["warnings"][0]
print("%g" % [f["value"] for f in w["figures"] if f["key"] == sys.argv[1]][0])' "$2"; }
id_of() { q "$DB" "SELECT w.id FROM warnings w JOIN enterprises e ON e.id = w.enterprise_id WHERE w.rule = '$1'"; }

out=$(pb warnings run --db "$DB" --user 经济运行局)
case "$out" in *"2024年3月预警：触发 9 条（新增 9"*) ok "run: the latest month, 9 new";; *) fail "run summary: $out";; esac
# one rule each (severity by hand in make_warn.py): 甲 -35% 预警, 乙 1-3月 -20% 关注,
# 丙 3 months 关注, 丁 1800 万元 10% short 关注, 戊 missing 关注, 己 12 days late 预警,
# 庚 12x 关注, 辛 1.2x 关注, 壬 100% of usual energy 严重; 癸 nothing
expect_eq "each rule fires once, on its enterprise" \
  "below_scale_line:532T:1 energy_without_output:5833:3 output_decline_streak:5240:1 output_yoy_month:508A:2 output_yoy_ytd:5165:1 report_late:559J:2 report_missing:540M:1 spike:567D:1 tax_over_revenue:5758:1" \
  "$(pb warnings --db "$DB" --json | summary)"
# figures: 650 / 1000 - 1 = -35%; 12 x 150 = 1800; the 20th is 12 days after the 8th;
# 12000 / median(1000, 1000, 1000) = 12; 120 / 100 = 1.2
expect_eq "同比 figure" "-35" "$(figure output_yoy_month growth)"
expect_eq "last-12-months revenue" "1800" "$(figure below_scale_line last12)"
expect_eq "days late" "12" "$(figure report_late days_late)"
expect_eq "spike factor" "12" "$(figure spike gross_output_factor)"
expect_eq "tax ratio" "1.2" "$(figure tax_over_revenue ratio)"
expect_eq "stored as JSON text" "-35" "$(q "$DB" "SELECT json_extract(figures, '\$[0].value') FROM warnings WHERE rule = 'output_yoy_month'")"
expect_eq "message quotes the figures" "工业总产值当月同比下降 35.0%（本月 650.00 万元，上年同月 1,000.00 万元），超过预警线 20%" \
  "$(q "$DB" "SELECT message FROM warnings WHERE rule = 'output_yoy_month'")"

# follow-up: 签收 the 同比 one, 办结 the spike
A=$(id_of output_yoy_month); S=$(id_of spike); M=$(id_of report_missing)
pb warnings ack "$A" --db "$DB" --note "已电话联系，安排走访" --user 张三 >/dev/null && ok "ack"
pb warnings close "$S" --db "$DB" --note "走访核实：3月产值含新产线试产，数据无误" --user 李四 >/dev/null && ok "close"
set +e
pb warnings close "$M" --db "$DB" >/dev/null 2>"$WORK/err"; rc=$?
set -e
expect_eq "close without a note: usage" 2 "$rc"
grep -q "一企一策" "$WORK/err" && ok "close without a note says why" || fail "close message: $(cat "$WORK/err")"
set +e
pb warnings close "$M" --db "$DB" --note "   " >/dev/null 2>&1; r1=$?
pb warnings ack 99999 --db "$DB" >/dev/null 2>"$WORK/err"; r2=$?
pb warnings ack abc --db "$DB" >/dev/null 2>&1; r3=$?
pb warnings ack "$S" --db "$DB" >/dev/null 2>&1; r4=$?
pb warnings close "$S" --db "$DB" --note again >/dev/null 2>&1; r5=$?
set -e
expect_eq "blank note, bad id, bad id text, ack a closed one, close it twice" "1 1 2 1 1" "$r1 $r2 $r3 $r4 $r5"
grep -q "#99999" "$WORK/err" && ok "unknown id named" || fail "unknown id: $(cat "$WORK/err")"
expect_eq "status and notes stored" "acknowledged|张三|已电话联系，安排走访" \
  "$(q "$DB" "SELECT status||'|'||acked_by||'|'||ack_note FROM warnings WHERE id = $A")"
expect_eq "open list hides the closed one" 8 "$(pb warnings --db "$DB" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')"
expect_eq "audit: run, ack, close" "1 1 1" \
  "$(q "$DB" "SELECT (SELECT count(*) FROM audit_log WHERE action='warnings.run')||' '||(SELECT count(*) FROM audit_log WHERE action='warnings.ack')||' '||(SELECT count(*) FROM audit_log WHERE action='warnings.close')")"

# re-running the same month keeps the follow-up
out=$(pb warnings run --db "$DB" --month 2024-03)
case "$out" in *"触发 9 条（新增 0、更新 0、未变 9）"*) ok "re-run: nothing new";; *) fail "re-run: $out";; esac
expect_eq "statuses kept" "acknowledged closed" "$(q "$DB" "SELECT (SELECT status FROM warnings WHERE id=$A)||' '||(SELECT status FROM warnings WHERE id=$S)")"

# the missing report arrives and the spike is corrected: the open missing warning goes,
# the closed spike stays with its note
pb import --db "$DB" monthly "$W/monthly_fix.csv" >/dev/null
out=$(pb warnings run --db "$DB" --json)
expect_eq "mended: 7 fire, 1 removed, 1 kept" "7 1 1" "$(echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["fired"], d["removed"], d["kept"])')"
expect_eq "missing warning deleted" 0 "$(q "$DB" "SELECT count(*) FROM warnings WHERE id = $M")"
expect_eq "closed spike kept" "closed|走访核实：3月产值含新产线试产，数据无误" "$(q "$DB" "SELECT status||'|'||close_note FROM warnings WHERE id = $S")"
expect_eq "all statuses: 8" 8 "$(pb warnings --db "$DB" --status all --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')"
expect_eq "filters: closed spike of 2024-03" 1 "$(pb warnings --db "$DB" --status closed --month 2024-03 --rule spike --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')"
expect_eq "by enterprise" "report_late" "$(pb warnings --db "$DB" --enterprise 91500108314159559J --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["warnings"][0]["rule"])')"

# the workbook sheet, Chinese headers
pb warnings --db "$DB" --status all --xlsx "$WORK/w.xlsx" 2>/dev/null
strings=$(unzip -p "$WORK/w.xlsx" xl/sharedStrings.xml)
for h in 企业运行预警清单 统一社会信用代码 预警内容 预警线 "办结（办结人、北京时间、走访情况与一企一策）" 重庆甲精密制造有限公司; do
  case "$strings" in *"$h"*) ok "sheet has $h";; *) fail "sheet lacks $h";; esac
done
unzip -p "$WORK/w.xlsx" xl/worksheets/sheet1.xml | grep -q 'state="frozen"' && ok "header frozen" || fail "no frozen panes"

# English, bad options, the configuration
pb warnings --db "$DB" --lang en | grep -q "Report filed late" && ok "English list" || fail "English list"
set +e
pb warnings --db "$DB" --rule nosuch >/dev/null 2>&1; r1=$?
pb warnings --db "$DB" --status pending >/dev/null 2>&1; r2=$?
pb warnings frobnicate --db "$DB" >/dev/null 2>&1; r3=$?
echo '{"warnings": {"report_late": {"deadline": 25}}}' >"$WORK/bad.json"
pb warnings run --db "$DB" --config "$WORK/bad.json" >/dev/null 2>"$WORK/err"; r4=$?
pb warnings run --db "$WORK/typo.db" >/dev/null 2>&1; r5=$?
set -e
expect_eq "unknown rule, status, subcommand: usage; bad config, no such database: rejected" "2 2 2 1 1" "$r1 $r2 $r3 $r4 $r5"
[ ! -e "$WORK/typo.db" ] && ok "a mistyped --db creates nothing" || fail "typo.db was created"
grep -q "bad.json" "$WORK/err" && grep -q "deadline_day" "$WORK/err" && ok "config error names file and field" || fail "config error: $(cat "$WORK/err")"
pb warnings rules | python3 -c 'import json,sys; d=json.load(sys.stdin)["warnings"]; assert d["report_late"]["deadline_day"] == 8 and d["spike"]["factor"] == 10' \
  && ok "rules template with the defaults" || fail "rules template"
# a deadline of the 25th: 己's filing of the 20th is on time, its open warning goes
echo '{"warnings": {"report_late": {"deadline_day": 25}}}' >"$WORK/late25.json"
pb warnings run --db "$DB" --config "$WORK/late25.json" >/dev/null
expect_eq "configured deadline" 0 "$(q "$DB" "SELECT count(*) FROM warnings WHERE rule = 'report_late'")"

# the demo zone: one report in thirty filed late (after the 11th), so about 175 / 30 ≈ 6
# late reports a month, and in all a few dozen warnings for 175 enterprises
D=$WORK/demo.db
pb demo --db "$D" >/dev/null 2>&1
out=$(pb warnings run --db "$D" --json)
read -r fired late <<<"$(echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["fired"], d["rules"]["report_late"]["fired"])')"
[ "$late" -ge 1 ] && [ "$late" -le 15 ] && ok "demo: $late late reports" || fail "demo late reports: $late"
[ "$fired" -ge 10 ] && [ "$fired" -le 120 ] && ok "demo: $fired warnings" || fail "demo warnings: $fired"
finish
