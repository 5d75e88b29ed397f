#!/usr/bin/env bash
# report monthly: the demo zone's 2020 aggregates equal the published ones (表2-1), and
# every growth figure equals the same-sample rule computed independently in SQL by
# sqlite3 on the same database. Expected values come from the plan or from SQL, never
# from parkbrain's own output.
source "$(dirname "$0")/lib.sh"
DB=$WORK/demo.db
pb demo --db "$DB" >/dev/null 2>&1
J=$WORK/r.json
pb report monthly --db "$DB" --month 2020-12 --group all --json > "$J"
# jget PATH - one value of the JSON (python3 is on every Debian; only the stdlib is used)
jget() { python3 -c "import json,sys; d=json.load(open('$J')); print(eval('d' + sys.argv[1]))" "$1"; }
within() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; }
# 表2-1, 2020: 规模工业总产值 797.1亿元 = 7,971,000 万元; the figures are written to 0.01 万元,
# so 2,100 rounded figures are within 10.5 万元 of the target
v=$(jget "['total']['gross_output']['ytd']['value']")
within "$v" 7971000 11 && ok "2020 1-12月 output = 表2-1 797.1亿元 ($v)" || fail "2020 output $v"
for pair in "电子信息:3833000" "装备制造:1760000" "消费品:1174000" "医疗制造:366000" "其它:838000"; do
  s=${pair%%:*}; t=${pair##*:}
  v=$(python3 -c "import json; d=json.load(open('$J')); print([g for g in d['groupings']['sector']['groups'] if g['name']=='$s'][0]['metrics']['gross_output']['ytd']['value'])")
  within "$v" "$t" 11 && ok "2020 $s = 表2-1 $t 万元" || fail "2020 $s: $v, expected $t"
done
v=$(jget "['total']['revenue']['ytd']['value']"); within "$v" 9080000 11 && ok "2020 营业收入 908亿元" || fail "revenue $v"
v=$(jget "['total']['profit']['ytd']['value']"); within "$v" 269000 11 && ok "2020 利润 26.9亿元" || fail "profit $v"
v=$(jget "['total']['tax']['ytd']['value']"); within "$v" 662000 11 && ok "2020 税金 66.2亿元" || fail "tax $v"
# the plan's published 2020 增加值 growth, shown as published (comparable prices)
expect_eq "official 增加值 rate 6.1%" "6.1" "$(jget "['official_rates'][0]['ytd_rate']")"
# the 龙头 share of the year's output, as data/demo/README.md works it out (66.0%, plan says 67%)
v=$(jget "['dependence']['leading_ytd_share']"); within "$v" 66.0 0.05 && ok "龙头 share 66.0%" || fail "龙头 share $v"

# Same-sample growth of 2025-06 (当月 and 1-6月), recomputed in SQL: base = the reported
# 上年同期 figure, else the own report twelve months earlier; an enterprise counts in the
# cumulative only when every month it reported has a base.
J=$WORK/r2.json
pb report monthly --db "$DB" --month 2025-06 --group all --json > "$J"
sql_month=$(q "$DB" "
  WITH b AS (SELECT c.enterprise_id, c.gross_output AS cur,
                    COALESCE(c.gross_output_prev, p.gross_output) AS base
             FROM monthly_reports c LEFT JOIN monthly_reports p
               ON p.enterprise_id = c.enterprise_id AND p.month = c.month - 100
             WHERE c.month = 202506 AND c.gross_output IS NOT NULL)
  SELECT printf('%.6f', (sum(cur) / sum(base) - 1) * 100) FROM b WHERE base IS NOT NULL")
v=$(jget "['total']['gross_output']['month']['growth']")
within "$v" "$sql_month" 0.000001 && ok "当月同比 = SQL ($sql_month)" || fail "当月同比 $v vs SQL $sql_month"
sql_ytd=$(q "$DB" "
  WITH b AS (SELECT c.enterprise_id, c.gross_output AS cur,
                    COALESCE(c.gross_output_prev, p.gross_output) AS base
             FROM monthly_reports c LEFT JOIN monthly_reports p
               ON p.enterprise_id = c.enterprise_id AND p.month = c.month - 100
             WHERE c.month BETWEEN 202501 AND 202506 AND c.gross_output IS NOT NULL),
  e AS (SELECT enterprise_id, sum(cur) cur, sum(base) base, count(*) - count(base) AS nobase
        FROM b GROUP BY enterprise_id)
  SELECT printf('%.6f|%d', (sum(cur) / sum(base) - 1) * 100, count(*)) FROM e WHERE nobase = 0")
within "$(jget "['total']['gross_output']['ytd']['growth']")" "${sql_ytd%%|*}" 0.000001 && ok "累计同比 = SQL (${sql_ytd%%|*})" || fail "累计同比 vs SQL $sql_ytd"
expect_eq "累计同口径 sample = SQL" "${sql_ytd##*|}" "$(jget "['total']['gross_output']['ytd']['sample']")"
# a park's share and 贡献率 from SQL sums (the same same-sample pairs, park by park)
sql_park=$(q "$DB" "
  WITH b AS (SELECT e.park_id, c.gross_output AS cur, COALESCE(c.gross_output_prev, p.gross_output) AS base
             FROM monthly_reports c JOIN enterprises e ON e.id = c.enterprise_id
             LEFT JOIN monthly_reports p ON p.enterprise_id = c.enterprise_id AND p.month = c.month - 100
             WHERE c.month = 202506 AND c.gross_output IS NOT NULL AND base IS NOT NULL),
  t AS (SELECT sum(cur) - sum(base) AS d FROM b)
  SELECT printf('%.6f', (sum(cur) - sum(base)) / (SELECT d FROM t) * 100) FROM b
  WHERE park_id = (SELECT id FROM parks WHERE name = '茶园工业园')")
v=$(python3 -c "import json; d=json.load(open('$J')); print([g for g in d['groupings']['park']['groups'] if g['name']=='茶园工业园'][0]['metrics']['gross_output']['month']['contribution'])")
within "$v" "$sql_park" 0.000001 && ok "茶园工业园 当月贡献率 = SQL ($sql_park)" || fail "贡献率 $v vs SQL $sql_park"
# every sector's 1-6月 all-reports sum and 当月 same-sample growth, from SQL
for sector in 电子信息 装备制造 消费品 医疗制造 其它; do
  sql_sec=$(q "$DB" "
    WITH b AS (SELECT c.gross_output AS cur, COALESCE(c.gross_output_prev, p.gross_output) AS base
               FROM monthly_reports c JOIN enterprises e ON e.id = c.enterprise_id
               LEFT JOIN monthly_reports p ON p.enterprise_id = c.enterprise_id AND p.month = c.month - 100
               WHERE c.month = 202506 AND c.gross_output IS NOT NULL AND e.sector = '$sector')
    SELECT printf('%.6f', (sum(CASE WHEN base IS NOT NULL THEN cur END) / sum(base) - 1) * 100) FROM b")
  v=$(python3 -c "import json; d=json.load(open('$J')); print([g for g in d['groupings']['sector']['groups'] if g['name']=='$sector'][0]['metrics']['gross_output']['month']['growth'])")
  within "$v" "$sql_sec" 0.000001 && ok "$sector 当月同比 = SQL ($sql_sec)" || fail "$sector 当月同比 $v vs SQL $sql_sec"
done
# 增长面: the share of the sample above its base
sql_grow=$(q "$DB" "
  WITH b AS (SELECT c.gross_output AS cur, COALESCE(c.gross_output_prev, p.gross_output) AS base
             FROM monthly_reports c LEFT JOIN monthly_reports p
               ON p.enterprise_id = c.enterprise_id AND p.month = c.month - 100
             WHERE c.month = 202506 AND c.gross_output IS NOT NULL)
  SELECT sum(cur > base) FROM b WHERE base IS NOT NULL")
expect_eq "当月增长企业数 = SQL" "$sql_grow" "$(jget "['total']['gross_output']['month']['growing']")"

# the text report and the workbook
out=$(pb report monthly --db "$DB" --month 2025-06)
case "$out" in *"2025年6月工业经济运行分析"*"按产业板块"*"全区合计"*) ok "text report";; *) fail "text report: $out";; esac
out=$(pb report monthly --db "$DB" --month 2025-06 --lang en)
case "$out" in *"industrial operations, 2025-06"*) ok "English report";; *) fail "English: $out";; esac
pb report monthly --db "$DB" --month 2025-06 --xlsx "$WORK/m.xlsx" 2>/dev/null
sheets=$(unzip -p "$WORK/m.xlsx" xl/workbook.xml | grep -o 'sheet name="[^"]*"' | cut -d'"' -f2 | tr '\n' ' ')
case "$sheets" in *"综合 产业板块 行业大类 园区 企业层级 规模 企业标签 增减企业 规划目标跟踪"*) ok "workbook sheets: $sheets";; *) fail "sheets: $sheets";; esac
unzip -p "$WORK/m.xlsx" xl/sharedStrings.xml | grep -c "当月同比（%）" >/dev/null && ok "Chinese headers" || fail "headers"
unzip -p "$WORK/m.xlsx" xl/worksheets/sheet1.xml | grep -c 'ySplit="3"[^>]*state="frozen"' >/dev/null && ok "frozen header" || fail "frozen header"
# default month: the latest with reports
out=$(pb report monthly --db "$DB" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['month'])")
expect_eq "default month = latest" "2025-12" "$out"
# errors: a month outside the data, a bad month, a bad grouping
rc=0; pb report monthly --db "$DB" --month 2030-01 >/dev/null 2>"$WORK/err" || rc=$?
expect_eq "month outside the data: exit 1" 1 "$rc"
grep -q "2030年1月不在数据范围内" "$WORK/err" && ok "says why" || fail "message: $(cat "$WORK/err")"
exit_of() { local rc=0; "$@" >/dev/null 2>&1 || rc=$?; echo $rc; }
expect_eq "bad month: exit 2" 2 "$(exit_of pb report monthly --db "$DB" --month 2025-13)"
expect_eq "bad grouping: exit 2" 2 "$(exit_of pb report monthly --db "$DB" --group nope)"
expect_eq "bad metric: exit 2" 2 "$(exit_of pb report monthly --db "$DB" --metric nope)"
expect_eq "unknown report: exit 2" 2 "$(exit_of pb report nope --db "$DB")"
expect_eq "missing --db: exit 2" 2 "$(exit_of pb report monthly)"
finish
