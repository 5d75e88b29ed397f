#!/usr/bin/env bash
# `parkbrain pipeline`: a period's figures by park, worked by hand on five projects (the
# same ones as tests/unit/test_pipeline.c, through the importer and the store this time).
source "$(dirname "$0")/lib.sh"
DB=$WORK/zone.db
cd "$WORK"
printf '园区名称\n园区甲\n园区乙\n' > parks.csv
# P0 3亿 (亿元级), P1 12亿 (10亿级), P2 no value, P3 25亿 (20亿级), P4 0.8亿 (亿元以下)
cat > projects.csv <<'CSV'
项目名称,所属园区,招商团队,投资方来源地,内外资,合同金额（万元）,行业代码
P0,园区甲,一组,广东省深圳市,内资,30000,3922
P1,园区甲,一组,广东东莞,内资,120000,C3670
P2,园区乙,二组,德国,外资,,
P3,园区乙,二组,上海,内资,250000,C3919
P4,园区乙,一组,,内资,8000,1499
CSV
cat > stages.csv <<'CSV'
项目名称,阶段,日期,说明
P0,线索,2025-01-10,
P0,在谈,2025-02-01,
P0,签约,2025-03-15,
P0,注册,2025-04-01,
P0,开工,2025-06-10,供地手续并联办理
P1,线索,2024-11-20,
P1,签约,2025-02-20,快速签约
P1,终止,2025-05-05,投资方战略调整
P2,线索,2025-03-01,
P2,在谈,2025-03-20,
P3,线索,2024-06-01,
P3,在谈,2024-07-01,
P3,签约,2024-12-01,
P3,供地,2025-01-05,注册在区外
P3,开工,2025-03-01,
P3,竣工投产,2025-06-30,
P4,线索,2025-01-01,
P4,在谈,2025-01-10,
P4,签约,2025-01-15,
P4,开工,2025-01-20,误报
P4,签约,2025-01-25,更正误报
CSV
cat > funds.csv <<'CSV'
项目名称,月份,固定资产投资到位（万元）,流动资金到位（万元）
P0,2025-03,5000,1000
P0,2025-07,2000,0
P3,2025-01,10000,
P3,2024-12,4000,500
P1,2025-03,3000,
CSV
for k in parks projects; do pb import --db "$DB" $k $k.csv >/dev/null; done
pb import --db "$DB" project-stages stages.csv >/dev/null
pb import --db "$DB" project-funds funds.csv >/dev/null

pb pipeline --db "$DB" --from 2025-01-01 --to 2025-06-30 --json > h1.json
j() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' h1.json "$1"; }
expect_eq "two parks, in their order" "['园区甲', '园区乙']" "$(j '[g["name"] for g in d["groups"]]')"
# 园区甲: P0 and P1 both signed in the half (3 + 12 = 15亿 = 150000万元); funds of the
# half 6000 + 3000; 到位率 9000 / 150000 = 0.06; P0 started, P1 dropped: 开工率 1/2
expect_eq "甲: projects, signed, value" "2 2 150000.0" "$(j '" ".join(str(x) for x in (d["groups"][0]["projects"], d["groups"][0]["entered"]["signed"], d["groups"][0]["signed_value"]))')"
expect_eq "甲: funds, 到位率, 开工率, 投产率" "9000.0 0.06 0.5 0.0" "$(j '" ".join(str(round(d["groups"][0][k], 9)) for k in ("funds", "rate_funds", "rate_started", "rate_producing"))')"
# days: P0 01-10→02-01 22, 02-01→03-15 42, 03-15→04-01 17; P1's 在谈 was filled in
expect_eq "甲: days between stages" "22.0 42.0 17.0 None" "$(j '" ".join(str(d["groups"][0]["days"][k]["mean"]) for k in ("lead", "talks", "signed", "registered"))')"
expect_eq "甲: held at the end" "1 1" "$(j '" ".join(str(d["groups"][0]["held"][k]) for k in ("started", "dropped"))')"
# 园区乙: P4 signed (0.8亿), its start undone; P3's January 10000 in the half; P2 and P4
# lead→talks 19 and 9 days: 14; P3 供地→开工 55, 开工→投产 121
expect_eq "乙: signed, value, funds, 开工率" "1 8000.0 10000.0 0.0" "$(j '" ".join(str(x) for x in (d["groups"][1]["entered"]["signed"], d["groups"][1]["signed_value"], d["groups"][1]["funds"], d["groups"][1]["rate_started"]))')"
expect_eq "乙: days" "14.0 55.0 121.0" "$(j '" ".join(str(d["groups"][1]["days"][k]["mean"]) for k in ("lead", "land", "started"))')"
# the total: 5 projects, 3 signed for 158000, 19000 in place, 开工率 1/3
expect_eq "total" "5 3 158000.0 19000.0 0.333333" "$(j '" ".join(str(round(x, 6)) for x in (d["total"]["projects"], d["total"]["entered"]["signed"], d["total"]["signed_value"], d["total"]["funds"], d["total"]["rate_started"]))')"
expect_eq "bands of the half's signings" "1 1 0 1" "$(j '" ".join(str(d["total"]["bands"][k]) for k in ("亿元以下", "亿元级", "20亿级", "10亿级"))')"
# held up on 06-30 (limits: 签约 90 days): P4 signed 01-15, 166 days
expect_eq "held up" "P4 signed 166" "$(j '" ".join(" ".join(str(s[k]) for k in ("name", "stage", "days")) for s in d["stuck"])')"

# by origin: 广东 (P0, P1), 上海 (P3), 德国 (P2 as written), (未填) (P4) last
pb pipeline --db "$DB" --from 2025-01-01 --to 2025-06-30 --group origin --json > h1.json
expect_eq "origins by province" "['上海', '广东', '德国', '（未填）']" "$(j '[g["name"] for g in d["groups"]]')"
pb pipeline --db "$DB" --from 2025-01-01 --to 2025-06-30 --group funding --json > h1.json
expect_eq "内资 then 外资" "['内资', '外资']" "$(j '[g["name"] for g in d["groups"]]')"
# by 行业大类, in the classification's order, the project without a code last: C14 (P4),
# C36 (P1), C39 (P0 and P3), (未填) (P2)
pb pipeline --db "$DB" --from 2025-01-01 --to 2025-06-30 --group industry --json > h1.json
expect_eq "industry divisions" "['食品制造业', '汽车制造业', '计算机、通信和其他电子设备制造业', '（未填）']" "$(j '[g["name"] for g in d["groups"]]')"
expect_eq "... C39 holds P0 and P3" "2" "$(j 'd["groups"][2]["projects"]')"
# a group with nobody signed: no rate, not 0
pb pipeline --db "$DB" --from 2025-01-01 --to 2025-06-30 --group team --json > h1.json
expect_eq "二组's 到位率 is null: nothing signed in the half" "None 0" "$(j 'str(d["groups"][1]["rate_funds"]) + " " + str(d["groups"][1]["entered"]["signed"])')"

# the text table
out=$(pb pipeline --db "$DB" --from 2025-01-01 --to 2025-06-30)
case "$out" in *"合计"*"15.80"*"1.90"*"5.7%"*"33.3%"*) ok "text total in 亿元";; *) fail "text: $out";; esac
# the heading gives the period's days (not only its months)
expect_eq "text heading" "招商项目 2025-01-10 至 2025-06-30，按园区；金额：亿元" "$(pb pipeline --db "$DB" --from 2025-01-10 --to 2025-06-30 | head -1)"
case "$out" in *"P4（园区乙）「签约」自 2025-01-15 起 166 天（限 90 天）"*) ok "text held up";; *) fail "text stuck: $out";; esac
rc=0; pb pipeline --db "$DB" --from 2025-07-01 --to 2025-06-30 2>/dev/null || rc=$?
expect_eq "a period backwards refused (exit 1: bad input)" 1 "$rc"
rc=0; pb pipeline --db "$DB" --group nope 2>/dev/null || rc=$?
expect_eq "unknown grouping" 2 "$rc"
# the default period: the year of the latest event (P3 竣工投产 2025-06-30), whole
expect_eq "default period" "2025-01-01 2025-12-31" "$(pb pipeline --db "$DB" --json | jq -r '.from + " " + .to')"
expect_eq "--year 2024" "2024-01-01 2024-12-31 1" "$(pb pipeline --db "$DB" --year 2024 --json | jq -r '.from + " " + .to + " " + (.total.entered.signed | tostring)')"
for bad in 2024x x 1800; do
  rc=0; pb pipeline --db "$DB" --year "$bad" >/dev/null 2>&1 || rc=$?
  expect_eq "--year $bad refused" 2 "$rc"
done
finish
