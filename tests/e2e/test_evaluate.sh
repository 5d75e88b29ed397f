#!/usr/bin/env bash
# The 亩均 evaluation end to end: a hand-made zone (tests/data/mujun, its figures in
# make_mujun.py) evaluated under a two-indicator test scheme (tests/data/mujun/scheme.json)
# and under the shipped Linhai scheme; quotas, a veto, a bar, a protection, a cap, missing
# data and zero land; ranks; the moves since the year before; idle and inefficient land;
# what-if; the workbook; errors; and the demo zone. Every expected figure is worked by hand
# below from the schemes' rules, never copied from the program's output.
source "$(dirname "$0")/lib.sh"
M=$PB_TEST_DATA/mujun
DB=$WORK/zone.db
for k in parks enterprises land monthly mujun-data mujun-facts; do
  pb import --db "$DB" "$k" "$M/$k.csv" >/dev/null 2>&1 || fail "import $k"
done

# field EXPR - evaluate a python expression over the JSON on stdin (d = the document,
# e = enterprises by name)
field() { python3 -c '
import json, sys
d = json.load(sys.stdin)
e = {x["name"][2]: x for x in d.get("enterprises", [])}
v = eval(sys.argv[1])
print(v if not isinstance(v, float) else ("%.4f" % v).rstrip("0").rstrip("."))' "$1"; }

# ---- the test scheme, 2023 then 2024 -----------------------------------------------
# points = min(tax/land / 10 × 60, 90) + min(revenue/land / 200 × 40, 60)
pb evaluate --db "$DB" --year 2023 --scheme "$M/scheme.json" --user 经信局 >/dev/null 2>&1 \
  || fail "evaluate 2023"
J=$(pb evaluate --db "$DB" --year 2024 --scheme "$M/scheme.json" --user 经信局 --json 2>/dev/null)
# 甲 10亩: 120/10 = 12 → 72; 3600/10 = 360 → 72, capped at 60: 132
# 乙 5 + 3 (leased) = 8亩: 60/8 = 7.5 → 45; 1200/8 = 150 → 30: 75
# 丙 2亩: 36/2 = 18 → 108, capped 90; 480/2 = 240 → 48: 138
# 丁 3亩: 评价税收 90 (not the months' 60) / 3 = 30 → capped 90; 1800/3 = 600 → capped 60: 150
# 己 20亩: 240/20 = 12 → 72; 3960/20 = 198 → 39.6: 111.6
# 庚 4亩: 24/4 = 6 → 36; 480/4 = 120 → 24: 60.   辛 6亩: 36/6 = 6 → 36; 960/6 = 160 → 32: 68
expect_eq "totals" "132 75 138 150 111.6 60 68" \
  "$(echo "$J" | field '" ".join("%g" % e[k]["total"] for k in "甲乙丙丁己庚辛")')"
expect_eq "戊 has no land: 数据不全, not scored" "incomplete None 0" \
  "$(echo "$J" | field '"%s %s %g" % (e["戊"]["class"], e["戊"]["total"], e["戊"]["land"])')"
expect_eq "丁's 亩均税收 uses the evaluation data's tax" "30" \
  "$(echo "$J" | field 'e["丁"]["indicators"][0]["value"]')"
expect_eq "甲's revenue points capped" "60 True" \
  "$(echo "$J" | field '"%g %s" % (e["甲"]["indicators"][1]["points"], e["甲"]["indicators"][1]["capped"])')"
# ranks: 丁 150, 丙 138, 甲 132, 己 111.6, 乙 75, 辛 68, 庚 60
expect_eq "zone ranks" "1 2 3 4 5 6 7" \
  "$(echo "$J" | field '" ".join(str(e[k]["rank"]["zone"]) for k in "丁丙甲己乙辛庚")')"
# 南坪园: 丁 丙 甲 乙; 茶园: 己 辛 庚.  电子信息: 丙 甲 己; 装备制造: 丁 乙 辛 庚
expect_eq "park ranks" "1 2 3 4 1 2 3" \
  "$(echo "$J" | field '" ".join(str(e[k]["rank"]["park"]) for k in "丁丙甲乙己辛庚")')"
expect_eq "sector ranks" "1 2 3 1 2 3 4" \
  "$(echo "$J" | field '" ".join(str(e[k]["rank"]["sector"]) for k in "丙甲己丁乙辛庚")')"
# quota 25/25/25/25 of 7 scored: cum A = round(1.75) = 2, B = round(3.5) = 4,
# C = round(5.25) = 5, D = 7 → by score 丁 A 丙 A 甲 B 己 B 乙 C 辛 D 庚 D
expect_eq "classes by score" "A A B B C D D" \
  "$(echo "$J" | field '" ".join(e[k]["class_by_score"] for k in "丁丙甲己乙辛庚")')"
# rules: 己 安全生产事故 → D; 甲 未完成节能减排任务 → at best C; 庚 新投产 → not D
expect_eq "final classes after the rules" "A A C D C D C" \
  "$(echo "$J" | field '" ".join(e[k]["class"] for k in "丁丙甲己乙辛庚")')"
expect_eq "what moved them" "bar_ab force_d protected" \
  "$(echo "$J" | field '" ".join(e[k]["adjust"][0] for k in "甲己庚")')"
expect_eq "zone counts" "2 0 3 2 0 1 0" \
  "$(echo "$J" | field '" ".join(str(d["counts"][c]) for c in ["A","B","C","D","T","incomplete","none"])')"
expect_eq "by park: 南坪园 A B C D" "2 0 2 0" \
  "$(echo "$J" | field '" ".join(str(p["counts"][c]) for p in d["by_park"] if p["park"] == "南坪园" for c in "ABCD")')"
# 2023 had no facts, and 丁's tax was the months' 60 (20/亩, capped all the same): the
# classes by score above. Against it: 甲 B→C and 己 B→D down, 庚 D→C up, four the same.
expect_eq "moves since 2023" "1 2 4" \
  "$(echo "$J" | field '"%d %d %d" % (d["changes"]["up"], d["changes"]["down"], d["changes"]["same"])')"
expect_eq "甲 was B in 2023" "B" "$(echo "$J" | field 'e["甲"]["class_previous"]')"
# land (line 100万元/亩): 南坪园 23亩, idle 2 (P-01); 茶园 37亩: P-09 unused 7 idle,
# 己 D 20 + 辛 D 6 + 庚 360/4 = 90 < 100 → 4 inefficient = 30, revivable 37
expect_eq "land by park" "南坪园 23 2 0 2 茶园 37 7 30 37" \
  "$(echo "$J" | field '" ".join("%s %g %g %g %g" % (p["park"], p["area"], p["idle"], p["inefficient"], p["revivable"]) for p in d["land"]["parks"])')"
expect_eq "land in the zone" "60 9 30 39" \
  "$(echo "$J" | field '"%g %g %g %g" % tuple(d["land"]["zone"][k] for k in ("area","idle","inefficient","revivable"))')"

# stored: one row per enterprise and year; re-running replaces 2024 and keeps 2023
expect_eq "stored rows" "8|8" "$(q "$DB" "SELECT count(*) FILTER (WHERE year = 2023), count(*) FILTER (WHERE year = 2024) FROM mujun_results")"
pb evaluate --db "$DB" --year 2024 --scheme "$M/scheme.json" >/dev/null 2>&1
expect_eq "re-run replaces the year" "8|8|2" "$(q "$DB" "SELECT count(*) FILTER (WHERE year = 2023), count(*) FILTER (WHERE year = 2024), (SELECT count(*) FROM mujun_evaluations) FROM mujun_results")"
expect_eq "stored class of 己" "D" "$(q "$DB" "SELECT r.class FROM mujun_results r JOIN enterprises e ON e.id = r.enterprise_id WHERE r.year = 2024 AND e.name LIKE '%己%'")"
audits=$(q "$DB" "SELECT count(*) FROM audit_log WHERE entity LIKE '%mujun%' OR action LIKE '%mujun%' OR action LIKE '%evaluat%'")
[ "$audits" -ge 3 ] && ok "each save audited ($audits)" || fail "audit entries: $audits"
out=$(pb evaluate list --db "$DB")
case "$out" in *2023*2024*) ok "list shows both years";; *) fail "list: $out";; esac
before=$(dump_hash "$DB")
pb evaluate --db "$DB" --year 2024 --scheme "$M/scheme.json" --no-save >/dev/null 2>&1
expect_eq "--no-save writes nothing" "$before" "$(dump_hash "$DB")"

# the explanation of one enterprise, in text
out=$(pb evaluate --db "$DB" --year 2024 --scheme "$M/scheme.json" --no-save --enterprise 重庆甲电子有限公司 2>/dev/null)
for want in "亩均税收" "封顶" "132.00" "按得分：B类" "未完成节能减排任务" "最终等级：C类" "上年等级：B类"; do
  case "$out" in *"$want"*) ok "explanation says $want";; *) fail "explanation lacks $want: $out";; esac
done
out=$(pb evaluate --db "$DB" --year 2024 --scheme "$M/scheme.json" --no-save 2>/dev/null)
case "$out" in *"升级 1 家，降级 2 家，持平 4 家"*) ok "summary: the moves";; *) fail "summary: $out";; esac

# a year without any report: every enterprise absent, not evaluated (不参评, not 数据不全)
expect_eq "2022: nobody in the books" "8 0" "$(pb evaluate --db "$DB" --year 2022 --scheme "$M/scheme.json" --no-save --json 2>/dev/null | field '"%d %d" % (d["counts"]["none"], d["counts"]["incomplete"])')"
out=$(pb evaluate --db "$DB" --year 2022 --scheme "$M/scheme.json" --no-save --enterprise 重庆甲电子有限公司 2>/dev/null)
case "$out" in *"2022年度没有任何月报或评价数据"*) ok "... and the explanation says why";; *) fail "absent explanation: $out";; esac

# ---- what-if: A 50%, D none ----------------------------------------------------------
# cum A = round(3.5) = 4, B = round(5.25) = 5, C = 7: by score 丁 丙 甲 己 A, 乙 B, 辛 庚 C;
# rules: 己 D, 甲 C, 庚 C → against the base only 乙 C→B and 辛 D→C change
W=$(pb evaluate what-if --db "$DB" --year 2024 --scheme "$M/scheme.json" --set all.quota.A=50 --set all.quota.D=0 --json)
expect_eq "what-if changes" "乙:C>B 辛:D>C" \
  "$(echo "$W" | field '" ".join("%s:%s>%s" % (c["name"][2], c["class"], c["class_what_if"]) for c in d["changes"])')"
expect_eq "what-if counts" "2 1 3 1" "$(echo "$W" | field '" ".join(str(d["what_if"][c]) for c in "ABCD")')"
expect_eq "what-if saves nothing" "$before" "$(dump_hash "$DB")"
rc=0; err=$(pb evaluate what-if --db "$DB" --year 2024 --scheme "$M/scheme.json" --set all.quota.A=50 2>&1) || rc=$?
expect_eq "shares that no longer add up are refused" "1" "$rc"
case "$err" in *100*) ok "... saying they must sum to 100";; *) fail "quota message: $err";; esac
rc=0; err=$(pb evaluate what-if --db "$DB" --year 2024 --scheme "$M/scheme.json" --set all.nosuch.weight=5 2>&1) || rc=$?
expect_eq "unknown --set path refused" "1" "$rc"
case "$err" in *nosuch*) ok "... naming it";; *) fail "path message: $err";; esac

# ---- the shipped Linhai scheme, 2024 ----------------------------------------------------
# ≥3亩: 亩均税收/15×40 + 亩均销售收入/300×10 + 单位能耗增加值/3×20 + 单位COD排放增加值/500×15
#       + 单位用水量增加值/0.1×5 + 全员劳动生产率/15×10
# 甲: 12/15×40 = 32; 360/300×10 = 12; 900/150 = 6 → 40; 900/0.9 = 1000 → 30;
#     900/4500 = 0.2 → 10; 900/30 = 30 → 20: 144
# 乙: 7.5 → 20; 150 → 5; 240/120 = 2 → 13.3333; 240/0.96 = 250 → 7.5; 0.05 → 2.5;
#     240/24 = 10 → 6.6667: 55
# <3亩: 亩均税收/15×50 + 亩均销售收入/300×20 + 单位电耗税收/2×30
# 丙: 18 → 60; 240 → 16; 36万元/12万kWh = 3元/kWh → 45: 121
# 丁 (exactly 3亩, so ≥3) has no COD figure, 戊 no land, 己 庚 辛 no 增加值: 数据不全
L=$(pb evaluate --db "$DB" --year 2024 --scheme linhai --no-save --json 2>/dev/null)
expect_eq "Linhai totals" "144 55 121" "$(echo "$L" | field '" ".join("%g" % round(e[k]["total"], 6) for k in "甲乙丙")')"
expect_eq "Linhai groups" "ge3 ge3 lt3 ge3" \
  "$(echo "$L" | field '" ".join("ge3" if e[k]["group"] == d["groups"][0]["key"] else "lt3" for k in "甲乙丙丁")')"
expect_eq "Linhai incomplete" "incomplete incomplete incomplete incomplete incomplete" \
  "$(echo "$L" | field '" ".join(e[k]["class"] for k in "丁戊己庚辛")')"
expect_eq "丁's COD is what is missing" "True" \
  "$(echo "$L" | field '[i["missing"] for i in e["丁"]["indicators"] if "cod" in i["key"].lower() or "COD" in i["name"]][0]')"

# ---- the workbook -------------------------------------------------------------------
pb evaluate --db "$DB" --year 2024 --scheme "$M/scheme.json" --no-save --xlsx "$WORK/亩均.xlsx" >/dev/null 2>&1
sheets=$(python3 -c '
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
print(" ".join(re.findall(r"<sheet name=\"([^\"]+)\"", z.read("xl/workbook.xml").decode())))' "$WORK/亩均.xlsx")
expect_eq "workbook sheets" "公示名单 按园区 按行业 指标得分 等级变化 闲置低效用地 差别化政策" "$sheets"
shared=$(unzip -p "$WORK/亩均.xlsx" xl/sharedStrings.xml)
for want in 重庆丁装备有限公司 "A类（优先发展）" 数据不全 P-09 加价0.05元; do
  case "$shared" in *"$want"*) ok "workbook has $want";; *) fail "workbook lacks $want";; esac
done

# ---- errors ---------------------------------------------------------------------------
rc=0; pb evaluate --db "$DB" >/dev/null 2>&1 || rc=$?
expect_eq "--year is required" "2" "$rc"
rc=0; err=$(pb evaluate --db "$DB" --year 2024 --scheme nosuch 2>&1) || rc=$?
expect_eq "unknown scheme" "1" "$rc"
case "$err" in *chongqing-demo*) ok "... listing the shipped ones";; *) fail "scheme message: $err";; esac
rc=0; pb evaluate --db "$WORK/none.db" --year 2024 >/dev/null 2>&1 || rc=$?
expect_eq "no such database" "1" "$rc"
[ ! -e "$WORK/none.db" ] && ok "... and none is created" || fail "a database was created"
rc=0; err=$(pb evaluate --db "$DB" --year 2024 --scheme "$M/scheme.json" --no-save --enterprise 不存在的公司 2>&1) || rc=$?
expect_eq "unknown enterprise" "1" "$rc"
printf '{"key":"x","name":"坏方案","groups":[{"key":"g","name":"组","indicators":[{"key":"t","name":"税","numerator":"tax","denominator":"land","baseline":-1,"weight":1}]}]}' >"$WORK/bad.json"
rc=0; err=$(pb evaluate --db "$DB" --year 2024 --scheme "$WORK/bad.json" 2>&1) || rc=$?
expect_eq "bad scheme refused" "1" "$rc"
case "$err" in *baseline*) ok "... naming the field";; *) fail "bad scheme message: $err";; esac
expect_eq "a refused run changes nothing" "$before" "$(dump_hash "$DB")"

# ---- the demo zone ------------------------------------------------------------------
pb demo --db "$WORK/demo.db" >/dev/null 2>&1
# the plan: 南岸区 industrial land yields 660万元/亩 on average (2020)
avg=$(q "$WORK/demo.db" "SELECT round((SELECT sum(gross_output) FROM monthly_reports WHERE month BETWEEN 202001 AND 202012) / (SELECT sum(area) FROM land_plots))")
expect_eq "demo: 2020 output per 亩" "660.0" "$avg"
expect_eq "demo: 维沃 160.2亩" "160.2" "$(q "$WORK/demo.db" "SELECT sum(area) FROM land_plots p JOIN enterprises e ON e.id = p.enterprise_id WHERE e.name LIKE '维沃%'")"
# 维沃 9000万元/亩 × 160.2亩 = 144.18亿元 in 2020
expect_eq "demo: 维沃's 2020 output per 亩" "9000.0" "$(q "$WORK/demo.db" "SELECT round(sum(m.gross_output) / 160.2) FROM monthly_reports m JOIN enterprises e ON e.id = m.enterprise_id WHERE e.name LIKE '维沃%' AND m.month BETWEEN 202001 AND 202012")"
# 表2-1: 规模工业增加值 220.4亿元 in 2020
expect_eq "demo: 2020 增加值" "220.4" "$(q "$WORK/demo.db" "SELECT round(sum(value_added) / 10000, 1) FROM mujun_data WHERE year = 2020")"
D=$(pb evaluate --db "$WORK/demo.db" --year 2025 --json 2>/dev/null)
expect_eq "demo: every enterprise evaluated" "175" "$(echo "$D" | field 'd["enterprises_total"]')"
# quota 25/45/25/5 of the scored: A about a quarter, D at least the vetoed
n=$(echo "$D" | field 'sum(d["counts"][c] for c in "ABCD")')
a=$(echo "$D" | field 'd["counts"]["A"]')
[ "$n" -ge 150 ] && ok "demo: $n classed" || fail "demo: only $n classed"
python3 -c "import sys; n, a = int(sys.argv[1]), int(sys.argv[2]); sys.exit(0 if abs(a - n * 0.25) <= 2 else 1)" "$n" "$a" \
  && ok "demo: A is a quarter ($a of $n)" || fail "demo: A $a of $n"
expect_eq "demo: the safety accident is D" "D" \
  "$(echo "$D" | field '[x["class"] for x in d["enterprises"] if any(r["key"] == "safety_accident" for r in x["rules"])][0]')"
finish
