#!/usr/bin/env bash
# `parkbrain report plan` on the demo zone: the JSON figures against the same formulas
# computed independently (awk over the demo's indicators and actuals read with
# sqlite3), linear and binding indicators through the ordinary importer, the workbook,
# the thresholds from a config file and the command line, and the errors.
source "$(dirname "$0")/lib.sh"
DB=$WORK/demo.db
pb demo --db "$DB" >/dev/null

# Per indicator with actuals, as of year $1 (the latest year when empty): name, the
# latest year used, achieved and required growth (%), projection, and the status by
# plan.h's compound rule with the default 1-point growth tolerance. Every demo actual
# is of a compound 亿元 indicator; the linear ones are checked further down.
expected() {
  local upto=${1:-9999}
  q "$DB" "SELECT i.name, i.base_year, i.base_value, i.target_year, i.target_value, a.year, a.value
           FROM indicators i JOIN indicator_actuals a ON a.indicator_id = i.id
           WHERE a.year > i.base_year AND a.year <= min(i.target_year, $upto)
             AND a.year = (SELECT max(year) FROM indicator_actuals b WHERE b.indicator_id = i.id
                           AND b.year > i.base_year AND b.year <= min(i.target_year, $upto))
           ORDER BY i.id" |
  awk -F'|' '{
    b = $3; t = $5; y = $6; a = $7; done = y - $2; left = $4 - y
    planned = (exp(log(t / b) / ($4 - $2)) - 1) * 100
    got = (exp(log(a / b) / done) - 1) * 100
    need = left > 0 && a < t ? sprintf("%.6f", (exp(log(t / a) / left) - 1) * 100) : "null"
    proj = a * exp(log(1 + got / 100) * left)
    s = planned - got
    st = a >= t ? "done" : s <= 0 ? "on_course" : s <= 1 ? "at_risk" : "off_course"
    printf "%s|%d|%.6f|%s|%.6f|%s\n", $1, y, got, need, proj, st }'
}

# The same fields from parkbrain's JSON, rounded alike.
actual() {
  pb report plan --db "$DB" "$@" --json | jq -r '.indicators[] | select(.latest_year != null) |
    [.name, .latest_year, (.achieved_growth * 1e6 | round / 1e6),
     (if .required_growth == null then "null" else (.required_growth * 1e6 | round / 1e6) end),
     (.projected * 1e6 | round / 1e6), .status] | @tsv' |
  awk -F'\t' '{ printf "%s|%d|%.6f|%s|%.6f|%s\n", $1, $2, $3, ($4 == "null" ? "null" : sprintf("%.6f", $4)), $5, $6 }'
}

for year in 2022 2023 ""; do
  exp_rows=$(expected "$year")
  n=$(printf '%s\n' "$exp_rows" | grep -c .)
  if [ "$n" -ge 9 ] && [ "$exp_rows" = "$(actual ${year:+--year $year})" ]; then
    ok "figures of $n indicators as of ${year:-the latest year}"
  else
    fail "figures as of ${year:-the latest year}:"$'\n'"$(diff <(echo "$exp_rows") <(actual ${year:+--year $year}))"
  fi
done

# The path of every indicator with actuals, year by year from base to target: the planned
# course B x (T / B)^((y - y0) / (y1 - y0)) (all demo actuals are of compound 亿元
# indicators) and the year's actual as stored (the base value in the base year; none
# after the year assessed, $1).
expected_path() {
  local upto=${1:-9999}
  q "$DB" "SELECT i.name, i.base_year, i.base_value, i.target_year, i.target_value,
                  (SELECT group_concat(a.year || ':' || a.value, ' ') FROM indicator_actuals a
                   WHERE a.indicator_id = i.id AND a.year <= $upto)
           FROM indicators i WHERE i.id IN (SELECT indicator_id FROM indicator_actuals)
           ORDER BY i.id" |
  awk -F'|' '{
    split($6, pairs, " "); delete act
    for (k in pairs) { split(pairs[k], yv, ":"); act[yv[1]] = yv[2] }
    for (y = $2; y <= $4; y++) {
      planned = $3 * exp(log($5 / $3) * (y - $2) / ($4 - $2))
      a = y == $2 ? sprintf("%.6f", $3) : (y in act) ? sprintf("%.6f", act[y]) : "null"
      printf "%s|%d|%.6f|%s\n", $1, y, planned, a }}'
}
actual_path() {
  pb report plan --db "$DB" "$@" --json | jq -r '.indicators[] | select(.latest_year != null) |
    .name as $n | .path[] | [$n, .year, .planned, (.actual // "null")] | @tsv' |
  awk -F'\t' '{ printf "%s|%d|%.6f|%s\n", $1, $2, $3, ($4 == "null" ? "null" : sprintf("%.6f", $4)) }'
}
# (the JSON carries ten significant digits: compared within 1e-6 rather than by rounding,
# which can fall either side of a last digit)
for year in 2023 ""; do
  exp_rows=$(expected_path "$year")
  n=$(printf '%s\n' "$exp_rows" | grep -c .)
  bad=$(paste -d'|' <(echo "$exp_rows") <(actual_path ${year:+--year $year}) | awk -F'|' '
    $1 != $5 || $2 != $6 || $4 != $8 || ($3 - $7 > 1e-6 || $7 - $3 > 1e-6) { print }')
  if [ "$n" -ge 54 ] && [ -z "$bad" ] && [ "$n" = "$(actual_path ${year:+--year $year} | grep -c .)" ]; then
    ok "path: $n points as of ${year:-the latest year}"
  else
    fail "path as of ${year:-the latest year}:"$'\n'"$bad"
  fi
done

json=$(pb report plan --db "$DB" --json)
# 规模工业总产值 797.1 -> 1300, 2020 -> 2025: the 2023 point is the worked example's 时序应达值
# 1068.98 (docs/metrics.md), beside the demo's 2023 actual 1023.71
expect_eq "path: 2023 of 规模工业总产值" "2023|1068.98|1023.71" \
  "$(jq -r '.indicators[] | select(.name == "规模工业总产值") | .path[3] | "\(.year)|\(.planned * 100 | round / 100)|\(.actual)"' <<<"$json")"
expect_eq "path: 2020 to 2025 for every assessable indicator" 26 \
  "$(jq '[.indicators[] | select(.method != "none" and (.path | length) == 6 and .path[0].year == 2020 and .path[5].year == 2025)] | length' <<<"$json")"
expect_eq "as_of is the latest actual's year" "$(q "$DB" 'SELECT max(year) FROM indicator_actuals')" \
  "$(jq .as_of <<<"$json")"
expect_eq "26 indicators of 表2-1" 26 "$(jq '.indicators | length' <<<"$json")"
with=$(q "$DB" 'SELECT count(DISTINCT indicator_id) FROM indicator_actuals')
expect_eq "no data for the others" $((26 - with)) "$(jq .counts.no_data <<<"$json")"
expect_eq "counts add up" 26 "$(jq '[.counts[]] | add' <<<"$json")"
# 表2-1's misprinted rates are flagged: 3 -> 5 家 "30%", 60 -> 120 个 "100%", 4 -> 8 家 "25%"
expect_eq "stated rates flagged" "规上企业新建研发机构数量|新增智能工厂个数|新增智能制造标杆企业数量" \
  "$(jq -r '[.indicators[] | select(.flags | index("stated_growth_mismatch")) | .name] | join("|")' <<<"$json")"
# 规模工业总产值 797.1 -> 1300: the plan's rate is (1300/797.1)^(1/5) - 1 = 10.2773%
expect_eq "planned growth from base and target" 10.2773 \
  "$(jq '.indicators[] | select(.name == "规模工业总产值") | .planned_growth * 1e4 | round / 1e4' <<<"$json")"
# 新增绿色产品认定数量 0 -> 2 has no compound rate from 0: linear, and said so
expect_eq "methods" "compound:14 linear:11 maintain:1" \
  "$(jq -r '[.indicators[].method] | group_by(.) | map("\(.[0]):\(length)") | join(" ")' <<<"$json")"

# Linear and binding indicators, imported as a bureau would: 战略新兴 40% -> 45% at 43.5%
# in 2023 is 3.5/5 = 70% of the way at 60% of the time: on course; 固废综合利用率 86% ->
# 91% (约束性) at 88.8% is 56%, 4 points short: at risk for an expected indicator, off
# course for a binding one; R&D 强度 3% -> 3% at 2.9% is 3.3% below: at risk; 国家级研发
# 机构数 5 -> 8 (累计值) at 7 is 66.7%: on course, 0.5 a year still needed.
cat >"$WORK/acts.csv" <<'EOF'
指标名称,年份,实际值,来源
战略新兴产业产值占规模以上工业总产值比重,2023,43.5%,测试
一般工业固体废弃物综合利用率,2023,88.8%,测试
研究与试验发展（R＆D）经费投入强度,2023,2.9%,测试
国家级研发机构数,2023,7,测试
EOF
pb import --db "$DB" indicator-actuals "$WORK/acts.csv" >/dev/null
json=$(pb report plan --db "$DB" --year 2023 --json)
row() { jq -r --arg n "$1" ".indicators[] | select(.name == \$n) | $2" <<<"$json"; }
expect_eq "share: linear progress" "linear|70|60|on_course" \
  "$(row 战略新兴产业产值占规模以上工业总产值比重 '"\(.method)|\(.progress * 1e6 | round / 1e6)|\(.time_share)|\(.status)"')"
expect_eq "binding shortfall is off course" "true|56|off_course" \
  "$(row 一般工业固体废弃物综合利用率 '"\(.binding)|\(.progress * 1e6 | round / 1e6)|\(.status)"')"
expect_eq "maintain below target: at risk" "maintain|at_risk" \
  "$(row '研究与试验发展（R＆D）经费投入强度' '"\(.method)|\(.status)"')"
expect_eq "累计值: linear" "linear|66.666667|0.5|on_course" \
  "$(row 国家级研发机构数 '"\(.method)|\(.progress * 1e6 | round / 1e6)|\(.required_per_year)|\(.status)"')"
# binding_strict off gives the binding indicator the band
echo '{"plan": {"binding_strict": false}}' >"$WORK/lenient.json"
expect_eq "binding_strict false" at_risk \
  "$(pb report plan --db "$DB" --year 2023 --json --config "$WORK/lenient.json" | jq -r '.indicators[] | select(.name == "一般工业固体废弃物综合利用率") | .status')"

# Thresholds: the config file, then --at-risk over it
echo '{"plan": {"at_risk_tolerance": 3, "growth_tolerance": 0}}' >"$WORK/strict.json"
j=$(pb report plan --db "$DB" --json --config "$WORK/strict.json")
expect_eq "growth_tolerance 0: no compound row at risk" 0 \
  "$(jq '[.indicators[] | select(.method == "compound" and .status == "at_risk")] | length' <<<"$j")"
expect_eq "config applied" "3|0" "$(jq -r '"\(.config.at_risk_tolerance)|\(.config.growth_tolerance)"' <<<"$j")"
expect_eq "--at-risk wins over the file" 8 \
  "$(pb report plan --db "$DB" --json --config "$WORK/strict.json" --at-risk 8 | jq .config.at_risk_tolerance)"
# 固废 with the band given to binding rows (lenient) but --at-risk 3: 4 points short is
# beyond it
expect_eq "--at-risk narrows the band" off_course \
  "$(pb report plan --db "$DB" --year 2023 --json --config "$WORK/lenient.json" --at-risk 3 | jq -r '.indicators[] | select(.name == "一般工业固体废弃物综合利用率") | .status')"

# The workbook: a valid xlsx with the plan sheet and its Chinese headers
out=$(pb report plan --db "$DB" --xlsx "$WORK/plan.xlsx")
case "$out" in *"已写入"*) ok "xlsx written";; *) fail "xlsx message: $out";; esac
# (the listing is read whole: grep -q would close the pipe early and pipefail fail it)
if unzip -tq "$WORK/plan.xlsx" >/dev/null && unzip -l "$WORK/plan.xlsx" | grep -c 'xl/worksheets/sheet1.xml' >/dev/null; then
  ok "xlsx is a valid zip with one sheet"
else
  fail "xlsx not valid"
fi
strings=$(unzip -p "$WORK/plan.xlsx" xl/sharedStrings.xml)
for h in 规划目标跟踪 基期值 目标值 最新实际值 "已实现年均增长（%）" "尚需年均增长（%）" 目标年预计值 "时序进度（%）" "完成进度（%）" 状态 属性; do
  case "$strings" in *"$h"*) ;; *) fail "header $h missing"; continue;; esac
done
ok "Chinese headers in the sheet"
expect_eq "sheet name" 1 "$(unzip -p "$WORK/plan.xlsx" xl/workbook.xml | grep -c 'name="规划目标跟踪"')"
expect_eq "header rows frozen" 1 "$(unzip -p "$WORK/plan.xlsx" xl/worksheets/sheet1.xml | grep -c 'ySplit="3"')"
# --json with --xlsx: stdout stays pure JSON
pb report plan --db "$DB" --json --xlsx "$WORK/plan2.xlsx" 2>/dev/null | jq -e .as_of >/dev/null &&
  [ -s "$WORK/plan2.xlsx" ] && ok "--json --xlsx" || fail "--json --xlsx"

# The table, in both languages
out=$(pb report plan --db "$DB")
case "$out" in *"规划目标跟踪（截至 2025 年）"*"规模工业总产值"*"未达进度"*) ok "table";; *) fail "table: $out";; esac
out=$(pb report plan --db "$DB" --lang en)
case "$out" in *"Plan targets: progress (as of 2025)"*"off course"*) ok "table in English";; *) fail "English table: $out";; esac

# Errors: usage is exit 2 with a message naming what is wrong
expect_exit() { # WHAT CODE WORD -- ARGS...
  local what=$1 code=$2 word=$3; shift 4
  local err rc=0
  err=$(pb "$@" 2>&1 >/dev/null) || rc=$?
  if [ "$rc" = "$code" ] && [[ "$err" == *"$word"* ]]; then ok "$what"; else fail "$what: exit $rc, $err"; fi
}
expect_exit "bad --year" 2 "--year" -- report plan --db "$DB" --year 20x5
expect_exit "short --year" 2 "--year" -- report plan --db "$DB" --year 25
expect_exit "bad --at-risk" 2 "--at-risk" -- report plan --db "$DB" --at-risk 120
echo '{"plan": {"at_risk_tolerance": "five"}}' >"$WORK/bad.json"
expect_exit "config: wrong type names the field" 2 "plan.at_risk_tolerance" -- report plan --db "$DB" --config "$WORK/bad.json"
expect_exit "config: names the file" 2 "bad.json" -- report plan --db "$DB" --config "$WORK/bad.json"
echo '{"plan": {"growth_tolerance": -1}}' >"$WORK/range.json"
expect_exit "config: out of range" 2 "plan.growth_tolerance" -- report plan --db "$DB" --config "$WORK/range.json"
echo '{"plan": {"at_risk_tolerence": 5}}' >"$WORK/typo.json"
expect_exit "config: unknown key" 2 "at_risk_tolerence" -- report plan --db "$DB" --config "$WORK/typo.json"
printf '{"plan":\n {"at_risk_tolerance": 5,,}}' >"$WORK/syntax.json"
expect_exit "config: syntax error with its line" 2 "line 2" -- report plan --db "$DB" --config "$WORK/syntax.json"
expect_exit "config: missing file" 2 "nothing.json" -- report plan --db "$DB" --config "$WORK/nothing.json"
expect_exit "missing --db" 2 "--db" -- report plan
expect_exit "unknown report" 2 "unknown report" -- report nosuch --db "$DB"
expect_exit "no report named" 2 "report plan" -- report
expect_exit "stray argument" 2 "extra" -- report plan --db "$DB" extra
expect_exit "unwritable --xlsx" 3 "/nonexistent/dir/p.xlsx" -- report plan --db "$DB" --xlsx /nonexistent/dir/p.xlsx
[ ! -e /nonexistent/dir/p.xlsx ] && ok "nothing half-written" || fail "xlsx left behind"

# A year before any actual: everything is without data, and that is not an error
expect_eq "year before the actuals" 26 "$(pb report plan --db "$DB" --year 2020 --json | jq '.counts.no_data')"
# An empty database: no indicators, exit 0
pb init --db "$WORK/empty.db" >/dev/null
expect_eq "empty database" "0|null" "$(pb report plan --db "$WORK/empty.db" --json | jq -r '"\(.indicators | length)|\(.as_of)"')"
finish
