#!/usr/bin/env bash
# The demo zone's investment pipeline and key projects: after `parkbrain demo`, the
# pipeline's own figures (`parkbrain pipeline --json`, the engine's definitions) give the
# seeds' published figures exactly. Expected values are the documents' figures, not the
# program's output:
#   002 (四园一港, from their founding in March 2024 to the article's date, taken as
#       2024-09-30): 累计对接项目248个, 累计签约项目21个、签约金额133.24亿元, 累计开工项目9个;
#       茶园工业园: 累计对接项目53个, 签约项目3个, 签约金额26亿元, 项目开工2个, 在谈项目37个;
#   000 (2024): 1—12月完成招商项目签约55个, 正式合同额247.76亿元.
source "$(dirname "$0")/lib.sh"
DB=$WORK/demo.db
pb demo --db "$DB" --out "$WORK/files" >"$WORK/log" 2>&1 || fail "demo: $(cat "$WORK/log")"
W=$(pb pipeline --db "$DB" --from 2024-03-01 --to 2024-09-30 --json)
t() { jq -r "$1" <<<"$W"; }
expect_eq "四园一港 对接 248" 248 "$(t '.total.entered.lead')"
expect_eq "四园一港 签约 21" 21 "$(t '.total.entered.signed')"
expect_eq "四园一港 签约金额 133.24亿元" 1332400 "$(t '.total.signed_value')"
expect_eq "四园一港 开工 9" 9 "$(t '.total.entered.started')"
# every project belongs to one of the five parks of 四园一港 (parks.csv)
expect_eq "five parks, no project without one" "5|0" "$(t '[.groups[] | select(.name != "（未填）")] | length')|$(t '[.groups[] | select(.name == "（未填）")] | length')"
c() { jq -r ".groups[] | select(.name == \"茶园工业园\") | $1" <<<"$W"; }
expect_eq "茶园 对接 53" 53 "$(c '.entered.lead')"
expect_eq "茶园 签约 3" 3 "$(c '.entered.signed')"
expect_eq "茶园 签约金额 26亿元" 260000 "$(c '.signed_value')"
expect_eq "茶园 开工 2" 2 "$(c '.entered.started')"
expect_eq "茶园 在谈 37 at 2024-09-30" 37 "$(c '.held.talks')"
# 长江绿色创新产业园: 累计完成招商引资签约金额31.5亿元; 新开工 理智德…、数字医疗产业研究平台 (two)
l() { jq -r ".groups[] | select(.name == \"长江绿色创新产业园\") | $1" <<<"$W"; }
expect_eq "长江绿色 签约金额 31.5亿元" 315000 "$(l '.signed_value')"
expect_eq "长江绿色 开工 2" 2 "$(l '.entered.started')"
expect_eq "the two named starts" "数字医疗产业研究平台|理智德生态恢复及生态保护项目" \
  "$(q "$DB" "SELECT group_concat(name, '|') FROM (SELECT p.name FROM projects p JOIN project_stages s ON s.project_id = p.id JOIN parks k ON k.id = p.park_id WHERE k.name = '长江绿色创新产业园' AND s.stage = 6 AND s.date BETWEEN 20240301 AND 20240930 ORDER BY p.name)")"
# 迎龙创新港·大学科技园: 对接83个项目 (the park 迎龙创新港 holds it, README)
expect_eq "迎龙 对接 83" 83 "$(jq -r '.groups[] | select(.name == "迎龙创新港") | .entered.lead' <<<"$W")"
Y=$(pb pipeline --db "$DB" --year 2024 --json)
expect_eq "2024 签约 55" 55 "$(jq -r '.total.entered.signed' <<<"$Y")"
expect_eq "2024 正式合同额 247.76亿元" 2477600 "$(jq -r '.total.signed_value' <<<"$Y")"
# the same figures with the dates given explicitly
expect_eq "2024 by --from/--to" 55 "$(pb pipeline --db "$DB" --from 2024-01-01 --to 2024-12-31 --json | jq -r '.total.entered.signed')"
# a plausible 2025: signings go on, none without a contract value
Y5=$(pb pipeline --db "$DB" --year 2025 --json)
n=$(jq -r '.total.entered.signed' <<<"$Y5")
[ "$n" -ge 40 ] && [ "$n" -le 90 ] && ok "2025 signings plausible ($n)" || fail "2025 signings: $n"
expect_eq "every signing valued" 0 "$(jq -r '.total.signed_unvalued' <<<"$Y5")"
# the generated rows are marked; the projects the documents name are not
expect_eq "named projects not generated" "9" \
  "$(q "$DB" "SELECT count(*) FROM projects WHERE generated = 0 AND name IN ('光量子芯片项目', '九州通大健康产业园项目', '领主实业项目', '鹰谷光电总部基地项目', '台达电子项目', '理智德生态恢复及生态保护项目', '数字医疗产业研究平台', '禾赛激光雷达产业园项目', '桐君阁中药智能制造项目')")"
expect_eq "every other project generated" 0 "$(q "$DB" "SELECT count(*) FROM projects WHERE generated = 0 AND note NOT LIKE '公布的项目%'")"
expect_eq "generated projects marked" 1 "$(q "$DB" "SELECT count(*) > 700 FROM projects WHERE generated = 1")"
# the demo imports without a warning of its own (the plan's own mismatches aside)
expect_eq "no warning on the pipeline files" 0 "$(grep -c '警告：\(projects\|project-\|pipeline-\|activities\|key-project-\)' "$WORK/log")"
# funds from the signing month on only (the importer refuses others; check the stored rows)
expect_eq "funds after signing" 0 "$(q "$DB" "SELECT count(*) FROM project_funds f WHERE f.month < (SELECT min(date) / 100 FROM project_stages s WHERE s.project_id = f.project_id AND s.stage = 3)")"
# some dropped (with reasons), some stepped back (with reasons)
expect_eq "drops have reasons" 0 "$(q "$DB" "SELECT count(*) FROM project_stages WHERE stage = 10 AND coalesce(note, '') = ''")"
expect_eq "some step-backs, with reasons" 1 "$(q "$DB" "SELECT count(*) >= 2 FROM project_stages WHERE stage = 4 AND note LIKE '%退回%'")"
expect_eq "some drops" 1 "$(q "$DB" "SELECT count(*) >= 10 FROM project_stages WHERE stage = 10")"
# 履约率 has cases: linked projects, some promising less than their enterprise's 2025 output, some more
expect_eq "kept and not kept" "1|1" "$(q "$DB" "SELECT sum(o >= promised_output) > 0, sum(o < promised_output) > 0 FROM (SELECT p.promised_output, (SELECT sum(gross_output) FROM monthly_reports m WHERE m.enterprise_id = p.enterprise_id AND month BETWEEN 202501 AND 202512) o FROM projects p WHERE enterprise_id IS NOT NULL)")" 
# targets from 002's box: 茶园 26 + 64 = 90亿元 and 21.6亿元 in place (README's mapping)
expect_eq "茶园 2024 target" "900000.0|216000.0" "$(q "$DB" "SELECT signed_value || '|' || funds FROM pipeline_targets WHERE year = 2024 AND scope = '茶园工业园'")"
expect_eq "activities every month" 24 "$(q "$DB" "SELECT count(DISTINCT date / 100) FROM activities WHERE date >= 20240101")"
# key projects (附件三): a yearly plan sums to its 十四五 plan; 表 values from the plan:
# 重庆美的工业互联网边云协同项目 15000万元 in 2020–2023, so 2021–2023 carry 15000
expect_eq "美的边云协同 yearly plan = 十四五 15000" "15000.0" \
  "$(q "$DB" "SELECT round(sum(y.planned), 2) FROM key_project_years y JOIN key_projects k ON k.id = y.key_project_id WHERE k.name = '重庆美的工业互联网边云协同项目'")"
expect_eq "every yearly plan sums to its 十四五 plan" 0 \
  "$(q "$DB" "SELECT count(*) FROM key_projects k WHERE planned_in_period > 0 AND abs(planned_in_period - (SELECT sum(planned) FROM key_project_years y WHERE y.key_project_id = k.id)) > 0.005")"
expect_eq "monthly investment 2021-01..2025-12" "202101|202512" "$(q "$DB" "SELECT min(month) || '|' || max(month) FROM key_project_months")"
expect_eq "owners in the register get its park" 0 "$(q "$DB" "SELECT count(*) FROM key_projects k JOIN enterprises e ON e.id = k.enterprise_id WHERE k.park_id IS NOT e.park_id")"
# some behind their 序时进度 in 2025 (completed < plan x 12/12 - 5 points), some not
expect_eq "some behind, some on pace" "1|1" "$(q "$DB" "SELECT sum(c < 0.95 * p) > 0, sum(c >= 0.95 * p) > 0 FROM (SELECT y.planned p, (SELECT coalesce(sum(completed), 0) FROM key_project_months m WHERE m.key_project_id = y.key_project_id AND m.month / 100 = 2025) c FROM key_project_years y JOIN key_projects k ON k.id = y.key_project_id WHERE y.year = 2025 AND k.nature NOT LIKE '%策划%')")"
# the held-up list at the demo's end is a working list, not most of the pipeline: the
# parks close leads and talks that went nowhere (终止, with a reason), so 5–15 % of the
# projects not dropped are held up past the default limits (README)
E=$(pb pipeline --db "$DB" --year 2025 --json)
live=$(jq -r '.total.projects - .total.held.dropped' <<<"$E")
stuck=$(jq -r '.stuck | length' <<<"$E")
[ $((stuck * 100)) -ge $((live * 5)) ] && [ $((stuck * 100)) -le $((live * 15)) ] \
  && ok "held up at 2025-12-31: $stuck of $live live projects" || fail "held up: $stuck of $live"
# the leads among them, counted apart from the engine: a project whose latest event is
# 线索, more than 90 days before 2025-12-31
expect_eq "held-up leads, by SQL" "$(jq -r '[.stuck[] | select(.stage == "lead")] | length' <<<"$E")" \
  "$(q "$DB" "SELECT count(*) FROM projects p WHERE (SELECT s.stage || ':' || s.date FROM project_stages s WHERE s.project_id = p.id ORDER BY s.date DESC, s.rowid DESC LIMIT 1) GLOB '1:*' AND julianday('2025-12-31') - julianday((SELECT substr(s.date, 1, 4) || '-' || substr(s.date, 5, 2) || '-' || substr(s.date, 7, 2) FROM project_stages s WHERE s.project_id = p.id ORDER BY s.date DESC, s.rowid DESC LIMIT 1)) > 90")"
expect_eq "the closed leads and talks have reasons" 0 "$(q "$DB" "SELECT count(*) FROM project_stages WHERE stage = 10 AND date > 20240930 AND coalesce(note, '') = ''")"
# deterministic: the same files, byte for byte
pb demo --db "$WORK/again.db" --out "$WORK/again" >/dev/null 2>&1
for f in projects project-stages project-funds activities key-project-years key-project-months; do
  cmp -s "$WORK/files/$f-generated.csv" "$WORK/again/$f-generated.csv" && ok "same bytes: $f" || fail "$f-generated.csv differs between two runs"
done
expect_eq "deterministic" "$(q "$DB" "SELECT group_concat(name || contract_value, ',') FROM projects")|$(q "$DB" "SELECT count(*), sum(date) FROM project_stages")" \
  "$(q "$WORK/again.db" "SELECT group_concat(name || contract_value, ',') FROM projects")|$(q "$WORK/again.db" "SELECT count(*), sum(date) FROM project_stages")"
finish
