#!/usr/bin/env bash
# Exports over the API on the demo zone: GET /api/v1/exports/:kind within each role's
# scope, and POST /api/v1/exports/table (a page's table as .xlsx).
# - A park operator's (changjiang, 长江绿色创新产业园) export of each scoped kind holds
#   exactly its park's rows: counted here by SQL written by hand on the same database
#   (not the store's query), and every enterprise row is of its park; an enterprise
#   user's (vivo) only its own; the zone's kinds are 403 for both; a scoped export
#   imports again as it is (an analyst's dry run).
# - The table endpoint: a small table round-trips (labels, numbers as numbers, an empty
#   cell, the sheet's name, the file's name in UTF-8 and ASCII); bad JSON, a bad cell,
#   a short row, too many columns, rows or cells, an unknown field: 400 naming the field;
#   without the CSRF token 403, without a session 401; it is in the access log and not
#   in the audit log.
source "$(dirname "$0")/lib.sh"
DB=$WORK/demo.db
pb demo --db "$DB" >/dev/null 2>&1

serve "$DB"

call() { # call NAME USER ARGS... - curl with USER's cookie jar; body in $WORK/NAME.b; prints status
  local name=$1 user=$2; shift 2
  curl -s -o "$WORK/$name.b" -D "$WORK/$name.h" -w '%{http_code}' -b "$WORK/$user.jar" -c "$WORK/$user.jar" "$@"
}
json() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$WORK/$1.b" "$2"; }
login() { # login USER PASSWORD
  call "login_$1" "$1" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"password\":\"$2\"}" "$URL/api/v1/session"
}
# sheet NAME EXPR - evaluate EXPR over the rows of the workbook NAME.b (its first sheet):
# `rows` is a list of rows, each a list of (type, value) cells with None for a gap;
# type "n" (a number cell: <v>) or "s" (inline or shared string)
cat >"$WORK/sheet.py" <<'EOF'
import re, sys, zipfile
from xml.etree import ElementTree as ET
NS = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
z = zipfile.ZipFile(sys.argv[1])
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    shared = [''.join(t.text or '' for t in si.iter(NS + 't'))
              for si in ET.fromstring(z.read('xl/sharedStrings.xml')).iter(NS + 'si')]
def col(ref):
    n = 0
    for ch in re.match(r'[A-Z]+', ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1
rows = []
for r in ET.fromstring(z.read('xl/worksheets/sheet1.xml')).iter(NS + 'row'):
    row = []
    for c in r.iter(NS + 'c'):
        i = col(c.get('r'))
        row += [None] * (i + 1 - len(row))
        t = c.get('t')
        if t == 'inlineStr':
            row[i] = ('s', ''.join(x.text or '' for x in c.iter(NS + 't')))
        elif t == 's':
            row[i] = ('s', shared[int(c.find(NS + 'v').text)])
        elif c.find(NS + 'v') is not None:
            row[i] = ('n', float(c.find(NS + 'v').text))
    rows.append(row)
sheet = re.search(r'<sheet name="([^"]*)"', z.read('xl/workbook.xml').decode()).group(1)
text = lambda c: c[1] if c else ''
print(eval(sys.argv[2]))
EOF
sheet() { python3 "$WORK/sheet.py" "$WORK/$1.b" "$2"; }
header() { grep -i "^$2:" "$WORK/$1.h" | cut -d' ' -f2- | tr -d '\r'; }

expect_eq "analyst signs in" 200 "$(login analyst Demo-analyst-2026)"
expect_eq "park operator signs in" 200 "$(login changjiang Demo-park-2026)"
expect_eq "enterprise user signs in" 200 "$(login vivo Demo-vivo-2026)"
ACSRF=$(json login_analyst 'd["csrf"]')
PCSRF=$(json login_changjiang 'd["csrf"]')
VCSRF=$(json login_vivo 'd["csrf"]')

upload() { # upload NAME USER CSRF QUERY FILE
  call "$1" "$2" -H "X-CSRF-Token: $3" -H 'Content-Type: application/octet-stream' \
    --data-binary "@$5" "$URL/api/v1/imports?$4"
}
# the demo has no investment projects: two, in and out of the park, with their stages
printf '项目名称,所属园区,计划投资（万元）\n新能源电池项目,长江绿色创新产业园,50000\n智能终端配套项目,茶园工业园,30000\n' >"$WORK/projects.csv"
printf '项目名称,阶段,日期\n新能源电池项目,签约,2025-03-01\n智能终端配套项目,在谈,2025-04-01\n新能源电池项目,开工,2025-06-01\n' >"$WORK/stages.csv"
expect_eq "the analyst imports two projects" 200 "$(upload ip analyst "$ACSRF" "kind=projects&name=projects.csv" "$WORK/projects.csv")"
expect_eq "... and their stages" 200 "$(upload is analyst "$ACSRF" "kind=project-stages&name=stages.csv" "$WORK/stages.csv")"
# funds, activities and a park target in and out of the park (migration 5's kinds)
printf '项目名称,月份,固定资产投资到位（万元）\n新能源电池项目,2025-04,1200\n' >"$WORK/funds.csv"
printf '日期,类型,主题,所属园区\n2025-04-02,外出拜访,赴宁德拜访,长江绿色创新产业园\n2025-04-03,招商活动,茶园推介会,茶园工业园\n' >"$WORK/acts.csv"
printf '年度,层级,名称,签约项目数\n2025,园区,长江绿色创新产业园,8\n2025,园区,茶园工业园,6\n2025,全区,全区,55\n' >"$WORK/targets.csv"
expect_eq "... funds" 200 "$(upload if analyst "$ACSRF" "kind=project-funds&name=funds.csv" "$WORK/funds.csv")"
expect_eq "... activities" 200 "$(upload ia analyst "$ACSRF" "kind=activities&name=acts.csv" "$WORK/acts.csv")"
expect_eq "... targets" 200 "$(upload it analyst "$ACSRF" "kind=pipeline-targets&name=targets.csv" "$WORK/targets.csv")"
PARK=$(q "$DB" "SELECT id FROM parks WHERE name = '长江绿色创新产业园'")
VIVO=$(q "$DB" "SELECT id FROM enterprises WHERE name LIKE '维沃%'")
VIVO_USCC=$(q "$DB" "SELECT uscc FROM enterprises WHERE id = $VIVO")

# ---- a park operator: each scoped kind holds exactly its park's rows ------------------
# rows of its park, by hand: a row's park is its own park_id, else its enterprise's
declare -A PARK_SQL=(
  [parks]="SELECT count(*) FROM parks WHERE id = $PARK"
  [enterprises]="SELECT count(*) FROM enterprises WHERE park_id = $PARK"
  [land]="SELECT count(*) FROM land_plots l LEFT JOIN enterprises e ON e.id = l.enterprise_id WHERE coalesce(l.park_id, e.park_id) = $PARK"
  [monthly]="SELECT count(*) FROM monthly_reports m JOIN enterprises e ON e.id = m.enterprise_id WHERE e.park_id = $PARK"
  [projects]="SELECT count(*) FROM projects WHERE park_id = $PARK"
  [project-stages]="SELECT count(*) FROM project_stages s JOIN projects p ON p.id = s.project_id WHERE p.park_id = $PARK"
  [suppliers]="SELECT count(*) FROM suppliers s JOIN enterprises e ON e.id = s.enterprise_id WHERE e.park_id = $PARK"
  [mujun-data]="SELECT count(*) FROM mujun_data m JOIN enterprises e ON e.id = m.enterprise_id WHERE e.park_id = $PARK"
  [mujun-facts]="SELECT count(*) FROM mujun_facts m JOIN enterprises e ON e.id = m.enterprise_id WHERE e.park_id = $PARK"
  [project-funds]="SELECT count(*) FROM project_funds f JOIN projects p ON p.id = f.project_id WHERE p.park_id = $PARK"
  [activities]="SELECT count(*) FROM activities WHERE park_id = $PARK"
  [pipeline-targets]="SELECT count(*) FROM pipeline_targets WHERE level = '园区' AND scope = '长江绿色创新产业园'"
  [key-projects]="SELECT count(*) FROM key_projects WHERE park_id = $PARK"
)
for kind in parks enterprises land monthly projects project-stages suppliers mujun-data mujun-facts project-funds activities pipeline-targets key-projects; do
  want=$(q "$DB" "${PARK_SQL[$kind]}")
  all=$(q "$DB" "SELECT count(*) FROM $(case $kind in land) echo land_plots;; monthly) echo monthly_reports;; *) echo "${kind//-/_}";; esac)")
  expect_eq "changjiang exports $kind" 200 "$(call "p_$kind" changjiang "$URL/api/v1/exports/$kind")"
  expect_eq "... exactly its park's $want of $all rows" "$want" "$(sheet "p_$kind" 'len(rows) - 1')"
done
# the demo has rows outside the park for the kinds that matter, or the counts prove little
[ "$(q "$DB" "${PARK_SQL[monthly]}")" -gt 0 ] && [ "$(q "$DB" "${PARK_SQL[monthly]}")" -lt "$(q "$DB" "SELECT count(*) FROM monthly_reports")" ] &&
  ok "the demo's monthly rows are in and out of the park" || fail "demo monthly rows"
expect_eq "... every enterprise of 长江绿色创新产业园" True \
  "$(sheet p_enterprises 'all(text(r[rows[0].index(("s", "所属园区"))]) == "长江绿色创新产业园" for r in rows[1:])')"
q "$DB" "SELECT e.uscc FROM monthly_reports m JOIN enterprises e ON e.id = m.enterprise_id WHERE e.park_id = $PARK ORDER BY 1" >"$WORK/p_monthly.want"
sheet p_monthly '"\n".join(sorted(text(r[0]) for r in rows[1:]))' >"$WORK/p_monthly.got"
expect_eq "... its monthly rows are its enterprises' (USCC by USCC)" "" "$(diff "$WORK/p_monthly.want" "$WORK/p_monthly.got" | head -3)"
expect_eq "... the same columns as the zone's export" 200 "$(call a_monthly analyst "$URL/api/v1/exports/monthly")"
expect_eq "... (its header)" "$(sheet a_monthly '[text(c) for c in rows[0]]')" "$(sheet p_monthly '[text(c) for c in rows[0]]')"
expect_eq "... and a csv one too" 200 "$(call p_csv changjiang "$URL/api/v1/exports/enterprises?format=csv")"
expect_eq "... of 49 lines and the header" "$(( $(q "$DB" "${PARK_SQL[enterprises]}") + 1 ))" "$(tr -cd '\n' <"$WORK/p_csv.b" | wc -c)"
cp "$WORK/p_monthly.b" "$WORK/p_monthly.xlsx"
expect_eq "the park's monthly export imports again as it is (an analyst's dry run)" 200 \
  "$(upload reimp analyst "$ACSRF" "kind=monthly&name=monthly.xlsx&dry_run=1" "$WORK/p_monthly.xlsx")"
expect_eq "... every row of it" "$(q "$DB" "${PARK_SQL[monthly]}")" "$(json reimp 'd["rows"]')"
cp "$WORK/p_land.b" "$WORK/p_land.xlsx"
expect_eq "... and its land" 200 "$(upload reimpl analyst "$ACSRF" "kind=land&name=land.xlsx&dry_run=1" "$WORK/p_land.xlsx")"
for kind in zone indicators indicator-actuals chains official-rates; do
  expect_eq "changjiang: $kind is the zone's (403)" 403 "$(call "pz_$kind" changjiang "$URL/api/v1/exports/$kind")"
done
expect_eq "... said in JSON" "forbidden kind" "$(json pz_chains 'd["error"]["code"], d["error"]["field"]' | tr -d "(),'")"

# ---- an enterprise user: only its own rows ---------------------------------------------
declare -A ENT_SQL=(
  [enterprises]="SELECT count(*) FROM enterprises WHERE id = $VIVO"
  [land]="SELECT count(*) FROM land_plots WHERE enterprise_id = $VIVO"
  [monthly]="SELECT count(*) FROM monthly_reports WHERE enterprise_id = $VIVO"
  [suppliers]="SELECT count(*) FROM suppliers WHERE enterprise_id = $VIVO"
  [mujun-data]="SELECT count(*) FROM mujun_data WHERE enterprise_id = $VIVO"
  [mujun-facts]="SELECT count(*) FROM mujun_facts WHERE enterprise_id = $VIVO"
)
for kind in enterprises land monthly suppliers mujun-data mujun-facts; do
  expect_eq "vivo exports $kind" 200 "$(call "v_$kind" vivo "$URL/api/v1/exports/$kind")"
  expect_eq "... only its own $(q "$DB" "${ENT_SQL[$kind]}")" "$(q "$DB" "${ENT_SQL[$kind]}")" "$(sheet "v_$kind" 'len(rows) - 1')"
done
expect_eq "... itself" "$VIVO_USCC" "$(sheet v_enterprises 'text(rows[1][0])')"
expect_eq "... its own months only" "$VIVO_USCC" "$(sheet v_monthly '"|".join(sorted(set(text(r[0]) for r in rows[1:])))')"
for kind in zone parks indicators projects project-stages key-projects chains official-rates; do
  expect_eq "vivo: $kind is not its own (403)" 403 "$(call "vz_$kind" vivo "$URL/api/v1/exports/$kind")"
done
expect_eq "the analyst still exports the whole zone" "$(q "$DB" "SELECT count(*) FROM monthly_reports")" "$(sheet a_monthly 'len(rows) - 1')"

# ---- POST /api/v1/exports/table ------------------------------------------------------
post() { # post NAME USER CSRF JSON-FILE
  call "$1" "$2" -H 'Content-Type: application/json' -H "X-CSRF-Token: $3" --data-binary "@$4" "$URL/api/v1/exports/table"
}
cat >"$WORK/t1.json" <<'EOF'
{"title": "月度监测 2025-12 按园区",
 "columns": [{"label": "园区"}, {"label": "企业数", "num": true}, {"label": "工业总产值（万元）", "num": true},
             {"label": "同比"}],
 "rows": [["长江绿色创新产业园", 49, 123456.75, 8.5], ["茶园工业园", 12, -0.25, "扭亏为盈"], ["=SUM(A1)", null, 1e21, ""]]}
EOF
AUDIT=$(q "$DB" "SELECT count(*) FROM audit_log")
expect_eq "a small table" 200 "$(post t1 analyst "$ACSRF" "$WORK/t1.json")"
expect_eq "... as a workbook" "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" "$(header t1 Content-Type)"
expect_eq "... named in UTF-8 and in ASCII" "attachment; filename=\"2025-12.xlsx\"; filename*=UTF-8''%E6%9C%88%E5%BA%A6%E7%9B%91%E6%B5%8B%202025-12%20%E6%8C%89%E5%9B%AD%E5%8C%BA.xlsx" "$(header t1 Content-Disposition)"
expect_eq "... its sheet named after the title" "月度监测 2025-12 按园区" "$(sheet t1 'sheet')"
expect_eq "... the labels as the header" "园区|企业数|工业总产值（万元）|同比" "$(sheet t1 '"|".join(text(c) for c in rows[0])')"
expect_eq "... numbers as numbers" "[('s', '长江绿色创新产业园'), ('n', 49.0), ('n', 123456.75), ('n', 8.5)]" "$(sheet t1 'rows[1]')"
expect_eq "... text as text, negative numbers kept" "[('s', '茶园工业园'), ('n', 12.0), ('n', -0.25), ('s', '扭亏为盈')]" "$(sheet t1 'rows[2]')"
expect_eq "... null and \"\" as empty cells, a formula's text only text" "[('s', '=SUM(A1)'), None, ('n', 1e+21)]" "$(sheet t1 'rows[3]')"
unzip -p "$WORK/t1.b" xl/worksheets/sheet1.xml >"$WORK/t1.xml" 2>/dev/null || python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())' "$WORK/t1.b" >"$WORK/t1.xml"
expect_eq "... in the sheet's XML: <c r=\"C2\"><v>123456.75</v></c>" 1 "$(grep -c '<c r="C2"><v>123456.75</v></c>' "$WORK/t1.xml")"
expect_eq "... no formula" 0 "$(grep -c '<f>' "$WORK/t1.xml" || true)"
expect_eq "... the header frozen" 1 "$(grep -c 'state="frozen"' "$WORK/t1.xml")"
expect_eq "... not audited (it changes nothing)" "$AUDIT" "$(q "$DB" "SELECT count(*) FROM audit_log")"
expect_eq "... in the access log" 1 "$(grep '"path":"/api/v1/exports/table"' "$WORK/access.log" | grep -c '"status":200')"
expect_eq "any signed-in user may (an enterprise user)" 200 "$(post t1v vivo "$VCSRF" "$WORK/t1.json")"
echo '{"title":"x","columns":[{"label":"a"}],"rows":[]}' >"$WORK/t0.json"
expect_eq "a header alone" 200 "$(post t0 changjiang "$PCSRF" "$WORK/t0.json")"
expect_eq "... one row" 1 "$(sheet t0 'len(rows)')"

bad() { # bad WHAT JSON FIELD - a body that is refused with 400 naming FIELD
  printf '%s' "$2" >"$WORK/bad.json"
  local code; code=$(post bad analyst "$ACSRF" "$WORK/bad.json")
  expect_eq "$1: 400" 400 "$code"
  expect_eq "... naming $3" "bad_request $3" "$(json bad 'd["error"]["code"], d["error"].get("field")' | tr -d "(),'")"
}
bad "not JSON" '{"title": "x", "columns": [' body
bad "not an object" '[1, 2]' body
bad "no title" '{"columns":[{"label":"a"}],"rows":[]}' title
bad "a title of 201 characters" "{\"title\":\"$(printf '表%.0s' $(seq 201))\",\"columns\":[{\"label\":\"a\"}],\"rows\":[]}" title
bad "no columns" '{"title":"x","columns":[],"rows":[]}' columns
bad "a label that is no string" '{"title":"x","columns":[{"label":"a"},{"label":5}],"rows":[]}' 'columns[1].label'
bad "num that is no boolean" '{"title":"x","columns":[{"label":"a","num":1}],"rows":[]}' 'columns[0].num'
bad "an unknown field" '{"title":"x","columns":[{"label":"a"}],"rows":[],"sheet":"y"}' sheet
bad "an unknown column field" '{"title":"x","columns":[{"label":"a","width":3}],"rows":[]}' 'columns[0].width'
bad "rows that are no array" '{"title":"x","columns":[{"label":"a"}],"rows":{}}' rows
bad "a short row" '{"title":"x","columns":[{"label":"a"},{"label":"b"}],"rows":[["a",1],["b"]]}' 'rows[1]'
bad "a boolean cell" '{"title":"x","columns":[{"label":"a"},{"label":"b"},{"label":"c"}],"rows":[[1,2,3],[1,2,3],[1,2,3],[1,2,true]]}' 'rows[3][2]'
bad "an object cell" '{"title":"x","columns":[{"label":"a"}],"rows":[[{"v":1}]]}' 'rows[0][0]'
python3 -c 'import json; print(json.dumps({"title": "x", "columns": [{"label": "c%d" % i} for i in range(257)], "rows": []}))' >"$WORK/wide.json"
expect_eq "257 columns: 400" 400 "$(post wide analyst "$ACSRF" "$WORK/wide.json")"
expect_eq "... naming columns" "columns" "$(json wide 'd["error"]["field"]')"
python3 -c 'import json; print(json.dumps({"title": "x", "columns": [{"label": "c%d" % i} for i in range(256)], "rows": [list(range(256))]}))' >"$WORK/wide2.json"
expect_eq "256 columns are fine" 200 "$(post wide2 analyst "$ACSRF" "$WORK/wide2.json")"
python3 -c 'import json; print(json.dumps({"title": "x", "columns": [{"label": "n"}], "rows": [[i] for i in range(200001)]}))' >"$WORK/long.json"
expect_eq "200,001 rows: 400" 400 "$(post long analyst "$ACSRF" "$WORK/long.json")"
expect_eq "... naming rows" "rows" "$(json long 'd["error"]["field"]')"
python3 -c 'import json; print(json.dumps({"title": "x", "columns": [{"label": "c%d" % i} for i in range(21)], "rows": [[0] * 21] * 200000}))' >"$WORK/big.json"
expect_eq "200,000 rows of 21 columns (over 4,000,000 cells): 400" 400 "$(post big analyst "$ACSRF" "$WORK/big.json")"
expect_eq "... naming rows and the limit" "rows True" "$(json big 'd["error"]["field"], "4,000,000 cells" in d["error"]["message_en"]' | tr -d "(),'")"
expect_eq "without the CSRF token: 403" 403 "$(call nocsrf analyst -H 'Content-Type: application/json' --data-binary "@$WORK/t1.json" "$URL/api/v1/exports/table")"
expect_eq "... said so" csrf "$(json nocsrf 'd["error"]["code"]')"
expect_eq "with another session's token: 403" 403 "$(post other analyst "$PCSRF" "$WORK/t1.json")"
expect_eq "without a session: 401" 401 "$(call anon nobody -H 'Content-Type: application/json' --data-binary "@$WORK/t1.json" "$URL/api/v1/exports/table")"
expect_eq "GET of it is no kind: 404" 404 "$(call gett analyst "$URL/api/v1/exports/table")"
finish
