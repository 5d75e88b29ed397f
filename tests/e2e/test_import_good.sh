#!/usr/bin/env bash
# Importing good files of every format the bureau sends, re-importing them, and the
# export -> import round trip. Expected figures are worked out by hand in comments.
source "$(dirname "$0")/lib.sh"
G=$PB_TEST_DATA/good
DB=$WORK/zone.db
cd "$G"

pb import --db "$DB" parks parks.csv >/dev/null
expect_eq "two parks" 2 "$(q "$DB" 'SELECT count(*) FROM parks')"
# "3,000" with a thousands separator
expect_eq "planned area with separator" 3000.0 "$(q "$DB" "SELECT planned_area FROM parks WHERE short_name='茶园'")"

pb import --db "$DB" enterprises enterprises.csv >/dev/null
expect_eq "four enterprises" 4 "$(q "$DB" 'SELECT count(*) FROM enterprises')"
# "3464" and "c1620" are normalised to the lettered form
expect_eq "industry code normalised" "C3464|C1620" \
  "$(q "$DB" "SELECT group_concat(industry, '|') FROM (SELECT industry FROM enterprises WHERE name IN ('重庆乙制冷设备有限公司','重庆丙卷烟有限公司') ORDER BY id)")"
# the park by its short name 茶园
expect_eq "park by short name" "茶园新区产业园" \
  "$(q "$DB" "SELECT p.name FROM enterprises e JOIN parks p ON p.id=e.park_id WHERE e.name='重庆乙制冷设备有限公司'")"
# 规上 follows the tier when the column is absent: 龙头/骨干/成长型 yes, 规下 no
expect_eq "above_scale from tier" "1|1|1|0" "$(q "$DB" "SELECT group_concat(above_scale,'|') FROM (SELECT above_scale FROM enterprises ORDER BY id)")"

out=$(pb import --db "$DB" monthly monthly_gbk.csv 2>&1)
expect_eq "GBK two-row header imported" 3 "$(q "$DB" 'SELECT count(*) FROM monthly_reports WHERE month=202401')"
# 1.5 亿元 = 15000 万元; 上年同期 1.2 亿元 = 12000 万元
expect_eq "亿元 converted" "15000.0|12000.0" "$(q "$DB" "SELECT gross_output||'|'||gross_output_prev FROM monthly_reports m JOIN enterprises e ON e.id=m.enterprise_id WHERE e.name='重庆甲电子有限公司' AND month=202401")"
# full-width ０.２５ 亿元 = 2500 万元; "—" and "-" are missing (NULL)
expect_eq "full-width digits, dash missing" "2500.0|1|1" "$(q "$DB" "SELECT gross_output||'|'||(gross_output_prev IS NULL)||'|'||(revenue_prev IS NULL) FROM monthly_reports m JOIN enterprises e ON e.id=m.enterprise_id WHERE e.name='重庆乙制冷设备有限公司'")"
expect_eq "thousands separator in revenue_prev" "12500.5" "$(q "$DB" "SELECT revenue_prev FROM monthly_reports m JOIN enterprises e ON e.id=m.enterprise_id WHERE e.name='重庆甲电子有限公司'")"
case "$out" in *"已导入"*) ok "import message";; *) fail "import message: $out";; esac

pb import --db "$DB" monthly monthly_2024_02.csv >/dev/null
# 2,500,000 千瓦时 = 250 万千瓦时
expect_eq "kWh converted to 万千瓦时" "250.0" "$(q "$DB" "SELECT electricity FROM monthly_reports WHERE month=202402 AND gross_output=13000")"
# the February file has no revenue column: January's revenue stays untouched
expect_eq "absent column left alone" "16000.0" "$(q "$DB" "SELECT revenue FROM monthly_reports WHERE month=202401 AND gross_output=15000")"

pb import --db "$DB" land land.csv >/dev/null
# 1800 m² = 1800 × 15 / 10000 亩 = 2.7 亩
expect_eq "m² converted to 亩" "2.7" "$(q "$DB" "SELECT round(idle_area, 6) FROM land_plots WHERE plot_code='NP-01'")"
expect_eq "leased plot" "1" "$(q "$DB" "SELECT leased FROM land_plots WHERE plot_code='CY-07'")"

pb import --db "$DB" suppliers suppliers.csv >/dev/null
expect_eq "suppliers by enterprise name" "195|145" "$(q "$DB" "SELECT total||'|'||local FROM suppliers s JOIN enterprises e ON e.id=s.enterprise_id WHERE e.name='重庆甲电子有限公司'")"

# The investment pipeline and key projects
pb import --db "$DB" projects projects.csv >/dev/null
# 5 亿元 = 50000 万元; "48,000" 万元; 12.5 亿元 = 125000 万元
expect_eq "project amounts" "50000.0|48000.0|0|C3922" "$(q "$DB" "SELECT planned_investment||'|'||contract_value||'|'||foreign_funded||'|'||industry FROM projects WHERE name='智能终端配件项目'")"
expect_eq "foreign project, park by short name" "125000.0|1|茶园新区产业园" "$(q "$DB" "SELECT planned_investment||'|'||foreign_funded||'|'||p.name FROM projects j JOIN parks p ON p.id=j.park_id WHERE j.name='新能源汽车电子项目'")"
pb import --db "$DB" project-stages project-stages.csv >/dev/null
# 对接 is the 线索 stage (1); dates in three spellings
expect_eq "stage history" "1:20240105 3:20240318 6:20240620" "$(q "$DB" "SELECT group_concat(stage||':'||date, ' ') FROM (SELECT stage, date FROM project_stages s JOIN projects j ON j.id=s.project_id WHERE j.name='智能终端配件项目' ORDER BY stage)")"
pb import --db "$DB" key-projects key-projects.csv >/dev/null
pb import --db "$DB" key-project-years key-project-years.csv >/dev/null
expect_eq "key project years" "2021:800.0:760.5 2022:900.0:" "$(q "$DB" "SELECT group_concat(year||':'||planned||':'||ifnull(actual,''), ' ') FROM (SELECT year, planned, actual FROM key_project_years ORDER BY year)")"
expect_eq "key project start year from 2021年" "2021" "$(q "$DB" "SELECT start_year FROM key_projects")"

# Re-importing the same files changes nothing but the import log.
FIGS="enterprise_id, month, gross_output, sales_output, export_value, revenue, profit, tax, electricity, energy, employees, rd_expense, gross_output_prev, sales_output_prev, export_value_prev, revenue_prev, profit_prev, tax_prev, electricity_prev, energy_prev, employees_prev, rd_expense_prev"
before=$(sqlite3 -readonly "$DB" "SELECT $FIGS FROM monthly_reports" | sha256sum)
pb import --db "$DB" monthly monthly_gbk.csv >/dev/null
pb import --db "$DB" monthly monthly_2024_02.csv >/dev/null
after=$(sqlite3 -readonly "$DB" "SELECT $FIGS FROM monthly_reports" | sha256sum)
expect_eq "re-import is idempotent" "$before" "$after"
expect_eq "five monthly rows" 5 "$(q "$DB" 'SELECT count(*) FROM monthly_reports')"
expect_eq "every import recorded" 12 "$(q "$DB" 'SELECT count(*) FROM imports')"
expect_eq "imports audited" 12 "$(q "$DB" "SELECT count(*) FROM audit_log WHERE action='import'")"

# --dry-run writes nothing
n=$(q "$DB" 'SELECT count(*) FROM imports')
pb import --db "$DB" --dry-run monthly monthly_gbk.csv >/dev/null
expect_eq "dry run records nothing" "$n" "$(q "$DB" 'SELECT count(*) FROM imports')"

# Export -> import round trip, CSV and xlsx, into a fresh database: exporting the
# re-imported data gives the same file again (references travel as USCC and names).
for fmt in csv xlsx; do
  R=$WORK/rt_$fmt.db
  for kind in parks enterprises land monthly suppliers projects project-stages key-projects key-project-years; do
    pb export --db "$DB" $kind "$WORK/$kind.$fmt" >/dev/null
    pb import --db "$R" $kind "$WORK/$kind.$fmt" >/dev/null 2>&1 || fail "re-import of exported $kind.$fmt"
  done
  for kind in parks enterprises land monthly suppliers projects project-stages key-projects key-project-years; do
    pb export --db "$R" $kind "$WORK/again_$kind.csv" >/dev/null
    pb export --db "$DB" $kind "$WORK/orig_$kind.csv" >/dev/null
    # sorted: rows follow the referenced rows' ids, which a fresh database numbers anew
    expect_eq "round trip $fmt: $kind" "$(sort "$WORK/orig_$kind.csv" | sha256sum)" "$(sort "$WORK/again_$kind.csv" | sha256sum)"
  done
done
head -c 3 "$WORK/monthly.csv" | od -An -tx1 | grep -q 'ef bb bf' && ok "CSV export has a BOM" || fail "CSV export has a BOM"

finish
