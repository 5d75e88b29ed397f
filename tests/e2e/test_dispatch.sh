#!/usr/bin/env bash
# `parkbrain dispatch` and the dispatch API on a small zone worked by hand (docs/metrics.md,
# "The monthly dispatch"): two parks, two teams, four projects, March 2025.
#   A 园区甲/一组 5亿: 线索 01-05, 签约 02-10, 开工 03-12 (注册, 供地 filled in)
#   B 园区甲/二组: 线索 03-02, 在谈 03-20
#   C 园区乙/一组 3亿: 线索 2024-10-01, 签约 03-05
#   D 园区乙/二组: 线索 2024-11-01 (held up at 03-31: 150 days > 90)
# (A is foreign-funded, 制造业 C3922, planned 6亿; B 内资 I65 软件和信息技术服务; C 内资 M73
# 研究和试验发展; D foreign-funded, no industry.)
# 履约率 over 2024-04..2025-03: E 园区甲 in production since 2024-03-01, linked to 甲企业,
# promised 1500 a year: 甲企业 reported 1100 in the window (its 1000 of 2024-03 is before
# it): 0.73, not kept; F 园区乙 since 2024-03-15, 乙企业, promised 800: 900, kept; G 园区乙
# since 2024-06-01: not a whole year, not assessed. 甲 0 of 1, 乙 1 of 1, the zone 1 of 2.
# funds: A 02 5000, A 03 3000 + 1000, C 03 6000; targets 2025: 全区 4 / 20亿 / 4亿 / 2 / 1,
# 甲 2 / 10亿 / 2亿 / 2 / —, 乙 2 / 10亿 / 2亿 / 1 / —; activities in March: 甲 a visit made
# and one received, 乙 a visit made, an event and a publicity item; 工业总产值 of March: 甲's
# enterprise 1100 against its own 1000 of March 2024 (+10%), 乙's 900 against the 1000 it
# reported as 上年同期 (−10%).
source "$(dirname "$0")/lib.sh"
DB=$WORK/zone.db
cd "$WORK"
printf '园区名称\n园区甲\n园区乙\n' > parks.csv
cat > projects.csv <<'CSV'
项目名称,所属园区,招商团队,合同金额（万元）,内外资,行业代码,计划投资（万元）,统一社会信用代码,承诺年产值（万元）
A,园区甲,一组,50000,外资,C3922,60000,,
B,园区甲,二组,,内资,I65,,,
C,园区乙,一组,30000,内资,M73,,,
D,园区乙,二组,,外资,,,,
E,园区甲,,,,,,91500108314159014J,1500
F,园区乙,,,,,,91500108314159022D,800
G,园区乙,,,,,,91500108314159022D,100
CSV
cat > stages.csv <<'CSV'
项目名称,阶段,日期,说明
A,线索,2025-01-05,
A,签约,2025-02-10,快速签约
A,开工,2025-03-12,并联审批
B,线索,2025-03-02,
B,在谈,2025-03-20,
C,线索,2024-10-01,
C,签约,2025-03-05,快速签约
D,线索,2024-11-01,
E,竣工投产,2024-03-01,
F,竣工投产,2024-03-15,
G,竣工投产,2024-06-01,
CSV
cat > funds.csv <<'CSV'
项目名称,月份,固定资产投资到位（万元）,流动资金到位（万元）
A,2025-02,5000,
A,2025-03,3000,1000
C,2025-03,6000,
CSV
cat > targets.csv <<'CSV'
年度,层级,名称,签约项目数,签约金额（万元）,到位资金（万元）,开工项目数,投产项目数
2025,全区,全区,4,200000,40000,2,1
2025,园区,园区甲,2,100000,20000,2,
2025,园区,园区乙,2,100000,20000,1,
CSV
cat > activities.csv <<'CSV'
日期,类型,主题,所属园区,招商团队
2025-03-03,外出拜访,赴深圳拜访,园区甲,一组
2025-03-04,企业到访,客商来访,园区甲,二组
2025-03-18,招商活动,推介会,园区乙,一组
2025-03-19,新闻宣传,专题报道,园区乙,
2025-03-25,外出拜访,赴上海拜访,园区乙,二组
2025-04-02,外出拜访,四月的拜访,园区乙,二组
CSV
cat > enterprises.csv <<'CSV'
统一社会信用代码,企业名称,行业代码,产业板块,企业类型,所属园区
91500108314159014J,甲企业,C3922,电子信息,骨干,园区甲
91500108314159022D,乙企业,C3670,汽车,骨干,园区乙
CSV
cat > monthly.csv <<'CSV'
统一社会信用代码,月份,工业总产值,工业总产值（上年同期）
91500108314159014J,2024-03,1000,
91500108314159014J,2025-03,1100,
91500108314159022D,2025-03,900,1000
CSV
for k in parks enterprises projects monthly; do pb import --db "$DB" $k $k.csv >/dev/null; done
pb import --db "$DB" project-stages stages.csv >/dev/null 2>&1
pb import --db "$DB" project-funds funds.csv >/dev/null
pb import --db "$DB" pipeline-targets targets.csv >/dev/null
pb import --db "$DB" activities activities.csv >/dev/null

pb dispatch --db "$DB" --month 2025-03 --json > d.json
j() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' d.json "$1"; }
F='("signed_count", "signed_value", "funds", "started_count", "producing_count")'
row() { j "\" \".join(str(d$1[\"$2\"][k]) for k in $F)"; }
expect_eq "parks and teams" "['园区甲', '园区乙'] ['一组', '二组']" "$(j 'str([p["name"] for p in d["parks"]]) + " " + str([t["name"] for t in d["teams"]])')"
# 甲 in March: nothing signed (A in February), A's 3000 + 1000, A started
expect_eq "甲 this month" "0.0 0.0 4000.0 1.0 0.0" "$(row '["parks"][0]' month)"
expect_eq "甲 1-3月" "1.0 50000.0 9000.0 1.0 0.0" "$(row '["parks"][0]' ytd)"
# 完成率: 1/2, 5亿/10亿, 9000/20000, 1/2, no target
expect_eq "甲 完成率" "0.5 0.5 0.45 0.5 None" "$(row '["parks"][0]' rate)"
expect_eq "乙 1-3月" "1.0 30000.0 6000.0 0.0 0.0" "$(row '["parks"][1]' ytd)"
expect_eq "乙 完成率" "0.5 0.3 0.3 0.0 None" "$(row '["parks"][1]' rate)"
expect_eq "the zone's 完成率" "0.5 0.4 0.375 0.5 0.0" "$(j '" ".join(str(d["total"]["rate"][k]) for k in '"$F"')')"
expect_eq "一组 1-3月 (A and C)" "2.0 80000.0 15000.0 1.0 0.0" "$(row '["teams"][0]' ytd)"
# moved in March, by day; the stages filled in by skips (A's 注册 and 供地, C's 在谈) are not moves
expect_eq "moved" "B:lead:2025-03-02 C:signed:2025-03-05 A:started:2025-03-12 B:talks:2025-03-20" \
  "$(j '" ".join(m["name"] + ":" + m["stage"] + ":" + m["date"] for m in d["moved"])')"
expect_eq "held up" "D lead 150 90" "$(j '" ".join(" ".join(str(s[k]) for k in ("name", "stage", "days", "limit")) for s in d["stuck"])')"
expect_eq "履约率 甲 乙 zone" "0.0 1.0 0.5" "$(j '" ".join(str(u["ytd"]["comply_rate"]) for u in d["parks"] + [d["total"]])')"
expect_eq "履约率 in both columns" "0.0 1.0 0.5" "$(j '" ".join(str(u["month"]["comply_rate"]) for u in d["parks"] + [d["total"]])')"
expect_eq "assessed and kept" "1 0 1 1 2 1" "$(j '" ".join("%d %d" % (u["comply_assessed"], u["comply_kept"]) for u in d["parks"] + [d["total"]])')"
expect_eq "履约率榜" "园区乙 1 100.0 园区甲 2 0.0" "$(j '" ".join(p["name"] + " " + str(p["rank"]) + " " + str(round(p["score"], 6)) for p in d["ranking"]["ytd"]["lists"][4]["parks"])')"
# the overall ranking, 1-3月 (targets × 3/12, points capped at 150): 甲 150 on every target
# part, 履约率 0: (30+25+20+15) × 150 / 100 = 135; 乙 value 30000/25000 = 120, funds 120,
# starts 0, count 150, 履约率 the leader's 100: (3600 + 3000 + 0 + 2250 + 1000) / 100 = 98.5
expect_eq "overall 1-3月" "园区甲 1 135.0 园区乙 2 98.5" "$(j '" ".join(p["name"] + " " + str(p["rank"]) + " " + str(round(p["score"], 6)) for p in d["ranking"]["ytd"]["lists"][0]["parks"])')"
# March alone (targets ÷ 12): 甲 funds and starts capped 150: (25 + 20) × 1.5 = 67.5; 乙 value,
# funds and count 150, starts 0, 履约率 100: (30 + 25 + 15) × 1.5 + 10 = 115
expect_eq "overall March" "园区乙 1 115.0 园区甲 2 67.5" "$(j '" ".join(p["name"] + " " + str(p["rank"]) + " " + str(round(p["score"], 6)) for p in d["ranking"]["month"]["lists"][0]["parks"])')"
expect_eq "签约金额榜 1-3月" "园区甲 100.0 园区乙 60.0" "$(j '" ".join(p["name"] + " " + str(round(p["score"], 6)) for p in d["ranking"]["ytd"]["lists"][1]["parks"])')"
# teams have no targets and no 履约率: both 0, tied first
expect_eq "teams tied" "1 1" "$(j '" ".join(str(t["rank"]) for t in d["ranking"]["ytd"]["lists"][0]["teams"])')"
expect_eq "the lists" "overall signed_value funds started comply attainment attract_major attract_new major_started foreign" "$(j '" ".join(l["key"] for l in d["ranking"]["ytd"]["lists"])')"
# the single-topic figures (signed_value_mfg, signed_value_new, major_started_count,
# funds_foreign): 甲 1-3月 A's 5亿 (C3922), nothing of I/M (B signed nothing), A started and is
# major (planned 6亿 ≥ 1亿), A's funds 5000 + 3000 + 1000; in March only the start and 4000;
# 乙 C's 3亿 (M73), C not started, C's 6000 is domestic; 一组 (A and C) both; 二组 nothing
T='("signed_value_mfg", "signed_value_new", "major_started_count", "funds_foreign")'
trow() { j "\" \".join(str(d$1[\"$2\"][k]) for k in $T)"; }
expect_eq "甲 single-topic 1-3月" "50000.0 0.0 1.0 9000.0" "$(trow '["parks"][0]' ytd)"
expect_eq "甲 single-topic March" "0.0 0.0 1.0 4000.0" "$(trow '["parks"][0]' month)"
expect_eq "乙 single-topic 1-3月" "0.0 30000.0 0.0 0.0" "$(trow '["parks"][1]' ytd)"
expect_eq "一组 single-topic 1-3月" "50000.0 30000.0 1.0 9000.0" "$(trow '["teams"][0]' ytd)"
expect_eq "二组 single-topic 1-3月" "0.0 0.0 0.0 0.0" "$(trow '["teams"][1]' ytd)"
expect_eq "the zone's single-topic 1-3月" "50000.0 30000.0 1.0 9000.0" "$(trow '["total"]' ytd)"
# the lists by the leader: 招大引强 甲 100 乙 0; 招新引优 乙 100 甲 0; 重大项目开工 and 外资引资
# 甲 100 乙 0; in March nobody signed 制造业: both 0, tied first
L() { j "\" \".join(p[\"name\"] + \" \" + str(p[\"rank\"]) + \" \" + str(round(p[\"score\"], 6)) for p in [l for l in d[\"ranking\"][\"$1\"][\"lists\"] if l[\"key\"] == \"$2\"][0][\"parks\"])"; }
expect_eq "招大引强榜 1-3月" "园区甲 1 100.0 园区乙 2 0.0" "$(L ytd attract_major)"
expect_eq "招新引优榜 1-3月" "园区乙 1 100.0 园区甲 2 0.0" "$(L ytd attract_new)"
expect_eq "重大项目开工榜 1-3月" "园区甲 1 100.0 园区乙 2 0.0" "$(L ytd major_started)"
expect_eq "外资引资榜 1-3月" "园区甲 1 100.0 园区乙 2 0.0" "$(L ytd foreign)"
expect_eq "招大引强榜 March" "园区甲 1 0.0 园区乙 1 0.0" "$(L month attract_major)"
expect_eq "the threshold shown" "10000.0" "$(j 'd["ranking"]["ytd"]["major_project_min"]')"
# the threshold is configuration: at 5.5亿 A is still major by its planned 6亿 (its contract
# 5亿 is not what counts), at 7亿 it is not
for x in "55000 1.0" "70000 0.0"; do
  set -- $x
  printf '{"ranking": [{"key": "m", "name": "M", "parts": [{"figure": "major_started_count", "norm": "max", "weight": 1}]}], "activity": {"parts": [{"figure": "events", "norm": "max", "weight": 1}]}, "major_project_min": %s}' "$1" > major.json
  pb dispatch --db "$DB" --month 2025-03 --config major.json --json > m.json
  expect_eq "major at $1 万元: 甲's starts" "$2" "$(python3 -c 'import json; print(json.load(open("m.json"))["parks"][0]["ytd"]["major_started_count"])')"
done
printf '{"ranking": [{"key": "m", "name": "M", "parts": [{"figure": "funds", "norm": "max", "weight": 1}]}], "activity": {"parts": [{"figure": "events", "norm": "max", "weight": 1}]}, "major_project_min": 0}' > major0.json
pb dispatch --db "$DB" --month 2025-03 --config major0.json > /dev/null 2> major0.err && fail "a threshold of 0 is refused" || ok "a threshold of 0 is refused"
expect_eq "... naming it" 1 "$(grep -c 'major_project_min' major0.err)"
# the activity index, the week of 03-17..03-23: 甲 B entered 在谈 only (no sub-index) and
# March's growth, the higher: 10; 乙 an event and publicity: 10 + 5 = 15
W='[i for i, p in enumerate(d["activity"]["periods"]) if p["from"] == "2025-03-17"][0]'
expect_eq "weeks to March's end" "2025-01-01 2025-01-05 2025-03-31 2025-03-31" \
  "$(j '" ".join((d["activity"]["periods"][0]["from"], d["activity"]["periods"][0]["to"], d["activity"]["periods"][-1]["from"], d["activity"]["periods"][-1]["to"]))')"
expect_eq "activity week of 03-17" "10.0 15.0" "$(j '" ".join(str(round(p["index"]['"$W"'], 6)) for p in d["activity"]["parks"])')"

# by month: March 甲 starts 1, visits out 1, in 1; 乙 signings 1, visit out 1, event 1,
# publicity 1 (April's visit is not in March), growth 甲 +10% (100 points by range), 乙 −10%
# (0): 甲 20 + 15 + 15 + 10 = 60, 乙 25 + 15 + 10 + 5 = 55; February 甲 signed A: 25, 乙 0
# (no output reported: no growth points); January nothing: 0 and 0
serve "$DB"
printf 'Analyst-pass-2026\n' | pb user add ana --db "$DB" --role analyst --password-stdin >/dev/null
printf 'Park-pass-2026\n' | pb user add jia --db "$DB" --role park --park 园区甲 --password-stdin >/dev/null
call() { local name=$1 user=$2; shift 2
  curl -s -o "$WORK/$name.b" -w '%{http_code}' -b "$WORK/$user.jar" -c "$WORK/$user.jar" "$@"; }
login() { call "login_$1" "$1" -H 'Content-Type: application/json' -d "{\"name\":\"$1\",\"password\":\"$2\"}" "$URL/api/v1/session"; }
jb() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$WORK/$1.b" "$2"; }
expect_eq "analyst signs in" 200 "$(login ana Analyst-pass-2026)"
expect_eq "park operator signs in" 200 "$(login jia Park-pass-2026)"
expect_eq "GET /activity?by=month" 200 "$(call am ana "$URL/api/v1/activity?month=2025-03&by=month")"
expect_eq "March's growth, by park" "10.0 -10.0" "$(jb am '" ".join(str(round(p["figures"][2][6], 6)) for p in d["parks"])')"
expect_eq "activity by month" "[0.0, 25.0, 60.0] [0.0, 0.0, 55.0]" "$(jb am '" ".join(str([round(x, 6) for x in p["index"]]) for p in d["parks"])')"
expect_eq "GET /dispatch (analyst)" 200 "$(call da ana "$URL/api/v1/dispatch?month=2025-03")"
# the same report as the command's (the command prints 12 significant digits, the API 17)
same() { python3 - "$1" "$2" <<'PY'
import json, sys
def r(x):
    if isinstance(x, float): return float('%.9g' % x)
    if isinstance(x, list): return [r(v) for v in x]
    if isinstance(x, dict): return {k: r(v) for k, v in x.items()}
    return x
print(r(json.load(open(sys.argv[1]))) == r(json.load(open(sys.argv[2]))))
PY
}
expect_eq "the API's report is the command's" True "$(same d.json "$WORK/da.b")"
expect_eq "GET /ranking?period=month" 200 "$(call rm ana "$URL/api/v1/ranking?month=2025-03&period=month")"
expect_eq "ranking month, first" "园区乙" "$(jb rm 'd["lists"][0]["parks"][0]["name"]')"
expect_eq "a bad period" 400 "$(call rb ana "$URL/api/v1/ranking?month=2025-03&period=year")"
expect_eq "a bad month" 400 "$(call mb ana "$URL/api/v1/dispatch?month=2025-13")"
# a park operator: its park's rows only, no teams or total, its projects only; the whole
# ranking's ranks and scores, the figures and points of its own park only
expect_eq "GET /dispatch (park)" 200 "$(call dp jia "$URL/api/v1/dispatch?month=2025-03")"
expect_eq "park: own rows" "['园区甲'] [] None" "$(jb dp 'str([p["name"] for p in d["parks"]]) + " " + str(d["teams"]) + " " + str(d["total"])')"
expect_eq "park: own moves, nothing held up" "B A B []" "$(jb dp '" ".join(m["name"] for m in d["moved"]) + " " + str(d["stuck"])')"
expect_eq "park: the whole ranking, figures of its own" "园区甲:True 园区乙:False" \
  "$(jb dp '" ".join(p["name"] + ":" + str("points" in p) for p in d["ranking"]["ytd"]["lists"][0]["parks"])')"
expect_eq "park: teams' figures hidden" "False" "$(jb dp 'any("values" in t for t in d["ranking"]["ytd"]["lists"][0]["teams"])')"
expect_eq "park: activity figures of its own" "True False" "$(jb dp '" ".join(str("figures" in p) for p in d["activity"]["parks"])')"
# a configuration with a misspelt key is refused, naming where
printf '{"ranking": [{"key": "a", "name": "A", "parts": [{"figure": "funds", "norm": "max", "wieght": 1}]}], "activity": {"parts": [{"figure": "events", "norm": "max", "weight": 1}]}}' > bad.json
pb dispatch --db "$DB" --month 2025-03 --config bad.json > /dev/null 2> bad.err && fail "a bad config is refused" || ok "a bad config is refused"
expect_eq "... naming the JSON path" 1 "$(grep -c 'ranking\[0\].parts\[0\].wieght' bad.err)"
# the workbook
expect_eq "GET /dispatch.xlsx" 200 "$(call dx ana "$URL/api/v1/dispatch.xlsx?month=2025-03")"
expect_eq "GET /dispatch?format=xlsx" 200 "$(call dfx ana "$URL/api/v1/dispatch?month=2025-03&format=xlsx")"
expect_eq "... a workbook" "PK" "$(head -c 2 "$WORK/dfx.b")"
expect_eq "a bad format" 400 "$(call dfb ana "$URL/api/v1/dispatch?month=2025-03&format=pdf")"
pb dispatch --db "$DB" --month 2025-03 --xlsx "$WORK/d.xlsx"
for f in "$WORK/dx.b" "$WORK/d.xlsx"; do
  expect_eq "sheets of $(basename "$f")" "目标完成 本月进展 久滞项目 赛马榜-综合排名 赛马榜-签约金额榜 赛马榜-到位资金榜 赛马榜-项目开工榜 赛马榜-履约率榜 赛马榜-目标完成率榜 赛马榜-招大引强榜 赛马榜-招新引优榜 赛马榜-重大项目开工榜 赛马榜-外资引资榜 活跃指数" \
    "$(python3 -c 'import re, sys, zipfile; print(" ".join(re.findall(r"<sheet name=\"([^\"]*)\"", zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode())))' "$f")"
done
expect_eq "A4 landscape, header repeated" "1 1" "$(python3 -c 'import re, sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); s = z.read("xl/worksheets/sheet1.xml").decode(); w = z.read("xl/workbook.xml").decode(); print(int("paperSize=\"9\"" in s and "landscape" in s), int("_xlnm.Print_Titles" in w))' "$WORK/d.xlsx")"
# every sheet prints A4, one page wide, with its header repeated
expect_eq "every sheet: A4, fit to width, titles" "14 14 14" "$(python3 -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
ws = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
a4 = sum("paperSize=\"9\"" in z.read(n).decode() for n in ws)
fit = sum("<pageSetUpPr fitToPage=\"1\"/>" in (x := z.read(n).decode()) and "fitToHeight=\"0\"" in x for n in ws)
print(a4, fit, len(re.findall("_xlnm.Print_Titles", z.read("xl/workbook.xml").decode())))' "$WORK/d.xlsx")"
# the 重大项目开工榜's sheet says what a major project is
# a ranking sheet's rows as "名次 园区 得分 | figure, points ..." (cells by the sheet's order)
rank_rows() { python3 - "$1" "$2" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = re.findall(r'<sheet name="([^"]*)"', z.read("xl/workbook.xml").decode())
ss = [re.sub(r"<[^>]+>", "", s) for s in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
x = z.read("xl/worksheets/sheet%d.xml" % (names.index(sys.argv[2]) + 1)).decode()
out = []
for row in re.findall(r"<row [^>]*>(.*?)</row>", x, re.S):
    cells = []
    for t, v in re.findall(r'<c r="[A-Z]+\d+"(?: s="\d+")?( t="s")?[^>]*>(?:<f>[^<]*</f>)?<v>([^<]*)</v>', row):
        cells.append(ss[int(v)] if t else ("%g" % float(v)))
    out.append(" ".join(cells))
print("|".join(out[1:]))
PY
}
# 签约金额榜 (1–3月, by the leader): 甲 A 50000 万元 → 100; 乙 C 30000 → 60. 外资引资榜: A's
# funds 5000 + 3000 + 1000 = 9000 → 100; 乙's foreign D has none: 0 → 0.
expect_eq "the workbook's 签约金额榜: the figure in 万元 beside its points" \
  "名次 园区 得分 签约金额（万元） 签约金额 得分（权重 1）|1 园区甲 100 50000 100|2 园区乙 60 30000 60" \
  "$(rank_rows "$WORK/d.xlsx" 赛马榜-签约金额榜 | cut -d'|' -f2-4)"
expect_eq "... 外资引资榜" "1 园区甲 100 9000 100|2 园区乙 0 0 0" \
  "$(rank_rows "$WORK/d.xlsx" 赛马榜-外资引资榜 | cut -d'|' -f3-4)"
expect_eq "the threshold in the workbook" 1 "$(python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(int("不低于 10000 万元" in z.read("xl/sharedStrings.xml").decode()))' "$WORK/d.xlsx")"
# two lists of one name: the second's tab is numbered (Excel refuses a tab twice)
printf '{"ranking": [{"key": "a", "name": "签约榜", "parts": [{"figure": "funds", "norm": "max", "weight": 1}]}, {"key": "b", "name": "签约榜", "parts": [{"figure": "signed_value", "norm": "max", "weight": 1}]}], "activity": {"parts": [{"figure": "events", "norm": "max", "weight": 1}]}}' > twice.json
pb dispatch --db "$DB" --month 2025-03 --config twice.json --xlsx "$WORK/twice.xlsx"
expect_eq "tabs of two lists of one name" "赛马榜-签约榜 赛马榜2-签约榜" \
  "$(python3 -c 'import re, sys, zipfile; print(" ".join(n for n in re.findall(r"<sheet name=\"([^\"]*)\"", zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode()) if n.startswith("赛马榜")))' "$WORK/twice.xlsx")"
# enterprise users: 403; without a session 401
printf 'Ent-pass-2026\n' | pb user add qiye --db "$DB" --role enterprise --enterprise 91500108314159014J --password-stdin >/dev/null
expect_eq "enterprise user signs in" 200 "$(login qiye Ent-pass-2026)"
for p in dispatch dispatch.xlsx ranking activity; do
  expect_eq "enterprise user: $p 403" 403 "$(call e403 qiye "$URL/api/v1/$p?month=2025-03")"
done
expect_eq "no session" 401 "$(call ns nobody "$URL/api/v1/dispatch?month=2025-03")"

# ---- review (issue #6): the park operator's cut holds on every view; a viewer reads the zone ----
expect_eq "park: /ranking?period=month, the whole order, 乙's figures hidden" "园区乙:False 园区甲:True" \
  "$(call rp jia "$URL/api/v1/ranking?month=2025-03&period=month" >/dev/null; jb rp '" ".join(p["name"] + ":" + str("values" in p and "targets" in p and "points" in p) for p in d["lists"][0]["parks"])')"
expect_eq "... the scores still every park's (乙 115, 甲 67.5, as \"overall March\" above)" "115.0 67.5" "$(jb rp '" ".join(str(round(p["score"], 6)) for p in d["lists"][0]["parks"])')"
expect_eq "park: /activity?by=month, 甲's figures only, both indices" "True:[0.0, 25.0, 60.0] False:[0.0, 0.0, 55.0]" \
  "$(call ap jia "$URL/api/v1/activity?month=2025-03&by=month" >/dev/null; jb ap '" ".join(str("figures" in p) + ":" + str([round(x, 6) for x in p["index"]]) for p in d["parks"])')"
# the workbook's 目标完成 and 本月进展 sheets: 园区甲's row (no team, no 合计) and A/B's moves
# (A 一组, B 二组), nothing of 园区乙's or C's
expect_eq "park: /dispatch.xlsx" 200 "$(call xp jia "$URL/api/v1/dispatch.xlsx?month=2025-03")"
cells() { python3 - "$1" "$2" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
ss = [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
sheet = z.read("xl/worksheets/sheet%s.xml" % sys.argv[2]).decode()
vals = [ss[int(v)] for v in re.findall(r'<c [^>]*t="s"[^>]*><v>(\d+)</v>', sheet)]
print(" ".join(sorted(set(v for v in vals if v in ("园区甲", "园区乙", "一组", "二组", "团队：一组", "团队：二组", "合计", "A", "B", "C", "D")))))
PY
}
expect_eq "... 目标完成: 园区甲 only" "园区甲" "$(cells "$WORK/xp.b" 1)"
expect_eq "... 本月进展: A and B of 园区甲, with their teams" "A B 一组 二组 园区甲" "$(cells "$WORK/xp.b" 2)"
expect_eq "... the analyst's 目标完成 has both parks, both teams and the total" "合计 团队：一组 团队：二组 园区乙 园区甲" "$(cells "$WORK/dx.b" 1)"
printf 'Viewer-pass-2026\n' | pb user add kan --db "$DB" --role viewer --password-stdin >/dev/null
expect_eq "viewer signs in" 200 "$(login kan Viewer-pass-2026)"
expect_eq "viewer: the zone's report (both parks, teams, total)" "200 2 2 True" \
  "$(call dv kan "$URL/api/v1/dispatch?month=2025-03") $(jb dv '"%d %d %s" % (len(d["parks"]), len(d["teams"]), d["total"] is not None)')"
expect_eq "a month given as 13 on /ranking and /activity: 400 naming month" "400 month 400 month" \
  "$(call mr ana "$URL/api/v1/ranking?month=2025-13") $(jb mr 'd["error"]["field"]') $(call ma ana "$URL/api/v1/activity?month=x") $(jb ma 'd["error"]["field"]')"
expect_eq "a bad by: 400 naming by" "400 by" "$(call bb ana "$URL/api/v1/activity?month=2025-03&by=day") $(jb bb 'd["error"]["field"]')"

finish
