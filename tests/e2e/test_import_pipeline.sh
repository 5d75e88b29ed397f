#!/usr/bin/env bash
# The investment pipeline's imports: stage events judged against the whole history (a
# skip, a step back, a drop need a reason), funds only after signing, all or nothing, and
# a dry run judging the same way. Every expected row and message is worked out by hand.
source "$(dirname "$0")/lib.sh"
DB=$WORK/zone.db
cd "$WORK"
cat > parks.csv <<'CSV'
园区名称,简称
甲园区,甲
乙园区,乙
CSV
cat > projects.csv <<'CSV'
项目名称,所属园区,招商团队,合同金额（亿元）
项目一,甲园区,一组,3
项目二,甲园区,一组,
项目三,乙园区,二组,12
项目四,乙园区,二组,0.8
CSV
pb import --db "$DB" parks parks.csv >/dev/null
pb import --db "$DB" projects projects.csv >/dev/null
# 3 亿元 = 30000 万元
expect_eq "contract in 万元" "30000.0" "$(q "$DB" "SELECT contract_value FROM projects WHERE name='项目一'")"

# 项目四 was in talks from 2025-02-01
printf '项目名称,阶段,日期,说明\n项目四,线索,2025-01-01,\n项目四,在谈,2025-02-01,\n' > stages0.csv
pb import --db "$DB" project-stages stages0.csv >/dev/null

# Row 3 skips 在谈 without a reason (a warning); row 4 steps back without one, row 5 enters
# a new project as dropped, row 7 drops without a reason (errors); row 6 skips with one.
cat > bad.csv <<'CSV'
项目名称,阶段,日期,说明
项目一,线索,2025-01-05,
项目一,签约,2025-02-10,
项目一,在谈,2025-03-01,
项目二,终止,2025-01-01,
项目三,签约,2025-01-10,补录：此前未登记
项目三,终止,2025-04-01,
CSV
before=$(dump_hash "$DB")
rc=0; out=$(pb import --db "$DB" project-stages bad.csv 2>&1) || rc=$?
expect_eq "bad history refused" 1 "$rc"
expect_eq "nothing written" "$before" "$(dump_hash "$DB")"
errs=$(printf '%s\n' "$out" | grep '^错误' | sed 's/^错误：bad.csv //' || true)
expect_eq "the three errors, by row and column" "第4行 B列「阶段」：从「签约」退回「在谈」，须说明原因
第5行 B列「阶段」：新项目不能以「终止」录入
第7行 B列「阶段」：终止项目须说明原因" "$errs"
case "$out" in *"警告：bad.csv 第3行 B列「阶段」：从「线索」到「签约」跳过了阶段"*) ok "skip without a reason warned";; *) fail "skip warning: $out";; esac
case "$out" in *第6行*) fail "row 6 has its reason: $out";; *) ok "a skip with a reason passes";; esac

# The dry run judges the same way, writing nothing
rc=0; dry=$(pb import --db "$DB" project-stages bad.csv --dry-run 2>&1) || rc=$?
expect_eq "dry run refused too" 1 "$rc"
expect_eq "dry run: the same three errors" "$errs" "$(printf '%s\n' "$dry" | grep '^错误' | sed 's/^错误：bad.csv //' || true)"

# Mended: reasons given, the new-as-dropped row gone. One warning (row 3) is left.
cat > good.csv <<'CSV'
项目名称,阶段,日期,说明
项目一,线索,2025-01-05,
项目一,签约,2025-02-10,
项目一,在谈,2025-03-01,合同条款重新谈判
项目三,签约,2025-01-10,补录：此前未登记
项目三,终止,2025-04-01,投资方战略调整
CSV
rc=0; dry=$(pb import --db "$DB" project-stages good.csv --dry-run 2>&1) || rc=$?
expect_eq "mended file passes a dry run" 0 "$rc"
expect_eq "dry run wrote nothing" "$before" "$(dump_hash "$DB")"
out=$(pb import --db "$DB" project-stages good.csv 2>&1)
case "$out" in *"5 行"*"1 个警告"*) ok "imported with one warning";; *) fail "import: $out";; esac
expect_eq "项目一's history in order" "1:20250105 3:20250210 2:20250301" \
  "$(q "$DB" "SELECT group_concat(stage||':'||date, ' ') FROM (SELECT s.stage, s.date FROM project_stages s JOIN projects j ON j.id=s.project_id WHERE j.name='项目一' ORDER BY s.date, s.rowid)")"
expect_eq "the reason kept" "投资方战略调整" "$(q "$DB" "SELECT note FROM project_stages WHERE stage=10")"
# Re-importing the same file is idempotent: the same rows (rowid, stage, day, reason) and
# the time each was first recorded (a second later, a re-set time would differ)
hist="SELECT group_concat(rowid||':'||stage||':'||date||':'||coalesce(note,'')||':'||recorded_at, ' ') FROM (SELECT * FROM project_stages ORDER BY rowid)"
h0=$(q "$DB" "$hist")
sleep 1
pb import --db "$DB" project-stages good.csv >/dev/null
expect_eq "re-import: same history, same recorded_at" "$h0" "$(q "$DB" "$hist")"

# A row that makes a stored event wrong: 项目四 signed on 01-15 turns its stored 在谈 of
# 02-01 (no reason) into a step back, said at the file's row 2.
printf '项目名称,阶段,日期,说明\n项目四,签约,2025-01-15,提前签约\n' > late.csv
rc=0; out=$(pb import --db "$DB" project-stages late.csv 2>&1) || rc=$?
expect_eq "stored event made a step back: refused" 1 "$rc"
case "$out" in *"第2行 B列「阶段」：此行之后该项目已有 2025-02-01 的「在谈」：从「签约」退回「在谈」，须说明原因"*) ok "said at the row that caused it";; *) fail "late row: $out";; esac

# A new day for a stage already recorded (项目四's 在谈 of 02-01 given as 02-10) is a new
# event, a move to the stage held (a warning): the warning says a file does not correct a
# day and where one is corrected (a dry run: nothing written either way)
printf '项目名称,阶段,日期,说明\n项目四,在谈,2025-02-10,\n' > redate.csv
before=$(dump_hash "$DB")
out=$(pb import --db "$DB" project-stages redate.csv --dry-run 2>&1)
case "$out" in *"第2行 B列「阶段」：项目已处于「在谈」阶段。该项目另有此阶段的记录：如为更正日期，文件不会替换原记录，请在项目页用「更正日期」"*) ok "a new day for a recorded stage: the hint";; *) fail "redate hint: $out";; esac
expect_eq "... the dry run wrote nothing" "$before" "$(dump_hash "$DB")"

# Funds: 项目三 signed 2025-01-10 (dropped later: money may still arrive), so 2024-12 is
# refused and January accepted; 项目一 stepped back from 签约 to 在谈, so it is not signed.
cat > funds.csv <<'CSV'
项目名称,月份,固定资产投资到位（万元）,流动资金到位（万元）
项目三,2024-12,100,
项目三,2025-01,200,50
项目一,2025-03,10,
项目三,2025-05,1000,
CSV
before=$(dump_hash "$DB")
rc=0; out=$(pb import --db "$DB" project-funds funds.csv 2>&1) || rc=$?
expect_eq "funds before signing refused" 1 "$rc"
expect_eq "funds: nothing written" "$before" "$(dump_hash "$DB")"
errs=$(printf '%s\n' "$out" | grep '^错误' | sed 's/^错误：funds.csv //' || true)
expect_eq "funds errors, by row" "第2行 B列「月份」：到位资金月份 2024-12 早于签约日 2025-01-10
第4行 B列「月份」：项目尚未签约，不能录入 2025-03 的到位资金" "$errs"
sed -i '/^项目三,2024-12/d; /^项目一/d' funds.csv
pb import --db "$DB" project-funds funds.csv >/dev/null
# 200 + 50 + 1000 = 1250 万元
expect_eq "funds imported" "1250.0" "$(q "$DB" "SELECT sum(coalesce(fixed,0)+coalesce(working,0)) FROM project_funds")"

# A stage file may not leave stored funds before a signing: 项目三 (signed 2025-01-10,
# dropped 04-01, funds from 2025-01) taken up again at 签约 on 06-01 (row 2: it keeps its
# signing) and then stepped back to 在谈 on 06-10 (row 3: no signing left, while 2025-01
# has 到位资金). The error is at row 3, the row that un-signed it, in the dry run too.
cat > unsign.csv <<'CSV'
项目名称,阶段,日期,说明
项目三,签约,2025-06-01,重新履约
项目三,在谈,2025-06-10,合同重新谈判
CSV
before=$(dump_hash "$DB")
msg="第3行 B列「阶段」：该项目已有到位资金，此变动后项目尚未签约，不能录入 2025-01 的到位资金；合同解除请记为「终止」（保留签约）"
for mode in --dry-run ""; do
  rc=0; out=$(pb import --db "$DB" project-stages unsign.csv $mode 2>&1) || rc=$?
  expect_eq "un-signing a funded project refused ${mode:-(write)}" 1 "$rc"
  expect_eq "... at the row that un-signs it ${mode:-(write)}" "$msg" "$(printf '%s\n' "$out" | grep '^错误' | sed 's/^错误：unsign.csv //' || true)"
done
expect_eq "un-signing: nothing written" "$before" "$(dump_hash "$DB")"
# without row 3 it keeps its signing: accepted
sed -i '3d' unsign.csv
pb import --db "$DB" project-stages unsign.csv >/dev/null || fail "reopening at 签约 refused"
expect_eq "reopened at 签约" "3" "$(q "$DB" "SELECT s.stage FROM project_stages s JOIN projects j ON j.id = s.project_id WHERE j.name = '项目三' ORDER BY s.date DESC, s.rowid DESC LIMIT 1")"
# every stored stage row has the time it was recorded (migration 6)
expect_eq "recorded_at on every imported row" 0 "$(q "$DB" "SELECT count(*) FROM project_stages WHERE recorded_at IS NULL OR recorded_at NOT GLOB '20[0-9][0-9]-*T*Z'")"

# Neither a stage nor funds ahead of time: a day after today (in the zone, UTC+8) and a
# month after this one are errors at their rows, as a move in the UI is
today=$(date -u -d "@$(( $(date +%s) + 8 * 3600 ))" +%F)
printf '项目名称,阶段,日期,说明
项目四,签约,2099-01-01,
' > future.csv
rc=0; out=$(pb import --db "$DB" project-stages future.csv 2>&1) || rc=$?
expect_eq "a stage in the future refused" "1|第2行 C列「日期」：日期 2099-01-01 晚于今天（$today），不能预记阶段" \
  "$rc|$(printf '%s\n' "$out" | grep '^错误' | sed 's/^错误：future.csv //')"
printf '项目名称,月份,固定资产投资到位（万元）
项目三,2099-01,5
' > future.csv
rc=0; out=$(pb import --db "$DB" project-funds future.csv 2>&1) || rc=$?
expect_eq "funds of a month to come refused" "1|第2行 B列「月份」：到位资金月份 2099-01 晚于本月（${today:0:7}）" \
  "$rc|$(printf '%s\n' "$out" | grep '^错误' | sed 's/^错误：future.csv //')"

# Targets, activities and key projects by month read as their headers say
cat > targets.csv <<'CSV'
年度,层级,名称,签约项目数,签约金额（亿元）,到位资金（亿元）,开工项目数
2025,园区,甲园区,10,26,5,2
2025,全区,全区,55,247.76,,
CSV
pb import --db "$DB" pipeline-targets targets.csv >/dev/null
# 247.76 亿元 = 2477600 万元
expect_eq "zone target in 万元" "55|2477600.0" "$(q "$DB" "SELECT signed_count||'|'||signed_value FROM pipeline_targets WHERE level='全区'")"
printf '日期,类型,主题,所属园区,项目名称\n2025-03-02,拜访,赴深圳拜访,甲园区,项目一\n2025-03-05,推介会,长三角推介,乙园区,\n' > acts.csv
pb import --db "$DB" activities acts.csv >/dev/null
expect_eq "activity kinds in their canonical words" "外出拜访 招商活动" "$(q "$DB" "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM activities ORDER BY date)")"
printf '日期,类型,主题\n2025-03-09,游园,x\n' > acts_bad.csv
rc=0; out=$(pb import --db "$DB" activities acts_bad.csv 2>&1) || rc=$?
expect_eq "unknown activity kind refused" 1 "$rc"

# An export of the stage history reads back unchanged
pb export --db "$DB" project-stages "$WORK/stages_out.csv" >/dev/null
n_before=$(q "$DB" "SELECT count(*) FROM project_stages")
pb import --db "$DB" project-stages "$WORK/stages_out.csv" >/dev/null
expect_eq "export → import round trip adds nothing" "$n_before" "$(q "$DB" "SELECT count(*) FROM project_stages")"
finish
